"""Request definitions of the implemented actions, and the checks the API gateway applies to them.

The definitions mirror tccli's ``tccli/services/tione/v20211111/api.json`` (a test holds them to it):
each member is ``"type"`` where type is ``string``, ``bool``, ``int64``, ``uint64`` or an object
name, ``[type]`` for a list, with a trailing ``!`` when the member is required.

`check_request` applies them to a decoded request, before any rule of the action itself: unknown
members answer ``UnknownParameter``, missing required ones ``MissingParameter``, wrong JSON types
``InvalidParameter`` and negative ``uint64`` values ``InvalidParameterValue``, each naming the
member's dotted path (``ResourceConfigInfos.0.Role``). A JSON ``null`` counts as absent (the SDK
never sends one). `coerce_form` turns the strings of a GET request back into the declared types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .apierror import invalid_type, invalid_value, missing, unknown
from .service_schema import SERVICE_ACTIONS, SERVICE_OBJECTS

OBJECTS: dict[str, dict[str, str]] = {
    "CBSConfig": {"VolumeSizeInGB": "int64!"},
    "CFSConfig": {"Id": "string!", "Path": "string!", "MountType": "string", "Protocol": "string",
                  "IsPresetStorage": "bool"},
    "CFSTurbo": {"Id": "string", "Path": "string"},
    "CodeRepoConfig": {"Id": "string!", "TargetPath": "string!"},
    "CosPathInfo": {"Bucket": "string!", "Region": "string!", "Paths": "[string]!"},
    "DataConfig": {"MappingPath": "string", "DataSourceUsage": "string", "DataSourceType": "string",
                   "DataSetSource": "DataSetConfig", "COSSource": "CosPathInfo", "CFSSource": "CFSConfig",
                   "HDFSSource": "HDFSConfig", "GooseFSSource": "GooseFS", "CFSTurboSource": "CFSTurbo",
                   "LocalDiskSource": "LocalDisk", "CBSSource": "CBSConfig", "HostPathSource": "HostPath",
                   "PublicDataSource": "PublicDataSourceFS", "ReadOnly": "bool"},
    "DataSetConfig": {"Id": "string!"},
    "EncodedStartCmdInfo": {"StartCmdInfo": "string"},
    "EnvVar": {"Name": "string", "Value": "string", "IsPrivate": "bool"},
    "ExposeNetworkConfig": {"SSHConfig": "SSHConfig", "ExposePortConfig": "ExposePortConfig"},
    "ExposePortConfig": {"Enable": "bool", "VpcId": "string", "ClbId": "string", "ClbHost": "string"},
    "Filter": {"Name": "string", "Values": "[string]", "Negative": "bool", "Fuzzy": "bool"},
    "GooseFS": {"Id": "string", "Type": "string", "Path": "string", "NameSpace": "string",
                "MountOptions": "string"},
    "HDFSConfig": {"Id": "string!", "Path": "string!"},
    "HostPath": {"Path": "string"},
    "ImageInfo": {"ImageType": "string!", "ImageUrl": "string!", "RegistryRegion": "string",
                  "RegistryId": "string", "AllowSaveAllContent": "bool", "ImageName": "string",
                  "SupportDataPipeline": "bool", "ImageSecret": "ImageSecret"},
    "ImageSecret": {"KeyId": "string", "Username": "string", "Password": "string", "SecretId": "string"},
    "LocalDisk": {"InstanceId": "string!", "LocalPath": "string"},
    "LogConfig": {"LogsetId": "string!", "TopicId": "string!"},
    "PodSSHInfo": {"Host": "string", "Port": "int64", "LoginCommand": "string"},
    "PublicDataSourceFS": {"DataSourceId": "string", "SubPath": "string"},
    "RDMAConfig": {"Enable": "bool"},
    "ResourceConf": {"Cpu": "uint64", "Memory": "uint64", "Gpu": "uint64", "GpuType": "string",
                     "InstanceType": "string"},
    "ResourceConfigInfo": {"Role": "string!", "Cpu": "uint64", "Memory": "uint64", "GpuType": "string",
                           "Gpu": "uint64", "InstanceType": "string", "InstanceNum": "uint64",
                           "InstanceTypeAlias": "string", "RDMAConfig": "RDMAConfig"},
    "ResourceSupplyAttribute": {"SupplyType": "string", "ClusterType": "string"},
    "SSHConfig": {"Enable": "bool", "PublicKey": "string", "Port": "int64", "LoginCommand": "string",
                  "IsAddressChanged": "bool", "PodSSHInfo": "PodSSHInfo"},
    "StartCmdInfo": {"StartCmd": "string", "PsStartCmd": "string", "WorkerStartCmd": "string"},
    "Tag": {"TagKey": "string!", "TagValue": "string!"},
    "TagFilter": {"TagKey": "string", "TagValues": "[string]"},
    "TrainToolConfig": {"EnableHangMonitor": "bool", "HangMonitorNodes": "[string]",
                        "LogHangTimeoutInMinute": "uint64"},
    **SERVICE_OBJECTS,
}
"""Every object a request of an implemented action can contain, member -> type."""

_ID = {"Id": "string!", "TiProjectId": "string"}

ACTIONS: dict[str, dict[str, str]] = {
    "DescribePlatformImages": {"TiProjectId": "string", "Filters": "[Filter]", "Offset": "uint64",
                               "Limit": "uint64"},
    "CreateNotebook": {
        "Name": "string!", "ChargeType": "string!", "ResourceConf": "ResourceConf!", "LogEnable": "bool!",
        "RootAccess": "bool!", "AutoStopping": "bool!", "DirectInternetAccess": "bool!",
        "TiProjectId": "string", "ResourceGroupId": "string", "VpcId": "string", "SubnetId": "string",
        "VolumeSourceType": "string", "VolumeSizeInGB": "uint64", "VolumeSourceCFS": "CFSConfig",
        "LogConfig": "LogConfig", "LifecycleScriptId": "string", "DefaultCodeRepoId": "string",
        "AdditionalCodeRepoIds": "[string]", "AutomaticStopTime": "uint64", "Tags": "[Tag]",
        "DataConfigs": "[DataConfig]", "ImageInfo": "ImageInfo", "ImageType": "string",
        "SSHConfig": "SSHConfig", "VolumeSourceGooseFS": "GooseFS", "Description": "string",
    },
    "DescribeNotebook": dict(_ID),
    "DescribeNotebooks": {"TiProjectId": "string", "Offset": "int64", "Limit": "int64", "Order": "string",
                          "OrderField": "string", "Filters": "[Filter]", "TagFilters": "[TagFilter]"},
    "ModifyNotebook": {
        "Id": "string!", "Name": "string!", "ChargeType": "string!", "ResourceConf": "ResourceConf!",
        "AutoStopping": "bool!", "DirectInternetAccess": "bool!", "RootAccess": "bool!", "LogEnable": "bool!",
        "TiProjectId": "string", "ResourceGroupId": "string", "VpcId": "string", "SubnetId": "string",
        "VolumeSizeInGB": "uint64", "VolumeSourceType": "string", "VolumeSourceCFS": "CFSConfig",
        "LogConfig": "LogConfig", "LifecycleScriptId": "string", "DefaultCodeRepoId": "string",
        "AdditionalCodeRepoIds": "[string]", "AutomaticStopTime": "int64", "Tags": "[Tag]",
        "DataConfigs": "[DataConfig]", "ImageInfo": "ImageInfo", "ImageType": "string",
        "SSHConfig": "SSHConfig", "Envs": "[EnvVar]", "Description": "string",
    },
    "ModifyNotebookTags": {**_ID, "Tags": "[Tag]"},
    "StartNotebook": dict(_ID),
    "StopNotebook": dict(_ID),
    "DeleteNotebook": dict(_ID),
    "CreateTrainingTask": {
        "Name": "string!", "ChargeType": "string!", "ResourceConfigInfos": "[ResourceConfigInfo]!",
        "TiProjectId": "string", "FrameworkName": "string", "FrameworkVersion": "string",
        "FrameworkEnvironment": "string", "ResourceGroupId": "string", "Tags": "[Tag]",
        "ImageInfo": "ImageInfo", "CodePackagePath": "CosPathInfo", "StartCmdInfo": "StartCmdInfo",
        "TrainingMode": "string", "DataConfigs": "[DataConfig]", "VpcId": "string", "SubnetId": "string",
        "Output": "CosPathInfo", "LogConfig": "LogConfig", "TuningParameters": "string", "LogEnable": "bool",
        "Remark": "string", "DataSource": "string", "CallbackUrl": "string",
        "EncodedStartCmdInfo": "EncodedStartCmdInfo", "CodeRepos": "[CodeRepoConfig]",
        "ExposeNetworkConfig": "ExposeNetworkConfig", "Envs": "[EnvVar]",
        "TrainToolConfig": "TrainToolConfig", "ResourceSupplyAttribute": "ResourceSupplyAttribute",
        "Queues": "[string]",
    },
    "DescribeTrainingTask": {**_ID, "InstanceId": "string"},
    "DescribeTrainingTasks": {"TiProjectId": "string", "Filters": "[Filter]", "TagFilters": "[TagFilter]",
                              "Offset": "uint64", "Limit": "uint64", "Order": "string",
                              "OrderField": "string"},
    "StartTrainingTask": dict(_ID),
    "StopTrainingTask": dict(_ID),
    "DeleteTrainingTask": dict(_ID),
    **SERVICE_ACTIONS,
}
"""The request members of every implemented action, member -> type."""

SCALARS = ("string", "bool", "int64", "uint64")
_FORM_INTEGER_RE = re.compile(r"-?[0-9]{1,19}")
MAX_DEPTH = 8


def parse_type(spec: str) -> tuple[str, bool, bool]:
    """``"[Tag]!"`` -> ``("Tag", True, True)``: (base type, is a list, is required)."""
    required = spec.endswith("!")
    spec = spec.removesuffix("!")
    is_list = spec.startswith("[")
    return spec.strip("[]"), is_list, required


def check_request(action: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Check `params` against the definition of `action`; returns them with ``null`` members dropped."""
    return _check_object(ACTIONS[action], params, "")


