"""Fixtures for the provider tests: real provider processes and in-process mocks, both on the emulator.

- `engine` (per test, fresh process): a ``python -m pulumi.dynamic`` process configured with the
  stack config for the session emulator; a new process per test so its catalog cache starts cold.
- `module_engine`: one such process shared by a test module (for tests that change no catalog).
- `engine_factory`: more processes, e.g. a second ``up`` in a new process or custom config/env.
- `mocks`: ``ProviderMocks`` for ``set_mocks`` programs, with the process-wide catalog cache and
  stack config of the test process cleared before and after.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from pulumi_tione.emulator import Emulator
from pulumi_tione.images.catalog import PROCESS
from tests.support.config import stack_config
from tests.support.engine import ProviderMocks
from tests.support.provider import Engine, EngineFactory, start_engine
from tests.support.seed import ROOT


@pytest.fixture
def engine_factory(tmp_path: Path) -> Iterator[EngineFactory]:
    """``engine_factory(server, config=None, **env)``: a new configured provider process."""
    started: list[Engine] = []

    def factory(server: Emulator, config: Mapping[str, str] | None = None, **env: str) -> Engine:
        started.append(start_engine(server, tmp_path, config, env))
        return started[-1]

    yield factory
    for item in started:
        item.client.close()
        item.process.close()


@pytest.fixture
def engine(engine_factory: EngineFactory, emu: Emulator) -> Engine:
    """A fresh provider process (cold cache) configured for the session emulator."""
    return engine_factory(emu)


@pytest.fixture(scope="module")
def module_engine(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One provider process for a whole module; use it only in tests that do not change the catalog."""
    item = start_engine(emulator, tmp_path_factory.mktemp("home"), None, {})
    yield item
    item.client.close()
    item.process.close()


@pytest.fixture
def mocks(emu: Emulator) -> Iterator[ProviderMocks]:
    """Mocks running the real providers in this process against the emulator (cold cache)."""
    PROCESS.reset()
    yield ProviderMocks(stack_config(emu))
    PROCESS.reset()


@pytest.fixture
def cwd_root() -> Iterator[Path]:
    """Run with the repository root as the working directory (as ``pulumi up`` at the root would)."""
    before = Path.cwd()
    os.chdir(ROOT)
    yield ROOT
    os.chdir(before)


@pytest.fixture
def wl_emu(emulator_factory: Callable[..., Emulator]) -> Emulator:
    """A private emulator whose statuses advance on every request (step 0) and tasks run 1 hour."""
    return emulator_factory(rate_limit=0, step_seconds=0.0, run_seconds=3600.0)


@pytest.fixture
def wl_engine(engine_factory: EngineFactory, wl_emu: Emulator) -> Engine:
    """A provider process for ``wl_emu`` that polls every 20 ms."""
    return engine_factory(wl_emu, TIONE_POLL_SECONDS="0.02")


@pytest.fixture
def wl_mocks(wl_emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderMocks]:
    """Mocks running the real providers in this process against ``wl_emu`` (polling every 20 ms)."""
    monkeypatch.setenv("TIONE_POLL_SECONDS", "0.02")
    PROCESS.clear()
    yield ProviderMocks(stack_config(wl_emu))
    PROCESS.configure({})
    PROCESS.clear()
