"""Fixtures for the CLI tests: run ``main(argv)`` in-process, and an environment aimed at ``emu``."""

from __future__ import annotations

import pytest

from pulumi_tione.cli import main
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from tests.support.cli import Result, Run


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("resolve", "--name", ...)`` calls ``main`` and returns exit code, stdout, stderr."""

    def invoke(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def emu_creds(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """Region and the emulator's key pair in the environment (the endpoint is left to the test)."""
    monkeypatch.setenv("TENCENTCLOUD_REGION", DEFAULT_REGION)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
    return emu


@pytest.fixture
def emu_env(emu_creds: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """Like ``emu_creds`` plus ``TIONE_ENDPOINT``: the library and the provider talk to ``emu``."""
    monkeypatch.setenv("TIONE_ENDPOINT", emu_creds.url)
    return emu_creds
