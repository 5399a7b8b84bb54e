"""The one definition of every workload argument (``KINDS``), and of the structs they nest.

Everything else is derived from these tables. At run time: the request bodies
(``workloads.bodies``), the reading of ``Describe*`` answers and the live-vs-declared comparison
behind refresh, drift and diff (``workloads.compare``), the native schema's flags
(``native.schema``), the secret handling of the resource classes (``stack.workload_inputs``),
the type tokens (``core.tokens``) and the prose that says what replaces what
(``replace_prose``). Generated and committed (``python -m pulumi_tione.workloads.fields
--write``, ``workloads.codegen``): the pydantic models (``workloads._generated``, re-exported by
``workloads.models``), the ``Notebook``/``TrainingTask`` classes with their typed keyword
arguments (``stack.workload_resources``) and ``docs/arguments.md``. tests/lib/test_workload_fields.py
holds the generated files and tccli's ``api.json`` to these tables.

A ``Member`` is plain data (machine-readable, e.g. for a provider schema):

- ``name``: the snake_case argument; ``api``: the API's member name (None: not an API member);
- ``type``: ``string``, ``boolean``, ``integer``, ``number``, ``[T]`` (list of T), ``{string}``
  (map of strings), a struct name of ``STRUCTS``, or ``Image`` (``PlatformImageRef`` |
  ``CustomImage``);
- ``required``, ``secret`` (the value, or a part of it, is secret material), ``default``,
  ``enum`` (the only values allowed: a ``Literal`` in the model);
- bounds, as the models enforce them: ``minimum``/``maximum``/``exclusive_minimum`` (numbers),
  ``min_length``/``max_length`` (a string, or each string of a list), ``min_items``/
  ``max_items`` (a list);
- ``sent``: whether it reaches the API (``False``: the provider's own setting);
  ``modify``: also sent by ``ModifyNotebook`` (a notebook member ModifyNotebook lacks replaces);
- ``replaces``: ``"never"``, ``"always"`` or ``"shrink"`` (only a smaller value replaces);
- ``reported``: the ``Describe*`` detail reports it, so refresh compares it when declared;
- ``argument``: a keyword argument of the resource class (``False``: set by the class itself).

A ``Struct`` is named as api.json names the object (``CFSConfig``); ``model`` is its pydantic
class's public name where that differs (``CfsConfig``). Cross-field rules (charge type needs
compute, log_enable needs log_config, ...) are not bounds: they stay in ``workloads.validate``.

``NOT_ARGUMENTS`` lists the request members of each kind's actions (top level, or
``Struct.Member`` nested) that are deliberately not arguments, each with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = [
    "KINDS",
    "MODEL_SERVICE",
    "NOTEBOOK",
    "NOT_ARGUMENTS",
    "STRUCTS",
    "TRAINING_TASK",
    "Member",
    "Struct",
    "WorkloadFields",
    "replace_prose",
]

Replaces = Literal["never", "always", "shrink"]


@dataclass(frozen=True)
class Member:
    """One argument (or struct member): see the module docstring for each flag."""

    name: str
    api: str | None
    type: str
    description: str
    required: bool = False
    secret: bool = False
    sent: bool = True
    modify: bool = True
    replaces: Replaces = "never"
    reported: bool = True
    default: Any = None
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    argument: bool = True

    @property
    def struct(self) -> str | None:
        """The struct this member holds (or holds a list of), if any."""
        base = self.type.strip("[]")
        return base if base in STRUCTS else None

    @property
    def is_list(self) -> bool:
        """Whether the value is a list."""
        return self.type.startswith("[")


@dataclass(frozen=True)
class Struct:
    """A struct of the API (``name`` is its api.json object name) in snake_case members."""

    name: str
    description: str
    members: tuple[Member, ...]
    model: str = ""
    """The pydantic model's class name (public: users import it); default ``name``."""

    @property
    def model_name(self) -> str:
        """The class name of the struct's pydantic model."""
        return self.model or self.name

    def member(self, name: str) -> Member:
        """The member called ``name`` (snake_case); KeyError if there is none."""
        for m in self.members:
            if m.name == name:
                return m
        raise KeyError(name)


@dataclass(frozen=True)
class WorkloadFields:
    """The arguments of one workload kind, in the resource signature's order."""

    kind: str
    actions: tuple[str, ...]
    members: tuple[Member, ...]
    summary: str = ""
    """What the resource is (the first line of its class docstring)."""

    def member(self, name: str) -> Member:
        """The argument called ``name``; KeyError if there is none."""
        for m in self.members:
            if m.name == name:
                return m
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """Every argument name."""
        return tuple(m.name for m in self.members)


def _m(name: str, api: str | None, type_: str, description: str, **flags: Any) -> Member:
    return Member(name, api, type_, description, **flags)


def _s(name: str, description: str, *members: Member, model: str = "") -> Struct:
    return Struct(name, description, members, model)


_TEXT: dict[str, Any] = {"min_length": 1}
"""A string that must not be empty (pydantic ``min_length=1``)."""
_COUNT: dict[str, Any] = {"minimum": 0}
_WAIT: dict[str, Any] = {"exclusive_minimum": 0, "maximum": 7 * 86400}

