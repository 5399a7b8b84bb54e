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
    "CronScaleJob",
    "CustomImage",
    "DataConfig",
    "DataSetSource",
    "EnvVar",
    "ExecAction",
    "ExposeNetworkConfig",
    "ExposePortConfig",
    "GatewayConfig",
    "GooseFSx",
    "GooseFs",
    "HTTPGetAction",
    "HdfsConfig",
    "HealthProbe",
    "HorizontalPodAutoscaler",
    "HostPath",
    "ImageRef",
    "ImageSecret",
    "LocalDisk",
    "LogConfig",
    "ModelInfo",
    "ModelServiceSpec",
    "NotebookSpec",
    "NumOrPercent",
    "Option",
    "PlatformImageRef",
    "PodSshInfo",
    "Probe",
    "ProbeAction",
    "PublicDataSource",
    "RdmaConfig",
    "ResourceConf",
    "ResourceConfigInfo",
    "ResourceInfo",
    "ResourceSupplyAttribute",
    "RollingUpdate",
    "ScheduledAction",
    "ServiceEIP",
    "ServiceLimit",
    "SidecarSpec",
    "SshConfig",
    "StartCmdInfo",
    "TCPSocketAction",
    "Timeouts",
    "TrainToolConfig",
    "TrainingTaskSpec",
    "VolumeMount",
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


class GooseFSx(ApiModel):
    """A GooseFSx instance and path."""

    api_struct: ClassVar[str] = "GooseFSx"

    id: str | None = Field(default=None, serialization_alias="Id", description="GooseFSx instance id.")
    path: str | None = Field(default=None, serialization_alias="Path", description="Path.")


class ModelInfo(ApiModel):
    """The model a service loads: a model version (``model_version_id``, as DescribeTrainingModelVersion
    names it), optionally with its COS path.
    """

    api_struct: ClassVar[str] = "ModelInfo"

    model_version_id: str = Field(
        serialization_alias="ModelVersionId",
        description="Model version id (mv-...), or an AutoML task id.",
    )
    model_id: str | None = Field(default=None, serialization_alias="ModelId", description="Model id.")
    model_name: str | None = Field(default=None, serialization_alias="ModelName", description="Model name.")
    model_version: str | None = Field(
        default=None,
        serialization_alias="ModelVersion",
        description="Model version, e.g. v1.",
    )
    model_source: str | None = Field(
        default=None,
        serialization_alias="ModelSource",
        description="Where the model comes from, e.g. COS or GooseFSx.",
    )
    cos_path_info: CosPath | None = Field(
        default=None,
        serialization_alias="CosPathInfo",
        description="The model's COS path (a directory).",
    )
    goose_fsx: GooseFSx | None = Field(
        default=None,
        serialization_alias="GooseFSx",
        description="The GooseFSx storage (`model_source` GooseFSx).",
    )
    algorithm_framework: str | None = Field(
        default=None,
        serialization_alias="AlgorithmFramework",
        description="Algorithm framework (reserved).",
    )
    model_type: str | None = Field(
        default=None,
        serialization_alias="ModelType",
        description="NORMAL (default), ACCELERATE or AUTO_ML.",
    )
    model_format: str | None = Field(
        default=None,
        serialization_alias="ModelFormat",
        description="Model format.",
    )
    is_private_model: bool | None = Field(
        default=None,
        serialization_alias="IsPrivateModel",
        description="A private large model.",
    )
    model_category: str | None = Field(
        default=None,
        serialization_alias="ModelCategory",
        description="MultiModal or LLM.",
    )
    public_data_source: PublicDataSource | None = Field(
        default=None,
        serialization_alias="PublicDataSource",
        description="A public data source.",
    )


