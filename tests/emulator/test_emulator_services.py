"""Model services through the official SDK: lifecycle over the clock, groups and versions, modify,
call information and authorization, tags and listing filters."""

from __future__ import annotations

from typing import Any

import pytest
from tencentcloud.tione.v20211111.tione_client import TioneClient as Client

from pulumi_tione.emulator import Emulator
from tests.support.sdk import sdk_client
from tests.support.workload_requests import Clock, call, error_code, service_body


def created(tc: Client, **overrides: Any) -> Any:
    return call(tc, "CreateModelService", **service_body(**overrides)).Service


def described(tc: Client, service_id: str) -> Any:
    return call(tc, "DescribeModelService", ServiceId=service_id).Service


def status(tc: Client, service_id: str) -> str:
    return str(described(tc, service_id).Status)


def test_lifecycle_create_stop_resume_delete(tc: Client, clock: Clock, clocked: Emulator) -> None:
    service = created(tc)
    group = service.ServiceGroupId
    assert (service.ServiceId, service.Version, service.LatestVersion) == (f"{group}-1", "1", "1")
    assert (group[:3], len(group)) == ("ms-", 11)
    assert (service.Status, service.BusinessStatus, service.ServiceInfo.Status) == (
        "CREATING", "CREATING", None)
    clock.advance(2)
    waiting = described(tc, service.ServiceId)
    assert (waiting.Status, waiting.ServiceInfo.Status.Status, waiting.ServiceInfo.Status.ReadyReplicas) == (
        "Waiting", "Waiting", 0)
    clock.advance(2)
    up = described(tc, service.ServiceId)
    assert (up.Status, up.BusinessStatus, up.CreateFailedReason) == (
        "Normal", "CREATE_SUCCEED", "CREATE_SUCCEED")
    info = up.ServiceInfo
    assert (info.Replicas, info.Status.ReadyReplicas, info.OldReplicas) == (1, 1, 0)
    stopping = call(tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceAction="STOP").Service
    assert stopping.Status == "Stopping"
    clock.advance(2)
    down = described(tc, service.ServiceId)
    assert (down.Status, down.ServiceInfo.Replicas, down.ServiceInfo.OldReplicas) == ("Stopped", 0, 1)
    call(tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceAction="RESUME")
    assert status(tc, service.ServiceId) == "Pending"
    clock.advance(2)
    assert status(tc, service.ServiceId) == "Normal"
    call(tc, "DeleteModelService", ServiceId=service.ServiceId)
    assert error_code(tc, "DescribeModelService", ServiceId=service.ServiceId)[0] == "ResourceNotFound"
    assert error_code(tc, "DescribeModelServiceGroup", ServiceGroupId=group)[0] == "ResourceNotFound"
    assert clocked.objects() == []


def test_describe_reports_what_was_created(tc: Client) -> None:
    service = created(
        tc,
        ServiceDescription="demo",
        Env=[{"Name": "A", "Value": "1"}, {"Name": "KEY", "Value": "s3cret", "IsPrivate": True}],
        CommandBase64="cHl0aG9uIHNlcnZlLnB5",
        ServicePort=8080,
        Replicas=2,
        TiProjectId="12",
        ServiceLimit={"EnableInstanceRpsLimit": True, "InstanceRpsLimit": 50},
    )
    d = described(tc, service.ServiceId)
    info = d.ServiceInfo
    assert (d.ServiceGroupName, d.ServiceDescription, d.ChargeType, d.ProjectId, d.Region) == (
        "infer-demo", "demo", "POSTPAID_BY_HOUR", "12", "ap-guangzhou")
    assert [(t.TagKey, t.TagValue) for t in d.Tags] == [("team", "ml")]
    assert (info.InstanceType, info.Replicas, info.ServicePort, info.Command) == (
        "TI.S.MEDIUM.POST", 2, 8080, "python serve.py")
    assert (info.ImageInfo.ImageType, info.ImageInfo.ImageUrl, info.ImageInfo.ImageSecret) == (
        "CCR", "ccr.ccs.tencentyun.com/me/infer:1", None)
    assert [(e.Name, e.Value) for e in info.Env] == [("A", "1"), ("KEY", "******")]
    assert (info.ServiceLimit.EnableInstanceRpsLimit, info.ServiceLimit.InstanceRpsLimit) == (True, 50)
    assert (info.ScaleMode, info.TerminationGracePeriodSeconds, info.SchedulingStrategy) == (
        "MANUAL", 30, "binpack")
    assert (d.DeployType, d.InstancePerReplicas, d.CreateSource) == ("STANDARD", "1", "DEFAULT")
    assert d.CreateTime.endswith("+08")


