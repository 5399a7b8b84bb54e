"""Drift: compare the images pinned in a ``pulumi stack export`` document with the live catalog.

``parse_export`` reads the export (deployment format version 3) and returns every
``PlatformImage`` / ``PlatformImages`` resource (by type token: the dynamic resources'
``pulumi-python:dynamic/tione:*`` and the native plugin's ``tione:index:*``, whose camelCase state
is read in the core's names through ``native.names``; both from ``core.tokens``); ``check``
re-checks each one against
the catalog of its recorded region and workspace (one fetch per pair, through
``catalog.fetch_catalog``) with its recorded query, and returns a ``DriftReport``. The recorded
query, region and schema version are read through ``core.state`` (state of 0.1.0 included; a
newer schema is an ``error``).

Statuses of a ``PlatformImage``, most severe first: ``removed`` (the pinned ImageId is gone),
``url-changed`` (the pinned ImageId now has another ImageUrl), ``repointed`` (the query now picks
another image), ``unresolvable`` (the query no longer picks exactly one image), ``ok``. Of a
``PlatformImages``: ``changed`` (ids added to / removed from the result), ``url-changed``, ``ok``.
``skipped`` means nothing could be checked (encrypted values), ``error`` that the check of that
resource failed: every per-resource problem (an invalid recorded region or query, values nested
deeper than pulumi-tione ever writes, an API failure for its region) is reported on that resource
and the others are still checked. Only what no resource can get past (no credentials, an invalid
endpoint) stops the whole check. Values left encrypted in the export are treated as unknown;
``plaintext`` secrets are read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from pulumi_tione.api.credentials import SourcedConfig, resolve_region
from pulumi_tione.core import tokens
from pulumi_tione.core.state import (
    IMAGE_TYPE,
    IMAGES_TYPE,
    ImageDocument,
    PlatformImageDocument,
    PlatformImagesDocument,
    recorded_query,
    recorded_region,
    schema_version,
    text_value,
)
from pulumi_tione.errors import (
    ApiError,
    ConfigurationError,
    InvalidExportError,
    InvalidQueryError,
    InvalidStateError,
    LookupFailedError,
    TioneError,
)
from pulumi_tione.images.catalog import PROCESS, Catalog, ProcessState, fetch_catalog
from pulumi_tione.images.models import ImageFilter
from pulumi_tione.images.resolve import filter_images, resolve

__all__ = [
    "DRIFT_STATUSES",
    "IMAGES_TYPE",
    "IMAGE_TYPE",
    "DriftReport",
    "DriftStatus",
    "PinnedResource",
    "ResourceDrift",
    "check",
    "parse_export",
]

Kind = str
"""A resource kind of ``core.tokens.KINDS`` (``PlatformImage``, ..., ``Notebook``, ...)."""
_KINDS: dict[str, Kind] = {token: kind for kind in tokens.KINDS
                           for token in (tokens.dynamic_token(kind), tokens.native_token(kind))}
NATIVE_PREFIX = tokens.native_token("")
"""Type tokens of the native plugin's resources (camelCase state, read through ``native.names``)."""
_SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_F = TypeVar("_F", bound=ImageFilter)
_DOCUMENTS: dict[str, type[ImageDocument]] = {
    "PlatformImage": PlatformImageDocument, "PlatformImages": PlatformImagesDocument,
}
_EXPORT_HINT = ("pass the output of `pulumi stack export` (a file, or - for stdin) or a local "
                "backend's state file (.pulumi/stacks/<project>/<stack>.json)")
_MAX_DEPTH = 32
"""Nesting a resource's inputs/outputs may have: pulumi-tione writes 4 levels at most."""


class DriftStatus(StrEnum):
    """The outcome of re-checking one resource."""

    OK = "ok"
    URL_CHANGED = "url-changed"
    REMOVED = "removed"
    REPOINTED = "repointed"
    UNRESOLVABLE = "unresolvable"
    CHANGED = "changed"
    GONE = "gone"
    STATUS_CHANGED = "status-changed"
    IMAGE_CHANGED = "image-changed"
    SETTINGS_CHANGED = "settings-changed"
    SKIPPED = "skipped"
    ERROR = "error"


