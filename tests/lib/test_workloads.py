"""The workload library on the wire: lost creates adopted, names taken, timeouts cleaned up."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pulumi_tione.api.client import TioneClient
from pulumi_tione.api.credentials import resolve_settings
from pulumi_tione.emulator import Emulator
from pulumi_tione.errors import (
    ApiError,
    InvalidWorkloadError,
    NameConflictError,
    WaitTimeoutError,
    WorkloadError,
)
from pulumi_tione.workloads.bodies import notebook_body, training_task_body
from pulumi_tione.workloads.models import NotebookSpec
from pulumi_tione.workloads.ops import MAX_ACTION_ERRORS, NOTEBOOK, WaitPolicy, Workloads
from pulumi_tione.workloads.validate import parse_notebook, parse_training_task
from tests.support.config import stack_config
from tests.support.wire import Reply, Request, ScriptedServer, client_for, envelope, error_envelope
from tests.support.workloads import INSTANCE, SEED_IMAGE, actions, live_objects

FAST = WaitPolicy(initial=0.01, max_interval=0.05)


def workloads(server: Emulator) -> Workloads:
    return Workloads(TioneClient(resolve_settings(stack_config(server), None)), wait=FAST)


def notebook(name: str = "nb-lib") -> NotebookSpec:
    return parse_notebook({"name": name, "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
                           "resource_conf": {"instance_type": INSTANCE}})


@pytest.fixture
def server(emulator_factory: Callable[..., Emulator]) -> Emulator:
    return emulator_factory(rate_limit=0, step_seconds=0.0)


def test_a_create_whose_answer_is_lost_is_adopted_not_sent_again(server: Emulator) -> None:
    server.set_faults(lost_response_rate=1.0, seed=1)
    detail = workloads(server).create_notebook(notebook())
    assert detail["Status"] == "Running"
    assert [o["Id"] for o in live_objects(server)] == [detail["Id"]]
    assert actions(server)["CreateNotebook"] == 1
    workloads(server).delete_notebook(str(detail["Id"]))
    assert live_objects(server) == []


def test_a_name_someone_else_holds_is_a_conflict_not_an_adoption(server: Emulator) -> None:
    first = workloads(server).create_notebook(notebook("taken"))
    with pytest.raises(NameConflictError, match="a notebook named 'taken' already exists"):
        workloads(server).create_notebook(notebook("taken"))
    assert [o["Id"] for o in live_objects(server)] == [first["Id"]]


def test_a_create_that_times_out_cleans_up_or_says_what_to_delete(
    emulator_factory: Callable[..., Emulator]
) -> None:
    slow = emulator_factory(rate_limit=0, step_seconds=600.0)
    with pytest.raises(WaitTimeoutError, match=r"still Starting after 0.2s") as info:
        workloads(slow).create_notebook(notebook(), timeout=0.2, delete_timeout=0.2)
    (left,) = live_objects(slow)
    assert left["Status"] == "Stopping"  # the cleanup stopped it; stopping outlasts its timeout
    assert f"delete {left['Id']} yourself" in str(info.value)


def test_the_platform_image_is_sent_as_each_action_expects() -> None:
    nb = parse_notebook({"name": "n", "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
                         "resource_conf": {"instance_type": INSTANCE}})
    body = notebook_body(nb)
    assert body["ImageInfo"] == {"ImageType": "SYSTEM", "ImageUrl": SEED_IMAGE["image_url"],
                                 "ImageName": SEED_IMAGE["image_name"]}
    assert body["ImageType"] == "SYSTEM"
    task = parse_training_task({"name": "t", "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
                                "resource_config_infos": [{"role": "WORKER", "instance_type": INSTANCE}]})
    body = training_task_body(task)
    assert "ImageInfo" not in body
    assert (body["FrameworkName"], body["FrameworkEnvironment"], body["FrameworkVersion"]) == (
        "PYTORCH", SEED_IMAGE["image_name"], "2.3")


def test_a_custom_image_keeps_its_type_and_credentials() -> None:
    image = {"kind": "custom", "image_type": "CCR", "image_url": "ccr.ccs.tencentyun.com/me/img:1",
             "registry_region": "ap-guangzhou", "image_secret": {"username": "u", "password": "cA=="}}
    nb = parse_notebook({"name": "n", "image": image, "charge_type": "POSTPAID_BY_HOUR",
                         "resource_conf": {"instance_type": INSTANCE}})
    body = notebook_body(nb)
    assert body["ImageInfo"] == {"ImageType": "CCR", "ImageUrl": "ccr.ccs.tencentyun.com/me/img:1",
                                 "RegistryRegion": "ap-guangzhou",
                                 "ImageSecret": {"Username": "u", "Password": "cA=="}}
    assert body["ImageType"] == "CCR"
    assert "cA==" not in repr(nb)


def test_every_problem_is_reported_on_its_argument() -> None:
    with pytest.raises(InvalidWorkloadError) as info:
        parse_notebook({"name": "x" * 61, "image": {**SEED_IMAGE, "support_gpu_list": ["A100"]},
                        "charge_type": "PREPAID", "resource_conf": {"gpu_type": "T4"},
                        "additional_code_repo_ids": ["a", "b", "c", "d"], "vpc_id": "vpc-1"})
    problems = {p.argument: p.message for p in info.value.problems}
    assert set(problems) == {"name", "additional_code_repo_ids", "resource_group_id", "resource_conf",
                             "image"}
    assert "at most 60 characters" in problems["name"]
    assert "does not support GPU type 'T4'" in problems["image"]
    assert NOTEBOOK.create == "CreateNotebook"


def _action(req: Request) -> str:
    return req.headers.get("X-TC-Action") or req.headers.get("x-tc-action") or ""


def test_scripted_lost_create_then_absent_name_sends_again_and_duplicate_adopts() -> None:
    """Create lost -> lookup finds nothing -> re-sent create answers DuplicateName -> adopted."""
    def respond(req: Request, n: int) -> Reply:
        action = _action(req)
        if action == "CreateNotebook":
            if n == 0:
                return Reply(drop=True)
            return error_envelope("InvalidParameterValue.DuplicateName", "instance name conflict")
        if action == "DescribeNotebooks":
            seen = sum(_action(r) == "DescribeNotebooks" for r in scripted.requests)
            items = [] if seen == 1 else [{"Id": "nb-1", "Name": "nb-lib"}]
            return envelope({"NotebookSet": items, "TotalCount": len(items)})
        return envelope({"NotebookDetail": {"Id": "nb-1", "Name": "nb-lib", "Status": "Running"}})

    with ScriptedServer(respond) as scripted:
        ops = Workloads(client_for(scripted.url), wait=FAST)
        detail = ops.create_notebook(notebook())
    sent = [_action(r) for r in scripted.requests]
    assert detail["Id"] == "nb-1"
    assert sent[:4] == ["CreateNotebook", "DescribeNotebooks", "CreateNotebook", "DescribeNotebooks"]
    assert sent.count("CreateNotebook") == 2


def test_scripted_lost_create_and_no_way_to_ask_names_what_to_check() -> None:
    def respond(req: Request, n: int) -> Reply:
        if _action(req) == "CreateNotebook":
            return Reply(drop=True)
        return error_envelope("InternalError", "the listing is down")

    with ScriptedServer(respond) as scripted:
        ops = Workloads(client_for(scripted.url), wait=FAST)
        with pytest.raises(WorkloadError, match=r"may have created it .* named 'nb-lib'"):
            ops.create_notebook(notebook())
    assert [_action(r) for r in scripted.requests].count("CreateNotebook") == 1


def test_scripted_throttled_create_is_retried_not_looked_up() -> None:
    def respond(req: Request, n: int) -> Reply:
        action = _action(req)
        if action == "CreateNotebook":
            return (error_envelope("RequestLimitExceeded", "too fast") if n == 0
                    else envelope({"Id": "nb-2"}))
        return envelope({"NotebookDetail": {"Id": "nb-2", "Status": "Running"}})

    with ScriptedServer(respond) as scripted:
        detail = Workloads(client_for(scripted.url), wait=FAST).create_notebook(notebook())
    assert detail["Id"] == "nb-2"
    assert "DescribeNotebooks" not in [_action(r) for r in scripted.requests]


def test_scripted_resent_create_refused_after_a_lost_one_adopts_what_the_first_made() -> None:
    """Create lost -> lookup lags -> re-sent create refused (the first took the quota) -> the name
    is looked up again and the first attempt's notebook adopted, not left behind."""
    def respond(req: Request, n: int) -> Reply:
        action = _action(req)
        sent = [_action(r) for r in scripted.requests]
        if action == "CreateNotebook":
            if sent.count("CreateNotebook") == 1:
                return Reply(drop=True)
            return error_envelope("OperationDenied.BillingStatusResourceInsufficient", "sold out")
        if action == "DescribeNotebooks":
            items = [] if sent.count("DescribeNotebooks") == 1 else [{"Id": "nb-1", "Name": "nb-lib"}]
            return envelope({"NotebookSet": items, "TotalCount": len(items)})
        return envelope({"NotebookDetail": {"Id": "nb-1", "Name": "nb-lib", "Status": "Running"}})

    with ScriptedServer(respond) as scripted:
        detail = Workloads(client_for(scripted.url), wait=FAST).create_notebook(notebook())
    sent = [_action(r) for r in scripted.requests]
    assert detail["Id"] == "nb-1"
    assert sent[:4] == ["CreateNotebook", "DescribeNotebooks", "CreateNotebook", "DescribeNotebooks"]
    assert sent.count("CreateNotebook") == 2


