"""Programs under ``set_mocks`` with the real providers: image -> notebook -> task, the examples."""

from __future__ import annotations

import pulumi

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import ROOT, SEED_NAME, SEED_URL
from tests.support.workloads import INSTANCE, live_objects

EXAMPLES = ROOT / "examples"


def image_notebook_task() -> None:
    img = tione.PlatformImage("img", name=SEED_NAME)
    nb = tione.Notebook("dev", image=img, charge_type="POSTPAID_BY_HOUR",
                        resource_conf={"instance_type": INSTANCE}, auto_stopping=True,
                        automatic_stop_time=2, volume_size_in_gb=50, tags={"team": "ml"})
    job = tione.TrainingTask("finetune", image=img, charge_type="POSTPAID_BY_HOUR", training_mode="DDP",
                             resource_config_infos=[{"role": "WORKER", "instance_type": INSTANCE,
                                                     "instance_num": 2}],
                             start_cmd_info={"start_cmd": "torchrun train.py"},
                             output={"bucket": "my-bucket-1250000000", "region": "ap-guangzhou",
                                     "paths": ["out/"]},
                             opts=pulumi.ResourceOptions(depends_on=[nb]))
    pulumi.export("notebook", {"id": nb.id, "name": nb.name, "status": nb.status, "image": nb.reported_image})
    pulumi.export("task", {"id": job.id, "name": job.name, "status": job.status, "image": job.reported_image})


def test_image_notebook_task_program(wl_mocks: ProviderMocks, wl_emu: Emulator) -> None:
    exports = run_program(image_notebook_task, wl_mocks, project="p")
    nb, task = exports["notebook"], exports["task"]
    assert nb["status"] == "Running"
    assert nb["name"].startswith("dev-")
    assert nb["image"] == {"image_type": "SYSTEM", "image_url": SEED_URL, "image_name": SEED_NAME}
    assert task["name"].startswith("finetune-")
    assert task["image"]["image_url"] == SEED_URL
    assert wl_mocks.types["dev"] == "pulumi-python:dynamic/tione:Notebook"
    assert wl_mocks.types["finetune"] == "pulumi-python:dynamic/tione:TrainingTask"
    assert sorted((o["Id"], o["Status"]) for o in live_objects(wl_emu)) == sorted(
        [(nb["id"], "Running"), (task["id"], task["status"])])


def test_training_job_example_runs_a_task_on_the_picked_image(
    wl_mocks: ProviderMocks, wl_emu: Emulator
) -> None:
    config = {"pulumi-tione-training-job:workers": "4"}
    exports = run_program(EXAMPLES / "training-job" / "__main__.py", wl_mocks,
                          project="pulumi-tione-training-job", config=config)
    assert exports["image_name"] == SEED_NAME
    assert exports["task_id"].startswith("train-")
    assert exports["task_name"].startswith("llm-finetune-")
    assert exports["task_image"]["image_url"] == SEED_URL
    assert exports["task_status"] not in ("SUBMITTING", "FAILED", "SUBMIT_FAILED")
    assert [o["Id"] for o in live_objects(wl_emu)] == [exports["task_id"]]


def test_notebook_example_runs_a_notebook(wl_mocks: ProviderMocks, wl_emu: Emulator) -> None:
    config = {"pulumi-tione-notebook:running": "false"}
    exports = run_program(EXAMPLES / "notebook" / "__main__.py", wl_mocks,
                          project="pulumi-tione-notebook", config=config)
    assert exports["status"] == "Stopped"
    assert exports["image"] == {"image_type": "SYSTEM", "image_url": SEED_URL, "image_name": SEED_NAME}
    assert [(o["Id"], o["Status"]) for o in live_objects(wl_emu)] == [(exports["notebook_id"], "Stopped")]


def test_inference_service_example_trains_then_serves(wl_mocks: ProviderMocks, wl_emu: Emulator) -> None:
    config = {"pulumi-tione-inference-service:waitFor": "submitted"}
    exports = run_program(EXAMPLES / "inference-service" / "__main__.py", wl_mocks,
                          project="pulumi-tione-inference-service", config=config)
    assert exports["task_id"].startswith("train-")
    assert exports["service_id"] == f"{exports['service_group_id']}-1"
    assert exports["service_status"] == "Normal"
    assert exports["service_image"]["image_type"] == "PreSet"
    assert exports["serve_image"] != exports["train_image"]
    assert exports["call_info"]["outer_https_addr"].endswith("/tione")
    assert exports["auth_token"]
    assert wl_mocks.types["llm-serve"] == "pulumi-python:dynamic/tione:ModelService"
    assert sorted(o["Kind"] for o in live_objects(wl_emu)) == ["ModelService", "TrainingTask"]
