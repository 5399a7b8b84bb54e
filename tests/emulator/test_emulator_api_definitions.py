"""The emulator held to tccli's ``api.json``: request members, types, required flags, Limit bounds,
filter names and response members, read at test time from the installed tccli package."""

from __future__ import annotations

import html
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.tione.v20211111.tione_client import TioneClient as Client

from pulumi_tione.emulator import backend, notebooks, schema, services, training
from pulumi_tione.emulator.handler import IMPLEMENTED_ACTIONS
from tests.support.sdk import sdk_client
from tests.support.workload_requests import Clock, call, notebook_body, service_body, task_body


@cache
def api() -> dict[str, Any]:
    spec = importlib.util.find_spec("tccli")
    if spec is None or spec.origin is None:
        pytest.fail("tccli is a test dependency (pip install -e '.[test]'): its api.json defines TI-ONE")
    path = Path(spec.origin).parent / "services" / "tione" / "v20211111" / "api.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def members(object_name: str) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in api()["objects"][object_name]["members"]}


def request_object(action: str) -> str:
    return str(api()["actions"][action]["input"])


def response_object(action: str) -> str:
    return str(api()["actions"][action]["output"])


def spec_of(member: dict[str, Any]) -> str:
    """api.json's member as the emulator writes it: ``[Tag]!``, ``uint64``, ``ResourceConf``."""
    base = member["member"]
    text = f"[{base}]" if member["type"] == "list" else base
    return text + ("!" if member.get("required") else "")


def test_the_emulator_implements_the_actions_the_design_lists() -> None:
    assert set(IMPLEMENTED_ACTIONS) == set(schema.ACTIONS)
    assert all(api()["actions"][action]["status"] == "online" for action in IMPLEMENTED_ACTIONS)


@pytest.mark.parametrize("action", IMPLEMENTED_ACTIONS)
def test_request_members_types_and_required_flags_match(action: str) -> None:
    expected = {name: spec_of(m) for name, m in members(request_object(action)).items()}
    assert schema.ACTIONS[action] == expected


def test_every_request_object_matches_and_none_is_missing() -> None:
    reachable: set[str] = set()
    todo = [request_object(a) for a in IMPLEMENTED_ACTIONS]
    while todo:
        for member in members(todo.pop()).values():
            if member["member"] in api()["objects"] and member["member"] not in reachable:
                reachable.add(member["member"])
                todo.append(member["member"])
    assert set(schema.OBJECTS) == reachable
    for name in reachable:
        assert schema.OBJECTS[name] == {n: spec_of(m) for n, m in members(name).items()}, name


def _doc(action: str, member: str) -> str:
    """The member's document with HTML line breaks as newlines and other tags removed."""
    text = re.sub(r"<br\s*/?>|</p>", "\n", members(request_object(action))[member]["document"])
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.parametrize(
    ("action", "listing"), [("DescribeNotebooks", notebooks.LIST), ("DescribeTrainingTasks", training.LIST)]
)
def test_limit_bounds_and_filter_names_match_the_documentation(action: str, listing: Any) -> None:
    limit = _doc(action, "Limit")
    assert int(re.search(r"默认为\s*(\d+)", limit).group(1)) == listing.default_limit  # type: ignore[union-attr]
    assert int(re.search(r"最大(?:值|为)\s*(\d+)", limit).group(1)) == listing.max_limit  # type: ignore[union-attr]
    documented = re.findall(r"^\s*([A-Za-z_]+)（", _doc(action, "Filters").split("取值范围")[1], re.MULTILINE)
    assert documented == list(listing.filters)


def test_service_group_listing_matches_the_documentation(client: Client) -> None:
    limit = _doc("DescribeModelServiceGroups", "Limit")
    assert re.search(r"默认为(\d+)，最大值为(\d+)", limit).groups() == ("20", "100")  # type: ignore[union-attr]
    documented = re.findall(r'"([A-Za-z]+)"', _doc("DescribeModelServiceGroups", "Filters"))
    assert documented == list(services.GROUP_FILTERS)
    assert (services.DEFAULT_LIMIT, services.MAX_LIMIT) == (20, 100)
    assert call(client, "DescribeModelServiceGroups", Limit=100).TotalCount == 0
    with pytest.raises(TencentCloudSDKException) as info:
        call(client, "DescribeModelServiceGroups", Limit=101)
    assert info.value.code == "InvalidParameterValue.PageLimitExceeded"