_STRUCTS = (
    _s("ResourceConf", "Notebook compute: `instance_type` (postpaid) or cpu/memory/gpu/gpu_type (prepaid).",
       _m("cpu", "Cpu", "integer", "CPU in 1/1000 cores (prepaid).", **_COUNT),
       _m("memory", "Memory", "integer", "Memory in MB (prepaid).", **_COUNT),
       _m("gpu", "Gpu", "integer", "GPU in 1/100 cards of `gpu_type` (prepaid).", **_COUNT),
       _m("gpu_type", "GpuType", "string", "GPU card type of the resource group, e.g. T4 (prepaid); "
          "needed with `gpu`, and must be in the platform image's SupportGpuList.", **_TEXT),
       _m("instance_type", "InstanceType", "string",
          "Billing spec (postpaid), e.g. TI.GN10.2XLARGE40.POST.", **_TEXT)),
    _s("ResourceConfigInfo", "One role of a training task's compute.",
       _m("role", "Role", "string", "PS, WORKER, DRIVER or EXECUTOR.", required=True,
          enum=("PS", "WORKER", "DRIVER", "EXECUTOR")),
       _m("cpu", "Cpu", "integer", "CPU in 1/1000 cores (prepaid).", **_COUNT),
       _m("memory", "Memory", "integer", "Memory in MB (prepaid).", **_COUNT),
       _m("gpu_type", "GpuType", "string", "GPU card type (prepaid); must be in the platform image's "
          "SupportGpuList.", **_TEXT),
       _m("gpu", "Gpu", "integer", "GPU in 1/100 cards (prepaid).", **_COUNT),
       _m("instance_type", "InstanceType", "string", "Billing spec (postpaid), e.g. TI.S.MEDIUM.POST.",
          **_TEXT),
       _m("instance_num", "InstanceNum", "integer", "Number of nodes (at least 1).", minimum=1),
       _m("instance_type_alias", "InstanceTypeAlias", "string", "Name of the billing spec, e.g. 4C8G."),
       _m("rdma_config", "RDMAConfig", "RDMAConfig", "RDMA settings.")),
    _s("RDMAConfig", "RDMA settings of a role.",
       _m("enable", "Enable", "boolean", "Turn RDMA on."), model="RdmaConfig"),
    _s("CFSConfig", "A CFS file system and path.",
       _m("id", "Id", "string", "CFS instance id.", required=True, **_TEXT),
       _m("path", "Path", "string", "Path in the file system.", required=True, **_TEXT),
       _m("mount_type", "MountType", "string", "STORAGE (storage extension, default) or SOURCE "
          "(data source)."),
       _m("protocol", "Protocol", "string", "Protocol: 1 NFS, 2 TURBO."),
       _m("is_preset_storage", "IsPresetStorage", "boolean", "Whether it is the platform's preset storage."),
       model="CfsConfig"),
    _s("GooseFS", "A GooseFS/GooseFSx instance.",
       _m("id", "Id", "string", "GooseFS instance id."),
       _m("type", "Type", "string", "GooseFS or GooseFSx."),
       _m("path", "Path", "string", "Path to mount (GooseFSx)."),
       _m("name_space", "NameSpace", "string", "GooseFS namespace."),
       _m("mount_options", "MountOptions", "string", "Client mount options, comma-separated."),
       model="GooseFs"),
    _s("CFSTurbo", "A CFS Turbo file system.",
       _m("id", "Id", "string", "CFS Turbo instance id."),
       _m("path", "Path", "string", "Path in the file system."), model="CfsTurbo"),
    _s("HDFSConfig", "An HDFS (EMR) cluster path.",
       _m("id", "Id", "string", "Cluster instance id, emr-xxxxxxxx.", required=True, **_TEXT),
       _m("path", "Path", "string", "Path.", required=True, **_TEXT), model="HdfsConfig"),
    _s("LocalDisk", "A node's local disk.",
       _m("instance_id", "InstanceId", "string", "Node id.", required=True, **_TEXT),
       _m("local_path", "LocalPath", "string", "Local path.")),
    _s("CBSConfig", "A cloud block storage volume.",
       _m("volume_size_in_gb", "VolumeSizeInGB", "integer", "Size in GB.", required=True),
       model="CbsConfig"),
    _s("HostPath", "A host path.",
       _m("path", "Path", "string", "Host path to mount.")),
    _s("PublicDataSourceFS", "A public cloud data source.",
       _m("data_source_id", "DataSourceId", "string", "Data source id."),
       _m("sub_path", "SubPath", "string", "Sub-path relative to the data source."),
       model="PublicDataSource"),
    _s("DataSetConfig", "A TI-ONE data set.",
       _m("id", "Id", "string", "Data set id.", required=True, **_TEXT), model="DataSetSource"),
    _s("CosPathInfo", "A COS location: bucket, region and exactly one path (the API supports only one).",
       _m("bucket", "Bucket", "string", "Bucket.", required=True, **_TEXT),
       _m("region", "Region", "string", "Region of the bucket.", required=True, **_TEXT),
       _m("paths", "Paths", "[string]", "Exactly one path.", required=True, min_items=1, max_items=1,
          **_TEXT),
       model="CosPath"),
    _s("DataConfig", "One data mount: where it is mapped and which source it comes from.",
       _m("mapping_path", "MappingPath", "string", "Path in the container."),
       _m("data_source_usage", "DataSourceUsage", "string", "BUILTIN_CODE, BUILTIN_DATA, BUILTIN_MODEL, "
          "USER_DATA, USER_CODE, USER_MODEL, OUTPUT or OTHER."),
       _m("data_source_type", "DataSourceType", "string", "DATASET, COS, CFS, CFSTurbo, GooseFSx, HDFS or "
          "WEDATA_HDFS."),
       _m("data_set_source", "DataSetSource", "DataSetConfig", "Data from a data set."),
       _m("cos_source", "COSSource", "CosPathInfo", "Data from COS."),
       _m("cfs_source", "CFSSource", "CFSConfig", "Data from CFS."),
       _m("hdfs_source", "HDFSSource", "HDFSConfig", "Data from HDFS."),
       _m("goose_fs_source", "GooseFSSource", "GooseFS", "Data from GooseFS."),
       _m("cfs_turbo_source", "CFSTurboSource", "CFSTurbo", "Data from CFS Turbo."),
       _m("local_disk_source", "LocalDiskSource", "LocalDisk", "Data from a local disk."),
       _m("cbs_source", "CBSSource", "CBSConfig", "A cloud block storage volume."),
       _m("host_path_source", "HostPathSource", "HostPath", "A host path."),
       _m("public_data_source", "PublicDataSource", "PublicDataSourceFS", "A public cloud data source."),
       _m("read_only", "ReadOnly", "boolean", "Mount read-only.")),
    _s("LogConfig", "A CLS logset and topic for the logs.",
       _m("logset_id", "LogsetId", "string", "CLS logset id.", required=True, **_TEXT),
       _m("topic_id", "TopicId", "string", "CLS topic id.", required=True, **_TEXT)),
    _s("PodSSHInfo", "How to reach the pod over SSH.",
       _m("host", "Host", "string", "Pod IP."),
       _m("port", "Port", "integer", "Pod SSH port."),
       _m("login_command", "LoginCommand", "string", "SSH command."), model="PodSshInfo"),
    _s("SSHConfig", "SSH access.",
       _m("enable", "Enable", "boolean", "Turn SSH on."),
       _m("public_key", "PublicKey", "string", "Public key."),
       _m("port", "Port", "integer", "Port."),
       _m("login_command", "LoginCommand", "string", "Login command."),
       _m("is_address_changed", "IsAddressChanged", "boolean", "Whether the login address changed."),
       _m("pod_ssh_info", "PodSSHInfo", "PodSSHInfo", "Pod access."), model="SshConfig"),
    _s("StartCmdInfo", "A training task's start command(s), by training mode.",
       _m("start_cmd", "StartCmd", "string", "Start command."),
       _m("ps_start_cmd", "PsStartCmd", "string", "Start command of the PS role."),
       _m("worker_start_cmd", "WorkerStartCmd", "string", "Start command of the WORKER role.")),
    _s("EnvVar", "An environment variable; `is_private` values are sensitive.",
       _m("name", "Name", "string", "Name (TI-ONE accepts a variable without one, which sets nothing)."),
       _m("value", "Value", "string", "Value (kept secret in state).", secret=True, default=""),
       _m("is_private", "IsPrivate", "boolean", "The value is sensitive (masked by TI-ONE).")),
    _s("CodeRepoConfig", "A code repository to check out.",
       _m("id", "Id", "string", "Code repository id.", required=True, **_TEXT),
       _m("target_path", "TargetPath", "string", "Where to check it out.", required=True, **_TEXT)),
    _s("ExposePortConfig", "Expose a container port to the internet.",
       _m("enable", "Enable", "boolean", "Turn it on."),
       _m("vpc_id", "VpcId", "string", "VPC id."),
       _m("clb_id", "ClbId", "string", "CLB id."),
       _m("clb_host", "ClbHost", "string", "CLB domain.")),
    _s("ExposeNetworkConfig", "Network exposure of a training task.",
       _m("ssh_config", "SSHConfig", "SSHConfig", "SSH access."),
       _m("expose_port_config", "ExposePortConfig", "ExposePortConfig", "Container port exposure.")),
    _s("TrainToolConfig", "Training diagnosis tools.",
       _m("enable_hang_monitor", "EnableHangMonitor", "boolean", "Turn hang detection on."),
       _m("hang_monitor_nodes", "HangMonitorNodes", "[string]", "Nodes to watch for hangs."),
       _m("log_hang_timeout_in_minute", "LogHangTimeoutInMinute", "integer", "Hang timeout in minutes, "
          "1-14400.", minimum=1, maximum=14400)),
    _s("ResourceSupplyAttribute", "How the resources are supplied.",
       _m("supply_type", "SupplyType", "string", "TIDE (tidal), SPOT, or empty (regular pay-as-you-go)."),
       _m("cluster_type", "ClusterType", "string", "DEFAULT (default) or THIRD (third-party cluster).")),
    _s("ImageSecret", "Registry credentials of a custom image (secret material).",
       _m("key_id", "KeyId", "string", "KMS key id that encrypted the password.", secret=True),
       _m("username", "Username", "string", "User name.", secret=True),
       _m("password", "Password", "string", "Password, base64 (KMS-encrypted when key_id is set).",
          secret=True),
       _m("secret_id", "SecretId", "string", "Credential id.", secret=True)),
    _s("CustomImage", "An image in your own registry, sent as ImageInfo: TCR (enterprise), CCR (personal) "
       "or CUSTOM (third party).",
       _m("kind", None, "string", "Always `custom`.", required=True, enum=("custom",)),
       _m("image_url", "ImageUrl", "string", "Image address, e.g. ccr.ccs.tencentyun.com/ns/repo:tag "
          "(not empty, no blanks).", required=True),
       _m("image_type", "ImageType", "string", "TCR (enterprise), CCR (personal) or CUSTOM (third party).",
          required=True, enum=("TCR", "CCR", "CUSTOM")),
       _m("registry_region", "RegistryRegion", "string", "Region of the TCR registry."),
       _m("registry_id", "RegistryId", "string", "TCR instance id."),
       _m("image_secret", "ImageSecret", "ImageSecret", "Registry credentials (CUSTOM images).",
          secret=True)),
    _s("PlatformImageRef", "A TI-ONE platform image, as a `PlatformImage` resource's outputs describe it.",
       _m("kind", None, "string", "Always `platform`.", required=True, enum=("platform",)),
       _m("image_id", None, "string", "ImageId.", **_TEXT),
       _m("image_name", "ImageName", "string", "ImageName.", **_TEXT),
       _m("image_url", "ImageUrl", "string", "ImageUrl.", **_TEXT),
       _m("framework", None, "string", "Framework (sent as a task's FrameworkName).", **_TEXT),
       _m("framework_version", None, "string", "FrameworkVersion."),
       _m("image_range", None, "[string]", "ImageRange."),
       _m("support_gpu_list", None, "[string]", "SupportGpuList (empty: a CPU image)."),
       _m("training_modes", None, "[string]", "The TrainingModes attribute.")),
    _s("Timeouts", "Seconds each operation may wait for TI-ONE.",
       _m("create", None, "number", "Create (and its wait).", **_WAIT),
       _m("update", None, "number", "Update (and its wait).", **_WAIT),
       _m("delete", None, "number", "Delete (and its wait).", **_WAIT)),
)
STRUCTS: dict[str, Struct] = {s.name: s for s in _STRUCTS}
"""Every struct an argument can hold, by name (api.json's object name where it is one)."""

