"""Training task actions: the rules of CreateTrainingTask ... DeleteTrainingTask and Describe's shapes.

Lifecycle: CreateTrainingTask and StartTrainingTask enter ``SUBMITTING``, then ``PENDING``,
``STARTING``, ``RUNNING`` and finally ``SUCCEED``; StopTrainingTask enters ``STOPPING``, then
``STOPPED``. A task cannot be modified. Stopping a SUBMITTING task answers
``FailedOperation.UnSubmitNotAllowToStop``; DeleteTrainingTask is refused
(``FailedOperation.NotAllow``) until the task has ended (STOPPED, SUCCEED, FAILED, SUBMIT_FAILED).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from typing import Any

from pulumi_tione._api_facts import prepaid_compute_complete

from .apierror import ApiError, invalid_value
from .listing import ListSpec, list_page
from .records import (
    APP_ID,
    TRAINING_TASK,
    UIN,
    Context,
    Flow,
    Record,
)
from .rules import (
    api_time,
    check_cos_paths,
    check_enum,
    check_gpu_types,
    check_image_url,
    check_length,
    check_log,
    check_tags,
    custom_image_view,
    deep,
    not_allowed,
    platform_image,
)

FLOW = Flow(
    statuses=(
        "SUBMITTING",
        "PENDING",
        "STARTING",
        "RUNNING",
        "STOPPING",
        "STOPPED",
        "FAILED",
        "SUCCEED",
        "SUBMIT_FAILED",
    ),
    next={
        "SUBMITTING": "PENDING",
        "PENDING": "STARTING",
        "STARTING": "RUNNING",
        "RUNNING": "SUCCEED",
        "STOPPING": "STOPPED",
    },
    running="RUNNING",
    ended=frozenset({"STOPPED", "FAILED", "SUCCEED", "SUBMIT_FAILED"}),
    run_timed=frozenset({"RUNNING"}),
)
ENDED = ("STOPPED", "SUCCEED", "FAILED", "SUBMIT_FAILED")
STOPPABLE = ("PENDING", "STARTING", "RUNNING")
CHARGE_TYPES = ("PREPAID", "POSTPAID_BY_HOUR")
ROLES = ("PS", "WORKER", "DRIVER", "EXECUTOR")
TRAINING_MODES = ("PS_WORKER", "DDP", "MPI", "HOROVOD")
CUSTOM_IMAGE_TYPES = ("TCR", "CCR", "CUSTOM")
MAX_DATA_CONFIGS = 10
MAX_TUNING_PARAMETERS = 2048
MAX_REMARK = 1024
_LABEL = "training task"
_INTERNAL = ("TiProjectId", "Name", "Tags")
_START_CMD_KEYS = ("StartCmd", "PsStartCmd", "WorkerStartCmd")

LIST = ListSpec(
    default_limit=10,
    max_limit=50,
    filters={
        "Name": lambda r: [r.name],
        "Id": lambda r: [r.id],
        "Status": lambda r: [r.status],
        "ResourceGroupId": lambda r: [r.config.get("ResourceGroupId") or ""],
        "Creator": lambda r: [UIN],
        "ChargeType": lambda r: [r.config["ChargeType"]],
        "CHARGE_STATUS": lambda r: [charge_status(r)],
    },
    order_fields={
        "CreateTime": lambda r: r.created,
        "UpdateTime": lambda r: r.updated,
        "StartTime": lambda r: r.started or 0.0,
    },
    charge_status_key="CHARGE_STATUS",
)


def charge_status(record: Record) -> str:
    """BILLING from STARTING to STOPPING for pay-as-you-go tasks, else NOT_BILLING."""
    billing = record.status in ("STARTING", "RUNNING", "STOPPING")
    return "BILLING" if billing and record.config["ChargeType"] == "POSTPAID_BY_HOUR" else "NOT_BILLING"


def _check_resources(params: Mapping[str, Any]) -> None:
    infos, charge = params["ResourceConfigInfos"], params["ChargeType"]
    if not infos:
        raise ApiError(
            "InvalidParameterValue.ResourceConfigIllegal",
            "ResourceConfigInfos is empty: give at least one role, e.g. "
            '[{"Role": "WORKER", "InstanceType": "TI.S.MEDIUM.POST", "InstanceNum": 1}].',
        )
    if charge == "PREPAID" and not params.get("ResourceGroupId"):
        raise ApiError(
            "InvalidParameterValue.ResourceConfigIllegal",
            "PREPAID needs ResourceGroupId, the prepaid resource group to run in.",
        )
    for index, info in enumerate(infos):
        where = f"ResourceConfigInfos.{index}"
        check_enum(f"{where}.Role", info["Role"], ROLES)
        if info.get("InstanceNum") == 0:
            raise invalid_value(
                f"{where}.InstanceNum",
                0,
                "a role needs at least one node",
                "InvalidParameterValue.ResourceConfigIllegal",
            )
        if charge == "POSTPAID_BY_HOUR":
            instance_type = info.get("InstanceType") or ""
            if not instance_type.startswith("TI."):
                raise invalid_value(
                    f"{where}.InstanceType",
                    instance_type,
                    "POSTPAID_BY_HOUR needs an instance "
                    "type such as TI.S.MEDIUM.POST (see DescribeBillingSpecs)",
                    "FailedOperation.UnknownInstanceType",
                )
        elif not prepaid_compute_complete(info.get("Cpu"), info.get("Memory")):
            raise ApiError(
                "InvalidParameterValue.ResourceConfigIllegal",
                f"PREPAID needs {where}.Cpu (1/1000 core) and {where}.Memory (MB), both > 0.",
            )


def _image(ctx: Context, params: Mapping[str, Any]) -> dict[str, Any]:
    framework, environment = params.get("FrameworkName"), params.get("FrameworkEnvironment")
    info = params.get("ImageInfo")
    if info is not None and (framework or environment):
        raise ApiError(
            "InvalidParameter.ValidateError",
            "Give either a platform image (FrameworkName + FrameworkEnvironment) or a custom "
            "image (ImageInfo), not both.",
        )
    if info is not None:
        check_enum("ImageInfo.ImageType", info["ImageType"], CUSTOM_IMAGE_TYPES)
        check_image_url("ImageInfo.ImageUrl", info["ImageUrl"])
        return custom_image_view(info)
    if not framework or not environment:
        raise ApiError(
            "InvalidParameter.ValidateError",
            "No image: give FrameworkName and FrameworkEnvironment (a platform ImageName, see "
            "DescribePlatformImages) or ImageInfo (a custom image).",
        )
    entry = platform_image(ctx.store.catalog(), name=environment)
    if entry is None or str(entry.get("Framework") or "").upper() != framework.upper():
        raise invalid_value(
            "FrameworkEnvironment",
            environment,
            f"no {framework} platform image has this ImageName; list them with DescribePlatformImages",
            "InvalidParameterValue.ImageNotFound",
        )
    if "Train" not in (entry.get("ImageRange") or []):
        raise invalid_value(
            "FrameworkEnvironment",
            environment,
            "this platform image is not a training image (its ImageRange lacks Train)",
            "InvalidParameterValue.ImageNotFound",
        )
    version = params.get("FrameworkVersion")
    if version and version != entry.get("FrameworkVersion"):
        raise invalid_value(
            "FrameworkVersion",
            version,
            f"{environment} is version {entry.get('FrameworkVersion')}",
            "InvalidParameterValue.FrameworkVersionNotSupport",
        )
    modes = next(
        (
            a.get("Values") or []
            for a in entry.get("ExtraAttributes") or []
            if a.get("Key") == "TrainingModes"
        ),
        None,
    )
    mode = params.get("TrainingMode")
    if mode and modes and mode not in modes:
        raise invalid_value(
            "TrainingMode", mode, f"{environment} supports " + (", ".join(modes) or "no mode")
        )
    infos = params["ResourceConfigInfos"]
    check_gpu_types(entry, [(f"ResourceConfigInfos.{i}.GpuType", info.get("GpuType") or "")
                            for i, info in enumerate(infos)])
    return {
        "ImageType": "PRE_SET",
        "ImageUrl": entry.get("ImageUrl") or "",
        "RegistryRegion": "",
        "RegistryId": "",
        "ImageSecret": None,
        "ImageName": entry.get("ImageName") or "",
    }


def _start_cmd(params: Mapping[str, Any]) -> dict[str, str]:
    encoded = (params.get("EncodedStartCmdInfo") or {}).get("StartCmdInfo")
    if encoded is None:
        given = params.get("StartCmdInfo") or {}
        return {key: given.get(key) or "" for key in _START_CMD_KEYS}
    try:
        decoded = json.loads(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError, RecursionError) as e:
        raise invalid_value(
            "EncodedStartCmdInfo.StartCmdInfo",
            encoded,
            'it must be base64 of a JSON object {"StartCmd", "PsStartCmd", "WorkerStartCmd"}',
        ) from e
    if (
        not isinstance(decoded, dict)
        or set(decoded) - set(_START_CMD_KEYS)
        or not all(isinstance(v, str) for v in decoded.values())
    ):
        raise invalid_value(
            "EncodedStartCmdInfo.StartCmdInfo",
            encoded,
            "the decoded JSON must map StartCmd, PsStartCmd, WorkerStartCmd to strings",
        )
    return {key: decoded.get(key) or "" for key in _START_CMD_KEYS}


def _check_rest(params: Mapping[str, Any]) -> None:
    if params.get("TrainingMode"):
        check_enum("TrainingMode", params["TrainingMode"], TRAINING_MODES)
    if len(params.get("DataConfigs") or []) > MAX_DATA_CONFIGS:
        raise invalid_value(
            "DataConfigs",
            f"{len(params['DataConfigs'])} items",
            f"at most {MAX_DATA_CONFIGS} are allowed",
            "InvalidParameterValue.DataConfigNumLimitExceeded",
        )
    check_length("TuningParameters", params.get("TuningParameters"), MAX_TUNING_PARAMETERS)
    check_length("Remark", params.get("Remark"), MAX_REMARK)
    check_log(params)
    check_cos_paths(params)


def create(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """CreateTrainingTask: a new task, SUBMITTING."""
    ctx.check_name(TRAINING_TASK, params["Name"], "FailedOperation.DuplicateName")
    check_enum("ChargeType", params["ChargeType"], CHARGE_TYPES)
    _check_rest(params)
    _check_resources(params)
    image = _image(ctx, params)
    config = {k: deep(v) for k, v in params.items() if k not in _INTERNAL}
    config.update(ImageView=image, StartCmdView=_start_cmd(params))
    tags = check_tags(params.get("Tags"))
    return ctx.add(TRAINING_TASK, params["Name"], "SUBMITTING", config, tags)


def describe(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeTrainingTask: the TrainingTaskDetail (`InstanceId`, if given, must be one of its runs)."""
    record = ctx.find(TRAINING_TASK, params)
    instance = params.get("InstanceId")
    if instance and instance not in record.instances:
        raise ApiError(
            "ResourceNotFound", f"The training task `{record.id}` has no instance `{instance[:80]}`."
        )
    return {"TrainingTaskDetail": detail(record, ctx.now)}


