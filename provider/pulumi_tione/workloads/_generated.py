"""The pydantic models of every workload struct and kind in ``workloads.fields``.

Generated from ``workloads/fields.py`` by ``python -m pulumi_tione.workloads.fields --write``: do not edit.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ._model_base import ApiModel, Int, Text, WorkloadSpec

__all__ = [
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
]


class ResourceConf(ApiModel):
    """Notebook compute: ``instance_type`` (postpaid) or cpu/memory/gpu/gpu_type (prepaid)."""

    api_struct: ClassVar[str] = "ResourceConf"

    cpu: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Cpu",
        description="CPU in 1/1000 cores (prepaid).",
    )
    memory: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Memory",
        description="Memory in MB (prepaid).",
    )
    gpu: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Gpu",
        description="GPU in 1/100 cards of `gpu_type` (prepaid).",
    )
    gpu_type: Text | None = Field(
        default=None,
        serialization_alias="GpuType",
        description=(
            "GPU card type of the resource group, e.g. T4 (prepaid); needed with `gpu`, and "
            "must be in the platform image's SupportGpuList."
        ),
    )
    instance_type: Text | None = Field(
        default=None,
        serialization_alias="InstanceType",
        description="Billing spec (postpaid), e.g. TI.GN10.2XLARGE40.POST.",
    )


class RdmaConfig(ApiModel):
    """RDMA settings of a role."""

    api_struct: ClassVar[str] = "RDMAConfig"

    enable: bool | None = Field(default=None, serialization_alias="Enable", description="Turn RDMA on.")


class ResourceConfigInfo(ApiModel):
    """One role of a training task's compute."""

    api_struct: ClassVar[str] = "ResourceConfigInfo"

    role: Literal["PS", "WORKER", "DRIVER", "EXECUTOR"] = Field(
        serialization_alias="Role",
        description="PS, WORKER, DRIVER or EXECUTOR.",
    )
    cpu: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Cpu",
        description="CPU in 1/1000 cores (prepaid).",
    )
    memory: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Memory",
        description="Memory in MB (prepaid).",
    )
    gpu_type: Text | None = Field(
        default=None,
        serialization_alias="GpuType",
        description="GPU card type (prepaid); must be in the platform image's SupportGpuList.",
    )
    gpu: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Gpu",
        description="GPU in 1/100 cards (prepaid).",
    )
    instance_type: Text | None = Field(
        default=None,
        serialization_alias="InstanceType",
        description="Billing spec (postpaid), e.g. TI.S.MEDIUM.POST.",
    )
    instance_num: Annotated[Int, Field(ge=1)] | None = Field(
        default=None,
        serialization_alias="InstanceNum",
        description="Number of nodes (at least 1).",
    )
    instance_type_alias: str | None = Field(
        default=None,
        serialization_alias="InstanceTypeAlias",
        description="Name of the billing spec, e.g. 4C8G.",
    )
    rdma_config: RdmaConfig | None = Field(
        default=None,
        serialization_alias="RDMAConfig",
        description="RDMA settings.",
    )


class CfsConfig(ApiModel):
    """A CFS file system and path."""

    api_struct: ClassVar[str] = "CFSConfig"

    id: Text = Field(serialization_alias="Id", description="CFS instance id.")
    path: Text = Field(serialization_alias="Path", description="Path in the file system.")
    mount_type: str | None = Field(
        default=None,
        serialization_alias="MountType",
        description="STORAGE (storage extension, default) or SOURCE (data source).",
    )
    protocol: str | None = Field(
        default=None,
        serialization_alias="Protocol",
        description="Protocol: 1 NFS, 2 TURBO.",
    )
    is_preset_storage: bool | None = Field(
        default=None,
        serialization_alias="IsPresetStorage",
        description="Whether it is the platform's preset storage.",
    )