def test_versions_of_a_group(tc: Client, clock: Clock) -> None:
    first = created(tc)
    second = created(tc, ServiceGroupId=first.ServiceGroupId, ServiceGroupName=None, Replicas=3)
    assert (second.ServiceId, second.Version, second.LatestVersion) == (
        f"{first.ServiceGroupId}-2", "2", "2")
    assert described(tc, first.ServiceId).LatestVersion == "2"
    clock.advance(4)
    group = call(tc, "DescribeModelServiceGroup", ServiceGroupId=first.ServiceGroupId).ServiceGroup
    assert (group.ServiceGroupName, group.ServiceCount, group.RunningServiceCount, group.LatestVersion) == (
        "infer-demo", 2, 2, "2")
    assert [s.ServiceId for s in group.Services] == [first.ServiceId, second.ServiceId]
    assert [s.Weight for s in group.Services] == [100, 0]
    assert (group.Status, group.ReplicasCount, group.AvailableReplicasCount) == ("Normal", 4, 4)
    call(tc, "DeleteModelService", ServiceId=first.ServiceId)
    left = call(tc, "DescribeModelServiceGroup", ServiceGroupId=first.ServiceGroupId).ServiceGroup
    assert left.ServiceCount == 1
    third = created(tc, ServiceGroupId=first.ServiceGroupId)
    assert third.Version == "3"
    call(tc, "DeleteModelServiceGroup", ServiceGroupId=first.ServiceGroupId)
    for service_id in (second.ServiceId, third.ServiceId):
        assert error_code(tc, "DescribeModelService", ServiceId=service_id)[0] == "ResourceNotFound"
    assert call(tc, "DescribeModelServiceGroups").TotalCount == 0


def test_group_names_are_unique_per_region(client: Client, emu: Emulator) -> None:
    first = created(client)
    code, message = error_code(client, "CreateModelService", **service_body())
    assert (code, f"({first.ServiceGroupId})" in message) == ("FailedOperation.DuplicateName", True)
    elsewhere = call(sdk_client(emu, region="ap-shanghai"), "CreateModelService", **service_body()).Service
    assert error_code(client, "DescribeModelService", ServiceId=elsewhere.ServiceId)[0] == "ResourceNotFound"


def test_modify_changes_settings_and_rolls_a_running_service(tc: Client, clock: Clock) -> None:
    service = created(tc)
    clock.advance(4)
    changed = call(
        tc, "ModifyModelService", ServiceId=service.ServiceId, InstanceType="TI.S.LARGE.POST",
        Command="serve --fast", Env=[{"Name": "B", "Value": "2"}],
    ).Service
    assert (changed.Status, changed.ServiceInfo.InstanceType, changed.ServiceInfo.Command) == (
        "Waiting", "TI.S.LARGE.POST", "serve --fast")
    assert changed.ServiceInfo.ImageInfo.ImageUrl == "ccr.ccs.tencentyun.com/me/infer:1"
    clock.advance(2)
    assert status(tc, service.ServiceId) == "Normal"
    scaled = call(
        tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceAction="SCALE", Replicas=4,
        InstanceType="TI.S.2XLARGE16.POST",
    ).Service
    assert (scaled.Status, scaled.ServiceInfo.Replicas, scaled.ServiceInfo.InstanceType) == (
        "Waiting", 4, "TI.S.LARGE.POST")
    call(tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceAction="STOP")
    clock.advance(2)
    call(tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceDescription="while stopped")
    d = described(tc, service.ServiceId)
    assert (d.Status, d.ServiceDescription) == ("Stopped", "while stopped")


def test_target_project_moves_a_service_out_of_the_default_workspace(tc: Client) -> None:
    service = created(tc)
    moved = call(tc, "ModifyModelService", ServiceId=service.ServiceId, TargetProjectId=7).Service
    assert moved.ProjectId == "7"
    code, message = error_code(tc, "ModifyModelService", ServiceId=service.ServiceId, TargetProjectId=8)
    assert (code, "default workspace" in message) == ("UnsupportedOperation", True)


@pytest.mark.parametrize(
    ("steps", "action", "allowed"),
    [
        (0, "RESUME", "Stopped"),
        (4, "RESUME", "Stopped"),
        (0, "SCALE", "Normal or Waiting or Pending or Abnormal"),
        (-1, "STOP", "CREATING or Normal"),
        (-1, "SCALE", "Normal"),
    ],
)
def test_service_actions_need_the_right_status(
    tc: Client, clock: Clock, steps: int, action: str, allowed: str
) -> None:
    service = created(tc)
    if steps < 0:
        clock.advance(4)
        call(tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceAction="STOP")
        clock.advance(2)
    clock.advance(max(steps, 0))
    code, message = error_code(tc, "ModifyModelService", ServiceId=service.ServiceId, ServiceAction=action)
    assert (code, allowed in message) == ("UnsupportedOperation", True), message


