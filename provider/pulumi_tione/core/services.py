"""The provider core of ``ModelService``: TI-ONE online inference services.

Like ``core.workloads`` (whose ``WorkloadCore`` it extends, so check, diff, naming, refresh and
import are the same code), over ``workloads.services`` (``ModelServices``). What differs:

==========================================  ================================================
change                                      ModelService
==========================================  ================================================
the 13 members ModifyModelService lacks:    replace (``Member.replaces`` in ``fields``)
``charge_type``, ``name``,
``service_group_id``, ``deploy_type``,
``callback_url``, ``gateway_config``,
``gateway_log_config``,
``resource_supply_attribute``, ``tags``
(no TI-ONE action tags a service),
``region``, ``workspace``
``authorization_enable``                    update: ``ModifyModelServiceAuthorization``
                                            (the group's setting)
every other API argument, ``image``         update: ``ModifyModelService`` (rolling), wait
``running``                                 update: ``ServiceAction`` STOP / RESUME
``timeouts``, ``name_prefix``               update, no API call
==========================================  ================================================

- ``name`` is the new group's ``ServiceGroupName`` (generated as for notebooks). With
  ``service_group_id`` the service is the group's next version and has no name of its own: none
  is generated, and giving one is refused at preview.
- Outputs: ``service_id``, ``group_id``, ``version``, ``status``, ``failure_reason``,
  ``reported_image`` and, from ``DescribeModelServiceCallInfo``, ``call_info`` (the addresses)
  with the secrets ``auth_token``, ``app_key`` and ``app_secret`` (empty while authorization is
  off); both ways in mark those three secret.
- Delete: ``DeleteModelService``; the group too when the resource made it (no
  ``service_group_id``) and no other version is left in it — what a user destroying the stack
  expects: nothing left. A group the resource joined is never deleted.
- Kill-safe creates (native plugin): the owner tag (``core.ownership``) is on the service; a create
  finds an unrecorded service carrying it, in the group it joins or under the group name it
  plans, and adopts it.
- Import: the arguments are read back from ``DescribeModelService``; version 1 of a group is
  imported as the group's creator (``name``), a later version as joining it
  (``service_group_id``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from pulumi_tione.errors import TioneError
from pulumi_tione.workloads.compare import CREATE_TAG, OWNER_TAG
from pulumi_tione.workloads.fields import replace_prose
from pulumi_tione.workloads.models import CustomImage, ModelServiceSpec
from pulumi_tione.workloads.services import MODEL_SERVICE, ModelServices

from .ownership import owner_value, with_owner
from .results import (
    NO_CONTEXT,
    CheckResult,
    Context,
    CreateResult,
    Failure,
    ProviderOperationError,
    UpdateResult,
)
from .workload_state import MODEL_SERVICE_TYPE, SERVICE_OUTPUTS, ModelServiceDocument
from .workloads import WorkloadCore, _cleanup, _status_outputs, _timeout

__all__ = ["MODEL_SERVICE_TYPE", "SERVICE_OUTPUTS", "ModelServiceCore"]

log = logging.getLogger("pulumi_tione.dynamic")


class ModelServiceCore(WorkloadCore):
    """``ModelService``: updates in place through ModifyModelService (the table in the docstring)."""

    workload = MODEL_SERVICE
    kind = MODEL_SERVICE.name
    document = ModelServiceDocument
    ops = ModelServices
    description = (f"{MODEL_SERVICE.fields.summary} {replace_prose(MODEL_SERVICE.fields, camel=True)} "
                   "In place means ModifyModelService (a rolling update); authorizationEnable goes "
                   "through ModifyModelServiceAuthorization. `running` keeps it Normal (default) or "
                   "Stopped. Destroying it deletes its group too when it made the group and no other "
                   "version is left.")

    def _check(self, olds: dict[str, Any], args: dict[str, Any], ctx: Context) -> CheckResult:
        joins = bool(args.get("service_group_id")) and "name" not in args
        tags = args.get("tags")
        if isinstance(tags, dict) and CREATE_TAG in tags:
            return CheckResult(args, [Failure("tags", f"the tag {CREATE_TAG!r} is the provider's own; use "
                                              "another key")])
        result = super()._check(olds, args, ctx)
        if joins:
            result.inputs.pop("name", None)
        return result

    def create(self, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> CreateResult:
        """Create the service (never twice) and wait until it is Normal (Stopped: ``running=False``)."""
        try:
            spec: ModelServiceSpec = self._spec_of(props)
            owned = spec.model_copy(update={"tags": with_owner(spec.tags, ctx)})
            services = self._services(spec)
            existing = self._leftover(services, spec, ctx)
            detail = services.create_service(owned, _timeout(spec, "create", ctx), _cleanup(spec),
                                             existing=existing)
            document = self._document(spec, detail)
        except TioneError as e:
            what = props.get("name") or props.get("service_group_id")
            raise ProviderOperationError(f"creating {self.kind} {what!r} failed: {e}") from None
        return CreateResult(str(detail.get("Id")), document)

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               ctx: Context = NO_CONTEXT) -> UpdateResult:
        """In place: authorization, ModifyModelService, STOP/RESUME (the table in the docstring)."""
        try:
            old, new = self._spec_of(olds), self._spec_of(news)
            if self._image_drifted(olds, news):
                drifted = CustomImage(kind="custom", image_type="CUSTOM",
                                      image_url=olds["reported_image"]["image_url"])
                old = old.model_copy(update={"image": drifted})
            group = str(olds.get("group_id") or "") or self._group_of(new, id_)
            detail = self._services(new).update_service(id_, group, old, new, _timeout(new, "update", ctx))
            document = self._document(new, detail)
        except TioneError as e:
            raise ProviderOperationError(f"updating {self.kind} {id_} failed: {e}") from None
        return UpdateResult(document)

    def delete(self, id_: str, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> None:
        """Delete the service, and its group when the resource made it and it is now empty."""
        try:
            spec: ModelServiceSpec = self._spec_of(props)
            group = str(props.get("group_id") or "") or None
            services = self._services(spec)
            if group is None and spec.service_group_id is None:
                detail = services.describe(self.workload, id_)
                group = str(detail.get("ServiceGroupId") or "") or None if detail else None
            services.delete_service(id_, group, drop_group=spec.service_group_id is None,
                                    timeout=_timeout(spec, "delete", ctx))
        except TioneError as e:
            raise ProviderOperationError(f"deleting {self.kind} {id_} failed: {e}") from None

    def refreshed(self, old: Mapping[str, Any], detail: Mapping[str, Any]) -> dict[str, Any]:
        """The recorded arguments with what the live service says changed, plus every output."""
        doc = super().refreshed(old, detail)
        return {**doc, **self._outputs(self._spec_of(old), detail)}

    def _live_extras(self, detail: Mapping[str, Any]) -> dict[str, Any]:
        first = str(detail.get("Version") or "1") == "1"
        return {"running": str(detail.get("Status") or "") not in ("Stopped", "Stopping"),
                "service_group_id": None if first else detail.get("ServiceGroupId"),
                "name": detail.get("ServiceGroupName") if first else None}

    def _document(self, spec: Any, detail: Mapping[str, Any]) -> dict[str, Any]:
        args = spec.model_dump(exclude_none=True, mode="json")
        return self.document(args, self._outputs(spec, detail)).props()

    def _outputs(self, spec: ModelServiceSpec, detail: Mapping[str, Any]) -> dict[str, Any]:
        """Every output of the service: status outputs, ids, version and the group's call info."""
        group = str(detail.get("ServiceGroupId") or "")
        outputs: dict[str, Any] = {**_status_outputs(detail), "service_id": str(detail.get("Id") or ""),
                                   "group_id": group, "version": str(detail.get("Version") or "")}
        if group:
            outputs.update(self._services(spec).call_info(group))
        assert set(outputs) <= set(SERVICE_OUTPUTS)
        return outputs

    def _services(self, spec: ModelServiceSpec) -> ModelServices:
        services = self._workloads(spec)
        assert isinstance(services, ModelServices)
        return services

    def _group_of(self, spec: ModelServiceSpec, id_: str) -> str:
        detail = self._services(spec).describe(self.workload, id_)
        return str((detail or {}).get("ServiceGroupId") or spec.service_group_id or "")

    def _leftover(self, services: ModelServices, spec: ModelServiceSpec, ctx: Context) -> str | None:
        """The Id of this URN's interrupted create (``core.ownership``), to adopt; else None."""
        if not ctx.urn:
            return None
        owned = services.find_tagged(self.workload, OWNER_TAG, owner_value(ctx.urn))
        unrecorded = [o for o in owned if str(o.get("Id") or "") not in ctx.recorded_ids]
        mine = [o for o in unrecorded if (o.get("ServiceGroupId") == spec.service_group_id
                                          if spec.service_group_id else o.get("Name") == spec.name)]
        for other in (o for o in unrecorded if o not in mine):
            log.warning("model service %s tagged for %s is in no state", other.get("Id"), ctx.urn)
        if not mine:
            return None
        log.info("adopting model service %s: created for %s by a create that was interrupted",
                 mine[0].get("Id"), ctx.urn)
        return str(mine[0].get("Id") or "") or None
