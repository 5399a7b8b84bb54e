"""Fixtures for the emulator tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tencentcloud.tione.v20211111 import tione_client

from pulumi_tione.emulator import Emulator
from tests.support.sdk import sdk_client
from tests.support.workload_requests import Clock


@pytest.fixture
def client(emu: Emulator) -> tione_client.TioneClient:
    """An SDK client with the default key pair against the pristine session emulator."""
    return sdk_client(emu)


@pytest.fixture
def clock() -> Clock:
    """A hand-moved clock for `clocked`."""
    return Clock()


@pytest.fixture
def clocked(emulator_factory: Callable[..., Emulator], clock: Clock) -> Emulator:
    """A private emulator whose statuses follow `clock` (default step 2 s, run 60 s), no rate limit."""
    return emulator_factory(rate_limit=0, clock=clock)


@pytest.fixture
def tc(clocked: Emulator) -> tione_client.TioneClient:
    """An SDK client of `clocked`."""
    return sdk_client(clocked)
