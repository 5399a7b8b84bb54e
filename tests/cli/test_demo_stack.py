"""The stack half of ``tione-images demo`` (issue 19 §5): with a Pulumi CLI at hand it deploys and
destroys the quickstart stack on its emulator, isolated (local file backend, PULUMI_HOME and the
project copy in a temporary directory), every step bounded; without one it says how to get one.

The real engine runs it in the e2e suite; here a stand-in ``pulumi`` executable records what it
is asked to do and in which environment, to pin down the demo's side of the contract.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.workloads import demo
from tests.support.cli import Run

ROOT = Path(__file__).resolve().parents[2]
_FAKE = """#!{python}
import json, os, sys, time
argv = sys.argv[1:]
keys = ("PULUMI_BACKEND_URL", "PULUMI_HOME", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_SKIP_UPDATE_CHECK",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "TIONE_ENDPOINT", "TENCENTCLOUD_REGION",
        "TENCENTCLOUD_SECRET_ID")
record = {{"argv": argv, "cwd": os.getcwd(), "env": {{k: os.environ.get(k) for k in keys}},
          "project": open("Pulumi.yaml").read(), "program": open("__main__.py").read()}}
with open({log!r}, "a") as f:
    f.write(json.dumps(record) + "\\n")
if argv[0] == {fail!r}:
    print("boom: " + argv[0], file=sys.stderr)
    sys.exit(3)
if argv[0] == {hang!r}:
    time.sleep(60)
if argv[:2] == ["stack", "output"]:
    print("tione.tencentcloudcr.com/fake:v1")
else:
    print("ran " + " ".join(argv))
"""


def _fake_pulumi(tmp_path: Path, *, fail: str = "", hang: str = "") -> tuple[Path, Path]:
    log = tmp_path / "calls.jsonl"
    exe = tmp_path / "bin" / "pulumi"
    exe.parent.mkdir()
    exe.write_text(_FAKE.format(python=sys.executable, log=str(log), fail=fail, hang=hang))
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe, log


def _calls(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_demo_deploys_and_destroys_the_quickstart_stack_isolated(run: Run, tmp_path: Path) -> None:
    exe, log = _fake_pulumi(tmp_path)
    result = run("demo", "--pulumi", str(exe))
    assert result.code == 0, result.err
    calls = _calls(log)
    assert [c["argv"] for c in calls] == [
        ["stack", "init", "demo", "--non-interactive"],
        ["up", "--yes", "--stack", "demo", "--non-interactive"],
        ["stack", "output", "image_url", "--stack", "demo", "--non-interactive"],
        ["destroy", "--yes", "--stack", "demo", "--non-interactive"],
        ["stack", "rm", "demo", "--yes", "--non-interactive"],
    ]
    env = calls[0]["env"]
    assert isinstance(env, dict)
    assert env["PULUMI_BACKEND_URL"].startswith("file:///")
    assert env["PULUMI_CONFIG_PASSPHRASE"]
    assert env["PULUMI_SKIP_UPDATE_CHECK"] == "true"
    assert env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"] == "true"
    assert env["TIONE_ENDPOINT"].startswith("http://127.0.0.1:")
    workdir = Path(str(calls[0]["cwd"]))
    assert Path(env["PULUMI_HOME"]).parent == workdir.parent
    assert not workdir.parent.exists(), "the temporary directory is removed afterwards"
    assert calls[0]["program"] == (ROOT / "examples" / "quickstart" / "__main__.py").read_text()
    assert json.dumps(sys.prefix) in str(calls[0]["project"])  # this environment runs the program
    assert not list(ROOT.glob("Pulumi.demo.yaml")), "nothing is written into the checkout"
    assert "$ pulumi up --yes --stack demo --non-interactive" in result.out
    assert f"by {exe} (found through --pulumi)" in result.out
    assert "The stack pinned image_url tione.tencentcloudcr.com/fake:v1" in result.out


def test_the_environment_variable_names_the_pulumi_too(run: Run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    exe, log = _fake_pulumi(tmp_path)
    monkeypatch.setenv(demo.PULUMI_ENV, str(exe))
    result = run("demo")
    assert result.code == 0, result.err
    assert "found through env TIONE_DEMO_PULUMI" in result.out
    assert len(_calls(log)) == 5


def test_a_failed_up_still_destroys_and_fails_the_demo(run: Run, tmp_path: Path) -> None:
    exe, log = _fake_pulumi(tmp_path, fail="up")
    result = run("demo", "--pulumi", str(exe))
    assert result.code == 1
    assert "error: the quickstart stack: `pulumi up` failed (exit 3); its output is above" in result.err
    assert "boom: up" in result.out
    assert [c["argv"][0] for c in _calls(log)] == ["stack", "up", "destroy", "stack"]


def test_every_step_is_bounded(tmp_path: Path) -> None:
    exe, log = _fake_pulumi(tmp_path, hang="up")
    said: list[str] = []
    with pytest.raises(demo.DemoStackError, match=r"`pulumi up` did not finish within 1 s \(killed\)"):
        demo.run_stack(str(exe), ROOT, {"TIONE_ENDPOINT": "http://127.0.0.1:9"}, said.append, lambda: 0,
                       timeouts={"up": 1})
    assert [c["argv"][0] for c in _calls(log)] == ["stack", "up", "destroy", "stack"]


def test_a_given_pulumi_that_is_no_executable_is_an_error(run: Run, tmp_path: Path) -> None:
    result = run("demo", "--pulumi", str(tmp_path / "nope"))
    assert result.code == 1
    assert "--pulumi is" in result.err
    assert "not an executable file" in result.err
    assert "make engine" in result.err


def test_without_a_pulumi_the_demo_says_how_to_get_one(run: Run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if (ROOT / demo.ENGINE_PULUMI).exists():
        pytest.skip("this checkout has the pinned engine (.engine/bin/pulumi)")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(demo.PULUMI_ENV, raising=False)
    assert demo.find_pulumi(None, ROOT) == demo.FoundPulumi(None, "")
    result = run("demo")
    assert result.code == 0, result.err
    assert "0 object(s) left in the emulator" in result.out
    assert ("Skipped: deploying the quickstart stack with the real Pulumi engine: no Pulumi CLI "
            "found") in result.out
    assert "`make engine` builds the pinned Pulumi CLI into .engine/bin" in result.out


def test_the_pinned_engine_is_preferred_to_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "checkout"
    pinned = checkout / demo.ENGINE_PULUMI
    pinned.parent.mkdir(parents=True)
    pinned.write_text("#!/bin/sh\n")
    pinned.chmod(0o755)
    on_path = tmp_path / "path" / "pulumi"
    on_path.parent.mkdir()
    on_path.write_text("#!/bin/sh\n")
    on_path.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path.parent))
    monkeypatch.delenv(demo.PULUMI_ENV, raising=False)
    assert demo.find_pulumi(None, checkout).path == str(pinned)
    assert demo.find_pulumi(None, None).path == str(on_path)
    assert os.access(demo.find_pulumi(str(on_path), checkout).path or "", os.X_OK)
