"""Rules both workload kinds share: names, enums, lengths, logs, COS paths, images; answer helpers.

Each ``check_*`` raises `ApiError` with the code TI-ONE uses for that rule and a message that says
what is allowed. Every rule is one TI-ONE's documentation states (api.json's member docs or an
error code of ``errorcodes.py``); the README's emulator section names the source of each, and
``workloads.validate`` checks the same at preview.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .apierror import ApiError, invalid_value

NAME_MAX = 60
NAME_RE = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]*")
IMAGE_URL_RE = re.compile(r"\S+")


def check_name_format(name: str) -> None:
    """``InvalidParameterValue.ParamLengthExceedLimit`` over 60 characters, ``.BadName`` for others."""
    if len(name) > NAME_MAX:
        raise invalid_value(
            "Name",
            name,
            f"it has {len(name)} characters, at most {NAME_MAX} are allowed",
            "InvalidParameterValue.ParamLengthExceedLimit",
        )
    if not NAME_RE.fullmatch(name):
        raise invalid_value(
            "Name",
            name,
            "use letters, digits, Chinese characters, `_` and `-`, starting with a letter, "
            "digit or Chinese character",
            "InvalidParameterValue.BadName",
        )


def check_enum(name: str, value: str, allowed: Iterable[str]) -> str:
    """`value` if it is one of `allowed`, else ``InvalidParameterValue`` listing them."""
    options = tuple(allowed)
    if value not in options:
        raise invalid_value(name, value, "valid values are " + ", ".join(options))
    return value


def check_length(name: str, value: str | None, limit: int) -> None:
    """``InvalidParameterValue.ParamLengthExceedLimit`` when `value` is longer than `limit` characters."""
    if value is not None and len(value) > limit:
        raise invalid_value(
            name,
            value,
            f"it has {len(value)} characters, at most {limit} are allowed",
            "InvalidParameterValue.ParamLengthExceedLimit",
        )


def check_tags(tags: list[dict[str, str]] | None) -> list[dict[str, str]]:
    """A copy of the tag list (api.json states no rule on tags beyond their members)."""
    return [{"TagKey": t["TagKey"], "TagValue": t["TagValue"]} for t in tags or []]


def check_log(params: Mapping[str, Any]) -> None:
    """``LogEnable: true`` needs a ``LogConfig`` (``InvalidParameterValue.ClsConfigRequired``)."""
    if params.get("LogEnable") and not params.get("LogConfig"):
        raise ApiError(
            "InvalidParameterValue.ClsConfigRequired",
            "LogEnable is true but LogConfig {LogsetId, TopicId} is missing: set the CLS "
            "logset and topic to ship the logs to, or set LogEnable to false.",
        )


def check_cos_paths(params: Mapping[str, Any]) -> None:
    """Exactly one path in every ``CosPathInfo`` (its ``Paths`` doc: "only a single one for now")."""
    places = [(key, params.get(key)) for key in ("CodePackagePath", "Output")]
    places += [(f"DataConfigs.{i}.COSSource", (c or {}).get("COSSource"))
               for i, c in enumerate(params.get("DataConfigs") or [])]
    for where, cos in places:
        paths = (cos or {}).get("Paths")
        if paths is not None and len(paths) != 1:
            raise invalid_value(f"{where}.Paths", ",".join(paths), "exactly one path is supported")


def check_gpu_types(entry: Mapping[str, Any], gpu_types: Iterable[tuple[str, str]]) -> None:
    """Every requested GpuType is in the platform image's SupportGpuList (empty: a CPU image)."""
    supported = list(entry.get("SupportGpuList") or [])
    for where, gpu in gpu_types:
        if gpu and gpu not in supported:
            listed = ", ".join(supported) if supported else "none (a CPU image)"
            raise invalid_value(where, gpu, f"image {entry.get('ImageName')} supports GPU types: {listed}",
                                "InvalidParameterValue.InvalidResourceSpec")


def check_image_url(where: str, url: str) -> None:
    """A non-empty image address without blanks (``InvalidParameterValue.ImageAddressIllegal``)."""
    if not IMAGE_URL_RE.fullmatch(url):
        raise invalid_value(
            where,
            url,
            "an image address is a registry path such as "
            "`ccr.ccs.tencentyun.com/ns/repo:tag`, without blanks",
            "InvalidParameterValue.ImageAddressIllegal",
        )


def custom_image_view(info: Mapping[str, Any]) -> dict[str, Any]:
    """How Describe reports a custom ``ImageInfo``: as given, blanks filled, ``ImageSecret`` null."""
    return {
        "ImageType": info["ImageType"],
        "ImageUrl": info["ImageUrl"],
        "RegistryRegion": info.get("RegistryRegion") or "",
        "RegistryId": info.get("RegistryId") or "",
        "ImageName": info.get("ImageName") or "",
        "ImageSecret": None,
    }


def api_time(moment: float | None) -> str | None:
    """TI-ONE's timestamp form, China time: ``2024-11-14T17:22:16+08``."""
    if moment is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+08", time.gmtime(moment + 8 * 3600))


def deep(value: Any) -> Any:
    """A deep copy, so answers never share structure with the state."""
    return copy.deepcopy(value)


def platform_image(
    catalog: Sequence[Mapping[str, Any]], *, url: str | None = None, name: str | None = None
) -> Mapping[str, Any] | None:
    """The catalog entry with this ImageUrl and/or ImageName (all given ones must match), else None."""
    for entry in catalog:
        if (url is None or entry.get("ImageUrl") == url) and (name is None or entry.get("ImageName") == name):
            return entry
    return None


def not_allowed(label: str, object_id: str, status: str, action: str, allowed: Iterable[str]) -> ApiError:
    """``FailedOperation.NotAllow``: `action` is refused in `status`; says which statuses allow it."""
    return ApiError(
        "FailedOperation.NotAllow",
        f"The {label} `{object_id}` is {status}: {action} is allowed only when it is "
        + " or ".join(allowed)
        + ".",
    )