def test_platform_images_default_limit_matches_the_documentation() -> None:
    doc = _doc("DescribePlatformImages", "Limit")
    assert int(re.search(r"默认\s*(\d+)", doc).group(1)) == backend.DEFAULT_LIMIT  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("action", "listing"), [("DescribeNotebooks", notebooks.LIST), ("DescribeTrainingTasks", training.LIST)]
)
def test_limit_bounds_on_the_wire(client: Client, action: str, listing: Any) -> None:
    assert call(client, action, Limit=listing.max_limit).TotalCount == 0
    with pytest.raises(TencentCloudSDKException) as info:
        call(client, action, Limit=listing.max_limit + 1)
    assert info.value.code == "InvalidParameterValue.PageLimitExceeded"


def _sample(member: dict[str, Any], depth: int = 0) -> Any:
    """A value of the member's declared type, with the required members of objects filled in."""
    base = member["member"]
    if base == "string":
        value: Any = "sample"
    elif base == "bool":
        value = False
    elif base in ("int64", "uint64"):
        value = 1
    else:
        value = {
            n: _sample(m, depth + 1) for n, m in members(base).items() if m.get("required") or depth == 0
        }
    return [value] if member["type"] == "list" else value


class _Bodies:
    """A valid request for every implemented action, on objects that exist in `server`."""

    def __init__(self, client: Client, clock: Clock) -> None:
        self.notebook = str(call(client, "CreateNotebook", **notebook_body(Name="held")).Id)
        self.task = str(call(client, "CreateTrainingTask", **task_body(Name="held")).Id)
        held = call(client, "CreateModelService", **service_body(ServiceGroupName="held")).Service
        self.service, self.group = str(held.ServiceId), str(held.ServiceGroupId)
        clock.advance(10)
        call(client, "StopNotebook", Id=self.notebook)
        clock.advance(10)

    def body(self, action: str) -> dict[str, Any]:
        if action == "CreateNotebook":
            return notebook_body()
        if action == "CreateTrainingTask":
            return task_body()
        if action == "CreateModelService":
            return service_body()
        if "ServiceId" in members(request_object(action)):
            return {"ServiceId": self.service}
        if "ServiceGroupId" in members(request_object(action)):
            return {"ServiceGroupId": self.group}
        if action == "ModifyNotebook":
            return {k: v for k, v in notebook_body(Name="held").items() if k != "Tags"} | {
                "Id": self.notebook
            }
        if "Id" in members(request_object(action)):
            return {"Id": self.notebook if "Notebook" in action else self.task}
        return {}


def _outcome(client: Client, action: str, params: dict[str, Any]) -> tuple[str, str]:
    """("ok", "") or the (code, message) of the error `action` answers."""
    try:
        client.call_json(action, params)
    except TencentCloudSDKException as e:
        return str(e.code), str(e.message)
    return "ok", ""


@pytest.mark.parametrize("action", IMPLEMENTED_ACTIONS)
def test_required_members_are_enforced_and_only_they(tc: Client, clock: Clock, action: str) -> None:
    body = _Bodies(tc, clock).body(action)
    required = [n for n, m in members(request_object(action)).items() if m.get("required")]
    assert set(required) <= set(body)
    for name in required:
        with pytest.raises(TencentCloudSDKException, match=f"`{name}`") as info:
            tc.call_json(action, {k: v for k, v in body.items() if k != name})
        assert info.value.code == "MissingParameter"
    assert _outcome(tc, action, {k: v for k, v in body.items() if k in required})[0] != "MissingParameter"


@pytest.mark.parametrize("action", IMPLEMENTED_ACTIONS)
def test_every_defined_member_is_accepted_and_others_refused(tc: Client, clock: Clock, action: str) -> None:
    body = _Bodies(tc, clock).body(action)
    for name, member in members(request_object(action)).items():
        code, message = _outcome(tc, action, {**body, name: body.get(name, _sample(member))})
        assert code not in ("UnknownParameter", "InvalidParameter", "MissingParameter"), (name, message)
    with pytest.raises(TencentCloudSDKException, match="`Bogus`") as info:
        tc.call_json(action, {**body, "Bogus": 1})
    assert info.value.code == "UnknownParameter"


