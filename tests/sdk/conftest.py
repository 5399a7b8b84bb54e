"""Fixtures for the generated SDKs: the generator, one npm install, the Go toolchain.

These run the real tools (Go, Node.js, npm) with the machine's own caches: the environment is
the one pytest started with (taken when this module is imported, before the autouse isolation
moves ``HOME``), minus credentials, so that Go's module and build caches and npm's cache are
reused. Nothing is written into the working tree:

- ``sdkgen`` (session): ``engine/cli/sdkgen`` built once into a temporary folder (seconds with a
  warm Go build cache; minutes on a fresh machine);
- ``generated`` (session): ``schema.json`` rendered by it into temporary ``nodejs``/``go`` folders;
- ``node_example`` (session): copies of ``sdk/nodejs`` and ``examples/typescript-training`` at the
  same relative places, with one ``npm ci`` in the example (which installs the SDK from
  ``file:../../sdk/nodejs`` and compiles it with ``tsc`` in its postinstall script).

A missing tool fails these tests with what to install; they are never skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema.json"
SDK_NODEJS = ROOT / "sdk" / "nodejs"
SDK_GO = ROOT / "sdk" / "go"
TS_EXAMPLE = ROOT / "examples" / "typescript-training"
GO_EXAMPLE = ROOT / "examples" / "go-training"
NOT_GENERATED = ("go.mod", "go.sum", "node_modules", "bin")
"""What the generator leaves alone in an SDK folder (engine/cli/sdkgen/main.go, ``kept``)."""

_TOOLS_ENV = {name: value for name, value in os.environ.items()
              if not name.startswith(("TENCENTCLOUD_", "TIONE_"))}


def tools_env(**extra: str) -> dict[str, str]:
    """The environment for go/npm/node: the machine's, with its caches (see the docstring)."""
    return {**_TOOLS_ENV, **extra}


def run(args: Sequence[str | Path], cwd: Path, timeout: float = 900.0, **extra: str) -> str:
    """Run a tool; fail the test with its output when it fails."""
    tool = shutil.which(str(args[0]), path=_TOOLS_ENV.get("PATH"))
    if tool is None:
        raise AssertionError(f"`{args[0]}` is not on PATH: the SDK tests need Go (1.26) and Node.js "
                             "(20, with npm)")
    proc = subprocess.run([tool, *map(str, args[1:])], cwd=cwd, env=tools_env(**extra),
                          capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"`{' '.join(map(str, args))}` in {cwd} exited {proc.returncode}:\n"
                             f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return proc.stdout


def version() -> str:
    """The package version the SDKs are stamped with: pyproject.toml's (``make sdks``)."""
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("version = "):
            return line.split('"')[1]
    raise AssertionError("no version in pyproject.toml")


@pytest.fixture(scope="session")
def sdkgen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator, built from the pinned tools module."""
    binary = tmp_path_factory.mktemp("sdkgen") / "sdkgen"
    run(["go", "build", "-trimpath", "-o", binary, "./sdkgen"], cwd=ROOT / "engine" / "cli")
    return binary


@pytest.fixture(scope="session")
def generated(sdkgen: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``schema.json`` generated afresh: ``<dir>/nodejs`` and ``<dir>/go``."""
    out = tmp_path_factory.mktemp("generated")
    run([sdkgen, "-schema", SCHEMA, "-version", version(), "-nodejs", out / "nodejs",
         "-go", out / "go"], cwd=out)
    return out


@pytest.fixture(scope="session")
def node_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TypeScript example, installed (``npm ci``) next to a copy of the SDK; its folder."""
    root = tmp_path_factory.mktemp("node")
    skip = shutil.ignore_patterns("node_modules", "bin")
    shutil.copytree(SDK_NODEJS, root / "sdk" / "nodejs", ignore=skip)
    example = root / "examples" / TS_EXAMPLE.name
    shutil.copytree(TS_EXAMPLE, example, ignore=skip)
    run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=example, timeout=900.0)
    return example
