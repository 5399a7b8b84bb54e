"""The dynamic providers of ``PlatformImage`` and ``PlatformImages`` (adapters over ``core.images``).

Users' state pickles ``__provider`` by reference to these classes (0.1.0 state names them
``pulumi_tione.dynamic.*``, an alias kept for good), so they stay here, importable and working.
They are thin adapters (``stack.dynamic_adapter``): the behaviour — validation, pinning, the
table of what each input change does — is ``core.images``' and documented there.
"""

from __future__ import annotations

from pulumi_tione.core.config import CONFIG_KEYS
from pulumi_tione.core.images import PlatformImageCore, PlatformImagesCore
from pulumi_tione.core.results import ProviderOperationError
from pulumi_tione.core.state import IMAGE_OUTPUTS, LIST_OUTPUTS

from .dynamic_adapter import DynamicAdapter

__all__ = [
    "CONFIG_KEYS",
    "IMAGE_OUTPUTS",
    "LIST_OUTPUTS",
    "PlatformImageProvider",
    "PlatformImagesProvider",
    "ProviderOperationError",
]


class PlatformImageProvider(DynamicAdapter):
    """Provider for ``PlatformImage`` (type token ``pulumi-python:dynamic/tione:PlatformImage``)."""

    core = PlatformImageCore()


class PlatformImagesProvider(DynamicAdapter):
    """Provider for ``PlatformImages`` (type token ``pulumi-python:dynamic/tione:PlatformImages``)."""

    core = PlatformImagesCore()
