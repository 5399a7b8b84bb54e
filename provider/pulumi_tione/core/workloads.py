"""The provider core of ``Notebook`` and ``TrainingTask``: real TI-ONE objects.

Both ways in (the dynamic resources, ``stack.workload_provider``; the native plugin, ``native``)
call ``NotebookCore``/``TrainingTaskCore`` with plain property dicts (``core.results``). Thin,
like the image cores: ``workloads.validate`` checks the arguments, ``workloads.ops``
does the API work (creates that are never duplicated, bounded waits, cleanup on failure), and
``core.workload_state`` owns the state documents (registered with ``core.state``). The cores hold
nothing (no config, no credentials): ``core.config.configure`` hands the configuration to
``catalog.PROCESS``, whose rate limiter every request shares.

``check()`` validates every argument at preview (each problem on its property, including whether
the image fits: ImageRange, SupportGpuList, TrainingModes), fixes the effective ``region`` and
assigns the name: ``name`` if given, else ``<resource name>-<8 hex>`` (at most 60 characters),
carried forward from the previous inputs so it is stable, and renewed when the change replaces.
The resource name is ``name_prefix`` (the dynamic resources pass it), else the URN's name (native).
``workspace`` defaults to config ``tione:workspace``. A platform image given by ``image_id`` alone
is completed from the catalog (as a ``PlatformImage`` outputs it), so any language can write
``{kind: platform, imageId: ...}``.

How each input behaves (``Member.replaces`` in ``workloads.fields``, the one definition):

==========================================  ==============================================  =========
change                                      Notebook                                        TrainingTask
==========================================  ==============================================  =========
an argument ``replaces="always"``           replace (the API cannot modify them)            replace
(``fields.replace_prose`` lists them)
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
operation when given, else the resource's ``timeouts`` argument, else ``workloads.ops``' defaults;
the cleanup after a failed create is bounded by the delete's (never cut short by the create's).

A replacement creates the new object before deleting the old one, unless the name stays the same
(an explicit ``name``): names are unique, so then the old one is deleted first.

Create returns when the notebook is Running (Stopped with ``running=False``) or the task reached
``wait_for``; delete stops the object if needed and returns when it is gone (already gone is
success). ``read()`` (refresh) re-reads the object: declared settings changed outside Pulumi
(every argument ``workloads.fields`` marks reported: resource configuration, volume, tags, flags,
data mounts, SSH, ...), its status (a notebook stopped outside shows
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

from pulumi_tione._api_facts import TIONE_REGIONS
from pulumi_tione._spelling import argument as spell
from pulumi_tione._spelling import value as spell_value
from pulumi_tione.api.credentials import Settings, resolve_region
from pulumi_tione.errors import ApiError, InvalidWorkloadError, TioneError
from pulumi_tione.images.catalog import PROCESS, fetch_catalog
from pulumi_tione.images.models import PlatformImageInfo
from pulumi_tione.workloads import compare
from pulumi_tione.workloads.compare import changed_arguments, norm, replaced_arguments
from pulumi_tione.workloads.fields import replace_prose
from pulumi_tione.workloads.models import (
    CustomImage,
    ModelServiceSpec,
    NotebookSpec,
    TrainingTaskSpec,
    platform_image_ref,
)
from pulumi_tione.workloads.ops import NOTEBOOK, TRAINING_TASK, Kind, Workloads, reported_image
from pulumi_tione.workloads.validate import NAME_MAX

from .config import WORKSPACE_KEY
from .imports import OWNER_TAG, ImageFinder, live_arguments
from .ownership import find_leftover, name_seed, with_owner
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
from .workload_state import (
    NOTEBOOK_TYPE,
    STATUS_OUTPUTS,
    TRAINING_TASK_TYPE,
    NotebookDocument,
    TrainingTaskDocument,
    WorkloadDocument,
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
_SUFFIX = re.compile(r"-[0-9a-f]{8}")
log = logging.getLogger("pulumi_tione.dynamic")


def _args(props: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments in ``props`` (its state document's; no outputs, ``__provider``, version, None)."""
    return dict(WorkloadDocument.read(props).arguments)


