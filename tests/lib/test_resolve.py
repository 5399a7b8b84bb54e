"""Pure resolution: each criterion, not-found explanations, ambiguity, highest_version ordering."""

from __future__ import annotations

from typing import Any

import pytest
from packaging.version import Version

from pulumi_tione.emulator import bundled_catalog
from pulumi_tione.errors import AmbiguousImageError, ImageNotFoundError
from pulumi_tione.images.models import ImageFilter, ImageQuery, PlatformImageInfo
from pulumi_tione.images.resolve import filter_images, natural_key, resolve
from tests.support.seed import SEED_ID, SEED_NAME

BUNDLED = [PlatformImageInfo.model_validate(e) for e in bundled_catalog()]


def img(image_id: str, name: str | None = None, **fields: Any) -> PlatformImageInfo:
    """A crafted catalog entry (API field names)."""
    return PlatformImageInfo.model_validate({"ImageId": image_id, "ImageName": name or image_id, **fields})


def attrs(pipeline: str = "false", save_all: str = "false",
          modes: list[str] | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"Type": "Value", "Key": "SupportDataPipeline", "Value": pipeline},
                                 {"Type": "Value", "Key": "AllowSaveAllContent", "Value": save_all}]
    if modes is not None:
        out.append({"Type": "List", "Key": "TrainingModes", "Values": modes})
    return out


CRAFTED = [
    img("a", "torch-a", Framework="PYTORCH", FrameworkVersion="2.3", SupportGpuList=["T4", "A10"],
        ImageRange=["Train", "Notebook"], ExtraAttributes=attrs("true", "true", ["DDP", "MPI"]),
        SupportDistributedDeploy=True),
    img("b", "torch-b", Framework="PyTorch", FrameworkVersion="1.9.1", SupportGpuList=["V100"],
        ImageRange=["Inference"], ExtraAttributes=attrs(modes=["PS"]), SupportDistributedDeploy=False),
    img("c", "tf-c", Framework="TENSORFLOW", FrameworkVersion="1.15.5-tione", SupportGpuList=[],
        ImageRange=["Train"], ExtraAttributes=None, SupportDistributedDeploy=None),
    img("d", None, Framework=None, FrameworkVersion=None, ImageRange=None),
]


def ids(**query: Any) -> list[str]:
    return [i.image_id for i in filter_images(ImageFilter.parse(query), CRAFTED)]


@pytest.mark.parametrize(("query", "expected"), [
    ({"name": "torch-a"}, ["a"]),
    ({"name": "TORCH-A"}, []),
    ({"image_id": "b"}, ["b"]),
    ({"name_regex": "^torch-"}, ["a", "b"]),
    ({"name_regex": "c$"}, ["c"]),
    ({"image_range": "Train"}, ["a", "c"]),
    ({"image_range": "Inference"}, ["b"]),
    ({"framework": "pytorch"}, ["a", "b"]),
    ({"framework": "TensorFlow"}, ["c"]),
    ({"framework_version": "2.3"}, ["a"]),
    ({"framework_version": "1.15.5-tione"}, ["c"]),
    ({"framework_version": ">=1.9,<2.4"}, ["a", "b"]),
    ({"framework_version": "<2"}, ["b"]),
    ({"framework_version": "==2.*"}, ["a"]),
    ({"gpu": "T4"}, ["a"]),
    ({"gpu": "t4"}, []),
    ({"support_data_pipeline": True}, ["a"]),
    ({"support_data_pipeline": False}, ["b", "c", "d"]),
    ({"allow_save_all_content": True}, ["a"]),
    ({"training_mode": "DDP"}, ["a"]),
    ({"training_mode": "PS"}, ["b"]),
    ({"support_distributed_deploy": True}, ["a"]),
    ({"support_distributed_deploy": False}, ["b", "c", "d"]),
    ({"framework": "pytorch", "image_range": "Train", "gpu": "A10"}, ["a"]),
    ({}, ["a", "b", "c", "d"]),
])
def test_each_criterion(query: dict[str, Any], expected: list[str]) -> None:
    assert ids(**query) == expected


def test_non_pep440_version_never_satisfies_a_specifier() -> None:
    with pytest.raises(ImageNotFoundError, match=r"'1.15.5-tione' is not a PEP 440 version"):
        resolve(ImageQuery.parse({"name": "tf-c", "framework_version": ">=1"}), CRAFTED)


