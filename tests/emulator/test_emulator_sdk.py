"""DescribePlatformImages through the official Tencent Cloud SDK: paging, filters, parameter errors."""

from __future__ import annotations

from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.tione.v20211111.tione_client import TioneClient as Client

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.support.sdk import describe, sdk_client
from tests.support.seed import SEED_ID, SEED_NAME

CATALOG = bundled_catalog()



def names(client: Client, *filters: dict[str, Any], **params: Any) -> list[str]:
    response = describe(client, Filters=list(filters), **params)
    return [image.ImageName for image in response.PlatformImageInfos]


def attribute(entry: dict[str, Any], key: str) -> str:
    for item in entry.get("ExtraAttributes") or []:
        if item["Key"] == key:
            return str(item.get("Value"))
    return "false"


def test_default_page_is_100_of_all(client: Client, emu: Emulator) -> None:
    response = describe(client)
    assert response.TotalCount == len(CATALOG) > 100
    assert [i.ImageId for i in response.PlatformImageInfos] == [e["ImageId"] for e in CATALOG[:100]]
    assert response.RequestId
    assert emu.stats()["actions"] == {"DescribePlatformImages": {"ok": 1}}


def test_paging_walks_the_catalog_in_order(client: Client) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        response = describe(client, Offset=offset, Limit=30)
        assert response.TotalCount == len(CATALOG)
        page = [i.ImageId for i in response.PlatformImageInfos]
        if not page:
            break
        seen += page
        offset += 30
    assert seen == [e["ImageId"] for e in CATALOG]


def test_offset_past_the_end_is_an_empty_page(client: Client) -> None:
    response = describe(client, Offset=10_000, Limit=5)
    assert (response.TotalCount, response.PlatformImageInfos) == (len(CATALOG), [])


def test_seed_image_fields_round_trip(client: Client) -> None:
    response = describe(client, Filters=[{"Name": "ImageName", "Values": [SEED_NAME]}])
    assert response.TotalCount == 1
    image = response.PlatformImageInfos[0]
    assert (image.ImageId, image.Framework, image.FrameworkVersion, image.ImageType) == (
        SEED_ID,
        "PYTORCH",
        "2.3",
        "TCR",
    )
    assert image.ImageUrl == (
        "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.0"
    )
    assert image.SupportGpuList == ["A10", "V100", "T4"]
    assert image.ImageRange == ["Notebook", "Train"]
    modes = {a.Key: (a.Value, a.Values) for a in image.ExtraAttributes}
    assert modes["TrainingModes"] == ("", ["DDP"])
    assert modes["AllowSaveAllContent"] == ("true", [])
    assert {a.Type for a in image.ExtraAttributes} == {"", "List"}


def test_image_id_filter_and_or_within_a_filter(client: Client) -> None:
    ids = [CATALOG[3]["ImageId"], CATALOG[7]["ImageId"], "no-such-id"]
    got = names(client, {"Name": "ImageId", "Values": ids})
    assert got == [CATALOG[3]["ImageName"], CATALOG[7]["ImageName"]]


def test_filters_and_across(client: Client) -> None:
    got = names(
        client,
        {"Name": "ImageRange", "Values": ["Inference"]},
        {"Name": "AllowSaveAllContent", "Values": ["false"]},
    )
    expected = [
        e["ImageName"]
        for e in CATALOG
        if "Inference" in (e["ImageRange"] or []) and attribute(e, "AllowSaveAllContent") == "false"
    ]
    assert got == expected
    assert 0 < len(got) < len(CATALOG)


@pytest.mark.parametrize("key", ["SupportDataPipeline", "AllowSaveAllContent"])
def test_boolean_attribute_filters_treat_missing_as_false(client: Client, key: str) -> None:
    truthy = names(client, {"Name": key, "Values": ["true"]}, Limit=100)
    falsy = describe(client, Filters=[{"Name": key, "Values": ["false"]}]).TotalCount
    assert truthy == [e["ImageName"] for e in CATALOG if attribute(e, key) == "true"][:100]
    assert len([e for e in CATALOG if attribute(e, key) == "true"]) + falsy == len(CATALOG)
    assert any(e["ExtraAttributes"] is None for e in CATALOG)


def test_image_range_or(client: Client) -> None:
    got = describe(client, Filters=[{"Name": "ImageRange", "Values": ["Notebook", "Inference"]}])
    expected = [e for e in CATALOG if {"Notebook", "Inference"} & set(e["ImageRange"] or [])]
    assert got.TotalCount == len(expected)


