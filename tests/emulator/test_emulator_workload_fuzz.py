"""Property test: any request the API definitions allow (and many they do not) gets an API 3.0
answer from the workload actions — success or a documented-style error code — never a crash."""

from __future__ import annotations

import json
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, bundled_catalog
from pulumi_tione.emulator.backend import Backend
from pulumi_tione.emulator.handler import WORKLOAD_ACTIONS, handle_api
from pulumi_tione.emulator.schema import ACTIONS, OBJECTS, parse_type
from tests.support.signing import sign_request
from tests.support.workload_requests import notebook_body, task_body

HOST = "127.0.0.1:1"
TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            "WORKER",
            "DDP",
            "SYSTEM",
            "PREPAID",
            "POSTPAID_BY_HOUR",
            "TI.S.MEDIUM.POST",
            "CLOUD_PREMIUM",
            "CFS",
            "Name",
            "Status",
            "Running",
            "PENDING",
            "x" * 70,
        ]
    ),
    st.text(max_size=12),
)
INTEGER = st.one_of(st.sampled_from([0, 1, 10, 15, 50, 100, 101, -1, 2**63]), st.integers())
JUNK = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False), TEXT, st.lists(TEXT, max_size=2))


def value_of(spec: str, junk: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of a member's declared type; with `junk`, values of other types now and then."""
    base, is_list, _ = parse_type(spec)
    if base == "string":
        single: st.SearchStrategy[Any] = TEXT
    elif base == "bool":
        single = st.booleans()
    elif base in ("int64", "uint64"):
        single = INTEGER
    elif depth >= 3:
        single = st.just({})
    else:
        single = object_of(OBJECTS[base], junk, depth + 1)
    typed = st.lists(single, max_size=3) if is_list else single
    return st.one_of(typed, typed, typed, JUNK) if junk else typed


def object_of(members: dict[str, str], junk: bool, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    optional = {name: value_of(spec, junk, depth) for name, spec in members.items()}
    return st.fixed_dictionaries({}, optional=optional)


def request_of(action: str, junk: bool) -> st.SearchStrategy[dict[str, Any]]:
    valid = notebook_body() if "Notebook" in action else task_body()
    base = valid if action in ("CreateNotebook", "ModifyNotebook", "CreateTrainingTask") else {}
    return object_of(ACTIONS[action], junk, 0).map(lambda changes: {**base, **changes})


BACKEND = Backend(
    catalog=bundled_catalog(),
    credentials={DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY},
    rate_limit=0,
    step_seconds=0,
    run_seconds=0,
)


def answer(action: str, params: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps(params).encode()
    headers = sign_request(
        secret_id=DEFAULT_SECRET_ID,
        secret_key=DEFAULT_SECRET_KEY,
        host=HOST,
        action=action,
        payload=body,
        timestamp=int(time.time()),
        region=DEFAULT_REGION,
    )
    lowered = {name.lower(): value for name, value in headers.items()}
    reply = handle_api(BACKEND, method="POST", query="", headers=lowered, body=body)
    assert (reply.status, reply.content_type, reply.drop) == (200, "application/json", False)
    return dict(json.loads(reply.body)["Response"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(action=st.sampled_from(WORKLOAD_ACTIONS), data=st.data())
def test_any_request_gets_an_envelope(action: str, data: st.DataObject) -> None:
    params = data.draw(request_of(action, junk=data.draw(st.integers(0, 3)) == 0))
    existing = data.draw(st.none() | st.integers(min_value=0, max_value=1000))
    ids = sorted(BACKEND.workloads.records)
    if "Id" in ACTIONS[action] and ids and existing is not None:
        params["Id"] = ids[existing % len(ids)]
    response = answer(action, params)
    assert "RequestId" in response
    if "Error" in response:
        code, message = response["Error"]["Code"], response["Error"]["Message"]
        assert code.split(".")[0] in {
            "InvalidParameter",
            "InvalidParameterValue",
            "MissingParameter",
            "UnknownParameter",
            "ResourceNotFound",
            "FailedOperation",
            "OperationDenied",
        }, (code, message)
        assert message.endswith("."), message
        assert len(message) < 1200
    if len(BACKEND.workloads.records) > 200:
        BACKEND.workloads.clear()