class GooseFs(ApiModel):
    """A GooseFS/GooseFSx instance."""

    api_struct: ClassVar[str] = "GooseFS"

    id: str | None = Field(default=None, serialization_alias="Id", description="GooseFS instance id.")
    type: str | None = Field(default=None, serialization_alias="Type", description="GooseFS or GooseFSx.")
    path: str | None = Field(
        default=None,
        serialization_alias="Path",
        description="Path to mount (GooseFSx).",
    )
    name_space: str | None = Field(
        default=None,
        serialization_alias="NameSpace",
        description="GooseFS namespace.",
    )
    mount_options: str | None = Field(
        default=None,
        serialization_alias="MountOptions",
        description="Client mount options, comma-separated.",
    )


class CfsTurbo(ApiModel):
    """A CFS Turbo file system."""

    api_struct: ClassVar[str] = "CFSTurbo"

    id: str | None = Field(default=None, serialization_alias="Id", description="CFS Turbo instance id.")
    path: str | None = Field(default=None, serialization_alias="Path", description="Path in the file system.")


class HdfsConfig(ApiModel):
    """An HDFS (EMR) cluster path."""

    api_struct: ClassVar[str] = "HDFSConfig"

    id: Text = Field(serialization_alias="Id", description="Cluster instance id, emr-xxxxxxxx.")
    path: Text = Field(serialization_alias="Path", description="Path.")


class LocalDisk(ApiModel):
    """A node's local disk."""

    api_struct: ClassVar[str] = "LocalDisk"

    instance_id: Text = Field(serialization_alias="InstanceId", description="Node id.")
    local_path: str | None = Field(default=None, serialization_alias="LocalPath", description="Local path.")


class CbsConfig(ApiModel):
    """A cloud block storage volume."""

    api_struct: ClassVar[str] = "CBSConfig"

    volume_size_in_gb: Int = Field(serialization_alias="VolumeSizeInGB", description="Size in GB.")


class HostPath(ApiModel):
    """A host path."""

    api_struct: ClassVar[str] = "HostPath"

    path: str | None = Field(default=None, serialization_alias="Path", description="Host path to mount.")


class PublicDataSource(ApiModel):
    """A public cloud data source."""

    api_struct: ClassVar[str] = "PublicDataSourceFS"

    data_source_id: str | None = Field(
        default=None,
        serialization_alias="DataSourceId",
        description="Data source id.",
    )
    sub_path: str | None = Field(
        default=None,
        serialization_alias="SubPath",
        description="Sub-path relative to the data source.",
    )


class DataSetSource(ApiModel):
    """A TI-ONE data set."""

    api_struct: ClassVar[str] = "DataSetConfig"

    id: Text = Field(serialization_alias="Id", description="Data set id.")


class CosPath(ApiModel):
    """A COS location: bucket, region and exactly one path (the API supports only one)."""

    api_struct: ClassVar[str] = "CosPathInfo"

    bucket: Text = Field(serialization_alias="Bucket", description="Bucket.")
    region: Text = Field(serialization_alias="Region", description="Region of the bucket.")
    paths: Annotated[list[Text], Field(min_length=1, max_length=1)] = Field(
        serialization_alias="Paths",
        description="Exactly one path.",
    )


class DataConfig(ApiModel):
    """One data mount: where it is mapped and which source it comes from."""

    api_struct: ClassVar[str] = "DataConfig"

    mapping_path: str | None = Field(
        default=None,
        serialization_alias="MappingPath",
        description="Path in the container.",
    )
    data_source_usage: str | None = Field(
        default=None,
        serialization_alias="DataSourceUsage",
        description=(
            "BUILTIN_CODE, BUILTIN_DATA, BUILTIN_MODEL, USER_DATA, USER_CODE, USER_MODEL, "
            "OUTPUT or OTHER."
        ),
    )
    data_source_type: str | None = Field(
        default=None,
        serialization_alias="DataSourceType",
        description="DATASET, COS, CFS, CFSTurbo, GooseFSx, HDFS or WEDATA_HDFS.",
    )
    data_set_source: DataSetSource | None = Field(
        default=None,
        serialization_alias="DataSetSource",
        description="Data from a data set.",
    )
    cos_source: CosPath | None = Field(
        default=None,
        serialization_alias="COSSource",
        description="Data from COS.",
    )
    cfs_source: CfsConfig | None = Field(
        default=None,
        serialization_alias="CFSSource",
        description="Data from CFS.",
    )
    hdfs_source: HdfsConfig | None = Field(
        default=None,
        serialization_alias="HDFSSource",
        description="Data from HDFS.",
    )
    goose_fs_source: GooseFs | None = Field(
        default=None,
        serialization_alias="GooseFSSource",
        description="Data from GooseFS.",
    )
    cfs_turbo_source: CfsTurbo | None = Field(
        default=None,
        serialization_alias="CFSTurboSource",
        description="Data from CFS Turbo.",
    )
    local_disk_source: LocalDisk | None = Field(
        default=None,
        serialization_alias="LocalDiskSource",
        description="Data from a local disk.",
    )
    cbs_source: CbsConfig | None = Field(
        default=None,
        serialization_alias="CBSSource",
        description="A cloud block storage volume.",
    )
    host_path_source: HostPath | None = Field(
        default=None,
        serialization_alias="HostPathSource",
        description="A host path.",
    )
    public_data_source: PublicDataSource | None = Field(
        default=None,
        serialization_alias="PublicDataSource",
        description="A public cloud data source.",
    )
    read_only: bool | None = Field(
        default=None,
        serialization_alias="ReadOnly",
        description="Mount read-only.",
    )