def test_scripted_resent_create_refused_with_the_name_absent_raises_the_refusal() -> None:
    def respond(req: Request, n: int) -> Reply:
        action = _action(req)
        if action == "CreateNotebook":
            if [_action(r) for r in scripted.requests].count("CreateNotebook") == 1:
                return Reply(drop=True)
            return error_envelope("OperationDenied.BillingStatusResourceInsufficient", "sold out")
        return envelope({"NotebookSet": [], "TotalCount": 0})

    with ScriptedServer(respond) as scripted, pytest.raises(ApiError, match="sold out"):
        Workloads(client_for(scripted.url), wait=FAST).create_notebook(notebook())
    sent = [_action(r) for r in scripted.requests]
    assert (sent.count("CreateNotebook"), sent.count("DescribeNotebooks")) == (2, 2)


def test_scripted_stop_refused_while_starting_waits_instead_of_giving_up() -> None:
    """TI-ONE may refuse StopNotebook while a notebook is Starting (the docs are silent): a delete
    keeps looking until it is Running and can be stopped, far past MAX_ACTION_ERRORS refusals."""
    def respond(req: Request, n: int) -> Reply:
        action = _action(req)
        sent = [_action(r) for r in scripted.requests]
        polls, stops = sent.count("DescribeNotebook"), sent.count("StopNotebook")
        if action == "StopNotebook":
            if polls <= 2 * MAX_ACTION_ERRORS:
                return error_envelope("FailedOperation.NotAllow", "notebook is Starting")
            return envelope({})
        if action == "DeleteNotebook":
            return envelope({})
        if sent.count("DeleteNotebook"):
            return error_envelope("ResourceNotFound", "no such notebook")
        refused = 2 * MAX_ACTION_ERRORS
        status = "Starting" if polls <= refused else "Stopped" if stops > refused else "Running"
        return envelope({"NotebookDetail": {"Id": "nb-1", "Name": "nb-lib", "Status": status}})

    with ScriptedServer(respond) as scripted:
        Workloads(client_for(scripted.url), wait=FAST).delete_notebook("nb-1", timeout=60)
    sent = [_action(r) for r in scripted.requests]
    assert sent.count("StopNotebook") > MAX_ACTION_ERRORS
    assert sent.count("DeleteNotebook") == 1