class ResourceInfo(ApiModel):
    """Prepaid compute of one replica: cpu (1/1000 cores) and memory (MB), GPUs."""

    api_struct: ClassVar[str] = "ResourceInfo"

    cpu: Annotated[Int, Field(ge=1)] = Field(
        serialization_alias="Cpu",
        description="CPU in 1/1000 cores (at least 1).",
    )
    memory: Annotated[Int, Field(ge=1)] = Field(
        serialization_alias="Memory",
        description="Memory in MB (at least 1).",
    )
    gpu: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Gpu",
        description="GPU in 1/100 cards of `gpu_type`.",
    )
    gpu_type: str | None = Field(
        default=None,
        serialization_alias="GpuType",
        description="GPU card type, e.g. T4 (must be in the platform image's SupportGpuList).",
    )
    enable_rdma: bool | None = Field(
        default=None,
        serialization_alias="EnableRDMA",
        description="Turn RDMA on.",
    )
    rdma_number: Int | None = Field(
        default=None,
        serialization_alias="RdmaNumber",
        description="RDMA number.",
    )
    root_disk: Int | None = Field(
        default=None,
        serialization_alias="RootDisk",
        description="Root disk size in GB.",
    )
    data_disk: Int | None = Field(
        default=None,
        serialization_alias="DataDisk",
        description="Data disk size in GB.",
    )
    rdma: Int | None = Field(default=None, serialization_alias="Rdma", description="RDMA, 0-99.")


class Option(ApiModel):
    """An autoscaling metric and its target."""

    api_struct: ClassVar[str] = "Option"

    name: Literal["gpu-util", "cpu-util", "memory-util", "service-qps", "concurrency-util"] = Field(
        serialization_alias="Name",
        description=(
            "gpu-util, cpu-util, memory-util (10-100), service-qps (1-5000) or "
            "concurrency-util (1-100000)."
        ),
    )
    value: Int = Field(serialization_alias="Value", description="Target value, in the metric's range.")


class HorizontalPodAutoscaler(ApiModel):
    """Metric-based autoscaling (``scale_strategy`` HPA)."""

    api_struct: ClassVar[str] = "HorizontalPodAutoscaler"

    min_replicas: Int = Field(serialization_alias="MinReplicas", description="Fewest replicas.")
    max_replicas: Int = Field(
        serialization_alias="MaxReplicas",
        description="Most replicas (not fewer than `min_replicas`).",
    )
    hpa_metrics: Annotated[list[Option], Field(min_length=1)] = Field(
        serialization_alias="HpaMetrics",
        description="The metrics (at least one).",
    )
    scale_up_stabilization_window_seconds: Int | None = Field(
        default=None,
        serialization_alias="ScaleUpStabilizationWindowSeconds",
        description="Scale-up observation window, seconds.",
    )
    scale_down_stabilization_window_seconds: Int | None = Field(
        default=None,
        serialization_alias="ScaleDownStabilizationWindowSeconds",
        description="Scale-down observation window, seconds.",
    )


class CronScaleJob(ApiModel):
    """A scheduled scaling job (``scale_strategy`` CRON)."""

    api_struct: ClassVar[str] = "CronScaleJob"

    schedule: str = Field(serialization_alias="Schedule", description="Cron expression, to the minute.")
    name: str | None = Field(default=None, serialization_alias="Name", description="Job name.")
    target_replicas: Int | None = Field(
        default=None,
        serialization_alias="TargetReplicas",
        description="Replicas to scale to.",
    )
    min_replicas: Int | None = Field(
        default=None,
        serialization_alias="MinReplicas",
        description="Target minimum.",
    )
    max_replicas: Int | None = Field(
        default=None,
        serialization_alias="MaxReplicas",
        description="Target maximum.",
    )
    exclude_dates: Annotated[list[str], Field(max_length=3)] | None = Field(
        default=None,
        serialization_alias="ExcludeDates",
        description="Cron expressions of times it does not run (at most 3).",
    )


class ScheduledAction(ApiModel):
    """Stop the service at a time."""

    api_struct: ClassVar[str] = "ScheduledAction"

    schedule_stop: bool | None = Field(
        default=None,
        serialization_alias="ScheduleStop",
        description="Stop at `schedule_stop_time`.",
    )
    schedule_stop_time: str | None = Field(
        default=None,
        serialization_alias="ScheduleStopTime",
        description="When, e.g. 2022-01-26T19:46:22+08:00 (required with `schedule_stop`).",
    )