DRIFT_STATUSES = frozenset({DriftStatus.URL_CHANGED, DriftStatus.REMOVED, DriftStatus.REPOINTED,
                            DriftStatus.UNRESOLVABLE, DriftStatus.CHANGED, DriftStatus.GONE,
                            DriftStatus.STATUS_CHANGED, DriftStatus.IMAGE_CHANGED,
                            DriftStatus.SETTINGS_CHANGED})


class ResourceDrift(BaseModel):
    """The drift check of one resource: pinned values, what the catalog says now, and why."""

    model_config = ConfigDict(frozen=True)

    urn: str
    name: str
    kind: Kind
    status: DriftStatus
    region: str | None = None
    workspace: str | None = None
    query: dict[str, Any] = Field(default_factory=dict)
    image_id: str | None = None
    image_url: str | None = None
    current_image_url: str | None = None
    resolved_image_id: str | None = None
    resolved_image_url: str | None = None
    ids: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    url_changed: list[str] = Field(default_factory=list)
    object_id: str | None = None
    live_status: str | None = None
    reasons: list[str] = Field(default_factory=list)

    @property
    def drifted(self) -> bool:
        """True when the status is one of the drift statuses."""
        return self.status in DRIFT_STATUSES


class DriftReport(BaseModel):
    """Every checked resource; ``exit_code`` is 2 on any error, else 1 on any drift, else 0."""

    model_config = ConfigDict(frozen=True)

    resources: list[ResourceDrift]

    @property
    def drift(self) -> bool:
        """True when at least one resource drifted."""
        return any(r.drifted for r in self.resources)

    @property
    def exit_code(self) -> int:
        """The CLI exit code for this report."""
        if any(r.status is DriftStatus.ERROR for r in self.resources):
            return 2
        return 1 if self.drift else 0

    def summary(self) -> dict[str, int]:
        """How many resources have each status (only statuses that occur)."""
        counts: dict[str, int] = {}
        for r in self.resources:
            counts[r.status.value] = counts.get(r.status.value, 0) + 1
        return counts

    def document(self) -> dict[str, Any]:
        """The JSON document: ``{"drift", "summary", "resources": [...]}``."""
        return {"drift": self.drift, "summary": self.summary(),
                "resources": [r.model_dump(mode="json") for r in self.resources]}


@dataclass(frozen=True)
class PinnedResource:
    """A resource of this package as recorded in the export (secrets unwrapped)."""

    urn: str
    kind: Kind
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    problem: str | None = None
    id: str | None = None

    @property
    def name(self) -> str:
        """The resource's logical name (the URN's last segment)."""
        return self.urn.rsplit("::", 1)[-1]


class _Encrypted:
    """Stands for a value left encrypted in the export (unknown to the drift check)."""

    def __repr__(self) -> str:
        return "[encrypted]"


ENCRYPTED = _Encrypted()


def _reveal(value: Any) -> Any:
    """``value`` with plaintext secrets unwrapped and ciphertext secrets replaced by ENCRYPTED."""
    if isinstance(value, dict):
        if value.get(_SECRET_SIG_KEY) == _SECRET_SIG:
            if "plaintext" not in value:
                return ENCRYPTED
            try:
                return _reveal(json.loads(value["plaintext"]))
            except (TypeError, ValueError):
                return value["plaintext"]
        return {k: _reveal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_reveal(v) for v in value]
    return value


