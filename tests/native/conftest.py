"""Fixtures for the native plugin tests: ``pulumi-resource-tione`` processes on private emulators.

- ``native_emu``: a private emulator whose statuses advance on every request (step 0);
- ``plugin_factory(server, **env)``: a started plugin (stub engine, process, client) configured
  with ``tione:*`` provider config for ``server``; polling every 20 ms;
- ``plugin``: one such plugin for ``native_emu``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from tests.support.env import CLOSED, provider_env
from tests.support.native import NativeClient, NativeProcess, StubEngine


def native_config(server: Emulator) -> dict[str, str]:
    """The ``tione:*`` provider config that points the plugin at ``server``."""
    return {"tione:endpoint": server.url, "tione:region": DEFAULT_REGION,
            "tione:secretId": DEFAULT_SECRET_ID, "tione:secretKey": DEFAULT_SECRET_KEY}


@dataclass
class Plugin:
    """A running plugin: the stub engine, the process and the engine-side client."""

    engine: StubEngine
    process: NativeProcess
    client: NativeClient

    def close(self) -> None:
        self.client.close()
        self.process.close()
        self.engine.close()


PluginFactory = Callable[..., Plugin]


@pytest.fixture
def native_emu(emulator_factory: Callable[..., Emulator]) -> Emulator:
    return emulator_factory(rate_limit=0, step_seconds=0.0, run_seconds=3600.0)


@pytest.fixture
def plugin_factory(tmp_path: Path) -> Iterator[PluginFactory]:
    started: list[Plugin] = []

    def factory(server: Emulator, config: Mapping[str, Any] | None = None, *, configure: bool = True,
                **env: str) -> Plugin:
        engine = StubEngine()
        process = NativeProcess(engine, provider_env(HOME=str(tmp_path), TIONE_CVM_METADATA_ENDPOINT=CLOSED,
                                                     TIONE_POLL_SECONDS="0.02", **env)).start()
        client = NativeClient(process.address)
        if configure:
            client.configure(native_config(server) if config is None else config)
        started.append(Plugin(engine, process, client))
        return started[-1]

    yield factory
    for item in started:
        item.close()


@pytest.fixture
def plugin(plugin_factory: PluginFactory, native_emu: Emulator) -> Plugin:
    return plugin_factory(native_emu)
