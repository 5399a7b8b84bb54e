"""The ``tione`` package schema, generated from the argument definitions the Python classes use.

Nothing here lists a property by hand. Every resource and function is declared by the models
that already define its arguments and outputs (``images.models.ImageQuery``/``ImageFilter`` and
``PlatformImageInfo``, ``workloads.models.SPEC_MODELS`` (one per ``workloads.fields.KINDS``), the state
documents' output names in ``core.state``/``core.workload_state``, the settings in
``core.config``), and ``package_schema()`` walks their pydantic fields generically:

- names: the snake_case field name, camelCase in the schema (``to_camel``); ``PropertyNames``
  keeps both directions per type for the wire (``native.wire``) and is checked to round-trip;
- types: ``str``/``int``/``float``/``bool``, ``list[X]``, ``dict[str, X]`` (a map: its keys are
  data and keep their spelling), a nested model (an object type ``tione:index:<Model>``), a
  discriminated union of models (``oneOf`` + ``discriminator``), ``Literal`` (a string; the
  allowed values are listed in the description), ``Any`` (``pulumi.json#/Any``);
- descriptions: the field's ``description``, else the API field it is sent as, plus its allowed
  values and bounds;
- secrets: a field declared ``repr=False`` or a scalar the workload field definitions
  (``workloads.fields``) mark ``secret`` (registry credentials, env values) and the secret
  settings are ``secret: true``; an argument they mark ``replaces="always"`` is
  ``willReplaceOnChanges: true``. A model's definition is found by the API struct or kind it
  records (``workloads.models.definition``), so a class named unlike its API struct
  (``CfsConfig`` for ``CFSConfig``) keeps its flags.

``DYNAMIC_ONLY`` arguments (``timeouts``: the engine's ``customTimeouts`` replace it) are left
out of the native schema.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, Field
from pydantic.alias_generators import to_camel, to_pascal
from pydantic.fields import FieldInfo

from pulumi_tione.core.config import SETTINGS
from pulumi_tione.core.state import IMAGE_OUTPUTS, LIST_OUTPUTS, POLICIES
from pulumi_tione.core.tokens import PACKAGE, native_token
from pulumi_tione.core.workload_state import SECRET_OUTPUTS, SERVICE_OUTPUTS, STATUS_OUTPUTS
from pulumi_tione.images.models import ImageFilter, ImageQuery, PlatformImageInfo
from pulumi_tione.workloads.fields import KINDS, Member
from pulumi_tione.workloads.models import SPEC_MODELS, definition

__all__ = [
    "DYNAMIC_ONLY",
    "FUNCTIONS",
    "LANGUAGE",
    "PACKAGE",
    "RESOURCES",
    "PropertyNames",
    "package_schema",
    "property_names",
    "token",
]

DYNAMIC_ONLY = ("timeouts",)
_ANY = {"$ref": "pulumi.json#/Any"}
_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def token(name: str) -> str:
    """The schema token of a resource, function or type named ``name``: ``tione:index:<name>``."""
    return native_token(name)


# -- the declarations: which models make which resource / function ---------------------------

_POLICY_DOC = ('`"pin"` (default): keep the image resolved first in state; `"track"`: re-resolve '
               "at every preview/up")
_FALLBACK_DOCS = {
    # Arguments that are not API fields, for models that do not describe them (yet).
    "name": "The TI-ONE name; default: the resource name plus an 8-hex suffix (at most 60 characters).",
    "name_prefix": "Prefix of the generated name; default: the resource name.",
    "region": "The region (overrides the provider's `tione:region`).",
    "workspace": "The TI-ONE workspace (`TiProjectId`; overrides the provider's `tione:workspace`).",
    "image": "The image: a platform image (`kind: platform` and a PlatformImage's `imageId`, e.g. "
             "`{kind: platform, imageId: ${image.imageId}}`; the provider completes `imageName`, "
             "`imageUrl`, `framework`, ... from the catalog) or a custom "
             "image in your registry (`kind: custom`, `imageUrl`, `imageType`). Not the PlatformImage "
             "resource itself, nor all of its outputs (`imageInfo`, `extraAttributes`, `query` are "
             "not members).",
    "running": "Keep the notebook Running (default) or Stopped.",
    "wait_for": "What `up` waits for: the task `submitted` (default), `running` or `finished`.",
    "kind": "Which kind of image reference this is.",
}
_STATUS_DOCS = {
    "status": "The status TI-ONE reports (e.g. Running, Stopped; SUBMITTING, RUNNING, SUCCEED).",
    "failure_reason": "TI-ONE's FailureReason, empty when it gave none.",
    "reported_image": "The image TI-ONE reports in use: image_type, image_url, image_name.",
}


class PlatformImageResult(PlatformImageInfo):
    """One platform image as the resources and functions output it."""

    extra_attributes: dict[str, Any] | None = None  # type: ignore[assignment]
    image_info: dict[str, str] | None = None


@dataclass(frozen=True)
class Kind:
    """One resource or function: its arguments model and how its outputs are made of models."""

    name: str
    description: str
    inputs: type[BaseModel]
    outputs: dict[str, tuple[Any, str]] = field(default_factory=dict)
    """Output name -> (annotation, description), beyond the arguments (which are outputs too)."""
    extra_inputs: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required_outputs: tuple[str, ...] = ()


class ImageQueryRecord(ImageQuery):
    """The recorded query of an image lookup: the arguments that were set (and ``policy``)."""

    policy: Literal["pin", "track"] | None = Field(default=None, description=_POLICY_DOC)


def _image_outputs() -> dict[str, tuple[Any, str]]:
    image_fields = {name: (f.annotation, _describe(name, f))
                    for name, f in PlatformImageResult.model_fields.items()}
    return {**image_fields,
            "region": (str, "The region whose catalog was read."),
            "query": (ImageQueryRecord, "The validated arguments the lookup was made with.")}


def _kinds() -> tuple[list[Kind], list[Kind]]:
    policy = {"policy": (Literal["pin", "track"] | None, _POLICY_DOC)}
    image_out = _image_outputs()
    list_out: dict[str, tuple[Any, str]] = {
        "images": (list[PlatformImageResult], "Every matching image, in catalog order."),
        "ids": (list[str], "Their ImageIds."),
        "names": (list[str], 'Their ImageNames ("" for an image without one).'),
        "count": (int, "How many images matched."),
        "region": (str, "The region whose catalog was read."),
        "query": (ImageQueryRecord, "The validated filters the listing was made with."),
    }
    assert set(image_out) >= set(IMAGE_OUTPUTS)
    assert set(list_out) >= set(LIST_OUTPUTS)
    assert tuple(POLICIES) == get_args(get_args(policy["policy"][0])[0])
    status = {name: ((dict[str, str] if name == "reported_image" else str), doc)
              for name, doc in _STATUS_DOCS.items()}
    assert tuple(status) == STATUS_OUTPUTS
    workload_out = {**status, "region": (str, "The region the object lives in."),
                    "name": (str, "The TI-ONE name (given, or generated from the resource name).")}
    resources = [
        Kind("PlatformImage", _doc("PlatformImage"), ImageQuery, image_out, policy,
             ("image_id", "region", "query")),
        Kind("PlatformImages", _doc("PlatformImages"), ImageFilter, list_out, policy,
             ("images", "ids", "names", "count", "region", "query")),
        *(Kind(kind, _doc(kind), spec, {**workload_out, **_EXTRA_OUTPUTS.get(kind, {})}, {},
               _REQUIRED_OUTPUTS.get(kind, ("name", "region", "status")))
          for kind, spec in SPEC_MODELS.items()),
    ]
    functions = [
        Kind("getPlatformImage", "Look up one TI-ONE platform image (not kept in state: runs at "
             "every preview/up; use the PlatformImage resource to pin).", ImageQuery, image_out,
             {}, ("image_id", "region", "query")),
        Kind("getPlatformImages", "List the TI-ONE platform images matching the filters (not "
             "kept in state).", ImageFilter, list_out, {},
             ("images", "ids", "names", "count", "region", "query")),
    ]
    return resources, functions


_EXTRA_OUTPUTS: dict[str, dict[str, tuple[Any, str]]] = {"ModelService": {
    "service_id": (str, "The ServiceId (also the resource's id)."),
    "group_id": (str, "The ServiceGroupId of the group the service is a version of."),
    "version": (str, "The service's version in its group (1 for the group's first)."),
    "call_info": (dict[str, str], "Where to call it (DescribeModelServiceCallInfo): inner/outer HTTP(S) "
                  "addresses, internetEndpoint, grpcHost."),
    "auth_token": (str, "The group's auth token (empty while authorizationEnable is off)."),
    "app_key": (str, "The group's API gateway AppKey (empty while authorizationEnable is off)."),
    "app_secret": (str, "The group's API gateway AppSecret (empty while authorizationEnable is off)."),
}}
"""Outputs a workload kind has beyond the status outputs (``core.workload_state.SERVICE_OUTPUTS``);
``SECRET_OUTPUTS`` among them are secret."""
assert set(_EXTRA_OUTPUTS["ModelService"]) | set(STATUS_OUTPUTS) == set(SERVICE_OUTPUTS)
_REQUIRED_OUTPUTS = {"ModelService": ("region", "status", "service_id", "group_id", "version")}
"""Outputs always set (a service joining a group has no ``name`` of its own)."""


def _doc(kind: str) -> str:
    """The core's description of ``kind`` (one description for both ways in)."""
    from pulumi_tione.core.images import PlatformImageCore, PlatformImagesCore
    from pulumi_tione.core.services import ModelServiceCore
    from pulumi_tione.core.workloads import WorkloadCore

    assert issubclass(ModelServiceCore, WorkloadCore)  # imported: a subclass below

    cores: list[type[PlatformImageCore] | type[PlatformImagesCore] | type[WorkloadCore]] = [
        PlatformImageCore, PlatformImagesCore, *WorkloadCore.__subclasses__()]
    return next(c.description for c in cores if c.kind == kind)