class LogConfig(ApiModel):
    """A CLS logset and topic for the logs."""

    api_struct: ClassVar[str] = "LogConfig"

    logset_id: Text = Field(serialization_alias="LogsetId", description="CLS logset id.")
    topic_id: Text = Field(serialization_alias="TopicId", description="CLS topic id.")


class PodSshInfo(ApiModel):
    """How to reach the pod over SSH."""

    api_struct: ClassVar[str] = "PodSSHInfo"

    host: str | None = Field(default=None, serialization_alias="Host", description="Pod IP.")
    port: Int | None = Field(default=None, serialization_alias="Port", description="Pod SSH port.")
    login_command: str | None = Field(
        default=None,
        serialization_alias="LoginCommand",
        description="SSH command.",
    )


class SshConfig(ApiModel):
    """SSH access."""

    api_struct: ClassVar[str] = "SSHConfig"

    enable: bool | None = Field(default=None, serialization_alias="Enable", description="Turn SSH on.")
    public_key: str | None = Field(default=None, serialization_alias="PublicKey", description="Public key.")
    port: Int | None = Field(default=None, serialization_alias="Port", description="Port.")
    login_command: str | None = Field(
        default=None,
        serialization_alias="LoginCommand",
        description="Login command.",
    )
    is_address_changed: bool | None = Field(
        default=None,
        serialization_alias="IsAddressChanged",
        description="Whether the login address changed.",
    )
    pod_ssh_info: PodSshInfo | None = Field(
        default=None,
        serialization_alias="PodSSHInfo",
        description="Pod access.",
    )


class StartCmdInfo(ApiModel):
    """A training task's start command(s), by training mode."""

    api_struct: ClassVar[str] = "StartCmdInfo"

    start_cmd: str | None = Field(default=None, serialization_alias="StartCmd", description="Start command.")
    ps_start_cmd: str | None = Field(
        default=None,
        serialization_alias="PsStartCmd",
        description="Start command of the PS role.",
    )
    worker_start_cmd: str | None = Field(
        default=None,
        serialization_alias="WorkerStartCmd",
        description="Start command of the WORKER role.",
    )


class EnvVar(ApiModel):
    """An environment variable; ``is_private`` values are sensitive."""

    api_struct: ClassVar[str] = "EnvVar"

    name: str | None = Field(
        default=None,
        serialization_alias="Name",
        description="Name (TI-ONE accepts a variable without one, which sets nothing).",
    )
    value: str = Field(
        default="",
        serialization_alias="Value",
        repr=False,
        description="Value (kept secret in state).",
    )
    is_private: bool | None = Field(
        default=None,
        serialization_alias="IsPrivate",
        description="The value is sensitive (masked by TI-ONE).",
    )


class CodeRepoConfig(ApiModel):
    """A code repository to check out."""

    api_struct: ClassVar[str] = "CodeRepoConfig"

    id: Text = Field(serialization_alias="Id", description="Code repository id.")
    target_path: Text = Field(serialization_alias="TargetPath", description="Where to check it out.")


