"""The wall time of a Pulumi program with thousands of ``PlatformImage`` resources, under set_mocks.

The program (``programs/many_images.py``) runs in a fresh interpreter; ``engine.ProviderMocks``
plays the engine: each resource's ``__provider`` is unpickled and its real ``check()`` and
``create()`` run against the emulator. Run as ``python many.py N`` this file is that child process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROGRAM = HERE / "programs" / "many_images.py"


@dataclass(frozen=True)
class ProgramRun:
    """One program run: resources declared, wall time of the program, API requests it caused."""

    resources: int
    wall_s: float
    requests: int


def _child(count: int) -> None:
    from pulumi_tione.emulator import bundled_catalog
    from tests.support.engine import ProviderMocks, run_program

    config = json.loads(os.environ["BENCH_STACK_CONFIG"])
    started = time.perf_counter()
    exports = run_program(PROGRAM, ProviderMocks(config), project="bench",
                          config={"bench:resources": str(count)})
    wall = time.perf_counter() - started
    catalog = bundled_catalog()
    expected = [catalog[i % len(catalog)]["ImageId"] for i in range(count)]
    if exports["declared"] != count or list(exports["image_ids"]) != expected:
        raise SystemExit(f"the {count}-resource program resolved wrong images")
    print(json.dumps({"resources": count, "wall_s": wall}))


def run_many(stack_config: dict[str, str], count: int, total_requests: Callable[[], int]) -> ProgramRun:
    """Run the program with `count` resources in a child interpreter; `total_requests` reads the emulator."""
    before = total_requests()
    paths = [str(ROOT), str(ROOT / "provider"), os.environ.get("PYTHONPATH", "")]
    with tempfile.TemporaryDirectory(prefix="bench-many-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TENCENTCLOUD_", "TIONE_"))}
        env.update(HOME=home, BENCH_STACK_CONFIG=json.dumps(stack_config), NO_PROXY="127.0.0.1,localhost",
                   PYTHONPATH=os.pathsep.join(p for p in paths if p))
        done = subprocess.run([sys.executable, str(Path(__file__)), str(count)], env=env, cwd=home,
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the {count}-resource program failed:\n{done.stderr[-3000:]}{done.stdout[-500:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return ProgramRun(result["resources"], result["wall_s"], total_requests() - before)


if __name__ == "__main__":
    _child(int(sys.argv[1]))
