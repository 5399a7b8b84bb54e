"""`tione-images drift` on Notebook and TrainingTask resources: ok, status, image, settings, gone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from pulumi_tione.stack.workload_provider import NotebookProvider, TrainingTaskProvider
from tests.support import stack_export as sx
from tests.support.cli import Run
from tests.support.workloads import INSTANCE, NOTEBOOK, SEED_IMAGE, TASK

TASK_ARGS: dict[str, Any] = {
    "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR", "training_mode": "DDP",
    "resource_config_infos": [{"role": "WORKER", "instance_type": INSTANCE}],
}


@pytest.fixture
def server(emulator_factory: Callable[..., Emulator], monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """A step-0 emulator that the environment (library, provider and CLI) points at."""
    emu = emulator_factory(rate_limit=0, step_seconds=0.0, run_seconds=3600.0)
    for key, value in (("TENCENTCLOUD_REGION", DEFAULT_REGION), ("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID),
                       ("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY), ("TIONE_ENDPOINT", emu.url),
                       ("TIONE_POLL_SECONDS", "0.02")):
        monkeypatch.setenv(key, value)
    return emu


@pytest.fixture
def exported(server: Emulator, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """An export with a running notebook and a submitted training task, made by the real providers."""
    notebook = sx.workload(NOTEBOOK, "dev", NotebookProvider(), image=SEED_IMAGE,
                           charge_type="POSTPAID_BY_HOUR", resource_conf={"instance_type": INSTANCE},
                           volume_size_in_gb=50, tags={"team": "ml"})
    task = sx.workload(TASK, "train", TrainingTaskProvider(), **TASK_ARGS)
    ids = {"dev": notebook["id"], "train": task["id"]}
    return sx.write(tmp_path / "export.json", sx.export(notebook, task)), ids


def _drift(run: Run, path: Path) -> tuple[int, dict[str, dict[str, Any]]]:
    result = run("drift", str(path), "--output", "json")
    document = json.loads(result.out)
    return result.code, {r["name"]: r for r in document["resources"]}


def test_unchanged_workloads_are_ok(run: Run, exported: tuple[Path, dict[str, Any]]) -> None:
    path, ids = exported
    code, found = _drift(run, path)
    assert code == 0
    assert (found["dev"]["status"], found["dev"]["object_id"], found["dev"]["live_status"]) == (
        "ok", ids["dev"], "Running")
    assert found["train"]["status"] == "ok"
    table = run("drift", str(path))
    assert f"{ids['dev']} (Running)" in table.out


def test_stopped_outside_failed_and_deleted_are_drift(
    run: Run, server: Emulator, exported: tuple[Path, dict[str, Any]]
) -> None:
    path, ids = exported
    server.set_status(ids["dev"], "Stopped")
    server.set_status(ids["train"], "FAILED", "node lost")
    code, found = _drift(run, path)
    assert code == 1
    assert found["dev"]["status"] == "status-changed"
    assert "declared Running, but TI-ONE says Stopped" in found["dev"]["reasons"][0]
    assert found["train"]["status"] == "status-changed"
    server.clear_objects()
    code, found = _drift(run, path)
    assert code == 1
    assert found["dev"]["status"] == found["train"]["status"] == "gone"


def test_settings_changed_outside_are_drift(
    run: Run, server: Emulator, exported: tuple[Path, dict[str, Any]]
) -> None:
    from pulumi_tione.api.client import TioneClient
    from pulumi_tione.api.credentials import resolve_settings

    path, ids = exported
    client = TioneClient(resolve_settings({}, None))
    client.call("ModifyNotebookTags", {"Id": ids["dev"], "Tags": [{"TagKey": "team", "TagValue": "ops"}]})
    code, found = _drift(run, path)
    assert code == 1
    assert found["dev"]["status"] == "settings-changed"
    assert "tags" in found["dev"]["reasons"][0]


def test_a_task_image_reported_differently_is_not_drift_a_notebook_image_is(
    run: Run, server: Emulator, tmp_path: Path
) -> None:
    """A task cannot be modified, so another ImageUrl in its report is how TI-ONE names the
    framework image, not drift (as ``diff`` does not replace it); a notebook's is drift."""
    other = {**SEED_IMAGE, "image_url": SEED_IMAGE["image_url"] + "-as-recorded"}
    notebook = sx.workload(NOTEBOOK, "dev", NotebookProvider(), image=SEED_IMAGE,
                           charge_type="POSTPAID_BY_HOUR", resource_conf={"instance_type": INSTANCE})
    task = sx.workload(TASK, "train", TrainingTaskProvider(), **TASK_ARGS)
    for resource in (notebook, task):
        resource["outputs"]["image"] = resource["inputs"]["image"] = other
    code, found = _drift(run, sx.write(tmp_path / "export.json", sx.export(notebook, task)))
    assert found["train"]["status"] == "ok"
    assert (code, found["dev"]["status"]) == (1, "image-changed")


