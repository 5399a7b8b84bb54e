"""The TypeScript example installed against the generated Node.js SDK, for tests/sdk and tests/e2e.

``install_typescript_example`` copies ``sdk/nodejs`` and ``examples/typescript-training`` into a
temporary folder at the same relative places and runs ``npm ci`` in the example: npm installs the
SDK from ``file:../../sdk/nodejs`` as a copy (the example's ``.npmrc``: ``install-links``) and the
SDK's postinstall script compiles it with ``tsc``. The session fixture ``node_example``
(tests/conftest.py) calls it once per test session.

Node.js, npm, Go run with the environment pytest started with (``tools_env``: taken when this
module is first imported, before the autouse isolation moves ``HOME``), minus credentials, so that
npm's and Go's caches are reused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SDK_NODEJS = ROOT / "sdk" / "nodejs"
TS_EXAMPLE = ROOT / "examples" / "typescript-training"

_TOOLS_ENV = {name: value for name, value in os.environ.items()
              if not name.startswith(("TENCENTCLOUD_", "TIONE_"))}


def tools_env(**extra: str) -> dict[str, str]:
    """The environment for go/npm/node: the machine's, with its caches (see the docstring)."""
    return {**_TOOLS_ENV, **extra}


def run_tool(args: Sequence[str | Path], cwd: Path, timeout: float = 900.0, **extra: str) -> str:
    """Run go/npm/node; an AssertionError with the output when it fails or is missing."""
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


def install_typescript_example(root: Path) -> Path:
    """The example under ``root``, installed (``npm ci``) next to a copy of the SDK; its folder."""
    skip = shutil.ignore_patterns("node_modules", "bin", "Pulumi.*.yaml")
    shutil.copytree(SDK_NODEJS, root / "sdk" / "nodejs", ignore=skip)
    example = root / "examples" / TS_EXAMPLE.name
    shutil.copytree(TS_EXAMPLE, example, ignore=skip)
    run_tool(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=example)
    return example