def test_seed_image_by_name_and_by_id() -> None:
    by_name = resolve(ImageQuery.parse({"name": SEED_NAME}), BUNDLED)
    by_id = resolve(ImageQuery.parse({"image_id": SEED_ID, "image_range": "train"}), BUNDLED)
    assert by_name == by_id
    assert by_name.image_id == SEED_ID


def test_not_found_names_the_criterion_that_excluded_the_image() -> None:
    with pytest.raises(ImageNotFoundError) as info:
        resolve(ImageQuery.parse({"name": SEED_NAME, "image_range": "Inference"}), BUNDLED)
    message = str(info.value)
    assert (f"{SEED_NAME} ({SEED_ID}): exists, but its ImageRange is [Notebook, Train], not Inference"
            in message)
    assert "searched 140 images" in message
    assert "tione-images list" in message


def test_not_found_suggests_nearest_names_for_a_typo() -> None:
    with pytest.raises(ImageNotFoundError) as info:
        resolve(ImageQuery.parse({"name": SEED_NAME.replace("gpu", "gpo")}), BUNDLED)
    assert f"  - {SEED_NAME} ({SEED_ID})" in str(info.value)


@pytest.mark.parametrize(("query", "why"), [
    ({"name": "torch-a", "gpu": "V100"}, "its SupportGpuList is [T4, A10], without V100"),
    ({"name": "torch-a", "framework": "tensorflow"}, "its Framework is PYTORCH, not tensorflow"),
    ({"name": "torch-a", "framework_version": "<2"}, "its FrameworkVersion 2.3 does not satisfy '<2'"),
    ({"name": "torch-a", "framework_version": "2.4"}, "its FrameworkVersion is 2.3, not 2.4"),
    ({"name": "torch-a", "training_mode": "PS"}, "its TrainingModes are [DDP, MPI], without PS"),
    ({"name": "torch-a", "support_data_pipeline": False}, "its SupportDataPipeline is true, not false"),
    ({"name": "torch-b", "allow_save_all_content": True}, "its AllowSaveAllContent is false, not true"),
    ({"name": "torch-b", "support_distributed_deploy": True},
     "its SupportDistributedDeploy is false, not true"),
    ({"name_regex": "^torch-a", "image_range": "Inference"},
     "its ImageRange is [Train, Notebook], not Inference"),
])
def test_each_criterion_explains_a_near_miss(query: dict[str, Any], why: str) -> None:
    with pytest.raises(ImageNotFoundError, match="exists, but ") as info:
        resolve(ImageQuery.parse(query), CRAFTED)
    assert why in str(info.value)


@pytest.mark.parametrize("query", [{"name": "qqqqqqqqqqqqqqq"}, {"image_id": "nope"}, {"name_regex": "^zzz"}])
def test_unrelated_images_are_not_offered_as_nearest(query: dict[str, Any]) -> None:
    with pytest.raises(ImageNotFoundError, match="no TI-ONE platform image matches") as info:
        resolve(ImageQuery.parse(query), BUNDLED)
    assert "Nearest images" not in str(info.value)


def test_ambiguous_lists_candidates_and_how_to_narrow() -> None:
    with pytest.raises(AmbiguousImageError) as info:
        resolve(ImageQuery.parse({"framework": "pytorch"}), CRAFTED)
    message = str(info.value)
    assert "2 TI-ONE platform images match framework='pytorch'" in message
    assert "  - torch-a (a, PYTORCH 2.3)" in message
    assert "  - torch-b (b, PyTorch 1.9.1)" in message
    assert "select='highest_version'" in message


def test_ambiguous_truncates_long_candidate_lists() -> None:
    with pytest.raises(AmbiguousImageError, match=r"\.\.\. and \d+ more") as info:
        resolve(ImageQuery.parse({"framework": "pytorch"}), BUNDLED)
    assert str(info.value).count("\n  - ") == 10


def test_highest_version_takes_the_highest_framework_version() -> None:
    chosen = resolve(ImageQuery.parse({"framework": "pytorch", "select": "highest_version"}), CRAFTED)
    assert chosen.image_id == "a"