def test_settings_drift_of_a_notebook_whose_custom_image_is_encrypted(
    run: Run, server: Emulator, tmp_path: Path
) -> None:
    """A custom image is a secret output, so a plain export holds it encrypted; the settings
    are still compared (the image is not)."""
    from pulumi_tione.api.client import TioneClient
    from pulumi_tione.api.credentials import resolve_settings

    notebook = sx.workload(NOTEBOOK, "dev", NotebookProvider(), image=SEED_IMAGE,
                           charge_type="POSTPAID_BY_HOUR", resource_conf={"instance_type": INSTANCE},
                           tags={"team": "ml"})
    notebook["outputs"]["image"] = notebook["inputs"]["image"] = sx.secret(SEED_IMAGE)
    client = TioneClient(resolve_settings({}, None))
    client.call("ModifyNotebookTags", {"Id": notebook["id"], "Tags": [{"TagKey": "team", "TagValue": "ops"}]})
    code, found = _drift(run, sx.write(tmp_path / "export.json", sx.export(notebook)))
    assert (code, found["dev"]["status"]) == (1, "settings-changed")
    assert "tags" in found["dev"]["reasons"][0]


def test_data_configs_ssh_config_and_volume_changed_outside_are_drift_numbers_as_written(
    run: Run, server: Emulator, tmp_path: Path
) -> None:
    """Every declared setting is compared, nested ones included; numbers print as the user wrote
    them although the engine records them as floats (``50``, not ``50.0``)."""
    from pulumi_tione.api.client import TioneClient
    from pulumi_tione.api.credentials import resolve_settings

    cos = {"bucket": "b-1250000000", "region": "ap-guangzhou", "paths": ["in/"]}
    notebook = sx.workload(NOTEBOOK, "dev", NotebookProvider(), image=SEED_IMAGE,
                           charge_type="POSTPAID_BY_HOUR", resource_conf={"instance_type": INSTANCE},
                           volume_size_in_gb=50, ssh_config={"enable": True, "port": 22},
                           data_configs=[{"mapping_path": "/data", "cos_source": cos}])
    for doc in (notebook["inputs"], notebook["outputs"]):
        doc["volume_size_in_gb"] = 50.0
    path = sx.write(tmp_path / "export.json", sx.export(notebook))
    assert _drift(run, path)[1]["dev"]["status"] == "ok"
    client = TioneClient(resolve_settings({}, None))
    client.call("StopNotebook", {"Id": notebook["id"]})
    live = client.call("DescribeNotebook", {"Id": notebook["id"]})["NotebookDetail"]
    assert live["Status"] == "Stopped"
    client.call("ModifyNotebook", {
        "Id": notebook["id"], "Name": live["Name"], "ChargeType": live["ChargeType"],
        "ResourceConf": {"InstanceType": INSTANCE}, "AutoStopping": False, "DirectInternetAccess": False,
        "RootAccess": False, "LogEnable": False, "VolumeSizeInGB": 60,
        "SSHConfig": {"Enable": True, "Port": 2222},
        "DataConfigs": [{"MappingPath": "/other",
                         "COSSource": {"Bucket": cos["bucket"], "Region": cos["region"], "Paths": ["in/"]}}]})
    client.call("StartNotebook", {"Id": notebook["id"]})
    code, found = _drift(run, path)
    assert (code, found["dev"]["status"]) == (1, "settings-changed")
    reason = found["dev"]["reasons"][0]
    assert "volume_size_in_gb 50 -> 60" in reason
    assert '"port": 2222' in reason
    assert '"mapping_path": "/other"' in reason
    assert "50.0" not in reason


def test_a_model_service_ok_then_stopped_rescaled_and_gone(
    run: Run, server: Emulator, tmp_path: Path
) -> None:
    from pulumi_tione.api.client import TioneClient
    from pulumi_tione.api.credentials import resolve_settings
    from pulumi_tione.stack.workload_provider import ModelServiceProvider
    from tests.support.workloads import INFERENCE_IMAGE, SERVICE, SERVICE_INSTANCE

    made = sx.workload(SERVICE, "serve", ModelServiceProvider(), image=INFERENCE_IMAGE,
                       charge_type="POSTPAID_BY_HOUR", instance_type=SERVICE_INSTANCE, replicas=2,
                       tags={"team": "ml"})
    path = sx.write(tmp_path / "export.json", sx.export(made))
    code, found = _drift(run, path)
    assert code == 0
    assert (found["serve"]["status"], found["serve"]["live_status"]) == ("ok", "Normal")
    client = TioneClient(resolve_settings({}, None))
    client.call("ModifyModelService", {"ServiceId": made["id"], "Replicas": 5})
    client.call("ModifyModelService", {"ServiceId": made["id"], "ServiceAction": "STOP"})
    code, found = _drift(run, path)
    assert code == 1
    assert found["serve"]["status"] == "status-changed"
    assert "declared Normal, but TI-ONE says Stopped" in found["serve"]["reasons"][0]
    assert any("replicas 2 -> 5" in r for r in found["serve"]["reasons"])
    client.call("DeleteModelService", {"ServiceId": made["id"]})
    _, found = _drift(run, path)
    assert found["serve"]["status"] == "gone"
