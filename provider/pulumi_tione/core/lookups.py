"""The stateless lookups ``getPlatformImage`` / ``getPlatformImages`` over plain dicts.

The native plugin serves them as invokes. They take the query arguments of
``ImageQuery``/``ImageFilter`` (snake_case; ``workspace`` defaults to config ``tione:workspace``)
and return the outputs the resources record (``core.state``: one image's outputs plus
``image_info``; or ``images``/``ids``/``names``/``count``), the effective ``region`` and the
validated ``query``. Every call in a process shares the per-process catalog cache
(``catalog.PROCESS``: one fetch per endpoint, region, workspace and credentials).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_tione.images.catalog import PROCESS, fetch_catalog, settings_for
from pulumi_tione.images.models import ImageFilter, ImageQuery

from .config import WORKSPACE_KEY
from .state import ImageArguments, PlatformImageDocument, PlatformImagesDocument

__all__ = ["get_platform_image", "get_platform_images"]


def _given(args: Mapping[str, Any]) -> dict[str, Any]:
    given = {k: v for k, v in args.items() if v is not None}
    workspace = PROCESS.config.get(WORKSPACE_KEY)
    if workspace and "workspace" not in given:
        given["workspace"] = workspace
    return given


def get_platform_image(args: Mapping[str, Any]) -> dict[str, Any]:
    """One image picked by the query ``args``; raises the library's errors on a miss."""
    query = ImageQuery.parse(_given(args))
    settings = settings_for(query)
    image = fetch_catalog(settings, query.workspace).resolve(query)
    doc = PlatformImageDocument.resolved_to(image, ImageArguments(query), settings.region)
    return {**doc.resolved, "region": settings.region,
            "query": query.model_dump(exclude_none=True, mode="json")}


def get_platform_images(args: Mapping[str, Any]) -> dict[str, Any]:
    """Every image matching the filters ``args``, in catalog order."""
    query = ImageFilter.parse(_given(args))
    settings = settings_for(query)
    images = fetch_catalog(settings, query.workspace).filter(query)
    doc = PlatformImagesDocument.resolved_to(images, ImageArguments(query), settings.region)
    return {**doc.resolved, "count": len(images), "region": settings.region,
            "query": query.model_dump(exclude_none=True, mode="json")}
