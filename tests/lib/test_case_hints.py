"""One rule for case in queries (issue 19 §5): ``image_range`` and ``framework`` ignore case, every
other criterion is exact; when an exact criterion matches the catalog only in another case, the
lookup that finds nothing says which value was probably meant, in every front end's spelling."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_tione import lookup_platform_image
from pulumi_tione._spelling import front_end
from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.errors import ImageNotFoundError
from pulumi_tione.images.catalog import ProcessState, parse_images
from pulumi_tione.images.models import ImageFilter, ImageQuery
from pulumi_tione.images.resolve import hints, resolve
from tests.support.config import stack_config
from tests.support.seed import SEED_ID, SEED_NAME

IMAGES = parse_images(bundled_catalog(), "http://catalog")


def _not_found(**query: Any) -> str:
    with pytest.raises(ImageNotFoundError) as raised:
        resolve(ImageQuery.parse(query), IMAGES)
    return str(raised.value)


@pytest.mark.parametrize(("query", "meant"), [
    ({"gpu": "a100", "framework": "PYTORCH"}, "gpu='A100'"),
    ({"training_mode": "ddp"}, "training_mode='DDP'"),
    ({"name": SEED_NAME.upper()}, f"name={SEED_NAME!r}"),
    ({"image_id": SEED_ID.upper()}, f"image_id={SEED_ID!r}"),
])
def test_every_exact_criterion_in_another_case_gets_a_did_you_mean(query: dict[str, Any], meant: str) -> None:
    message = _not_found(**query)
    assert f"did you mean {meant}?" in message
    assert "is compared exactly, and case matters (only image_range and framework ignore it)" in message


def test_case_insensitive_criteria_need_no_hint() -> None:
    assert resolve(ImageQuery.parse({"name": SEED_NAME, "image_range": "train", "framework": "pytorch"}),
                   IMAGES).image_id == SEED_ID


def test_no_hint_for_a_value_the_catalog_has_or_has_in_no_case() -> None:
    assert hints(ImageFilter.parse({"gpu": "A100", "framework": "NOSUCH"}), IMAGES) == []
    assert hints(ImageFilter.parse({"gpu": "z999"}), IMAGES) == []
    assert hints(ImageFilter.parse({"gpu": "a100"})) == []  # no catalog given: nothing to compare


@pytest.mark.parametrize(("front", "meant"), [
    ("python", "gpu='A100'"), ("cli", "--gpu A100"), ("native", 'gpu: "A100"'),
])
def test_the_hint_is_spelled_for_each_front_end(front: Any, meant: str) -> None:
    with front_end(front):
        message = _not_found(gpu="a100")
    assert f"did you mean {meant}?" in message


def test_the_library_lookup_says_it_too(emu: Emulator) -> None:
    with pytest.raises(ImageNotFoundError, match=r"did you mean gpu='A100'\?"):
        lookup_platform_image(config=stack_config(emu), state=ProcessState(), framework="PYTORCH", gpu="a100")
