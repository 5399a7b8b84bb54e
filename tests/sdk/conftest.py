"""Fixtures for the generated SDKs: the generator, one npm install, the Go toolchain.

These run the real tools (Go, Node.js, npm) with the machine's own caches
(``tests.support.node_sdk.tools_env``). Nothing is written into the working tree:

- ``sdkgen`` (session): ``engine/cli/sdkgen`` built once into a temporary folder (seconds with a
  warm Go build cache; minutes on a fresh machine);
- ``generated`` (session): ``schema.json`` rendered by it into temporary ``nodejs``/``go`` folders;
- ``node_example`` (session, tests/conftest.py, shared with tests/e2e): the TypeScript example
  installed with one ``npm ci`` next to a copy of ``sdk/nodejs`` (``tests.support.node_sdk``).

A missing tool fails these tests with what to install; they are never skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.node_sdk import run_tool

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema.json"
SDK_NODEJS = ROOT / "sdk" / "nodejs"
SDK_GO = ROOT / "sdk" / "go"
TS_EXAMPLE = ROOT / "examples" / "typescript-training"
GO_EXAMPLE = ROOT / "examples" / "go-training"
NOT_GENERATED = ("go.mod", "go.sum", "node_modules", "bin")
"""What the generator leaves alone in an SDK folder (engine/cli/sdkgen/main.go, ``kept``)."""


def run(args: Sequence[str | Path], cwd: Path, timeout: float = 900.0, **extra: str) -> str:
    """Run go/npm/node in ``cwd`` (``tests.support.node_sdk.run_tool``)."""
    return run_tool(args, cwd, timeout, **extra)


def version() -> str:
    """The package version: pyproject.toml's (schema.json's, which the SDKs are stamped with)."""
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("version = "):
            return line.split('"')[1]
    raise AssertionError("no version in pyproject.toml")


@pytest.fixture(scope="session")
def sdkgen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator, built from the pinned tools module."""
    binary = tmp_path_factory.mktemp("sdkgen") / "sdkgen"
    # The flags of engine/build.sh, so that make engine's Go build cache serves this build.
    run(["go", "build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-o", binary, "./sdkgen"],
        cwd=ROOT / "engine" / "cli")
    return binary


@pytest.fixture(scope="session")
def generated(sdkgen: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``schema.json`` generated afresh: ``<dir>/nodejs`` and ``<dir>/go``."""
    out = tmp_path_factory.mktemp("generated")
    run([sdkgen, "-schema", SCHEMA, "-nodejs", out / "nodejs", "-go", out / "go"], cwd=out)
    return out
