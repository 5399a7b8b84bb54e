"""Notebook actions: the rules of CreateNotebook ... DeleteNotebook and the shapes Describe answers.

Lifecycle: CreateNotebook and StartNotebook enter ``Starting``, which becomes ``Running``;
StopNotebook enters ``Stopping``, which becomes ``Stopped``. ModifyNotebook and DeleteNotebook are
refused (``FailedOperation.NotAllow``) unless the notebook is Stopped, Failed or SubmitFailed;
ModifyNotebookTags works in every status. docs/emulator.md lists every decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pulumi_tione._api_facts import prepaid_compute_complete

from .apierror import ApiError, invalid_value
from .listing import ListSpec, list_page
from .records import (
    APP_ID,
    NOTEBOOK,
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
    check_log,
    check_tags,
    custom_image_view,
    deep,
    not_allowed,
    platform_image,
)

FLOW = Flow(
    statuses=("Starting", "Running", "Stopping", "Stopped", "Failed", "SubmitFailed"),
    next={"Starting": "Running", "Stopping": "Stopped"},
    running="Running",
    ended=frozenset({"Stopped", "Failed", "SubmitFailed"}),
)
AT_REST = ("Stopped", "Failed", "SubmitFailed")
CHARGE_TYPES = ("PREPAID", "POSTPAID_BY_HOUR")
VOLUME_TYPES = ("FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO", "GooseFSx")
CLOUD_DISKS = ("CLOUD_PREMIUM", "CLOUD_SSD")
IMAGE_TYPES = ("SYSTEM", "TCR", "CCR", "CUSTOM")
MAX_CODE_REPOS = 3
_LABEL = "notebook"
_INTERNAL = ("Id", "TiProjectId", "Name", "Tags")

LIST = ListSpec(
    default_limit=10,
    max_limit=100,
    filters={
        "Name": lambda r: [r.name],
        "Id": lambda r: [r.id],
        "Status": lambda r: [r.status],
        "Creator": lambda r: [UIN],
        "ChargeType": lambda r: [r.config["ChargeType"]],
        "ChargeStatus": lambda r: [charge_status(r)],
        "DefaultCodeRepoId": lambda r: [r.config.get("DefaultCodeRepoId") or ""],
        "AdditionalCodeRepoId": lambda r: list(r.config.get("AdditionalCodeRepoIds") or []),
        "LifecycleScriptId": lambda r: [r.config.get("LifecycleScriptId") or ""],
    },
    order_fields={"CreateTime": lambda r: r.created, "UpdateTime": lambda r: r.updated},
)


def charge_status(record: Record) -> str:
    """Pay-as-you-go: BILLING while active, BILLING_STORAGE when stopped on a cloud disk; else NOT_BILLING."""
    if record.config["ChargeType"] != "POSTPAID_BY_HOUR":
        return "NOT_BILLING"
    if record.status in ("Starting", "Running", "Stopping"):
        return "BILLING"
    return "BILLING_STORAGE" if record.config["VolumeSourceType"] in CLOUD_DISKS else "NOT_BILLING"


def _image(ctx: Context, params: Mapping[str, Any]) -> dict[str, Any]:
    info = params.get("ImageInfo")
    if info is None:
        raise ApiError(
            "InvalidParameter.ValidateError",
            "ImageInfo is missing: give a platform image as {ImageType: SYSTEM, ImageUrl, "
            "ImageName} or a custom image as {ImageType: TCR|CCR|CUSTOM, ImageUrl, ...}.",
        )
    kind = check_enum("ImageInfo.ImageType", info["ImageType"], IMAGE_TYPES)
    top = params.get("ImageType")
    if top and top != kind:
        raise invalid_value("ImageType", top, f"it must match ImageInfo.ImageType ({kind})")
    check_image_url("ImageInfo.ImageUrl", info["ImageUrl"])
    if kind != "SYSTEM":
        return custom_image_view(info)
    entry = platform_image(ctx.store.catalog(), url=info["ImageUrl"], name=info.get("ImageName") or None)
    if entry is None:
        raise invalid_value(
            "ImageInfo.ImageUrl",
            info["ImageUrl"],
            "no platform image has this ImageUrl"
            + (" and ImageName" if info.get("ImageName") else "")
            + "; list them with DescribePlatformImages",
            "InvalidParameterValue.ImageNotFound",
        )
    if "Notebook" not in (entry.get("ImageRange") or []):
        raise invalid_value(
            "ImageInfo.ImageName",
            entry.get("ImageName"),
            "this platform image is not a notebook image (its ImageRange lacks Notebook)",
            "InvalidParameterValue.ImageNotFound",
        )
    check_gpu_types(entry, [("ResourceConf.GpuType", params["ResourceConf"].get("GpuType") or "")])
    return {
        "ImageType": "SYSTEM",
        "ImageUrl": entry.get("ImageUrl"),
        "ImageName": entry.get("ImageName") or "",
        "RegistryId": "",
        "RegistryRegion": "",
    }


def _check_resources(params: Mapping[str, Any]) -> None:
    conf, charge = params["ResourceConf"], params["ChargeType"]
    if charge == "POSTPAID_BY_HOUR":
        instance_type = conf.get("InstanceType") or ""
        if not instance_type:
            raise ApiError(
                "InvalidParameterValue.ResourceConfigIllegal",
                "POSTPAID_BY_HOUR needs ResourceConf.InstanceType, e.g. TI.GN10.2XLARGE40.POST.",
            )
        if not instance_type.startswith("TI."):
            raise invalid_value(
                "ResourceConf.InstanceType",
                instance_type,
                "instance types look like TI.S.MEDIUM.POST (see DescribeBillingSpecs)",
                "FailedOperation.UnknownInstanceType",
            )
        return
    if not params.get("ResourceGroupId"):
        raise ApiError(
            "InvalidParameterValue.ResourceConfigIllegal",
            "PREPAID needs ResourceGroupId, the prepaid resource group to run in.",
        )
    if not prepaid_compute_complete(conf.get("Cpu"), conf.get("Memory")):
        raise ApiError(
            "InvalidParameterValue.ResourceConfigIllegal",
            "PREPAID needs ResourceConf.Cpu (1/1000 core) and ResourceConf.Memory (MB), both > 0.",
        )
    if conf.get("Gpu") and not conf.get("GpuType"):
        raise ApiError(
            "InvalidParameterValue.ResourceConfigIllegal",
            "ResourceConf.Gpu is set: give ResourceConf.GpuType too, e.g. T4.",
        )


def _check_volume(params: Mapping[str, Any]) -> tuple[str, int | None]:
    charge = params["ChargeType"]
    default = "CLOUD_PREMIUM" if charge == "POSTPAID_BY_HOUR" else "FREE"
    volume = check_enum("VolumeSourceType", params.get("VolumeSourceType") or default, VOLUME_TYPES)
    if volume == "FREE" and charge != "PREPAID":
        raise invalid_value("VolumeSourceType", volume, "FREE storage exists only for PREPAID notebooks")
    if volume in ("CFS", "CFS_TURBO") and not params.get("VolumeSourceCFS"):
        raise ApiError(
            "InvalidParameterValue", f"VolumeSourceType {volume} needs VolumeSourceCFS {{Id, Path}}."
        )
    if volume == "GooseFSx" and not params.get("VolumeSourceGooseFS"):
        raise ApiError(
            "InvalidParameterValue.GooseFSConfigCannotEmpty",
            "VolumeSourceType GooseFSx needs VolumeSourceGooseFS {Id, Path}.",
        )
    size = params.get("VolumeSizeInGB")
    if volume in CLOUD_DISKS:
        size = 10 if size is None else size
        if size < 10 or size % 10:
            raise invalid_value("VolumeSizeInGB", size, "a cloud disk is at least 10 GB, in steps of 10 GB")
    return volume, size


def _check_rest(params: Mapping[str, Any]) -> None:
    check_log(params)
    check_cos_paths(params)
    if (params.get("AutomaticStopTime") or 0) < 0:
        raise invalid_value("AutomaticStopTime", params["AutomaticStopTime"], "hours must be >= 0")
    repos = list(params.get("AdditionalCodeRepoIds") or [])
    if len(repos) > MAX_CODE_REPOS:
        raise invalid_value(
            "AdditionalCodeRepoIds",
            f"{len(repos)} ids",
            f"at most {MAX_CODE_REPOS} are allowed",
            "InvalidParameterValue.LimitExceeded",
        )
    default = params.get("DefaultCodeRepoId")
    if len(set(repos)) != len(repos) or (default and default in repos):
        raise invalid_value(
            "AdditionalCodeRepoIds",
            ",".join(repos),
            "each code repository may appear once, and not again as DefaultCodeRepoId",
            "InvalidParameterValue.CodeRepoDuplicated",
        )


def _checked_config(ctx: Context, params: Mapping[str, Any]) -> dict[str, Any]:
    check_enum("ChargeType", params["ChargeType"], CHARGE_TYPES)
    _check_resources(params)
    volume, size = _check_volume(params)
    _check_rest(params)
    image = _image(ctx, params)
    config = {k: deep(v) for k, v in params.items() if k not in _INTERNAL}
    config.update(VolumeSourceType=volume, VolumeSizeInGB=size, ImageView=image)
    return config


def create(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """CreateNotebook: a new notebook, Starting."""
    ctx.check_name(NOTEBOOK, params["Name"], "InvalidParameterValue.DuplicateName")
    config = _checked_config(ctx, params)
    tags = check_tags(params.get("Tags"))
    return ctx.add(NOTEBOOK, params["Name"], "Starting", config, tags)


def describe(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeNotebook: the NotebookDetail."""
    return {"NotebookDetail": detail(ctx.find(NOTEBOOK, params), ctx.now)}


