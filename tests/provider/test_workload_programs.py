"""Programs under ``set_mocks`` with the real providers: image -> notebook -> task, secrets."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import dill
import pulumi
import pytest

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from pulumi_tione.images.catalog import PROCESS
from tests.support.config import stack_config
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import SEED_NAME, SEED_URL
from tests.support.workloads import INSTANCE, PASSWORD, PRIVATE_ENV, live_objects


@pytest.fixture
def wl_mocks(wl_emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderMocks]:
    """Mocks running the real providers in this process against ``wl_emu``."""
    monkeypatch.setenv("TIONE_POLL_SECONDS", "0.02")
    PROCESS.clear()
    yield ProviderMocks(stack_config(wl_emu))
    PROCESS.configure({})
    PROCESS.clear()


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


def test_secrets_are_secret_inputs_and_never_in_provider_or_errors(
    wl_mocks: ProviderMocks, wl_emu: Emulator
) -> None:
    seen: dict[str, object] = {}

    def program() -> None:
        job = tione.TrainingTask(
            "custom", charge_type="POSTPAID_BY_HOUR",
            image={"image_type": "CUSTOM", "image_url": "registry.example.com/team/train:1.0",
                   "image_secret": {"username": "robot", "password": PASSWORD}},
            resource_config_infos=[{"role": "WORKER", "instance_type": INSTANCE}],
            envs=[{"name": "HF_TOKEN", "value": PRIVATE_ENV, "is_private": True}])
        seen["task"] = job

    run_program(program, wl_mocks, project="p")
    (id_, outs), = wl_mocks.resources.values()
    assert id_.startswith("train-")
    provider_blob = base64.b64decode(outs["__provider"])
    assert PASSWORD.encode() not in provider_blob
    assert PRIVATE_ENV.encode() not in provider_blob
    assert not vars(dill.loads(provider_blob))