class VolumeMount(ApiModel):
    """A storage mount (CFS today)."""

    api_struct: ClassVar[str] = "VolumeMount"

    cfs_config: CfsConfig | None = Field(
        default=None,
        serialization_alias="CFSConfig",
        description="The CFS file system and path.",
    )
    volume_source_type: Literal["CFS", "COS", "PUBLIC_DATA_SOURCE"] | None = Field(
        default=None,
        serialization_alias="VolumeSourceType",
        description="CFS (default), COS or PUBLIC_DATA_SOURCE.",
    )
    mount_path: str | None = Field(
        default=None,
        serialization_alias="MountPath",
        description="Mount path in the container.",
    )
    public_data_source: PublicDataSource | None = Field(
        default=None,
        serialization_alias="PublicDataSource",
        description="The data source (PUBLIC_DATA_SOURCE).",
    )


class ServiceLimit(ApiModel):
    """Per-replica rate and concurrency limits."""

    api_struct: ClassVar[str] = "ServiceLimit"

    enable_instance_rps_limit: bool | None = Field(
        default=None,
        serialization_alias="EnableInstanceRpsLimit",
        description="Limit requests per second.",
    )
    instance_rps_limit: Int | None = Field(
        default=None,
        serialization_alias="InstanceRpsLimit",
        description="Requests per second per replica (0: none; required with `enable_instance_rps_limit`).",
    )
    enable_instance_req_limit: bool | None = Field(
        default=None,
        serialization_alias="EnableInstanceReqLimit",
        description="Limit concurrent requests.",
    )
    instance_req_limit: Int | None = Field(
        default=None,
        serialization_alias="InstanceReqLimit",
        description="Concurrent requests per replica (required with `enable_instance_req_limit`).",
    )


class ServiceEIP(ApiModel):
    """Access from the service to outside TI-ONE (postpaid or TI-ONE prepaid resources)."""

    api_struct: ClassVar[str] = "ServiceEIP"

    enable_eip: bool | None = Field(default=None, serialization_alias="EnableEIP", description="Turn it on.")
    vpc_id: str | None = Field(default=None, serialization_alias="VpcId", description="VPC id.")
    subnet_id: str | None = Field(default=None, serialization_alias="SubnetId", description="Subnet id.")


class HTTPGetAction(ApiModel):
    """An HTTP GET check."""

    api_struct: ClassVar[str] = "HTTPGetAction"

    path: str | None = Field(default=None, serialization_alias="Path", description="HTTP path.")
    port: Int | None = Field(default=None, serialization_alias="Port", description="Port.")


class ExecAction(ApiModel):
    """A command check."""

    api_struct: ClassVar[str] = "ExecAction"

    command: list[str] | None = Field(
        default=None,
        serialization_alias="Command",
        description="The command and its arguments.",
    )


class TCPSocketAction(ApiModel):
    """A TCP connect check."""

    api_struct: ClassVar[str] = "TCPSocketAction"

    port: Int | None = Field(default=None, serialization_alias="Port", description="Port.")


class ProbeAction(ApiModel):
    """What a probe does."""

    api_struct: ClassVar[str] = "ProbeAction"

    http_get: HTTPGetAction | None = Field(
        default=None,
        serialization_alias="HTTPGet",
        description="HTTP GET (ActionType HTTPGet).",
    )
    exec: ExecAction | None = Field(
        default=None,
        serialization_alias="Exec",
        description="A command (ActionType Exec).",
    )
    tcp_socket: TCPSocketAction | None = Field(
        default=None,
        serialization_alias="TCPSocket",
        description="A TCP connect (ActionType TCPSocket).",
    )
    action_type: Literal["HTTPGet", "Exec", "TCPSocket"] | None = Field(
        default=None,
        serialization_alias="ActionType",
        description="HTTPGet (default), Exec or TCPSocket.",
    )


