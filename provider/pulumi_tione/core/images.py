"""The provider core of ``PlatformImage`` and ``PlatformImages``: resolve in check, pin in state.

Both ways in (the dynamic resources, ``stack.image_provider``; the native plugin, ``native``)
call ``PlatformImageCore``/``PlatformImagesCore`` with plain property dicts (``core.results``).
The core is thin: ``state`` validates the arguments (the library's ``ImageQuery``/``ImageFilter``
plus the provider's ``policy``) and is the only reader and writer of the state
documents (schema version, pin comparison, 0.1.0 state); settings and the catalog come from
``catalog`` (one cached fetch per provider process) and ``resolve`` picks the image. The cores hold
nothing on the instance: ``core.config.configure`` hands the configuration to ``catalog.PROCESS``.

How each input behaves (for the dynamic resources, checked inputs are also the preview's
outputs: their server reports ``supportsPreview=False``):

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
``workspace`` (or config                  re-resolved against that TiProjectId; update   never
``tione:workspace``)
``tione:endpoint``, credentials           not part of the pin: they say where to ask,    never
                                          not what was picked
nothing (``policy="pin"``)                pinned result carried forward from the old     never
                                          inputs, no API call (also for state written
                                          by an older version: see ``state``)
nothing (``policy="track"``)              re-resolved at every preview/up; update when   never
                                          the catalog now picks another image
catalog moved, then ``pulumi refresh``    ``read()`` re-reads the pinned ImageId(s):     never
                                          new ImageUrl shows as drift and becomes the
                                          inputs; a vanished ImageId (PlatformImage)
                                          makes the resource gone
========================================  =============================================  ==========

Unknown inputs (preview before a dependency exists) skip resolution; the values are resolved at up.
A lookup that fails is a CheckFailure on the argument that excluded the image when a single one did
(``resolve.blame``), otherwise on the resource.
The resource id is the ImageId picked at creation (``PlatformImage``) or a digest of the filters
(``PlatformImages``); an update never changes it, so the ``image_id`` output is authoritative.
``delete()`` does nothing remote. ``TIONE_LOG_LEVEL`` (e.g. ``DEBUG``) in the provider process's
environment logs lookups (and the SDK's redacted request dumps) to stderr.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar, cast

from pulumi_tione.api.credentials import resolve_region
from pulumi_tione.errors import InvalidQueryError, LookupFailedError, TioneError
from pulumi_tione.images.catalog import PROCESS, fetch_catalog, settings_for
from pulumi_tione.images.models import CRITERIA, ImageQuery

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
from .state import (
    IMAGE_OUTPUTS,
    LIST_OUTPUTS,
    ImageArguments,
    ImageDocument,
    PlatformImageDocument,
    PlatformImagesDocument,
)

__all__ = [
    "IMAGE_OUTPUTS",
    "LIST_OUTPUTS",
    "ImageCore",
    "PlatformImageCore",
    "PlatformImagesCore",
]

PROVIDER_KEY = "__provider"

log = logging.getLogger("pulumi_tione.dynamic")
_Doc = TypeVar("_Doc", bound=ImageDocument)


def _args(props: Mapping[str, Any]) -> dict[str, Any]:
    """The user's arguments in ``props``: everything but ``__provider`` and absent (None) values."""
    return {k: v for k, v in props.items() if k != PROVIDER_KEY and v is not None}


