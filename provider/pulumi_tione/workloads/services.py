"""Lifecycle of TI-ONE online inference services (``ModelService``): create, wait, modify, delete.

``ModelServices`` is ``Workloads`` (``workloads.ops``) for the ModelService family, so it keeps
every promise made there — bounded backoff waits, convergence instead of scripts, a failed create
deleted again, secrets scrubbed from errors — with what differs about services:

- **Identity.** The id is the ``ServiceId`` (``ms-xxxxxxxx-1``); the service group
  (``ServiceGroupId``) holds the versions. ``detail()`` flattens ``Service`` and its
  ``ServiceInfo`` into one mapping under the API's names (ServiceInfo wins, its ``Status`` object
  aside), with ``Id``, ``Name`` (the group name), ``Status`` and ``FailureReason``
  (``CreateFailedReason`` or the workload's ``Reason``); a stopped service reports ``Replicas`` 0,
  so the flattened ``Replicas`` is then ``OldReplicas`` (what it resumes with).
- **Never a duplicate.** CreateModelService takes no client token and a new version of a group has
  no unique name, so every create carries a one-off token tag (``CREATE_TAG``); a create whose
  answer was lost is found again by it (``DescribeModelServiceGroups`` filtered by the group
  id or name, the token matched on the services' ``Tags``) and adopted, never sent blindly again.
  A new group's name is unique: ``FailedOperation.DuplicateName`` on the first attempt is a
  ``NameConflictError``.
- **Waits.** Create waits for ``Normal`` (``Stopped`` with ``running=False``); ``CREATE_FAILED``,
  ``TIMEOUT_EXCEPTION`` and ``Abnormal`` fail with TI-ONE's reason. Stop and resume are
  ``ModifyModelService`` with ``ServiceAction`` STOP/RESUME (no other member is sent with them:
  the API ignores every other member then).
- **Update.** ``ModifyModelService`` with every member of the new arguments it accepts (omitted
  members keep their value at TI-ONE), then the ``running`` target; ``authorization_enable``
  through ``ModifyModelServiceAuthorization`` (it is the group's).
- **Delete.** ``DeleteModelService`` until Describe answers ``ResourceNotFound``; with
  ``drop_group`` (the resource made the group) the group goes too once no service is left in it
  (``DeleteModelServiceGroup``; already gone is success). A group the resource joined
  (``service_group_id``) is never deleted. A create that fails (and is deleted again) drops the
  group it made the same way.
"""

from __future__ import annotations

import logging
import secrets as random_source
from collections.abc import Mapping
from typing import Any

from pulumi_tione.errors import (
    ApiError,
    AuthError,
    MalformedResponseError,
    RequestRejectedError,
    ResourceNotFoundError,
    TioneError,
    TransientApiError,
    WorkloadError,
)

from . import fields
from .bodies import tags_body, to_api
from .compare import CREATE_TAG
from .models import MODEL_SERVICE_FAILED, ModelServiceSpec
from .ops import _DONE, _FAIL, _WAIT, DEFAULT_TIMEOUTS, GONE, MAX_ACTION_ERRORS, Kind, Workloads
from .service_validate import parse_model_service

__all__ = ["MODEL_SERVICE", "PLATFORM_IMAGE_TYPE", "ModelServices", "call_outputs", "flatten", "service_body"]

log = logging.getLogger("pulumi_tione.workloads")

PLATFORM_IMAGE_TYPE = "PreSet"
"""``ImageInfo.ImageType`` sent for a platform image: the spelling ImageInfo's own documentation
gives ("PreSet为平台预置镜像"); Describe answers have been seen with PRESET and PRE_SET too, and
all three are read back as a platform image."""
PLATFORM_IMAGE_TYPES = ("PreSet", "PRESET", "PRE_SET")
_OWN_WAY = ("name", "service_group_id", "workspace", "tags", "image")
_REFUSALS = ("FailedOperation", "UnsupportedOperation", "ResourceInUse", "ResourceUnavailable")


def _plan(status: str, target: str) -> str:
    """What to do with a service in ``status`` to reach ``target`` (Normal, Stopped or gone)."""
    if status == target:
        return _DONE
    if target == GONE:
        return "DeleteModelService"
    if status in ("CREATE_FAILED", "TIMEOUT_EXCEPTION") or (status == "Abnormal" and target == "Normal"):
        return _FAIL
    if target == "Normal":
        return "RESUME" if status == "Stopped" else _WAIT
    return "STOP" if status in ("Normal", "Waiting", "Pending", "Abnormal") else _WAIT


