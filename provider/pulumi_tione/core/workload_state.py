"""State documents of ``Notebook`` and ``TrainingTask``, registered with ``core.state``.

The layout (``__schema_version`` 2, the same key and version as the image kinds; workloads are
new in 0.2, so no document of theirs is older):

- every argument as ``check()`` validated it, at the top level under its own snake_case name
  (``name`` = the given or generated TI-ONE name, ``region`` = the effective region, ``image`` =
  the image reference, ``timeouts``, ``running``/``wait_for``, ...);
- the outputs ``status``, ``failure_reason`` and ``reported_image`` (what TI-ONE reports);
- ``__schema_version``.

Checked inputs carry the arguments only; outputs add the rest. ``read`` splits a property map back
into arguments and outputs (``__provider``, ``__urn`` — the URN a dynamic workload resource
sends, ``stack.dynamic_adapter`` — and the version key are neither) and refuses a newer
schema with ``InvalidStateError``. No output shares a name with an argument, so no argument copy
is needed (unlike the image kinds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from .state import SCHEMA_VERSION, VERSION_KEY, StateDocument, register, schema_version
from .tokens import dynamic_token

__all__ = [
    "MODEL_SERVICE_TYPE",
    "NOTEBOOK_TYPE",
    "SECRET_OUTPUTS",
    "SERVICE_OUTPUTS",
    "STATUS_OUTPUTS",
    "TRAINING_TASK_TYPE",
    "ModelServiceDocument",
    "NotebookDocument",
    "TrainingTaskDocument",
    "WorkloadDocument",
]

NOTEBOOK_TYPE = dynamic_token("Notebook")
TRAINING_TASK_TYPE = dynamic_token("TrainingTask")
STATUS_OUTPUTS = ("status", "failure_reason", "reported_image")
MODEL_SERVICE_TYPE = dynamic_token("ModelService")
SERVICE_OUTPUTS = (*STATUS_OUTPUTS, "service_id", "group_id", "version", "call_info", "auth_token", "app_key",
                   "app_secret")
"""A ``ModelService``'s outputs: the status outputs, its ids and version, and the call information
(``auth_token``, ``app_key`` and ``app_secret`` are secrets)."""
SECRET_OUTPUTS = ("auth_token", "app_key", "app_secret")


@dataclass(frozen=True)
class WorkloadDocument(StateDocument):
    """A workload's recorded arguments and its status outputs."""

    arguments: dict[str, Any]
    outputs: dict[str, Any] = field(default_factory=dict)
    version: int = SCHEMA_VERSION
    output_names: ClassVar[tuple[str, ...]] = STATUS_OUTPUTS
    """The kind's outputs (every other property but the version, ``__provider`` and ``__urn`` is an
    argument)."""

    @classmethod
    def read(cls, props: Mapping[str, Any]) -> Self:
        """The document in ``props`` (checked inputs or outputs); InvalidStateError if newer."""
        version = schema_version(props)
        skipped = (*cls.output_names, VERSION_KEY, "__provider", "__urn")
        arguments = {k: v for k, v in props.items() if k not in skipped and v is not None}
        outputs = {k: props[k] for k in cls.output_names if props.get(k) is not None}
        return cls(arguments, outputs, version)

    def props(self) -> dict[str, Any]:
        """Arguments, status outputs and the schema version."""
        return {**self.arguments, **self.outputs, VERSION_KEY: SCHEMA_VERSION}


@register
@dataclass(frozen=True)
class NotebookDocument(WorkloadDocument):
    """``Notebook`` (type token ``pulumi-python:dynamic/tione:Notebook``)."""

    type_token: ClassVar[str] = NOTEBOOK_TYPE
    kind: ClassVar[str] = "Notebook"


@register
@dataclass(frozen=True)
class TrainingTaskDocument(WorkloadDocument):
    """``TrainingTask`` (type token ``pulumi-python:dynamic/tione:TrainingTask``)."""

    type_token: ClassVar[str] = TRAINING_TASK_TYPE
    kind: ClassVar[str] = "TrainingTask"


@register
@dataclass(frozen=True)
class ModelServiceDocument(WorkloadDocument):
    """``ModelService`` (type token ``pulumi-python:dynamic/tione:ModelService``; new in 0.4)."""

    type_token: ClassVar[str] = MODEL_SERVICE_TYPE
    kind: ClassVar[str] = "ModelService"
    output_names: ClassVar[tuple[str, ...]] = SERVICE_OUTPUTS
