"""Typed arguments of notebooks and training tasks: snake_case fields, the API's names as aliases.

``NotebookSpec`` and ``TrainingTaskSpec`` hold what a user declares (the API's request fields in
snake_case plus ``image``, ``running``/``wait_for``, ``region``, ``workspace`` and ``timeouts``).
``model_dump(by_alias=True)`` of the nested structs gives the API's field names (``ResourceConf``,
``VolumeSizeInGB``, ...); ``workloads.bodies`` builds the request bodies from them.

Numbers arrive from the Pulumi engine as floats: integer fields accept whole floats. Booleans are
never taken for numbers. Every model forbids unknown fields, so a typo is reported, not ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from pydantic import (
    AliasGenerator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)

from .fields import MODEL_SERVICE, NOTEBOOK, STRUCTS, TRAINING_TASK, Member, WorkloadFields

if TYPE_CHECKING:
    from pulumi_tione.images.models import PlatformImageInfo

__all__ = [
    "CHARGE_TYPES",
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
    "ImageSecret",
    "LocalDisk",
    "LogConfig",
    "ModelServiceArgs",
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


def _config(struct: str | None) -> ConfigDict:
    """Forbid unknown fields; serialise under the API names ``fields.STRUCTS[struct]`` gives."""
    def alias(name: str) -> str:
        if struct is None:
            return name
        return STRUCTS[struct].member(name).api or name
    return ConfigDict(extra="forbid", frozen=True, strict=False,
                      alias_generator=AliasGenerator(serialization_alias=alias))


def _spec_config(fields: WorkloadFields) -> ConfigDict:
    """``_config`` for a workload's arguments: serialised under ``fields``' API names."""
    def alias(name: str) -> str:
        return fields.member(name).api or name
    return ConfigDict(extra="forbid", frozen=True, strict=False,
                      alias_generator=AliasGenerator(serialization_alias=alias))


class _Api(BaseModel):
    """A struct of the API: snake_case fields, serialised under the API's names (``fields``)."""

    model_config = _config(None)

    def api(self) -> dict[str, Any]:
        """The struct in the API's field names, without unset fields."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class RdmaConfig(_Api):
    """RDMA settings of a role."""

    model_config = _config("RDMAConfig")
    enable: bool | None = None


class ResourceConf(_Api):
    """Notebook compute: ``instance_type`` (postpaid) or cpu/memory/gpu/gpu_type (prepaid)."""

    model_config = _config("ResourceConf")
    cpu: NonNegativeInt | None = None
    memory: NonNegativeInt | None = None
    gpu: NonNegativeInt | None = None
    gpu_type: Text | None = None
    instance_type: Text | None = None


class ResourceConfigInfo(_Api):
    """One role of a training task's compute (``role`` PS, WORKER, DRIVER or EXECUTOR)."""

    model_config = _config("ResourceConfigInfo")
    role: Literal["PS", "WORKER", "DRIVER", "EXECUTOR"]
    cpu: NonNegativeInt | None = None
    memory: NonNegativeInt | None = None
    gpu_type: Text | None = None
    gpu: NonNegativeInt | None = None
    instance_type: Text | None = None
    instance_num: PositiveInt | None = None
    instance_type_alias: str | None = None
    rdma_config: RdmaConfig | None = None


class CfsConfig(_Api):
    """A CFS file system and path."""

    model_config = _config("CFSConfig")
    id: Text
    path: Text
    mount_type: str | None = None
    protocol: str | None = None
    is_preset_storage: bool | None = None


class HdfsConfig(_Api):
    """An HDFS (EMR) cluster path."""

    model_config = _config("HDFSConfig")
    id: Text
    path: Text


class GooseFs(_Api):
    """A GooseFS/GooseFSx instance."""

    model_config = _config("GooseFS")
    id: str | None = None
    type: str | None = None
    path: str | None = None
    name_space: str | None = None
    mount_options: str | None = None


class CfsTurbo(_Api):
    """A CFS Turbo file system."""

    model_config = _config("CFSTurbo")
    id: str | None = None
    path: str | None = None


class LocalDisk(_Api):
    """A node's local disk."""

    model_config = _config("LocalDisk")
    instance_id: Text
    local_path: str | None = None


class CbsConfig(_Api):
    """A cloud block storage volume."""

    model_config = _config("CBSConfig")
    volume_size_in_gb: Int


class HostPath(_Api):
    """A host path."""

    model_config = _config("HostPath")
    path: str | None = None


class PublicDataSource(_Api):
    """A public cloud data source."""

    model_config = _config("PublicDataSourceFS")
    data_source_id: str | None = None
    sub_path: str | None = None


class LogConfig(_Api):
    """A CLS logset and topic for the logs."""

    model_config = _config("LogConfig")
    logset_id: Text
    topic_id: Text


class CosPath(_Api):
    """A COS location: bucket, region and exactly one path (the API supports only one)."""

    model_config = _config("CosPathInfo")
    bucket: Text
    region: Text
    paths: Annotated[list[Text], Field(min_length=1, max_length=1)]


