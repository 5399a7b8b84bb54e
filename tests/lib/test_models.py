"""PlatformImageInfo parsing and helpers: every API field, nulls, missing fields, extras."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from pulumi_tione.emulator import bundled_catalog
from pulumi_tione.images.models import ExtraAttribute, PlatformImageInfo
from tests.support.seed import SEED_ID, SEED_URL

FULL: dict[str, Any] = {
    "Framework": "PYTORCH",
    "ImageType": "TCR",
    "ImageUrl": SEED_URL,
    "RegistryRegion": "ap-guangzhou",
    "RegistryId": "tcr-11a91442",
    "ImageName": "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu",
    "ImageId": SEED_ID,
    "FrameworkVersion": "2.3",
    "SupportGpuList": ["A10", "V100", "T4"],
    "Description": "seed",
    "ExtraAttributes": [
        {"Type": "Value", "Key": "AllowSaveAllContent", "Value": "true"},
        {"Type": "Value", "Key": "SupportDataPipeline", "Value": "false"},
        {"Type": "List", "Key": "TrainingModes", "Values": ["DDP"]},
    ],
    "ImageRange": ["Notebook", "Train"],
    "SupportDistributedDeploy": True,
    "RegionScope": "all",
}
SNAKE = {
    "framework": "Framework", "image_type": "ImageType", "image_url": "ImageUrl",
    "registry_region": "RegistryRegion", "registry_id": "RegistryId", "image_name": "ImageName",
    "image_id": "ImageId", "framework_version": "FrameworkVersion",
    "support_gpu_list": "SupportGpuList", "description": "Description",
    "image_range": "ImageRange", "support_distributed_deploy": "SupportDistributedDeploy",
    "region_scope": "RegionScope",
}


def test_every_api_field_is_parsed_to_its_snake_case_field() -> None:
    img = PlatformImageInfo.model_validate(FULL)
    for snake, api in SNAKE.items():
        assert getattr(img, snake) == FULL[api], snake
    assert [a.key for a in img.extra_attributes or []] == [
        "AllowSaveAllContent", "SupportDataPipeline", "TrainingModes"]


def test_model_covers_every_field_of_the_sdk_model() -> None:
    from tencentcloud.tione.v20211111.models import PlatformImageInfo as SdkPlatformImageInfo

    sdk_fields = {name.lstrip("_") for name in vars(SdkPlatformImageInfo())}
    ours = {field.alias for field in PlatformImageInfo.model_fields.values()}
    assert sdk_fields <= ours, f"missing: {sdk_fields - ours}"


@pytest.mark.parametrize("api_field", sorted(set(FULL) - {"ImageId"}))
def test_each_field_may_be_null_or_missing(api_field: str) -> None:
    nulled = PlatformImageInfo.model_validate({**FULL, api_field: None})
    missing = PlatformImageInfo.model_validate({k: v for k, v in FULL.items() if k != api_field})
    snake = next((s for s, a in SNAKE.items() if a == api_field), "extra_attributes")
    assert getattr(nulled, snake) is None
    assert getattr(missing, snake) is None
    assert nulled.outputs()["image_id"] == SEED_ID


def test_only_image_id_is_required() -> None:
    minimal = PlatformImageInfo.model_validate({"ImageId": "x"})
    assert minimal.attributes == {}
    assert minimal.outputs()["extra_attributes"] == {}
    with pytest.raises(ValidationError, match="ImageId"):
        PlatformImageInfo.model_validate({"ImageName": "no-id"})
    with pytest.raises(ValidationError, match="ImageId"):
        PlatformImageInfo.model_validate({"ImageId": ""})


def test_unknown_api_fields_are_ignored() -> None:
    img = PlatformImageInfo.model_validate({**FULL, "SomeFutureField": {"x": 1}})
    assert "SomeFutureField" not in img.outputs()
    assert img.image_id == SEED_ID


def test_snake_case_names_are_accepted_too() -> None:
    assert PlatformImageInfo(image_id="x", image_name="n").image_name == "n"


def test_extra_attribute_list_and_value() -> None:
    listed = ExtraAttribute.model_validate({"Type": "List", "Key": "TrainingModes", "Values": ["DDP", "MPI"]})
    valued = ExtraAttribute.model_validate({"Type": "Value", "Key": "SupportDataPipeline", "Value": "true"})
    untyped_list = ExtraAttribute.model_validate({"Key": "K", "Values": ["a"]})
    empty_list = ExtraAttribute.model_validate({"Type": "List", "Key": "K", "Values": None})
    bare = ExtraAttribute.model_validate({"Key": "K"})
    assert listed.data == ["DDP", "MPI"]
    assert valued.data == "true"
    assert untyped_list.data == ["a"]
    assert empty_list.data == []
    assert bare.data is None


def test_attributes_flag_and_attribute_list() -> None:
    img = PlatformImageInfo.model_validate({"ImageId": "x", "ExtraAttributes": [
        {"Type": "Value", "Key": "AllowSaveAllContent", "Value": " TRUE "},
        {"Type": "Value", "Key": "SupportDataPipeline", "Value": "false"},
        {"Type": "Value", "Key": "Odd", "Value": "yes"},
        {"Type": "List", "Key": "TrainingModes", "Values": ["DDP", "MPI"]},
        {"Type": "Value", "Key": "Single", "Value": "PS"},
    ]})
    assert img.attributes["TrainingModes"] == ["DDP", "MPI"]
    assert img.flag("AllowSaveAllContent") is True
    assert img.flag("SupportDataPipeline") is False
    assert img.flag("Odd") is False
    assert img.flag("Missing") is False
    assert img.flag("TrainingModes") is False
    assert img.attribute_list("TrainingModes") == ["DDP", "MPI"]
    assert img.attribute_list("Single") == ["PS"]
    assert img.attribute_list("Missing") == []


def test_outputs_document_is_snake_case_and_flattened() -> None:
    out = PlatformImageInfo.model_validate(FULL).outputs()
    assert set(out) == {*SNAKE, "extra_attributes"}
    assert out["extra_attributes"] == {"AllowSaveAllContent": "true", "SupportDataPipeline": "false",
                                       "TrainingModes": ["DDP"]}
    assert out["image_url"] == SEED_URL
    assert out["support_distributed_deploy"] is True


def test_wrong_field_types_are_rejected() -> None:
    with pytest.raises(ValidationError, match="SupportGpuList"):
        PlatformImageInfo.model_validate({**FULL, "SupportGpuList": "A10"})
    with pytest.raises(ValidationError, match="ExtraAttributes"):
        PlatformImageInfo.model_validate({**FULL, "ExtraAttributes": [{"Value": "no key"}]})


def test_models_are_immutable() -> None:
    img = PlatformImageInfo.model_validate(FULL)
    with pytest.raises(ValidationError, match="frozen"):
        img.image_id = "other"  # type: ignore[misc]


def test_the_whole_bundled_catalog_parses() -> None:
    images = [PlatformImageInfo.model_validate(e) for e in bundled_catalog()]
    assert len(images) > 100
    assert len({i.image_id for i in images}) == len(images)
    seed = next(i for i in images if i.image_id == SEED_ID)
    assert seed.image_url == SEED_URL
    assert seed.attribute_list("TrainingModes") == ["DDP"]
    assert seed.flag("AllowSaveAllContent")
    assert not seed.flag("SupportDataPipeline")
