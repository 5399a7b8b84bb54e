"""Real command-line clients against the emulator: tccli, and the foreground `serve` runner."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_tione.emulator import (
    DEFAULT_REGION,
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    EmulatorOptions,
    serve,
)
from tests.support.sdk import describe, sdk_client
from tests.support.seed import SEED_NAME

TCCLI = Path(sys.executable).with_name("tccli")
PROVIDER_DIR = Path(__file__).resolve().parents[2] / "provider"

needs_tccli = pytest.mark.skipif(not TCCLI.exists(), reason="tccli is not installed next to this Python")


def tccli(
    server: Emulator, home: Path, *args: str, secret_key: str = DEFAULT_SECRET_KEY
) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "NO_PROXY": "127.0.0.1,localhost",
        "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": secret_key,
        "TENCENTCLOUD_REGION": DEFAULT_REGION,
    }
    command = [str(TCCLI), "tione", "DescribePlatformImages", "--endpoint", server.url, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)


@needs_tccli
def test_tccli_success_and_filter(emu: Emulator, isolated_env: Path) -> None:
    done = tccli(emu, isolated_env, "--Limit", "3")
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    assert page["TotalCount"] > 100
    assert len(page["PlatformImageInfos"]) == 3

    filters = json.dumps([{"Name": "ImageName", "Values": [SEED_NAME]}])
    done = tccli(emu, isolated_env, "--Filters", filters)
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    assert [i["ImageName"] for i in page["PlatformImageInfos"]] == [SEED_NAME]
    assert emu.stats()["actions"]["DescribePlatformImages"] == {"ok": 2}


@needs_tccli
def test_tccli_wrong_key(emu: Emulator, isolated_env: Path) -> None:
    done = tccli(emu, isolated_env, "--Limit", "1", secret_key="not-the-key")
    assert done.returncode != 0
    assert "[TencentCloudSDKException] code:AuthFailure.SignatureFailure" in done.stderr


@needs_tccli
def test_tccli_parameter_error(emu: Emulator, isolated_env: Path) -> None:
    filters = json.dumps([{"Name": "ImageRange", "Values": ["Training"]}])
    done = tccli(emu, isolated_env, "--Filters", filters)
    assert done.returncode != 0
    assert "code:InvalidParameterValue" in done.stderr


def test_serve_prints_url_first_and_stops_on_sigterm(isolated_env: Path) -> None:
    code = (
        "import sys\n"
        "from pulumi_tione.emulator import EmulatorOptions, serve\n"
        "sys.exit(serve(EmulatorOptions(rate_limit=0)))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PROVIDER_DIR), os.environ.get("PYTHONPATH", "")]))
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as proc:
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().strip()
            hint = proc.stdout.readline()
            assert url.startswith("http://127.0.0.1:")
            assert DEFAULT_SECRET_ID in hint
            assert DEFAULT_SECRET_KEY not in hint
            server = _Remote(url)
            assert describe(sdk_client(server), Limit=1).TotalCount > 100  # type: ignore[arg-type]
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err


def test_serve_reports_a_busy_port(emu: Emulator) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert serve(EmulatorOptions(port=emu.port), out=out, err=err) == 1
    assert out.getvalue() == ""
    assert f"cannot listen on 127.0.0.1:{emu.port}" in err.getvalue()


class _Remote:
    """Just enough of `Emulator` for `sdk_client`: a host_port of a server in another process."""

    def __init__(self, url: str) -> None:
        self.host_port = url.removeprefix("http://")