# -- the walker ------------------------------------------------------------------------------

@dataclass
class PropertyNames:
    """camelCase <-> snake_case of every property, per resource, function or object type token.

    ``maps`` holds the spec of each property (to know where values are maps whose keys are
    data, and which types nest).
    """

    to_snake: dict[str, dict[str, str]] = field(default_factory=dict)
    to_camel: dict[str, dict[str, str]] = field(default_factory=dict)
    specs: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def add(self, owner: str, snake: str, spec: dict[str, Any]) -> str:
        camel = to_camel(snake)
        known = self.to_snake.setdefault(owner, {}).get(camel)
        if known is not None and known != snake:
            raise ValueError(f"{owner}: {snake!r} and {known!r} both become {camel!r}")
        self.to_snake[owner][camel] = snake
        self.to_camel.setdefault(owner, {})[snake] = camel
        self.specs.setdefault(owner, {})[camel] = spec
        return camel


class _Builder:
    def __init__(self) -> None:
        self.types: dict[str, dict[str, Any]] = {}
        self.names = PropertyNames()

    def spec(self, annotation: Any, info: FieldInfo | None) -> dict[str, Any]:
        """The property spec (type part) of ``annotation``."""
        annotation = _strip_optional(annotation)
        origin = get_origin(annotation)
        if origin is Annotated:
            return self.spec(get_args(annotation)[0], info)
        if annotation is Any:
            return dict(_ANY)
        if annotation in _SCALARS:
            return {"type": _SCALARS[annotation]}
        if origin is Literal:
            values = get_args(annotation)
            kinds = {type(v) for v in values}
            return {"type": _SCALARS[kinds.pop()] if len(kinds) == 1 else "string"}
        if origin in (list, tuple, typing.Sequence):
            return {"type": "array", "items": self.spec(get_args(annotation)[0], None)}
        if origin in (dict, Mapping):
            return {"type": "object", "additionalProperties": self.spec(get_args(annotation)[1], None)}
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return {"$ref": f"#/types/{self.object_type(annotation)}"}
        if origin in (Union, types.UnionType):
            members = [m for m in get_args(annotation) if m is not type(None)]
            if all(isinstance(m, type) and issubclass(m, BaseModel) for m in members):
                return self.one_of(members, info)
        raise TypeError(f"no schema type for {annotation!r}")

    def one_of(self, members: list[Any], info: FieldInfo | None) -> dict[str, Any]:
        refs = [self.spec(m, None) for m in members]
        discriminator = info.discriminator if info is not None else None
        if not isinstance(discriminator, str):
            return {"oneOf": refs}
        mapping = {}
        for member, ref in zip(members, refs, strict=True):
            for value in get_args(_strip_optional(member.model_fields[discriminator].annotation)):
                mapping[value] = ref["$ref"]
        return {"oneOf": refs, "discriminator": {"propertyName": to_camel(discriminator),
                                                  "mapping": mapping}}

    def object_type(self, model: type[BaseModel]) -> str:
        tok = token(model.__name__)
        if tok in self.types:
            return tok
        self.types[tok] = {}  # placeholder against recursion
        props, required = self.properties(tok, model, {})
        spec: dict[str, Any] = {"type": "object", "description": _first_line(model.__doc__, model.__name__),
                                "properties": props}
        if required:
            spec["required"] = required
        self.types[tok] = spec
        return tok

    def properties(self, owner: str, model: type[BaseModel],
                   extra: Mapping[str, tuple[Any, str]]) -> tuple[dict[str, Any], list[str]]:
        props: dict[str, Any] = {}
        required: list[str] = []
        for name, info in model.model_fields.items():
            if name in DYNAMIC_ONLY:
                continue
            spec = {**self.spec(info.annotation, info), "description": _describe(name, info)}
            member = _member(model, name)
            if info.repr is False or (member is not None and member.secret and member.struct is None
                                      and member.type != "Image"):
                spec["secret"] = True
            if member is not None and member.replaces == "always":
                spec["willReplaceOnChanges"] = True
            camel = self.names.add(owner, name, spec)
            props[camel] = spec
            if info.is_required():
                required.append(camel)
        for name, (annotation, description) in extra.items():
            spec = {**self.spec(annotation, None), "description": description}
            props[self.names.add(owner, name, spec)] = spec
        return props, required


