"""The Pulumi type token of every resource kind, through both ways in: the one table.

A dynamic resource's token is ``pulumi-python:dynamic/tione:<Kind>`` (the Python SDK's dynamic
provider prefixes ``dynamic/``; 0.1.0 state carries it), a native one ``tione:index:<Kind>``
(the ``tione`` plugin's schema). The state documents, the native schema, ``drift`` and
``policy`` take tokens from here. Plain strings over the plain-data definitions (no pydantic):
policy packs load it cheaply.
"""

from __future__ import annotations

from pulumi_tione.workloads.fields import KINDS as _DEFINED

__all__ = ["IMAGE_KINDS", "KINDS", "MODULE", "PACKAGE", "WORKLOAD_KINDS", "dynamic_token", "kind_of",
           "native_token", "tokens"]

PACKAGE = "tione"
MODULE = "index"
IMAGE_KINDS = ("PlatformImage", "PlatformImages")
WORKLOAD_KINDS = tuple(_DEFINED)
"""The workload kinds: every kind ``workloads.fields`` defines."""
KINDS = (*IMAGE_KINDS, *WORKLOAD_KINDS)


def dynamic_token(kind: str) -> str:
    """The dynamic resource's type token of ``kind``."""
    return f"pulumi-python:dynamic/{PACKAGE}:{kind}"


def native_token(kind: str) -> str:
    """The native plugin's type token of ``kind`` (a resource, a function or an object type)."""
    return f"{PACKAGE}:{MODULE}:{kind}"


def tokens(*kinds: str) -> frozenset[str]:
    """Both tokens of each of ``kinds``."""
    return frozenset(t for k in kinds for t in (dynamic_token(k), native_token(k)))


def kind_of(token: str) -> str | None:
    """The kind a dynamic or native token names, or None for any other token."""
    for kind in KINDS:
        if token in (dynamic_token(kind), native_token(kind)):
            return kind
    return None
