"""Fixtures for the emulator tests."""

from __future__ import annotations

import pytest
from emulator_wire import sdk_client
from tencentcloud.tione.v20211111 import tione_client

from pulumi_tione.emulator import Emulator


@pytest.fixture
def client(emu: Emulator) -> tione_client.TioneClient:
    """An SDK client with the default key pair against the pristine session emulator."""
    return sdk_client(emu)
