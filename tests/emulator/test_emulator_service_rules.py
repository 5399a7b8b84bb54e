"""Model service rules and their exact error codes, the ImageType spellings, Tencent's example
requests, and faults: lost answers, forced statuses, step 0."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.tione.v20211111.tione_client import TioneClient as Client

from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.emulator.service_rules import IMAGE_TYPES, PLATFORM_IMAGE_TYPES
from tests.support.sdk import sdk_client
from tests.support.workload_requests import Clock, call, error_code, service_body

VALIDATE = "InvalidParameter.ValidateError"
INFERENCE = next(e for e in bundled_catalog() if "Inference" in (e["ImageRange"] or []))
TRAIN_ONLY = next(e for e in bundled_catalog() if "Inference" not in (e["ImageRange"] or []))
HPA = {"MinReplicas": 1, "MaxReplicas": 3, "HpaMetrics": [{"Name": "cpu-util", "Value": 60}]}


@pytest.mark.parametrize(
    ("overrides", "code", "fragment"),
    [
        ({"ServiceGroupName": None}, "MissingParameter", "`ServiceGroupName`"),
        ({"ServiceGroupName": "x" * 61}, VALIDATE, "at most 60"),
        ({"ServiceGroupName": "-lead"}, VALIDATE, "starting with a letter or digit"),
        ({"ServiceGroupName": "推理"}, VALIDATE, "use letters, digits"),
        ({"ChargeType": None}, VALIDATE, "ChargeType is missing"),
        ({"ChargeType": "FREE"}, VALIDATE, "valid values are PREPAID"),
        ({"InstanceType": None}, VALIDATE, "needs InstanceType"),
        ({"InstanceType": "S.MEDIUM"}, "FailedOperation.UnknownInstanceType", "TI.S.MEDIUM.POST"),
        ({"ChargeType": "PREPAID", "InstanceType": None}, VALIDATE, "needs ResourceGroupId"),
        ({"ChargeType": "PREPAID", "ResourceGroupId": "trsg-1"}, VALIDATE, "needs Resources"),
        ({"ImageInfo": None}, VALIDATE, "ImageInfo is missing"),
        ({"ImageInfo": {"ImageType": "SYSTEM", "ImageUrl": "a/b"}}, VALIDATE, "valid values are PreSet"),
        ({"ImageInfo": {"ImageType": "TCR", "ImageUrl": "a b"}}, VALIDATE, "without blanks"),
        ({"ImageInfo": {"ImageType": "PreSet", "ImageUrl": "nowhere/x:1"}}, VALIDATE, "no platform image"),
        ({"ImageInfo": {"ImageType": "PRESET", "ImageUrl": TRAIN_ONLY["ImageUrl"]}}, VALIDATE,
         "lacks Inference"),
        ({"ServicePort": 8505}, VALIDATE, "reserved"),
        ({"ServicePort": 6006}, VALIDATE, "reserved"),
        ({"ScaleMode": "SOMETIMES"}, VALIDATE, "AUTO, MANUAL"),
        ({"ScaleMode": "AUTO"}, VALIDATE, "needs HorizontalPodAutoscaler"),
        ({"ScaleMode": "AUTO", "ScaleStrategy": "CRON"}, VALIDATE, "needs CronScaleJobs"),
        ({"HorizontalPodAutoscaler": {**HPA, "MinReplicas": 5}}, VALIDATE, "above MaxReplicas"),
        ({"HorizontalPodAutoscaler": {**HPA, "HpaMetrics": [{"Name": "cpu-util", "Value": 5}]}},
         VALIDATE, "from 10 to 100"),
        ({"HorizontalPodAutoscaler": {**HPA, "HpaMetrics": [{"Name": "service-qps", "Value": 5001}]}},
         VALIDATE, "from 1 to 5000"),
        ({"HorizontalPodAutoscaler": {**HPA, "HpaMetrics": [{"Name": "disk-util", "Value": 50}]}},
         VALIDATE, "concurrency-util"),
        ({"CronScaleJobs": [{"Schedule": "0 8 * *"}]}, VALIDATE, "5 fields"),
        ({"CronScaleJobs": [{"Schedule": "0 8 * * *", "ExcludeDates": ["a", "b", "c", "d"]}]},
         VALIDATE, "at most 3"),
        ({"ScheduledAction": {"ScheduleStop": True}}, VALIDATE, "ScheduleStopTime"),
        ({"ServiceLimit": {"EnableInstanceReqLimit": True}}, VALIDATE, "InstanceReqLimit"),
        ({"LogEnable": True}, VALIDATE, "LogConfig"),
        ({"TerminationGracePeriodSeconds": 0}, VALIDATE, "minimum is 1"),
        ({"Priority": 10}, VALIDATE, "from 0 to 9"),
        ({"DeployType": "SOLO"}, VALIDATE, "STANDARD, DIST, ROLE_SET"),
        ({"SchedulingStrategy": "pack"}, VALIDATE, "binpack, spread"),
        ({"CreateSource": "CONSOLE"}, VALIDATE, "AUTO_ML"),
        ({"ResourceSupplyAttribute": {"SupplyType": "CHEAP"}}, VALIDATE, "TIDE, SPOT"),
        ({"CommandBase64": "not base64!"}, VALIDATE, "not base64"),
        ({"VolumeMount": {"VolumeSourceType": "CFS"}}, VALIDATE, "needs CFSConfig"),
        ({"VolumeMounts": [{"VolumeSourceType": "NFS"}]}, VALIDATE, "CFS, COS, PUBLIC_DATA_SOURCE"),
        ({"HealthProbe": {"LivenessProbe": {"ProbeAction": {"ActionType": "Ping"}}}}, VALIDATE, "HTTPGet"),
        ({"RollingUpdate": {"MaxSurge": {"Type": "Ratio", "Value": 1}}}, VALIDATE, "Num, Percent"),
        ({"Sidecar": {"ImageInfo": {"ImageType": "PreSet", "ImageUrl": "nowhere/x:1"}}}, VALIDATE,
         "Sidecar.ImageInfo.ImageUrl"),
        ({"Replicas": 1.0}, "InvalidParameter", "must be of type Integer"),
        ({"Colour": "red"}, "UnknownParameter", "`Colour`"),
        ({"HorizontalPodAutoscaler": {"MinReplicas": 1, "MaxReplicas": 2}}, "MissingParameter",
         "`HorizontalPodAutoscaler.HpaMetrics`"),
    ],
)
def test_create_rules(client: Client, overrides: dict[str, Any], code: str, fragment: str) -> None:
    got, message = _raw(client, service_body(**overrides))
    assert (got, fragment in message) == (code, True), message


def _raw(client: Client, body: dict[str, Any]) -> tuple[str, str]:
    """(code, message) of CreateModelService with `body` sent as is (members the SDK's model lacks too)."""
    with pytest.raises(TencentCloudSDKException) as info:
        client.call_json("CreateModelService", body)
    return str(info.value.code), str(info.value.message)


def test_modify_applies_the_same_rules(client: Client) -> None:
    service = call(client, "CreateModelService", **service_body()).Service
    service_id = service.ServiceId
    code, message = error_code(client, "ModifyModelService", ServiceId=service_id, ServicePort=9092)
    assert (code, "reserved" in message) == (VALIDATE, True)
    code, message = error_code(client, "ModifyModelService", ServiceId=service_id, ServiceAction="PAUSE")
    assert (code, "STOP, RESUME, SCALE" in message) == (VALIDATE, True)
    kept = call(client, "DescribeModelService", ServiceId=service_id).Service.ServiceInfo
    assert kept.ServicePort == 8501


def test_accepted_configurations(client: Client) -> None:
    accepted: list[dict[str, Any]] = [
        {"ChargeType": "PREPAID", "InstanceType": None, "ResourceGroupId": "trsg-1",
         "Resources": {"Cpu": 2000, "Memory": 4096}},
        {"ChargeType": "HYBRID_PAID", "HybridBillingPrepaidReplicas": 1, "ResourceGroupId": "trsg-1"},
        {"ScaleMode": "AUTO", "HorizontalPodAutoscaler": HPA, "ScaleStrategy": "HPA"},
        {"ScaleMode": "AUTO", "ScaleStrategy": "CRON", "CronScaleJobs": [{"Schedule": "0 8 * * 1-5"}]},
        {"ImageInfo": None, "InferTemplateId": "Qwen3.5-9B"},
        {"LogEnable": True, "LogConfig": {"LogsetId": "ls-1", "TopicId": "tp-1"}, "ServicePort": 8080},
    ]
    for index, overrides in enumerate(accepted):
        body = service_body(ServiceGroupName=f"ok-{index}", **overrides)
        service = call(client, "CreateModelService", **body).Service
        assert service.Status == "CREATING", overrides


@pytest.mark.parametrize("image_type", PLATFORM_IMAGE_TYPES)
def test_platform_image_spellings_are_accepted_and_reported_as_sent(client: Client, image_type: str) -> None:
    image = {"ImageType": image_type, "ImageUrl": INFERENCE["ImageUrl"]}
    service = call(client, "CreateModelService", **service_body(ImageInfo=image)).Service
    info = call(client, "DescribeModelService", ServiceId=service.ServiceId).Service.ServiceInfo.ImageInfo
    assert (info.ImageType, info.ImageUrl, info.ImageName) == (image_type, INFERENCE["ImageUrl"],
                                                               INFERENCE["ImageName"])


def test_image_types_are_the_documented_ones() -> None:
    assert set(IMAGE_TYPES) == {"PreSet", "PRESET", "PRE_SET", "TCR", "CCR", "CUSTOM"}


def _examples() -> dict[str, list[dict[str, Any]]]:
    spec = importlib.util.find_spec("tccli")
    assert spec is not None
    assert spec.origin is not None
    path = Path(spec.origin).parent / "services" / "tione" / "v20211111" / "examples.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["actions"])


EXAMPLE_ORDER = ("CreateModelService", "DescribeModelService", "DescribeModelServiceGroups",
                 "DescribeModelServiceGroup", "DescribeModelServiceCallInfo",
                 "ModifyModelServiceAuthorization", "ModifyModelService", "DeleteModelService",
                 "DeleteModelServiceGroup")


def test_tencents_example_requests_are_answered_in_their_shape(tc: Client) -> None:
    group = call(tc, "CreateModelService", **service_body(ServiceGroupName="held")).Service.ServiceGroupId
    ids = {"ServiceId": f"{group}-1", "ServiceGroupId": group}
    examples = _examples()
    for action in EXAMPLE_ORDER:
        [example] = examples[action]
        body = json.loads(example["input"].split("\n\n", 1)[1])
        body = {k: ids[k] if k in ids and v else v for k, v in body.items()}
        if action == "DeleteModelServiceGroup":
            body["ServiceGroupId"] = call(tc, "CreateModelService", **service_body()).Service.ServiceGroupId
        answer = tc.call_json(action, body)["Response"]
        expected = json.loads(example["output"])["Response"]
        assert set(answer) == set(expected), action
        for key, value in expected.items():
            if isinstance(value, dict) and isinstance(answer[key], dict):
                assert set(value) <= set(answer[key]), (action, key, set(value) - set(answer[key]))


def test_step_zero_and_forced_statuses(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(rate_limit=0, step_seconds=0)
    client = sdk_client(server)
    service = call(client, "CreateModelService", **service_body()).Service
    assert call(client, "DescribeModelService", ServiceId=service.ServiceId).Service.Status == "Normal"
    forced = server.set_status(service.ServiceId, "CREATE_FAILED", "image pull failed")
    assert (forced["Kind"], forced["Status"]) == ("ModelService", "CREATE_FAILED")
    failed = call(client, "DescribeModelService", ServiceId=service.ServiceId).Service
    assert (failed.Status, failed.BusinessStatus, failed.CreateFailedReason, failed.ServiceInfo.Status) == (
        "CREATE_FAILED", "CREATE_FAILED", "image pull failed", None)
    server.set_status(service.ServiceId, "Abnormal", "OOMKilled")
    sick = call(client, "DescribeModelService", ServiceId=service.ServiceId).Service
    assert (sick.BusinessStatus, sick.ServiceInfo.Status.Status, sick.ServiceInfo.Status.Reason) == (
        "CREATE_SUCCEED", "Abnormal", "OOMKilled")
    with pytest.raises(ValueError, match="not a ModelService status"):
        server.set_status(service.ServiceId, "Running")
    assert server.clear_objects() == 1
    assert call(client, "DescribeModelServiceGroups").TotalCount == 0


def test_a_lost_create_answer_leaves_the_service_to_adopt(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(rate_limit=0, step_seconds=0, lost_response_rate=1.0, seed=5)
    client = sdk_client(server)
    owner = {"TagKey": "pulumi-tione-owner", "TagValue": "0123abcd"}
    with pytest.raises(TencentCloudSDKException) as info:
        call(client, "CreateModelService", **service_body(Tags=[owner]))
    assert info.value.code == "ClientNetworkError"
    [made] = server.objects()
    listed = call(client, "DescribeModelServiceGroups",
                  TagFilters=[{"TagKey": owner["TagKey"], "TagValues": [owner["TagValue"]]}]).ServiceGroups
    assert [(g.ServiceGroupName, g.Services[0].ServiceId) for g in listed] == [("infer-demo", made["Id"])]
    with pytest.raises(TencentCloudSDKException):
        call(client, "CreateModelService", **service_body(Tags=[owner]))
    with pytest.raises(TencentCloudSDKException):
        call(client, "DeleteModelService", ServiceId=made["Id"])
    assert server.objects() == []
    stats = server.stats()
    assert stats["actions"]["CreateModelService"] == {"lost": 1, "FailedOperation.DuplicateName": 1}
    assert stats["actions"]["DeleteModelService"] == {"lost": 1}
    assert stats["actions"]["DescribeModelServiceGroups"] == {"ok": 1}


def test_statuses_follow_the_clock(tc: Client, clock: Clock, clocked: Emulator) -> None:
    service_id = call(tc, "CreateModelService", **service_body()).Service.ServiceId
    timeline: dict[str, float] = {}
    clocked.set_timing(step_seconds=3)
    for tick in range(10):
        timeline.setdefault(call(tc, "DescribeModelService", ServiceId=service_id).Service.Status, tick)
        clock.advance(1)
    assert timeline == {"CREATING": 0, "Waiting": 3, "Normal": 6}
