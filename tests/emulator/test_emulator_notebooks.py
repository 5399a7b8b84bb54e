"""Notebook actions through the official SDK: lifecycle, Describe shapes, rules and their error codes."""

from __future__ import annotations

from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.tione.v20211111.tione_client import TioneClient as Client

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.support.sdk import sdk_client
from tests.support.workload_requests import (
    SEED_NAME,
    SEED_URL,
    Clock,
    call,
    error_code,
    modify_body,
    notebook_body,
)


def running(tc: Client, clock: Clock, **overrides: Any) -> str:
    notebook_id = str(call(tc, "CreateNotebook", **notebook_body(**overrides)).Id)
    clock.advance(2)
    return notebook_id


def stopped(tc: Client, clock: Clock, **overrides: Any) -> str:
    notebook_id = running(tc, clock, **overrides)
    call(tc, "StopNotebook", Id=notebook_id)
    clock.advance(2)
    return notebook_id


def detail(tc: Client, notebook_id: str) -> Any:
    return call(tc, "DescribeNotebook", Id=notebook_id).NotebookDetail


def test_lifecycle_create_stop_start_delete(tc: Client, clock: Clock, clocked: Emulator) -> None:
    notebook_id = str(call(tc, "CreateNotebook", **notebook_body()).Id)
    assert notebook_id.startswith("nb-")
    assert len(notebook_id) == 22
    first = detail(tc, notebook_id)
    assert (first.Status, first.ChargeStatus, first.StartTime) == ("Starting", "BILLING", None)
    clock.advance(2)
    up = detail(tc, notebook_id)
    assert (up.Status, up.RuntimeInSeconds) == ("Running", 0)
    assert up.PodName.startswith(notebook_id + "-")
    clock.advance(30)
    call(tc, "StopNotebook", Id=notebook_id)
    assert detail(tc, notebook_id).Status == "Stopping"
    clock.advance(2)
    down = detail(tc, notebook_id)
    assert (down.Status, down.ChargeStatus, down.RuntimeInSeconds, down.PodName) == (
        "Stopped",
        "BILLING_STORAGE",
        30,
        "",
    )
    assert down.EndTime is not None
    call(tc, "StartNotebook", Id=notebook_id)
    clock.advance(2)
    assert detail(tc, notebook_id).Status == "Running"
    call(tc, "StopNotebook", Id=notebook_id)
    clock.advance(2)
    call(tc, "DeleteNotebook", Id=notebook_id)
    assert error_code(tc, "DescribeNotebook", Id=notebook_id)[0] == "ResourceNotFound"
    assert clocked.objects() == []
    assert clocked.stats()["actions"]["CreateNotebook"] == {"ok": 1}


def test_detail_reports_what_was_created(tc: Client, clock: Clock) -> None:
    notebook_id = running(
        tc,
        clock,
        AutoStopping=True,
        AutomaticStopTime=2,
        Description="dev box",
        VpcId="vpc-1",
        SubnetId="subnet-1",
        LifecycleScriptId="ls-1",
        DefaultCodeRepoId="cr-1",
        AdditionalCodeRepoIds=["cr-2"],
    )
    d = detail(tc, notebook_id)
    assert (d.Name, d.ChargeType, d.ResourceConf.InstanceType, d.VolumeSourceType, d.VolumeSizeInGB) == (
        "nb-dev",
        "POSTPAID_BY_HOUR",
        "TI.GN10.2XLARGE40.POST",
        "CLOUD_PREMIUM",
        50,
    )
    assert (d.ImageType, d.ImageInfo.ImageType, d.ImageInfo.ImageUrl, d.ImageInfo.ImageName) == (
        "SYSTEM",
        "SYSTEM",
        SEED_URL,
        SEED_NAME,
    )
    assert [(t.TagKey, t.TagValue) for t in d.Tags] == [("team", "ml")]
    assert (d.AutoStopping, d.AutomaticStopTime, d.Description, d.VpcId, d.SubnetId) == (
        True,
        2,
        "dev box",
        "vpc-1",
        "subnet-1",
    )
    assert (d.LifecycleScriptId, d.DefaultCodeRepoId, d.AdditionalCodeRepoIds) == ("ls-1", "cr-1", ["cr-2"])
    assert d.CreateTime.endswith("+08")
    assert d.FailureReason == ""