def _check_object(members: Mapping[str, str], value: Mapping[str, Any], where: str) -> dict[str, Any]:
    for key in value:
        if key not in members:
            raise unknown(f"{where}{key}")
    checked: dict[str, Any] = {}
    for name, spec in members.items():
        base, is_list, required = parse_type(spec)
        path = f"{where}{name}"
        item = value.get(name)
        if item is None:
            if required:
                raise missing(path)
            continue
        if is_list:
            if not isinstance(item, list):
                raise invalid_type(path, f"Array of {_api_type(base)}", item)
            checked[name] = [_check_value(base, element, f"{path}.{i}") for i, element in enumerate(item)]
        else:
            checked[name] = _check_value(base, item, path)
    return checked


def _check_value(base: str, value: Any, path: str) -> Any:
    if value is None:
        raise invalid_type(path, _api_type(base), value)
    if base == "string":
        if not isinstance(value, str):
            raise invalid_type(path, "String", value)
        return value
    if base == "bool":
        if not isinstance(value, bool):
            raise invalid_type(path, "Boolean", value)
        return value
    if base in ("int64", "uint64"):
        if type(value) is not int:
            raise invalid_type(path, "Integer", value)
        if base == "uint64" and value < 0:
            raise invalid_value(path, value, "it must be greater than or equal to 0")
        return value
    if not isinstance(value, dict):
        raise invalid_type(path, base, value)
    return _check_object(OBJECTS[base], value, f"{path}.")