def test_a_service_can_be_deleted_in_any_status(tc: Client) -> None:
    service = created(tc)
    call(tc, "DeleteModelService", ServiceId=service.ServiceId)
    assert call(tc, "DescribeModelServiceGroups").TotalCount == 0


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("DescribeModelService", {"ServiceId": "ms-nothing1-1"}),
        ("ModifyModelService", {"ServiceId": "ms-nothing1-1", "ServiceAction": "STOP"}),
        ("DeleteModelService", {"ServiceId": "ms-nothing1-1"}),
        ("DescribeModelServiceGroup", {"ServiceGroupId": "ms-nothing1"}),
        ("DeleteModelServiceGroup", {"ServiceGroupId": "ms-nothing1"}),
        ("DescribeModelServiceCallInfo", {"ServiceGroupId": "ms-nothing1"}),
        ("ModifyModelServiceAuthorization", {"ServiceGroupId": "ms-nothing1"}),
        ("CreateModelService", {**service_body(), "ServiceGroupId": "ms-nothing1"}),
    ],
)
def test_unknown_ids_are_not_found(client: Client, action: str, body: dict[str, Any]) -> None:
    code, message = error_code(client, action, **body)
    assert (code, "does not exist in ap-guangzhou" in message) == ("ResourceNotFound", True)


def test_call_info_and_authorization(client: Client) -> None:
    service = created(client, AuthorizationEnable=True)
    group = service.ServiceGroupId
    assert service.ServiceInfo.AuthorizationEnable is True
    info = call(client, "DescribeModelServiceCallInfo", ServiceGroupId=group)
    old = info.ServiceCallInfo
    assert (old.ServiceGroupId, old.AuthorizationEnable) == (group, True)
    assert (old.AppKey[:4], len(old.AppSecret)) == ("APID", 40)
    assert (old.OuterHttpsAddr[:16], old.OuterHttpsAddr[-6:]) == ("https://service-", "/tione")
    assert (info.ServiceCallInfoV2.AuthorizationEnable, len(info.ServiceCallInfoV2.AuthToken)) == (True, 32)
    call(client, "ModifyModelServiceAuthorization", ServiceGroupId=group, AuthorizationEnable=False)
    off = call(client, "DescribeModelServiceCallInfo", ServiceGroupId=group)
    assert (off.ServiceCallInfo.AppKey, off.ServiceCallInfoV2.AuthToken) == ("", "")
    assert off.ServiceCallInfo.AuthorizationEnable is False
    described_group = call(client, "DescribeModelServiceGroup", ServiceGroupId=group).ServiceGroup
    assert described_group.AuthorizationEnable is False
    call(client, "ModifyModelServiceAuthorization", ServiceGroupId=group, AuthorizationEnable=True)
    again = call(client, "DescribeModelServiceCallInfo", ServiceGroupId=group).ServiceCallInfo
    assert (again.AppKey, again.AppSecret) == (old.AppKey, old.AppSecret)


def test_listing_filters_tags_and_paging(tc: Client, clock: Clock) -> None:
    owner = [{"TagKey": "pulumi-tione-owner", "TagValue": "abc"}]
    a = created(tc, ServiceGroupName="alpha", ModelInfo={"ModelVersionId": "mv-v1-1"})
    clock.advance(1)
    b = created(tc, ServiceGroupName="beta", Tags=owner)
    clock.advance(1)
    created(tc, ServiceGroupId=a.ServiceGroupId, Tags=[{"TagKey": "pulumi-tione-owner", "TagValue": "xyz"}])

    def ids(**params: Any) -> list[str]:
        return [g.ServiceGroupId for g in call(tc, "DescribeModelServiceGroups", **params).ServiceGroups]

    assert ids() == [a.ServiceGroupId, b.ServiceGroupId]
    assert ids(OrderField="CreateTime", Order="ASC") == [a.ServiceGroupId, b.ServiceGroupId]
    assert ids(OrderField="CreateTime") == [b.ServiceGroupId, a.ServiceGroupId]
    assert ids(TagFilters=[{"TagKey": "pulumi-tione-owner", "TagValues": ["abc"]}]) == [b.ServiceGroupId]
    assert ids(TagFilters=[{"TagKey": "pulumi-tione-owner", "TagValues": ["xyz"]}]) == [a.ServiceGroupId]
    assert ids(Filters=[{"Name": "ServiceGroupName", "Values": ["beta"]}]) == [b.ServiceGroupId]
    assert ids(Filters=[{"Name": "ServiceGroupName", "Values": ["ALP"], "Fuzzy": True}]) == [a.ServiceGroupId]
    assert ids(Filters=[{"Name": "ServiceId", "Values": [f"{a.ServiceGroupId}-2"]}]) == [a.ServiceGroupId]
    assert ids(Filters=[{"Name": "ModelVersionId", "Values": ["mv-v1-1"]}]) == [a.ServiceGroupId]
    assert ids(Filters=[{"Name": "Status", "Values": ["CREATING"], "Negative": True}]) == []
    page = call(tc, "DescribeModelServiceGroups", Limit=1, Offset=1)
    assert (page.TotalCount, page.GlobalTotalCount, len(page.ServiceGroups)) == (2, 2, 1)
    by_id = [{"Name": "ServiceGroupId", "Values": [b.ServiceGroupId]}]
    listed = call(tc, "DescribeModelServiceGroups", Filters=by_id)
    assert [(t.TagKey, t.TagValue) for t in listed.ServiceGroups[0].Tags] == [("pulumi-tione-owner", "abc")]
    code, _ = error_code(tc, "DescribeModelServiceGroups", Filters=[{"Name": "Colour", "Values": ["x"]}])
    assert code == "InvalidParameterValue.InvalidFilter"