class DataSetSource(_Api):
    """A TI-ONE data set by id."""

    model_config = _config("DataSetConfig")
    id: Text


class DataConfig(_Api):
    """One data mount: where it is mapped and which source it comes from."""

    model_config = _config("DataConfig")
    mapping_path: str | None = None
    data_source_usage: str | None = None
    data_source_type: str | None = None
    data_set_source: DataSetSource | None = None
    cos_source: CosPath | None = None
    cfs_source: CfsConfig | None = None
    hdfs_source: HdfsConfig | None = None
    goose_fs_source: GooseFs | None = None
    cfs_turbo_source: CfsTurbo | None = None
    local_disk_source: LocalDisk | None = None
    cbs_source: CbsConfig | None = None
    host_path_source: HostPath | None = None
    public_data_source: PublicDataSource | None = None
    read_only: bool | None = None


class PodSshInfo(_Api):
    """How to reach the pod over SSH."""

    model_config = _config("PodSSHInfo")
    host: str | None = None
    port: Int | None = None
    login_command: str | None = None


class SshConfig(_Api):
    """SSH access."""

    model_config = _config("SSHConfig")
    enable: bool | None = None
    public_key: str | None = None
    port: Int | None = None
    login_command: str | None = None
    is_address_changed: bool | None = None
    pod_ssh_info: PodSshInfo | None = None


class StartCmdInfo(_Api):
    """A training task's start command(s), by training mode."""

    model_config = _config("StartCmdInfo")
    start_cmd: str | None = None
    ps_start_cmd: str | None = None
    worker_start_cmd: str | None = None


class EnvVar(_Api):
    """An environment variable; ``is_private`` values are secrets (kept secret in state)."""

    model_config = _config("EnvVar")
    name: Text
    value: str = Field(default="", repr=False)
    is_private: bool | None = None


class CodeRepoConfig(_Api):
    """A code repository to check out."""

    model_config = _config("CodeRepoConfig")
    id: Text
    target_path: Text


class ExposePortConfig(_Api):
    """Expose a container port to the internet."""

    model_config = _config("ExposePortConfig")
    enable: bool | None = None
    vpc_id: str | None = None
    clb_id: str | None = None
    clb_host: str | None = None


class ExposeNetworkConfig(_Api):
    """Network exposure of a training task."""

    model_config = _config("ExposeNetworkConfig")
    ssh_config: SshConfig | None = None
    expose_port_config: ExposePortConfig | None = None


class TrainToolConfig(_Api):
    """Training diagnosis tools."""

    model_config = _config("TrainToolConfig")
    enable_hang_monitor: bool | None = None
    hang_monitor_nodes: list[str] | None = None
    log_hang_timeout_in_minute: Annotated[int, BeforeValidator(_whole), Field(ge=1, le=14400)] | None = None


class ResourceSupplyAttribute(_Api):
    """How the resources are supplied."""

    model_config = _config("ResourceSupplyAttribute")
    supply_type: str | None = None
    cluster_type: str | None = None


class ImageSecret(_Api):
    """Registry credentials of a custom image (secret material)."""

    model_config = _config("ImageSecret")
    key_id: str | None = None
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    secret_id: str | None = None


class PlatformImageRef(_Api):
    """A TI-ONE platform image, as a ``PlatformImage`` resource's outputs describe it."""

    model_config = _config("PlatformImageRef")
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

    model_config = _config("CustomImage")
    kind: Literal["custom"]
    image_url: str
    image_type: Literal["TCR", "CCR", "CUSTOM"]
    registry_region: str | None = None
    registry_id: str | None = None
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

    model_config = _config("Timeouts")
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

    model_config = _spec_config(NOTEBOOK)

    resource_conf: ResourceConf
    root_access: bool = False
    auto_stopping: bool = False
    direct_internet_access: bool = False
    automatic_stop_time: NonNegativeInt | None = None
    volume_source_type: Literal["FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO",
                                "GooseFSx"] | None = None
    volume_size_in_gb: NonNegativeInt | None = None
    volume_source_cfs: CfsConfig | None = None
    volume_source_goose_fs: GooseFs | None = None
    lifecycle_script_id: Text | None = None
    default_code_repo_id: Text | None = None
    additional_code_repo_ids: Annotated[list[Text], Field(max_length=3)] | None = None
    ssh_config: SshConfig | None = None
    description: str | None = None
    running: bool = True


class TrainingTaskSpec(_Workload):
    """The arguments of ``CreateTrainingTask``, plus ``wait_for`` (default ``"submitted"``)."""

    model_config = _spec_config(TRAINING_TASK)

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
    code_repos: list[CodeRepoConfig] | None = None
    expose_network_config: ExposeNetworkConfig | None = None
    train_tool_config: TrainToolConfig | None = None
    resource_supply_attribute: ResourceSupplyAttribute | None = None
    queues: list[str] | None = None
    wait_for: Literal["submitted", "running", "finished"] = "submitted"


def _describe(model: type[BaseModel], members: dict[str, Member]) -> None:
    """Give each field of ``model`` its description from ``fields`` (the one definition)."""
    for name, info in model.model_fields.items():
        if name in members:
            info.description = members[name].description
    model.model_rebuild(force=True)