def test_scripted_stop_refused_while_running_still_gives_up_after_max_action_errors() -> None:
    def respond(req: Request, n: int) -> Reply:
        if _action(req) == "StopNotebook":
            return error_envelope("FailedOperation.NotAllow", "refused for good")
        return envelope({"NotebookDetail": {"Id": "nb-1", "Name": "nb-lib", "Status": "Running"}})

    with ScriptedServer(respond) as scripted, pytest.raises(ApiError, match="refused for good"):
        Workloads(client_for(scripted.url), wait=FAST).delete_notebook("nb-1", timeout=60)
    assert [_action(r) for r in scripted.requests].count("StopNotebook") == MAX_ACTION_ERRORS


def test_scripted_duplicate_that_is_never_listed_says_to_find_and_delete_it() -> None:
    """Running again cannot adopt it (a first create answered DuplicateName is a conflict), so the
    error must say where the object is and to delete it."""
    def respond(req: Request, n: int) -> Reply:
        action = _action(req)
        if action == "CreateNotebook":
            if [_action(r) for r in scripted.requests].count("CreateNotebook") == 1:
                return Reply(drop=True)
            return error_envelope("InvalidParameterValue.DuplicateName", "instance name conflict")
        return envelope({"NotebookSet": [], "TotalCount": 0})

    with ScriptedServer(respond) as scripted, pytest.raises(WorkloadError) as info:
        Workloads(client_for(scripted.url), wait=FAST).create_notebook(notebook())
    message = str(info.value)
    assert "tccli tione DescribeNotebooks --Filters" in message
    assert '"Values":["nb-lib"]' in message
    assert "delete it before running the operation again" in message
    assert "run the operation again to adopt" not in message