_CHARGE = ("PREPAID", "POSTPAID_BY_HOUR")
_VOLUMES = ("FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO", "GooseFSx")
_KEEP: dict[str, Any] = {"sent": False, "reported": False}

_IMAGE = _m("image", "ImageInfo", "Image", "A `PlatformImage` resource, or a custom image "
            "`{image_url, image_type, registry_region, registry_id, image_secret}`.", required=True,
            secret=True, reported=False)
_NAME = _m("name", "Name", "string", "The TI-ONE name (at most 60 letters, digits, `_`, `-`, starting with "
           "a letter or digit); default: the resource name + `-` + 8 hex digits, kept across updates.",
           **_TEXT)
_TAIL = (
    _m("tags", "Tags", "{string}", "Tags `{key: value}` (sent as `[{TagKey, TagValue}]`)."),
    _m("region", None, "string", "The region (else `tencentcloud:region`).", replaces="always", **_KEEP,
       **_TEXT),
    _m("workspace", "TiProjectId", "string", "The TI-ONE workspace (TiProjectId).", replaces="always",
       reported=False, **_TEXT),
    _m("timeouts", None, "Timeouts", "`{create, update, delete}` seconds each operation may wait.", **_KEEP),
    _m("name_prefix", None, "string", "Set by the resource class: the prefix of a generated name.", **_KEEP,
       argument=False, **_TEXT),
)

