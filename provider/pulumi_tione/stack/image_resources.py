"""The ``PlatformImage``/``PlatformImages`` resource classes (``image_provider`` does the work).

They hold no cloud object: they resolve a query at preview, pin the result in state and report
drift on ``pulumi refresh``. Their keyword arguments are ``images.models.ImageQuery``'s, written
out so type checkers see them (``tests/test_criteria_parity.py`` holds the two together).
"""

from typing import Any

import pulumi
from pulumi.dynamic import Resource

from .image_provider import IMAGE_OUTPUTS, LIST_OUTPUTS, PlatformImageProvider, PlatformImagesProvider
from .resource_support import arguments as _arguments
from .resource_support import pickler_guard as _pickler_guard
from .resource_support import props as _props

__all__ = ["PlatformImage", "PlatformImages"]


class PlatformImage(Resource, module="tione", name="PlatformImage"):
    """One TI-ONE platform image picked by a query, resolved at preview and pinned in state.

    The arguments are ``ImageQuery``'s (each documented on its field; at least one criterion, all
    must hold). ``select`` is ``"unique"`` (default; several matches is an error) or ``"highest_version"``;
    ``policy`` is ``"pin"`` (default; keep the image in state) or ``"track"`` (re-resolve each up).
    """

    image_id: pulumi.Output[str]
    image_url: pulumi.Output[str | None]
    image_name: pulumi.Output[str | None]
    image_type: pulumi.Output[str | None]
    framework: pulumi.Output[str | None]
    framework_version: pulumi.Output[str | None]
    support_gpu_list: pulumi.Output[list[str] | None]
    image_range: pulumi.Output[list[str] | None]
    registry_region: pulumi.Output[str | None]
    registry_id: pulumi.Output[str | None]
    description: pulumi.Output[str | None]
    extra_attributes: pulumi.Output[dict[str, Any]]
    support_distributed_deploy: pulumi.Output[bool | None]
    region_scope: pulumi.Output[str | None]
    region: pulumi.Output[str]
    image_info: pulumi.Output[dict[str, str]]
    query: pulumi.Output[dict[str, Any]]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str] | None = None,
        image_id: pulumi.Input[str] | None = None,
        name_regex: pulumi.Input[str] | None = None,
        image_range: pulumi.Input[str] | None = None,
        framework: pulumi.Input[str] | None = None,
        framework_version: pulumi.Input[str] | None = None,
        gpu: pulumi.Input[str] | None = None,
        support_data_pipeline: pulumi.Input[bool] | None = None,
        allow_save_all_content: pulumi.Input[bool] | None = None,
        training_mode: pulumi.Input[str] | None = None,
        support_distributed_deploy: pulumi.Input[bool] | None = None,
        select: pulumi.Input[str] | None = None,
        policy: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = _arguments(locals())
        with _pickler_guard():
            super().__init__(PlatformImageProvider(), resource_name, _props(IMAGE_OUTPUTS, args), opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> "PlatformImage":
        """Read an existing image reference by ImageId (the way to adopt one; ``pulumi import`` cannot)."""
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return PlatformImage(resource_name, opts=opts)


class PlatformImages(Resource, module="tione", name="PlatformImages"):
    """Every TI-ONE platform image matching the filters (same arguments as ``PlatformImage``, no
    ``select``; no filter at all lists the whole catalog), resolved at preview and pinned in state."""

    images: pulumi.Output[list[dict[str, Any]]]
    ids: pulumi.Output[list[str]]
    names: pulumi.Output[list[str]]
    count: pulumi.Output[int]
    region: pulumi.Output[str]
    query: pulumi.Output[dict[str, Any]]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str] | None = None,
        image_id: pulumi.Input[str] | None = None,
        name_regex: pulumi.Input[str] | None = None,
        image_range: pulumi.Input[str] | None = None,
        framework: pulumi.Input[str] | None = None,
        framework_version: pulumi.Input[str] | None = None,
        gpu: pulumi.Input[str] | None = None,
        support_data_pipeline: pulumi.Input[bool] | None = None,
        allow_save_all_content: pulumi.Input[bool] | None = None,
        training_mode: pulumi.Input[str] | None = None,
        support_distributed_deploy: pulumi.Input[bool] | None = None,
        policy: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = _arguments(locals())
        with _pickler_guard():
            super().__init__(PlatformImagesProvider(), resource_name, _props(LIST_OUTPUTS, args), opts)
        self.count = self.count.apply(lambda n: int(n) if isinstance(n, float) else n)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> "PlatformImages":
        """Read an existing image list by its id (it lists the whole catalog: no filters are known)."""
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return PlatformImages(resource_name, opts=opts)
