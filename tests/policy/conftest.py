"""Fixtures for the policy tests: the example policy pack served as the Pulumi CLI serves it.

- `pack_process` (session): ``examples/policy-pack`` started with ``python -m pulumi.policy``.
- `analyzer`: a client of that process, configured with every policy's defaults before the test.
- `mocks`: ``ProviderMocks`` running the real providers against the emulator (cold catalog cache).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pulumi_tione.emulator import Emulator
from pulumi_tione.images.catalog import PROCESS
from tests.support.analyzer import PACK, AnalyzerClient, PolicyPackProcess
from tests.support.config import stack_config
from tests.support.engine import ProviderMocks


@pytest.fixture(scope="session")
def pack_process() -> Iterator[PolicyPackProcess]:
    """The example policy pack's analyzer process (one per session; tests reconfigure it)."""
    process = PolicyPackProcess(PACK).start()
    yield process
    process.close()


@pytest.fixture
def analyzer(pack_process: PolicyPackProcess) -> Iterator[AnalyzerClient]:
    """A client of the pack, configured with every policy's default level and settings."""
    client = AnalyzerClient(pack_process.port)
    client.configure()
    yield client
    client.close()


@pytest.fixture
def mocks(emu: Emulator) -> Iterator[ProviderMocks]:
    """Mocks running the real providers in this process against the emulator (cold cache)."""
    PROCESS.reset()
    yield ProviderMocks(stack_config(emu))
    PROCESS.reset()
