"""Typed arguments of the workload kinds: snake_case fields, the API's names as aliases.

The models themselves are generated from ``workloads.fields`` into ``workloads._generated``
(``python -m pulumi_tione.workloads.fields --write``) and re-exported here under their public
names: ``NotebookSpec``/``TrainingTaskSpec`` hold what a user declares (the API's request fields
in snake_case plus ``image``, ``running``/``wait_for``, ``region``, ``workspace`` and
``timeouts``); a struct's ``api()`` gives the API's field names (``ResourceConf``,
``VolumeSizeInGB``, ...); ``workloads.bodies`` builds the request bodies.

Numbers arrive from the Pulumi engine as floats: integer fields accept whole floats. Booleans are
never taken for numbers. Every model forbids unknown fields, so a typo is reported, not ignored.
What is written here by hand is not a field: the statuses of each kind, and the image reference
a ``PlatformImageInfo`` makes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _generated
from ._generated import (
    CbsConfig,
    CfsConfig,
    CfsTurbo,
    CodeRepoConfig,
    CosPath,
    CustomImage,
    DataConfig,
    DataSetSource,
    EnvVar,
    ExposeNetworkConfig,
    ExposePortConfig,
    GooseFs,
    HdfsConfig,
    HostPath,
    ImageRef,
    ImageSecret,
    LocalDisk,
    LogConfig,
    ModelServiceSpec,
    NotebookSpec,
    PlatformImageRef,
    PodSshInfo,
    PublicDataSource,
    RdmaConfig,
    ResourceConf,
    ResourceConfigInfo,
    ResourceSupplyAttribute,
    SshConfig,
    StartCmdInfo,
    Timeouts,
    TrainingTaskSpec,
    TrainToolConfig,
)
from ._model_base import ApiModel, WorkloadSpec
from .fields import KINDS, NOTEBOOK, STRUCTS, TRAINING_TASK, Struct, WorkloadFields

if TYPE_CHECKING:
    from pulumi_tione.images.models import PlatformImageInfo

__all__ = [
    "CHARGE_TYPES",
    "MODEL_SERVICE_FAILED",
    "MODEL_SERVICE_STATUSES",
    "NOTEBOOK_FAILED",
    "NOTEBOOK_STATUSES",
    "ROLES",
    "SPEC_MODELS",
    "STRUCT_MODELS",
    "TASK_FAILED",
    "TASK_STATUSES",
    "TRAINING_MODES",
    "VOLUME_SOURCE_TYPES",
    "WAIT_FOR",
    "ApiModel",
    "CbsConfig",
    "CfsConfig",
    "CfsTurbo",
    "CodeRepoConfig",
    "CosPath",
    "CustomImage",
    "DataConfig",
    "DataSetSource",
    "EnvVar",
    "ExposeNetworkConfig",
    "ExposePortConfig",
    "GooseFs",
    "HdfsConfig",
    "HostPath",
    "ImageRef",
    "ImageSecret",
    "LocalDisk",
    "LogConfig",
    "ModelServiceSpec",
    "NotebookSpec",
    "PlatformImageRef",
    "PodSshInfo",
    "PublicDataSource",
    "RdmaConfig",
    "ResourceConf",
    "ResourceConfigInfo",
    "ResourceSupplyAttribute",
    "SshConfig",
    "StartCmdInfo",
    "Timeouts",
    "TrainToolConfig",
    "TrainingTaskSpec",
    "WorkloadSpec",
    "definition",
    "platform_image_ref",
]

CHARGE_TYPES = NOTEBOOK.member("charge_type").enum
VOLUME_SOURCE_TYPES = NOTEBOOK.member("volume_source_type").enum
ROLES = STRUCTS["ResourceConfigInfo"].member("role").enum
TRAINING_MODES = TRAINING_TASK.member("training_mode").enum
WAIT_FOR = TRAINING_TASK.member("wait_for").enum
NOTEBOOK_STATUSES = ("Starting", "Running", "Stopping", "Stopped", "Failed", "SubmitFailed")
NOTEBOOK_FAILED = frozenset({"Failed", "SubmitFailed"})
TASK_STATUSES = ("SUBMITTING", "PENDING", "STARTING", "RUNNING", "STOPPING", "STOPPED", "FAILED",
                 "SUCCEED", "SUBMIT_FAILED")
TASK_FAILED = frozenset({"FAILED", "SUBMIT_FAILED"})
MODEL_SERVICE_STATUSES = ("CREATING", "CREATE_FAILED", "TIMEOUT_EXCEPTION", "Normal", "Stopped", "Stopping",
                          "Abnormal", "Pending", "Waiting")
MODEL_SERVICE_FAILED = frozenset({"CREATE_FAILED", "TIMEOUT_EXCEPTION", "Abnormal"})

STRUCT_MODELS: dict[str, type[ApiModel]] = {
    name: getattr(_generated, s.model_name) for name, s in STRUCTS.items()}
"""The pydantic model of every struct in ``fields.STRUCTS``, by the struct's (API) name (a struct
added to ``fields`` is here without an edit; the names above are the public ones of 0.2)."""
SPEC_MODELS: dict[str, type[WorkloadSpec]] = {kind: getattr(_generated, f"{kind}Spec") for kind in KINDS}
"""The spec model of each workload kind (``fields.KINDS``)."""


def definition(model: type[object]) -> Struct | WorkloadFields | None:
    """The definition a generated model was made from: by its ``api_struct``/``workload_kind``,
    never by its class name (which may differ from the API's); None for any other class."""
    kind = getattr(model, "workload_kind", "")
    if kind:
        return KINDS[kind]
    struct = getattr(model, "api_struct", "")
    return STRUCTS[struct] if struct else None


def platform_image_ref(image: PlatformImageInfo) -> PlatformImageRef:
    """The reference to a catalog image that notebooks and training tasks take."""
    return PlatformImageRef(
        kind="platform", image_id=image.image_id, image_name=image.image_name,
        image_url=image.image_url, framework=image.framework,
        framework_version=image.framework_version, image_range=image.image_range,
        support_gpu_list=image.support_gpu_list,
        training_modes=image.attribute_list("TrainingModes") or None)