class ExposePortConfig(ApiModel):
    """Expose a container port to the internet."""

    api_struct: ClassVar[str] = "ExposePortConfig"

    enable: bool | None = Field(default=None, serialization_alias="Enable", description="Turn it on.")
    vpc_id: str | None = Field(default=None, serialization_alias="VpcId", description="VPC id.")
    clb_id: str | None = Field(default=None, serialization_alias="ClbId", description="CLB id.")
    clb_host: str | None = Field(default=None, serialization_alias="ClbHost", description="CLB domain.")


class ExposeNetworkConfig(ApiModel):
    """Network exposure of a training task."""

    api_struct: ClassVar[str] = "ExposeNetworkConfig"

    ssh_config: SshConfig | None = Field(
        default=None,
        serialization_alias="SSHConfig",
        description="SSH access.",
    )
    expose_port_config: ExposePortConfig | None = Field(
        default=None,
        serialization_alias="ExposePortConfig",
        description="Container port exposure.",
    )


class TrainToolConfig(ApiModel):
    """Training diagnosis tools."""

    api_struct: ClassVar[str] = "TrainToolConfig"

    enable_hang_monitor: bool | None = Field(
        default=None,
        serialization_alias="EnableHangMonitor",
        description="Turn hang detection on.",
    )
    hang_monitor_nodes: list[str] | None = Field(
        default=None,
        serialization_alias="HangMonitorNodes",
        description="Nodes to watch for hangs.",
    )
    log_hang_timeout_in_minute: Annotated[Int, Field(ge=1, le=14400)] | None = Field(
        default=None,
        serialization_alias="LogHangTimeoutInMinute",
        description="Hang timeout in minutes, 1-14400.",
    )


class ResourceSupplyAttribute(ApiModel):
    """How the resources are supplied."""

    api_struct: ClassVar[str] = "ResourceSupplyAttribute"

    supply_type: str | None = Field(
        default=None,
        serialization_alias="SupplyType",
        description="TIDE (tidal), SPOT, or empty (regular pay-as-you-go).",
    )
    cluster_type: str | None = Field(
        default=None,
        serialization_alias="ClusterType",
        description="DEFAULT (default) or THIRD (third-party cluster).",
    )


class ImageSecret(ApiModel):
    """Registry credentials of a custom image (secret material)."""

    api_struct: ClassVar[str] = "ImageSecret"

    key_id: str | None = Field(
        default=None,
        serialization_alias="KeyId",
        repr=False,
        description="KMS key id that encrypted the password.",
    )
    username: str | None = Field(
        default=None,
        serialization_alias="Username",
        repr=False,
        description="User name.",
    )
    password: str | None = Field(
        default=None,
        serialization_alias="Password",
        repr=False,
        description="Password, base64 (KMS-encrypted when key_id is set).",
    )
    secret_id: str | None = Field(
        default=None,
        serialization_alias="SecretId",
        repr=False,
        description="Credential id.",
    )


class CustomImage(ApiModel):
    """An image in your own registry, sent as ImageInfo: TCR (enterprise), CCR (personal) or CUSTOM (third
    party).
    """

    api_struct: ClassVar[str] = "CustomImage"

    kind: Literal["custom"] = Field(serialization_alias="kind", description="Always `custom`.")
    image_url: str = Field(
        serialization_alias="ImageUrl",
        description="Image address, e.g. ccr.ccs.tencentyun.com/ns/repo:tag (not empty, no blanks).",
    )
    image_type: Literal["TCR", "CCR", "CUSTOM"] = Field(
        serialization_alias="ImageType",
        description="TCR (enterprise), CCR (personal) or CUSTOM (third party).",
    )
    registry_region: str | None = Field(
        default=None,
        serialization_alias="RegistryRegion",
        description="Region of the TCR registry.",
    )
    registry_id: str | None = Field(
        default=None,
        serialization_alias="RegistryId",
        description="TCR instance id.",
    )
    image_secret: ImageSecret | None = Field(
        default=None,
        serialization_alias="ImageSecret",
        description="Registry credentials (CUSTOM images).",
    )