def test_fuzzy_is_case_insensitive_substring(client: Client) -> None:
    got = names(client, {"Name": "ImageName", "Values": ["TILEARN-LLM0.9"], "Fuzzy": True})
    assert SEED_NAME in got
    assert all("tilearn-llm0.9" in n for n in got)
    assert len(got) >= 3
    assert names(client, {"Name": "ImageName", "Values": ["TILEARN-LLM0.9"]}) == []


def test_negative_inverts_a_filter(client: Client) -> None:
    response = describe(client, Filters=[{"Name": "ImageName", "Values": [SEED_NAME], "Negative": True}])
    assert response.TotalCount == len(CATALOG) - 1
    fuzzy_not = names(
        client,
        {"Name": "ImageName", "Values": ["tilearn"], "Fuzzy": True, "Negative": True},
        {"Name": "ImageRange", "Values": ["Train"]},
    )
    assert fuzzy_not
    assert not any("tilearn" in n for n in fuzzy_not)


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"Limit": 0}, "InvalidParameterValue", "`Limit`"),
        ({"Limit": -1}, "InvalidParameterValue", "`Limit`"),
        ({"Offset": -1}, "InvalidParameterValue", "`Offset`"),
        (
            {"Filters": [{"Name": "Framework", "Values": ["PYTORCH"]}]},
            "InvalidParameterValue",
            "Filters.0.Name",
        ),
        ({"Filters": [{"Name": "ImageName", "Values": []}]}, "InvalidParameterValue", "Filters.0.Values"),
        ({"Filters": [{"Name": "ImageRange", "Values": ["Training"]}]}, "InvalidParameterValue", "Train"),
    ],
)
def test_parameter_value_errors(client: Client, params: dict[str, Any], code: str, message: str) -> None:
    with pytest.raises(TencentCloudSDKException, match=message) as info:
        describe(client, **params)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"Bogus": 1}, "UnknownParameter", "The parameter `Bogus` is not recognized"),
        (
            {"Filters": [{"Name": "ImageId", "Values": ["x"], "Exact": True}]},
            "UnknownParameter",
            "`Filters.0.Exact`",
        ),
        ({"Limit": "10"}, "InvalidParameter", "`Limit` must be of type Integer"),
        ({"Offset": True}, "InvalidParameter", "`Offset`"),
        ({"Filters": {"Name": "ImageId"}}, "InvalidParameter", "`Filters`"),
        ({"Filters": [{"Name": "ImageId", "Values": "x"}]}, "InvalidParameter", "`Filters.0.Values`"),
        (
            {"Filters": [{"Name": "ImageId", "Values": ["x"], "Fuzzy": "yes"}]},
            "InvalidParameter",
            "`Filters.0.Fuzzy`",
        ),
        ({"Filters": [{"Values": ["x"]}]}, "MissingParameter", "`Filters.0.Name`"),
        ({"TiProjectId": 5}, "InvalidParameter", "`TiProjectId`"),
    ],
)
def test_raw_parameter_errors(client: Client, params: dict[str, Any], code: str, message: str) -> None:
    with pytest.raises(TencentCloudSDKException, match=message) as info:
        client.call_json("DescribePlatformImages", params)
    assert info.value.code == code


def test_ti_project_id_is_accepted(client: Client) -> None:
    assert describe(client, TiProjectId="ws-12345", Limit=1).TotalCount == len(CATALOG)


def test_sdk_get_method(emu: Emulator) -> None:
    client = sdk_client(emu)
    client.profile.httpProfile.reqMethod = "GET"
    fuzzy = {"Name": "ImageName", "Values": ["TILEARN"], "Fuzzy": True}
    got = names(client, fuzzy, {"Name": "ImageRange", "Values": ["Train"]}, Offset=1, Limit=2)
    expected = [
        e["ImageName"]
        for e in CATALOG
        if "tilearn" in e["ImageName"] and "Train" in (e["ImageRange"] or [])
    ]
    assert got == expected[1:3]
    assert len(got) == 2
    assert len(describe(client, Limit=500).PlatformImageInfos) == 100
    with pytest.raises(TencentCloudSDKException, match="at least 1") as info:
        describe(client, Limit=0)
    assert info.value.code == "InvalidParameterValue"


def test_the_docs_own_example_request_is_served(client: Client) -> None:
    response = describe(client, Offset=0, Limit=200, Filters=[{"Name": "ImageRange", "Values": ["Train"]}])
    train = [e["ImageId"] for e in CATALOG if "Train" in (e["ImageRange"] or [])]
    assert response.TotalCount == len(train)
    assert [i.ImageId for i in response.PlatformImageInfos] == train