def test_a_custom_image_is_accepted_as_given_and_its_secret_never_comes_back(
    tc: Client, clock: Clock
) -> None:
    image = {
        "ImageType": "CUSTOM",
        "ImageUrl": "docker.io/me/nb:1",
        "ImageSecret": {"Username": "me", "Password": "c2VjcmV0LXB3"},
    }
    notebook_id = running(tc, clock, ImageInfo=image, ImageType=None)
    raw = tc.call_json("DescribeNotebook", {"Id": notebook_id})
    info = raw["Response"]["NotebookDetail"]["ImageInfo"]
    assert info == {
        "ImageType": "CUSTOM",
        "ImageUrl": "docker.io/me/nb:1",
        "RegistryRegion": "",
        "RegistryId": "",
        "ImageName": "",
        "ImageSecret": None,
    }
    listed = tc.call_json("DescribeNotebooks", {})
    assert "c2VjcmV0LXB3" not in str(raw) + str(listed)


@pytest.mark.parametrize(
    ("overrides", "code", "fragment"),
    [
        ({"Name": "x" * 61}, "InvalidParameterValue.ParamLengthExceedLimit", "at most 60"),
        ({"Name": "-dash-first"}, "InvalidParameterValue.BadName", "starting with"),
        ({"Name": "has space"}, "InvalidParameterValue.BadName", "`has space`"),
        ({"ChargeType": "SPOT"}, "InvalidParameterValue", "PREPAID, POSTPAID_BY_HOUR"),
        ({"ResourceConf": {"Cpu": 1000}}, "InvalidParameterValue.ResourceConfigIllegal", "InstanceType"),
        (
            {"ResourceConf": {"InstanceType": "GN10"}},
            "FailedOperation.UnknownInstanceType",
            "TI.S.MEDIUM.POST",
        ),
        (
            {
                "ChargeType": "PREPAID",
                "ResourceConf": {"Cpu": 1000, "Memory": 2048},
                "VolumeSourceType": "FREE",
            },
            "InvalidParameterValue.ResourceConfigIllegal",
            "ResourceGroupId",
        ),
        ({"VolumeSourceType": "NFS"}, "InvalidParameterValue", "CLOUD_PREMIUM"),
        ({"VolumeSourceType": "FREE"}, "InvalidParameterValue", "only for PREPAID"),
        ({"VolumeSizeInGB": 15}, "InvalidParameterValue", "steps of 10 GB"),
        ({"VolumeSourceType": "CFS"}, "InvalidParameterValue", "VolumeSourceCFS"),
        (
            {"VolumeSourceType": "GooseFSx"},
            "InvalidParameterValue.GooseFSConfigCannotEmpty",
            "VolumeSourceGooseFS",
        ),
        ({"LogEnable": True}, "InvalidParameterValue.ClsConfigRequired", "LogConfig"),
        (
            {"ChargeType": "PREPAID", "ResourceGroupId": "rg-1", "VolumeSourceType": "FREE",
             "ResourceConf": {"Cpu": 1000, "Memory": 2048, "Gpu": 100, "GpuType": "H800"}},
            "InvalidParameterValue.InvalidResourceSpec",
            "supports GPU types",
        ),
        (
            {"DataConfigs": [{"COSSource": {"Bucket": "b", "Region": "ap-guangzhou", "Paths": ["a", "b"]}}]},
            "InvalidParameterValue",
            "exactly one path",
        ),
        ({"AdditionalCodeRepoIds": ["a", "b", "c", "d"]}, "InvalidParameterValue.LimitExceeded", "at most 3"),
        ({"AdditionalCodeRepoIds": ["a", "a"]}, "InvalidParameterValue.CodeRepoDuplicated", "once"),
        ({"ImageInfo": None, "ImageType": None}, "InvalidParameter.ValidateError", "ImageInfo is missing"),
        (
            {"ImageInfo": {"ImageType": "SYSTEM", "ImageUrl": "nope/none:1"}},
            "InvalidParameterValue.ImageNotFound",
            "DescribePlatformImages",
        ),
        (
            {"ImageInfo": {"ImageType": "SYSTEM", "ImageUrl": SEED_URL, "ImageName": "other"}},
            "InvalidParameterValue.ImageNotFound",
            "ImageName",
        ),
        (
            {"ImageInfo": {"ImageType": "PRESET", "ImageUrl": SEED_URL}},
            "InvalidParameterValue",
            "SYSTEM, TCR",
        ),
        ({"ImageType": "TCR"}, "InvalidParameterValue", "must match ImageInfo.ImageType"),
        (
            {"ImageInfo": {"ImageType": "TCR", "ImageUrl": "has blank:1"}, "ImageType": None},
            "InvalidParameterValue.ImageAddressIllegal",
            "without blanks",
        ),
    ],
)
def test_create_rules(client: Client, overrides: dict[str, Any], code: str, fragment: str) -> None:
    got, message = error_code(client, "CreateNotebook", **notebook_body(**overrides))
    assert (got, fragment in message) == (code, True), message


