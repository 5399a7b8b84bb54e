"""Request bodies of the notebook and training task actions, built from validated specs.

How the image is sent (``../shared/notes/tione-workloads.md``; examples.json of the API):

- notebook, platform image: ``ImageInfo {ImageType: "SYSTEM", ImageUrl, ImageName}`` and the
  top-level ``ImageType: "SYSTEM"``;
- training task, platform image: ``FrameworkName`` (the image's Framework),
  ``FrameworkEnvironment`` (its ImageName) and ``FrameworkVersion``; no ``ImageInfo`` (the API
  documents it as the *custom* image);
- custom image, both: ``ImageInfo {ImageType: TCR|CCR|CUSTOM, ImageUrl, RegistryRegion,
  RegistryId, ImageSecret}``; a notebook also gets the top-level ``ImageType`` for TCR/CCR (the
  field documents SYSTEM, TCR and CCR only, so it is left out for CUSTOM).

A platform image is never sent as a ``TCR`` image: that would name an image in the user's own
registry. ``name`` must be set (the provider names the object before it is created).
"""

from __future__ import annotations

from typing import Any

from .models import CustomImage, NotebookSpec, PlatformImageRef, TrainingTaskSpec

__all__ = ["image_info", "notebook_body", "tags_body", "training_task_body"]

_NOTEBOOK_FIELDS = (
    "charge_type", "resource_conf", "log_enable", "root_access", "auto_stopping",
    "direct_internet_access", "resource_group_id", "vpc_id", "subnet_id", "volume_source_type",
    "volume_size_in_gb", "volume_source_cfs", "log_config", "lifecycle_script_id",
    "default_code_repo_id", "additional_code_repo_ids", "automatic_stop_time", "data_configs",
    "ssh_config", "description",
)
_TASK_FIELDS = (
    "charge_type", "resource_config_infos", "resource_group_id", "code_package_path",
    "start_cmd_info", "training_mode", "data_configs", "vpc_id", "subnet_id", "output",
    "log_config", "tuning_parameters", "log_enable", "remark", "data_source", "callback_url", "envs",
)


def tags_body(tags: dict[str, str] | None) -> list[dict[str, str]]:
    """``tags`` as the API's ``[{TagKey, TagValue}]``, sorted by key (stable bodies)."""
    return [{"TagKey": k, "TagValue": v} for k, v in sorted((tags or {}).items())]


def image_info(image: CustomImage | PlatformImageRef) -> dict[str, Any]:
    """The ``ImageInfo`` struct for ``image`` (a platform image as ``SYSTEM``)."""
    if isinstance(image, PlatformImageRef):
        info = {"ImageType": "SYSTEM", "ImageUrl": image.image_url, "ImageName": image.image_name}
        return {k: v for k, v in info.items() if v is not None}
    return {k: v for k, v in image.api().items() if k != "Kind"}


def _fields(spec: NotebookSpec | TrainingTaskSpec, names: tuple[str, ...]) -> dict[str, Any]:
    dumped = spec.model_dump(by_alias=True, exclude_none=True, mode="json", include=set(names))
    return dict(dumped)


def _common(spec: NotebookSpec | TrainingTaskSpec) -> dict[str, Any]:
    if spec.name is None:
        raise ValueError("the workload has no name yet; check() assigns one")
    body: dict[str, Any] = {"Name": spec.name}
    if spec.workspace:
        body["TiProjectId"] = spec.workspace
    if spec.tags:
        body["Tags"] = tags_body(spec.tags)
    return body


def notebook_body(spec: NotebookSpec, notebook_id: str | None = None) -> dict[str, Any]:
    """The ``CreateNotebook`` body, or with ``notebook_id`` the whole-object ``ModifyNotebook`` body."""
    body = _common(spec)
    if notebook_id is not None:
        body = {"Id": notebook_id, **body}
        body.setdefault("Tags", [])
    body.update(_fields(spec, _NOTEBOOK_FIELDS))
    body["ImageInfo"] = image_info(spec.image)
    image_type = body["ImageInfo"]["ImageType"]
    if image_type in ("SYSTEM", "TCR", "CCR"):
        body["ImageType"] = image_type
    return body


def training_task_body(spec: TrainingTaskSpec) -> dict[str, Any]:
    """The ``CreateTrainingTask`` body."""
    body = _common(spec)
    body.update(_fields(spec, _TASK_FIELDS))
    image = spec.image
    if isinstance(image, PlatformImageRef):
        platform = {"FrameworkName": image.framework, "FrameworkEnvironment": image.image_name,
                    "FrameworkVersion": image.framework_version}
        body.update({k: v for k, v in platform.items() if v})
    else:
        body["ImageInfo"] = image_info(image)
    return body