STRUCT_MODELS: dict[str, type[_Api]] = {
    "RDMAConfig": RdmaConfig, "ResourceConf": ResourceConf, "ResourceConfigInfo": ResourceConfigInfo,
    "CFSConfig": CfsConfig, "HDFSConfig": HdfsConfig, "GooseFS": GooseFs, "CFSTurbo": CfsTurbo,
    "LocalDisk": LocalDisk, "CBSConfig": CbsConfig, "HostPath": HostPath,
    "PublicDataSourceFS": PublicDataSource, "LogConfig": LogConfig, "CosPathInfo": CosPath,
    "DataSetConfig": DataSetSource, "DataConfig": DataConfig, "PodSSHInfo": PodSshInfo,
    "SSHConfig": SshConfig, "StartCmdInfo": StartCmdInfo, "EnvVar": EnvVar,
    "CodeRepoConfig": CodeRepoConfig, "ExposePortConfig": ExposePortConfig,
    "ExposeNetworkConfig": ExposeNetworkConfig, "TrainToolConfig": TrainToolConfig,
    "ResourceSupplyAttribute": ResourceSupplyAttribute, "ImageSecret": ImageSecret,
    "PlatformImageRef": PlatformImageRef, "CustomImage": CustomImage, "Timeouts": Timeouts,
}
"""The pydantic model of every struct in ``fields.STRUCTS`` (a test holds them to each other)."""
SPEC_MODELS: dict[str, type[_Workload]] = {"Notebook": NotebookSpec, "TrainingTask": TrainingTaskSpec}
"""The spec model of each workload kind (``fields.NOTEBOOK``/``fields.TRAINING_TASK``)."""

for _name, _model in STRUCT_MODELS.items():
    _describe(_model, {m.name: m for m in STRUCTS[_name].members})
for _fields in (NOTEBOOK, TRAINING_TASK):
    _describe(SPEC_MODELS[_fields.kind], {m.name: m for m in _fields.members})


# -- ModelService: models derived from the definitions (no hand-written duplicate) ----------------

_SCALAR_TYPES: dict[str, Any] = {"string": str, "boolean": bool, "integer": Int, "number": float,
                                 "{string}": dict[str, str]}


def _annotation(member: Member) -> Any:
    """The pydantic annotation of ``member``'s type (structs derived on first use)."""
    base = member.type.strip("[]")
    if member.type == "Image":
        inner: Any = ImageRef
    elif member.enum:
        inner = Literal[member.enum]
    elif base in STRUCTS:
        inner = _derived(base)
    else:
        inner = _SCALAR_TYPES[base]
    return list[inner] if member.is_list else inner


def _field(member: Member) -> tuple[Any, Any]:
    annotation = _annotation(member)
    repr_ = not (member.secret and member.struct is None and member.type != "Image")
    if member.required and member.default is None:
        return annotation, Field(description=member.description, repr=repr_)
    return annotation | None, Field(default=member.default, description=member.description, repr=repr_)


def _make_model(name: str, base: type[_Api], doc: str, members: dict[str, tuple[Any, Any]],
           config: ConfigDict) -> type[_Api]:
    """A model class ``name`` with ``members`` (name -> (annotation, Field)), as if written by hand."""
    namespace: dict[str, Any] = {"__annotations__": {k: a for k, (a, _) in members.items()},
                                 "__doc__": doc, "__module__": __name__, "model_config": config}
    namespace.update({k: f for k, (_, f) in members.items()})
    made: type[_Api] = cast(Any, type)(name, (base,), namespace)
    return made


def _derived(struct: str) -> type[_Api]:
    """The model of ``fields.STRUCTS[struct]``: the hand-written one, else derived (and kept)."""
    if struct not in STRUCT_MODELS:
        definition = STRUCTS[struct]
        STRUCT_MODELS[struct] = _make_model(struct, _Api, definition.description,
                                       {m.name: _field(m) for m in definition.members}, _config(struct))
    return STRUCT_MODELS[struct]


class ModelServiceSpec(_Api):
    """The arguments of ``CreateModelService``/``ModifyModelService`` (``fields.MODEL_SERVICE``),
    plus ``running`` (default True); every field derived from the definitions."""

    model_config = _spec_config(MODEL_SERVICE)


def _service_spec() -> type[ModelServiceSpec]:
    members = {m.name: _field(m) for m in MODEL_SERVICE.members}
    members["name"] = (Text | None, Field(default=None, description=MODEL_SERVICE.member("name").description))
    model = _make_model("ModelServiceSpec", ModelServiceSpec, str(ModelServiceSpec.__doc__), members,
                   _spec_config(MODEL_SERVICE))
    return cast("type[ModelServiceSpec]", model)


ModelServiceArgs: type[ModelServiceSpec] = _service_spec()
"""The validated ``ModelService`` arguments (a ``ModelServiceSpec``)."""
SPEC_MODELS["ModelService"] = ModelServiceArgs  # type: ignore[assignment]
