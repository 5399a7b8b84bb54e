"""State documents of every resource kind: the one reader and writer of what Pulumi stores for us.

A *state document* is the property map a provider returns from ``check()`` (the engine stores it as
the resource's inputs) and from ``create``/``update``/``read`` (its outputs). The providers
(``core.images``, over both adapters) and ``drift`` (reading a ``pulumi stack export``) read and
write them only through this module. Each kind is a ``StateDocument`` subclass registered by its
Pulumi type token (``@register``, looked up with ``document_class``); another kind (a notebook)
joins by subclassing ``StateDocument`` with its ``type_token``/``kind``, ``read`` and ``props``.

Schema version
    New documents carry ``"__schema_version": 2`` (``VERSION_KEY``/``SCHEMA_VERSION``). A document
    without the key was written by 0.1.0 (version 1); both are read. A document from a newer schema
    is refused with ``InvalidStateError`` (upgrade pulumi-tione) rather than misread. A version
    bump is owed whenever a key changes meaning; adding an output is not one.

Names: an output owns its name, the arguments' record is ``query``
    The top-level keys are the outputs the design names (``image_id``, ``image_url``,
    ``image_range``, ``framework``, ..., ``region`` = the region actually used, ``image_info``;
    ``PlatformImages``: ``images``, ``ids``, ``names``, ``count``, ``region``). Where an argument
    has the name of an output, the top-level key is the output, with the output's type
    (``image_range="train"`` -> ``image_range == ["Notebook", "Train"]``, ``framework="pytorch"``
    -> ``framework == "PYTORCH"``), and the argument is found only under ``query``
    (``query.image_range == "Train"``, ``query.framework == "pytorch"``). ``query`` is the one
    record of the arguments: every reader here takes arguments from it, never from the top level.
    The other arguments are also copied to the top level (``name``, ``gpu``, ``select``,
    ``policy``, ...), as 0.1.0 did and its README documented, so policy packs and export readers
    that look at a resource's inputs keep working; those copies are written, never read back.
    A new output may only take a name that an argument copy holds together with a schema bump.
    In a program, ``img.image_range`` is the output; ``img.name`` is what was passed.

``query`` document
    The given arguments (below) plus ``select`` (``PlatformImage``) and ``policy``, exactly as
    0.1.0 wrote it for the same arguments. ``policy`` is a Pulumi-layer argument: it is split off
    here (``ImageArguments``) and never reaches the library's ``ImageQuery``/``ImageFilter``.

Pin comparison
    A pinned document is carried forward (no API call) when its *pin key* equals the new one. The
    pin key is (the normalized given arguments, the effective region). Normalized given arguments:
    every argument whose validated value is neither None nor the current model's default for that
    name (``select="unique"`` and ``policy="pin"`` count as not given); ``image_range`` is in its
    canonical case; text values without surrounding whitespace (the query models strip it, and a
    value 0.1.0 stored with it still compares equal). A stored ``query`` is compared the same way,
    key by key, without re-validation.
    So an argument added later with a default never re-resolves existing pins, and state written by
    0.1.0 (which stored ``select`` and ``policy`` even when defaulted) compares equal. Two documents
    differ (``differs``, the provider's diff) when their pin keys or their resolved outputs differ.

Resolved or not
    ``read`` returns a document only for props that hold a resolved result: a ``query`` mapping plus
    the pinned outputs (``image_id``; ``ids`` and ``images``). Anything else (program inputs of a
    ``get``, inputs whose resolution was deferred to ``up``) reads as None.

Region
    The effective region of a recorded lookup is the document's ``region``, else its query's
    ``region`` argument, else (exports only) the inputs' ``region`` (``recorded_region``).
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Self, TypeVar, cast

from pulumi_tione.errors import InvalidQueryError, InvalidStateError, Problem
from pulumi_tione.images.models import ImageFilter, ImageQuery, PlatformImageInfo

from .tokens import dynamic_token

__all__ = [
    "IMAGES_TYPE",
    "IMAGE_FIELDS",
    "IMAGE_OUTPUTS",
    "IMAGE_TYPE",
    "LIST_OUTPUTS",
    "POLICIES",
    "SCHEMA_VERSION",
    "VERSION_KEY",
    "ImageArguments",
    "ImageDocument",
    "PlatformImageDocument",
    "PlatformImagesDocument",
    "StateDocument",
    "document_class",
    "drop_none",
    "recorded_query",
    "recorded_region",
    "register",
    "registered",
    "schema_version",
    "text_value",
]

VERSION_KEY = "__schema_version"
SCHEMA_VERSION = 2
LEGACY_VERSION = 1
IMAGE_TYPE = dynamic_token("PlatformImage")
IMAGES_TYPE = dynamic_token("PlatformImages")
IMAGE_FIELDS = tuple(PlatformImageInfo.model_fields)
IMAGE_OUTPUTS = (*IMAGE_FIELDS, "region", "image_info", "query")
LIST_OUTPUTS = ("images", "ids", "names", "count", "region", "query")
POLICIES = ("pin", "track")
Policy = Literal["pin", "track"]
_IMAGE_INFO = {"ImageType": "image_type", "ImageUrl": "image_url", "RegistryRegion": "registry_region",
               "RegistryId": "registry_id"}
_D = TypeVar("_D", bound="StateDocument")
_REGISTRY: dict[str, type[StateDocument]] = {}


_SCALARS = (str, bool, int, float)


def drop_none(value: Any) -> Any:
    """``value`` with None-valued dict entries removed at every depth (as the engine's wire does);
    dicts and lists are copies."""
    kind = type(value)
    if kind in _SCALARS:  # the common cases first: isinstance(..., Mapping) is an ABC check
        return value
    if kind is dict or isinstance(value, Mapping):
        return {k: v if type(v) in _SCALARS else drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else drop_none(v) for v in value]
    return value


def text_value(mapping: Mapping[str, Any], key: str) -> str | None:
    """``mapping[key]`` if it is a non-empty string, else None."""
    value = mapping.get(key)
    return value if isinstance(value, str) and value else None


def schema_version(props: Mapping[str, Any]) -> int:
    """The schema version of a document (1 when absent: 0.1.0); InvalidStateError if unreadable."""
    raw = props.get(VERSION_KEY, LEGACY_VERSION)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < LEGACY_VERSION:
        raise InvalidStateError(f"the state holds {VERSION_KEY}={raw!r}, which no pulumi-tione writes; "
                                "restore the resource's state from a backup or export")
    if raw > SCHEMA_VERSION:
        raise InvalidStateError(
            f"the state was written by a newer pulumi-tione (state schema {raw}; this version reads up "
            f"to {SCHEMA_VERSION}); upgrade pulumi-tione in the stack's environment")
    return raw


def recorded_region(document: Mapping[str, Any], query: Mapping[str, Any],
                    inputs: Mapping[str, Any] | None = None) -> str | None:
    """The region a recorded lookup used: ``document["region"]``, else the query's, else the inputs'."""
    found = text_value(document, "region") or text_value(query, "region")
    return found or (text_value(inputs, "region") if inputs is not None else None)


def register(cls: type[_D]) -> type[_D]:
    """Class decorator: make ``cls`` the state document of its ``type_token``."""
    _REGISTRY[cls.type_token] = cls
    return cls


def document_class(type_token: str) -> type[StateDocument] | None:
    """The state document class of a Pulumi type token, or None for a kind we do not own."""
    return _REGISTRY.get(type_token)


def registered() -> dict[str, type[StateDocument]]:
    """Every registered kind: type token -> document class."""
    return dict(_REGISTRY)


class StateDocument(ABC):
    """The state document of one resource kind; subclasses register by Pulumi type token."""

    type_token: ClassVar[str]
    kind: ClassVar[str]

    @classmethod
    @abstractmethod
    def read(cls, props: Mapping[str, Any]) -> Self | None:
        """The document ``props`` hold, or None when they hold no resolved result."""

    @abstractmethod
    def props(self) -> dict[str, Any]:
        """The property map to hand to the engine (current schema; no ``__provider``)."""


@dataclass(frozen=True)
class ImageArguments:
    """A resource's validated arguments: the library's query and the provider's ``policy``."""

    query: ImageFilter
    policy: Policy = "pin"

    def given(self) -> dict[str, Any]:
        """The normalized given arguments (see the module docstring), ``policy`` included."""
        return _given(type(self.query), {**self.query.model_dump(), "policy": self.policy})

    def document(self) -> dict[str, Any]:
        """The ``query`` document state records: given arguments, ``select`` and ``policy``."""
        doc = self.given()
        if isinstance(self.query, ImageQuery):
            doc["select"] = self.query.select
        doc["policy"] = self.policy
        return doc

    def describe(self) -> str:
        """A short description of the criteria, for logs."""
        return self.query.describe()


def _given(model: type[ImageFilter], values: Mapping[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = {name: field.default for name, field in model.model_fields.items()}
    defaults["policy"] = "pin"
    stripped = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}  # one whitespace rule
    return {k: v for k, v in stripped.items()
            if v is not None and not (k in defaults and type(v) is type(defaults[k]) and v == defaults[k])}


def _parse_arguments(model: type[ImageFilter], args: Mapping[str, Any]) -> ImageArguments:
    """Validate resource arguments; InvalidQueryError lists every bad one (``policy`` included)."""
    rest = dict(args)
    policy = rest.pop("policy", None)
    policy = policy.strip() if isinstance(policy, str) else policy  # as the query models strip text
    problems: list[Problem] = []
    if policy is not None and policy not in POLICIES:
        got = f"{type(policy).__name__} {policy!r}" if not isinstance(policy, str) else repr(policy)
        problems.append(Problem("policy", "must be 'pin' (keep the image resolved first) or 'track' "
                                          f"(re-resolve at every preview/up), got {got}"))
    try:
        query = model.parse(rest)
    except InvalidQueryError as e:
        problems = [*e.problems, *problems]
    if problems:
        raise InvalidQueryError(problems)
    return ImageArguments(query, cast(Policy, policy or "pin"))


@dataclass(frozen=True)
class ImageDocument(StateDocument):
    """What both image kinds record: the stored query, the effective region, the resolved outputs."""

    query: dict[str, Any]
    region: str
    resolved: dict[str, Any]
    version: int = SCHEMA_VERSION

    query_model: ClassVar[type[ImageFilter]]
    resolved_keys: ClassVar[tuple[str, ...]]
    output_names: ClassVar[tuple[str, ...]]

    @classmethod
    def parse_arguments(cls, args: Mapping[str, Any]) -> ImageArguments:
        """Validate the kind's arguments (a program's, or a stored ``query`` document)."""
        return _parse_arguments(cls.query_model, args)

    @classmethod
    @abstractmethod
    def _has_pin(cls, props: Mapping[str, Any]) -> bool: ...

    @classmethod
    def read(cls, props: Mapping[str, Any]) -> Self | None:
        """The document in ``props`` (0.1.0's or current), None when nothing is resolved there."""
        query = props.get("query")
        if not isinstance(query, Mapping) or not cls._has_pin(props):
            return None
        version = schema_version(props)
        region = recorded_region(props, query)
        if region is None:
            return None
        resolved = {k: drop_none(props[k]) for k in cls.resolved_keys if props.get(k) is not None}
        return cls(dict(query), region, resolved, version)

    @classmethod
    def is_resolved(cls, props: Mapping[str, Any]) -> bool:
        """True when ``props`` hold resolved outputs, not just a program's arguments."""
        return bool((set(cls.resolved_keys) - set(cls.query_model.model_fields)) & props.keys())

    @property
    def workspace(self) -> str | None:
        """The TiProjectId the lookup listed, if one was given."""
        return text_value(self.query, "workspace")

    def pin_key(self) -> tuple[dict[str, Any], str]:
        """(normalized given arguments, effective region): equal keys mean the same pin."""
        return _given(self.query_model, self.query), self.region

    def same_pin(self, args: ImageArguments, region: str) -> bool:
        """True when ``args`` in ``region`` ask for what this document pinned."""
        return self.pin_key() == (args.given(), region)

    def differs(self, other: ImageDocument) -> bool:
        """True when the pin keys or the resolved outputs differ (the provider's diff)."""
        return self.pin_key() != other.pin_key() or self.resolved != other.resolved

    def carried(self, args: ImageArguments) -> Self:
        """This pinned result recorded for ``args`` (same pin key), in the current schema."""
        return dataclasses.replace(self, query=args.document(), version=SCHEMA_VERSION)

    def props(self) -> dict[str, Any]:
        """Argument copies, resolved outputs, ``region``, ``query`` and the schema version."""
        copies = {k: v for k, v in self.query.items() if k not in self.output_names}
        doc = {**copies, **self.resolved, "region": self.region, "query": self.query,
               VERSION_KEY: SCHEMA_VERSION}
        return cast(dict[str, Any], drop_none(doc))


_FIELDS_MEMO = 4096
_fields_of: dict[int, tuple[PlatformImageInfo, dict[str, Any]]] = {}


def _image_fields(image: PlatformImageInfo) -> dict[str, Any]:
    """One image's outputs plus ``image_info``, TI-ONE's ``PlatformImageInfo`` request struct.

    Computed once per image object (catalog images are immutable and live as long as their
    cached catalog; the memo holds the image, so its ``id`` stays its own) and shared: the
    ``resolved`` of a document is read-only, and ``props()`` hands out copies.
    """
    seen = _fields_of.get(id(image))
    if seen is not None and seen[0] is image:
        return seen[1]
    doc = image.outputs()
    doc["image_info"] = {key: doc[field] for key, field in _IMAGE_INFO.items() if doc[field] is not None}
    fields = cast(dict[str, Any], drop_none(doc))
    if len(_fields_of) >= _FIELDS_MEMO:
        _fields_of.clear()
    _fields_of[id(image)] = (image, fields)
    return fields


@register
@dataclass(frozen=True)
class PlatformImageDocument(ImageDocument):
    """``PlatformImage``: one image's outputs (``image_id`` pinned), ``image_info``, region, query."""

    type_token: ClassVar[str] = IMAGE_TYPE
    kind: ClassVar[str] = "PlatformImage"
    query_model: ClassVar[type[ImageFilter]] = ImageQuery
    resolved_keys: ClassVar[tuple[str, ...]] = (*IMAGE_FIELDS, "image_info")
    output_names: ClassVar[tuple[str, ...]] = IMAGE_OUTPUTS

    @classmethod
    def _has_pin(cls, props: Mapping[str, Any]) -> bool:
        return isinstance(props.get("image_id"), str)

    @classmethod
    def stored_query(cls, recorded: Mapping[str, Any]) -> ImageQuery:
        """The library query of a recorded ``query`` document (``policy`` split off)."""
        return cast(ImageQuery, cls.parse_arguments(recorded).query)

    @classmethod
    def resolved_to(cls, image: PlatformImageInfo, args: ImageArguments, region: str) -> Self:
        """The document of ``image``, resolved for ``args`` in ``region``."""
        return cls(args.document(), region, _image_fields(image))

    def refreshed(self, image: PlatformImageInfo) -> Self:
        """This document with the pinned image as the catalog describes it now."""
        return dataclasses.replace(self, resolved=_image_fields(image), version=SCHEMA_VERSION)

    @property
    def image_id(self) -> str:
        """The pinned ImageId."""
        return str(self.resolved["image_id"])

    @property
    def image_url(self) -> str | None:
        """The pinned ImageUrl."""
        return text_value(self.resolved, "image_url")


@register
@dataclass(frozen=True)
class PlatformImagesDocument(ImageDocument):
    """``PlatformImages``: ``images`` (one image document each), ``ids``, ``names``, ``count``."""

    type_token: ClassVar[str] = IMAGES_TYPE
    kind: ClassVar[str] = "PlatformImages"
    query_model: ClassVar[type[ImageFilter]] = ImageFilter
    resolved_keys: ClassVar[tuple[str, ...]] = ("images", "ids", "names")
    output_names: ClassVar[tuple[str, ...]] = LIST_OUTPUTS

    @classmethod
    def _has_pin(cls, props: Mapping[str, Any]) -> bool:
        return isinstance(props.get("ids"), list) and isinstance(props.get("images"), list)

    @classmethod
    def stored_query(cls, recorded: Mapping[str, Any]) -> ImageFilter:
        """The library filter of a recorded ``query`` document (``policy`` split off)."""
        return cls.parse_arguments(recorded).query

    @classmethod
    def resolved_to(cls, images: list[PlatformImageInfo], args: ImageArguments, region: str) -> Self:
        """The document listing ``images``, resolved for ``args`` in ``region``."""
        return cls(args.document(), region, _list_fields(images))

    def refreshed(self, images: list[PlatformImageInfo]) -> Self:
        """This document listing ``images`` (the pinned ones still in the catalog, re-read)."""
        return dataclasses.replace(self, resolved=_list_fields(images), version=SCHEMA_VERSION)

    @property
    def ids(self) -> list[str]:
        """The pinned ImageIds."""
        return [str(i) for i in self.resolved.get("ids", [])]

    def props(self) -> dict[str, Any]:
        """As for every image kind, plus ``count``."""
        return {**super().props(), "count": len(self.ids)}


def _list_fields(images: list[PlatformImageInfo]) -> dict[str, Any]:
    return {"images": [_image_fields(img) for img in images], "ids": [img.image_id for img in images],
            "names": [img.image_name or "" for img in images]}


def recorded_query(cls: type[ImageDocument], inputs: Mapping[str, Any],
                   outputs: Mapping[str, Any]) -> dict[str, Any] | None:
    """The query a stack export records for a resource, or None when it holds none.

    ``outputs.query``, then ``inputs.query``, then the inputs themselves when they are a program's
    arguments rather than a resolved document. None-valued entries are dropped.
    """
    source = next((q for q in (outputs.get("query"), inputs.get("query")) if isinstance(q, Mapping)), None)
    if source is None and not cls.is_resolved(inputs):
        fields = {*cls.query_model.model_fields, "policy"}
        source = {k: v for k, v in inputs.items() if k in fields}
    if not source:
        return None
    return {k: v for k, v in source.items() if v is not None}