def _member(model: type[BaseModel], name: str) -> Member | None:
    """The field's definition in ``workloads.fields`` (workload specs and the structs they nest),
    found through the model's own record of its definition, never its class name."""
    found = definition(model)
    try:
        return found.member(name) if found is not None else None
    except KeyError:
        return None


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [m for m in get_args(annotation) if m is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _first_line(doc: str | None, default: str) -> str:
    text = (doc or default).strip()
    return " ".join(text.split("\n\n", 1)[0].split())


def _describe(name: str, info: FieldInfo) -> str:
    """The field's description (``workloads.fields`` for the workloads) and the API field it is sent
    as; plus values and bounds."""
    api = info.alias or info.serialization_alias
    text = info.description or _FALLBACK_DOCS.get(name) or f"TI-ONE's `{api or to_pascal(name)}`."
    if info.description and api and api != name:
        text = f"{text.rstrip('.')} (TI-ONE's `{api}`)."
    literal = _literal_values(info.annotation)
    if literal:
        text += " One of: " + ", ".join(f"`{v}`" for v in literal) + "."
    bounds = [_bound(m) for m in info.metadata]
    bounds += [_bound(m) for m in _annotated_metadata(info.annotation)]
    shown = [b for b in bounds if b]
    if shown:
        text = text.rstrip(".") + "; " + ", ".join(dict.fromkeys(shown)) + "."
    return text


def _literal_values(annotation: Any) -> tuple[Any, ...]:
    annotation = _strip_optional(annotation)
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return get_args(annotation) if get_origin(annotation) is Literal else ()


def _annotated_metadata(annotation: Any) -> list[Any]:
    annotation = _strip_optional(annotation)
    if get_origin(annotation) is Annotated:
        found: list[Any] = []
        for item in get_args(annotation)[1:]:
            found += list(getattr(item, "metadata", [])) or [item]
        return found
    return []


def _bound(item: Any) -> str | None:
    words = {annotated_types.Ge: (">=", "ge"), annotated_types.Gt: (">", "gt"),
             annotated_types.Le: ("<=", "le"), annotated_types.Lt: ("<", "lt")}
    for kind, (op, attr) in words.items():
        if isinstance(item, kind):
            return f"{op} {getattr(item, attr):g}"
    if isinstance(item, annotated_types.MinLen) and item.min_length > 0:
        return "non-empty" if item.min_length == 1 else f"at least {item.min_length} items"
    if isinstance(item, annotated_types.MaxLen):
        return f"at most {item.max_length} long"
    return None


# -- the package -----------------------------------------------------------------------------

@cache
def _build() -> tuple[dict[str, Any], PropertyNames]:
    builder = _Builder()
    resources: dict[str, Any] = {}
    functions: dict[str, Any] = {}
    kinds, lookups = _kinds()
    for kind in kinds:
        tok = token(kind.name)
        inputs, required = builder.properties(tok, kind.inputs, kind.extra_inputs)
        outputs = dict(inputs)
        for name, (annotation, description) in kind.outputs.items():
            spec = {**builder.spec(annotation, None), "description": description}
            if name in SECRET_OUTPUTS:
                spec["secret"] = True
            outputs[builder.names.add(tok, name, spec)] = spec
        resources[tok] = {
            "description": kind.description,
            "inputProperties": inputs,
            "requiredInputs": required,
            "properties": outputs,
            "required": sorted({to_camel(n) for n in kind.required_outputs}),
        }
    for kind in lookups:
        tok = token(kind.name)
        inputs, required = builder.properties(tok, kind.inputs, {})
        outputs = {}
        for name, (annotation, description) in kind.outputs.items():
            spec = {**builder.spec(annotation, None), "description": description}
            outputs[builder.names.add(tok, name, spec)] = spec
        functions[tok] = {
            "description": kind.description,
            "inputs": {"properties": inputs, "required": required, "type": "object"},
            "outputs": {"properties": outputs,
                        "required": sorted({to_camel(n) for n in kind.required_outputs}),
                        "type": "object"},
        }
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        key = setting.native.split(":", 1)[1]
        spec = {"type": setting.type, "description": setting.description}
        if setting.secret:
            spec["secret"] = True
        config[key] = spec
    document = {
        "name": PACKAGE,
        "displayName": "Tencent Cloud TI-ONE",
        "description": "TI-ONE platform images (resolved and pinned), notebooks and training tasks.",
        "keywords": ["pulumi", "tencentcloud", "tione", "category/cloud", "kind/native"],
        "homepage": "https://github.com/pulumi-tione/pulumi-tione",
        "license": "Apache-2.0",
        "publisher": "pulumi-tione",
        "repository": "https://github.com/pulumi-tione/pulumi-tione",
        "version": _version(),
        "meta": {"moduleFormat": "(.*)"},
        "config": {"variables": config},
        "provider": {
            "description": "The tione provider: where and as whom to call TI-ONE.",
            "inputProperties": config,
        },
        "types": dict(sorted(builder.types.items())),
        "resources": resources,
        "functions": functions,
        "language": LANGUAGE,
    }
    return document, builder.names


# The options Pulumi's code generators read (``make sdks``: sdk/nodejs, sdk/go; schema.json).
LANGUAGE: dict[str, Any] = {
    "python": {"packageName": "pulumi_tione_native"},
    "nodejs": {"packageName": "@pulumi-tione/tione",
               "packageDescription": "Tencent Cloud TI-ONE: platform images (resolved and pinned), "
                                     "notebooks and training tasks.",
               "typescriptVersion": "^5.4.0",
               "respectSchemaVersion": True},
    "go": {"importBasePath": "github.com/pulumi-tione/pulumi-tione/sdk/go/tione",
           "generateResourceContainerTypes": True,
           "respectSchemaVersion": True},
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pulumi-tione")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def package_schema() -> dict[str, Any]:
    """The ``tione`` package schema (a fresh copy of the generated document)."""
    import copy

    return copy.deepcopy(_build()[0])


def property_names() -> PropertyNames:
    """The camelCase <-> snake_case tables the wire conversion uses."""
    return _build()[1]


RESOURCES = ("PlatformImage", "PlatformImages", *KINDS)
FUNCTIONS = ("getPlatformImage", "getPlatformImages")
