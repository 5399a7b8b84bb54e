"""End-to-end fixtures: the pinned Pulumi engine (``make engine``) against the session emulator.

- ``cli``: a ``tests.support.pulumi_cli.Pulumi`` with a temporary ``PULUMI_HOME`` and file backend,
  aimed at the ``emu`` emulator through the environment its banner exports (step 0: workloads
  reach their target status at once, so a test waits for the engine, not for the clock).
- ``workdir``: a temporary folder for the test's projects.

A missing engine fails these tests (``make test`` builds it first); they are never skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_tione.emulator import Emulator
from pulumi_tione.emulator.server import DEFAULT_REGION
from tests.support.pulumi_cli import Pulumi, emulator_env


@pytest.fixture
def client_env(emu: Emulator) -> dict[str, str]:
    """The emulator's client environment (what ``tione-images emulator`` prints as exports)."""
    emu.set_timing(step_seconds=0.0)
    opts = emu.options
    return emulator_env(emu.url, DEFAULT_REGION, opts.secret_id, opts.secret_key)


@pytest.fixture
def cli(tmp_path: Path, client_env: dict[str, str]) -> Pulumi:
    """The pinned CLI, isolated, on the session emulator."""
    return Pulumi(tmp_path / "pulumi", emulator_env=client_env)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """Where the test's projects are copied."""
    path = tmp_path / "projects"
    path.mkdir()
    return path