def test_a_limit_above_100_gets_a_page_of_100(client: Client) -> None:
    first, rest = describe(client, Offset=0, Limit=200), describe(client, Offset=100, Limit=200)
    assert first.TotalCount == rest.TotalCount == len(CATALOG) > 100
    served = [i.ImageId for i in first.PlatformImageInfos + rest.PlatformImageInfos]
    assert served == [e["ImageId"] for e in CATALOG]
    assert len(first.PlatformImageInfos) == 100


def test_scalar_extra_attributes_of_a_user_catalog_are_filled_in(client: Client, emu: Emulator) -> None:
    attributes = [
        {"Key": "SupportDataPipeline", "Value": "true"},
        {"Type": "List", "Key": "TrainingModes", "Values": None},
    ]
    emu.set_catalog([{"ImageId": "i-1", "ImageName": "n", "ExtraAttributes": attributes}])
    served = client.call_json("DescribePlatformImages", {})["Response"]["PlatformImageInfos"][0]
    assert served["ExtraAttributes"] == [
        {"Type": "", "Key": "SupportDataPipeline", "Value": "true", "Values": []},
        {"Type": "List", "Key": "TrainingModes", "Value": "", "Values": []},
    ]


def test_wrong_secret_key(emu: Emulator) -> None:
    with pytest.raises(TencentCloudSDKException, match="could not be validated") as info:
        describe(sdk_client(emu, secret_key="not-the-key"))
    assert info.value.code == "AuthFailure.SignatureFailure"


def test_unknown_secret_id(emu: Emulator) -> None:
    with pytest.raises(TencentCloudSDKException, match="SecretId is not found") as info:
        describe(sdk_client(emu, secret_id="AKIDunknown"))
    assert info.value.code == "AuthFailure.SecretIdNotFound"


@pytest.mark.parametrize(
    ("region", "code", "message"),
    [
        ("ap-shanghai", None, None),
        ("ap-shenzhen-fsi", None, None),
        ("ap-moon", "UnsupportedRegion", "`ap-moon`"),
        ("ap-guangzhou-3", "UnsupportedRegion", "`ap-guangzhou-3`"),
        ("Mars", "UnsupportedRegion", "`Mars`"),
        ("", "MissingParameter", "`Region`"),
    ],
)
def test_region(emu: Emulator, region: str, code: str | None, message: str | None) -> None:
    client = sdk_client(emu, region=region)
    if code is None:
        assert describe(client, Limit=1).TotalCount == len(CATALOG)
        return
    with pytest.raises(TencentCloudSDKException, match=message) as info:
        describe(client)
    assert info.value.code == code


def test_an_extra_region_is_served(emulator_factory: Any) -> None:
    server = emulator_factory(rate_limit=0, extra_regions=("ap-moon",))
    assert describe(sdk_client(server, region="ap-moon"), Limit=1).TotalCount == len(CATALOG)
    with pytest.raises(TencentCloudSDKException, match="`ap-mars`"):
        describe(sdk_client(server, region="ap-mars"), Limit=1)


def test_wrong_version(client: Client) -> None:
    client._apiVersion = "2019-10-22"
    with pytest.raises(TencentCloudSDKException, match="`2019-10-22`") as info:
        describe(client)
    assert info.value.code == "NoSuchVersion"


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("DescribeNothing", "`DescribeNothing` does not exist"),
        ("CreateNotebookImage", "not implemented by the emulator, which implements DescribePlatformImages"),
    ],
)
def test_invalid_action(client: Client, emu: Emulator, action: str, message: str) -> None:
    with pytest.raises(TencentCloudSDKException, match=message) as info:
        client.call_json(action, {})
    assert info.value.code == "InvalidAction"
    key = action if action == "CreateNotebookImage" else "(other)"
    assert emu.stats()["actions"] == {key: {"InvalidAction": 1}}


def test_security_token(emulator_factory: Any) -> None:
    server = emulator_factory(rate_limit=0, token="session-token-1")
    assert describe(sdk_client(server, token="session-token-1"), Limit=1).TotalCount == len(CATALOG)
    for token in (None, "session-token-2"):
        with pytest.raises(TencentCloudSDKException, match="token") as info:
            describe(sdk_client(server, token=token))
        assert info.value.code == "AuthFailure.TokenFailure"


def test_highest_version_query_has_several_candidates() -> None:
    def modes(entry: dict[str, Any]) -> list[str]:
        for item in entry["ExtraAttributes"] or []:
            if item["Key"] == "TrainingModes":
                return list(item["Values"])
        return []

    hits = [
        e
        for e in CATALOG
        if e["Framework"] == "PYTORCH"
        and "Train" in (e["ImageRange"] or [])
        and "DDP" in modes(e)
        and "A100" in (e["SupportGpuList"] or [])
    ]
    assert len({e["FrameworkVersion"] for e in hits}) >= 5