NOTEBOOK = WorkloadFields("Notebook", ("CreateNotebook", "ModifyNotebook"), summary=(
    "A TI-ONE notebook on a platform image (a `PlatformImage`) or a custom image."), members=(
    _IMAGE,
    _m("charge_type", "ChargeType", "string", "PREPAID or POSTPAID_BY_HOUR.", required=True, enum=_CHARGE,
       replaces="always"),
    _m("resource_conf", "ResourceConf", "ResourceConf", "Compute: `{instance_type}` (postpaid) or "
       "`{cpu, memory, gpu, gpu_type}` (prepaid).", required=True),
    _NAME,
    _m("running", None, "boolean", "Keep it Running (true) or Stopped (false).", default=True, **_KEEP),
    _m("log_enable", "LogEnable", "boolean", "Ship the logs to CLS (needs `log_config`).", default=False),
    _m("root_access", "RootAccess", "boolean", "Root access in the notebook.", default=False),
    _m("auto_stopping", "AutoStopping", "boolean", "Stop automatically (after `automatic_stop_time`).",
       default=False),
    _m("direct_internet_access", "DirectInternetAccess", "boolean", "Direct internet access.", default=False),
    _m("automatic_stop_time", "AutomaticStopTime", "integer", "Hours after which it stops (with "
       "`auto_stopping`).", **_COUNT),
    _m("resource_group_id", "ResourceGroupId", "string", "The prepaid resource group (PREPAID).", **_TEXT),
    _m("vpc_id", "VpcId", "string", "VPC id.", replaces="always", **_TEXT),
    _m("subnet_id", "SubnetId", "string", "Subnet id.", replaces="always", **_TEXT),
    _m("volume_source_type", "VolumeSourceType", "string", "Storage: FREE (prepaid only), CLOUD_PREMIUM, "
       "CLOUD_SSD, CFS, CFS_TURBO or GooseFSx.", enum=_VOLUMES, replaces="always"),
    _m("volume_size_in_gb", "VolumeSizeInGB", "integer", "Cloud disk size in GB: at least 10, a multiple "
       "of 10; only grows in place.", replaces="shrink", **_COUNT),
    _m("volume_source_cfs", "VolumeSourceCFS", "CFSConfig", "The CFS storage (CFS, CFS_TURBO).",
       replaces="always"),
    _m("volume_source_goose_fs", "VolumeSourceGooseFS", "GooseFS", "The GooseFS storage (GooseFSx).",
       replaces="always", modify=False),
    _m("log_config", "LogConfig", "LogConfig", "CLS logset and topic."),
    _m("lifecycle_script_id", "LifecycleScriptId", "string", "Lifecycle script id.", **_TEXT),
    _m("default_code_repo_id", "DefaultCodeRepoId", "string", "Default Git repository id.", **_TEXT),
    _m("additional_code_repo_ids", "AdditionalCodeRepoIds", "[string]", "Up to 3 more Git repository ids, "
       "each once and not the default one.", max_items=3, **_TEXT),
    _m("data_configs", "DataConfigs", "[DataConfig]", "Data mounts."),
    _m("ssh_config", "SSHConfig", "SSHConfig", "SSH access."),
    _m("description", "Description", "string", "Description."),
    *_TAIL,
))

