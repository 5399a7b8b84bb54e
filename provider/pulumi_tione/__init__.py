"""pulumi-tione: reference Tencent Cloud TI-ONE platform images from Pulumi and Python.

Resolve a TI-ONE platform image by name or filters (``lookup_platform_image``,
``list_platform_images``), or declare it in a Pulumi stack (``PlatformImage``, ``PlatformImages``)
so that its ImageId and ImageUrl are pinned in state and drift is detected.
"""

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
    InvalidWorkloadError,
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
    WaitTimeoutError,
    WorkloadError,
    WorkloadFailedError,
)
from .images.catalog import list_platform_images, lookup_platform_image
from .images.models import ExtraAttribute, ImageFilter, ImageQuery, PlatformImageInfo
from .stack.resources import Notebook, PlatformImage, PlatformImages, TrainingTask

__all__ = [
    "AmbiguousImageError",
    "ApiError",
    "AuthError",
    "ConfigurationError",
    "CredentialsNotFoundError",
    "ExtraAttribute",
    "ImageFilter",
    "ImageNotFoundError",
    "ImageQuery",
    "InconsistentCatalogError",
    "InvalidExportError",
    "InvalidQueryError",
    "InvalidWorkloadError",
    "LookupFailedError",
    "MalformedResponseError",
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
    "WaitTimeoutError",
    "WorkloadError",
    "WorkloadFailedError",
    "list_platform_images",
    "lookup_platform_image",
]