def test_a_platform_image_that_is_not_for_notebooks_is_refused(client: Client) -> None:
    train_only = next(e for e in bundled_catalog() if e["ImageRange"] == ["Train"])
    image = {"ImageType": "SYSTEM", "ImageUrl": train_only["ImageUrl"], "ImageName": train_only["ImageName"]}
    code, message = error_code(client, "CreateNotebook", **notebook_body(ImageInfo=image))
    assert (code, "lacks Notebook" in message) == ("InvalidParameterValue.ImageNotFound", True)


def test_prepaid_notebook_with_free_storage(client: Client) -> None:
    body = notebook_body(
        ChargeType="PREPAID",
        ResourceGroupId="trsg-1",
        VolumeSourceType=None,
        VolumeSizeInGB=None,
        ResourceConf={"Cpu": 2000, "Memory": 4096, "Gpu": 100, "GpuType": "T4"},
    )
    notebook_id = call(client, "CreateNotebook", **body).Id
    d = call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail
    assert (d.VolumeSourceType, d.VolumeSizeInGB, d.ChargeStatus, d.ResourceGroupId) == (
        "FREE",
        None,
        "NOT_BILLING",
        "trsg-1",
    )
    assert (d.ResourceConf.Cpu, d.ResourceConf.Gpu, d.ResourceConf.GpuType) == (2000, 100, "T4")


def test_names_are_unique_per_region(client: Client, emu: Emulator) -> None:
    call(client, "CreateNotebook", **notebook_body())
    code, message = error_code(client, "CreateNotebook", **notebook_body())
    assert (code, "`nb-dev` already exists" in message) == ("InvalidParameterValue.DuplicateName", True)
    other = sdk_client(emu, region="ap-shanghai")
    elsewhere = call(other, "CreateNotebook", **notebook_body()).Id
    assert error_code(client, "DescribeNotebook", Id=elsewhere)[0] == "ResourceNotFound"
    assert call(other, "DescribeNotebooks").TotalCount == 1
    assert {o["Region"] for o in emu.objects()} == {"ap-guangzhou", "ap-shanghai"}


@pytest.mark.parametrize(
    "action",
    [
        "DescribeNotebook",
        "StartNotebook",
        "StopNotebook",
        "DeleteNotebook",
        "ModifyNotebookTags",
        "ModifyNotebook",
    ],
)
def test_unknown_ids_are_not_found(client: Client, action: str) -> None:
    body = notebook_body() if action == "ModifyNotebook" else {}
    body.pop("Tags", None)
    code, message = error_code(client, action, **body, Id="nb-1234567890123456789")
    assert (code, "`nb-1234567890123456789` does not exist" in message) == ("ResourceNotFound", True)


def test_status_rules(tc: Client, clock: Clock) -> None:
    notebook_id = running(tc, clock)
    for action in ("StartNotebook", "DeleteNotebook"):
        code, message = error_code(tc, action, Id=notebook_id)
        assert (code, "is Running" in message) == ("FailedOperation.NotAllow", True), message
    code, _ = error_code(tc, "ModifyNotebook", **modify_body(detail(tc, notebook_id)))
    assert code == "FailedOperation.NotAllow"
    call(tc, "StopNotebook", Id=notebook_id)
    assert error_code(tc, "StopNotebook", Id=notebook_id)[0] == "FailedOperation.NotAllow"
    assert error_code(tc, "DeleteNotebook", Id=notebook_id)[0] == "FailedOperation.NotAllow"
    call(tc, "ModifyNotebookTags", Id=notebook_id, Tags=[{"TagKey": "stage", "TagValue": "stopping"}])
    clock.advance(2)
    assert error_code(tc, "StopNotebook", Id=notebook_id)[0] == "FailedOperation.NotAllow"


