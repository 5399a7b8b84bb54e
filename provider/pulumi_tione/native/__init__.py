"""The native ``tione`` Pulumi provider plugin: the same core as the dynamic resources, for every
Pulumi language.

- ``package_schema()``: the package schema (``native.schema``, generated from the argument models);
- ``TioneProvider``: the ``pulumi.provider.experimental`` provider (``native.provider``);
- ``main()``: the ``pulumi-resource-tione`` executable (``pulumi-resource-tione <engine address>``).

Names load on first use (PEP 562), so ``native.schema``/``native.names`` (read by ``tione-images
drift``) import neither ``pulumi`` nor ``grpc``. See docs/native-provider.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .provider import TioneProvider, main
    from .schema import package_schema

__all__ = ["TioneProvider", "main", "package_schema"]


def __getattr__(name: str) -> Any:
    if name in ("TioneProvider", "main"):
        from . import provider

        return getattr(provider, name)
    if name == "package_schema":
        from .schema import package_schema

        return package_schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
