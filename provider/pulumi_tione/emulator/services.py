"""Model service actions: CreateModelService ... ModifyModelServiceAuthorization, over groups of versions.

A create without ``ServiceGroupId`` makes a group (``ms-`` and 8 characters) and its version 1
(``<group>-1``); with it, the next version of that group. Lifecycle (inferred: TI-ONE documents
the statuses, not the transitions): ``CREATING`` → ``Waiting`` → ``Normal``; ModifyModelService
``ServiceAction`` STOP: ``Stopping`` → ``Stopped``, RESUME: ``Pending`` → ``Normal``, SCALE and a
configuration change of a running service: ``Waiting`` → ``Normal``. Deletes are immediate; a
group goes with its last service. docs/emulator.md lists every rule and its source.
"""

from __future__ import annotations

import functools
import secrets
import string
from collections.abc import Callable, Mapping
from typing import Any

from .apierror import ApiError
from .listing import ListSpec, list_page
from .records import MODEL_SERVICE, UIN, Context, Flow, Record, ServiceGroup
from .rules import check_tags, deep
from .service_rules import bad, check_group_name, checked_config
from .service_views import RUNNING, call_info, service, service_group

FLOW = Flow(
    statuses=("CREATING", "Waiting", "Pending", "Normal", "Abnormal", "Stopping", "Stopped",
              "CREATE_FAILED", "TIMEOUT_EXCEPTION"),
    next={"CREATING": "Waiting", "Waiting": "Normal", "Pending": "Normal", "Stopping": "Stopped"},
    running="Normal",
    ended=frozenset({"Stopped", "CREATE_FAILED", "TIMEOUT_EXCEPTION"}),
)
SERVICE_ACTIONS = ("STOP", "RESUME", "SCALE")
SCALE_MEMBERS = ("Replicas", "ScaleMode", "HorizontalPodAutoscaler", "ScaleStrategy", "CronScaleJobs",
                 "HybridBillingPrepaidReplicas")
_NOT_CONFIG = ("ServiceId", "TiProjectId", "ServiceGroupId", "ServiceGroupName", "Tags", "ServiceAction",
               "TargetProjectId", "AuthorizationEnable", "GatewayConfig", "GatewayLogConfig")
_GROUP_ID_CHARS = string.ascii_lowercase + string.digits


def _members(ctx: Context, group: ServiceGroup) -> list[Record]:
    """The group's live services, advanced to now, by version."""
    found = [r for r in ctx.store.in_region(MODEL_SERVICE, ctx.region, ctx.now) if r.group == group.id]
    return sorted(found, key=lambda r: r.version)


def _model_version(record: Record) -> str:
    return str((record.config.get("ModelInfo") or {}).get("ModelVersionId") or "")


GROUP_FILTERS: dict[str, Callable[[Context, ServiceGroup], list[str]]] = {
    "ClusterId": lambda ctx, g: [""],
    "ServiceId": lambda ctx, g: [s.id for s in _members(ctx, g)],
    "ServiceGroupName": lambda ctx, g: [g.name],
    "ServiceGroupId": lambda ctx, g: [g.id],
    "Status": lambda ctx, g: [s.status for s in _members(ctx, g)],
    "CreatedBy": lambda ctx, g: [UIN],
    "ModelVersionId": lambda ctx, g: [_model_version(s) for s in _members(ctx, g)],
}
"""DescribeModelServiceGroups' filters (its Filters doc) -> the values of a group; a group matches
on any of its services' values."""
DEFAULT_LIMIT, MAX_LIMIT = 20, 100


def _list_spec(ctx: Context) -> ListSpec[ServiceGroup]:
    def updated(group: ServiceGroup) -> float:
        return max([group.updated, *(s.updated for s in _members(ctx, group))])

    return ListSpec(
        default_limit=DEFAULT_LIMIT,
        max_limit=MAX_LIMIT,
        filters={name: functools.partial(values, ctx) for name, values in GROUP_FILTERS.items()},
        order_fields={"CreateTime": lambda g: g.created, "UpdateTime": updated},
        tags=lambda g: [*g.tags, *(t for s in _members(ctx, g) for t in s.tags)],
    )