def test_modify_replaces_settings_of_a_stopped_notebook(tc: Client, clock: Clock) -> None:
    notebook_id = stopped(tc, clock)
    before = detail(tc, notebook_id)
    other = next(
        e for e in bundled_catalog() if "Notebook" in (e["ImageRange"] or []) and e["ImageName"] != SEED_NAME
    )
    call(
        tc,
        "ModifyNotebook",
        **modify_body(
            before,
            Name="nb-renamed",
            VolumeSizeInGB=100,
            ResourceConf={"InstanceType": "TI.S.MEDIUM.POST"},
            ImageInfo={"ImageType": "SYSTEM", "ImageUrl": other["ImageUrl"], "ImageName": other["ImageName"]},
            Envs=[{"Name": "A", "Value": "1"}],
            Tags=[],
        ),
    )
    after = detail(tc, notebook_id)
    assert (after.Name, after.VolumeSizeInGB, after.ResourceConf.InstanceType, after.ImageInfo.ImageName) == (
        "nb-renamed",
        100,
        "TI.S.MEDIUM.POST",
        other["ImageName"],
    )
    assert (after.Status, after.Tags, after.CreateTime) == ("Stopped", [], before.CreateTime)


def test_modify_to_a_custom_image_without_a_top_level_image_type(tc: Client, clock: Clock) -> None:
    notebook_id = stopped(tc, clock)
    custom = {"ImageType": "CCR", "ImageUrl": "ccr.ccs.tencentyun.com/me/nb:2"}
    call(tc, "ModifyNotebook", **modify_body(detail(tc, notebook_id), ImageInfo=custom))
    after = detail(tc, notebook_id)
    assert (after.ImageType, after.ImageInfo.ImageType, after.ImageInfo.ImageUrl) == (
        "CCR",
        "CCR",
        "ccr.ccs.tencentyun.com/me/nb:2",
    )


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"ChargeType": "PREPAID", "ResourceGroupId": "trsg-1"}, "InvalidParameterValue.NotAllow"),
        ({"VpcId": "vpc-2"}, "OperationDenied.ForbidModifyVpcAndSubnet"),
        ({"SubnetId": "subnet-2"}, "OperationDenied.ForbidModifyVpcAndSubnet"),
        ({"VolumeSourceType": "CLOUD_SSD"}, "InvalidParameterValue.NotAllow"),
        ({"VolumeSourceCFS": {"Id": "cfs-1", "Path": "/"}}, "InvalidParameterValue.NotAllow"),
        ({"VolumeSizeInGB": 40}, "InvalidParameterValue.VolumeShrinkNotAllow"),
        ({"Name": "taken"}, "InvalidParameterValue.DuplicateName"),
    ],
)
def test_modify_refuses_unmodifiable_changes(
    tc: Client, clock: Clock, overrides: dict[str, Any], code: str
) -> None:
    call(tc, "CreateNotebook", **notebook_body(Name="taken"))
    notebook_id = stopped(tc, clock)
    before = detail(tc, notebook_id)
    assert error_code(tc, "ModifyNotebook", **modify_body(before, **overrides))[0] == code
    same = detail(tc, notebook_id)
    assert (same.Name, same.VolumeSizeInGB, same.VpcId) == (before.Name, before.VolumeSizeInGB, before.VpcId)


def test_modify_tags_replaces_the_tag_set_in_any_status(client: Client) -> None:
    notebook_id = call(client, "CreateNotebook", **notebook_body()).Id
    call(client, "ModifyNotebookTags", Id=notebook_id, Tags=[{"TagKey": "a", "TagValue": "1"}])
    assert [
        (t.TagKey, t.TagValue) for t in call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Tags
    ] == [("a", "1")]
    call(client, "ModifyNotebookTags", Id=notebook_id)
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Tags == []