class PlatformImageRef(ApiModel):
    """A TI-ONE platform image, as a ``PlatformImage`` resource's outputs describe it."""

    api_struct: ClassVar[str] = "PlatformImageRef"

    kind: Literal["platform"] = Field(serialization_alias="kind", description="Always `platform`.")
    image_id: Text | None = Field(default=None, serialization_alias="image_id", description="ImageId.")
    image_name: Text | None = Field(default=None, serialization_alias="ImageName", description="ImageName.")
    image_url: Text | None = Field(default=None, serialization_alias="ImageUrl", description="ImageUrl.")
    framework: Text | None = Field(
        default=None,
        serialization_alias="framework",
        description="Framework (sent as a task's FrameworkName).",
    )
    framework_version: str | None = Field(
        default=None,
        serialization_alias="framework_version",
        description="FrameworkVersion.",
    )
    image_range: list[str] | None = Field(
        default=None,
        serialization_alias="image_range",
        description="ImageRange.",
    )
    support_gpu_list: list[str] | None = Field(
        default=None,
        serialization_alias="support_gpu_list",
        description="SupportGpuList (empty: a CPU image).",
    )
    training_modes: list[str] | None = Field(
        default=None,
        serialization_alias="training_modes",
        description="The TrainingModes attribute.",
    )


class Timeouts(ApiModel):
    """Seconds each operation may wait for TI-ONE."""

    api_struct: ClassVar[str] = "Timeouts"

    create: Annotated[float, Field(gt=0, le=604800)] | None = Field(
        default=None,
        serialization_alias="create",
        description="Create (and its wait).",
    )
    update: Annotated[float, Field(gt=0, le=604800)] | None = Field(
        default=None,
        serialization_alias="update",
        description="Update (and its wait).",
    )
    delete: Annotated[float, Field(gt=0, le=604800)] | None = Field(
        default=None,
        serialization_alias="delete",
        description="Delete (and its wait).",
    )


ImageRef = Annotated[PlatformImageRef | CustomImage, Field(discriminator="kind")]
"""A workload's ``image`` (type ``Image``): a platform image or a custom one, by ``kind``."""