def _depth(value: Any, limit: int) -> int:
    """How deep ``value`` nests (dicts and lists), counted without recursion up to ``limit + 1``."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > limit:
                break
            todo += [(v, depth + 1) for v in (item.values() if isinstance(item, dict) else item)]
    return deepest


def parse_export(text: str) -> list[PinnedResource]:
    """The image resources of a ``pulumi stack export`` document; InvalidExportError if malformed.

    A resource whose recorded values nest deeper than pulumi-tione writes them comes back with a
    ``problem`` (checked as ``error``), not as an exception: it must not hide the others.
    """
    try:
        document = json.loads(text)
    except RecursionError:
        raise InvalidExportError(f"the input nests JSON too deeply to be a stack export; {_EXPORT_HINT}"
                                 ) from None
    except ValueError as e:
        raise InvalidExportError(f"the input is not JSON ({e}); {_EXPORT_HINT}") from None
    if isinstance(document, dict) and "deployment" not in document and isinstance(
            document.get("checkpoint"), dict):
        document = _checkpoint_deployment(document)
    if not isinstance(document, dict) or "deployment" not in document:
        raise InvalidExportError(
            f"the input is JSON but not a stack export (no 'deployment'); {_EXPORT_HINT}")
    version = document.get("version")
    if version != 3:
        raise InvalidExportError(
            f"unsupported deployment version {version!r}; only version 3 (what `pulumi stack export` "
            "writes with Pulumi 3.x) is supported"
        )
    deployment = document["deployment"]
    raw = deployment.get("resources") if isinstance(deployment, dict) else None
    if not isinstance(raw, list | None) or not isinstance(deployment, dict):
        raise InvalidExportError("deployment.resources is not a list; " + _EXPORT_HINT)
    pinned = []
    for index, entry in enumerate(raw or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
            raise InvalidExportError(f"deployment.resources[{index}] is not a resource (no 'type')")
        kind = _KINDS.get(entry["type"])
        if kind is None or entry.get("delete") is True:
            continue
        urn = str(entry.get("urn") or f"resources[{index}]")
        recorded = [entry.get("inputs") or {}, entry.get("outputs") or {}]
        if _depth(recorded, _MAX_DEPTH) > _MAX_DEPTH:
            pinned.append(PinnedResource(urn, kind, {}, {}, problem=(
                f"its recorded inputs/outputs nest more than {_MAX_DEPTH} levels deep; pulumi-tione "
                "never writes that, so the export was altered: re-create the resource or fix the state")))
            continue
        inputs, outputs = _reveal(recorded[0]), _reveal(recorded[1])
        if entry["type"].startswith(NATIVE_PREFIX):
            inputs, outputs = _native(entry["type"], inputs), _native(entry["type"], outputs)
        pinned.append(PinnedResource(urn, kind, inputs if isinstance(inputs, dict) else {},
                                     outputs if isinstance(outputs, dict) else {},
                                     id=entry["id"] if isinstance(entry.get("id"), str) else None))
    return pinned


def _checkpoint_deployment(document: dict[str, Any]) -> dict[str, Any]:
    """A self-managed backend's state file (``.pulumi/stacks/<project>/<stack>.json``: a versioned
    checkpoint, ``{"version": 3, "checkpoint": {"stack", "config", "latest": <deployment>}}``) as the
    export document ``pulumi stack export`` prints for it; a stack never deployed has no resources."""
    latest = document["checkpoint"].get("latest")
    return {"version": document.get("version"), "deployment": latest if latest is not None else {}}


def _native(type_token: str, props: Any) -> Any:
    """A native resource's recorded camelCase properties in the core's snake_case names."""
    from pulumi_tione.native.names import snake_props  # loaded only for native state

    return snake_props(type_token, props) if isinstance(props, dict) else props


def _recorded_query(res: PinnedResource) -> tuple[dict[str, Any], list[str]] | None:
    """The recorded query (``core.state.recorded_query``) and its encrypted keys, or None."""
    query = recorded_query(_DOCUMENTS[res.kind], res.inputs, res.outputs)
    if query is None:
        return None
    return query, sorted(k for k, v in query.items() if v is ENCRYPTED)


def _where(res: PinnedResource, query: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The region and workspace the resource's lookup used, as far as the export records them."""
    return recorded_region(res.outputs, query, res.inputs), text_value(query, "workspace")


class _Catalogs:
    """One catalog per (region, workspace); a per-region failure is remembered, reported per resource.

    An invalid recorded region or an API failure belongs to the resources of that region; a
    ConfigurationError of the settings themselves (credentials, endpoint) stops the whole check.
    """

    def __init__(self, config: Mapping[str, str], state: ProcessState) -> None:
        labels = getattr(config, "labels", {})
        hints = getattr(config, "hints", {})
        self._config = SourcedConfig(
            config, labels={"region": "the region recorded in the export", **labels}, hints=hints)
        self._state = state
        self._results: dict[tuple[str | None, str | None], Catalog | TioneError] = {}

    @property
    def config(self) -> Mapping[str, str]:
        """The config the catalogs (and workload reads) use."""
        return self._config

    @property
    def state(self) -> ProcessState:
        """The process state the catalogs (and workload reads) use."""
        return self._state

    def get(self, region: str | None, workspace: str | None) -> Catalog | TioneError:
        key = (region, workspace)
        if key not in self._results:
            try:
                resolve_region(region, self._config)
            except ConfigurationError as e:
                self._results[key] = e
                return e
            settings = self._state.settings(self._config, region)
            try:
                self._results[key] = fetch_catalog(settings, workspace, state=self._state)
            except ApiError as e:
                self._results[key] = e
        return self._results[key]


