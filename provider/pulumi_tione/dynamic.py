"""Compatibility alias: stacks written by 0.1.0 pickled ``__provider`` as ``pulumi_tione.dynamic.*``.

The engine loads the provider from the state's own ``__provider`` for refresh and destroy, so this
import path must keep resolving to the providers for as long as such state may exist.
"""

from .stack.image_provider import PlatformImageProvider, PlatformImagesProvider

__all__ = ["PlatformImageProvider", "PlatformImagesProvider"]