class NotebookSpec(WorkloadSpec):
    """The arguments of ``CreateNotebook``, ``ModifyNotebook``, checked."""

    workload_kind: ClassVar[str] = "Notebook"

    image: ImageRef = Field(
        serialization_alias="ImageInfo",
        description=(
            "A `PlatformImage` resource, or a custom image `{image_url, image_type, "
            "registry_region, registry_id, image_secret}`."
        ),
    )
    charge_type: Literal["PREPAID", "POSTPAID_BY_HOUR"] = Field(
        serialization_alias="ChargeType",
        description="PREPAID or POSTPAID_BY_HOUR.",
    )
    resource_conf: ResourceConf = Field(
        serialization_alias="ResourceConf",
        description="Compute: `{instance_type}` (postpaid) or `{cpu, memory, gpu, gpu_type}` (prepaid).",
    )
    name: Text | None = Field(
        default=None,
        serialization_alias="Name",
        description=(
            "The TI-ONE name (at most 60 letters, digits, `_`, `-`, starting with a letter or "
            "digit); default: the resource name + `-` + 8 hex digits, kept across updates."
        ),
    )
    running: bool = Field(
        default=True,
        serialization_alias="running",
        description="Keep it Running (true) or Stopped (false).",
    )
    log_enable: bool = Field(
        default=False,
        serialization_alias="LogEnable",
        description="Ship the logs to CLS (needs `log_config`).",
    )
    root_access: bool = Field(
        default=False,
        serialization_alias="RootAccess",
        description="Root access in the notebook.",
    )
    auto_stopping: bool = Field(
        default=False,
        serialization_alias="AutoStopping",
        description="Stop automatically (after `automatic_stop_time`).",
    )
    direct_internet_access: bool = Field(
        default=False,
        serialization_alias="DirectInternetAccess",
        description="Direct internet access.",
    )
    automatic_stop_time: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="AutomaticStopTime",
        description="Hours after which it stops (with `auto_stopping`).",
    )
    resource_group_id: Text | None = Field(
        default=None,
        serialization_alias="ResourceGroupId",
        description="The prepaid resource group (PREPAID).",
    )
    vpc_id: Text | None = Field(default=None, serialization_alias="VpcId", description="VPC id.")
    subnet_id: Text | None = Field(default=None, serialization_alias="SubnetId", description="Subnet id.")
    volume_source_type: (
        Literal["FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO", "GooseFSx"] | None
    ) = Field(
        default=None,
        serialization_alias="VolumeSourceType",
        description="Storage: FREE (prepaid only), CLOUD_PREMIUM, CLOUD_SSD, CFS, CFS_TURBO or GooseFSx.",
    )
    volume_size_in_gb: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="VolumeSizeInGB",
        description="Cloud disk size in GB: at least 10, a multiple of 10; only grows in place.",
    )
    volume_source_cfs: CfsConfig | None = Field(
        default=None,
        serialization_alias="VolumeSourceCFS",
        description="The CFS storage (CFS, CFS_TURBO).",
    )
    volume_source_goose_fs: GooseFs | None = Field(
        default=None,
        serialization_alias="VolumeSourceGooseFS",
        description="The GooseFS storage (GooseFSx).",
    )
    log_config: LogConfig | None = Field(
        default=None,
        serialization_alias="LogConfig",
        description="CLS logset and topic.",
    )
    lifecycle_script_id: Text | None = Field(
        default=None,
        serialization_alias="LifecycleScriptId",
        description="Lifecycle script id.",
    )
    default_code_repo_id: Text | None = Field(
        default=None,
        serialization_alias="DefaultCodeRepoId",
        description="Default Git repository id.",
    )
    additional_code_repo_ids: Annotated[list[Text], Field(max_length=3)] | None = Field(
        default=None,
        serialization_alias="AdditionalCodeRepoIds",
        description="Up to 3 more Git repository ids, each once and not the default one.",
    )
    data_configs: list[DataConfig] | None = Field(
        default=None,
        serialization_alias="DataConfigs",
        description="Data mounts.",
    )
    ssh_config: SshConfig | None = Field(
        default=None,
        serialization_alias="SSHConfig",
        description="SSH access.",
    )
    description: str | None = Field(
        default=None,
        serialization_alias="Description",
        description="Description.",
    )
    tags: dict[str, str] | None = Field(
        default=None,
        serialization_alias="Tags",
        description="Tags `{key: value}` (sent as `[{TagKey, TagValue}]`).",
    )
    region: Text | None = Field(
        default=None,
        serialization_alias="region",
        description="The region (else `tencentcloud:region`).",
    )
    workspace: Text | None = Field(
        default=None,
        serialization_alias="TiProjectId",
        description="The TI-ONE workspace (TiProjectId).",
    )
    timeouts: Timeouts | None = Field(
        default=None,
        serialization_alias="timeouts",
        description="`{create, update, delete}` seconds each operation may wait.",
    )
    name_prefix: Text | None = Field(
        default=None,
        serialization_alias="name_prefix",
        description="Set by the resource class: the prefix of a generated name.",
    )