MODEL_SERVICE = Kind(
    "ModelService", fields.MODEL_SERVICE, parse_model_service, True, {"Normal": True, "Stopped": False},
    "model service", "CreateModelService", "DescribeModelService", "Service", "DescribeModelServiceGroups",
    "ServiceGroups", 100, "RESUME", "STOP", "DeleteModelService", MODEL_SERVICE_FAILED, _plan,
    frozenset({"CREATING", "Waiting", "Pending", "Stopping"}),
    created_id=lambda answer: (answer.get("Service") or {}).get("ServiceId"))


def flatten(service: Mapping[str, Any]) -> dict[str, Any]:
    """One ``Service`` as a flat detail (see the module docstring)."""
    raw_info = service.get("ServiceInfo")
    info: Mapping[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    detail = {**service, **{k: v for k, v in info.items() if k != "Status"}}
    workload = info.get("Status") if isinstance(info.get("Status"), dict) else {}
    status = str(service.get("Status") or (workload or {}).get("Status")
                 or service.get("BusinessStatus") or "")
    if status in ("Stopped", "Stopping") and not detail.get("Replicas") and info.get("OldReplicas"):
        detail["Replicas"] = info["OldReplicas"]
    reason = service.get("CreateFailedReason")
    if not reason or reason == "CREATE_SUCCEED":
        reason = (workload or {}).get("Reason") or ""
    detail.update({"Id": service.get("ServiceId"), "Name": service.get("ServiceGroupName"),
                   "Status": status, "FailureReason": reason})
    return detail


def image_info(image: Mapping[str, Any]) -> dict[str, Any]:
    """``ImageInfo`` of an ``image`` argument: a platform image as ``PreSet`` with its URL and name."""
    if image.get("kind") == "platform":
        info = {"ImageType": PLATFORM_IMAGE_TYPE, "ImageUrl": image.get("image_url"),
                "ImageName": image.get("image_name")}
        return {k: v for k, v in info.items() if v}
    return dict(to_api("CustomImage", image))


def service_body(args: Mapping[str, Any], service_id: str | None = None) -> dict[str, Any]:
    """The ``CreateModelService`` body of ``args`` (snake_case), or with ``service_id`` the
    ``ModifyModelService`` body (the members it accepts)."""
    body: dict[str, Any] = {"ServiceId": service_id} if service_id is not None else {}
    for m in fields.MODEL_SERVICE.members:
        if not m.sent or m.api is None or m.name in _OWN_WAY or (service_id is not None and not m.modify):
            continue
        value = to_api(m.type, args.get(m.name, m.default))
        if value is not None:
            body[m.api] = value
    if service_id is None:
        if args.get("service_group_id"):
            body.update({"ServiceGroupId": args["service_group_id"], "NewVersion": True})
        elif args.get("name"):
            body["ServiceGroupName"] = args["name"]
        if args.get("tags"):
            body["Tags"] = tags_body(args["tags"])
    if args.get("workspace"):
        body["TiProjectId"] = args["workspace"]
    if isinstance(args.get("image"), Mapping):
        body["ImageInfo"] = image_info(args["image"])
    return body


def call_outputs(answer: Mapping[str, Any]) -> dict[str, Any]:
    """The outputs of a ``DescribeModelServiceCallInfo`` answer: ``call_info`` (the addresses) and
    the secrets ``auth_token``/``app_key``/``app_secret`` (empty while authorization is off)."""
    v1 = answer.get("ServiceCallInfo") if isinstance(answer.get("ServiceCallInfo"), dict) else {}
    v2 = answer.get("ServiceCallInfoV2") if isinstance(answer.get("ServiceCallInfoV2"), dict) else {}
    pairs = (("inner_http_addr", v1, "InnerHttpAddr"), ("inner_https_addr", v1, "InnerHttpsAddr"),
             ("outer_http_addr", v1, "OuterHttpAddr"), ("outer_https_addr", v1, "OuterHttpsAddr"),
             ("internet_endpoint", v2, "InternetEndpoint"), ("grpc_host", v2, "GrpcHost"))
    info = {k: str(src[a]) for k, src, a in pairs if src and src.get(a)}
    return {"call_info": info, "auth_token": str((v2 or {}).get("AuthToken") or ""),
            "app_key": str((v1 or {}).get("AppKey") or ""),
            "app_secret": str((v1 or {}).get("AppSecret") or "")}


class ModelServices(Workloads):
    """Model service operations on one client and workspace (see the module docstring)."""

    _lookup: tuple[str | None, str | None, str] = (None, None, "")
    """How the current create is found again: (group id, group name, token)."""

    def create_service(self, spec: ModelServiceSpec, timeout: float | None = None,
                       delete_timeout: float | None = None, *, existing: str | None = None) -> dict[str, Any]:
        """Create the service (a new group, or a version of ``service_group_id``) and wait until it
        is Normal (Stopped with ``running=False``); returns its flat detail."""
        timeout = timeout or DEFAULT_TIMEOUTS["service.create"]
        cleanup = delete_timeout or DEFAULT_TIMEOUTS["service.delete"]
        args = spec.model_dump(exclude_none=True, mode="json")
        token = random_source.token_hex(8)
        args["tags"] = {**(args.get("tags") or {}), CREATE_TAG: token}
        self._lookup = (spec.service_group_id, spec.name, token)
        target = "Normal" if spec.running else "Stopped"
        label = spec.service_group_id or spec.name or "?"
        with self._scrubbed():
            return self._create_and_wait(MODEL_SERVICE, service_body(args), target, timeout, cleanup,
                                         existing=existing, name=label)

    def update_service(self, service_id: str, group_id: str, old: ModelServiceSpec, new: ModelServiceSpec,
                       timeout: float | None = None) -> dict[str, Any]:
        """Bring the service from ``old`` to ``new`` in place (module docstring); its final detail."""
        timeout = timeout or DEFAULT_TIMEOUTS["service.update"]
        deadline = self._clock() + timeout
        olds, news = (s.model_dump(exclude_none=True, mode="json") for s in (old, new))
        before, after = service_body(olds, service_id), service_body(news, service_id)
        with self._scrubbed():
            if bool(old.authorization_enable) != bool(new.authorization_enable):
                self._call("ModifyModelServiceAuthorization",
                           {"ServiceGroupId": group_id,
                            "AuthorizationEnable": bool(new.authorization_enable)})
            if before != after:
                settled = "Normal" if old.running else "Stopped"
                self._require(self._converge(MODEL_SERVICE, service_id, settled, deadline, timeout))
                self._call("ModifyModelService", after, idempotent=True)
            target = "Normal" if new.running else "Stopped"
            return self._require(self._converge(MODEL_SERVICE, service_id, target, deadline, timeout,
                                                settle=before != after))

    def delete_service(self, service_id: str, group_id: str | None, *, drop_group: bool,
                       timeout: float | None = None) -> None:
        """Delete the service and wait until it is gone; with ``drop_group``, its group too when
        no service is left in it."""
        timeout = timeout or DEFAULT_TIMEOUTS["service.delete"]
        with self._scrubbed():
            self._converge(MODEL_SERVICE, service_id, GONE, self._clock() + timeout, timeout)
            if drop_group and group_id:
                self._drop_empty_group(group_id)

    def call_info(self, group_id: str) -> dict[str, Any]:
        """The outputs of the group's ``DescribeModelServiceCallInfo`` (``call_outputs``)."""
        with self._scrubbed():
            return call_outputs(self._call("DescribeModelServiceCallInfo", {"ServiceGroupId": group_id}))

    # -- the hooks of ``Workloads`` --------------------------------------------------------

    def describe(self, kind: Kind, object_id: str) -> dict[str, Any] | None:
        """The service's flat detail, or None when TI-ONE has no service with that id."""
        try:
            response = self._call("DescribeModelService", {"ServiceId": object_id})
        except ResourceNotFoundError:
            return None
        except ApiError as e:
            if (e.code or "").startswith("ResourceNotFound"):
                return None
            raise
        service = response.get("Service")
        if service is None:
            return None
        if not isinstance(service, dict):
            raise MalformedResponseError("DescribeModelService returned a Service that is not an object",
                                         endpoint=self.client.endpoint)
        return flatten(service)

    def services(self, filters: list[dict[str, Any]], tag_filters: list[dict[str, Any]] | None = None
                 ) -> list[dict[str, Any]]:
        """Every service (flat) of the groups ``DescribeModelServiceGroups`` lists for the filters."""
        params: dict[str, Any] = {"Filters": filters, "Limit": MODEL_SERVICE.page, "Offset": 0}
        if tag_filters:
            params["TagFilters"] = tag_filters
        groups = self._call("DescribeModelServiceGroups", params).get("ServiceGroups") or []
        if not isinstance(groups, list):
            raise MalformedResponseError("DescribeModelServiceGroups returned ServiceGroups that is not "
                                         "a list",
                                         endpoint=self.client.endpoint)
        return [flatten(s) for g in groups if isinstance(g, dict) for s in g.get("Services") or []
                if isinstance(s, dict)]

    def find_tagged(self, kind: Kind, key: str, value: str) -> list[dict[str, Any]]:
        """Every service carrying tag ``key`` = ``value`` (its own tags, not only its group's)."""
        found = self.services([], [{"TagKey": key, "TagValues": [value]}])
        return [s for s in found if _tag(s, key) == value]

    def find_by_name(self, kind: Kind, name: str) -> dict[str, Any] | None:
        """The service this create's token tag marks (in the group it joins, or the group ``name``)."""
        group_id, group_name, token = self._lookup
        by = {"Name": "ServiceGroupId", "Values": [group_id]} if group_id else \
            {"Name": "ServiceGroupName", "Values": [group_name]}
        found = [s for s in self.services([by]) if _tag(s, CREATE_TAG) == token]
        return found[0] if found else None

    def _act(self, kind: Kind, action: str, object_id: str, refusals: int) -> tuple[int, bool]:
        """STOP/RESUME (``ServiceAction``) or DeleteModelService; a lost or refused answer is left to
        the next Describe, as in ``Workloads`` (returns the refusals in a row, and whether accepted)."""
        params: dict[str, Any] = {"ServiceId": object_id}
        name = action
        if action in ("STOP", "RESUME"):
            params["ServiceAction"] = action
            name = "ModifyModelService"
        try:
            self._call(name, params, idempotent=False)
        except (AuthError, RequestRejectedError):
            raise
        except ResourceNotFoundError:
            return 0, False
        except TransientApiError as e:
            log.info("%s %s: %s; checking the status again", action, object_id, e.code or e)
            return refusals, False
        except ApiError as e:
            if not (e.code or "").startswith(_REFUSALS) or refusals + 1 >= MAX_ACTION_ERRORS:
                raise
            log.info("%s %s refused (%s); checking the status again", action, object_id, e.code)
            return refusals + 1, False
        return 0, True

    def _cleaned_up(self, kind: Kind, object_id: str, error: TioneError, timeout: float) -> WorkloadError:
        """``Workloads``' cleanup of a failed create, plus the group the create made (when empty)."""
        group_id: str | None = None
        if self._lookup[0] is None:  # the create made a new group
            try:
                detail = self.describe(kind, object_id)
                group_id = str(detail.get("ServiceGroupId") or "") or None if detail else None
            except TioneError:
                group_id = None
        result = super()._cleaned_up(kind, object_id, error, timeout)
        if group_id is not None:
            try:
                self._drop_empty_group(group_id)
            except TioneError as e:
                log.warning("could not delete the empty model service group %s: %s", group_id, e)
        return result

    def _drop_empty_group(self, group_id: str) -> None:
        try:
            group = self._call("DescribeModelServiceGroup", {"ServiceGroupId": group_id}).get("ServiceGroup")
        except ResourceNotFoundError:
            return
        except ApiError as e:
            if (e.code or "").startswith("ResourceNotFound"):
                return
            raise
        if isinstance(group, dict) and not (group.get("Services") or group.get("ServiceCount")):
            try:
                self._call("DeleteModelServiceGroup", {"ServiceGroupId": group_id}, idempotent=False)
            except ApiError as e:
                if not (e.code or "").startswith("ResourceNotFound"):
                    raise
            log.info("model service group %s deleted (its last service went)", group_id)


def _tag(detail: Mapping[str, Any], key: str) -> str | None:
    for tag in detail.get("Tags") or []:
        if isinstance(tag, dict) and tag.get("TagKey") == key:
            return str(tag.get("TagValue") or "")
    return None