def describe_list(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeTrainingTasks: filtered, ordered, paged TrainingTaskSetItems."""
    total, page = list_page(ctx.store.in_region(TRAINING_TASK, ctx.region, ctx.now), params, LIST)
    return {"TrainingTaskSet": [set_item(r, ctx.now) for r in page], "TotalCount": total}


def start(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """StartTrainingTask: an ended task runs again (a new instance)."""
    record = ctx.find(TRAINING_TASK, params)
    if record.status not in ENDED:
        raise not_allowed(_LABEL, record.id, record.status, "StartTrainingTask", ENDED)
    ctx.enter(record, "SUBMITTING")
    record.new_run()
    return {}


def stop(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """StopTrainingTask: a PENDING, STARTING or RUNNING task stops; a SUBMITTING one cannot yet."""
    record = ctx.find(TRAINING_TASK, params)
    if record.status == "SUBMITTING":
        raise ApiError(
            "FailedOperation.UnSubmitNotAllowToStop",
            f"The training task `{record.id}` is still being submitted and cannot be stopped yet; "
            "retry once it is PENDING.",
        )
    if record.status not in STOPPABLE:
        raise not_allowed(_LABEL, record.id, record.status, "StopTrainingTask", STOPPABLE)
    ctx.enter(record, "STOPPING")
    return {}


def delete(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteTrainingTask: an ended task is gone at once."""
    record = ctx.find(TRAINING_TASK, params)
    if record.status not in ENDED:
        raise not_allowed(_LABEL, record.id, record.status, "DeleteTrainingTask (stop it first)", ENDED)
    del ctx.store.records[record.id]
    return {}


def _resource_infos(infos: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "Role": i["Role"],
            "Cpu": i.get("Cpu") or 0,
            "Memory": i.get("Memory") or 0,
            "GpuType": i.get("GpuType") or "",
            "Gpu": i.get("Gpu") or 0,
            "InstanceType": i.get("InstanceType") or "",
            "InstanceNum": i.get("InstanceNum") or 1,
            "InstanceTypeAlias": i.get("InstanceTypeAlias") or "",
            "RDMAConfig": deep(i.get("RDMAConfig")) or {"Enable": False},
        }
        for i in infos
    ]