class ImageCore(Generic[_Doc]):
    """What both image kinds share: validation, pinning, diff, create/update, delete.

    Every state document is read and written through ``document`` (``core.state``).
    """

    document: ClassVar[type[ImageDocument]]
    kind: ClassVar[str]
    description: ClassVar[str]
    """What the resource is, for users of every language (the native schema's description)."""

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any],
              ctx: Context = NO_CONTEXT) -> CheckResult:
        """Validate every argument; resolve (or carry the pin forward) so preview shows the result.

        Never raises: every problem, expected or not, is a ``Failure``.
        """
        args = _args(news)
        workspace = PROCESS.config.get(WORKSPACE_KEY)
        if workspace and "workspace" not in args:
            args["workspace"] = workspace
        try:
            return self._check(olds, args)
        except Exception as e:
            log.exception("unexpected error while checking %s", self.kind)
            reason = f"unexpected {type(e).__name__}: {e}; please report this at the project's issues"
            return CheckResult(args, [Failure("", reason)])

    def _check(self, olds: Mapping[str, Any], args: dict[str, Any]) -> CheckResult:
        unknown = {k for k, v in args.items() if contains_unknown(v)}
        # an unknown criterion may still be the criterion; unknown region/workspace/select/policy are not
        maybe_criterion = bool(unknown & set(CRITERIA))
        try:
            parsed = self.document.parse_arguments({k: v for k, v in args.items() if k not in unknown})
        except InvalidQueryError as e:
            problems = [p for p in e.problems if not (maybe_criterion and p.argument == "query")]
            return CheckResult(args, [_failure(p.argument, p.message, args) for p in problems])
        if unknown:
            return CheckResult(args, [])
        try:
            region = resolve_region(parsed.query.region, PROCESS.config)
            doc = self._carried(olds, parsed, region) if parsed.policy == "pin" else None
            return CheckResult((self._resolve(parsed) if doc is None else doc).props(), [])
        except InvalidQueryError as e:
            return CheckResult(args, [_failure(p.argument, p.message, args) for p in e.problems])
        except TioneError as e:
            return CheckResult(args, [Failure(_blame(e), str(e))])

    def diff(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
             ctx: Context = NO_CONTEXT) -> DiffResult:
        """A change when the query, the region or the resolved result differs; never a replacement."""
        try:
            old, new = self._read(olds), self._read(news)
        except TioneError as e:
            raise ProviderOperationError(f"diff of {self.kind} {id_!r} failed: {e}") from None
        if old is None or new is None:
            changed = sorted(k for k in {*_args(olds), *_args(news)} if olds.get(k) != news.get(k))
            return DiffResult(changes=True, changed=changed)
        if not old.differs(new):
            return DiffResult(changes=False)
        old_props, new_props = old.props(), new.props()
        changed = sorted(k for k in old_props.keys() | new_props.keys()
                         if old_props.get(k) != new_props.get(k))
        return DiffResult(changes=True, changed=changed)

    def create(self, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> CreateResult:
        """Record the checked document; the id is the ImageId (or a digest of the filters)."""
        doc = self._document(props, "create")
        return CreateResult(self._id(doc), doc.props())

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               ctx: Context = NO_CONTEXT) -> UpdateResult:
        """Record the newly checked document (an image reference updates in place)."""
        return UpdateResult(self._document(news, "update").props())

    def delete(self, id_: str, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> None:
        """Nothing remote: a reference to a platform image owns no cloud object."""

    def read(self, id_: str, props: Mapping[str, Any], ctx: Context = NO_CONTEXT) -> ReadResult:
        """Refresh (re-read what is pinned) or ``get``/import (look up from the id and given inputs)."""
        try:
            doc = self._read(props)
            if doc is not None:
                return self._refresh(id_, doc)
            return self._get(id_, props)
        except TioneError as e:
            raise ProviderOperationError(f"reading {self.kind} {id_!r} failed: {e}") from None

    def inputs_of(self, outputs: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs a recorded output document stands for (the document itself)."""
        return _args(outputs)

    def _document(self, props: Mapping[str, Any], verb: str) -> _Doc:
        """The resolved document in checked ``props``, resolving now if check had unknowns."""
        try:
            doc = self._read(props)
            return doc if doc is not None else self._resolve(self.document.parse_arguments(_args(props)))
        except TioneError as e:
            raise ProviderOperationError(f"{verb} of {self.kind} failed: {e}") from None

    def _read(self, props: Mapping[str, Any]) -> _Doc | None:
        """The resolved document ``props`` hold (None if they hold none or unknowns)."""
        return None if contains_unknown(props) else cast("_Doc | None", self.document.read(props))

    def _carried(self, olds: Mapping[str, Any], args: ImageArguments, region: str) -> _Doc | None:
        """The old pinned result for the same pin key, or None when it must be resolved."""
        old = self._read(olds)
        if old is None or not old.same_pin(args, region):
            return None
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s: pinned result carried forward", self.kind, args.describe())
        return old.carried(args)

    def _resolve(self, args: ImageArguments) -> _Doc:
        raise NotImplementedError

    def _refresh(self, id_: str, doc: _Doc) -> ReadResult:
        raise NotImplementedError

    def _get(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        raise NotImplementedError

    def _id(self, doc: _Doc) -> str:
        raise NotImplementedError


def _failure(argument: str, message: str, args: Mapping[str, Any]) -> Failure:
    """A failure on ``argument``; whole-query problems go on the resource itself."""
    return Failure("" if argument == "query" and "query" not in args else argument, message)


def _blame(error: TioneError) -> str:
    """Where a failure is reported: the argument that excluded the image, else the resource."""
    if isinstance(error, LookupFailedError) and error.argument:
        return error.argument
    return ""


def _read_result(id_: str, doc: ImageDocument) -> ReadResult:
    """Outputs and refreshed inputs: both the document, so an ``up`` keeps what the read accepted."""
    props = doc.props()
    return ReadResult(id_, props, dict(props))


class PlatformImageCore(ImageCore[PlatformImageDocument]):
    """``PlatformImage``: one image, pinned by ImageId (the resource id)."""

    document = PlatformImageDocument
    kind = "PlatformImage"
    description = ("One TI-ONE platform image picked by a query (at least one criterion; all must hold), "
                   "resolved at preview and pinned in state (`policy: pin`, default) or re-resolved at "
                   "every up (`policy: track`). Refresh re-reads the pinned ImageId. Owns no cloud object.")

    def _resolve(self, args: ImageArguments) -> PlatformImageDocument:
        query = cast(ImageQuery, args.query)
        settings = settings_for(query)
        image = fetch_catalog(settings, query.workspace).resolve(query)
        if log.isEnabledFor(logging.DEBUG):
            log.debug("resolved %s -> %s in %s via %s", query.describe(), image.image_id,
                      settings.region, settings.endpoint.url)
        return PlatformImageDocument.resolved_to(image, args, settings.region)

    def _id(self, doc: PlatformImageDocument) -> str:
        return doc.image_id

    def _refresh(self, id_: str, doc: PlatformImageDocument) -> ReadResult:
        settings = PROCESS.settings(PROCESS.config, doc.region)
        image = fetch_catalog(settings, doc.workspace).by_id(doc.image_id)
        if image is None:
            log.debug("refresh: ImageId %s is gone from the catalog", doc.image_id)
            return ReadResult("", {})
        return _read_result(id_, doc.refreshed(image))

    def _get(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        args = self.document.parse_arguments({**_args(props), "image_id": id_})
        return _read_result(id_, self._resolve(args))


class PlatformImagesCore(ImageCore[PlatformImagesDocument]):
    """``PlatformImages``: every image matching the filters; the id is a digest of them."""

    document = PlatformImagesDocument
    kind = "PlatformImages"
    description = ("Every TI-ONE platform image matching the filters (none: the whole catalog), resolved "
                   "at preview and pinned in state. Owns no cloud object.")

    def _resolve(self, args: ImageArguments) -> PlatformImagesDocument:
        query = args.query
        settings = settings_for(query)
        images = fetch_catalog(settings, query.workspace).filter(query)
        if log.isEnabledFor(logging.DEBUG):
            log.debug("listed %d image(s) for %s in %s", len(images), query.describe(), settings.region)
        return PlatformImagesDocument.resolved_to(images, args, settings.region)

    def _id(self, doc: PlatformImagesDocument) -> str:
        material = json.dumps([doc.query, doc.region], sort_keys=True)
        return "images-" + hashlib.sha256(material.encode()).hexdigest()[:16]

    def _refresh(self, id_: str, doc: PlatformImagesDocument) -> ReadResult:
        settings = PROCESS.settings(PROCESS.config, doc.region)
        catalog = fetch_catalog(settings, doc.workspace)
        found = [catalog.by_id(i) for i in doc.ids]
        return _read_result(id_, doc.refreshed([img for img in found if img is not None]))

    def _get(self, id_: str, props: Mapping[str, Any]) -> ReadResult:
        return _read_result(id_, self._resolve(self.document.parse_arguments(_args(props))))