TRAINING_TASK = WorkloadFields("TrainingTask", ("CreateTrainingTask",), summary=(
    "A TI-ONE training task on a platform image (a `PlatformImage`) or a custom image."), members=tuple(
    m if m.name in ("wait_for", "timeouts", "name_prefix") else replace(m, replaces="always") for m in (
        _IMAGE,
        _m("charge_type", "ChargeType", "string", "PREPAID or POSTPAID_BY_HOUR.", required=True,
           enum=_CHARGE),
        _m("resource_config_infos", "ResourceConfigInfos", "[ResourceConfigInfo]", "The roles' compute "
           "(at least one).", required=True, min_items=1),
        _NAME,
        _m("training_mode", "TrainingMode", "string", "PS_WORKER, DDP, MPI or HOROVOD (must be in the "
           "platform image's TrainingModes).", enum=("PS_WORKER", "DDP", "MPI", "HOROVOD")),
        _m("start_cmd_info", "StartCmdInfo", "StartCmdInfo", "Start command(s)."),
        _m("code_package_path", "CodePackagePath", "CosPathInfo", "COS code package."),
        _m("output", "Output", "CosPathInfo", "COS output path."),
        _m("data_configs", "DataConfigs", "[DataConfig]", "Data mounts (at most 10).", max_items=10),
        _m("data_source", "DataSource", "string", "DATASET, COS, CFS, CFSTurbo, HDFS or GooseFSx.", **_TEXT),
        _m("envs", "Envs", "[EnvVar]", "Environment variables (values kept secret).", secret=True,
           reported=False),
        _m("resource_group_id", "ResourceGroupId", "string", "The prepaid resource group (PREPAID).",
           **_TEXT),
        _m("vpc_id", "VpcId", "string", "VPC id.", **_TEXT),
        _m("subnet_id", "SubnetId", "string", "Subnet id.", **_TEXT),
        _m("log_enable", "LogEnable", "boolean", "Ship the logs to CLS (needs `log_config`).",
           default=False),
        _m("log_config", "LogConfig", "LogConfig", "CLS logset and topic."),
        _m("tuning_parameters", "TuningParameters", "string", "Tuning parameters (at most 2048 characters).",
           max_length=2048),
        _m("remark", "Remark", "string", "Remark (at most 1024 characters).", max_length=1024),
        _m("callback_url", "CallbackUrl", "string", "Callback for create/start/stop events.", **_TEXT),
        _m("code_repos", "CodeRepos", "[CodeRepoConfig]", "Code repositories to check out."),
        _m("expose_network_config", "ExposeNetworkConfig", "ExposeNetworkConfig", "Network exposure."),
        _m("train_tool_config", "TrainToolConfig", "TrainToolConfig", "Training diagnosis tools.",
           reported=False),
        _m("resource_supply_attribute", "ResourceSupplyAttribute", "ResourceSupplyAttribute",
           "How the resources are supplied.", reported=False),
        _m("queues", "Queues", "[string]", "Queue ids.", reported=False),
        _m("wait_for", None, "string", "What `up` waits for: submitted, running or finished.",
           default="submitted", enum=("submitted", "running", "finished"), **_KEEP),
        *_TAIL,
    )))

# -- ModelService (online inference services: CreateModelService / ModifyModelService) ------------