def _cos(path: Mapping[str, Any] | None) -> dict[str, Any]:
    return deep(path) if path else {"Bucket": "", "Region": "", "Paths": []}


def _common(record: Record, now: float) -> dict[str, Any]:
    c = record.config
    platform = c["ImageView"]["ImageType"] == "PRE_SET"
    return {
        "Id": record.id,
        "Name": record.name,
        "FrameworkName": c.get("FrameworkName") or "",
        "FrameworkVersion": (c.get("FrameworkVersion") or "") if platform else "",
        "FrameworkEnvironment": c.get("FrameworkEnvironment") or "",
        "ChargeType": c["ChargeType"],
        "ChargeStatus": charge_status(record),
        "ResourceGroupId": c.get("ResourceGroupId") or "",
        "ResourceConfigInfos": _resource_infos(c["ResourceConfigInfos"]),
        "TrainingMode": c.get("TrainingMode") or "",
        "Status": record.status,
        "RuntimeInSeconds": record.runtime(now),
        "CreateTime": api_time(record.created),
        "StartTime": api_time(record.started),
        "EndTime": api_time(record.ended),
        "Output": _cos(c.get("Output")),
        "FailureReason": record.failure_reason,
        "UpdateTime": api_time(record.updated),
        "BillingInfo": "",
        "ResourceGroupName": "",
        "ImageInfo": deep(c["ImageView"]),
        "Message": "",
        "Tags": deep(record.tags),
        "CallbackUrl": c.get("CallbackUrl") or "",
        "SubUin": UIN,
        "SubUinName": "emulator",
    }


