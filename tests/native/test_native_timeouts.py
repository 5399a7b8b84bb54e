"""Pulumi's ``customTimeouts``: the request's ``timeout`` bounds the waits of create, update and
delete (the dynamic resources' ``timeouts`` argument keeps working: tests/provider)."""

from __future__ import annotations

import time
from collections.abc import Callable

import grpc
import pytest

from pulumi_tione.emulator import Emulator
from tests.native.conftest import PluginFactory
from tests.native.programs import notebook, service
from tests.support.native import urn
from tests.support.workloads import live_objects

STEP = 3.0


@pytest.fixture
def slow_emu(emulator_factory: Callable[..., Emulator]) -> Emulator:
    """Each transitional status (Starting, Stopping, ...) lasts STEP seconds."""
    return emulator_factory(rate_limit=0, step_seconds=STEP, run_seconds=3600.0)


def test_the_engine_timeout_bounds_create_and_the_failed_create_cleans_up(
    plugin_factory: PluginFactory, slow_emu: Emulator
) -> None:
    client = plugin_factory(slow_emu).client
    u = urn("slow")
    checked, _ = client.check(u, {}, notebook())
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as info:
        client.create(u, checked, timeout=1.0)
    message = info.value.details()
    assert "after 1s waiting for Running" in message
    assert "nothing is left behind" in message
    assert time.monotonic() - started < 6 * STEP
    assert live_objects(slow_emu) == []


def test_the_engine_timeout_bounds_update_and_delete(
    plugin_factory: PluginFactory, slow_emu: Emulator
) -> None:
    client = plugin_factory(slow_emu).client
    u = urn("bounded")
    id_, checked, outs = client.up(u, notebook())  # no timeout: the defaults (minutes) apply
    stopped, _ = client.check(u, checked, notebook(running=False))
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as info:
        client.update(id_, u, outs, stopped, timeout=1.0)
    assert "after 1s waiting for Stopped" in info.value.details()
    assert time.monotonic() - started < 2 * STEP
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as info:
        client.delete(id_, u, outs, timeout=1.0)
    assert "after 1s waiting for gone" in info.value.details()
    assert time.monotonic() - started < 2 * STEP
    client.delete(id_, u, outs)
    assert live_objects(slow_emu) == []


def test_the_engine_timeout_bounds_a_model_service_create_and_cleans_up(
    plugin_factory: PluginFactory, slow_emu: Emulator
) -> None:
    client = plugin_factory(slow_emu).client
    u = urn("slow-serve", "ModelService")
    checked, _ = client.check(u, {}, service())
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as info:
        client.create(u, checked, timeout=1.0)
    message = info.value.details()
    assert "after 1s waiting for Normal" in message
    assert "nothing is left behind" in message
    assert time.monotonic() - started < 6 * STEP
    assert live_objects(slow_emu) == []
    assert slow_emu.backend.workloads.groups == {}
