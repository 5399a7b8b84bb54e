"""``make engine`` (engine/build.sh): cached when nothing changed, and a clear failure naming the
module when the Go module proxy cannot serve one."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.support.pulumi_cli import ENGINE_BIN, ROOT, require_engine

BUILD = ROOT / "engine" / "build.sh"


def test_a_second_run_is_a_cache_hit(tmp_path: Path) -> None:
    require_engine()
    env = {**os.environ, "ENGINE_BIN": str(ENGINE_BIN)}
    started = time.monotonic()
    done = subprocess.run([str(BUILD)], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert "engine: up to date" in done.stdout, done.stdout + done.stderr
    assert time.monotonic() - started < 10
    version = subprocess.run([str(ENGINE_BIN / "pulumi"), "version"], capture_output=True, text=True,
                             timeout=60, check=True)
    pinned = (ROOT / "engine" / "cli" / "go.mod").read_text()
    assert f"github.com/pulumi/pulumi/pkg/v3 {version.stdout.strip()}" in pinned


def test_a_module_the_proxy_refuses_is_named(tmp_path: Path) -> None:
    env = {**os.environ, "ENGINE_BIN": str(tmp_path / "bin"), "GOPROXY": "off", "GOFLAGS": "-mod=mod",
           "GOMODCACHE": str(tmp_path / "modcache"), "GOCACHE": str(tmp_path / "gocache")}
    failed = subprocess.run([str(BUILD)], env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "error: make engine could not fetch the Go modules of engine/cli" in failed.stderr
    assert "github.com/pulumi/pulumi/pkg/v3@v3.277.0 and its dependencies" in failed.stderr
    assert "module lookup disabled" in failed.stderr  # go's own line, naming the module it missed
    assert "GOPROXY=off" in failed.stderr
    assert not (tmp_path / "bin" / "pulumi").exists()
