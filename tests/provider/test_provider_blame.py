"""Where ``check()`` reports a lookup that fails: on the argument that excluded the image, else the resource.

Driven over gRPC through a real provider process; the expectations follow the bundled catalog (the
seed image supports A10/V100/T4, ranges Notebook/Train, TrainingModes DDP, no data pipeline; no
image supports H100; SPARK images exist, none with A10, while other images have A10).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.engine import urn
from tests.support.provider import Engine
from tests.support.seed import IMAGE, IMAGES, SEED_ID, SEED_NAME

OTHER_ID = "5e952dd0-f903-553d-a3ef-85185eb87176"  # exists, but is not the seed image


@pytest.mark.parametrize(("args", "blamed"), [
    ({"name": SEED_NAME, "gpu": "H100"}, "gpu"),
    ({"name": SEED_NAME, "image_range": "Inference"}, "image_range"),
    ({"name": SEED_NAME, "training_mode": "MPI"}, "training_mode"),
    ({"name": SEED_NAME, "support_data_pipeline": True}, "support_data_pipeline"),
    ({"image_id": SEED_ID, "framework": "TENSORFLOW"}, "framework"),
    ({"name": SEED_NAME.replace("0.9", "9.0")}, "name"),
    ({"name": SEED_NAME.replace("0.9", "9.0"), "gpu": "A10"}, "name"),
    ({"image_id": "00000000-0000-0000-0000-000000000000"}, "image_id"),
    ({"name_regex": "^no-such-image-"}, "name_regex"),
    ({"framework": "PYTORCH", "framework_version": "9.9"}, "framework_version"),
    ({"framework": "PYTORCH", "gpu": "H100", "image_range": "Train"}, "gpu"),
    ({"name": SEED_NAME, "gpu": "H100", "image_range": "Inference"}, ""),
    ({"name": SEED_NAME, "image_id": OTHER_ID}, ""),
    ({"framework": "SPARK", "gpu": "A10"}, ""),
    ({"framework": "PYTORCH", "image_range": "Train"}, ""),
])
def test_a_failed_lookup_is_blamed_on_the_argument_that_excluded_the_image(
    module_engine: Engine, args: dict[str, Any], blamed: str
) -> None:
    checked = module_engine.client.check(urn(IMAGE, "img"), {}, module_engine.image(**args))
    ((prop, reason),) = checked.failures
    assert prop == blamed, reason
    assert "no TI-ONE platform image matches" in reason or "expected exactly one" in reason


def test_an_empty_listing_is_no_failure(module_engine: Engine) -> None:
    checked = module_engine.client.check(urn(IMAGES, "none"), {},
                                         module_engine.images(framework="SPARK", gpu="A10"))
    assert checked.failures == []
    assert checked.inputs["ids"] == []


def test_a_bad_policy_is_reported_with_every_other_bad_argument(module_engine: Engine) -> None:
    checked = module_engine.client.check(urn(IMAGE, "img"), {},
                                         module_engine.image(name="", gpu=3, policy="always"))
    failures = dict(checked.failures)
    assert set(failures) == {"name", "gpu", "policy"}
    assert "'pin'" in failures["policy"]
    assert "got 'always'" in failures["policy"]
    listed = module_engine.client.check(urn(IMAGES, "all"), {}, module_engine.images(policy="sometimes"))
    assert [p for p, _ in listed.failures] == ["policy"]
