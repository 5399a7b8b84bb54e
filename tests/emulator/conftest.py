"""Fixtures for the emulator tests."""

from __future__ import annotations

import pytest
from tencentcloud.tione.v20211111 import tione_client

from pulumi_tione.emulator import Emulator
from tests.support.sdk import sdk_client


@pytest.fixture
def client(emu: Emulator) -> tione_client.TioneClient:
    """An SDK client with the default key pair against the pristine session emulator."""
    return sdk_client(emu)