_SERVICE_STRUCTS = (
    _s("ModelInfo", "The model a service loads: a model version (`model_version_id`, as "
       "DescribeTrainingModelVersion names it), optionally with its COS path.",
       _m("model_version_id", "ModelVersionId", "string", "Model version id (mv-...), or an AutoML task id.",
          required=True),
       _m("model_id", "ModelId", "string", "Model id."),
       _m("model_name", "ModelName", "string", "Model name."),
       _m("model_version", "ModelVersion", "string", "Model version, e.g. v1."),
       _m("model_source", "ModelSource", "string", "Where the model comes from, e.g. COS or GooseFSx."),
       _m("cos_path_info", "CosPathInfo", "CosPathInfo", "The model's COS path (a directory)."),
       _m("goose_fsx", "GooseFSx", "GooseFSx", "The GooseFSx storage (`model_source` GooseFSx)."),
       _m("algorithm_framework", "AlgorithmFramework", "string", "Algorithm framework (reserved)."),
       _m("model_type", "ModelType", "string", "NORMAL (default), ACCELERATE or AUTO_ML."),
       _m("model_format", "ModelFormat", "string", "Model format."),
       _m("is_private_model", "IsPrivateModel", "boolean", "A private large model."),
       _m("model_category", "ModelCategory", "string", "MultiModal or LLM."),
       _m("public_data_source", "PublicDataSource", "PublicDataSourceFS", "A public data source.")),
    _s("GooseFSx", "A GooseFSx instance and path.",
       _m("id", "Id", "string", "GooseFSx instance id."),
       _m("path", "Path", "string", "Path.")),
    _s("ResourceInfo", "Prepaid compute of one replica: cpu (1/1000 cores) and memory (MB), GPUs.",
       _m("cpu", "Cpu", "integer", "CPU in 1/1000 cores (at least 1).", required=True,
          minimum=1),
       _m("memory", "Memory", "integer", "Memory in MB (at least 1).", required=True,
          minimum=1),
       _m("gpu", "Gpu", "integer", "GPU in 1/100 cards of `gpu_type`.", **_COUNT),
       _m("gpu_type", "GpuType", "string", "GPU card type, e.g. T4 (must be in the platform image's "
          "SupportGpuList)."),
       _m("enable_rdma", "EnableRDMA", "boolean", "Turn RDMA on."),
       _m("rdma_number", "RdmaNumber", "integer", "RDMA number."),
       _m("root_disk", "RootDisk", "integer", "Root disk size in GB."),
       _m("data_disk", "DataDisk", "integer", "Data disk size in GB."),
       _m("rdma", "Rdma", "integer", "RDMA, 0-99.")),
    _s("Option", "An autoscaling metric and its target.",
       _m("name", "Name", "string", "gpu-util, cpu-util, memory-util (10-100), service-qps (1-5000) or "
          "concurrency-util (1-100000).", required=True,
          enum=("gpu-util", "cpu-util", "memory-util", "service-qps", "concurrency-util")),
       _m("value", "Value", "integer", "Target value, in the metric's range.", required=True)),
    _s("HorizontalPodAutoscaler", "Metric-based autoscaling (`scale_strategy` HPA).",
       _m("min_replicas", "MinReplicas", "integer", "Fewest replicas.", required=True),
       _m("max_replicas", "MaxReplicas", "integer", "Most replicas (not fewer than `min_replicas`).",
          required=True),
       _m("hpa_metrics", "HpaMetrics", "[Option]", "The metrics (at least one).", required=True,
          min_items=1),
       _m("scale_up_stabilization_window_seconds", "ScaleUpStabilizationWindowSeconds", "integer",
          "Scale-up observation window, seconds."),
       _m("scale_down_stabilization_window_seconds", "ScaleDownStabilizationWindowSeconds", "integer",
          "Scale-down observation window, seconds.")),
    _s("CronScaleJob", "A scheduled scaling job (`scale_strategy` CRON).",
       _m("schedule", "Schedule", "string", "Cron expression, to the minute.", required=True),
       _m("name", "Name", "string", "Job name."),
       _m("target_replicas", "TargetReplicas", "integer", "Replicas to scale to."),
       _m("min_replicas", "MinReplicas", "integer", "Target minimum."),
       _m("max_replicas", "MaxReplicas", "integer", "Target maximum."),
       _m("exclude_dates", "ExcludeDates", "[string]", "Cron expressions of times it does not run "
          "(at most 3).",
          max_items=3)),
    _s("ScheduledAction", "Stop the service at a time.",
       _m("schedule_stop", "ScheduleStop", "boolean", "Stop at `schedule_stop_time`."),
       _m("schedule_stop_time", "ScheduleStopTime", "string", "When, e.g. 2022-01-26T19:46:22+08:00 "
          "(required with `schedule_stop`).")),
    _s("VolumeMount", "A storage mount (CFS today).",
       _m("cfs_config", "CFSConfig", "CFSConfig", "The CFS file system and path."),
       _m("volume_source_type", "VolumeSourceType", "string", "CFS (default), COS or PUBLIC_DATA_SOURCE.",
          enum=("CFS", "COS", "PUBLIC_DATA_SOURCE")),
       _m("mount_path", "MountPath", "string", "Mount path in the container."),
       _m("public_data_source", "PublicDataSource", "PublicDataSourceFS", "The data source "
          "(PUBLIC_DATA_SOURCE).")),
    _s("ServiceLimit", "Per-replica rate and concurrency limits.",
       _m("enable_instance_rps_limit", "EnableInstanceRpsLimit", "boolean", "Limit requests per second."),
       _m("instance_rps_limit", "InstanceRpsLimit", "integer", "Requests per second per replica "
          "(0: none; required with `enable_instance_rps_limit`)."),
       _m("enable_instance_req_limit", "EnableInstanceReqLimit", "boolean", "Limit concurrent requests."),
       _m("instance_req_limit", "InstanceReqLimit", "integer", "Concurrent requests per replica "
          "(required with `enable_instance_req_limit`).")),
    _s("ServiceEIP", "Access from the service to outside TI-ONE (postpaid or TI-ONE prepaid resources).",
       _m("enable_eip", "EnableEIP", "boolean", "Turn it on."),
       _m("vpc_id", "VpcId", "string", "VPC id."),
       _m("subnet_id", "SubnetId", "string", "Subnet id.")),
    _s("HTTPGetAction", "An HTTP GET check.",
       _m("path", "Path", "string", "HTTP path."),
       _m("port", "Port", "integer", "Port.")),
    _s("ExecAction", "A command check.",
       _m("command", "Command", "[string]", "The command and its arguments.")),
    _s("TCPSocketAction", "A TCP connect check.",
       _m("port", "Port", "integer", "Port.")),
    _s("ProbeAction", "What a probe does.",
       _m("http_get", "HTTPGet", "HTTPGetAction", "HTTP GET (ActionType HTTPGet)."),
       _m("exec", "Exec", "ExecAction", "A command (ActionType Exec)."),
       _m("tcp_socket", "TCPSocket", "TCPSocketAction", "A TCP connect (ActionType TCPSocket)."),
       _m("action_type", "ActionType", "string", "HTTPGet (default), Exec or TCPSocket.",
          enum=("HTTPGet", "Exec", "TCPSocket"))),
    _s("Probe", "A health probe.",
       _m("probe_action", "ProbeAction", "ProbeAction", "What it checks."),
       _m("initial_delay_seconds", "InitialDelaySeconds", "integer", "Delay before the first check."),
       _m("period_seconds", "PeriodSeconds", "integer", "Interval between checks."),
       _m("timeout_seconds", "TimeoutSeconds", "integer", "Timeout of a check."),
       _m("failure_threshold", "FailureThreshold", "integer", "Failures before it counts as failed."),
       _m("success_threshold", "SuccessThreshold", "integer", "Successes before it counts as passed.")),
    _s("HealthProbe", "Liveness, readiness and startup probes.",
       _m("liveness_probe", "LivenessProbe", "Probe", "Liveness probe."),
       _m("readiness_probe", "ReadinessProbe", "Probe", "Readiness probe."),
       _m("startup_probe", "StartupProbe", "Probe", "Startup probe.")),
    _s("NumOrPercent", "A number of replicas or a percentage.",
       _m("type", "Type", "string", "Num or Percent.", enum=("Num", "Percent")),
       _m("value", "Value", "integer", "The number or percentage.")),
    _s("RollingUpdate", "How a change rolls out.",
       _m("max_unavailable", "MaxUnavailable", "NumOrPercent", "Most replicas unavailable at once."),
       _m("max_surge", "MaxSurge", "NumOrPercent", "Most extra replicas at once.")),
    _s("GatewayConfig", "The service group's gateway.",
       _m("gateway_type", "GatewayType", "string", "Gateway type."),
       _m("scheduling_algorithm", "SchedulingAlgorithm", "string", "Scheduling algorithm (round robin, "
          "consistent hashing, ...)."),
       _m("hash_header_key", "HashHeaderKey", "string", "Header used by consistent hashing.")),
    _s("SidecarSpec", "A sidecar container.",
       _m("image_info", "ImageInfo", "CustomImage", "The sidecar's image (a custom image).", secret=True)),
)
STRUCTS.update({s.name: s for s in _SERVICE_STRUCTS})

