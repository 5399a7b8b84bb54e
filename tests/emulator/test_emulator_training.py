"""Training task actions through the official SDK: lifecycle, Describe shapes, rules and error codes."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from tencentcloud.tione.v20211111.tione_client import TioneClient as Client

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.support.workload_requests import SEED_NAME, SEED_URL, Clock, call, error_code, task_body


def detail(tc: Client, task_id: str) -> Any:
    return call(tc, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail


def test_lifecycle_to_succeed_and_restart(tc: Client, clock: Clock, clocked: Emulator) -> None:
    task_id = str(call(tc, "CreateTrainingTask", **task_body()).Id)
    assert task_id.startswith("train-")
    seen = []
    for _ in range(4):
        seen.append(detail(tc, task_id).Status)
        clock.advance(2)
    assert seen == ["SUBMITTING", "PENDING", "STARTING", "RUNNING"]
    clock.advance(57)
    assert (detail(tc, task_id).Status, detail(tc, task_id).ChargeStatus) == ("RUNNING", "BILLING")
    clock.advance(1)
    done = detail(tc, task_id)
    assert (done.Status, done.RuntimeInSeconds, done.ChargeStatus) == ("SUCCEED", 60, "NOT_BILLING")
    assert done.StartTime is not None
    assert done.EndTime is not None
    first_instance = done.LatestInstanceId
    call(tc, "StartTrainingTask", Id=task_id)
    again = detail(tc, task_id)
    assert (again.Status, again.EndTime) == ("SUBMITTING", None)
    assert again.LatestInstanceId != first_instance
    assert (
        call(tc, "DescribeTrainingTask", Id=task_id, InstanceId=first_instance).TrainingTaskDetail.Id
        == task_id
    )
    assert error_code(tc, "DescribeTrainingTask", Id=task_id, InstanceId="train-x-y")[0] == "ResourceNotFound"


def test_stop_rules_and_delete(tc: Client, clock: Clock, clocked: Emulator) -> None:
    task_id = str(call(tc, "CreateTrainingTask", **task_body()).Id)
    code, message = error_code(tc, "StopTrainingTask", Id=task_id)
    assert (code, "retry once it is PENDING" in message) == ("FailedOperation.UnSubmitNotAllowToStop", True)
    assert error_code(tc, "DeleteTrainingTask", Id=task_id)[0] == "FailedOperation.NotAllow"
    clock.advance(2)
    call(tc, "StopTrainingTask", Id=task_id)
    assert detail(tc, task_id).Status == "STOPPING"
    assert error_code(tc, "StopTrainingTask", Id=task_id)[0] == "FailedOperation.NotAllow"
    assert error_code(tc, "StartTrainingTask", Id=task_id)[0] == "FailedOperation.NotAllow"
    clock.advance(2)
    assert detail(tc, task_id).Status == "STOPPED"
    assert error_code(tc, "StopTrainingTask", Id=task_id)[0] == "FailedOperation.NotAllow"
    call(tc, "DeleteTrainingTask", Id=task_id)
    assert clocked.objects() == []
    for action in ("DescribeTrainingTask", "StopTrainingTask", "StartTrainingTask", "DeleteTrainingTask"):
        assert error_code(tc, action, Id=task_id)[0] == "ResourceNotFound"


def test_detail_reports_a_platform_image_as_pre_set(client: Client) -> None:
    task_id = call(client, "CreateTrainingTask", **task_body(FrameworkVersion="2.3")).Id
    raw = client.call_json("DescribeTrainingTask", {"Id": task_id})["Response"]["TrainingTaskDetail"]
    assert raw["ImageInfo"] == {
        "ImageType": "PRE_SET",
        "ImageUrl": SEED_URL,
        "RegistryRegion": "",
        "RegistryId": "",
        "ImageSecret": None,
        "ImageName": SEED_NAME,
    }
    assert (raw["FrameworkName"], raw["FrameworkEnvironment"], raw["FrameworkVersion"]) == (
        "PYTORCH",
        SEED_NAME,
        "2.3",
    )
    assert (raw["TrainingMode"], raw["Region"], raw["StartCmdInfo"]["StartCmd"]) == (
        "DDP",
        "ap-guangzhou",
        "torchrun train.py",
    )
    assert raw["ResourceConfigInfos"][0]["InstanceNum"] == 2
    assert raw["Output"] == {"Bucket": "my-bucket-1250000000", "Region": "ap-guangzhou", "Paths": ["out/"]}
    assert raw["CodePackagePath"] == {"Bucket": "", "Region": "", "Paths": []}


def test_a_custom_image_comes_back_without_its_secret(client: Client) -> None:
    image = {
        "ImageType": "TCR",
        "ImageUrl": "ccr.ccs.tencentyun.com/me/train:1",
        "RegistryRegion": "ap-guangzhou",
        "RegistryId": "tcr-1",
        "ImageSecret": {"Username": "u", "Password": "cGFzc3dvcmQtMQ=="},
    }
    envs = [{"Name": "TOKEN", "Value": "s3cr3t-value", "IsPrivate": True}, {"Name": "MODE", "Value": "fast"}]
    body = task_body(FrameworkName=None, FrameworkEnvironment=None, ImageInfo=image, Envs=envs)
    task_id = call(client, "CreateTrainingTask", **body).Id
    raw = client.call_json("DescribeTrainingTask", {"Id": task_id})
    listed = client.call_json("DescribeTrainingTasks", {})
    assert raw["Response"]["TrainingTaskDetail"]["ImageInfo"] == {
        "ImageType": "TCR",
        "ImageUrl": "ccr.ccs.tencentyun.com/me/train:1",
        "RegistryRegion": "ap-guangzhou",
        "RegistryId": "tcr-1",
        "ImageName": "",
        "ImageSecret": None,
    }
    assert listed["Response"]["TrainingTaskSet"][0]["Envs"] == [
        {"Name": "TOKEN", "Value": "******", "IsPrivate": True},
        {"Name": "MODE", "Value": "fast", "IsPrivate": False},
    ]
    text = json.dumps([raw, listed])
    assert "cGFzc3dvcmQtMQ==" not in text
    assert "s3cr3t-value" not in text


def test_empty_optional_strings_count_as_absent(client: Client) -> None:
    task_id = call(
        client, "CreateTrainingTask", **task_body(TrainingMode="", FrameworkVersion="", Remark="")
    ).Id
    assert call(client, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail.TrainingMode == ""


def test_encoded_start_command_wins(client: Client) -> None:
    encoded = base64.b64encode(
        json.dumps({"StartCmd": "", "PsStartCmd": "", "WorkerStartCmd": "sleep 10"}).encode()
    )
    body = task_body(EncodedStartCmdInfo={"StartCmdInfo": encoded.decode()})
    start = call(client, "DescribeTrainingTask", Id=call(client, "CreateTrainingTask", **body).Id)
    assert (
        start.TrainingTaskDetail.StartCmdInfo.StartCmd,
        start.TrainingTaskDetail.StartCmdInfo.WorkerStartCmd,
    ) == ("", "sleep 10")


NOT_TRAIN = next(e for e in bundled_catalog() if "Train" not in (e["ImageRange"] or []) and e["Framework"])


@pytest.mark.parametrize(
    ("overrides", "code", "fragment"),
    [
        ({"Name": "y" * 61}, "InvalidParameterValue.ParamLengthExceedLimit", "at most 60"),
        ({"Name": "_x"}, "InvalidParameterValue.BadName", "`_x`"),
        ({"ChargeType": "FREE"}, "InvalidParameterValue", "PREPAID, POSTPAID_BY_HOUR"),
        ({"ResourceConfigInfos": []}, "InvalidParameterValue.ResourceConfigIllegal", "at least one role"),
        (
            {"ResourceConfigInfos": [{"Role": "BOSS", "InstanceType": "TI.S.MEDIUM.POST"}]},
            "InvalidParameterValue",
            "PS, WORKER, DRIVER, EXECUTOR",
        ),
        (
            {"ResourceConfigInfos": [{"Role": "WORKER"}]},
            "FailedOperation.UnknownInstanceType",
            "TI.S.MEDIUM.POST",
        ),
        (
            {
                "ResourceConfigInfos": [
                    {"Role": "WORKER", "InstanceType": "TI.S.MEDIUM.POST", "InstanceNum": 0}
                ]
            },
            "InvalidParameterValue.ResourceConfigIllegal",
            "at least one node",
        ),
        (
            {"ChargeType": "PREPAID", "ResourceGroupId": "trsg-1",
             "ResourceConfigInfos": [{"Role": "WORKER", "Cpu": 1000, "Memory": 2048, "GpuType": "H800",
                                      "Gpu": 100}]},
            "InvalidParameterValue.InvalidResourceSpec",
            "supports GPU types",
        ),
        ({"ChargeType": "PREPAID"}, "InvalidParameterValue.ResourceConfigIllegal", "ResourceGroupId"),
        (
            {"ChargeType": "PREPAID", "ResourceGroupId": "trsg-1"},
            "InvalidParameterValue.ResourceConfigIllegal",
            "Cpu",
        ),
        ({"TrainingMode": "SPMD"}, "InvalidParameterValue", "PS_WORKER, DDP, MPI, HOROVOD"),
        ({"TrainingMode": "MPI"}, "InvalidParameterValue", "supports DDP"),
        (
            {"FrameworkEnvironment": "no-such-image"},
            "InvalidParameterValue.ImageNotFound",
            "DescribePlatformImages",
        ),
        (
            {"FrameworkName": "TENSORFLOW"},
            "InvalidParameterValue.ImageNotFound",
            "no TENSORFLOW platform image",
        ),
        (
            {
                "FrameworkName": NOT_TRAIN["Framework"],
                "FrameworkEnvironment": NOT_TRAIN["ImageName"],
                "TrainingMode": None,
            },
            "InvalidParameterValue.ImageNotFound",
            "lacks Train",
        ),
        ({"FrameworkVersion": "1.0"}, "InvalidParameterValue.FrameworkVersionNotSupport", "version 2.3"),
        ({"FrameworkEnvironment": None}, "InvalidParameter.ValidateError", "FrameworkEnvironment"),
        (
            {"ImageInfo": {"ImageType": "TCR", "ImageUrl": "a/b:1"}},
            "InvalidParameter.ValidateError",
            "not both",
        ),
        (
            {
                "FrameworkName": None,
                "FrameworkEnvironment": None,
                "ImageInfo": {"ImageType": "PRE_SET", "ImageUrl": SEED_URL},
            },
            "InvalidParameterValue",
            "TCR, CCR, CUSTOM",
        ),
        (
            {"DataConfigs": [{"MappingPath": f"/d{i}"} for i in range(11)]},
            "InvalidParameterValue.DataConfigNumLimitExceeded",
            "at most 10",
        ),
        ({"TuningParameters": "x" * 2049}, "InvalidParameterValue.ParamLengthExceedLimit", "2048"),
        ({"Remark": "r" * 1025}, "InvalidParameterValue.ParamLengthExceedLimit", "1024"),
        ({"LogEnable": True}, "InvalidParameterValue.ClsConfigRequired", "LogConfig"),
        (
            {"Output": {"Bucket": "b-1", "Region": "ap-guangzhou", "Paths": ["a/", "b/"]}},
            "InvalidParameterValue",
            "exactly one path",
        ),
        ({"EncodedStartCmdInfo": {"StartCmdInfo": "%%%"}}, "InvalidParameterValue", "base64"),
        (
            {"EncodedStartCmdInfo": {"StartCmdInfo": base64.b64encode(b'{"Cmd": "x"}').decode()}},
            "InvalidParameterValue",
            "decoded JSON",
        ),
        (
            {"DataConfigs": [{"COSSource": {"Bucket": "b-1", "Region": "ap-guangzhou", "Paths": []}}]},
            "InvalidParameterValue",
            "exactly one path",
        ),
    ],
)
def test_create_rules(
    client: Client, emu: Emulator, overrides: dict[str, Any], code: str, fragment: str
) -> None:
    got, message = error_code(client, "CreateTrainingTask", **task_body(**overrides))
    assert (got, fragment in message) == (code, True), message
    assert emu.objects() == []


def test_prepaid_task_in_a_resource_group(client: Client) -> None:
    infos = [{"Role": "WORKER", "Cpu": 1000, "Memory": 1024, "InstanceNum": 1}]
    body = task_body(ChargeType="PREPAID", ResourceGroupId="ersg-1", ResourceConfigInfos=infos)
    listed = call(
        client,
        "DescribeTrainingTasks",
        Filters=[{"Name": "Id", "Values": [call(client, "CreateTrainingTask", **body).Id]}],
    ).TrainingTaskSet
    assert [(t.ChargeType, t.ResourceGroupId, t.ChargeStatus) for t in listed] == [
        ("PREPAID", "ersg-1", "NOT_BILLING")
    ]


def test_names_are_unique(client: Client) -> None:
    call(client, "CreateTrainingTask", **task_body())
    code, message = error_code(client, "CreateTrainingTask", **task_body())
    assert (code, "`finetune` already exists" in message) == ("FailedOperation.DuplicateName", True)


def test_list_paging_and_filters(tc: Client, clock: Clock) -> None:
    for index in range(3):
        call(tc, "CreateTrainingTask", **task_body(Name=f"t-{index}"))
        clock.advance(2)
    everything = call(tc, "DescribeTrainingTasks", OrderField="CreateTime", Order="ASC")
    assert [t.Name for t in everything.TrainingTaskSet] == ["t-0", "t-1", "t-2"]
    assert [t.Status for t in everything.TrainingTaskSet] == ["RUNNING", "STARTING", "PENDING"]
    pending = call(
        tc, "DescribeTrainingTasks", Filters=[{"Name": "Status", "Values": ["PENDING", "STARTING"]}]
    )
    assert pending.TotalCount == 2
    billing = call(tc, "DescribeTrainingTasks", Filters=[{"Name": "CHARGE_STATUS", "Values": ["BILLING"]}])
    assert sorted(t.Name for t in billing.TrainingTaskSet) == ["t-0", "t-1"]
    assert call(tc, "DescribeTrainingTasks", Limit=50, Offset=2).TotalCount == 3
    assert len(call(tc, "DescribeTrainingTasks", Limit=50, Offset=2).TrainingTaskSet) == 1
    by_start = call(tc, "DescribeTrainingTasks", OrderField="StartTime")
    assert by_start.TrainingTaskSet[0].Name == "t-0"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"Limit": 51}, "InvalidParameterValue.PageLimitExceeded"),
        ({"Limit": -1}, "InvalidParameterValue"),
        ({"OrderField": "Name"}, "InvalidParameterValue"),
        (
            {"Filters": [{"Name": "ChargeStatus", "Values": ["BILLING"]}]},
            "InvalidParameterValue.InvalidFilter",
        ),
        (
            {
                "Filters": [
                    {"Name": "Status", "Values": ["RUNNING"]},
                    {"Name": "CHARGE_STATUS", "Values": ["BILLING"]},
                ]
            },
            "InvalidParameter.FilterKeyStatusConflictWithChargeStatus",
        ),
    ],
)
def test_list_errors(client: Client, params: dict[str, Any], code: str) -> None:
    assert error_code(client, "DescribeTrainingTasks", **params)[0] == code