class Probe(ApiModel):
    """A health probe."""

    api_struct: ClassVar[str] = "Probe"

    probe_action: ProbeAction | None = Field(
        default=None,
        serialization_alias="ProbeAction",
        description="What it checks.",
    )
    initial_delay_seconds: Int | None = Field(
        default=None,
        serialization_alias="InitialDelaySeconds",
        description="Delay before the first check.",
    )
    period_seconds: Int | None = Field(
        default=None,
        serialization_alias="PeriodSeconds",
        description="Interval between checks.",
    )
    timeout_seconds: Int | None = Field(
        default=None,
        serialization_alias="TimeoutSeconds",
        description="Timeout of a check.",
    )
    failure_threshold: Int | None = Field(
        default=None,
        serialization_alias="FailureThreshold",
        description="Failures before it counts as failed.",
    )
    success_threshold: Int | None = Field(
        default=None,
        serialization_alias="SuccessThreshold",
        description="Successes before it counts as passed.",
    )


class HealthProbe(ApiModel):
    """Liveness, readiness and startup probes."""

    api_struct: ClassVar[str] = "HealthProbe"

    liveness_probe: Probe | None = Field(
        default=None,
        serialization_alias="LivenessProbe",
        description="Liveness probe.",
    )
    readiness_probe: Probe | None = Field(
        default=None,
        serialization_alias="ReadinessProbe",
        description="Readiness probe.",
    )
    startup_probe: Probe | None = Field(
        default=None,
        serialization_alias="StartupProbe",
        description="Startup probe.",
    )


class NumOrPercent(ApiModel):
    """A number of replicas or a percentage."""

    api_struct: ClassVar[str] = "NumOrPercent"

    type: Literal["Num", "Percent"] | None = Field(
        default=None,
        serialization_alias="Type",
        description="Num or Percent.",
    )
    value: Int | None = Field(
        default=None,
        serialization_alias="Value",
        description="The number or percentage.",
    )


class RollingUpdate(ApiModel):
    """How a change rolls out."""

    api_struct: ClassVar[str] = "RollingUpdate"

    max_unavailable: NumOrPercent | None = Field(
        default=None,
        serialization_alias="MaxUnavailable",
        description="Most replicas unavailable at once.",
    )
    max_surge: NumOrPercent | None = Field(
        default=None,
        serialization_alias="MaxSurge",
        description="Most extra replicas at once.",
    )


class GatewayConfig(ApiModel):
    """The service group's gateway."""

    api_struct: ClassVar[str] = "GatewayConfig"

    gateway_type: str | None = Field(
        default=None,
        serialization_alias="GatewayType",
        description="Gateway type.",
    )
    scheduling_algorithm: str | None = Field(
        default=None,
        serialization_alias="SchedulingAlgorithm",
        description="Scheduling algorithm (round robin, consistent hashing, ...).",
    )
    hash_header_key: str | None = Field(
        default=None,
        serialization_alias="HashHeaderKey",
        description="Header used by consistent hashing.",
    )