def _check_response(value: Any, object_name: str, path: str, depth: int = 0) -> None:
    """Every member is defined, at any depth; the response and the objects it lists (NotebookDetail,
    TrainingTaskSetItem...) carry every member the definition marks ``output_required``."""
    defined = members(object_name)
    for key, item in value.items():
        assert key in defined, f"{path}.{key} is not a member of {object_name}"
        member = defined[key]
        if member["member"] in api()["objects"] and item is not None:
            for index, element in enumerate(item if member["type"] == "list" else [item]):
                _check_response(element, member["member"], f"{path}.{key}[{index}]", depth + 1)
    missing = [n for n, m in defined.items() if m.get("output_required") and n not in value]
    assert depth > 1 or not missing, f"{path} lacks {missing} ({object_name})"


def test_every_response_member_is_defined(emulator_factory: Any) -> None:
    clock = Clock()
    server = emulator_factory(rate_limit=0, clock=clock, step_seconds=1, run_seconds=1)
    client = sdk_client(server)
    cfs = {"Id": "cfs-1", "Path": "/tione"}
    rich = notebook_body(
        VolumeSourceType="CFS",
        VolumeSourceCFS=cfs,
        VolumeSizeInGB=None,
        SSHConfig={"Enable": True, "PublicKey": "ssh-rsa AAAA"},
        LogEnable=True,
        LogConfig={"LogsetId": "ls", "TopicId": "tp"},
        DataConfigs=[
            {
                "MappingPath": "/d",
                "DataSourceType": "COS",
                "COSSource": {"Bucket": "b-1", "Region": "ap-guangzhou", "Paths": ["x/"]},
            }
        ],
    )
    notebook_id = call(client, "CreateNotebook", **rich).Id
    task_id = call(
        client,
        "CreateTrainingTask",
        **task_body(Envs=[{"Name": "A", "Value": "1"}], CodeRepos=[{"Id": "cr-1", "TargetPath": "/code"}]),
    ).Id
    service = call(
        client,
        "CreateModelService",
        **service_body(
            AuthorizationEnable=True,
            Env=[{"Name": "K", "Value": "v", "IsPrivate": True}],
            ModelInfo={"ModelVersionId": "mv-v1-1", "ModelId": "m-1", "ModelSource": "COS"},
            HealthProbe={"ReadinessProbe": {"ProbeAction": {"ActionType": "Exec"}}},
            VolumeMount={"VolumeSourceType": "CFS", "CFSConfig": {"Id": "cfs-1", "Path": "/m"}},
            GatewayConfig={"GatewayType": "DEFAULT"},
        ),
    ).Service
    group = {"ServiceGroupId": service.ServiceGroupId}
    clock.advance(5)
    answers = {
        "CreateModelService": client.call_json("CreateModelService", service_body(ServiceGroupName="other")),
        "DescribeModelService": client.call_json("DescribeModelService", {"ServiceId": service.ServiceId}),
        "DescribeModelServiceGroup": client.call_json("DescribeModelServiceGroup", group),
        "DescribeModelServiceGroups": client.call_json("DescribeModelServiceGroups", {}),
        "DescribeModelServiceCallInfo": client.call_json("DescribeModelServiceCallInfo", group),
        "ModifyModelService": client.call_json(
            "ModifyModelService", {"ServiceId": service.ServiceId, "ServiceAction": "STOP"}
        ),
        "DescribePlatformImages": client.call_json("DescribePlatformImages", {"Limit": 100}),
        "DescribeNotebook": client.call_json("DescribeNotebook", {"Id": notebook_id}),
        "DescribeNotebooks": client.call_json("DescribeNotebooks", {}),
        "DescribeTrainingTask": client.call_json("DescribeTrainingTask", {"Id": task_id}),
        "DescribeTrainingTasks": client.call_json("DescribeTrainingTasks", {}),
        "StopNotebook": client.call_json("StopNotebook", {"Id": notebook_id}),
        "CreateTrainingTask": client.call_json("CreateTrainingTask", task_body(Name="another")),
    }
    for action, answer in answers.items():
        assert set(answer) == {"Response"}
        _check_response(answer["Response"], response_object(action), action)
