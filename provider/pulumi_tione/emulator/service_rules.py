"""The rules of a model service's configuration (CreateModelService, ModifyModelService).

Every rule is one TI-ONE documents: a member's document in api.json ([A] in docs/emulator.md) or
an error code of CreateModelService's error list ([G]). A broken rule answers
``InvalidParameter.ValidateError`` (Create's list) for Create and Modify alike (plain
``InvalidParameter`` stays the gateway's answer to a wrong type); an unknown instance type answers
``FailedOperation.UnknownInstanceType`` (both lists).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .apierror import ApiError
from .rules import deep, platform_image

VALIDATE_ERROR = "InvalidParameter.ValidateError"
PLATFORM_IMAGE_TYPES = ("PreSet", "PRESET", "PRE_SET")
"""How ``ImageInfo.ImageType`` may name a platform image: the doc says PreSet, Tencent's examples
answer PRESET and PRE_SET; all three are accepted and reported as sent."""
CUSTOM_IMAGE_TYPES = ("TCR", "CCR", "CUSTOM")
IMAGE_TYPES = PLATFORM_IMAGE_TYPES + CUSTOM_IMAGE_TYPES
CHARGE_TYPES = ("PREPAID", "POSTPAID_BY_HOUR", "HYBRID_PAID")
RESERVED_PORTS = (*range(8501, 8511), 6006, 9092)
DEFAULT_PORT = 8501
GROUP_NAME_MAX = 60
GROUP_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
HPA_METRICS = {
    "gpu-util": (10, 100),
    "cpu-util": (10, 100),
    "memory-util": (10, 100),
    "service-qps": (1, 5000),
    "concurrency-util": (1, 100000),
}
ENUMS: dict[str, tuple[str, ...]] = {
    "ScaleMode": ("AUTO", "MANUAL"),
    "ScaleStrategy": ("HPA", "CRON"),
    "CreateSource": ("AUTO_ML", "AUTO_ML_FORMAL", "DEFAULT"),
    "DeployType": ("STANDARD", "DIST", "ROLE_SET"),
    "SchedulingStrategy": ("binpack", "spread"),
    "ResourceSupplyAttribute.SupplyType": ("TIDE", "SPOT"),
    "ResourceSupplyAttribute.ClusterType": ("DEFAULT", "THIRD"),
}
MAX_EXCLUDE_DATES = 3
PRIORITY_RANGE = (0, 9)


def bad(where: str, value: Any, why: str) -> ApiError:
    """``InvalidParameter.ValidateError`` naming the member, its value and the rule."""
    shown = str(value)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return ApiError(VALIDATE_ERROR, f"The value `{shown}` of parameter `{where}` is invalid: {why}.")


def check_group_name(name: str) -> None:
    """[A] ServiceGroupName: at most 60 characters, letters, digits, ``_``, ``-``, a letter or digit first."""
    if len(name) > GROUP_NAME_MAX:
        why = f"it has {len(name)} characters, at most {GROUP_NAME_MAX} are allowed"
        raise bad("ServiceGroupName", name, why)
    if not GROUP_NAME_RE.fullmatch(name):
        why = "use letters, digits, `_` and `-`, starting with a letter or digit"
        raise bad("ServiceGroupName", name, why)


def _enum(where: str, value: Any, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise bad(where, value, "valid values are " + ", ".join(allowed))


def image_view(catalog: Sequence[Mapping[str, Any]], info: Mapping[str, Any], where: str) -> dict[str, Any]:
    """How Describe reports ``ImageInfo``: the ImageType as sent, a platform image's ImageName from
    the catalog, ``ImageSecret`` never (null). A platform image must exist with ``Inference`` in
    its ImageRange; a custom address must be non-empty without blanks."""
    kind, url = info["ImageType"], info["ImageUrl"]
    _enum(f"{where}.ImageType", kind, IMAGE_TYPES)
    if not url or any(c.isspace() for c in url):
        raise bad(f"{where}.ImageUrl", url, "an image address is a registry path without blanks")
    name = info.get("ImageName") or ""
    if kind in PLATFORM_IMAGE_TYPES:
        entry = platform_image(catalog, url=url)
        if entry is None:
            raise bad(f"{where}.ImageUrl", url, "no platform image has this ImageUrl; list them with "
                      "DescribePlatformImages (ImageRange Inference)")
        if "Inference" not in (entry.get("ImageRange") or []):
            raise bad(f"{where}.ImageUrl", url, f"platform image {entry.get('ImageName')} is not an "
                      "inference image (its ImageRange lacks Inference)")
        name = name or str(entry.get("ImageName") or "")
    return {
        "ImageType": kind,
        "ImageUrl": url,
        "RegistryRegion": info.get("RegistryRegion") or "",
        "RegistryId": info.get("RegistryId") or "",
        "ImageName": name,
        "ImageSecret": None,
    }


def _check_billing(config: Mapping[str, Any]) -> None:
    charge = config.get("ChargeType")
    if charge is None:
        raise ApiError(VALIDATE_ERROR, "ChargeType is missing: give " + ", ".join(CHARGE_TYPES) + ".")
    _enum("ChargeType", charge, CHARGE_TYPES)
    if charge == "PREPAID":
        if not config.get("ResourceGroupId"):
            raise ApiError(VALIDATE_ERROR, "PREPAID needs ResourceGroupId, the prepaid resource group.")
        if not config.get("Resources"):
            raise ApiError(VALIDATE_ERROR, "PREPAID needs Resources {Cpu, Memory, Gpu, GpuType}.")
        return
    instance_type = config.get("InstanceType") or ""
    if not instance_type:
        raise ApiError(VALIDATE_ERROR,
                       f"{charge} needs InstanceType, e.g. TI.S.MEDIUM.POST (DescribeBillingSpecs).")
    if not instance_type.startswith("TI."):
        raise ApiError("FailedOperation.UnknownInstanceType",
                       f"The instance type `{instance_type[:80]}` is unknown: instance types look like "
                       "TI.S.MEDIUM.POST (see DescribeBillingSpecs).")


def _check_scaling(config: Mapping[str, Any]) -> None:
    for where in ("ScaleMode", "ScaleStrategy"):
        if config.get(where):
            _enum(where, config[where], ENUMS[where])
    hpa = config.get("HorizontalPodAutoscaler")
    if config.get("ScaleMode") == "AUTO":
        if config.get("ScaleStrategy") == "CRON" and not config.get("CronScaleJobs"):
            raise ApiError(VALIDATE_ERROR, "ScaleStrategy CRON needs CronScaleJobs.")
        if config.get("ScaleStrategy") != "CRON" and not hpa:
            raise ApiError(VALIDATE_ERROR, "ScaleMode AUTO needs HorizontalPodAutoscaler (or CronScaleJobs "
                           "with ScaleStrategy CRON).")
    if hpa:
        if hpa["MinReplicas"] > hpa["MaxReplicas"]:
            raise bad("HorizontalPodAutoscaler.MinReplicas", hpa["MinReplicas"],
                      f"it is above MaxReplicas ({hpa['MaxReplicas']})")
        for index, metric in enumerate(hpa["HpaMetrics"]):
            where = f"HorizontalPodAutoscaler.HpaMetrics.{index}"
            _enum(f"{where}.Name", metric["Name"], tuple(HPA_METRICS))
            low, high = HPA_METRICS[metric["Name"]]
            if not low <= metric["Value"] <= high:
                raise bad(f"{where}.Value", metric["Value"], f"{metric['Name']} ranges from {low} to {high}")
    for index, job in enumerate(config.get("CronScaleJobs") or []):
        where = f"CronScaleJobs.{index}"
        if len(job["Schedule"].split()) != 5:
            raise bad(f"{where}.Schedule", job["Schedule"], "a cron expression to the minute has 5 fields")
        if len(job.get("ExcludeDates") or []) > MAX_EXCLUDE_DATES:
            why = f"at most {MAX_EXCLUDE_DATES} are allowed"
            raise bad(f"{where}.ExcludeDates", len(job["ExcludeDates"]), why)


def _check_switches(config: Mapping[str, Any]) -> None:
    if config.get("LogEnable") and not config.get("LogConfig"):
        raise ApiError(VALIDATE_ERROR, "LogEnable is true but LogConfig {LogsetId, TopicId} is missing: "
                       "set the CLS logset and topic, or set LogEnable to false.")
    action = config.get("ScheduledAction") or {}
    if action.get("ScheduleStop") and not action.get("ScheduleStopTime"):
        raise ApiError(VALIDATE_ERROR, "ScheduledAction.ScheduleStop is true: give ScheduleStopTime too.")
    limit = config.get("ServiceLimit") or {}
    for flag, value in (("EnableInstanceRpsLimit", "InstanceRpsLimit"),
                        ("EnableInstanceReqLimit", "InstanceReqLimit")):
        if limit.get(flag) and limit.get(value) is None:
            raise ApiError(VALIDATE_ERROR, f"ServiceLimit.{flag} is true: give ServiceLimit.{value} too.")


def _check_runtime(config: Mapping[str, Any]) -> None:
    port = config.get("ServicePort")
    if port is not None and port in RESERVED_PORTS:
        raise bad("ServicePort", port, "8501-8510, 6006 and 9092 are reserved")
    grace = config.get("TerminationGracePeriodSeconds")
    if grace is not None and grace < 1:
        raise bad("TerminationGracePeriodSeconds", grace, "the minimum is 1 second")
    priority = config.get("Priority")
    if priority is not None and not PRIORITY_RANGE[0] <= priority <= PRIORITY_RANGE[1]:
        raise bad("Priority", priority, "it ranges from 0 to 9")
    for where in ("CreateSource", "DeployType", "SchedulingStrategy"):
        if config.get(where):
            _enum(where, config[where], ENUMS[where])
    supply = config.get("ResourceSupplyAttribute") or {}
    for key in ("SupplyType", "ClusterType"):
        if supply.get(key):
            _enum(f"ResourceSupplyAttribute.{key}", supply[key], ENUMS[f"ResourceSupplyAttribute.{key}"])
    if config.get("CommandBase64"):
        try:
            base64.b64decode(config["CommandBase64"], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as e:
            raise bad("CommandBase64", config["CommandBase64"], "it is not base64 of a UTF-8 command") from e
    mounts = [("VolumeMount", config.get("VolumeMount"))]
    mounts += [(f"VolumeMounts.{i}", m) for i, m in enumerate(config.get("VolumeMounts") or [])]
    for where, mount in mounts:
        if mount is None:
            continue
        source = mount.get("VolumeSourceType") or "CFS"
        _enum(f"{where}.VolumeSourceType", source, ("CFS", "COS", "PUBLIC_DATA_SOURCE"))
        if source == "CFS" and not mount.get("CFSConfig"):
            raise ApiError(VALIDATE_ERROR, f"{where}: a CFS mount needs CFSConfig {{Id, Path}}.")
    for probe_name, probe in ((config.get("HealthProbe") or {}).items()):
        action_type = ((probe or {}).get("ProbeAction") or {}).get("ActionType")
        if action_type:
            where = f"HealthProbe.{probe_name}.ProbeAction.ActionType"
            _enum(where, action_type, ("HTTPGet", "Exec", "TCPSocket"))
    for key, value in ((config.get("RollingUpdate") or {}).items()):
        if (value or {}).get("Type"):
            _enum(f"RollingUpdate.{key}.Type", value["Type"], ("Num", "Percent"))


def checked_config(catalog: Sequence[Mapping[str, Any]], config: Mapping[str, Any]) -> dict[str, Any]:
    """`config` (the accepted request members) checked against every rule, with ``ImageView`` (what
    Describe reports of the image) and ``CommandView`` (the command, CommandBase64 decoded) added."""
    _check_billing(config)
    _check_scaling(config)
    _check_switches(config)
    _check_runtime(config)
    checked = {k: deep(v) for k, v in config.items() if k not in ("ImageView", "CommandView")}
    info = config.get("ImageInfo")
    if info is None and not config.get("InferTemplateId"):
        raise ApiError(VALIDATE_ERROR, "ImageInfo is missing: give a platform image {ImageType: PreSet, "
                       "ImageUrl} or a custom one {ImageType: TCR|CCR|CUSTOM, ImageUrl, ...}, or an "
                       "InferTemplateId.")
    checked["ImageView"] = None if info is None else image_view(catalog, info, "ImageInfo")
    sidecar = (config.get("Sidecar") or {}).get("ImageInfo")
    if sidecar is not None:
        image_view(catalog, sidecar, "Sidecar.ImageInfo")
    command = config.get("Command") or ""
    if config.get("CommandBase64"):
        command = base64.b64decode(config["CommandBase64"]).decode("utf-8")
    checked["CommandView"] = command
    return checked