def find_group(ctx: Context, group_id: str) -> ServiceGroup:
    """The group `group_id` in this region, else ``ResourceNotFound``."""
    group = ctx.store.groups.get(group_id)
    if group is None or group.region != ctx.region:
        raise ApiError("ResourceNotFound", f"The model service group `{group_id[:80]}` does not exist in "
                       f"{ctx.region}.")
    return group


def _find(ctx: Context, params: Mapping[str, Any]) -> tuple[Record, ServiceGroup]:
    record = ctx.store.find(MODEL_SERVICE, str(params["ServiceId"]), ctx.region, ctx.now)
    return record, ctx.store.groups[record.group]


def _answer(ctx: Context, record: Record, group: ServiceGroup) -> dict[str, Any]:
    """``{"Service"}`` as of this request: a status just entered is answered, even with step 0."""
    siblings = sorted((r for r in ctx.store.records.values() if r.group == group.id), key=lambda r: r.version)
    return {"Service": service(record, group, siblings)}


def _new_group(ctx: Context, params: Mapping[str, Any], tags: list[dict[str, str]]) -> ServiceGroup:
    name = params.get("ServiceGroupName")
    if not name:
        raise ApiError("MissingParameter", "The request is missing a required parameter `ServiceGroupName` "
                       "(a new group is made when ServiceGroupId is not given).")
    check_group_name(name)
    for group in ctx.store.groups.values():
        if (group.region, group.name) == (ctx.region, name):
            raise ApiError("FailedOperation.DuplicateName", f"A model service group named `{name}` already "
                           f"exists in {ctx.region} ({group.id}); give its ServiceGroupId to add a version.")
    for _ in range(100):  # 36^8 ids: a clash is rare, a hundred in a row is a broken generator
        group_id = "ms-" + "".join(secrets.choice(_GROUP_ID_CHARS) for _ in range(8))
        if group_id not in ctx.store.groups:
            break
    else:
        raise ApiError("InternalError", "no free model service group id after 100 tries")
    group = ServiceGroup(group_id, ctx.region, name, ctx.now, tags, updated=ctx.now,
                         gateway_config=deep(params.get("GatewayConfig")),
                         gateway_log_config=deep(params.get("GatewayLogConfig")),
                         create_source=params.get("CreateSource") or "DEFAULT")
    group.enable_authorization(bool(params.get("AuthorizationEnable")))
    return group


