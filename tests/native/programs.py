"""Program inputs for the native plugin tests, in the wire's camelCase (``tests.support.workloads``'
inputs converted), and the emulator's count of mutating calls."""

from __future__ import annotations

from typing import Any

from pydantic.alias_generators import to_camel

from pulumi_tione.emulator import Emulator
from tests.support.workloads import INFERENCE_IMAGE, INSTANCE, SEED_IMAGE, SERVICE_INSTANCE, actions

MUTATING = ("CreateNotebook", "ModifyNotebook", "ModifyNotebookTags", "StartNotebook", "StopNotebook",
            "DeleteNotebook", "CreateTrainingTask", "StartTrainingTask", "StopTrainingTask",
            "DeleteTrainingTask", "CreateModelService", "ModifyModelService", "DeleteModelService",
            "DeleteModelServiceGroup", "ModifyModelServiceAuthorization")


def camel(value: Any) -> Any:
    """``value`` with every dict key camelCased (for test data without map-typed values)."""
    if isinstance(value, dict):
        return {to_camel(k): camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    return value


def notebook(**args: Any) -> dict[str, Any]:
    """A postpaid notebook on the seed image (camelCase inputs)."""
    return {"image": camel(SEED_IMAGE), "chargeType": "POSTPAID_BY_HOUR",
            "resourceConf": {"instanceType": INSTANCE}, **args}


def task(**args: Any) -> dict[str, Any]:
    """A postpaid DDP training task on the seed image (camelCase inputs)."""
    return {"image": camel(SEED_IMAGE), "chargeType": "POSTPAID_BY_HOUR", "trainingMode": "DDP",
            "startCmdInfo": {"startCmd": "torchrun train.py"},
            "resourceConfigInfos": [{"role": "WORKER", "instanceType": INSTANCE, "instanceNum": 1}], **args}


def service(**args: Any) -> dict[str, Any]:
    """A postpaid model service on an Inference image with one replica (camelCase inputs)."""
    return {"image": camel(INFERENCE_IMAGE), "chargeType": "POSTPAID_BY_HOUR",
            "instanceType": SERVICE_INSTANCE,
            "replicas": 1, "modelInfo": {"modelVersionId": "mv-v1-1511805105118762625"}, **args}


def mutating_calls(server: Emulator) -> int:
    """How many mutating workload requests the emulator answered since its stats were reset."""
    return sum(n for action, n in actions(server).items() if action in MUTATING)
