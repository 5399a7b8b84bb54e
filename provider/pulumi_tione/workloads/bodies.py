"""Request bodies of the notebook and training task actions, derived from ``workloads.fields``.

Every argument the definitions mark ``sent`` goes under its API name, nested structs converted
member by member (``to_api``); four are sent their own way:

- ``name`` -> ``Name`` (required: the provider names the object before it is created),
  ``workspace`` -> ``TiProjectId``, ``tags`` -> ``Tags [{TagKey, TagValue}]`` sorted by key;
- ``image`` (``../shared/notes/tione-workloads.md``; examples.json of the API):
  notebook, platform image: ``ImageInfo {ImageType: "SYSTEM", ImageUrl, ImageName}`` and the
  top-level ``ImageType: "SYSTEM"``; training task, platform image: ``FrameworkName`` (the
  image's Framework), ``FrameworkEnvironment`` (its ImageName) and ``FrameworkVersion``, no
  ``ImageInfo`` (the API documents it as the *custom* image); custom image, both: ``ImageInfo
  {ImageType: TCR|CCR|CUSTOM, ImageUrl, RegistryRegion, RegistryId, ImageSecret}``, and a notebook
  also gets the top-level ``ImageType`` for TCR/CCR (the field documents SYSTEM, TCR and CCR).

A platform image is never sent as a ``TCR`` image: that would name an image in the user's own
registry. The builders take the arguments as plain snake_case data (a spec's
``model_dump(mode="json")``), so a body can be built for any argument set, checked or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fields import NOTEBOOK, STRUCTS, TRAINING_TASK, WorkloadFields
from .models import NotebookSpec, TrainingTaskSpec

__all__ = ["image_info", "notebook_body", "request_body", "tags_body", "to_api", "training_task_body"]

_OWN_WAY = ("name", "workspace", "tags", "image")


def to_api(type_: str, value: Any) -> Any:
    """``value`` of the definitions' ``type_`` in the API's shape (struct members renamed, unset left out)."""
    if value is None:
        return None
    if type_.startswith("["):
        return [to_api(type_[1:-1], v) for v in value] if isinstance(value, list | tuple) else value
    struct = STRUCTS.get(type_)
    if struct is not None and isinstance(value, Mapping):
        out = {}
        for m in struct.members:
            item = to_api(m.type, value.get(m.name))
            if m.api is not None and item is not None:
                out[m.api] = item
        return out
    if type_ == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def tags_body(tags: Mapping[str, str] | None) -> list[dict[str, str]]:
    """``tags`` as the API's ``[{TagKey, TagValue}]``, sorted by key (stable bodies)."""
    return [{"TagKey": k, "TagValue": v} for k, v in sorted((tags or {}).items())]


def image_info(image: Mapping[str, Any]) -> dict[str, Any]:
    """The ``ImageInfo`` struct for an ``image`` argument (a platform image as ``SYSTEM``)."""
    if image.get("kind") == "platform":
        info = {"ImageType": "SYSTEM", "ImageUrl": image.get("image_url"),
                "ImageName": image.get("image_name")}
        return {k: v for k, v in info.items() if v is not None}
    return dict(to_api("CustomImage", image))


def request_body(
    fields: WorkloadFields, args: Mapping[str, Any], object_id: str | None = None
) -> dict[str, Any]:
    """The create body of ``fields.kind`` from ``args``; with ``object_id`` the ``ModifyNotebook`` body."""
    name = args.get("name")
    if not name:
        raise ValueError("the workload has no name yet; check() assigns one")
    body: dict[str, Any] = {"Id": object_id} if object_id is not None else {}
    body["Name"] = name
    if args.get("workspace"):
        body["TiProjectId"] = args["workspace"]
    if args.get("tags") or object_id is not None:
        body["Tags"] = tags_body(args.get("tags"))
    for m in fields.members:
        if not m.sent or m.api is None or m.name in _OWN_WAY or (object_id is not None and not m.modify):
            continue
        value = to_api(m.type, args.get(m.name, m.default))
        if value is not None:
            body[m.api] = value
    image = args.get("image")
    if not isinstance(image, Mapping):
        return body
    if fields is TRAINING_TASK and image.get("kind") == "platform":
        platform = {"FrameworkName": image.get("framework"), "FrameworkEnvironment": image.get("image_name"),
                    "FrameworkVersion": image.get("framework_version")}
        body.update({k: v for k, v in platform.items() if v})
        return body
    body["ImageInfo"] = image_info(image)
    if fields is NOTEBOOK and body["ImageInfo"].get("ImageType") in ("SYSTEM", "TCR", "CCR"):
        body["ImageType"] = body["ImageInfo"]["ImageType"]
    return body


def notebook_body(spec: NotebookSpec, notebook_id: str | None = None) -> dict[str, Any]:
    """The ``CreateNotebook`` body, or with ``notebook_id`` the whole-object ``ModifyNotebook`` body."""
    return request_body(NOTEBOOK, spec.model_dump(exclude_none=True, mode="json"), notebook_id)


def training_task_body(spec: TrainingTaskSpec) -> dict[str, Any]:
    """The ``CreateTrainingTask`` body."""
    return request_body(TRAINING_TASK, spec.model_dump(exclude_none=True, mode="json"))