def check(
    resources: list[PinnedResource], config: Mapping[str, str], *, state: ProcessState = PROCESS
) -> DriftReport:
    """Re-check every resource against the live catalog, each problem on its own resource.

    ConfigurationError (no credentials, an invalid endpoint) aborts the whole check.
    """
    catalogs = _Catalogs(config, state)
    return DriftReport(resources=[_check_one(res, catalogs) for res in resources])


def _check_one(res: PinnedResource, catalogs: _Catalogs) -> ResourceDrift:
    if res.problem is not None:
        return ResourceDrift(urn=res.urn, name=res.name, kind=res.kind, status=DriftStatus.ERROR,
                             reasons=[res.problem])
    if res.kind in tokens.WORKLOAD_KINDS:
        return _check_workload(res, catalogs)
    recorded = _recorded_query(res)
    query, encrypted = recorded if recorded is not None else ({}, [])
    region, workspace = _where(res, query)
    base = ResourceDrift(urn=res.urn, name=res.name, kind=res.kind, status=DriftStatus.OK,
                         region=region, workspace=workspace,
                         query={k: ("[encrypted]" if v is ENCRYPTED else v) for k, v in query.items()})
    try:
        schema_version(res.outputs)
    except InvalidStateError as e:
        return _with(base, DriftStatus.ERROR, [str(e)])
    catalog = catalogs.get(region, workspace)
    if isinstance(catalog, ConfigurationError):
        return _with(base, DriftStatus.ERROR, [str(catalog)])
    if isinstance(catalog, TioneError):
        return _with(base, DriftStatus.ERROR, [f"cannot fetch the catalog: {catalog}"])
    base = base.model_copy(update={"region": catalog.region})
    usable = None if encrypted or recorded is None else query
    note = _skip_note(encrypted) if encrypted else "query not re-resolved: the export records no query"
    try:
        if res.kind == "PlatformImage":
            return _check_image(base, res, catalog, usable, note)
        return _check_images(base, res, catalog, usable, note)
    except InvalidQueryError as e:
        return _with(base, DriftStatus.ERROR, [f"the recorded query cannot be checked: {e}"])


def _check_workload(res: PinnedResource, catalogs: _Catalogs) -> ResourceDrift:
    from .workloads import check_workload

    outputs = {**res.inputs, **res.outputs}
    region, workspace = text_value(outputs, "region"), text_value(outputs, "workspace")
    finding = check_workload(res.kind, res.id, outputs, catalogs.config, catalogs.state)
    status = DriftStatus(finding.statuses[0]) if finding.statuses else DriftStatus.OK
    return ResourceDrift(urn=res.urn, name=res.name, kind=res.kind, status=status, region=region,
                         workspace=workspace, object_id=res.id, live_status=finding.live_status,
                         reasons=finding.reasons)


def _with(base: ResourceDrift, status: DriftStatus, reasons: list[str], **fields: Any) -> ResourceDrift:
    return base.model_copy(update={"status": status, "reasons": reasons, **fields})


def _parse(parse: Callable[[Mapping[str, Any]], _F], query: dict[str, Any]) -> _F | str:
    try:
        return parse(query)
    except InvalidQueryError as e:
        return f"the recorded query is not valid for this version of pulumi-tione: {e}"


def _skip_note(encrypted: list[str]) -> str:
    return f"query not re-resolved: {', '.join(encrypted)} encrypted in the export"