_SERVICE_MODIFY_LACKS: dict[str, Any] = {"replaces": "always", "modify": False}
MODEL_SERVICE = WorkloadFields("ModelService", ("CreateModelService", "ModifyModelService"), summary=(
    "A TI-ONE online inference service on an Inference `PlatformImage` or a custom image."), members=(
    replace(_IMAGE, description="A `PlatformImage` whose ImageRange has Inference, or a custom image "
            "`{image_url, image_type, registry_region, registry_id, image_secret}`."),
    _m("charge_type", "ChargeType", "string", "PREPAID or POSTPAID_BY_HOUR.", required=True, enum=_CHARGE,
       **_SERVICE_MODIFY_LACKS),
    replace(_NAME, api="ServiceGroupName", description="The service group's name (a new group; at most 60 "
            "letters, digits, `_`, `-`, starting with a letter or digit); default: the resource name + `-` "
            "+ 8 hex digits. Not generated with `service_group_id`.", replaces="always", modify=False),
    _m("service_group_id", "ServiceGroupId", "string", "Add this service as a new version of an existing "
       "group (its id, ms-...) instead of creating a group.", **_SERVICE_MODIFY_LACKS),
    _m("running", None, "boolean", "Keep it running (true) or stopped (false), through ServiceAction.",
       default=True, **_KEEP),
    _m("service_description", "ServiceDescription", "string", "Description."),
    _m("instance_type", "InstanceType", "string", "Billing spec (POSTPAID_BY_HOUR), e.g. TI.S.MEDIUM.POST."),
    _m("resource_group_id", "ResourceGroupId", "string", "The prepaid resource group (PREPAID)."),
    _m("resources", "Resources", "ResourceInfo", "Compute of one replica (PREPAID)."),
    _m("model_info", "ModelInfo", "ModelInfo", "The model to load (a model version, "
       "optionally its COS path)."),
    _m("env", "Env", "[EnvVar]", "Environment variables (values kept secret).", secret=True, reported=False),
    _m("command", "Command", "string", "Start command."),
    _m("scale_mode", "ScaleMode", "string", "MANUAL (default: `replicas`) or AUTO (`scale_strategy`).",
       enum=("AUTO", "MANUAL")),
    _m("replicas", "Replicas", "integer", "Replicas (MANUAL; with AUTO the default of the time-based "
       "policy).", **_COUNT),
    _m("scale_strategy", "ScaleStrategy", "string", "HPA (`horizontal_pod_autoscaler`) or CRON "
       "(`cron_scale_jobs`), with `scale_mode` AUTO.", enum=("HPA", "CRON")),
    _m("horizontal_pod_autoscaler", "HorizontalPodAutoscaler", "HorizontalPodAutoscaler",
       "Metric-based autoscaling."),
    _m("cron_scale_jobs", "CronScaleJobs", "[CronScaleJob]", "Scheduled scaling."),
    _m("hybrid_billing_prepaid_replicas", "HybridBillingPrepaidReplicas", "integer", "Prepaid replicas of "
       "a hybrid-billed service."),
    _m("scheduled_action", "ScheduledAction", "ScheduledAction", "Stop the service at a time."),
    _m("service_limit", "ServiceLimit", "ServiceLimit", "Per-replica rate and concurrency limits."),
    _m("log_enable", "LogEnable", "boolean", "Ship the logs to CLS (needs `log_config`)."),
    _m("log_config", "LogConfig", "LogConfig", "CLS logset and topic."),
    _m("authorization_enable", "AuthorizationEnable", "boolean", "Calls must carry a token (changed in "
       "place through ModifyModelServiceAuthorization, for the whole group).", modify=False),
    _m("model_hot_update_enable", "ModelHotUpdateEnable", "boolean", "Hot-update the model (off by "
       "default)."),
    _m("model_turbo_enable", "ModelTurboEnable", "boolean", "Model acceleration (StableDiffusion models)."),
    _m("volume_mount", "VolumeMount", "VolumeMount", "A storage mount (CFS)."),
    _m("volume_mounts", "VolumeMounts", "[VolumeMount]", "Storage mounts (CFS)."),
    _m("service_eip", "ServiceEIP", "ServiceEIP", "Access from the service to outside TI-ONE."),
    _m("service_port", "ServicePort", "integer", "Port the image serves on (custom images; default 8501; "
       "not 8501-8510, 6006 or 9092)."),
    _m("grpc_enable", "GrpcEnable", "boolean", "Open the gRPC port."),
    _m("deploy_type", "DeployType", "string", "STANDARD (default), DIST (multi-node) or ROLE_SET.",
       enum=("STANDARD", "DIST", "ROLE_SET"), **_SERVICE_MODIFY_LACKS),
    _m("instance_per_replicas", "InstancePerReplicas", "integer", "Nodes per replica (DIST; default 1).",
       minimum=1),
    _m("termination_grace_period_seconds", "TerminationGracePeriodSeconds", "integer", "Graceful stop "
       "limit in seconds (default 30, at least 1).", minimum=1),
    _m("pre_stop_command", "PreStopCommand", "[string]", "Command run before a replica stops."),
    _m("health_probe", "HealthProbe", "HealthProbe", "Liveness, readiness and startup probes."),
    _m("rolling_update", "RollingUpdate", "RollingUpdate", "How a change rolls out."),
    _m("sidecar", "Sidecar", "SidecarSpec", "A sidecar container.", secret=True, reported=False),
    _m("scheduling_strategy", "SchedulingStrategy", "string", "binpack (default) or spread.",
       enum=("binpack", "spread")),
    _m("infer_template_id", "InferTemplateId", "string", "Built-in inference template (large models), "
       "e.g. Qwen3.5-9B."),
    _m("priority", "Priority", "integer", "Priority, 0-9.", reported=False,
       minimum=0, maximum=9),
    _m("callback_url", "CallbackUrl", "string", "Callback for the service's status events.",
       reported=False, **_SERVICE_MODIFY_LACKS),
    _m("gateway_config", "GatewayConfig", "GatewayConfig", "The group's gateway.", reported=False,
       **_SERVICE_MODIFY_LACKS),
    _m("gateway_log_config", "GatewayLogConfig", "LogConfig", "CLS logset and topic of the gateway's logs.",
       reported=False, **_SERVICE_MODIFY_LACKS),
    _m("resource_supply_attribute", "ResourceSupplyAttribute", "ResourceSupplyAttribute",
       "How the resources are supplied.", **_SERVICE_MODIFY_LACKS),
    replace(_TAIL[0], description="Tags `{key: value}` (sent as `[{TagKey, TagValue}]`); no TI-ONE action "
            "changes a service's tags, so a change replaces it.", replaces="always", modify=False),
    *_TAIL[1:],
))


