"""Real command-line clients against the emulator: tccli, and the foreground `serve` runner."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

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
from tests.support.workload_requests import call, notebook_body, service_body, task_body

TCCLI = Path(sys.executable).with_name("tccli")
PROVIDER_DIR = Path(__file__).resolve().parents[2] / "provider"

needs_tccli = pytest.mark.skipif(not TCCLI.exists(), reason="tccli is not installed next to this Python")


def tccli(
    server: Emulator,
    home: Path,
    *args: str,
    secret_key: str = DEFAULT_SECRET_KEY,
    action: str = "DescribePlatformImages",
) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "NO_PROXY": "127.0.0.1,localhost",
        "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": secret_key,
        "TENCENTCLOUD_REGION": DEFAULT_REGION,
    }
    command = [str(TCCLI), "tione", action, "--endpoint", server.url, *args]
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


def flags(body: dict[str, Any]) -> list[str]:
    """tccli's flag form of an API request: strings as given, everything else as JSON."""
    return [part for key, value in body.items()
            for part in ("--" + key, value if isinstance(value, str) else json.dumps(value))]


def tccli_ok(server: Emulator, home: Path, action: str, *args: str) -> dict[str, Any]:
    done = tccli(server, home, *args, action=action)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


NOTEBOOK_ACTIONS = ("CreateNotebook", "DescribeNotebook", "NotebookDetail", "StopNotebook", "DeleteNotebook")
TASK_ACTIONS = ("CreateTrainingTask", "DescribeTrainingTask", "TrainingTaskDetail", "StopTrainingTask",
                "DeleteTrainingTask")


@needs_tccli
@pytest.mark.parametrize(
    ("actions", "body", "stopped"),
    [(NOTEBOOK_ACTIONS, notebook_body(), "Stopped"), (TASK_ACTIONS, task_body(), "STOPPED")],
)
def test_tccli_create_describe_delete(
    emulator_factory: Callable[..., Emulator],
    isolated_env: Path,
    actions: tuple[str, str, str, str, str],
    body: dict[str, Any],
    stopped: str,
) -> None:
    create, describe, detail, stop, delete = actions
    server = emulator_factory(rate_limit=0, step_seconds=0)
    object_id = tccli_ok(server, isolated_env, create, *flags(body))["Id"]
    described = tccli_ok(server, isolated_env, describe, "--Id", object_id)[detail]
    assert (described["Id"], described["Name"], described["Tags"]) == (
        object_id, body["Name"], [{"TagKey": "team", "TagValue": "ml"}])
    again = tccli(server, isolated_env, *flags(body), action=create)
    assert again.returncode != 0
    assert "DuplicateName" in again.stderr
    tccli_ok(server, isolated_env, stop, "--Id", object_id)
    assert tccli_ok(server, isolated_env, describe, "--Id", object_id)[detail]["Status"] == stopped
    tccli_ok(server, isolated_env, delete, "--Id", object_id)
    gone = tccli(server, isolated_env, "--Id", object_id, action=describe)
    assert gone.returncode != 0
    assert "code:ResourceNotFound" in gone.stderr
    assert server.objects() == []


@needs_tccli
def test_tccli_model_service(emulator_factory: Callable[..., Emulator], isolated_env: Path) -> None:
    server = emulator_factory(rate_limit=0, step_seconds=0)
    service = tccli_ok(server, isolated_env, "CreateModelService", *flags(service_body()))["Service"]
    group = service["ServiceGroupId"]
    assert (service["ServiceId"], service["Status"]) == (f"{group}-1", "CREATING")
    again = tccli(server, isolated_env, *flags(service_body()), action="CreateModelService")
    assert "FailedOperation.DuplicateName" in again.stderr
    tccli_ok(server, isolated_env, "ModifyModelService", "--ServiceId", service["ServiceId"],
             "--ServiceAction", "STOP")
    stopped = tccli_ok(server, isolated_env, "DescribeModelService", "--ServiceId", service["ServiceId"])
    assert (stopped["Service"]["Status"], stopped["Service"]["ServiceInfo"]["Replicas"]) == ("Stopped", 0)
    tccli_ok(server, isolated_env, "ModifyModelServiceAuthorization", "--ServiceGroupId", group,
             "--AuthorizationEnable", "true")
    info = tccli_ok(server, isolated_env, "DescribeModelServiceCallInfo", "--ServiceGroupId", group)
    assert info["ServiceCallInfo"]["AuthorizationEnable"] is True
    tccli_ok(server, isolated_env, "DeleteModelServiceGroup", "--ServiceGroupId", group)
    assert tccli_ok(server, isolated_env, "DescribeModelServiceGroups")["TotalCount"] == 0


