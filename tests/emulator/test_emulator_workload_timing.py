"""Workload statuses over time (step 0, an injected clock), lost responses and the admin endpoints."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from pulumi_tione.emulator import Emulator
from tests.support.sdk import sdk_client
from tests.support.workload_requests import Clock, call, notebook_body, task_body


def admin(
    server: Emulator, method: str, path: str, document: Any = None, *, raw: bytes | None = None
) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        body = raw if raw is not None else None if document is None else json.dumps(document).encode()
        conn.request(method, path, body=body)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_step_zero_the_next_request_sees_the_next_status(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(rate_limit=0, step_seconds=0, run_seconds=3600)
    client = sdk_client(server)
    notebook_id = call(client, "CreateNotebook", **notebook_body()).Id
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Status == "Running"
    call(client, "StopNotebook", Id=notebook_id)
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Status == "Stopped"
    task_id = call(client, "CreateTrainingTask", **task_body()).Id
    assert call(client, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail.Status == "RUNNING"
    call(client, "StopTrainingTask", Id=task_id)
    assert call(client, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail.Status == "STOPPED"


def test_run_seconds_zero_finishes_at_once(emulator_factory: Callable[..., Emulator]) -> None:
    client = sdk_client(emulator_factory(rate_limit=0, step_seconds=0, run_seconds=0))
    task_id = call(client, "CreateTrainingTask", **task_body()).Id
    done = call(client, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail
    assert (done.Status, done.RuntimeInSeconds) == ("SUCCEED", 0)


def test_statuses_follow_the_injected_clock(emulator_factory: Callable[..., Emulator]) -> None:
    clock = Clock()
    server = emulator_factory(rate_limit=0, clock=clock, step_seconds=5, run_seconds=10)
    client = sdk_client(server)
    task_id = call(client, "CreateTrainingTask", **task_body()).Id
    timeline: dict[str, int] = {}
    for second in range(0, 30, 1):
        timeline.setdefault(
            call(client, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail.Status, second
        )
        clock.advance(1)
    assert timeline == {"SUBMITTING": 0, "PENDING": 5, "STARTING": 10, "RUNNING": 15, "SUCCEED": 25}
    server.set_timing(step_seconds=1)
    notebook_id = call(client, "CreateNotebook", **notebook_body()).Id
    clock.advance(0.999)
    assert server.objects()[-1]["Status"] == "Starting"
    clock.advance(0.001)
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Status == "Running"


def test_a_lost_response_leaves_the_object_behind(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(rate_limit=0, step_seconds=0, lost_response_rate=1.0, seed=3)
    client = sdk_client(server)
    with pytest.raises(TencentCloudSDKException) as info:
        call(client, "CreateNotebook", **notebook_body())
    assert info.value.code == "ClientNetworkError"
    [created] = server.objects()
    assert (created["Kind"], created["Name"], created["Status"]) == ("Notebook", "nb-dev", "Running")
    listed = call(client, "DescribeNotebooks", Filters=[{"Name": "Name", "Values": ["nb-dev"]}])
    assert [n.Id for n in listed.NotebookSet] == [created["Id"]]
    with pytest.raises(TencentCloudSDKException):
        call(client, "CreateNotebook", **notebook_body())
    assert len(server.objects()) == 1
    stats = server.stats()
    assert stats["actions"]["CreateNotebook"] == {"lost": 1, "InvalidParameterValue.DuplicateName": 1}
    assert stats["actions"]["DescribeNotebooks"] == {"ok": 1}
    assert stats["lost_responses"] == 1


def test_lost_responses_are_seeded_and_only_hit_mutations(emulator_factory: Callable[..., Emulator]) -> None:
    outcomes = []
    for _ in range(2):
        server = emulator_factory(rate_limit=0, step_seconds=0, lost_response_rate=0.5, seed=11)
        client = sdk_client(server)
        run = []
        for index in range(12):
            try:
                call(client, "CreateTrainingTask", **task_body(Name=f"t-{index}"))
                run.append("ok")
            except TencentCloudSDKException:
                run.append("lost")
        assert len(server.objects()) == 12
        assert call(client, "DescribeTrainingTasks", Limit=50).TotalCount == 12
        outcomes.append(run)
    assert outcomes[0] == outcomes[1]
    assert {"ok", "lost"} == set(outcomes[0])


def test_concurrent_creates_of_one_name_make_one_object(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(rate_limit=0)
    clients = [sdk_client(server) for _ in range(8)]

    def create(index: int) -> str:
        try:
            kind = "CreateNotebook" if index % 2 else "CreateTrainingTask"
            call(
                clients[index], kind, **(notebook_body(Name="same") if index % 2 else task_body(Name="same"))
            )
        except TencentCloudSDKException as e:
            return str(e.code)
        return "ok"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(create, range(8)))
    assert outcomes.count("ok") == 2
    assert sorted({o for o in outcomes if o != "ok"}) == [
        "FailedOperation.DuplicateName",
        "InvalidParameterValue.DuplicateName",
    ]
    assert sorted(o["Kind"] for o in server.objects()) == ["Notebook", "TrainingTask"]


def test_admin_objects_and_forced_status(clocked: Emulator, clock: Clock) -> None:
    client = sdk_client(clocked)
    task_id = call(client, "CreateTrainingTask", **task_body()).Id
    notebook_id = call(client, "CreateNotebook", **notebook_body()).Id
    status, document = admin(clocked, "GET", "/_emulator/objects")
    assert status == 200
    assert [(o["Kind"], o["Id"], o["Status"]) for o in document["objects"]] == [
        ("TrainingTask", task_id, "SUBMITTING"),
        ("Notebook", notebook_id, "Starting"),
    ]
    status, forced = admin(
        clocked,
        "POST",
        "/_emulator/status",
        {"Id": task_id, "Status": "FAILED", "FailureReason": "OOMKilled"},
    )
    assert (status, forced["Status"], forced["FailureReason"]) == (200, "FAILED", "OOMKilled")
    clock.advance(100)
    failed = call(client, "DescribeTrainingTask", Id=task_id).TrainingTaskDetail
    assert (failed.Status, failed.FailureReason) == ("FAILED", "OOMKilled")
    assert admin(clocked, "POST", "/_emulator/status", {"Id": notebook_id, "Status": "Stopping"})[0] == 200
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Status == "Stopping"
    clock.advance(2)
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Status == "Stopped"
    status, cleared = admin(clocked, "DELETE", "/_emulator/objects")
    assert (status, cleared, clocked.objects()) == (200, {"deleted": 2}, [])


@pytest.mark.parametrize(
    ("document", "status", "fragment"),
    [
        ({"Id": "nb-1", "Status": "Running"}, 404, "no notebook, training task or model service 'nb-1'"),
        ({"Id": "ID", "Status": "Running", "Colour": 1}, 400, "send {"),
        ({"Id": "ID", "Status": "RUNNING"}, 400, "not a Notebook status; use one of Starting, Running"),
        ({"Id": "ID"}, 400, "Id and Status are required"),
        (["Id"], 400, "send {"),
    ],
)
def test_forced_status_errors(clocked: Emulator, document: Any, status: int, fragment: str) -> None:
    notebook_id = call(sdk_client(clocked), "CreateNotebook", **notebook_body()).Id
    if isinstance(document, dict) and document.get("Id") == "ID":
        document = {**document, "Id": notebook_id}
    got, answer = admin(clocked, "POST", "/_emulator/status", document)
    assert (got, fragment in answer["error"]) == (status, True), answer


def test_admin_status_needs_json_and_post(clocked: Emulator) -> None:
    status, answer = admin(clocked, "POST", "/_emulator/status", raw=b"{")
    assert (status, "not valid JSON" in answer["error"]) == (400, True)
    assert admin(clocked, "GET", "/_emulator/status")[0] == 405
    assert admin(clocked, "PUT", "/_emulator/objects")[0] == 405


def test_python_api_mirrors_the_admin_endpoints(clocked: Emulator) -> None:
    notebook_id = call(sdk_client(clocked), "CreateNotebook", **notebook_body()).Id
    assert clocked.set_status(notebook_id, "Failed", "no GPU")["FailureReason"] == "no GPU"
    with pytest.raises(KeyError):
        clocked.set_status("nb-0", "Failed")
    with pytest.raises(ValueError, match="not a Notebook status"):
        clocked.set_status(notebook_id, "FAILED")
    assert clocked.clear_objects() == 1


def test_faults_and_timing_change_over_http(clocked: Emulator, clock: Clock) -> None:
    client = sdk_client(clocked)
    assert admin(clocked, "POST", "/_emulator/timing", {"step_seconds": 0}) == (
        200,
        {"updated": ["step_seconds"]},
    )
    notebook_id = call(client, "CreateNotebook", **notebook_body()).Id
    assert call(client, "DescribeNotebook", Id=notebook_id).NotebookDetail.Status == "Running"
    status, _ = admin(clocked, "POST", "/_emulator/faults", {"lost_response_rate": 1, "seed": 4})
    assert status == 200
    with pytest.raises(TencentCloudSDKException):
        call(client, "StopNotebook", Id=notebook_id)
    assert clocked.objects()[0]["Status"] == "Stopped"
    assert admin(clocked, "POST", "/_emulator/faults", {"lost_response_rate": 0})[0] == 200
    call(client, "StartNotebook", Id=notebook_id)


@pytest.mark.parametrize(
    ("path", "document", "fragment"),
    [
        ("/_emulator/faults", {"error_rate": 2}, "error_rate must be between 0 and 1, got 2"),
        ("/_emulator/faults", {"rate_limit": -1}, "rate_limit must be an integer >= 0"),
        ("/_emulator/faults", {"seed": "x"}, "seed must be an integer"),
        ("/_emulator/faults", {"step_seconds": 1}, "send an object with some of latency_ms, error_rate"),
        ("/_emulator/timing", {"run_seconds": -5}, "run_seconds must be >= 0, got -5"),
        ("/_emulator/timing", {"step_seconds": "1"}, "step_seconds must be a finite number"),
        ("/_emulator/timing", [1], "send an object with some of step_seconds, run_seconds"),
    ],
)
def test_bad_settings_are_400(clocked: Emulator, path: str, document: Any, fragment: str) -> None:
    status, answer = admin(clocked, "POST", path, document)
    assert (status, fragment in answer["error"]) == (400, True), answer
    assert clocked.backend.error_rate == 0
