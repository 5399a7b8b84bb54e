"""Build `pulumi stack export` documents (deployment version 3) from real provider results.

Each resource is created the way the engine does it: the real ``PlatformImageProvider`` /
``PlatformImagesProvider`` runs ``check`` then ``create`` against the endpoint the environment
names, and the state keeps the checked inputs (plus ``__provider``) and the created outputs.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pulumi_tione.emulator import bundled_catalog
from pulumi_tione.images.catalog import PROCESS
from pulumi_tione.stack.drift import IMAGE_TYPE, IMAGES_TYPE
from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider

from .seed import SEED_URL

STACK_URN = "urn:pulumi:dev::quickstart::pulumi:pulumi:Stack::quickstart-dev"
PROVIDER_URN = "urn:pulumi:dev::quickstart::pulumi:providers:pulumi-python::default"
SECRET_SIG = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}


def secret(value: Any, *, plaintext: bool = False) -> dict[str, Any]:
    """A secret as `pulumi stack export` writes it: encrypted, or with --show-secrets."""
    if plaintext:
        return {**SECRET_SIG, "plaintext": json.dumps(value)}
    return {**SECRET_SIG, "ciphertext": "v1:Zm9vYmFyYmF6:cGlubmVkLWltYWdlLWNpcGhlcnRleHQ="}


def _resource(kind: str, name: str, inputs: dict[str, Any], provider: Any) -> dict[str, Any]:
    PROCESS.clear()
    checked = provider.check({}, inputs)
    assert not checked.failures, checked.failures
    created = provider.create(checked.inputs)
    pickled = "gASVOAAAAAAAAACMGnB1bHVtaV90aW9uZS5keW5hbWljlIwVUGxhdGZvcm1JbWFnZVByb3ZpZGVylJOUKYGULg=="
    return {
        "urn": f"urn:pulumi:dev::quickstart::{kind}::{name}",
        "custom": True,
        "id": created.id,
        "type": kind,
        "inputs": {**checked.inputs, "__provider": pickled},
        "outputs": {**created.outs, "__provider": pickled},
        "parent": STACK_URN,
        "provider": f"{PROVIDER_URN}::4f1c",
        "propertyDependencies": {k: [] for k in inputs},
        "created": "2024-06-01T10:00:00.000000Z",
        "modified": "2024-06-01T10:00:00.000000Z",
    }


def image(name: str, /, **query: Any) -> dict[str, Any]:
    """A PlatformImage state entry, resolved now through the real provider."""
    return _resource(IMAGE_TYPE, name, query, PlatformImageProvider())


def images(name: str, /, **filters: Any) -> dict[str, Any]:
    """A PlatformImages state entry, listed now through the real provider."""
    return _resource(IMAGES_TYPE, name, filters, PlatformImagesProvider())


def workload(kind: str, name: str, provider: Any, /, **inputs: Any) -> dict[str, Any]:
    """A Notebook/TrainingTask state entry, created now through the real provider (``kind`` is the
    type token, ``provider`` e.g. ``NotebookProvider()``)."""
    return _resource(kind, name, {"name_prefix": name, **inputs}, provider)


def export(*resources: dict[str, Any], version: int = 3) -> dict[str, Any]:
    """The whole export document, with the stack and default provider resources around ours."""
    stack = {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack",
             "outputs": {"image_url": SEED_URL}}
    default_provider = {"urn": PROVIDER_URN, "custom": True, "id": "4f1c",
                        "type": "pulumi:providers:pulumi-python", "inputs": {}, "outputs": {}}
    return {
        "version": version,
        "deployment": {
            "manifest": {"time": "2024-06-01T10:00:00Z", "magic": "abc", "version": "v3.272.0"},
            "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:c2FsdA==:AAAA"}},
            "resources": [stack, default_provider, *resources],
        },
    }


def write(path: Path, document: dict[str, Any]) -> Path:
    """Write ``document`` as JSON to ``path``."""
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def catalog_with(change: Callable[[list[dict[str, Any]]], None]) -> list[dict[str, Any]]:
    """The bundled catalog after ``change`` edited it in place."""
    entries = copy.deepcopy(bundled_catalog())
    change(entries)
    return entries


def entry(entries: list[dict[str, Any]], image_id: str) -> dict[str, Any]:
    """The catalog entry with ``image_id``."""
    return next(e for e in entries if e["ImageId"] == image_id)