def detail(record: Record, now: float) -> dict[str, Any]:
    """The ``TrainingTaskDetail`` object."""
    c = record.config
    return {
        **_common(record, now),
        "Uin": UIN,
        "Region": record.region,
        "CodePackagePath": _cos(c.get("CodePackagePath")),
        "StartCmdInfo": dict(c["StartCmdView"]),
        "DataSource": c.get("DataSource") or "",
        "DataConfigs": deep(c.get("DataConfigs") or []),
        "TuningParameters": c.get("TuningParameters") or "",
        "LogEnable": bool(c.get("LogEnable")),
        "LogConfig": deep(c.get("LogConfig")) or {"LogsetId": "", "TopicId": ""},
        "VpcId": c.get("VpcId") or "",
        "SubnetId": c.get("SubnetId") or "",
        "LatestInstanceId": record.instances[-1] if record.instances else "",
        "TensorBoardId": "",
        "Remark": c.get("Remark") or "",
        "CodeRepos": deep(c.get("CodeRepos") or []),
        "ExposeNetworkConfig": deep(c.get("ExposeNetworkConfig")),
    }


def set_item(record: Record, now: float) -> dict[str, Any]:
    """The ``TrainingTaskSetItem`` object; private environment values are masked."""
    envs = [
        {
            "Name": e.get("Name") or "",
            "Value": "******" if e.get("IsPrivate") else e.get("Value") or "",
            "IsPrivate": bool(e.get("IsPrivate")),
        }
        for e in record.config.get("Envs") or []
    ]
    return {**_common(record, now), "AppId": APP_ID, "Envs": envs}


ACTIONS: dict[str, Callable[[Context, dict[str, Any]], dict[str, Any]]] = {
    "CreateTrainingTask": create,
    "DescribeTrainingTask": describe,
    "DescribeTrainingTasks": describe_list,
    "StartTrainingTask": start,
    "StopTrainingTask": stop,
    "DeleteTrainingTask": delete,
}
"""Action name -> implementation."""