def create(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """CreateModelService: a new group with version 1, or (ServiceGroupId) a new version; CREATING."""
    tags = check_tags(params.get("Tags"))
    config = {k: v for k, v in params.items() if k not in _NOT_CONFIG}
    config["ProjectId"] = params.get("TiProjectId") or "0"
    checked = checked_config(ctx.store.catalog(), config)
    group_id = params.get("ServiceGroupId")
    group = find_group(ctx, group_id) if group_id else _new_group(ctx, params, tags)
    ctx.store.groups[group.id] = group
    group.last_version += 1
    record = Record(MODEL_SERVICE, f"{group.id}-{group.last_version}", ctx.region, group.name, "CREATING",
                    ctx.now, ctx.now, checked, tags, updated=ctx.now, group=group.id,
                    version=group.last_version)
    ctx.store.records[record.id] = record
    return _answer(ctx, record, group)


def describe(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeModelService: the Service."""
    record, group = _find(ctx, params)
    return _answer(ctx, record, group)


def describe_group(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeModelServiceGroup: the ServiceGroup with its services."""
    group = find_group(ctx, str(params["ServiceGroupId"]))
    return {"ServiceGroup": service_group(group, _members(ctx, group))}


def describe_groups(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeModelServiceGroups: filtered, ordered, paged ServiceGroups of this region."""
    groups = [g for g in ctx.store.groups.values() if g.region == ctx.region]
    total, page = list_page(groups, params, _list_spec(ctx))
    return {
        "TotalCount": total,
        "ServiceGroups": [service_group(g, _members(ctx, g)) for g in page],
        "GlobalTotalCount": len(groups),
    }


def _refuse(record: Record, action: str, allowed: tuple[str, ...]) -> ApiError:
    return ApiError("UnsupportedOperation", f"The model service `{record.id}` is {record.status}: {action} "
                    "is allowed only when it is " + " or ".join(allowed) + ".")


def _service_action(ctx: Context, record: Record, params: Mapping[str, Any]) -> None:
    action = params["ServiceAction"]
    if action not in SERVICE_ACTIONS:
        raise bad("ServiceAction", action, "valid values are " + ", ".join(SERVICE_ACTIONS))
    if action == "RESUME":
        if record.status != "Stopped":
            raise _refuse(record, "ServiceAction RESUME", ("Stopped",))
        ctx.enter(record, "Pending")
        return
    allowed = ("CREATING", *RUNNING) if action == "STOP" else RUNNING
    if record.status not in allowed:
        raise _refuse(record, f"ServiceAction {action}", allowed)
    if action == "SCALE":
        _reconfigure(ctx, record, {k: params[k] for k in SCALE_MEMBERS if k in params})
    else:
        ctx.enter(record, "Stopping")


def _reconfigure(ctx: Context, record: Record, changes: Mapping[str, Any]) -> None:
    merged = {**{k: v for k, v in record.config.items() if k not in ("ImageView", "CommandView")}, **changes}
    if "CommandBase64" not in changes and "Command" in changes:
        merged.pop("CommandBase64", None)
    record.config = checked_config(ctx.store.catalog(), merged)
    if record.status in RUNNING:
        ctx.enter(record, "Waiting")
    record.updated = ctx.now


def modify(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """ModifyModelService: ServiceAction STOP/RESUME/SCALE (every other member ignored), or the given
    members replace theirs (omitted ones are kept) and a running service rolls over (Waiting)."""
    record, group = _find(ctx, params)
    if params.get("ServiceAction"):
        _service_action(ctx, record, params)
        return _answer(ctx, record, group)
    changes = {k: v for k, v in params.items() if k not in _NOT_CONFIG}
    target = params.get("TargetProjectId")
    if target:
        if record.config.get("ProjectId", "0") != "0":
            raise ApiError("UnsupportedOperation", "TargetProjectId moves a service out of the default "
                           f"workspace only; `{record.id}` is in workspace {record.config['ProjectId']}.")
        changes["ProjectId"] = str(target)
    _reconfigure(ctx, record, changes)
    return _answer(ctx, record, group)


def delete(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteModelService: the service is gone at once, in any status; its group goes with its last one."""
    record, group = _find(ctx, params)
    del ctx.store.records[record.id]
    if not _members(ctx, group):
        del ctx.store.groups[group.id]
    return {}


def delete_group(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteModelServiceGroup: the group and every service in it are gone at once."""
    group = find_group(ctx, str(params["ServiceGroupId"]))
    for record in _members(ctx, group):
        del ctx.store.records[record.id]
    del ctx.store.groups[group.id]
    return {}


def describe_call_info(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """DescribeModelServiceCallInfo: the group's addresses and, with authorization on, its credentials."""
    return call_info(find_group(ctx, str(params["ServiceGroupId"])))


def modify_authorization(ctx: Context, params: dict[str, Any]) -> dict[str, Any]:
    """ModifyModelServiceAuthorization: authorization of the group on or off (absent: off)."""
    group = find_group(ctx, str(params["ServiceGroupId"]))
    group.enable_authorization(bool(params.get("AuthorizationEnable")))
    group.updated = ctx.now
    return {}


ACTIONS: dict[str, Callable[[Context, dict[str, Any]], dict[str, Any]]] = {
    "CreateModelService": create,
    "DescribeModelService": describe,
    "DescribeModelServiceGroups": describe_groups,
    "DescribeModelServiceGroup": describe_group,
    "ModifyModelService": modify,
    "DeleteModelService": delete,
    "DeleteModelServiceGroup": delete_group,
    "DescribeModelServiceCallInfo": describe_call_info,
    "ModifyModelServiceAuthorization": modify_authorization,
}
"""Action name -> implementation."""
