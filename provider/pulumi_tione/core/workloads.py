"""The provider core of ``Notebook`` and ``TrainingTask``: real TI-ONE objects.

Both ways in (the dynamic resources, ``stack.workload_provider``; the native plugin, ``native``)
call ``NotebookCore``/``TrainingTaskCore`` with plain property dicts (``core.results``). Thin,
like the image cores: ``workloads.validate`` checks the arguments, ``workloads.ops``
does the API work (creates that are never duplicated, bounded waits, cleanup on failure), and
``workload_state`` owns the state documents (registered with ``stack.state``). The cores hold
nothing (no config, no credentials): ``core.config.configure`` hands the configuration to
``catalog.PROCESS``, whose rate limiter every request shares.

``check()`` validates every argument at preview (each problem on its property, including whether
the image fits: ImageRange, SupportGpuList, TrainingModes), fixes the effective ``region`` and
assigns the name: ``name`` if given, else ``<resource name>-<8 hex>`` (at most 60 characters),
carried forward from the previous inputs so it is stable, and renewed when the change replaces.
The resource name is ``name_prefix`` (the dynamic resources pass it), else the URN's name (native).
``workspace`` defaults to config ``tione:workspace``.

How each input behaves:

==========================================  ==============================================  =========
change                                      Notebook                                        TrainingTask
==========================================  ==============================================  =========
``charge_type``, ``vpc_id``, ``subnet_id``,  replace (the API cannot modify them)            replace
``volume_source_type``,
``volume_source_cfs``, ``region``,
``workspace``
``volume_size_in_gb`` smaller               replace (volumes only grow)                     replace
``volume_size_in_gb`` larger, ``image``,    update in place: stop if running,               replace
``resource_conf``, ``name``, and every      ``ModifyNotebook`` with the whole object,
other API argument                          start again if ``running``
only ``tags``                               update: ``ModifyNotebookTags`` (keeps running)  replace
``running``                                 update: ``StartNotebook``/``StopNotebook``      —
``wait_for``                                —                                               update: wait
``timeouts``, ``name_prefix`` (same name)   update, no API call                             same
==========================================  ==============================================  =========

Timeouts: the engine's ``customTimeouts`` (``Context.timeout``, native plugin) bound the
operation when given, else the resource's ``timeouts`` argument, else ``workloads.ops``' defaults.

A replacement creates the new object before deleting the old one, unless the name stays the same
(an explicit ``name``): names are unique, so then the old one is deleted first.

Create returns when the notebook is Running (Stopped with ``running=False``) or the task reached
``wait_for``; delete stops the object if needed and returns when it is gone (already gone is
success). ``read()`` (refresh) re-reads the object: settings changed outside Pulumi (resource
configuration, volume, tags, flags, ...), its status (a notebook stopped outside shows
``running`` changed) and the image TI-ONE reports (``reported_image``) show as drift, and the next
``up`` puts the declared values back; an object deleted outside Pulumi is reported gone. Settings
you did not declare are not compared (TI-ONE fills in its own defaults, e.g. a volume type).

Secrets: ``image.image_secret`` and ``envs`` values are wrapped as secrets by the resource
classes and their outputs are ``additional_secret_outputs``; they never appear in logs, errors or
``__provider``. Notebooks take no ``envs``: ``CreateNotebook`` has no such field.
"""

from __future__ import annotations

import logging
import re
import secrets as random_source
from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi_tione.api.client import TioneClient
from pulumi_tione.api.credentials import resolve_region
from pulumi_tione.errors import InvalidWorkloadError, TioneError
from pulumi_tione.images.catalog import PROCESS
from pulumi_tione.stack.workload_state import (
    NOTEBOOK_TYPE,
    STATUS_OUTPUTS,
    TRAINING_TASK_TYPE,
    NotebookDocument,
    TrainingTaskDocument,
    WorkloadDocument,
)
from pulumi_tione.workloads.models import (
    CustomImage,
    NotebookSpec,
    ResourceConf,
    TrainingTaskSpec,
)
from pulumi_tione.workloads.ops import NOTEBOOK, TRAINING_TASK, Workloads, reported_image
from pulumi_tione.workloads.validate import NAME_MAX, parse_notebook, parse_training_task

from .config import WORKSPACE_KEY
from .results import (
    NO_CONTEXT,
    CheckResult,
    Context,
    CreateResult,
    DiffResult,
    Failure,
    ProviderOperationError,
    ReadResult,
    UpdateResult,
    contains_unknown,
)