class TrainingTaskSpec(WorkloadSpec):
    """The arguments of ``CreateTrainingTask``, checked."""

    workload_kind: ClassVar[str] = "TrainingTask"

    image: ImageRef = Field(
        serialization_alias="ImageInfo",
        description=(
            "A `PlatformImage` resource, or a custom image `{image_url, image_type, "
            "registry_region, registry_id, image_secret}`."
        ),
    )
    charge_type: Literal["PREPAID", "POSTPAID_BY_HOUR"] = Field(
        serialization_alias="ChargeType",
        description="PREPAID or POSTPAID_BY_HOUR.",
    )
    resource_config_infos: Annotated[list[ResourceConfigInfo], Field(min_length=1)] = Field(
        serialization_alias="ResourceConfigInfos",
        description="The roles' compute (at least one).",
    )
    name: Text | None = Field(
        default=None,
        serialization_alias="Name",
        description=(
            "The TI-ONE name (at most 60 letters, digits, `_`, `-`, starting with a letter or "
            "digit); default: the resource name + `-` + 8 hex digits, kept across updates."
        ),
    )
    training_mode: Literal["PS_WORKER", "DDP", "MPI", "HOROVOD"] | None = Field(
        default=None,
        serialization_alias="TrainingMode",
        description="PS_WORKER, DDP, MPI or HOROVOD (must be in the platform image's TrainingModes).",
    )
    start_cmd_info: StartCmdInfo | None = Field(
        default=None,
        serialization_alias="StartCmdInfo",
        description="Start command(s).",
    )
    code_package_path: CosPath | None = Field(
        default=None,
        serialization_alias="CodePackagePath",
        description="COS code package.",
    )
    output: CosPath | None = Field(default=None, serialization_alias="Output", description="COS output path.")
    data_configs: Annotated[list[DataConfig], Field(max_length=10)] | None = Field(
        default=None,
        serialization_alias="DataConfigs",
        description="Data mounts (at most 10).",
    )
    data_source: Text | None = Field(
        default=None,
        serialization_alias="DataSource",
        description="DATASET, COS, CFS, CFSTurbo, HDFS or GooseFSx.",
    )
    envs: list[EnvVar] | None = Field(
        default=None,
        serialization_alias="Envs",
        description="Environment variables (values kept secret).",
    )
    resource_group_id: Text | None = Field(
        default=None,
        serialization_alias="ResourceGroupId",
        description="The prepaid resource group (PREPAID).",
    )
    vpc_id: Text | None = Field(default=None, serialization_alias="VpcId", description="VPC id.")
    subnet_id: Text | None = Field(default=None, serialization_alias="SubnetId", description="Subnet id.")
    log_enable: bool = Field(
        default=False,
        serialization_alias="LogEnable",
        description="Ship the logs to CLS (needs `log_config`).",
    )
    log_config: LogConfig | None = Field(
        default=None,
        serialization_alias="LogConfig",
        description="CLS logset and topic.",
    )
    tuning_parameters: Annotated[str, Field(max_length=2048)] | None = Field(
        default=None,
        serialization_alias="TuningParameters",
        description="Tuning parameters (at most 2048 characters).",
    )
    remark: Annotated[str, Field(max_length=1024)] | None = Field(
        default=None,
        serialization_alias="Remark",
        description="Remark (at most 1024 characters).",
    )
    callback_url: Text | None = Field(
        default=None,
        serialization_alias="CallbackUrl",
        description="Callback for create/start/stop events.",
    )
    code_repos: list[CodeRepoConfig] | None = Field(
        default=None,
        serialization_alias="CodeRepos",
        description="Code repositories to check out.",
    )
    expose_network_config: ExposeNetworkConfig | None = Field(
        default=None,
        serialization_alias="ExposeNetworkConfig",
        description="Network exposure.",
    )
    train_tool_config: TrainToolConfig | None = Field(
        default=None,
        serialization_alias="TrainToolConfig",
        description="Training diagnosis tools.",
    )
    resource_supply_attribute: ResourceSupplyAttribute | None = Field(
        default=None,
        serialization_alias="ResourceSupplyAttribute",
        description="How the resources are supplied.",
    )
    queues: list[str] | None = Field(default=None, serialization_alias="Queues", description="Queue ids.")
    wait_for: Literal["submitted", "running", "finished"] = Field(
        default="submitted",
        serialization_alias="wait_for",
        description="What `up` waits for: submitted, running or finished.",
    )
    tags: dict[str, str] | None = Field(
        default=None,
        serialization_alias="Tags",
        description="Tags `{key: value}` (sent as `[{TagKey, TagValue}]`).",
    )
    region: Text | None = Field(
        default=None,
        serialization_alias="region",
        description="The region (else `tencentcloud:region`).",
    )
    workspace: Text | None = Field(
        default=None,
        serialization_alias="TiProjectId",
        description="The TI-ONE workspace (TiProjectId).",
    )
    timeouts: Timeouts | None = Field(
        default=None,
        serialization_alias="timeouts",
        description="`{create, update, delete}` seconds each operation may wait.",
    )
    name_prefix: Text | None = Field(
        default=None,
        serialization_alias="name_prefix",
        description="Set by the resource class: the prefix of a generated name.",
    )