@needs_tccli
def test_tccli_lists_with_filters(emulator_factory: Callable[..., Emulator], isolated_env: Path) -> None:
    server = emulator_factory(rate_limit=0, step_seconds=0)
    request = isolated_env / "notebook.json"
    request.write_text(json.dumps(notebook_body()), encoding="utf-8")
    tccli_ok(server, isolated_env, "CreateNotebook", "--cli-input-json", f"file://{request}")
    filters = json.dumps([{"Name": "Status", "Values": ["Running"]}])
    listed = tccli_ok(server, isolated_env, "DescribeNotebooks", "--Filters", filters, "--Limit", "100")
    assert [n["Name"] for n in listed["NotebookSet"]] == ["nb-dev"]
    too_many = tccli(server, isolated_env, "--Limit", "51", action="DescribeTrainingTasks")
    assert "code:InvalidParameterValue.PageLimitExceeded" in too_many.stderr


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
            assert url.startswith("http://127.0.0.1:")
            lines = [proc.stdout.readline().rstrip("\n") for _ in range(6)]
            assert lines[1:5] == [f"export TIONE_ENDPOINT={url}", "export TENCENTCLOUD_REGION=ap-guangzhou",
                                  f"export TENCENTCLOUD_SECRET_ID={DEFAULT_SECRET_ID}",
                                  f"export TENCENTCLOUD_SECRET_KEY={DEFAULT_SECRET_KEY}"]
            settings = lines[5]
            assert "each transitional one lasts 2 s, training runs 60 s" in settings
            assert f"admin: {url}/_emulator/objects" in settings
            server = _Remote(url)
            assert describe(sdk_client(server), Limit=1).TotalCount > 100  # type: ignore[arg-type]
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err


def test_cli_emulator_timing_and_lost_response_flags(isolated_env: Path) -> None:
    argv = ["--rate-limit", "0", "--step-seconds", "0", "--run-seconds", "3600", "--lost-response-rate", "1",
            "--seed", "5", "--accept-region", "ap-moon"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PROVIDER_DIR), os.environ.get("PYTHONPATH", "")]))
    command = [sys.executable, "-m", "pulumi_tione.cli", "emulator", *argv]
    pipe = subprocess.PIPE
    with subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            server = _Remote(proc.stdout.readline().strip())
            client = sdk_client(server, region="ap-moon")  # type: ignore[arg-type]
            with pytest.raises(TencentCloudSDKException):
                call(client, "CreateTrainingTask", **task_body())
            listed = call(client, "DescribeTrainingTasks").TrainingTaskSet
            assert [(t.Name, t.Status) for t in listed] == [("finetune", "RUNNING")]
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err


@pytest.mark.parametrize("delay", [0.0, 0.17, 0.5, 0.83])
def test_cli_emulator_stops_on_sigterm_whenever_it_comes(isolated_env: Path, delay: float) -> None:
    """SIGTERM at any point of the serving loop stops it: the handler once called Event.set() and
    deadlocked when the signal came while the main thread held that Event's lock (found under
    load by the README's offline blocks: the emulator outlived `kill "$emu"`, parent 1)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(PROVIDER_DIR), os.environ.get("PYTHONPATH", "")]))
    command = [sys.executable, "-m", "pulumi_tione.cli", "emulator", "--port", "0"]
    pipe = subprocess.PIPE
    with subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True, env=env) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("http://")
        time.sleep(delay)  # not synchronisation: where in the loop the signal lands
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("the emulator ignored SIGTERM") from None
    assert proc.returncode == 0, err


def test_serve_reports_a_busy_port(emu: Emulator) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert serve(EmulatorOptions(port=emu.port), out=out, err=err) == 1
    assert out.getvalue() == ""
    assert err.getvalue().startswith(f"error: cannot listen on 127.0.0.1:{emu.port}: ")
    assert "port=0 picks a free one" in err.getvalue()


class _Remote:
    """Just enough of `Emulator` for `sdk_client`: a host_port of a server in another process."""

    def __init__(self, url: str) -> None:
        self.host_port = url.removeprefix("http://")
