"""``pulumi import`` of a notebook or training task: its arguments, read back from ``Describe*``.

``live_arguments`` walks the workload's field definitions (``workloads.fields``): each argument
the ``Describe*`` detail reports is read back (``workloads.compare.from_api``), nested structs and
lists of structs member by member, so whatever the definitions declare is imported.
Values TI-ONE reports for "unset" (``""``, ``0``, empty lists and structs: ``norm``) are left
out, as are the provider's own tag (``OWNER_TAG``) and TI-ONE's ``qcs:`` tags. The image is
described the way a program declares it: a platform image as the catalog entry TI-ONE names
(``platform_image_ref``, what a ``PlatformImage`` outputs), a custom image by its registry
fields (its ``image_secret`` is never reported, so an imported custom image with registry
credentials needs them declared again).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pulumi_tione.images.models import PlatformImageInfo
from pulumi_tione.workloads.compare import OWNER_TAG, from_api, norm
from pulumi_tione.workloads.compare import live_tags as user_tags
from pulumi_tione.workloads.fields import STRUCTS, WorkloadFields
from pulumi_tione.workloads.models import CustomImage, PlatformImageRef, platform_image_ref

__all__ = ["OWNER_TAG", "ImageFinder", "live_arguments", "live_image", "norm", "user_tags"]

_CUSTOM_TYPES = ("TCR", "CCR", "CUSTOM")
_SKIPPED = ("image", "tags", "name_prefix", "timeouts", "region", "workspace", "running", "wait_for")


ImageFinder = Callable[[str | None, str | None], PlatformImageInfo | None]
"""Finds a catalog image by ImageName (or, failing that, ImageUrl)."""


def live_arguments(fields: WorkloadFields, detail: Mapping[str, Any],
                   find_image: ImageFinder) -> dict[str, Any]:
    """The arguments of ``fields`` (a workload's definitions) that ``detail`` reports, image included."""
    args: dict[str, Any] = {}
    for m in fields.members:
        if m.reported and m.api is not None and m.api in detail and m.name not in _SKIPPED:
            value = norm(_without_false(m.type, from_api(m.type, detail[m.api], None)))
            if value is not None:
                args[m.name] = value
    tags = user_tags(detail.get("Tags"))
    if tags:
        args["tags"] = tags
    image = live_image(detail, find_image)
    if image is not None:
        args["image"] = image
    return args


def _without_false(type_: str, value: Any) -> Any:
    """``value`` without the ``false`` struct members TI-ONE reports for "not set" (e.g.
    ``RDMAConfig.Enable``), so an import matches a program that does not declare them."""
    if type_.startswith("[") and isinstance(value, list):
        return [_without_false(type_[1:-1], v) for v in value]
    struct = STRUCTS.get(type_)
    if struct is None or not isinstance(value, Mapping):
        return value
    out: dict[str, Any] = {}
    for m in struct.members:
        if m.name in value:
            inner = _without_false(m.type, value[m.name])
            if inner is not False or m.default is True:
                out[m.name] = inner
    return out


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