def describe_list(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeNotebooks: filtered, ordered, paged NotebookSetItems."""
    total, page = list_page(ctx.store.in_region(NOTEBOOK, ctx.region, ctx.now), params, LIST)
    return {"NotebookSet": [set_item(r, ctx.now) for r in page], "TotalCount": total}


def modify(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """ModifyNotebook: replace the settings of a stopped notebook (unmodifiable fields must not change)."""
    record = ctx.find(NOTEBOOK, params)
    if record.status not in AT_REST:
        raise not_allowed(_LABEL, record.id, record.status, "ModifyNotebook", AT_REST)
    current = record.config
    for key in ("VpcId", "SubnetId"):
        if key in params and params[key] != (current.get(key) or ""):
            raise ApiError(
                "OperationDenied.ForbidModifyVpcAndSubnet",
                f"{key} cannot be modified ({current.get(key) or 'none'} -> {params[key] or 'none'}); "
                "create a new notebook to move it to another network.",
            )
    for key in ("ChargeType", "VolumeSourceType"):
        if key in params and params[key] != current.get(key):
            raise invalid_value(
                key,
                params[key],
                f"{key} cannot be modified (it is {current.get(key)}); create a new notebook instead",
                "InvalidParameterValue.NotAllow",
            )
    cfs, old_cfs = params.get("VolumeSourceCFS"), current.get("VolumeSourceCFS") or {}
    if cfs is not None and (cfs.get("Id"), cfs.get("Path")) != (old_cfs.get("Id"), old_cfs.get("Path")):
        raise invalid_value(
            "VolumeSourceCFS",
            cfs.get("Id"),
            "the CFS volume cannot be modified; create a new notebook instead",
            "InvalidParameterValue.NotAllow",
        )
    old_size, size = current.get("VolumeSizeInGB"), params.get("VolumeSizeInGB")
    if size is not None and old_size is not None and size < old_size:
        raise ApiError(
            "InvalidParameterValue.VolumeShrinkNotAllow",
            f"VolumeSizeInGB can only grow ({old_size} -> {size}); create a new notebook for a "
            "smaller volume.",
        )
    ctx.check_name(NOTEBOOK, params["Name"], "InvalidParameterValue.DuplicateName", exclude=record.id)
    stale = {"ImageView", *(("ImageType",) if "ImageInfo" in params else ())}
    merged = {k: v for k, v in current.items() if k not in stale}
    merged.update({k: v for k, v in params.items() if k not in ("Id", "TiProjectId")})
    tags = check_tags(params["Tags"]) if "Tags" in params else record.tags
    record.config = _checked_config(ctx, merged)
    record.name, record.tags, record.updated = params["Name"], tags, ctx.now
    return {}


def modify_tags(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """ModifyNotebookTags: the notebook's tag set becomes `Tags` (none given = no tags), in any status."""
    record = ctx.find(NOTEBOOK, params)
    record.tags, record.updated = check_tags(params.get("Tags")), ctx.now
    return {}


def start(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """StartNotebook: a stopped (or failed) notebook starts again."""
    record = ctx.find(NOTEBOOK, params)
    if record.status not in AT_REST:
        raise not_allowed(_LABEL, record.id, record.status, "StartNotebook", AT_REST)
    ctx.enter(record, "Starting")
    record.new_run()
    return {}


def stop(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """StopNotebook: a Starting or Running notebook stops."""
    record = ctx.find(NOTEBOOK, params)
    if record.status not in ("Starting", "Running"):
        raise not_allowed(_LABEL, record.id, record.status, "StopNotebook", ("Starting", "Running"))
    ctx.enter(record, "Stopping")
    return {}


def delete(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteNotebook: a notebook at rest is gone at once."""
    record = ctx.find(NOTEBOOK, params)
    if record.status not in AT_REST:
        raise not_allowed(_LABEL, record.id, record.status, "DeleteNotebook (stop it first)", AT_REST)
    del ctx.store.records[record.id]
    return {}


def _resource_conf(conf: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "Cpu": conf.get("Cpu") or 0,
        "Memory": conf.get("Memory") or 0,
        "Gpu": conf.get("Gpu") or 0,
        "GpuType": conf.get("GpuType") or "",
        "InstanceType": conf.get("InstanceType") or "",
    }


def _cfs(conf: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not conf:
        return None
    return {"MountType": "STORAGE", "Protocol": "NFS", **deep(conf)}


def _common(record: Record, now: float) -> dict[str, Any]:
    c = record.config
    active = record.status in ("Starting", "Running", "Stopping")
    return {
        "Id": record.id,
        "Name": record.name,
        "ChargeType": c["ChargeType"],
        "ResourceConf": _resource_conf(c["ResourceConf"]),
        "ResourceGroupId": c.get("ResourceGroupId") or "",
        "VolumeSizeInGB": c.get("VolumeSizeInGB"),
        "BillingInfos": [],
        "Tags": deep(record.tags),
        "CreateTime": api_time(record.created),
        "StartTime": api_time(record.started),
        "UpdateTime": api_time(record.updated),
        "RuntimeInSeconds": record.runtime(now),
        "ChargeStatus": charge_status(record),
        "Status": record.status,
        "FailureReason": record.failure_reason,
        "EndTime": api_time(record.ended),
        "PodName": record.instances[-1] if active and record.instances else "",
        "InstanceTypeAlias": "",
        "ResourceGroupName": "",
        "AutoStopping": c["AutoStopping"],
        "AutomaticStopTime": c.get("AutomaticStopTime") or 0,
        "VolumeSourceType": c["VolumeSourceType"],
        "VolumeSourceCFS": _cfs(c.get("VolumeSourceCFS")),
        "Message": "",
        "SSHConfig": deep(c.get("SSHConfig")),
        "VolumeSourceGooseFS": deep(c.get("VolumeSourceGooseFS")),
        "SubUin": UIN,
        "SubUinName": "emulator",
        "AppId": APP_ID,
        "Description": c.get("Description") or "",
    }


def detail(record: Record, now: float) -> dict[str, Any]:
    """The ``NotebookDetail`` object."""
    c = record.config
    return {
        **_common(record, now),
        "LifecycleScriptId": c.get("LifecycleScriptId") or "",
        "DirectInternetAccess": c["DirectInternetAccess"],
        "AdditionalCodeRepoIds": list(c.get("AdditionalCodeRepoIds") or []),
        "DefaultCodeRepoId": c.get("DefaultCodeRepoId") or "",
        "LogEnable": c["LogEnable"],
        "LogConfig": deep(c.get("LogConfig")) or {"LogsetId": "", "TopicId": ""},
        "VpcId": c.get("VpcId") or "",
        "SubnetId": c.get("SubnetId") or "",
        "RootAccess": c["RootAccess"],
        "DataConfigs": deep(c.get("DataConfigs") or []),
        "DataSource": "",
        "ImageInfo": deep(c["ImageView"]),
        "ImageType": c["ImageView"]["ImageType"],
        "ResourceGroupInstanceId": "",
        "JobCreateTime": api_time(record.entered if record.status == "Starting" else record.started),
    }


def set_item(record: Record, now: float) -> dict[str, Any]:
    """The ``NotebookSetItem`` object."""
    return {**_common(record, now), "UserTypes": []}


ACTIONS: dict[str, Callable[[Context, dict[str, Any]], dict[str, Any]]] = {
    "CreateNotebook": create,
    "DescribeNotebook": describe,
    "DescribeNotebooks": describe_list,
    "ModifyNotebook": modify,
    "ModifyNotebookTags": modify_tags,
    "StartNotebook": start,
    "StopNotebook": stop,
    "DeleteNotebook": delete,
}
"""Action name -> implementation."""
