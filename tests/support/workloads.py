"""Shared pieces of the workload tests: type tokens, image references, program inputs, emulator counts."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from pulumi_tione.emulator import Emulator
from pulumi_tione.stack.workload_provider import ModelServiceProvider, NotebookProvider, TrainingTaskProvider
from tests.support.engine import PROVIDER_KEY, provider_string
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL

NOTEBOOK = "pulumi-python:dynamic/tione:Notebook"
TASK = "pulumi-python:dynamic/tione:TrainingTask"
SERVICE = "pulumi-python:dynamic/tione:ModelService"
SERVICE_INSTANCE = "TI.S.MEDIUM.POST"
INFERENCE_IMAGE: dict[str, Any] = {
    "kind": "platform", "image_id": "0cc081a2-6706-565b-8bcc-ccdf855f4c85",
    "image_name": "pytorch1.12-py3.8-cuda11.3-inference-gpu",
    "image_url": "tione.tencentcloudcr.com/qcloud-ti-platform/pytorch-inference:1.12-gpu-py38-cu113",
    "framework": "PYTORCH", "framework_version": "1.12", "image_range": ["Inference"],
    "support_gpu_list": ["V100", "T4", "A10"],
}
"""A platform image of the bundled catalog whose ImageRange is Inference."""
INSTANCE = "TI.GN10.2XLARGE40.POST"
SEED_IMAGE: dict[str, Any] = {
    "kind": "platform", "image_id": SEED_ID, "image_name": SEED_NAME, "image_url": SEED_URL,
    "framework": "PYTORCH", "framework_version": "2.3", "image_range": ["Notebook", "Train"],
    "support_gpu_list": ["A10", "V100", "T4"], "training_modes": ["DDP"],
}
PASSWORD = "cmVnaXN0cnktcGFzc3dvcmQtc2VjcmV0"
PRIVATE_ENV = "hf_private_token_value_42"


def notebook(**args: Any) -> dict[str, Any]:
    """Program inputs of a ``Notebook`` (postpaid, seed image, resource name ``dev``)."""
    base: dict[str, Any] = {"name_prefix": "dev", "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
                            "resource_conf": {"instance_type": INSTANCE}}
    return {**base, **args, PROVIDER_KEY: provider_string(NotebookProvider)}


def task(**args: Any) -> dict[str, Any]:
    """Program inputs of a ``TrainingTask`` (postpaid DDP on the seed image, resource name ``train``)."""
    base: dict[str, Any] = {
        "name_prefix": "train", "image": SEED_IMAGE, "charge_type": "POSTPAID_BY_HOUR",
        "training_mode": "DDP", "start_cmd_info": {"start_cmd": "torchrun train.py"},
        "resource_config_infos": [{"role": "WORKER", "instance_type": INSTANCE, "instance_num": 1}],
    }
    return {**base, **args, PROVIDER_KEY: provider_string(TrainingTaskProvider)}


def service(**args: Any) -> dict[str, Any]:
    """Program inputs of a ``ModelService`` (postpaid, an Inference image, resource name ``serve``)."""
    base: dict[str, Any] = {"name_prefix": "serve", "image": INFERENCE_IMAGE,
                            "charge_type": "POSTPAID_BY_HOUR",
                            "instance_type": SERVICE_INSTANCE, "replicas": 1,
                            "model_info": {"model_version_id": "mv-v1-1511805105118762625"}}
    return {**base, **args, PROVIDER_KEY: provider_string(ModelServiceProvider)}


def custom_image() -> dict[str, Any]:
    """A custom CUSTOM-registry image with registry credentials (secret material)."""
    return {"kind": "custom", "image_type": "CUSTOM", "image_url": "registry.example.com/team/train:1.0",
            "image_secret": {"username": "robot", "password": PASSWORD}}


def live_objects(server: Emulator) -> list[dict[str, Any]]:
    """``GET /_emulator/objects``: every live notebook and training task, through the wire."""
    with urllib.request.urlopen(f"{server.url}/_emulator/objects", timeout=10) as resp:
        document = json.loads(resp.read())
    return list(document["objects"] if isinstance(document, dict) else document)


def actions(server: Emulator) -> dict[str, int]:
    """Requests per action the emulator answered (any outcome) since its stats were reset."""
    table = server.stats().get("actions", {})
    return {name: sum(outcomes.values()) for name, outcomes in table.items()}
