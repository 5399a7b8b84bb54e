"""The dynamic providers of ``Notebook`` and ``TrainingTask`` (adapters over ``core.workloads``).

Users' state pickles ``__provider`` by reference to these classes, so they stay here, importable
and working. They are thin adapters (``stack.dynamic_adapter``): the behaviour — validation,
naming, the table of what updates in place and what replaces, waits, refresh — is
``core.workloads``' and documented there.
"""

from __future__ import annotations

from pulumi_tione.core.services import ModelServiceCore
from pulumi_tione.core.workload_state import (
    MODEL_SERVICE_TYPE,
    NOTEBOOK_TYPE,
    SERVICE_OUTPUTS,
    TRAINING_TASK_TYPE,
)
from pulumi_tione.core.workloads import NOTEBOOK_OUTPUTS, TASK_OUTPUTS, NotebookCore, TrainingTaskCore

from .dynamic_adapter import DynamicAdapter

__all__ = [
    "MODEL_SERVICE_TYPE",
    "NOTEBOOK_OUTPUTS",
    "NOTEBOOK_TYPE",
    "SERVICE_OUTPUTS",
    "TASK_OUTPUTS",
    "TRAINING_TASK_TYPE",
    "ModelServiceProvider",
    "NotebookProvider",
    "TrainingTaskProvider",
]


class NotebookProvider(DynamicAdapter):
    """Provider for ``Notebook`` (type token ``pulumi-python:dynamic/tione:Notebook``)."""

    core = NotebookCore()


class TrainingTaskProvider(DynamicAdapter):
    """Provider for ``TrainingTask`` (type token ``pulumi-python:dynamic/tione:TrainingTask``)."""

    core = TrainingTaskCore()


class ModelServiceProvider(DynamicAdapter):
    """Provider for ``ModelService`` (type token ``pulumi-python:dynamic/tione:ModelService``)."""

    core = ModelServiceCore()