def test_list_paging_order_and_filters(tc: Client, clock: Clock) -> None:
    ids = []
    for index in range(12):
        ids.append(str(call(tc, "CreateNotebook", **notebook_body(Name=f"nb-{index:02d}")).Id))
        clock.advance(1)
    first = call(tc, "DescribeNotebooks", OrderField="CreateTime")
    assert first.TotalCount == 12
    assert len(first.NotebookSet) == 10
    assert [n.Id for n in first.NotebookSet] == ids[::-1][:10]
    by_update = [n.Name for n in call(tc, "DescribeNotebooks", Limit=3).NotebookSet]
    assert by_update == ["nb-10", "nb-11", "nb-09"]
    asc = call(tc, "DescribeNotebooks", Order="ASC", OrderField="CreateTime", Offset=10, Limit=100)
    assert [n.Id for n in asc.NotebookSet] == ids[10:]
    by_name = call(tc, "DescribeNotebooks", Filters=[{"Name": "Name", "Values": ["nb-03", "nb-04"]}])
    assert sorted(n.Name for n in by_name.NotebookSet) == ["nb-03", "nb-04"]
    fuzzy_not = call(
        tc,
        "DescribeNotebooks",
        Limit=100,
        Filters=[{"Name": "Name", "Values": ["NB-0"], "Fuzzy": True, "Negative": True}],
    )
    assert sorted(n.Name for n in fuzzy_not.NotebookSet) == ["nb-10", "nb-11"]
    running_now = call(
        tc, "DescribeNotebooks", Limit=100, Filters=[{"Name": "Status", "Values": ["Running"]}]
    )
    assert running_now.TotalCount == 11
    by_id = call(tc, "DescribeNotebooks", Filters=[{"Name": "Id", "Values": [ids[5]]}])
    assert [n.Name for n in by_id.NotebookSet] == ["nb-05"]
    tagged = call(tc, "DescribeNotebooks", TagFilters=[{"TagKey": "team", "TagValues": ["ml"]}])
    assert tagged.TotalCount == 12
    assert (
        call(tc, "DescribeNotebooks", TagFilters=[{"TagKey": "team", "TagValues": ["web"]}]).TotalCount == 0
    )
    assert call(tc, "DescribeNotebooks", Limit=0).NotebookSet == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"Limit": 101}, "InvalidParameterValue.PageLimitExceeded"),
        ({"Limit": -1}, "InvalidParameterValue"),
        ({"Offset": -1}, "InvalidParameterValue"),
        ({"Order": "UP"}, "InvalidParameterValue"),
        ({"OrderField": "Name"}, "InvalidParameterValue"),
        ({"Filters": [{"Name": "Color", "Values": ["x"]}]}, "InvalidParameterValue.InvalidFilter"),
        ({"Filters": [{"Name": "Name", "Values": []}]}, "InvalidParameterValue.InvalidFilter"),
        (
            {
                "Filters": [
                    {"Name": "Status", "Values": ["Running"]},
                    {"Name": "ChargeStatus", "Values": ["BILLING"]},
                ]
            },
            "InvalidParameter.FilterKeyStatusConflictWithChargeStatus",
        ),
        ({"TagFilters": [{"TagValues": ["x"]}]}, "InvalidParameterValue.InvalidFilter"),
    ],
)
def test_list_errors(client: Client, params: dict[str, Any], code: str) -> None:
    assert error_code(client, "DescribeNotebooks", **params)[0] == code


def test_limit_100_is_the_largest_page(client: Client) -> None:
    assert call(client, "DescribeNotebooks", Limit=100).TotalCount == 0


def test_type_and_unknown_member_errors_come_from_the_gateway(client: Client) -> None:
    body = notebook_body()
    cases = [
        ({**body, "Colour": "red"}, "UnknownParameter", "`Colour`"),
        (
            {**body, "ResourceConf": {"InstanceType": "TI.S.MEDIUM.POST", "Disk": 1}},
            "UnknownParameter",
            "`ResourceConf.Disk`",
        ),
        ({k: v for k, v in body.items() if k != "RootAccess"}, "MissingParameter", "`RootAccess`"),
        ({**body, "Tags": [{"TagKey": "k"}]}, "MissingParameter", "`Tags.0.TagValue`"),
        ({**body, "VolumeSizeInGB": 50.0}, "InvalidParameter", "`VolumeSizeInGB` must be of type Integer"),
        ({**body, "VolumeSizeInGB": -10}, "InvalidParameterValue", "`VolumeSizeInGB`"),
        ({**body, "LogEnable": "false"}, "InvalidParameter", "`LogEnable` must be of type Boolean"),
    ]
    for params, code, fragment in cases:
        with pytest.raises(TencentCloudSDKException, match=fragment) as info:
            client.call_json("CreateNotebook", params)
        assert info.value.code == code


def test_the_sdks_get_form_carries_nested_members_and_types(clocked: Emulator, clock: Clock) -> None:
    client = sdk_client(clocked)
    client.profile.httpProfile.reqMethod = "GET"
    notebook_id = call(client, "CreateNotebook", **notebook_body(AutoStopping=True, AutomaticStopTime=3)).Id
    clock.advance(2)
    listed = call(
        client, "DescribeNotebooks", Limit=5, Filters=[{"Name": "Name", "Values": ["NB-"], "Fuzzy": True}]
    )
    assert [(n.Id, n.Status, n.AutoStopping, n.AutomaticStopTime) for n in listed.NotebookSet] == [
        (notebook_id, "Running", True, 3)
    ]
    assert error_code(client, "DescribeNotebooks", Limit=101)[0] == "InvalidParameterValue.PageLimitExceeded"
