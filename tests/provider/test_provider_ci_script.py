"""``examples/drift-check-ci/ci-drift-check.sh`` with a stand-in ``pulumi``: the state-file check runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from tests.support.seed import ROOT

SCRIPT = ROOT / "examples" / "drift-check-ci" / "ci-drift-check.sh"
GONE = "00000000-0000-0000-0000-00000000dead"
EXPORT = {"version": 3, "deployment": {"resources": [{
    "urn": "urn:pulumi:dev::drift::pulumi-python:dynamic/tione:PlatformImage::train",
    "type": "pulumi-python:dynamic/tione:PlatformImage",
    "outputs": {"image_id": GONE, "image_url": "tione.tencentcloudcr.com/x:1", "region": DEFAULT_REGION,
                "query": {"image_id": GONE, "select": "unique", "policy": "pin"}},
}]}}
FAKE_PULUMI = '#!/bin/sh\nif [ "$1" = stack ]; then cat "$FAKE_EXPORT"; fi\nexit 0\n'


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_script_runs_tione_images_from_the_stack_virtualenv(tmp_path: Path, emu: Emulator) -> None:
    """``tione-images`` installed only in the stack's ``venv`` (not on PATH) still checks the export."""
    shutil.copy(SCRIPT, tmp_path / SCRIPT.name)
    (tmp_path / "venv" / "bin").mkdir(parents=True)
    tool = Path(sys.executable).with_name("tione-images")
    _executable(tmp_path / "venv" / "bin" / "tione-images", f'#!/bin/sh\nexec "{tool}" "$@"\n')
    (tmp_path / "stub").mkdir()
    _executable(tmp_path / "stub" / "pulumi", FAKE_PULUMI)
    (tmp_path / "export.json").write_text(json.dumps(EXPORT))
    env = {**os.environ, "PATH": f"{tmp_path / 'stub'}:/usr/bin:/bin",
           "FAKE_EXPORT": str(tmp_path / "export.json"), "TIONE_ENDPOINT": emu.url,
           "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
           "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY, "TENCENTCLOUD_REGION": DEFAULT_REGION}
    result = subprocess.run(["bash", str(tmp_path / SCRIPT.name), "dev"], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "removed" in result.stdout
    assert "drift (or an error) in stack dev" in result.stderr