def _check_image(base: ResourceDrift, res: PinnedResource, catalog: Catalog,
                 query: dict[str, Any] | None, note: str) -> ResourceDrift:
    pinned_id, pinned_url = text_value(res.outputs, "image_id"), text_value(res.outputs, "image_url")
    base = base.model_copy(update={"image_id": pinned_id, "image_url": pinned_url})
    if pinned_id is None:
        if res.outputs.get("image_id") is ENCRYPTED:
            return _with(base, DriftStatus.SKIPPED, ["the pinned image_id is encrypted in the export"])
        return _with(base, DriftStatus.ERROR, ["no image_id in the resource's outputs"])
    reasons: list[str] = []
    statuses: list[DriftStatus] = []
    current = catalog.by_id(pinned_id)
    if current is None:
        statuses.append(DriftStatus.REMOVED)
        reasons.append(f"pinned ImageId {pinned_id} is no longer in the catalog")
    elif res.outputs.get("image_url") is ENCRYPTED:
        reasons.append("ImageUrl not compared: the pinned image_url is encrypted in the export")
    elif current.image_url != pinned_url:
        statuses.append(DriftStatus.URL_CHANGED)
        reasons.append(f"ImageUrl of {pinned_id} changed from {pinned_url} to {current.image_url}")
    fields: dict[str, Any] = {"current_image_url": current.image_url if current else None}
    parsed = None if query is None else _parse(PlatformImageDocument.stored_query, query)
    if parsed is None:
        reasons.append(note)
    elif isinstance(parsed, str):
        return _with(base, DriftStatus.ERROR, [*reasons, parsed], **fields)
    else:
        try:
            resolved = resolve(parsed, catalog.images)
        except LookupFailedError as e:
            statuses.append(DriftStatus.UNRESOLVABLE)
            reasons.append(f"the query no longer resolves: {e}")
        else:
            fields.update(resolved_image_id=resolved.image_id, resolved_image_url=resolved.image_url)
            if resolved.image_id != pinned_id:
                statuses.append(DriftStatus.REPOINTED)
                reasons.append(f"the query now resolves to {resolved.image_name} ({resolved.image_id}) "
                               f"instead of {pinned_id}")
    return _with(base, statuses[0] if statuses else DriftStatus.OK, reasons, **fields)


def _check_images(base: ResourceDrift, res: PinnedResource, catalog: Catalog,
                  query: dict[str, Any] | None, note: str) -> ResourceDrift:
    listed = res.outputs.get("images")
    images = [i for i in listed if isinstance(i, dict)] if isinstance(listed, list) else []
    ids = res.outputs.get("ids")
    pinned = [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else [
        i["image_id"] for i in images if isinstance(i.get("image_id"), str)]
    if not isinstance(ids, list) and not images:
        status = DriftStatus.SKIPPED if ENCRYPTED in (ids, listed) else DriftStatus.ERROR
        return _with(base, status, ["no readable ids/images in the resource's outputs"])
    base = base.model_copy(update={"ids": pinned})
    reasons: list[str] = []
    if listed is ENCRYPTED:
        reasons.append("ImageUrls not compared: the pinned images are encrypted in the export")
    parsed = None if query is None else _parse(PlatformImagesDocument.stored_query, query)
    if isinstance(parsed, str):
        return _with(base, DriftStatus.ERROR, [parsed])
    if parsed is None:
        reasons.append(note)
        now = [i for i in pinned if catalog.by_id(i) is not None]
        added: list[str] = []
    else:
        now = [img.image_id for img in filter_images(parsed, catalog.images)]
        added = [i for i in now if i not in pinned]
    removed = [i for i in pinned if i not in now]
    reasons += [f"now also matches {i}" for i in added]
    reasons += [f"{i} no longer matches" + ("" if catalog.by_id(i) else " (gone from the catalog)")
                for i in removed]
    url_changed = []
    for entry in images:
        current = catalog.by_id(str(entry.get("image_id")))
        if current is not None and current.image_url != entry.get("image_url"):
            url_changed.append(current.image_id)
            reasons.append(f"ImageUrl of {current.image_id} changed from {entry.get('image_url')} "
                           f"to {current.image_url}")
    status = (DriftStatus.CHANGED if added or removed
              else DriftStatus.URL_CHANGED if url_changed else DriftStatus.OK)
    return _with(base, status, reasons, added=added, removed=removed, url_changed=url_changed)
