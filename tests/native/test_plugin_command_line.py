"""``pulumi-resource-tione`` run by hand (issue 19 §5): ``--version`` and ``--help`` answer and exit 0,
and the help says that the Pulumi engine starts it and how users get it."""

from __future__ import annotations

import subprocess
from importlib.metadata import version

import pytest

from tests.support.native import EXECUTABLE

pytestmark = pytest.mark.skipif(not EXECUTABLE.exists(),
                                reason="console script not installed (pip install -e .)")


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXECUTABLE), *argv], capture_output=True, text=True, timeout=60, check=False)


def test_version_prints_the_version_and_exits_0() -> None:
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pulumi-resource-tione {version('pulumi-tione')}"
    assert "required" not in result.stderr


def test_help_says_the_engine_starts_it_and_how_to_get_it() -> None:
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "the Pulumi engine starts it, as `pulumi-resource-tione <engine address>`" in text
    assert "puts `pulumi-resource-tione` on PATH" in text
    assert "pulumi package add" in text
    assert "--version" in text


def test_without_the_engine_address_it_says_so() -> None:
    result = _run()
    assert result.returncode == 2
    assert "engine" in result.stderr
