"""Pulumi dynamic providers behind ``PlatformImage`` and ``PlatformImages``: resolve in check, pin in state.

The providers are thin: inputs become an ``ImageQuery``/``ImageFilter`` (``models``), settings and
the catalog come from ``catalog`` (one cached fetch per provider process), ``resolve`` picks the
image, and the output document is shaped here. The classes live in the installed package, so
``__provider`` pickles by reference; they hold nothing on the instance: ``configure()`` hands the
stack config to ``catalog.PROCESS``.

How each input behaves (checked inputs are also the preview's outputs: the engine reports
``supportsPreview=False``):

========================================  =============================================  ==========
change                                    effect                                         replaces?
========================================  =============================================  ==========
any criterion (``name``, ``image_id``,    re-resolved in ``check()``; update when the    never
``name_regex``, ``image_range``,          query or the picked image differs
``framework``, ``framework_version``,
``gpu``, ``support_data_pipeline``,
``allow_save_all_content``,
``training_mode``,
``support_distributed_deploy``)
``select`` (PlatformImage only)           re-resolved; update                            never
``policy``                                re-resolved; update (the query changed)        never
``region`` argument or                    re-resolved in the new effective region;       never
stack config ``tencentcloud:region``      update
``workspace``                             re-resolved against that TiProjectId; update   never
``tione:endpoint``, credentials           not part of the pin: they say where to ask,    never
                                          not what was picked
nothing (``policy="pin"``)                pinned result carried forward from the old     never
                                          inputs, no API call
nothing (``policy="track"``)              re-resolved at every preview/up; update when   never
                                          the catalog now picks another image
catalog moved, then ``pulumi refresh``    ``read()`` re-reads the pinned ImageId(s):     never
                                          new ImageUrl shows as drift and becomes the
                                          inputs; a vanished ImageId (PlatformImage)
                                          makes the resource gone
========================================  =============================================  ==========

Unknown inputs (preview before a dependency exists) skip resolution; the values are resolved at up.
The resource id is the ImageId picked at creation (``PlatformImage``) or a digest of the filters
(``PlatformImages``); an update never changes it, so the ``image_id`` output is authoritative.
``delete()`` does nothing remote. ``TIONE_LOG_LEVEL`` (e.g. ``DEBUG``) in the provider process's
environment logs lookups (and the SDK's redacted request dumps) to stderr.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Mapping
from typing import Any, ClassVar, TextIO, cast

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import contains_unknowns

from pulumi_tione.api.credentials import resolve_region
from pulumi_tione.errors import InvalidQueryError, LookupFailedError, TioneError
from pulumi_tione.images.catalog import PROCESS, fetch_catalog, settings_for
from pulumi_tione.images.models import NOT_CRITERIA, ImageFilter, ImageQuery, PlatformImageInfo
from pulumi_tione.images.resolve import filter_images, resolve

__all__ = [
    "CONFIG_KEYS",
    "IMAGE_OUTPUTS",
    "LIST_OUTPUTS",
    "PlatformImageProvider",
    "PlatformImagesProvider",
    "ProviderOperationError",
    "image_document",
    "list_document",
    "query_document",
]

PROVIDER_KEY = "__provider"
CONFIG_KEYS = (
    "tencentcloud:region", "tencentcloud:secretId", "tencentcloud:secretKey",
    "tencentcloud:securityToken", "tione:endpoint", "tione:maxRequestsPerSecond",
    "tione:maxCatalogImages", "tione:listingTimeout",
)
IMAGE_FIELDS = tuple(PlatformImageInfo.model_fields)
IMAGE_OUTPUTS = (*IMAGE_FIELDS, "region", "image_info", "query")
LIST_OUTPUTS = ("images", "ids", "names", "count", "region", "query")
_IMAGE_INFO = {"ImageType": "image_type", "ImageUrl": "image_url", "RegistryRegion": "registry_region",
               "RegistryId": "registry_id"}

log = logging.getLogger("pulumi_tione.dynamic")


class ProviderOperationError(TioneError):
    """A create/update/read failed; raised without a cause chain so the engine shows a short message."""


def _drop_none(value: Any) -> Any:
    """``value`` with None-valued dict entries removed at every depth (as the engine's wire does)."""
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _args(props: Mapping[str, Any]) -> dict[str, Any]:
    """The user's arguments in ``props``: everything but ``__provider`` and absent (None) values."""
    return {k: v for k, v in props.items() if k != PROVIDER_KEY and v is not None}


def query_document(query: ImageFilter) -> dict[str, Any]:
    """The validated query as state keeps it: arguments that were set, plus policy (and select)."""
    return query.model_dump(exclude_none=True)


def _image_fields(image: PlatformImageInfo) -> dict[str, Any]:
    """One image's outputs plus ``image_info``, TI-ONE's ``PlatformImageInfo`` request struct."""
    doc = image.outputs()
    doc["image_info"] = {key: doc[field] for key, field in _IMAGE_INFO.items() if doc[field] is not None}
    return doc


def _with_query(query: ImageFilter, region: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """A state document: query arguments at top level, then ``fields``, ``region`` and ``query``."""
    q = query_document(query)
    doc = {k: v for k, v in q.items() if k != "region"}
    doc.update(fields)
    doc["region"] = region
    doc["query"] = q
    return cast(dict[str, Any], _drop_none(doc))


def image_document(image: PlatformImageInfo, query: ImageQuery, region: str) -> dict[str, Any]:
    """The ``PlatformImage`` state document: query arguments, image outputs, region, query."""
    return _with_query(query, region, _image_fields(image))


def list_document(images: list[PlatformImageInfo], query: ImageFilter, region: str) -> dict[str, Any]:
    """The ``PlatformImages`` state document: images, ids, names, count, region, query."""
    items = [_drop_none(_image_fields(img)) for img in images]
    fields = {"images": items, "ids": [img.image_id for img in images],
              "names": [img.image_name or "" for img in images], "count": len(images)}
    return _with_query(query, region, fields)


def _log_level_from_env() -> None:
    """Log to stderr at ``TIONE_LOG_LEVEL`` (if set) for our loggers and the SDK's (redacted) one."""
    raw = os.environ.get("TIONE_LOG_LEVEL", "").strip().upper()
    if not raw:
        return
    level = logging.getLevelName(raw)
    if not isinstance(level, int):
        print(f"pulumi-tione: ignoring TIONE_LOG_LEVEL={raw!r}; use DEBUG, INFO, WARNING or ERROR",
              file=sys.stderr)
        return
    for name in ("pulumi_tione", "tencentcloud_sdk_common"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
            logger.addHandler(_StderrHandler())


class _StderrHandler(logging.StreamHandler[TextIO]):
    """The stderr handler ``TIONE_LOG_LEVEL`` installs (once per logger)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))


class _ImageProvider(ResourceProvider):
    """What both providers share: config, validation, pinning, diff, create/update, delete."""

    serialize_as_secret_always = False
    query_model: ClassVar[type[ImageFilter]]
    compared: ClassVar[tuple[str, ...]]
    pinned: ClassVar[tuple[str, ...]]
    kind: ClassVar[str]

    def configure(self, req: ConfigureRequest) -> None:
        """Hand the stack config (namespaced keys) to the process state; nothing on the instance."""
        _log_level_from_env()
        values = {key: req.config.get(key) for key in CONFIG_KEYS}
        PROCESS.configure({k: str(v) for k, v in values.items() if v is not None and v != ""})

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate every argument; resolve (or carry the pin forward) so preview shows the result.

        Never raises: every problem, expected or not, reaches the engine as a CheckFailure.
        """
        args = _args(news)
        try:
            return self._check(olds, args)
        except Exception as e:
            log.exception("unexpected error while checking %s", self.kind)
            reason = f"unexpected {type(e).__name__}: {e}; please report this at the project's issues"
            return CheckResult(args, [CheckFailure("", reason)])

    def _check(self, olds: Mapping[str, Any], args: dict[str, Any]) -> CheckResult:
        unknown = {k for k, v in args.items() if contains_unknowns(v)}
        # an unknown criterion may still be the criterion; unknown region/workspace/select are not
        maybe_criterion = bool(unknown - NOT_CRITERIA)
        try:
            query = self.query_model.parse({k: v for k, v in args.items() if k not in unknown})
        except InvalidQueryError as e:
            problems = [p for p in e.problems if not (maybe_criterion and p.argument == "query")]
            return CheckResult(args, [_failure(p.argument, p.message, args) for p in problems])
        if unknown:
            return CheckResult(args, [])
        try:
            region = resolve_region(query.region, PROCESS.config)
            doc = self._carried(olds, query, region) if query.policy == "pin" else None
            return CheckResult(self._resolve(query) if doc is None else doc, [])
        except InvalidQueryError as e:
            return CheckResult(args, [_failure(p.argument, p.message, args) for p in e.problems])
        except TioneError as e:
            return CheckResult(args, [CheckFailure(_blame(query, e), str(e))])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """A change when the query or the resolved result differs; never a replacement."""
        if contains_unknowns(news):
            return DiffResult(changes=True, replaces=[], delete_before_replace=False)
        changed = [k for k in self.compared if _drop_none(olds.get(k)) != _drop_none(news.get(k))]
        return DiffResult(changes=bool(changed), replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Record the checked document; the id is the ImageId (or a digest of the filters)."""
        doc = self._document(props, "create")
        return CreateResult(self._id(doc), doc)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Record the newly checked document (an image reference updates in place)."""
        return UpdateResult(self._document(news, "update"))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """Nothing remote: a reference to a platform image owns no cloud object."""

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (re-read what is pinned) or ``get`` (look up from the id and program inputs)."""
        try:
            if isinstance(props.get("query"), dict) and all(k in props for k in self.pinned):
                return self._refresh(id_, props)
            return self._get(id_, props)
        except TioneError as e:
            raise ProviderOperationError(f"reading {self.kind} {id_!r} failed: {e}") from None

    def _document(self, props: Mapping[str, Any], verb: str) -> dict[str, Any]:
        """The resolved document in checked ``props``, resolving now if check had unknowns."""
        if isinstance(props.get("query"), dict) and all(k in props for k in self.pinned):
            return _args(props)
        try:
            return self._resolve(self.query_model.parse(_args(props)))
        except TioneError as e:
            raise ProviderOperationError(f"{verb} of {self.kind} failed: {e}") from None

    def _carried(self, olds: Mapping[str, Any], query: ImageFilter, region: str) -> dict[str, Any] | None:
        """The old pinned result for the same query and region, or None when it must be resolved."""
        same = self._recorded(olds.get("query")) == query_document(query) and olds.get("region") == region
        if not same or contains_unknowns(olds) or not all(k in olds for k in self.pinned):
            return None
        log.debug("%s %s: pinned result carried forward", self.kind, query.describe())
        return _with_query(query, region, self._pinned_fields(olds))

    def _recorded(self, old_query: Any) -> dict[str, Any] | None:
        """The old query as this version validates it (so a normalisation, such as stripping
        surrounding whitespace, never unpins a resource), or None when it no longer validates."""
        if not isinstance(old_query, dict) or contains_unknowns(old_query):
            return None
        try:
            return query_document(self.query_model.parse(old_query))
        except InvalidQueryError:
            return None

    def _pinned_fields(self, olds: Mapping[str, Any]) -> dict[str, Any]:
        """The resolved part of an old document (everything but query arguments, region, query)."""
        return {k: olds.get(k) for k in self.compared if k not in ("query", "region")}

    def _resolve(self, query: ImageFilter) -> dict[str, Any]:
        raise NotImplementedError

    def _refresh(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        raise NotImplementedError

    def _get(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        raise NotImplementedError

    def _id(self, doc: Mapping[str, Any]) -> str:
        raise NotImplementedError


def _failure(argument: str, message: str, args: Mapping[str, Any]) -> CheckFailure:
    """A CheckFailure on ``argument``; whole-query problems go on the resource itself."""
    return CheckFailure("" if argument == "query" and "query" not in args else argument, message)


def _blame(query: ImageFilter, error: TioneError) -> str:
    """Where a lookup failure is reported: the first criterion (argument order), else the resource."""
    if isinstance(error, LookupFailedError):
        return next(iter(query.criteria()), "")
    return ""


def _stored_query(model: type[ImageFilter], props: Mapping[str, Any]) -> tuple[ImageFilter, str | None]:
    """The query and effective region that state recorded (region falls back to the query's)."""
    query = model.parse(props["query"])
    region = props.get("region")
    return query, region if isinstance(region, str) and region else query.region


class PlatformImageProvider(_ImageProvider):
    """Provider for ``PlatformImage`` (type token ``pulumi-python:dynamic/tione:PlatformImage``)."""

    query_model = ImageQuery
    compared = IMAGE_OUTPUTS
    pinned = ("image_id",)
    kind = "PlatformImage"

    def _resolve(self, query: ImageFilter) -> dict[str, Any]:
        query = cast(ImageQuery, query)
        settings = settings_for(query)
        image = resolve(query, fetch_catalog(settings, query.workspace).images)
        log.debug("resolved %s -> %s in %s via %s", query.describe(), image.image_id,
                  settings.region, settings.endpoint.url)
        return image_document(image, query, settings.region)

    def _id(self, doc: Mapping[str, Any]) -> str:
        return str(doc["image_id"])

    def _refresh(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        stored, region = _stored_query(ImageQuery, props)
        query = cast(ImageQuery, stored)
        settings = settings_for(query.model_copy(update={"region": region}))
        image = fetch_catalog(settings, query.workspace).by_id(str(props["image_id"]))
        if image is None:
            log.debug("refresh: ImageId %s is gone from the catalog", props["image_id"])
            return ReadResult("", {})
        doc = image_document(image, query, settings.region)
        return ReadResult(id_, doc, dict(doc))

    def _get(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        query = ImageQuery.parse({**_args(props), "image_id": id_})
        doc = self._resolve(query)
        return ReadResult(id_, doc, dict(doc))


class PlatformImagesProvider(_ImageProvider):
    """Provider for ``PlatformImages`` (type token ``pulumi-python:dynamic/tione:PlatformImages``)."""

    query_model = ImageFilter
    compared = ("images", "ids", "names", "region", "query")
    pinned = ("ids", "images")
    kind = "PlatformImages"

    def _resolve(self, query: ImageFilter) -> dict[str, Any]:
        settings = settings_for(query)
        images = filter_images(query, fetch_catalog(settings, query.workspace).images)
        log.debug("listed %d image(s) for %s in %s", len(images), query.describe(), settings.region)
        return list_document(images, query, settings.region)

    def _pinned_fields(self, olds: Mapping[str, Any]) -> dict[str, Any]:
        fields = super()._pinned_fields(olds)
        ids = fields.get("ids")
        fields["count"] = len(ids) if isinstance(ids, list) else 0
        return fields

    def _id(self, doc: Mapping[str, Any]) -> str:
        material = json.dumps([doc.get("query"), doc.get("region")], sort_keys=True)
        return "images-" + hashlib.sha256(material.encode()).hexdigest()[:16]

    def _refresh(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        query, region = _stored_query(ImageFilter, props)
        settings = settings_for(query.model_copy(update={"region": region}))
        catalog = fetch_catalog(settings, query.workspace)
        ids = props.get("ids")
        found = [catalog.by_id(str(i)) for i in ids] if isinstance(ids, list) else []
        doc = list_document([img for img in found if img is not None], query, settings.region)
        return ReadResult(id_, doc, dict(doc))

    def _get(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        doc = self._resolve(ImageFilter.parse(_args(props)))
        return ReadResult(id_, doc, dict(doc))