def _generated_name(prefix: str, ctx: Context = NO_CONTEXT, previous: str | None = None) -> str:
    """``<prefix>-<8 hex>``, the prefix made a valid name and cut to fit 60 characters; the hex
    digits are random, or with a URN derived from it and the ``previous`` name (``ownership``)."""
    clean = re.sub(r"[^0-9A-Za-z_\-\u4e00-\u9fff]", "-", prefix).lstrip("_-") or "w"
    suffix = name_seed(ctx.urn, previous) if ctx.urn else random_source.token_hex(4)
    return f"{clean[:NAME_MAX - 9]}-{suffix}"


def _carried_name(olds: Mapping[str, Any], prefix: str) -> str | None:
    """The previous generated name, when it was generated from the same prefix."""
    old = olds.get("name")
    if isinstance(old, str) and old.startswith(_generated_name(prefix)[:-9]) \
            and _SUFFIX.fullmatch(old[-9:]) and olds.get("name_prefix") == prefix:
        return old
    return None


class WorkloadCore:
    """What both kinds share: check (validation + naming), diff, create, read, delete.

    What changes, what replaces and what refresh compares all come from ``workload.fields``
    (``workloads.fields``, through ``workloads.compare``)."""

    workload: ClassVar[Kind]
    document: ClassVar[type[WorkloadDocument]]
    description: ClassVar[str]
    """What the resource is, for users of every language (the native schema's description)."""

    kind: ClassVar[str]
    """``Notebook`` or ``TrainingTask`` (``workload.name``; a class attribute, read on the class too)."""
    ops: ClassVar[type[Workloads]] = Workloads
    """The operations class over a client (``workloads.ops``; ``workloads.services`` for services)."""

    # -- check --------------------------------------------------------------------------------

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any],
              ctx: Context = NO_CONTEXT) -> CheckResult:
        """Validate every argument, fix the region and the name; never raises."""
        try:
            args = self._args(news)
        except TioneError as e:
            return CheckResult({k: v for k, v in news.items() if v is not None}, [Failure("", str(e))])
        if "name_prefix" not in args and ctx.name:
            args["name_prefix"] = ctx.name
        workspace = PROCESS.config.get(WORKSPACE_KEY)
        if workspace and "workspace" not in args:
            args["workspace"] = workspace
        try:
            return self._check(self._args(olds), args, ctx)
        except Exception as e:
            log.exception("unexpected error while checking a %s", self.kind)
            reason = f"unexpected {type(e).__name__}; please report this at the project's issues"
            return CheckResult(args, [Failure("", reason)])

    def _check(self, olds: dict[str, Any], args: dict[str, Any], ctx: Context) -> CheckResult:
        unknown = {k for k, v in args.items() if contains_unknown(v)}
        failures: list[Failure] = []
        if "region" not in unknown:
            try:
                args["region"] = resolve_region(args.get("region"), PROCESS.config)
            except TioneError as e:
                failures.append(Failure("region", str(e)))
            else:
                failures += [] if "workspace" in unknown else _unserved_region(args)
        missing = [] if failures or unknown & {"image", "region", "workspace"} else _complete_image(args)
        failures += missing
        try:
            # an image the catalog does not have is reported once, not again by the image rules
            spec = self._parse(args, unknown | {"image"} if missing else unknown)
        except InvalidWorkloadError as e:
            failures += [Failure(p.argument.split(".")[0] if p.argument != "(resource)" else "",
                                      f"{spell(p.argument)}: {p.message}" if "." in p.argument else p.message)
                         for p in e.problems]
            return CheckResult(args, failures)
        if ctx.urn and isinstance(args.get("tags"), dict) and OWNER_TAG in args["tags"]:
            failures.append(Failure("tags", f"the tag {spell_value(OWNER_TAG)} is the provider's own; "
                                            "use another key"))
        if failures:
            return CheckResult(args, failures)
        if "name" not in args and not unknown & {"name", "name_prefix"}:
            args["name"] = self._name(olds, args, unknown, ctx)
        if unknown:
            return CheckResult(args, [])
        checked = spec.model_dump(exclude_none=True, mode="json")
        checked["name"] = args["name"]
        return CheckResult(checked, [])

    def _name(self, olds: Mapping[str, Any], args: Mapping[str, Any], unknown: set[str],
              ctx: Context) -> str:
        """The carried generated name, or a new one when the change replaces (or may: ``diff``
        counts an unknown argument that would replace as a replacement, so does this)."""
        prefix = str(args.get("name_prefix") or "workload")
        carried = _carried_name(olds, prefix)
        previous = olds.get("name") if isinstance(olds.get("name"), str) else None
        if carried is None:
            return _generated_name(prefix, ctx, previous)
        try:
            new = self._parse({**args, "name": carried}, unknown)
            replaces = self._replaces(self._spec_of(olds), new, unknown)
        except InvalidWorkloadError:
            replaces = True
        return _generated_name(prefix, ctx, carried) if replaces else carried

    # -- diff ---------------------------------------------------------------------------------

    def diff(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
             ctx: Context = NO_CONTEXT) -> DiffResult:
        """Which inputs changed and which of them replace (the table in the module docstring)."""
        try:
            new_args, old_args = self._args(news), self._args(olds)
        except TioneError as e:
            raise ProviderOperationError(f"diff of {self.kind} {id_!r} failed: {e}") from None
        unknown = [k for k, v in new_args.items() if contains_unknown(v)]
        changed = changed_arguments(self.workload.fields, old_args, new_args, unknown)
        if self.workload.modifiable and self._image_drifted(olds, new_args):
            changed = sorted({*changed, "image"})
        replaces = replaced_arguments(self.workload.fields, old_args, new_args, changed, unknown)
        same_name = old_args.get("name") == new_args.get("name") and "name" not in unknown
        return DiffResult(changes=bool(changed or unknown), changed=sorted({*changed, *unknown}),
                          replaces=replaces, delete_before_replace=bool(replaces) and same_name)

    def _replaces(self, old: NotebookSpec | TrainingTaskSpec, new: NotebookSpec | TrainingTaskSpec,
                  unknown: set[str]) -> bool:
        """Whether ``diff`` would replace (``new`` holds stand-ins for the ``unknown`` arguments)."""
        olds = old.model_dump(exclude_none=True, mode="json")
        news = new.model_dump(exclude_none=True, mode="json")
        changed = changed_arguments(self.workload.fields, olds, news, unknown)
        return bool(replaced_arguments(self.workload.fields, olds, news, changed, unknown))

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
        """Create the object and wait (see the module docstring); the id is TI-ONE's Id.

        With a URN (native plugin): tagged with its owner, and an interrupted create's object is
        adopted instead of creating a second (``core.ownership``)."""
        try:
            spec = self._spec_of(props)
            owned = spec.model_copy(update={"tags": with_owner(spec.tags, ctx)})
            workloads = self._workloads(spec)
            existing = find_leftover(workloads, self.workload, str(spec.name), ctx)
            detail = self._create(workloads, owned, ctx, existing)
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
        """Refresh: the live object merged into the recorded document; gone -> empty id.

        Without recorded arguments (``pulumi import``: only an id), the arguments are read back
        from the live object (``core.imports``) and returned as the inputs too."""
        if not self._args(props):
            return self._import(id_, ctx)
        try:
            spec = self._spec_of(props)
            detail = self._workloads(spec).describe(self.workload, id_)
        except TioneError as e:
            raise ProviderOperationError(f"reading {self.kind} {id_} failed: {e}") from None
        if detail is None:
            log.debug("refresh: %s %s is gone", self.kind, id_)
            return ReadResult("", {})
        return ReadResult(id_, self.document.read(self.refreshed(self._args(props), detail)).props())

    def _args(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """The arguments in ``props`` as this kind's state document reads them (its outputs left out)."""
        return dict(self.document.read(props).arguments)

    def inputs_of(self, outputs: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs a recorded output document stands for (its arguments)."""
        return self._args(outputs)

    def _import(self, id_: str, ctx: Context) -> ReadResult:
        try:
            settings = PROCESS.settings(PROCESS.config, None)
            workspace = PROCESS.config.get(WORKSPACE_KEY)
            detail = self.ops(PROCESS.client(settings), workspace=workspace).describe(self.workload, id_)
            if detail is None:
                return ReadResult("", {})
            args = live_arguments(self.workload.fields, detail, _catalog_finder(settings, workspace))
            args.update(self._live_extras(detail))
            args = {k: v for k, v in args.items() if v is not None}
            args["region"] = settings.region
            if workspace:
                args["workspace"] = workspace
            args["name_prefix"] = ctx.name or str(args.get("name") or "workload")
            spec = self._parse(args, set())
        except TioneError as e:
            raise ProviderOperationError(f"importing {self.kind} {id_} failed: {e}") from None
        document = self._document(spec, detail)
        return ReadResult(id_, document, self.inputs_of(document))

    def _live_extras(self, detail: Mapping[str, Any]) -> dict[str, Any]:
        """Arguments of an imported object that are not API fields (``running``, ``wait_for``);
        None drops an argument the detail reported."""
        return {}

    def _spec_of(self, props: Mapping[str, Any]) -> Any:
        return self._parse(self._args(props), set())

    def _workloads(self, spec: Any) -> Workloads:
        client = PROCESS.client_for(PROCESS.config, spec.region)
        return self.ops(client, workspace=spec.workspace, secrets=_secret_values(spec))

    def _document(self, spec: NotebookSpec | TrainingTaskSpec, detail: Mapping[str, Any]) -> dict[str, Any]:
        """The state document (``workload_state``): the checked arguments plus the status outputs."""
        return self.document(spec.model_dump(exclude_none=True, mode="json"), _status_outputs(detail)).props()

    def _parse(self, args: Mapping[str, Any], unknown: set[str]) -> Any:
        return self.workload.parse(args, unknown)

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               ctx: Context = NO_CONTEXT) -> UpdateResult:
        raise NotImplementedError

    def _create(self, workloads: Workloads, spec: Any, ctx: Context, existing: str | None) -> dict[str, Any]:
        raise NotImplementedError

    def _delete(self, spec: Any, id_: str, ctx: Context) -> None:
        raise NotImplementedError

    def refreshed(self, old: Mapping[str, Any], detail: Mapping[str, Any]) -> dict[str, Any]:
        """The recorded arguments ``old`` with what the live ``detail`` says changed (every declared
        setting the definitions mark reported: ``workloads.compare``), plus the status outputs."""
        doc = compare.refreshed(self.workload.fields, self.workload.running, old, detail)
        return {**doc, **_status_outputs(detail)}


def _status_outputs(detail: Mapping[str, Any]) -> dict[str, Any]:
    reason = detail.get("FailureReason")
    return {"status": str(detail.get("Status") or ""),
            "failure_reason": str(reason) if reason else "",
            "reported_image": reported_image(detail)}


def _secret_values(spec: NotebookSpec | TrainingTaskSpec | ModelServiceSpec) -> list[str]:
    """Every secret value in ``spec``: custom image credentials and private env values."""
    values: list[str] = []
    if isinstance(spec.image, CustomImage) and spec.image.image_secret is not None:
        s = spec.image.image_secret
        values += [v for v in (s.password, s.username, s.secret_id, s.key_id) if v]
    if isinstance(spec, TrainingTaskSpec):
        values += [e.value for e in spec.envs or [] if e.is_private and len(e.value) >= 4]
    if isinstance(spec, ModelServiceSpec):
        values += [e.value for e in spec.env or [] if e.is_private and len(e.value) >= 4]
        sidecar = spec.sidecar.image_info if spec.sidecar is not None else None
        if isinstance(sidecar, CustomImage) and sidecar.image_secret is not None:
            s = sidecar.image_secret
            values += [v for v in (s.password, s.username, s.secret_id, s.key_id) if v]
    return values


def _timeout(spec: Any, which: str, ctx: Context) -> float | None:
    """The operation's bound: the engine's ``customTimeouts``, else ``timeouts``, else the default."""
    if ctx.timeout:
        return ctx.timeout
    return getattr(spec.timeouts, which) if spec.timeouts is not None else None


def _cleanup(spec: Any) -> float | None:
    """The bound of the cleanup after a failed create: the delete's (``customTimeouts`` is the
    create's own budget; a cleanup cut short by it would leave the object behind)."""
    return _timeout(spec, "delete", NO_CONTEXT)


def _unserved_region(args: Mapping[str, Any]) -> list[Failure]:
    """A failure when the endpoint says TI-ONE does not serve ``args["region"]``.

    A region of ``TIONE_REGIONS`` (TI-ONE's known regions, the list the emulator serves) needs
    no question. Any other may be one TI-ONE opened since (tccli and the SDK ship no region
    list), so preview asks the endpoint the object would be created at: the region's catalog
    listing, the one request a lookup in that region makes anyway (cached per process). Only its
    ``UnsupportedRegion`` answer fails here; any other failure (no credentials yet, a network
    error) is left to ``up``, which reports it with its cause.
    """
    region = str(args.get("region"))
    if region in TIONE_REGIONS:
        return []
    try:
        settings = PROCESS.settings(PROCESS.config, region)
        fetch_catalog(settings, args.get("workspace") or None)
    except ApiError as e:
        if e.code != "UnsupportedRegion":
            return []
        endpoint = f" {e.endpoint}" if e.endpoint else ""
        return [Failure("region", f"TI-ONE does not serve the region {spell_value(region)}: the "
                                  f"endpoint{endpoint} "
                                  "answered UnsupportedRegion. Use a region where TI-ONE runs and your "
                                  f"account has access, e.g. {spell('region', 'ap-guangzhou')} or "
                                  f"{spell('region', 'ap-shanghai')}")]
    except TioneError:
        return []
    return []


def _complete_image(args: dict[str, Any]) -> list[Failure]:
    """A platform image given by its ``image_id`` alone (what a program in another language
    writes: ``{kind: platform, imageId: ...}``) completed from the catalog, as a PlatformImage
    outputs it; a failure when the catalog has no such image."""
    image = args.get("image")
    if not isinstance(image, dict) or image.get("kind") != "platform" or set(image) != {"kind", "image_id"} \
            or not isinstance(image["image_id"], str):
        return []
    try:
        settings = PROCESS.settings(PROCESS.config, args.get("region"))
        found = fetch_catalog(settings, args.get("workspace")).by_id(image["image_id"])
    except TioneError as e:
        return [Failure("image", f"image.image_id: cannot read the catalog: {e}")]
    if found is None:
        return [Failure("image", f"image.image_id: no platform image {image['image_id']!r} in the catalog of "
                                 f"{settings.region}; look it up with `tione-images list`")]
    args["image"] = platform_image_ref(found).model_dump(exclude_none=True, mode="json")
    return []


def _catalog_finder(settings: Settings, workspace: str | None) -> ImageFinder:
    """Find a catalog image by ImageName (else ImageUrl), for an imported object's image."""
    def find(name: str | None, url: str | None) -> PlatformImageInfo | None:
        images = fetch_catalog(settings, workspace).images
        return next((i for i in images if name and i.image_name == name), None) or \
            next((i for i in images if url and i.image_url == url), None)
    return find


class NotebookCore(WorkloadCore):
    """``Notebook``: updates in place where the API allows it."""

    workload = NOTEBOOK
    kind = NOTEBOOK.name
    document = NotebookDocument
    description = (f"{NOTEBOOK.fields.summary} {replace_prose(NOTEBOOK.fields, camel=True)} "
                   "In place means: stop, ModifyNotebook, start again. "
                   "`running` keeps it Running (default) or Stopped.")

    def _live_extras(self, detail: Mapping[str, Any]) -> dict[str, Any]:
        return {"running": str(detail.get("Status") or "") not in ("Stopped", "Stopping")}

    def _create(self, workloads: Workloads, spec: NotebookSpec, ctx: Context,
                existing: str | None) -> dict[str, Any]:
        return workloads.create_notebook(spec, _timeout(spec, "create", ctx), _cleanup(spec),
                                         existing=existing)

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
            old = old.model_copy(update={"tags": with_owner(old.tags, ctx)})
            owned = new.model_copy(update={"tags": with_owner(new.tags, ctx)})
            detail = self._workloads(new).update_notebook(id_, old, owned, _timeout(new, "update", ctx))
        except TioneError as e:
            raise ProviderOperationError(f"updating {self.kind} {id_} failed: {e}") from None
        return UpdateResult(self._document(new, detail))


class TrainingTaskCore(WorkloadCore):
    """``TrainingTask``: cannot be modified, so any API argument's change replaces it."""

    workload = TRAINING_TASK
    kind = TRAINING_TASK.name
    document = TrainingTaskDocument
    description = (f"{TRAINING_TASK.fields.summary} {replace_prose(TRAINING_TASK.fields, camel=True)} "
                   "`up` returns when it reached `waitFor`: submitted (default), running or finished.")

    def _create(self, workloads: Workloads, spec: TrainingTaskSpec, ctx: Context,
                existing: str | None) -> dict[str, Any]:
        return workloads.create_training_task(spec, _timeout(spec, "create", ctx), _cleanup(spec),
                                              existing=existing)

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
