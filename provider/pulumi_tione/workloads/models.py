"""Typed arguments of notebooks and training tasks: snake_case fields, the API's names as aliases.

``NotebookSpec`` and ``TrainingTaskSpec`` hold what a user declares (the API's request fields in
snake_case plus ``image``, ``running``/``wait_for``, ``region``, ``workspace`` and ``timeouts``).
``model_dump(by_alias=True)`` of the nested structs gives the API's field names (``ResourceConf``,
``VolumeSizeInGB``, ...); ``workloads.bodies`` builds the request bodies from them.

Numbers arrive from the Pulumi engine as floats: integer fields accept whole floats. Booleans are
never taken for numbers. Every model forbids unknown fields, so a typo is reported, not ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AliasGenerator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic.alias_generators import to_pascal

if TYPE_CHECKING:
    from pulumi_tione.images.models import PlatformImageInfo

__all__ = [
    "CHARGE_TYPES",
    "NOTEBOOK_FAILED",
    "NOTEBOOK_STATUSES",
    "ROLES",
    "TASK_FAILED",
    "TASK_STATUSES",
    "TRAINING_MODES",
    "VOLUME_SOURCE_TYPES",
    "WAIT_FOR",
    "CfsConfig",
    "CosPath",
    "CustomImage",
    "DataConfig",
    "EnvVar",
    "ImageSecret",
    "LogConfig",
    "NotebookSpec",
    "PlatformImageRef",
    "ResourceConf",
    "ResourceConfigInfo",
    "SshConfig",
    "StartCmdInfo",
    "Timeouts",
    "TrainingTaskSpec",
    "platform_image_ref",
]

CHARGE_TYPES = ("PREPAID", "POSTPAID_BY_HOUR")
VOLUME_SOURCE_TYPES = ("FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO", "GooseFSx")
ROLES = ("PS", "WORKER", "DRIVER", "EXECUTOR")
TRAINING_MODES = ("PS_WORKER", "DDP", "MPI", "HOROVOD")
WAIT_FOR = ("submitted", "running", "finished")
NOTEBOOK_STATUSES = ("Starting", "Running", "Stopping", "Stopped", "Failed", "SubmitFailed")
NOTEBOOK_FAILED = frozenset({"Failed", "SubmitFailed"})
TASK_STATUSES = ("SUBMITTING", "PENDING", "STARTING", "RUNNING", "STOPPING", "STOPPED", "FAILED",
                 "SUCCEED", "SUBMIT_FAILED")
TASK_FAILED = frozenset({"FAILED", "SUBMIT_FAILED"})

_SPECIAL_ALIASES = {
    "volume_size_in_gb": "VolumeSizeInGB",
    "volume_source_cfs": "VolumeSourceCFS",
    "ssh_config": "SSHConfig",
    "cos_source": "COSSource",
    "cfs_source": "CFSSource",
    "hdfs_source": "HDFSSource",
}


def _alias(name: str) -> str:
    return _SPECIAL_ALIASES.get(name) or to_pascal(name)


def _whole(value: object) -> object:
    """Whole floats (the engine's numbers) become ints; bools are refused as numbers."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not a boolean")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Int = Annotated[int, BeforeValidator(_whole)]
PositiveInt = Annotated[int, BeforeValidator(_whole), Field(ge=1)]
NonNegativeInt = Annotated[int, BeforeValidator(_whole), Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]


class _Api(BaseModel):
    """A struct of the API: snake_case fields, serialised under the API's PascalCase names."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=False,
        alias_generator=AliasGenerator(serialization_alias=_alias),
    )

    def api(self) -> dict[str, Any]:
        """The struct in the API's field names, without unset fields."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class ResourceConf(_Api):
    """Notebook compute: ``instance_type`` (postpaid) or cpu/memory/gpu/gpu_type (prepaid)."""

    cpu: PositiveInt | None = None
    memory: PositiveInt | None = None
    gpu: NonNegativeInt | None = None
    gpu_type: Text | None = None
    instance_type: Text | None = None


class ResourceConfigInfo(_Api):
    """One role of a training task's compute (``role`` PS, WORKER, DRIVER or EXECUTOR)."""

    role: Literal["PS", "WORKER", "DRIVER", "EXECUTOR"]
    cpu: PositiveInt | None = None
    memory: PositiveInt | None = None
    gpu_type: Text | None = None
    gpu: NonNegativeInt | None = None
    instance_type: Text | None = None
    instance_num: PositiveInt | None = None


class CfsConfig(_Api):
    """A CFS file system and path."""

    id: Text
    path: Text


class LogConfig(_Api):
    """A CLS logset and topic for the logs."""

    logset_id: Text
    topic_id: Text


class CosPath(_Api):
    """A COS location: bucket, region and exactly one path (the API supports only one)."""

    bucket: Text
    region: Text
    paths: Annotated[list[Text], Field(min_length=1, max_length=1)]


class DataSetSource(_Api):
    """A TI-ONE data set by id."""

    id: Text


class DataConfig(_Api):
    """One data mount: where it is mapped and which source it comes from."""

    mapping_path: Text | None = None
    data_source_usage: Text | None = None
    data_source_type: Text | None = None
    data_set_source: DataSetSource | None = None
    cos_source: CosPath | None = None
    cfs_source: CfsConfig | None = None
    hdfs_source: CfsConfig | None = None
    read_only: bool | None = None


class SshConfig(_Api):
    """SSH access to a notebook."""

    enable: bool | None = None
    public_key: Text | None = None
    port: PositiveInt | None = None


class StartCmdInfo(_Api):
    """A training task's start command(s), by training mode."""

    start_cmd: str | None = None
    ps_start_cmd: str | None = None
    worker_start_cmd: str | None = None


class EnvVar(_Api):
    """An environment variable; ``is_private`` values are secrets (kept secret in state)."""

    name: Text
    value: str = Field(default="", repr=False)
    is_private: bool | None = None


class ImageSecret(_Api):
    """Registry credentials of a custom image (secret material)."""

    key_id: Text | None = None
    username: Text | None = None
    password: Text | None = Field(default=None, repr=False)
    secret_id: Text | None = None


class PlatformImageRef(_Api):
    """A TI-ONE platform image, as a ``PlatformImage`` resource's outputs describe it."""

    kind: Literal["platform"]
    image_id: Text | None = None
    image_name: Text | None = None
    image_url: Text | None = None
    framework: Text | None = None
    framework_version: str | None = None
    image_range: list[str] | None = None
    support_gpu_list: list[str] | None = None
    training_modes: list[str] | None = None


class CustomImage(_Api):
    """An image in your own registry: TCR (enterprise), CCR (personal) or CUSTOM (third party)."""

    kind: Literal["custom"]
    image_url: Text
    image_type: Literal["TCR", "CCR", "CUSTOM"]
    registry_region: Text | None = None
    registry_id: Text | None = None
    image_secret: ImageSecret | None = None


ImageRef = Annotated[PlatformImageRef | CustomImage, Field(discriminator="kind")]


def platform_image_ref(image: PlatformImageInfo) -> PlatformImageRef:
    """The reference to a catalog image that notebooks and training tasks take."""
    return PlatformImageRef(
        kind="platform", image_id=image.image_id, image_name=image.image_name,
        image_url=image.image_url, framework=image.framework,
        framework_version=image.framework_version, image_range=image.image_range,
        support_gpu_list=image.support_gpu_list,
        training_modes=image.attribute_list("TrainingModes") or None)


class Timeouts(_Api):
    """Seconds each operation may wait for TI-ONE (see ``workloads.ops`` for the defaults)."""

    create: Annotated[float, Field(gt=0, le=7 * 86400)] | None = None
    update: Annotated[float, Field(gt=0, le=7 * 86400)] | None = None
    delete: Annotated[float, Field(gt=0, le=7 * 86400)] | None = None


class _Workload(_Api):
    """What notebooks and training tasks share."""

    name: Text | None = None
    name_prefix: Text | None = None
    charge_type: Literal["PREPAID", "POSTPAID_BY_HOUR"]
    image: ImageRef
    resource_group_id: Text | None = None
    vpc_id: Text | None = None
    subnet_id: Text | None = None
    log_enable: bool = False
    log_config: LogConfig | None = None
    tags: dict[str, str] | None = None
    data_configs: list[DataConfig] | None = None
    region: Text | None = None
    workspace: Text | None = None
    timeouts: Timeouts | None = None


class NotebookSpec(_Workload):
    """The arguments of ``CreateNotebook``/``ModifyNotebook``, plus ``running`` (default True)."""

    resource_conf: ResourceConf
    root_access: bool = False
    auto_stopping: bool = False
    direct_internet_access: bool = False
    automatic_stop_time: PositiveInt | None = None
    volume_source_type: Literal["FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO",
                                "GooseFSx"] | None = None
    volume_size_in_gb: PositiveInt | None = None
    volume_source_cfs: CfsConfig | None = None
    lifecycle_script_id: Text | None = None
    default_code_repo_id: Text | None = None
    additional_code_repo_ids: Annotated[list[Text], Field(max_length=3)] | None = None
    ssh_config: SshConfig | None = None
    description: str | None = None
    running: bool = True


class TrainingTaskSpec(_Workload):
    """The arguments of ``CreateTrainingTask``, plus ``wait_for`` (default ``"submitted"``)."""

    resource_config_infos: Annotated[list[ResourceConfigInfo], Field(min_length=1)]
    training_mode: Literal["PS_WORKER", "DDP", "MPI", "HOROVOD"] | None = None
    code_package_path: CosPath | None = None
    start_cmd_info: StartCmdInfo | None = None
    output: CosPath | None = None
    tuning_parameters: Annotated[str, Field(max_length=2048)] | None = None
    remark: Annotated[str, Field(max_length=1024)] | None = None
    data_source: Text | None = None
    callback_url: Text | None = None
    envs: list[EnvVar] | None = None
    data_configs: Annotated[list[DataConfig], Field(max_length=10)] | None = None
    wait_for: Literal["submitted", "running", "finished"] = "submitted"