class SidecarSpec(ApiModel):
    """A sidecar container."""

    api_struct: ClassVar[str] = "SidecarSpec"

    image_info: CustomImage | None = Field(
        default=None,
        serialization_alias="ImageInfo",
        description="The sidecar's image (a custom image).",
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


class ModelServiceSpec(WorkloadSpec):
    """The arguments of ``CreateModelService``, ``ModifyModelService``, checked."""

    workload_kind: ClassVar[str] = "ModelService"

    image: ImageRef = Field(
        serialization_alias="ImageInfo",
        description=(
            "A `PlatformImage` whose ImageRange has Inference, or a custom image `{image_url, "
            "image_type, registry_region, registry_id, image_secret}`."
        ),
    )
    charge_type: Literal["PREPAID", "POSTPAID_BY_HOUR"] = Field(
        serialization_alias="ChargeType",
        description="PREPAID or POSTPAID_BY_HOUR.",
    )
    name: Text | None = Field(
        default=None,
        serialization_alias="ServiceGroupName",
        description=(
            "The service group's name (a new group; at most 60 letters, digits, `_`, `-`, "
            "starting with a letter or digit); default: the resource name + `-` + 8 hex "
            "digits. Not generated with `service_group_id`."
        ),
    )
    service_group_id: str | None = Field(
        default=None,
        serialization_alias="ServiceGroupId",
        description=(
            "Add this service as a new version of an existing group (its id, ms-...) instead "
            "of creating a group."
        ),
    )
    running: bool = Field(
        default=True,
        serialization_alias="running",
        description="Keep it running (true) or stopped (false), through ServiceAction.",
    )
    service_description: str | None = Field(
        default=None,
        serialization_alias="ServiceDescription",
        description="Description.",
    )
    instance_type: str | None = Field(
        default=None,
        serialization_alias="InstanceType",
        description="Billing spec (POSTPAID_BY_HOUR), e.g. TI.S.MEDIUM.POST.",
    )
    resource_group_id: str | None = Field(
        default=None,
        serialization_alias="ResourceGroupId",
        description="The prepaid resource group (PREPAID).",
    )
    resources: ResourceInfo | None = Field(
        default=None,
        serialization_alias="Resources",
        description="Compute of one replica (PREPAID).",
    )
    model_info: ModelInfo | None = Field(
        default=None,
        serialization_alias="ModelInfo",
        description="The model to load (a model version, optionally its COS path).",
    )
    env: list[EnvVar] | None = Field(
        default=None,
        serialization_alias="Env",
        description="Environment variables (values kept secret).",
    )
    command: str | None = Field(default=None, serialization_alias="Command", description="Start command.")
    scale_mode: Literal["AUTO", "MANUAL"] | None = Field(
        default=None,
        serialization_alias="ScaleMode",
        description="MANUAL (default: `replicas`) or AUTO (`scale_strategy`).",
    )
    replicas: Annotated[Int, Field(ge=0)] | None = Field(
        default=None,
        serialization_alias="Replicas",
        description="Replicas (MANUAL; with AUTO the default of the time-based policy).",
    )
    scale_strategy: Literal["HPA", "CRON"] | None = Field(
        default=None,
        serialization_alias="ScaleStrategy",
        description="HPA (`horizontal_pod_autoscaler`) or CRON (`cron_scale_jobs`), with `scale_mode` AUTO.",
    )
    horizontal_pod_autoscaler: HorizontalPodAutoscaler | None = Field(
        default=None,
        serialization_alias="HorizontalPodAutoscaler",
        description="Metric-based autoscaling.",
    )
    cron_scale_jobs: list[CronScaleJob] | None = Field(
        default=None,
        serialization_alias="CronScaleJobs",
        description="Scheduled scaling.",
    )
    hybrid_billing_prepaid_replicas: Int | None = Field(
        default=None,
        serialization_alias="HybridBillingPrepaidReplicas",
        description="Prepaid replicas of a hybrid-billed service.",
    )
    scheduled_action: ScheduledAction | None = Field(
        default=None,
        serialization_alias="ScheduledAction",
        description="Stop the service at a time.",
    )
    service_limit: ServiceLimit | None = Field(
        default=None,
        serialization_alias="ServiceLimit",
        description="Per-replica rate and concurrency limits.",
    )
    log_enable: bool | None = Field(
        default=None,
        serialization_alias="LogEnable",
        description="Ship the logs to CLS (needs `log_config`).",
    )
    log_config: LogConfig | None = Field(
        default=None,
        serialization_alias="LogConfig",
        description="CLS logset and topic.",
    )
    authorization_enable: bool | None = Field(
        default=None,
        serialization_alias="AuthorizationEnable",
        description=(
            "Calls must carry a token (changed in place through "
            "ModifyModelServiceAuthorization, for the whole group)."
        ),
    )
    model_hot_update_enable: bool | None = Field(
        default=None,
        serialization_alias="ModelHotUpdateEnable",
        description="Hot-update the model (off by default).",
    )
    model_turbo_enable: bool | None = Field(
        default=None,
        serialization_alias="ModelTurboEnable",
        description="Model acceleration (StableDiffusion models).",
    )
    volume_mount: VolumeMount | None = Field(
        default=None,
        serialization_alias="VolumeMount",
        description="A storage mount (CFS).",
    )
    volume_mounts: list[VolumeMount] | None = Field(
        default=None,
        serialization_alias="VolumeMounts",
        description="Storage mounts (CFS).",
    )
    service_eip: ServiceEIP | None = Field(
        default=None,
        serialization_alias="ServiceEIP",
        description="Access from the service to outside TI-ONE.",
    )
    service_port: Int | None = Field(
        default=None,
        serialization_alias="ServicePort",
        description="Port the image serves on (custom images; default 8501; not 8501-8510, 6006 or 9092).",
    )
    grpc_enable: bool | None = Field(
        default=None,
        serialization_alias="GrpcEnable",
        description="Open the gRPC port.",
    )
    deploy_type: Literal["STANDARD", "DIST", "ROLE_SET"] | None = Field(
        default=None,
        serialization_alias="DeployType",
        description="STANDARD (default), DIST (multi-node) or ROLE_SET.",
    )
    instance_per_replicas: Annotated[Int, Field(ge=1)] | None = Field(
        default=None,
        serialization_alias="InstancePerReplicas",
        description="Nodes per replica (DIST; default 1).",
    )
    termination_grace_period_seconds: Annotated[Int, Field(ge=1)] | None = Field(
        default=None,
        serialization_alias="TerminationGracePeriodSeconds",
        description="Graceful stop limit in seconds (default 30, at least 1).",
    )
    pre_stop_command: list[str] | None = Field(
        default=None,
        serialization_alias="PreStopCommand",
        description="Command run before a replica stops.",
    )
    health_probe: HealthProbe | None = Field(
        default=None,
        serialization_alias="HealthProbe",
        description="Liveness, readiness and startup probes.",
    )
    rolling_update: RollingUpdate | None = Field(
        default=None,
        serialization_alias="RollingUpdate",
        description="How a change rolls out.",
    )
    sidecar: SidecarSpec | None = Field(
        default=None,
        serialization_alias="Sidecar",
        description="A sidecar container.",
    )
    scheduling_strategy: Literal["binpack", "spread"] | None = Field(
        default=None,
        serialization_alias="SchedulingStrategy",
        description="binpack (default) or spread.",
    )
    infer_template_id: str | None = Field(
        default=None,
        serialization_alias="InferTemplateId",
        description="Built-in inference template (large models), e.g. Qwen3.5-9B.",
    )
    priority: Annotated[Int, Field(ge=0, le=9)] | None = Field(
        default=None,
        serialization_alias="Priority",
        description="Priority, 0-9.",
    )
    callback_url: str | None = Field(
        default=None,
        serialization_alias="CallbackUrl",
        description="Callback for the service's status events.",
    )
    gateway_config: GatewayConfig | None = Field(
        default=None,
        serialization_alias="GatewayConfig",
        description="The group's gateway.",
    )
    gateway_log_config: LogConfig | None = Field(
        default=None,
        serialization_alias="GatewayLogConfig",
        description="CLS logset and topic of the gateway's logs.",
    )
    resource_supply_attribute: ResourceSupplyAttribute | None = Field(
        default=None,
        serialization_alias="ResourceSupplyAttribute",
        description="How the resources are supplied.",
    )
    tags: dict[str, str] | None = Field(
        default=None,
        serialization_alias="Tags",
        description=(
            "Tags `{key: value}` (sent as `[{TagKey, TagValue}]`); no TI-ONE action changes a "
            "service's tags, so a change replaces it."
        ),
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
