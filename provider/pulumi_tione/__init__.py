"""pulumi-tione: reference Tencent Cloud TI-ONE platform images from Pulumi and Python.

Resolve a TI-ONE platform image by name or filters (``lookup_platform_image``,
``list_platform_images``), or declare it in a Pulumi stack (``PlatformImage``, ``PlatformImages``)
so that its ImageId and ImageUrl are pinned in state and drift is detected, or look it up on every
run without state (``get_platform_image[_output]``, ``get_platform_images[_output]``).
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
    LookupFailedError,
    MalformedResponseError,
    NetworkError,
    RequestRejectedError,
    ServiceError,
    ThrottledError,
    TioneError,
    TransientApiError,
)
from .images.catalog import list_platform_images, lookup_platform_image
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
from .stack.resources import PlatformImage, PlatformImages

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
    "LookupFailedError",
    "MalformedResponseError",
    "NetworkError",
    "PlatformImage",
    "PlatformImageInfo",
    "PlatformImages",
    "RequestRejectedError",
    "ServiceError",
    "ThrottledError",
    "TioneError",
    "TransientApiError",
    "get_platform_image",
    "get_platform_image_output",
    "get_platform_images",
    "get_platform_images_output",
    "list_platform_images",
    "lookup_platform_image",
]
