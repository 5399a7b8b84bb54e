"""The CLI as a real process (``python -m`` and the console script), `emulator` and `demo`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_tione.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY
from tests.support.cli import Run
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL

SCRIPT = Path(sys.executable).with_name("tione-images")


def _module(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pulumi_tione.cli", *argv],
                          capture_output=True, text=True, timeout=60, check=False)


def test_module_resolve_json_and_not_found_exit_codes() -> None:
    found = _module("resolve", "--emulator", "--name", SEED_NAME, "--output", "json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["image_url"] == SEED_URL
    missing = _module("--emulator", "resolve", "--image-id", "00000000-0000-0000-0000-000000000000")
    assert missing.returncode == 2
    assert missing.stderr.startswith("error: no TI-ONE platform image matches")


def test_module_without_credentials_fails_fast_and_cleanly() -> None:
    result = _module("list", "--region", "ap-guangzhou")
    assert result.returncode == 1
    assert "no Tencent Cloud credentials found" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed (pip install -e .)")
def test_console_script_done_when() -> None:
    result = subprocess.run([str(SCRIPT), "resolve", "--emulator", "--name", SEED_NAME, "--output", "json"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["image_id"], doc["image_url"]) == (SEED_ID, SEED_URL)


def test_emulator_subcommand_prints_url_first_and_serves(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "pulumi_tione.cli", "emulator", "--rate-limit", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
        banner = [proc.stdout.readline().rstrip("\n") for _ in range(6)]
        monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
        monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
        result = run("resolve", "--endpoint", url, "--region", "ap-guangzhou", "--name", SEED_NAME,
                     "-o", "json")
        assert result.code == 0, result.err
        assert json.loads(result.out)["image_id"] == SEED_ID
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    # the built-in key is public and fake: printed once, as the export line a shell evaluates
    assert [line for line in [*banner, *(out + err).splitlines()] if DEFAULT_SECRET_KEY in line] == [
        f"export TENCENTCLOUD_SECRET_KEY={DEFAULT_SECRET_KEY}"]
    assert f"export TIONE_ENDPOINT={url}" in banner


@pytest.mark.parametrize(("argv", "message"), [
    (["--host", "0.0.0.0"], "refusing to listen on non-loopback host '0.0.0.0'"),
    (["--secret-id", "AKIDx"], "--secret-id and --secret-key go together"),
    (["--catalog", "/nonexistent/catalog.json"], "cannot read catalog file"),
])
def test_emulator_subcommand_rejects_bad_options(run: Run, argv: list[str], message: str) -> None:
    result = run("emulator", *argv)
    assert result.code == 1
    assert result.err.startswith("error: ")
    assert message in result.err


@pytest.mark.parametrize(("argv", "message"), [
    (["--error-rate", "2"], "argument --error-rate: must be a number between 0 and 1, got '2'"),
    (["--error-rate", "nan"], "argument --error-rate: must be a number between 0 and 1, got 'nan'"),
    (["--lost-response-rate", "-0.5"], "argument --lost-response-rate: must be a number between 0 and 1"),
    (["--latency-ms", "-1"], "argument --latency-ms: must be a number >= 0, got '-1'"),
    (["--latency-ms", "inf"], "argument --latency-ms: must be a number >= 0, got 'inf'"),
    (["--rate-limit", "-1"], "argument --rate-limit: must be an integer >= 0, got '-1'"),
    (["--rate-limit", "nan"], "argument --rate-limit: must be an integer >= 0, got 'nan'"),
    (["--rate-limit", "2.5"], "argument --rate-limit: must be an integer >= 0"),
    (["--step-seconds", "-2"], "argument --step-seconds: must be a number >= 0"),
    (["--run-seconds=-1e9"], "argument --run-seconds: must be a number >= 0, got '-1e9'"),
    (["--port", "70000"], "argument --port: must be an integer between 0 and 65535, got '70000'"),
    (["--seed", "x"], "argument --seed: invalid int value: 'x'"),
    (["--accept-region", "Mars"], "argument --accept-region: must be a region name such as ap-guangzhou"),
])
def test_emulator_flags_out_of_range_are_usage_errors(run: Run, argv: list[str], message: str) -> None:
    result = run("emulator", *argv)
    assert result.code == 2
    assert f"tione-images emulator: error: {message}" in result.err
    assert result.err.startswith("usage: tione-images emulator")
    assert "internal error" not in result.err


def test_emulator_subcommand_rejects_invalid_catalog_file(run: Run, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text("{not json", encoding="utf-8")
    result = run("emulator", "--catalog", str(catalog))
    assert result.code == 1
    assert f"{catalog}: not valid JSON" in result.err


def test_demo_shows_seed_image_and_request_count(run: Run) -> None:
    result = run("demo", "--no-stack")  # the stack half: test_demo_stack.py, and the e2e suite
    assert result.code == 0, result.err
    assert SEED_ID in result.out
    assert SEED_URL in result.out
    assert "2 lookups cost 2 DescribePlatformImages request(s)" in result.out
    assert DEFAULT_SECRET_KEY not in result.out
    notebook = next(line for line in result.out.splitlines() if line.startswith("notebook "))
    assert "Running" in notebook
    assert f"ImageType=SYSTEM, ImageUrl={SEED_URL}" in notebook
    task = next(line for line in result.out.splitlines() if line.startswith("training task "))
    assert "FrameworkName=PYTORCH, FrameworkEnvironment=tilearn-llm0.9" in task
    service = next(line for line in result.out.splitlines() if line.startswith("model service "))
    assert "Normal" in service
    assert "ImageType=PreSet" in service
    assert "0 object(s) left in the emulator" in result.out


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed (pip install -e .)")
def test_demo_through_console_script() -> None:
    result = subprocess.run([str(SCRIPT), "demo", "--no-stack"], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert SEED_ID in result.stdout
    assert SEED_URL in result.stdout
