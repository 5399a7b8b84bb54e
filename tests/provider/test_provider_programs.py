"""Pulumi programs under ``set_mocks`` with the real providers: the examples, ``get``, failures."""

from __future__ import annotations

import pulumi
import pytest
import yaml

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from tests.support.engine import CheckFailed, ProviderMocks, run_program
from tests.support.seed import ROOT, SEED_ID, SEED_INFO, SEED_NAME, SEED_URL

EXAMPLES = ROOT / "examples"


def test_quickstart_exports_the_pinned_image(mocks: ProviderMocks, emu: Emulator) -> None:
    exports = run_program(EXAMPLES / "quickstart" / "__main__.py", mocks, project="pulumi-tione-quickstart")
    assert exports == {"image_id": SEED_ID, "image_url": SEED_URL, "image_info": SEED_INFO}
    assert mocks.types == {"train-image": "pulumi-python:dynamic/tione:PlatformImage"}
    assert emu.stats()["total"] == 2


def test_quickstart_takes_the_image_name_from_config(mocks: ProviderMocks) -> None:
    config = {"pulumi-tione-quickstart:imageName": "tilearn-llm0.8-torch2.3-py3.10-cuda12.1-gpu"}
    exports = run_program(EXAMPLES / "quickstart" / "__main__.py", mocks,
                          project="pulumi-tione-quickstart", config=config)
    assert exports["image_id"] != SEED_ID
    assert "llm-train:24.01" in exports["image_url"]


def test_drift_check_program_pins_every_image(mocks: ProviderMocks) -> None:
    main = EXAMPLES / "drift-check-ci" / "__main__.py"
    exports = run_program(main, mocks, project="pulumi-tione-drift-check")
    assert exports["train_image_url"] == SEED_URL
    assert exports["notebook_image_url"].endswith("-notebook")
    assert len(exports["inference_image_ids"]) == 8


def test_get_adopts_an_image_by_id(mocks: ProviderMocks) -> None:
    def program() -> None:
        adopted = tione.PlatformImage.get("adopted", SEED_ID)
        pulumi.export("url", adopted.image_url)
        pulumi.export("name", adopted.image_name)

    assert run_program(program, mocks, project="p") == {"url": SEED_URL, "name": SEED_NAME}


def test_platform_images_outputs_are_typed(mocks: ProviderMocks) -> None:
    def program() -> None:
        spark = tione.PlatformImages("spark", framework="SPARK")
        pulumi.export("count", spark.count)
        pulumi.export("names", spark.names)
        pulumi.export("first", spark.images.apply(lambda images: images[0]["image_info"]))

    exports = run_program(program, mocks, project="p")
    assert mocks.types["spark"] == "pulumi-python:dynamic/tione:PlatformImages"
    assert exports["count"] == len(exports["names"]) == 7
    assert type(exports["count"]) is int  # the engine hands numbers back as floats
    assert set(exports["first"]) == {"ImageType", "ImageUrl", "RegistryRegion", "RegistryId"}


def test_a_failed_lookup_stops_the_program_with_the_reason(mocks: ProviderMocks) -> None:
    def program() -> None:
        tione.PlatformImage("typo", name=SEED_NAME.replace("0.9", "9.0"))

    with pytest.raises(CheckFailed, match=r"typo: name: no TI-ONE platform image matches"):
        run_program(program, mocks, project="p")


@pytest.mark.parametrize("example", ["quickstart", "training-job", "notebook", "drift-check-ci"])
def test_examples_are_complete_pulumi_programs(example: str) -> None:
    folder = EXAMPLES / example
    project = yaml.safe_load((folder / "Pulumi.yaml").read_text())
    requirements = (folder / "requirements.txt").read_text().splitlines()
    assert project["runtime"]["name"] == "python"
    assert (folder / "__main__.py").is_file()
    # 3.270 is the oldest SDK whose dynamic provider has configure(), honours ReadResult.inputs
    # (refresh) and finds __provider in a get's inputs; older ones cannot run these programs.
    # pulumi-tione comes from this checkout until it is published (tests/test_install.py installs one)
    assert {"-e ../..", "pulumi>=3.270,<4"} <= set(requirements)


def test_root_project_runs_the_quickstart() -> None:
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    assert project["name"] == "pulumi-tione-quickstart"
    assert project["runtime"]["name"] == "python"
    # no `main:` (a dynamic provider resolves `virtualenv` against the program's folder): the root
    # __main__.py runs examples/quickstart
    assert "main" not in project
    assert "examples\" / \"quickstart\" / \"__main__.py" in (ROOT / "__main__.py").read_text()
    assert (ROOT / "examples" / "quickstart" / "__main__.py").is_file()
