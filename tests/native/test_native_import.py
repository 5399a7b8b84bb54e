"""``pulumi import``: Read with only an id and a URN returns inputs and outputs such that the next
``up`` of a program declaring the same settings (what ``pulumi import`` writes for the user) shows
no diff and makes no mutating call.

The objects are made outside Pulumi, with the API itself (the request bodies a TI-ONE user would
send), then imported through the plugin's gRPC interface.
"""

from __future__ import annotations

from typing import Any

from pulumi_tione.api.client import TioneClient
from pulumi_tione.emulator import Emulator
from pulumi_tione.workloads.bodies import notebook_body, training_task_body
from pulumi_tione.workloads.service_validate import parse_model_service
from pulumi_tione.workloads.services import service_body
from pulumi_tione.workloads.validate import parse_notebook, parse_training_task
from tests.native.conftest import Plugin
from tests.native.programs import mutating_calls
from tests.support.config import settings_for
from tests.support.native import Props, urn
from tests.support.seed import SEED_ID, SEED_NAME
from tests.support.workloads import INFERENCE_IMAGE, INSTANCE, SEED_IMAGE, SERVICE_INSTANCE


def made_outside(server: Emulator, action: str, body: dict[str, Any]) -> str:
    return str(TioneClient(settings_for(server)).call(action, body)["Id"])


def program(imported: Props) -> dict[str, Any]:
    """The program ``pulumi import`` writes: the imported inputs (no internal keys)."""
    return {k: v for k, v in imported.items() if not k.startswith("__")}


def assert_no_diff_and_no_mutation(plugin: Plugin, server: Emulator, kind: str, name: str, id_: str) -> None:
    client, u = plugin.client, urn(name, kind)
    found, outputs, inputs = client.read(id_, u)
    assert found == id_
    server.reset_stats()
    checked, failures = client.check(u, inputs, program(inputs))
    assert failures == []
    diff = client.diff(id_, u, outputs, checked)
    assert (diff.changes, diff.diffs, diff.replaces) == ("none", [], [])
    # and a refresh right after the import changes nothing either
    _, refreshed, _ = client.read(id_, u, outputs, inputs)
    assert client.diff(id_, u, refreshed, checked).changes == "none"
    assert mutating_calls(server) == 0


def test_importing_a_notebook(plugin: Plugin, native_emu: Emulator) -> None:
    spec = parse_notebook({"name": "team-notebook", "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
                           "resource_conf": {"instance_type": INSTANCE}, "tags": {"team": "ml"},
                           "auto_stopping": True, "automatic_stop_time": 2, "volume_size_in_gb": 50})
    id_ = made_outside(native_emu, "CreateNotebook", notebook_body(spec))
    _, outputs, inputs = plugin.client.read(id_, urn("team-notebook"))
    assert inputs["name"] == "team-notebook"
    assert inputs["image"]["imageId"] == SEED_ID
    assert inputs["image"]["kind"] == "platform"
    assert inputs["tags"] == {"team": "ml"}
    assert inputs["volumeSizeInGb"] == 50
    assert inputs["autoStopping"] is True
    assert outputs["status"] in ("Starting", "Running")
    assert_no_diff_and_no_mutation(plugin, native_emu, "Notebook", "team-notebook", id_)


def test_importing_a_training_task(plugin: Plugin, native_emu: Emulator) -> None:
    spec = parse_training_task({
        "name": "team-task", "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
        "training_mode": "DDP", "start_cmd_info": {"start_cmd": "torchrun train.py"},
        "resource_config_infos": [{"role": "WORKER", "instance_type": INSTANCE, "instance_num": 2}],
        "output": {"bucket": "out-1250000000", "region": "ap-guangzhou", "paths": ["out/"]}})
    id_ = made_outside(native_emu, "CreateTrainingTask", training_task_body(spec))
    _, _, inputs = plugin.client.read(id_, urn("team-task", "TrainingTask"))
    assert inputs["trainingMode"] == "DDP"
    [role] = inputs["resourceConfigInfos"]
    assert {k: role[k] for k in ("role", "instanceType", "instanceNum")} == {
        "role": "WORKER", "instanceType": INSTANCE, "instanceNum": 2}
    assert inputs["output"] == {"bucket": "out-1250000000", "region": "ap-guangzhou", "paths": ["out/"]}
    assert inputs["image"]["imageName"] == SEED_NAME
    assert_no_diff_and_no_mutation(plugin, native_emu, "TrainingTask", "team-task", id_)


def test_importing_a_platform_image(plugin: Plugin, native_emu: Emulator) -> None:
    client, u = plugin.client, urn("img", "PlatformImage")
    found, outputs, inputs = client.read(SEED_ID, u)
    assert found == SEED_ID
    assert outputs["imageName"] == SEED_NAME
    checked, failures = client.check(u, inputs, {"imageId": SEED_ID})
    assert failures == []
    assert client.diff(SEED_ID, u, outputs, checked).changes == "none"


def test_importing_an_id_that_does_not_exist_finds_nothing(plugin: Plugin) -> None:
    found, outputs, _ = plugin.client.read("nb-0000000000000000000", urn("ghost"))
    assert (found, dict(outputs)) == ("", {})


def test_importing_a_model_service_by_its_service_id(plugin: Plugin, native_emu: Emulator) -> None:
    spec = parse_model_service({
        "name": "team-infer", "image": INFERENCE_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
        "instance_type": SERVICE_INSTANCE, "replicas": 2, "tags": {"team": "ml"},
        "env": [{"name": "MODE", "value": "fast"}], "service_port": 8080,
        "model_info": {"model_version_id": "mv-v1-1511805105118762625", "model_source": "COS",
                       "cos_path_info": {"bucket": "m-1250000000", "region": "ap-guangzhou",
                                         "paths": ["m/"]}}})
    answer = TioneClient(settings_for(native_emu)).call(
        "CreateModelService", service_body(spec.model_dump(exclude_none=True, mode="json")))
    id_ = str(answer["Service"]["ServiceId"])
    _, outputs, inputs = plugin.client.read(id_, urn("team-infer", "ModelService"))
    assert inputs["name"] == "team-infer"
    assert "serviceGroupId" not in inputs
    assert inputs["image"]["kind"] == "platform"
    assert inputs["image"]["imageName"] == INFERENCE_IMAGE["image_name"]
    assert inputs["replicas"] == 2
    assert inputs["tags"] == {"team": "ml"}
    assert inputs["modelInfo"]["cosPathInfo"]["paths"] == ["m/"]
    assert outputs["serviceId"] == id_
    assert_no_diff_and_no_mutation(plugin, native_emu, "ModelService", "team-infer", id_)