__all__ = [
    "NOTEBOOK_OUTPUTS",
    "NOTEBOOK_TYPE",
    "TASK_OUTPUTS",
    "TRAINING_TASK_TYPE",
    "NotebookCore",
    "TrainingTaskCore",
    "WorkloadCore",
    "norm",
]

PROVIDER_KEY = "__provider"
NOTEBOOK_OUTPUTS = ("name", "region", *STATUS_OUTPUTS)
TASK_OUTPUTS = NOTEBOOK_OUTPUTS
NOTEBOOK_REPLACES = ("charge_type", "vpc_id", "subnet_id", "volume_source_type", "volume_source_cfs",
                     "region", "workspace")
NO_API = ("timeouts", "name_prefix", "wait_for")
_SUFFIX = re.compile(r"-[0-9a-f]{8}")
_LIVE_NOTEBOOK = {
    "name": "Name", "charge_type": "ChargeType", "resource_conf": "ResourceConf",
    "log_enable": "LogEnable", "root_access": "RootAccess", "auto_stopping": "AutoStopping",
    "direct_internet_access": "DirectInternetAccess", "resource_group_id": "ResourceGroupId",
    "vpc_id": "VpcId", "subnet_id": "SubnetId", "volume_source_type": "VolumeSourceType",
    "volume_size_in_gb": "VolumeSizeInGB", "volume_source_cfs": "VolumeSourceCFS",
    "log_config": "LogConfig", "lifecycle_script_id": "LifecycleScriptId",
    "default_code_repo_id": "DefaultCodeRepoId", "additional_code_repo_ids": "AdditionalCodeRepoIds",
    "automatic_stop_time": "AutomaticStopTime", "description": "Description",
}
_NESTED_FIELDS = {
    "resource_conf": {"Cpu": "cpu", "Memory": "memory", "Gpu": "gpu", "GpuType": "gpu_type",
                      "InstanceType": "instance_type"},
    "volume_source_cfs": {"Id": "id", "Path": "path"},
    "log_config": {"LogsetId": "logset_id", "TopicId": "topic_id"},
}

log = logging.getLogger("pulumi_tione.dynamic")


