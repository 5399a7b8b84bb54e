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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engine import (
    PROVIDER_KEY,
    ProviderClient,
    ProviderMocks,
    ProviderProcess,
    provider_env,
    provider_string,
    urn,
)
from pulumi_tione.catalog import PROCESS
from pulumi_tione.dynamic import PlatformImageProvider, PlatformImagesProvider
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator

IMAGE = "pulumi-python:dynamic/tione:PlatformImage"
IMAGES = "pulumi-python:dynamic/tione:PlatformImages"
SEED_NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
SEED_ID = "35551e3c-b0e3-40dc-8e91-cc10a5613cd3"
SEED_URL = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.0"
ROOT = Path(__file__).resolve().parents[2]


def stack_config(server: Emulator, **overrides: str) -> dict[str, str]:
    """The stack config a user sets to point a stack at ``server`` (namespaced keys)."""
    config = {
        "tencentcloud:region": DEFAULT_REGION,
        "tencentcloud:secretId": DEFAULT_SECRET_ID,
        "tencentcloud:secretKey": DEFAULT_SECRET_KEY,
        "tione:endpoint": server.url,
    }
    config.update(overrides)
    return {k: v for k, v in config.items() if v}


@dataclass
class Engine:
    """A configured provider process and the engine-side client talking to it."""

    process: ProviderProcess
    client: ProviderClient

    @staticmethod
    def image(**args: Any) -> dict[str, Any]:
        """Program inputs of a ``PlatformImage`` (with its ``__provider``)."""
        return {**args, PROVIDER_KEY: provider_string(PlatformImageProvider)}

    @staticmethod
    def images(**args: Any) -> dict[str, Any]:
        """Program inputs of a ``PlatformImages`` (with its ``__provider``)."""
        return {**args, PROVIDER_KEY: provider_string(PlatformImagesProvider)}

    def up(self, type_token: str, name: str, news: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """A first ``up`` of one resource: Check then Create; returns (id, outputs)."""
        checked = self.client.check(urn(type_token, name), {}, news)
        assert checked.failures == []
        return self.client.create(urn(type_token, name), checked.inputs)


EngineFactory = Callable[..., Engine]


def _start(server: Emulator, home: Path, config: Mapping[str, str] | None, env: Mapping[str, str]) -> Engine:
    process = ProviderProcess(provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9",
                                           **env)).start()
    client = ProviderClient(process.address)
    client.configure(stack_config(server) if config is None else config)
    return Engine(process, client)


@pytest.fixture
def engine_factory(tmp_path: Path) -> Iterator[EngineFactory]:
    """``engine_factory(server, config=None, **env)``: a new configured provider process."""
    started: list[Engine] = []

    def factory(server: Emulator, config: Mapping[str, str] | None = None, **env: str) -> Engine:
        started.append(_start(server, tmp_path, config, env))
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
    item = _start(emulator, tmp_path_factory.mktemp("home"), None, {})
    yield item
    item.client.close()
    item.process.close()


@pytest.fixture
def mocks(emu: Emulator) -> Iterator[ProviderMocks]:
    """Mocks running the real providers in this process against the emulator (cold cache)."""
    PROCESS.clear()
    yield ProviderMocks(stack_config(emu))
    PROCESS.configure({})
    PROCESS.clear()


@pytest.fixture
def cwd_root() -> Iterator[Path]:
    """Run with the repository root as the working directory (as ``pulumi up`` at the root would)."""
    before = Path.cwd()
    os.chdir(ROOT)
    yield ROOT
    os.chdir(before)