def test_highest_version_breaks_ties_by_natural_name_descending() -> None:
    tied = [img(str(n), f"torch2.3-py3.{n}", FrameworkVersion="2.3") for n in (9, 10, 8)]
    chosen = resolve(ImageQuery.parse({"framework_version": "2.3", "select": "highest_version"}), tied)
    assert chosen.image_name == "torch2.3-py3.10"


@pytest.mark.parametrize("names", [("torch-py3.1", "torch-py3.01"), ("torch-py3.01", "torch-py3.1")])
def test_highest_version_breaks_natural_ties_by_plain_name_whatever_the_order(names: tuple[str, str]) -> None:
    tied = [img(name, name, FrameworkVersion="2.3") for name in names]
    chosen = resolve(ImageQuery.parse({"framework_version": "2.3", "select": "highest_version"}), tied)
    assert chosen.image_name == "torch-py3.1"


def test_highest_version_refuses_to_pick_between_identical_name_and_version() -> None:
    twins = [img(i, "torch2.3", FrameworkVersion=v) for i, v in (("x", "2.3"), ("y", "2.3.0"), ("z", "2.1"))]
    with pytest.raises(AmbiguousImageError, match="cannot choose") as info:
        resolve(ImageQuery.parse({"name": "torch2.3", "select": "highest_version"}), twins)
    message = str(info.value)
    assert "torch2.3 (x, None 2.3)" in message
    assert "torch2.3 (y, None 2.3.0)" in message
    assert "(z," not in message
    assert "Pick one by image_id" in message


def test_highest_version_prefers_pep440_over_unparseable() -> None:
    mixed = [img("x", "x", FrameworkVersion="nightly"), img("y", "y", FrameworkVersion="0.1"),
             img("z", "z", FrameworkVersion=None)]
    chosen = resolve(ImageQuery.parse({"name_regex": ".", "select": "highest_version"}), mixed)
    assert chosen.image_id == "y"


def test_highest_version_compares_versions_not_strings() -> None:
    versions = [img(v, f"tf{v}", FrameworkVersion=v) for v in ("2.9", "2.10", "2.2")]
    chosen = resolve(ImageQuery.parse({"name_regex": "^tf", "select": "highest_version"}), versions)
    assert chosen.framework_version == "2.10"


def test_highest_version_on_the_bundled_catalog_is_deterministic() -> None:
    query = ImageQuery.parse({"framework": "PYTORCH", "framework_version": ">=2.1,<3",
                              "image_range": "Train", "select": "highest_version"})
    first = resolve(query, BUNDLED)
    assert resolve(query, list(reversed(BUNDLED))) == first
    top = Version(first.framework_version or "")
    assert all(Version(i.framework_version or "") <= top for i in filter_images(query, BUNDLED))


def test_unique_match_ignores_select() -> None:
    assert resolve(ImageQuery.parse({"image_id": "c", "select": "highest_version"}), CRAFTED).image_id == "c"


def test_natural_key_orders_digit_runs_numerically() -> None:
    names = ["py3.10", "py3.9", "py3.11", "py2.7", None]
    assert sorted(names, key=natural_key) == [None, "py2.7", "py3.9", "py3.10", "py3.11"]


def test_natural_key_survives_non_decimal_digits() -> None:
    assert sorted(["1²", "1"], key=natural_key) == ["1", "1²"]


@pytest.mark.parametrize(("query", "argument"), [
    ({"name": "torch-a", "gpu": "H100"}, "gpu"),
    ({"name": "torch-a", "gpu": "H100", "image_range": "Inference"}, None),
    ({"name": "no-such"}, "name"),
    ({"name": "torch-a", "image_id": "b"}, None),
    ({"framework": "PYTORCH", "framework_version": "9.9"}, "framework_version"),
    ({"framework": "TENSORFLOW", "gpu": "V100"}, None),
])
def test_not_found_names_the_argument_that_excluded_the_image(
    query: dict[str, Any], argument: str | None
) -> None:
    with pytest.raises(ImageNotFoundError) as info:
        resolve(ImageQuery.parse(query), CRAFTED)
    assert info.value.argument == argument


def test_ambiguity_blames_no_argument() -> None:
    with pytest.raises(AmbiguousImageError) as info:
        resolve(ImageQuery.parse({"name_regex": "^torch"}), CRAFTED)
    assert info.value.argument is None
