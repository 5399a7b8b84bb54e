"""Shared fixtures: an isolated environment for every test and the TI-ONE emulator.

- `isolated_env` (autouse): ``tests.support.env.isolate`` — no TENCENTCLOUD_*/TIONE_* variables, no
  proxies, HOME in a temp dir and the CVM metadata endpoint pointed at a closed loopback port, so no
  test reaches the network.
- `emulator` (session): one started emulator with default options but no rate limit.
- `emu`: that emulator with the bundled catalog, no faults, no notebooks or training tasks, default
  timing and zeroed stats (restored after the test).
- `emulator_factory`: builds and starts private emulators with custom options, stopped at teardown.
- `node_example` (session): the TypeScript example installed against the generated Node.js SDK
  (``tests.support.node_sdk``), for tests/sdk and tests/e2e.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import Emulator, EmulatorOptions, bundled_catalog
from tests.support.env import isolate
from tests.support.node_sdk import install_typescript_example


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Strip credentials, proxies and profiles from the environment; returns the temporary HOME."""
    return isolate(monkeypatch, tmp_path / "home")


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """A session-wide emulator: bundled catalog, default key pair, no rate limit."""
    with Emulator(rate_limit=0) as server:
        yield server


def _restore(server: Emulator) -> None:
    server.set_catalog(bundled_catalog())
    server.set_faults(latency_ms=0, error_rate=0.0, rate_limit=0, seed=0, lost_response_rate=0.0)
    server.set_timing(step_seconds=2.0, run_seconds=60.0)
    server.clear_objects()
    server.reset_stats()


@pytest.fixture
def emu(emulator: Emulator) -> Iterator[Emulator]:
    """The session emulator in its pristine state: bundled catalog, no faults, zeroed stats."""
    _restore(emulator)
    yield emulator
    _restore(emulator)


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., Emulator]]:
    """Start private emulators: ``emulator_factory(rate_limit=2, ...)``; all stopped at teardown."""
    started: list[Emulator] = []

    def factory(options: EmulatorOptions | None = None, **overrides: Any) -> Emulator:
        server = Emulator(options, **overrides).start()
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def node_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TypeScript example installed (one ``npm ci`` per session) against a copy of the
    generated Node.js SDK (``tests.support.node_sdk``); its folder. For tests/sdk and tests/e2e."""
    return install_typescript_example(tmp_path_factory.mktemp("node"))
