"""The native ``tione`` Pulumi provider plugin: the same core as the dynamic resources, for every
Pulumi language.

- ``package_schema()``: the package schema (``native.schema``, generated from the argument models);
- ``TioneProvider``: the ``pulumi.provider.experimental`` provider (``native.provider``);
- ``main()``: the ``pulumi-resource-tione`` executable (``pulumi-resource-tione <engine address>``;
  ``native.boot``: it serves at once, answers ``GetSchema`` from ``schema.json`` and imports the
  provider on the first other call).

Names load on first use (PEP 562), so ``native.schema``/``native.names`` (read by ``tione-images
drift``) import neither ``pulumi`` nor ``grpc``. See docs/native-provider.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .boot import main
    from .provider import TioneProvider
    from .schema import package_schema

__all__ = ["TioneProvider", "main", "package_schema"]


def __getattr__(name: str) -> Any:
    if name == "main":
        from .boot import main

        return main
    if name == "TioneProvider":
        from .provider import TioneProvider

        return TioneProvider
    if name == "package_schema":
        from .schema import package_schema

        return package_schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