KINDS: dict[str, WorkloadFields] = {k.kind: k for k in (NOTEBOOK, TRAINING_TASK, MODEL_SERVICE)}
"""Every workload kind's definition, by kind (a new kind joins here)."""

_FROM_IMAGE = "set from `image` (the image reference decides how it is sent)"
NOT_ARGUMENTS: dict[str, str] = {
    "CreateNotebook.ImageType": _FROM_IMAGE,
    "ModifyNotebook.ImageType": _FROM_IMAGE,
    "ModifyNotebook.Id": "the resource's id; the provider sends it",
    "ModifyNotebook.Envs": "CreateNotebook takes no Envs and NotebookDetail does not report them, so a "
                           "declared value could neither be created nor refreshed",
    "CreateTrainingTask.FrameworkName": _FROM_IMAGE,
    "CreateTrainingTask.FrameworkVersion": _FROM_IMAGE,
    "CreateTrainingTask.FrameworkEnvironment": _FROM_IMAGE,
    "CreateTrainingTask.EncodedStartCmdInfo": (
        "the same command as `start_cmd_info`, base64-encoded; the provider sends `start_cmd_info` "
        "as JSON, which needs no escaping"),
    "ImageInfo.AllowSaveAllContent": "an attribute of platform images (DescribePlatformImages), not a "
                                     "setting of a custom image",
    "ImageInfo.SupportDataPipeline": "an attribute of platform images (DescribePlatformImages), not a "
                                     "setting of a custom image",
    "ImageInfo.ImageName": "sent from a platform image's name; a custom image is named by `image_url`",
}
"""Request members that are not arguments, ``Action.Member`` or ``Struct.Member`` -> why."""

NOT_ARGUMENTS.update({
    "CreateModelService.NewVersion": "set from `service_group_id` (true when it is given)",
    "CreateModelService.CommandBase64": "the same command as `command`, base64-encoded; the provider "
                                        "sends `command` as JSON, which needs no escaping",
    "ModifyModelService.CommandBase64": "as for CreateModelService",
    "CreateModelService.CreateSource": "AUTO_ML and AUTO_ML_FORMAL mark TI-ONE's own AutoML publishing; "
                                       "anything else is DEFAULT, the API's default",
    "CreateModelService.ServiceCategory": "undocumented (no values listed), never reported, and also a "
                                          "filter of Describe/Delete: a value would change which "
                                          "services the provider's reads find",
    "ModifyModelService.ServiceId": "the resource's id; the provider sends it",
    "ModifyModelService.ServiceAction": "set from `running` (STOP/RESUME); SCALE is `replicas`' change",
    "ModifyModelService.TargetProjectId": "moves a service out of the default workspace; `workspace` "
                                          "replaces instead (works from any workspace)",
    "ResourceInfo.RealGpu": "reported by TI-ONE, not set (\"创建或更新时无需填写\")",
    "ResourceInfo.RealGpuDetailSet": "reported by TI-ONE, not set (\"创建或更新时无需填写\")",
})


def replace_prose(fields: WorkloadFields, camel: bool = False, quote: str = "`{}`") -> str:
    """The sentence that says what replaces an object of ``fields.kind`` (names in ``quote``;
    camelCase with ``camel``, as the native schema spells them)."""
    if len(fields.actions) == 1:
        return "It cannot be modified: a change of any API argument replaces it."

    def name(m: Member) -> str:
        text = m.name.split("_")[0] + "".join(p.title() for p in m.name.split("_")[1:]) if camel else m.name
        return quote.format(text)

    named = [name(m) for m in fields.members if m.replaces == "always"]
    named += [f"a smaller {name(m)}" for m in fields.members if m.replaces == "shrink"]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}" if len(named) > 1 else "".join(named)
    return f"Updates happen in place where the API allows it; {listed} replace it."

if __name__ == "__main__":
    import sys

    from .codegen import main

    sys.exit(main(sys.argv[1:]))
