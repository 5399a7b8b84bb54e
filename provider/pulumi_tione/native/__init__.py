"""The native ``tione`` Pulumi provider plugin: the same core as the dynamic resources, for every
Pulumi language.

- ``package_schema()``: the package schema (``native.schema``, generated from the argument models);
- ``TioneProvider``: the ``pulumi.provider.experimental`` provider (``native.provider``);
- ``main()``: the ``pulumi-resource-tione`` executable (``pulumi-resource-tione <engine address>``).

See docs/native-provider.md.
"""

from __future__ import annotations

from .provider import TioneProvider, main
from .schema import package_schema

__all__ = ["TioneProvider", "main", "package_schema"]
