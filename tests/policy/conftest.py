"""Fixtures for the policy tests: the example policy pack served as the Pulumi CLI serves it.

- `pack_process` (session): ``examples/policy-pack`` started with ``python -m pulumi.policy``.
- `analyzer`: a client of that process, configured with every policy's defaults before the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.analyzer import PACK, AnalyzerClient, PolicyPackProcess


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
