"""The YAML examples deploy: each is run through ``pulumi-resource-tione``'s gRPC interface against
the emulator the way the engine runs a first ``up`` (invokes, Check + Create in dependency order,
``customTimeouts``), then destroyed, leaving nothing behind (``tests.support.yaml_run``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pulumi_tione.emulator import Emulator
from tests.native.conftest import Plugin
from tests.native.programs import mutating_calls
from tests.native.test_examples_schema import yaml_examples
from tests.support.native import UNKNOWN
from tests.support.workloads import live_objects
from tests.support.yaml_run import _seconds, deploy, destroy


@pytest.mark.parametrize("path", yaml_examples(), ids=lambda p: p.parent.name)
def test_a_yaml_example_deploys_and_destroys(path: Path, plugin: Plugin, native_emu: Emulator) -> None:
    program = yaml.safe_load(path.read_text())
    done = deploy(program, plugin.client)
    assert done.created, "the example creates resources"
    assert all(value is not UNKNOWN and value is not None for value in done.outputs.values()), done.outputs
    made = {id_ for _, token, _, id_, _ in done.created if token in ("tione:index:Notebook",
                                                                      "tione:index:TrainingTask",
                                                                      "tione:index:ModelService")}
    assert {o["Id"] for o in live_objects(native_emu)} == made
    destroy(done, plugin.client)
    assert live_objects(native_emu) == []


def test_the_yaml_notebook_example_runs_its_notebook_on_the_pinned_image(plugin: Plugin,
                                                                          native_emu: Emulator) -> None:
    program = yaml.safe_load((Path(__file__).parents[2] / "examples/yaml-notebook/Pulumi.yaml").read_text())
    done = deploy(program, plugin.client)
    outputs = done.outputs
    assert outputs["status"] == "Running"
    assert outputs["notebookId"].startswith("nb-")
    assert outputs["notebookName"].startswith("notebook-")  # <resource name>-<8 hex>
    image = next(o for name, _, _, _, o in done.created if name == "image")
    assert outputs["imageId"] == image["imageId"]
    assert outputs["reportedImage"]["image_url"] == image["imageUrl"]
    assert outputs["pytorchNotebookImages"] >= 1
    native_emu.reset_stats()
    destroy(done, plugin.client)
    assert mutating_calls(native_emu) >= 1
    assert live_objects(native_emu) == []


def test_the_yaml_inference_example_serves_on_the_pinned_inference_image(
    plugin: Plugin, native_emu: Emulator
) -> None:
    program = yaml.safe_load((Path(__file__).parents[2] / "examples/yaml-inference/Pulumi.yaml").read_text())
    done = deploy(program, plugin.client)
    outputs = done.outputs
    assert outputs["status"] == "Normal"
    assert outputs["serviceId"] == f"{outputs['groupId']}-1"
    assert outputs["callInfo"]["outer_https_addr"].endswith("/tione")
    assert outputs["authToken"]  # authorizationEnable: true
    image = next(o for name, _, _, _, o in done.created if name == "service")
    assert image["reportedImage"]["image_type"] == "PreSet"
    destroy(done, plugin.client)
    assert live_objects(native_emu) == []
    assert native_emu.backend.workloads.groups == {}


def test_durations_read_as_pulumi_reads_custom_timeouts() -> None:
    assert (_seconds("20m"), _seconds("1h30m"), _seconds("90s")) == (1200.0, 5400.0, 90.0)
    with pytest.raises(ValueError, match="not a duration"):
        _seconds("20 minutes")


def test_the_typescript_example_deploys_and_destroys(plugin: Plugin, native_emu: Emulator) -> None:
    from tests.support.ts_program import to_yaml_program

    source = (Path(__file__).parents[2] / "examples/typescript-training/index.ts").read_text()
    program, unread = to_yaml_program(source)
    assert unread == []
    assert program["config"]["workers"] == {"type": "integer", "default": 2}
    done = deploy({"name": "tione-typescript-training", **program}, plugin.client)
    assert done.outputs["taskId"].startswith("train-")
    assert done.outputs["taskStatus"] in ("SUBMITTING", "PENDING", "STARTING", "RUNNING")
    assert done.outputs["pytorchTrainImages"] >= 1
    assert [o["Id"] for o in live_objects(native_emu)] == [done.outputs["taskId"]]
    destroy(done, plugin.client)
    assert live_objects(native_emu) == []