def _args(props: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments in ``props`` (its state document's; no outputs, ``__provider``, version, None)."""
    return dict(WorkloadDocument.read(props).arguments)


def norm(value: Any) -> Any:
    """``value`` without what the API reports for "unset": None, "", 0, empty lists and objects."""
    if isinstance(value, dict):
        items = {k: norm(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v is not None} or None
    if isinstance(value, list | tuple):
        return [norm(v) for v in value] or None
    if value == "" or (isinstance(value, int | float) and not isinstance(value, bool) and value == 0):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _generated_name(prefix: str) -> str:
    """``<prefix>-<8 random hex>``, the prefix made a valid name and cut to fit 60 characters."""
    clean = re.sub(r"[^0-9A-Za-z_\-\u4e00-\u9fff]", "-", prefix).lstrip("_-") or "w"
    return f"{clean[:NAME_MAX - 9]}-{random_source.token_hex(4)}"


def _carried_name(olds: Mapping[str, Any], prefix: str) -> str | None:
    """The previous generated name, when it was generated from the same prefix."""
    old = olds.get("name")
    if isinstance(old, str) and old.startswith(_generated_name(prefix)[:-9]) \
            and _SUFFIX.fullmatch(old[-9:]) and olds.get("name_prefix") == prefix:
        return old
    return None


class WorkloadCore:
    """What both kinds share: check (validation + naming), diff, create, read, delete."""

    kind: ClassVar[str]
    replace_all: ClassVar[bool]
    document: ClassVar[type[WorkloadDocument]]

    # -- check --------------------------------------------------------------------------------

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any],
              ctx: Context = NO_CONTEXT) -> CheckResult:
        """Validate every argument, fix the region and the name; never raises."""
        try:
            args = _args(news)
        except TioneError as e:
            return CheckResult({k: v for k, v in news.items() if v is not None}, [Failure("", str(e))])
        if "name_prefix" not in args and ctx.name:
            args["name_prefix"] = ctx.name
        workspace = PROCESS.config.get(WORKSPACE_KEY)
        if workspace and "workspace" not in args:
            args["workspace"] = workspace
        try:
            return self._check(_args(olds), args)
        except Exception as e:
            log.exception("unexpected error while checking a %s", self.kind)
            reason = f"unexpected {type(e).__name__}; please report this at the project's issues"
            return CheckResult(args, [Failure("", reason)])

    def _check(self, olds: dict[str, Any], args: dict[str, Any]) -> CheckResult:
        unknown = {k for k, v in args.items() if contains_unknown(v)}
        failures: list[Failure] = []
        if "region" not in unknown:
            try:
                args["region"] = resolve_region(args.get("region"), PROCESS.config)
            except TioneError as e:
                failures.append(Failure("region", str(e)))
        try:
            spec = self._parse(args, unknown)
        except InvalidWorkloadError as e:
            failures += [Failure(p.argument.split(".")[0] if p.argument != "(resource)" else "",
                                      f"{p.argument}: {p.message}" if "." in p.argument else p.message)
                         for p in e.problems]
            return CheckResult(args, failures)
        if failures:
            return CheckResult(args, failures)
        if "name" not in args and not unknown & {"name", "name_prefix"}:
            args["name"] = self._name(olds, args, unknown)
        if unknown:
            return CheckResult(args, [])
        checked = spec.model_dump(exclude_none=True, mode="json")
        checked["name"] = args["name"]
        return CheckResult(checked, [])

    def _name(self, olds: Mapping[str, Any], args: Mapping[str, Any], unknown: set[str]) -> str:
        """The carried generated name, or a new one when the change replaces (or may: ``diff``
        counts an unknown argument that would replace as a replacement, so does this)."""
        prefix = str(args.get("name_prefix") or "workload")
        carried = _carried_name(olds, prefix)
        if carried is None:
            return _generated_name(prefix)
        try:
            new = self._parse({**args, "name": carried}, unknown)
            replaces = self._replaces(self._spec_of(olds), new, unknown)
        except InvalidWorkloadError:
            replaces = True
        return _generated_name(prefix) if replaces else carried

    # -- diff ---------------------------------------------------------------------------------

    def diff(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
             ctx: Context = NO_CONTEXT) -> DiffResult:
        """Which inputs changed and which of them replace (the table in the module docstring)."""
        try:
            new_args, old_args = _args(news), _args(olds)
        except TioneError as e:
            raise ProviderOperationError(f"diff of {self.kind} {id_!r} failed: {e}") from None
        unknown = [k for k, v in new_args.items() if contains_unknown(v)]
        changed = sorted(k for k in old_args.keys() | new_args.keys()
                         if k not in unknown and norm(old_args.get(k)) != norm(new_args.get(k)))
        if not self.replace_all and self._image_drifted(olds, new_args):
            changed = sorted({*changed, "image"})
        replaces = self._replaced_keys(old_args, new_args, changed, unknown)
        same_name = old_args.get("name") == new_args.get("name") and "name" not in unknown
        return DiffResult(changes=bool(changed or unknown), changed=sorted({*changed, *unknown}),
                          replaces=replaces, delete_before_replace=bool(replaces) and same_name)

    def _replaced_keys(self, olds: Mapping[str, Any], news: Mapping[str, Any], changed: list[str],
                       unknown: list[str]) -> list[str]:
        if self.replace_all:
            return sorted(k for k in {*changed, *unknown} if k not in NO_API)
        keys = [k for k in {*changed, *unknown} if k in NOTEBOOK_REPLACES]
        old_size, new_size = norm(olds.get("volume_size_in_gb")), norm(news.get("volume_size_in_gb"))
        if isinstance(old_size, int) and isinstance(new_size, int) and new_size < old_size:
            keys.append("volume_size_in_gb")
        return sorted(keys)

    def _replaces(self, old: NotebookSpec | TrainingTaskSpec, new: NotebookSpec | TrainingTaskSpec,
                  unknown: set[str]) -> bool:
        """Whether ``diff`` would replace (``new`` holds stand-ins for the ``unknown`` arguments)."""
        olds = old.model_dump(exclude_none=True, mode="json")
        news = new.model_dump(exclude_none=True, mode="json")
        changed = [k for k in olds.keys() | news.keys()
                   if k not in unknown and norm(olds.get(k)) != norm(news.get(k))]
        return bool(self._replaced_keys(olds, news, changed, sorted(unknown)))

    @staticmethod
    def _image_drifted(olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
        """TI-ONE reports another ImageUrl than the declared image's (changed outside Pulumi).

        Notebooks only: a training task cannot be modified, so a difference there is only how
        TI-ONE reports a framework image, and must not replace (and so restart) the task."""
        reported, image = olds.get("reported_image"), news.get("image")
        if not isinstance(reported, dict) or not isinstance(image, dict) or contains_unknown(image):
            return False
        url = reported.get("image_url")
        return bool(url) and bool(image.get("image_url")) and url != image.get("image_url")

    # -- create / update / delete / read ------------------------------------------------------

    def create(self, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> CreateResult:
        """Create the object and wait (see the module docstring); the id is TI-ONE's Id."""
        try:
            spec = self._spec_of(props)
            detail = self._create(spec, ctx)
        except TioneError as e:
            raise ProviderOperationError(f"creating {self.kind} {props.get('name')!r} failed: {e}") from None
        return CreateResult(str(detail.get("Id")), self._document(spec, detail))

    def delete(self, id_: str, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> None:
        """Stop if needed, delete, and wait until TI-ONE no longer knows the object."""
        try:
            spec = self._spec_of(props)
            self._delete(spec, id_, ctx)
        except TioneError as e:
            raise ProviderOperationError(f"deleting {self.kind} {id_} failed: {e}") from None

    def read(self, id_: str, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> ReadResult:
        """Refresh: the live object merged into the recorded document; gone -> empty id."""
        try:
            spec = self._spec_of(props)
            detail = self._workloads(spec).describe(NOTEBOOK if self.kind == "Notebook"
                                                    else TRAINING_TASK, id_)
        except TioneError as e:
            raise ProviderOperationError(f"reading {self.kind} {id_} failed: {e}") from None
        if detail is None:
            log.debug("refresh: %s %s is gone", self.kind, id_)
            return ReadResult("", {})
        return ReadResult(id_, self.document.read(self.refreshed(_args(props), spec, detail)).props())

    def _spec_of(self, props: Mapping[str, Any]) -> Any:
        return self._parse(_args(props), set())

    def _workloads(self, spec: NotebookSpec | TrainingTaskSpec) -> Workloads:
        settings = PROCESS.settings(PROCESS.config, spec.region)
        client = TioneClient(settings, limiter=PROCESS.limiter(settings.credentials.secret_id))
        return Workloads(client, workspace=spec.workspace, secrets=_secret_values(spec))

    def _document(self, spec: NotebookSpec | TrainingTaskSpec, detail: Mapping[str, Any]) -> dict[str, Any]:
        """The state document (``workload_state``): the checked arguments plus the status outputs."""
        return self.document(spec.model_dump(exclude_none=True, mode="json"), _status_outputs(detail)).props()

    def _parse(self, args: Mapping[str, Any], unknown: set[str]) -> Any:
        raise NotImplementedError

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               ctx: Context = NO_CONTEXT) -> UpdateResult:
        raise NotImplementedError

    def _create(self, spec: Any, ctx: Context) -> dict[str, Any]:
        raise NotImplementedError

    def _delete(self, spec: Any, id_: str, ctx: Context) -> None:
        raise NotImplementedError

    def refreshed(self, old: dict[str, Any], spec: Any, detail: Mapping[str, Any]) -> dict[str, Any]:
        """The recorded arguments ``old`` with what the live ``detail`` says changed, plus status."""
        raise NotImplementedError


def _status_outputs(detail: Mapping[str, Any]) -> dict[str, Any]:
    reason = detail.get("FailureReason")
    return {"status": str(detail.get("Status") or ""),
            "failure_reason": str(reason) if reason else "",
            "reported_image": reported_image(detail)}


def _secret_values(spec: NotebookSpec | TrainingTaskSpec) -> list[str]:
    """Every secret value in ``spec``: custom image credentials and private env values."""
    values: list[str] = []
    if isinstance(spec.image, CustomImage) and spec.image.image_secret is not None:
        s = spec.image.image_secret
        values += [v for v in (s.password, s.username, s.secret_id, s.key_id) if v]
    if isinstance(spec, TrainingTaskSpec):
        values += [e.value for e in spec.envs or [] if e.is_private and len(e.value) >= 4]
    return values


def _timeout(spec: NotebookSpec | TrainingTaskSpec, which: str, ctx: Context) -> float | None:
    """The operation's bound: the engine's ``customTimeouts``, else ``timeouts``, else the default."""
    if ctx.timeout:
        return ctx.timeout
    return getattr(spec.timeouts, which) if spec.timeouts is not None else None


def _live_snake(name: str, value: Any) -> Any:
    """A live notebook field in our snake_case form (nested structs keep only our fields)."""
    fields = _NESTED_FIELDS.get(name)
    if fields is not None and isinstance(value, dict):
        return {ours: value[theirs] for theirs, ours in fields.items() if value.get(theirs) not in (None, "")}
    return value


def _live_tags(value: Any) -> dict[str, str] | None:
    """User tags from a live ``Tags`` list (TI-ONE's own ``qcs:`` tags are left out)."""
    if not isinstance(value, list):
        return None
    tags = {str(t.get("TagKey")): str(t.get("TagValue") or "") for t in value if isinstance(t, dict)}
    return {k: v for k, v in tags.items() if not k.startswith("qcs:")} or None


class NotebookCore(WorkloadCore):
    """``Notebook``: updates in place where the API allows it."""

    kind = "Notebook"
    replace_all = False
    document = NotebookDocument

    def _parse(self, args: Mapping[str, Any], unknown: set[str]) -> NotebookSpec:
        return parse_notebook(args, unknown)

    def _create(self, spec: NotebookSpec, ctx: Context) -> dict[str, Any]:
        return self._workloads(spec).create_notebook(spec, _timeout(spec, "create", ctx),
                                                     _timeout(spec, "delete", ctx))

    def _delete(self, spec: NotebookSpec, id_: str, ctx: Context) -> None:
        self._workloads(spec).delete_notebook(id_, _timeout(spec, "delete", ctx))

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               ctx: Context = NO_CONTEXT) -> UpdateResult:
        """In place: tags, start/stop, or stop + ModifyNotebook + start (module docstring)."""
        try:
            old, new = self._spec_of(olds), self._spec_of(news)
            if self._image_drifted(olds, news):
                drifted = CustomImage(kind="custom", image_type="CUSTOM",
                                      image_url=olds["reported_image"]["image_url"])
                old = old.model_copy(update={"image": drifted})
            detail = self._workloads(new).update_notebook(id_, old, new, _timeout(new, "update", ctx))
        except TioneError as e:
            raise ProviderOperationError(f"updating {self.kind} {id_} failed: {e}") from None
        return UpdateResult(self._document(new, detail))

    def refreshed(
        self, old: dict[str, Any], spec: NotebookSpec, detail: Mapping[str, Any]
    ) -> dict[str, Any]:
        doc = dict(old)
        for ours, theirs in _LIVE_NOTEBOOK.items():
            live = _live_snake(ours, detail.get(theirs))
            declared = old.get(ours)
            if ours in _NESTED_FIELDS and isinstance(live, dict) and isinstance(declared, dict):
                live = {k: v for k, v in live.items() if k in declared}
            if theirs in detail and old.get(ours) is not None and norm(live) != norm(old.get(ours)):
                if ours == "resource_conf":
                    live = ResourceConf.model_validate(live).model_dump(exclude_none=True)
                doc[ours] = live
        if "Tags" in detail and norm(_live_tags(detail["Tags"])) != norm(old.get("tags")):
            doc["tags"] = _live_tags(detail["Tags"]) or {}
        status = str(detail.get("Status") or "")
        if status in ("Running", "Stopped"):
            doc["running"] = status == "Running"
        doc.update(_status_outputs(detail))
        return {k: v for k, v in doc.items() if v is not None}


class TrainingTaskCore(WorkloadCore):
    """``TrainingTask``: cannot be modified, so any API argument's change replaces it."""

    kind = "TrainingTask"
    replace_all = True
    document = TrainingTaskDocument

    def _parse(self, args: Mapping[str, Any], unknown: set[str]) -> TrainingTaskSpec:
        return parse_training_task(args, unknown)

    def _create(self, spec: TrainingTaskSpec, ctx: Context) -> dict[str, Any]:
        return self._workloads(spec).create_training_task(spec, _timeout(spec, "create", ctx),
                                                          _timeout(spec, "delete", ctx))

    def _delete(self, spec: TrainingTaskSpec, id_: str, ctx: Context) -> None:
        self._workloads(spec).delete_training_task(id_, _timeout(spec, "delete", ctx))

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               ctx: Context = NO_CONTEXT) -> UpdateResult:
        """Only ``wait_for``/``timeouts``/``name_prefix`` update (anything else replaces): wait."""
        try:
            new = self._spec_of(news)
            detail = self._workloads(new).wait_training_task(id_, new.wait_for,
                                                             _timeout(new, "update", ctx))
        except TioneError as e:
            raise ProviderOperationError(f"updating {self.kind} {id_} failed: {e}") from None
        return UpdateResult(self._document(new, detail))

    def refreshed(
        self, old: dict[str, Any], spec: TrainingTaskSpec, detail: Mapping[str, Any]
    ) -> dict[str, Any]:
        doc = dict(old)
        doc.update(_status_outputs(detail))
        return doc
