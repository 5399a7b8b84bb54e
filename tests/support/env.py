"""Environment isolation: no test reaches the network, a real profile or the CVM metadata service.

Every test runs with no ``TENCENTCLOUD_*``/``TIONE_*`` variables, no proxies (loopback exempt),
``HOME`` in a temporary directory and the CVM metadata endpoint pointed at a closed loopback port.
``isolate`` does that to the test process; ``base_env``/``provider_env`` build the same for a
subprocess.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

CLOSED = "http://127.0.0.1:9"
"""A loopback URL nothing listens on: where the CVM metadata lookups of tests go."""

CLEARED_PREFIXES = ("TENCENTCLOUD_", "TIONE_")
LOOPBACK = "127.0.0.1,localhost"


def _is_cleared(name: str) -> bool:
    return name.startswith(CLEARED_PREFIXES) or "proxy" in name.lower()


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    """Strip credentials, proxies and profiles from ``os.environ`` (undone by ``monkeypatch``)."""
    for name in list(os.environ):
        if _is_cleared(name):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", LOOPBACK)
    monkeypatch.setenv("no_proxy", LOOPBACK)
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TIONE_CVM_METADATA_ENDPOINT", CLOSED)
    return home


def base_env(home: Path, cvm: str = CLOSED, **extra: str) -> dict[str, str]:
    """A minimal env mapping (for ``resolve_settings(env=...)``): HOME and the CVM endpoint pinned."""
    return {"HOME": str(home), "TIONE_CVM_METADATA_ENDPOINT": cvm, **extra}


def provider_env(base: Mapping[str, str] | None = None, /, **extra: str) -> dict[str, str]:
    """A subprocess environment: ``base`` (default ``os.environ``) without Tencent Cloud settings or
    proxies, loopback exempt from proxying, plus ``extra``."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if not _is_cleared(k)}
    env.update(NO_PROXY=LOOPBACK, no_proxy=LOOPBACK)
    env.update(extra)
    return env
