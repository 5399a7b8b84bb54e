"""``pulumi import`` of a notebook or training task: its arguments, read back from ``Describe*``.

``live_arguments`` walks the spec model's fields (``workloads.models``) generically: each field
the API reports under its API name (the field's serialization alias) is read back, nested
structs and lists of structs field by field, so whatever the models declare is imported.
Values TI-ONE reports for "unset" (``""``, ``0``, empty lists and structs: ``norm``) are left
out, as are the provider's own tag (``OWNER_TAG``) and TI-ONE's ``qcs:`` tags. The image is
described the way a program declares it: a platform image as the catalog entry TI-ONE names
(``platform_image_ref``, what a ``PlatformImage`` outputs), a custom image by its registry
fields (its ``image_secret`` is never reported, so an imported custom image with registry
credentials needs them declared again).
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from pulumi_tione.images.models import PlatformImageInfo
from pulumi_tione.workloads.compare import OWNER_TAG, norm
from pulumi_tione.workloads.compare import live_tags as user_tags
from pulumi_tione.workloads.models import CustomImage, PlatformImageRef, platform_image_ref

__all__ = ["OWNER_TAG", "ImageFinder", "live_arguments", "live_image", "norm", "user_tags"]

_CUSTOM_TYPES = ("TCR", "CCR", "CUSTOM")
_SKIPPED = ("image", "tags", "name_prefix", "timeouts", "region", "workspace", "running", "wait_for")


def _api_name(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    return str(info.serialization_alias or info.alias or name)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) is Annotated:
        return _model_of(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        found = [m for a in get_args(annotation) if (m := _model_of(a)) is not None]
        return found[0] if len(found) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _list_item(annotation: Any) -> Any | None:
    if get_origin(annotation) is Annotated:
        return _list_item(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        items = [i for a in get_args(annotation) if (i := _list_item(a)) is not None]
        return items[0] if items else None
    if get_origin(annotation) is list:
        return get_args(annotation)[0]
    return None


def _convert(annotation: Any, value: Any) -> Any:
    model = _model_of(annotation)
    if model is not None and isinstance(value, Mapping):
        return _struct(model, value)
    item = _list_item(annotation)
    if item is not None and isinstance(value, list):
        return [_convert(item, v) for v in value]
    return value


def _struct(model: type[BaseModel], value: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        api = _api_name(model, name)
        if api in value:
            converted = norm(_convert(info.annotation, value[api]))
            if converted is not None:
                out[name] = converted
    return out


ImageFinder = Callable[[str | None, str | None], PlatformImageInfo | None]
"""Finds a catalog image by ImageName (or, failing that, ImageUrl)."""


def live_arguments(model: type[BaseModel], detail: Mapping[str, Any],
                   find_image: ImageFinder) -> dict[str, Any]:
    """The arguments of ``model`` (a workload spec) that ``detail`` reports, image included."""
    args = {name: value for name, value in _struct(model, detail).items() if name not in _SKIPPED}
    tags = user_tags(detail.get("Tags"))
    if tags:
        args["tags"] = tags
    image = live_image(detail, find_image)
    if image is not None:
        args["image"] = image
    return args


def live_image(detail: Mapping[str, Any], find_image: ImageFinder) -> dict[str, Any] | None:
    """The ``image`` argument that describes what ``detail`` runs (see the module docstring)."""
    raw = detail.get("ImageInfo")
    info: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
    kind = str(info.get("ImageType") or "")
    if kind not in _CUSTOM_TYPES:  # SYSTEM (notebooks), PRE_SET (training tasks), or none
        name = info.get("ImageName") or detail.get("FrameworkEnvironment")
        url = info.get("ImageUrl")
        found = find_image(str(name) if name else None, str(url) if url else None)
        if found is not None:
            return platform_image_ref(found).model_dump(exclude_none=True, mode="json")
        if not (name or url):
            return None
        return PlatformImageRef(kind="platform", image_name=name or None, image_url=url or None,
                                framework=detail.get("FrameworkName") or None,
                                framework_version=detail.get("FrameworkVersion") or None,
                                ).model_dump(exclude_none=True, mode="json")
    fields = (("image_url", "ImageUrl"), ("registry_region", "RegistryRegion"), ("registry_id", "RegistryId"))
    custom = {k: info.get(api) for k, api in fields if info.get(api)}
    ref = CustomImage.model_validate({"kind": "custom", "image_type": kind, **custom})
    return ref.model_dump(exclude_none=True, mode="json")
