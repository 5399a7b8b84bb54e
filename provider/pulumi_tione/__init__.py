"""pulumi-tione: reference Tencent Cloud TI-ONE platform images from Pulumi and Python.

Resolve a TI-ONE platform image by name or filters (``lookup_platform_image``,
``list_platform_images``), or declare it in a Pulumi stack (``PlatformImage``, ``PlatformImages``)
so that its ImageId and ImageUrl are pinned in state and drift is detected, or look it up on every
run without state (``get_platform_image[_output]``, ``get_platform_images[_output]``).

Every public name is loaded on first use (PEP 562), so each way in imports only its own layer:
``from pulumi_tione import lookup_platform_image`` never imports ``pulumi`` or ``grpc``, and
``import pulumi_tione.emulator`` imports nothing of this package's other layers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import (
        AmbiguousImageError,
        ApiError,
        AuthError,
        ConfigurationError,
        CredentialsNotFoundError,
        ImageNotFoundError,
        InconsistentCatalogError,
        InvalidExportError,
        InvalidQueryError,
        InvalidStateError,
        InvalidWorkloadError,
        ListingLimitError,
        LookupFailedError,
        MalformedResponseError,
        NameConflictError,
        NetworkError,
        RequestRejectedError,
        ResourceNotFoundError,
        ServiceError,
        ThrottledError,
        TioneError,
        TransientApiError,
        UnreachableEndpointError,
        WaitTimeoutError,
        WorkloadError,
        WorkloadFailedError,
    )
    from .images.catalog import clear_catalog_cache, list_platform_images, lookup_platform_image
    from .images.models import ExtraAttribute, ImageFilter, ImageQuery, PlatformImageInfo
    from .stack.functions import (
        AwaitableGetPlatformImageResult,
        AwaitableGetPlatformImagesResult,
        GetPlatformImageResult,
        GetPlatformImagesImageResult,
        GetPlatformImagesResult,
        get_platform_image,
        get_platform_image_output,
        get_platform_images,
        get_platform_images_output,
    )
    from .stack.resources import ModelService, Notebook, PlatformImage, PlatformImages, TrainingTask

_ERRORS = (
    "AmbiguousImageError", "ApiError", "AuthError", "ConfigurationError", "CredentialsNotFoundError",
    "ImageNotFoundError", "InconsistentCatalogError", "InvalidExportError", "InvalidQueryError",
    "InvalidStateError", "ListingLimitError", "LookupFailedError", "MalformedResponseError",
    "NetworkError", "RequestRejectedError", "ServiceError", "ThrottledError", "TioneError",
    "TransientApiError", "UnreachableEndpointError",
    "InvalidWorkloadError", "NameConflictError", "ResourceNotFoundError", "WaitTimeoutError",
    "WorkloadError", "WorkloadFailedError",
)
_FUNCTIONS = (
    "AwaitableGetPlatformImageResult", "AwaitableGetPlatformImagesResult", "GetPlatformImageResult",
    "GetPlatformImagesImageResult", "GetPlatformImagesResult", "get_platform_image",
    "get_platform_image_output", "get_platform_images", "get_platform_images_output",
)
_SOURCES: dict[str, str] = {
    **dict.fromkeys(_ERRORS, ".errors"),
    "clear_catalog_cache": ".images.catalog",
    "list_platform_images": ".images.catalog",
    "lookup_platform_image": ".images.catalog",
    "ExtraAttribute": ".images.models",
    "ImageFilter": ".images.models",
    "ImageQuery": ".images.models",
    "PlatformImageInfo": ".images.models",
    **dict.fromkeys(_FUNCTIONS, ".stack.functions"),
    "PlatformImage": ".stack.resources",
    "PlatformImages": ".stack.resources",
    "ModelService": ".stack.resources",
    "Notebook": ".stack.resources",
    "TrainingTask": ".stack.resources",
}

__all__ = [
    "AmbiguousImageError",
    "ApiError",
    "AuthError",
    "AwaitableGetPlatformImageResult",
    "AwaitableGetPlatformImagesResult",
    "ConfigurationError",
    "CredentialsNotFoundError",
    "ExtraAttribute",
    "GetPlatformImageResult",
    "GetPlatformImagesImageResult",
    "GetPlatformImagesResult",
    "ImageFilter",
    "ImageNotFoundError",
    "ImageQuery",
    "InconsistentCatalogError",
    "InvalidExportError",
    "InvalidQueryError",
    "InvalidStateError",
    "InvalidWorkloadError",
    "ListingLimitError",
    "LookupFailedError",
    "MalformedResponseError",
    "ModelService",
    "NameConflictError",
    "NetworkError",
    "Notebook",
    "PlatformImage",
    "PlatformImageInfo",
    "PlatformImages",
    "RequestRejectedError",
    "ResourceNotFoundError",
    "ServiceError",
    "ThrottledError",
    "TioneError",
    "TrainingTask",
    "TransientApiError",
    "UnreachableEndpointError",
    "WaitTimeoutError",
    "WorkloadError",
    "WorkloadFailedError",
    "clear_catalog_cache",
    "get_platform_image",
    "get_platform_image_output",
    "get_platform_images",
    "get_platform_images_output",
    "list_platform_images",
    "lookup_platform_image",
]


def __getattr__(name: str) -> Any:
    """Import the module that defines public ``name`` on first access and cache the value."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(source, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not (the submodules are reached by their own import)."""
    return sorted(__all__)