def _api_type(base: str) -> str:
    return {"string": "String", "bool": "Boolean", "int64": "Integer", "uint64": "Integer"}.get(base, base)


def coerce_form(action: str, params: dict[str, Any]) -> dict[str, Any]:
    """GET parameters arrive as strings: turn integers and booleans back into their declared types.

    Strings that do not parse stay strings, so `check_request` reports them as the wrong type.
    """
    members = ACTIONS.get(action)
    return params if members is None else _coerce_object(members, params, 0)


def _coerce_object(members: Mapping[str, str], value: dict[str, Any], depth: int) -> dict[str, Any]:
    out = dict(value)
    for name, item in value.items():
        spec = members.get(name)
        if spec is None:
            continue
        base, is_list, _ = parse_type(spec)
        if is_list and isinstance(item, list):
            out[name] = [_coerce_value(base, element, depth) for element in item]
        elif not is_list:
            out[name] = _coerce_value(base, item, depth)
    return out


def _coerce_value(base: str, value: Any, depth: int) -> Any:
    if isinstance(value, str):
        if base in ("int64", "uint64") and _FORM_INTEGER_RE.fullmatch(value):
            return int(value)
        if base == "bool" and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value
    if isinstance(value, dict) and base in OBJECTS and depth < MAX_DEPTH:
        return _coerce_object(OBJECTS[base], value, depth + 1)
    return value
