"""Request definitions of the ModelService actions, in `schema`'s notation (``"[Tag]!"``...).

Generated from tccli's ``api.json`` (tccli 3.1.189.1) and held to it by the same test as the rest
of `schema`, which merges these into its ``OBJECTS`` and ``ACTIONS``.
"""

from __future__ import annotations

SERVICE_OBJECTS: dict[str, dict[str, str]] = {
    "CronScaleJob": {
        "Schedule": "string!", "Name": "string", "TargetReplicas": "int64", "MinReplicas": "int64",
        "MaxReplicas": "int64", "ExcludeDates": "[string]",
    },
    "ExecAction": {
        "Command": "[string]",
    },
    "GatewayConfig": {
        "GatewayType": "string", "SchedulingAlgorithm": "string", "HashHeaderKey": "string",
    },
    "GooseFSx": {
        "Id": "string", "Path": "string",
    },
    "GpuDetail": {
        "Name": "string", "Value": "uint64",
    },
    "HTTPGetAction": {
        "Path": "string", "Port": "int64",
    },
    "HealthProbe": {
        "LivenessProbe": "Probe", "ReadinessProbe": "Probe", "StartupProbe": "Probe",
    },
    "HorizontalPodAutoscaler": {
        "MinReplicas": "int64!", "MaxReplicas": "int64!", "HpaMetrics": "[Option]!",
        "ScaleUpStabilizationWindowSeconds": "int64", "ScaleDownStabilizationWindowSeconds": "int64",
    },
    "ModelInfo": {
        "ModelVersionId": "string!", "ModelId": "string", "ModelName": "string", "ModelVersion": "string",
        "ModelSource": "string", "CosPathInfo": "CosPathInfo", "GooseFSx": "GooseFSx", "AlgorithmFramework":
        "string", "ModelType": "string", "ModelFormat": "string", "IsPrivateModel": "bool", "ModelCategory":
        "string", "PublicDataSource": "PublicDataSourceFS",
    },
    "NumOrPercent": {
        "Type": "string", "Value": "int64",
    },
    "Option": {
        "Name": "string!", "Value": "int64!",
    },
    "Probe": {
        "ProbeAction": "ProbeAction", "InitialDelaySeconds": "int64", "PeriodSeconds": "int64",
        "TimeoutSeconds": "int64", "FailureThreshold": "int64", "SuccessThreshold": "int64",
    },
    "ProbeAction": {
        "HTTPGet": "HTTPGetAction", "Exec": "ExecAction", "TCPSocket": "TCPSocketAction", "ActionType":
        "string",
    },
    "ResourceInfo": {
        "Cpu": "uint64!", "Memory": "uint64!", "Gpu": "uint64", "GpuType": "string", "RealGpu": "uint64",
        "RealGpuDetailSet": "[GpuDetail]", "EnableRDMA": "bool", "RdmaNumber": "uint64", "RootDisk":
        "uint64", "DataDisk": "uint64", "Rdma": "uint64",
    },
    "RollingUpdate": {
        "MaxUnavailable": "NumOrPercent", "MaxSurge": "NumOrPercent",
    },
    "ScheduledAction": {
        "ScheduleStop": "bool", "ScheduleStopTime": "string",
    },
    "ServiceEIP": {
        "EnableEIP": "bool", "VpcId": "string", "SubnetId": "string",
    },
    "ServiceLimit": {
        "EnableInstanceRpsLimit": "bool", "InstanceRpsLimit": "int64", "EnableInstanceReqLimit": "bool",
        "InstanceReqLimit": "int64",
    },
    "SidecarSpec": {
        "ImageInfo": "ImageInfo",
    },
    "TCPSocketAction": {
        "Port": "int64",
    },
    "VolumeMount": {
        "CFSConfig": "CFSConfig", "VolumeSourceType": "string", "MountPath": "string", "PublicDataSource":
        "PublicDataSourceFS",
    },
}
"""The objects only ModelService requests contain, member -> type."""

SERVICE_ACTIONS: dict[str, dict[str, str]] = {
    "CreateModelService": {
        "TiProjectId": "string", "ServiceGroupId": "string", "ServiceGroupName": "string",
        "ServiceDescription": "string", "ChargeType": "string", "ResourceGroupId": "string", "ModelInfo":
        "ModelInfo", "ImageInfo": "ImageInfo", "Env": "[EnvVar]", "Resources": "ResourceInfo",
        "InstanceType": "string", "ScaleMode": "string", "Replicas": "int64", "HorizontalPodAutoscaler":
        "HorizontalPodAutoscaler", "LogEnable": "bool", "LogConfig": "LogConfig", "AuthorizationEnable":
        "bool", "Tags": "[Tag]", "NewVersion": "bool", "CronScaleJobs": "[CronScaleJob]", "ScaleStrategy":
        "string", "HybridBillingPrepaidReplicas": "int64", "CreateSource": "string", "ModelHotUpdateEnable":
        "bool", "ScheduledAction": "ScheduledAction", "VolumeMount": "VolumeMount", "ServiceLimit":
        "ServiceLimit", "CallbackUrl": "string", "ModelTurboEnable": "bool", "ServiceCategory": "string",
        "Command": "string", "ServiceEIP": "ServiceEIP", "CommandBase64": "string", "ServicePort": "int64",
        "DeployType": "string", "InstancePerReplicas": "int64", "TerminationGracePeriodSeconds": "int64",
        "PreStopCommand": "[string]", "GrpcEnable": "bool", "HealthProbe": "HealthProbe", "RollingUpdate":
        "RollingUpdate", "Sidecar": "SidecarSpec", "VolumeMounts": "[VolumeMount]", "SchedulingStrategy":
        "string", "GatewayLogConfig": "LogConfig", "GatewayConfig": "GatewayConfig",
        "ResourceSupplyAttribute": "ResourceSupplyAttribute", "InferTemplateId": "string", "Priority":
        "int64",
    },
    "DescribeModelService": {
        "ServiceId": "string!", "TiProjectId": "string", "ServiceCategory": "string",
    },
    "DescribeModelServiceGroups": {
        "TiProjectId": "string", "Offset": "int64", "Limit": "int64", "Order": "string", "OrderField":
        "string", "Filters": "[Filter]", "TagFilters": "[TagFilter]", "ServiceCategory": "string",
    },
    "DescribeModelServiceGroup": {
        "ServiceGroupId": "string!", "TiProjectId": "string", "ServiceCategory": "string",
    },
    "ModifyModelService": {
        "ServiceId": "string!", "TiProjectId": "string", "ModelInfo": "ModelInfo", "ImageInfo": "ImageInfo",
        "Env": "[EnvVar]", "Resources": "ResourceInfo", "InstanceType": "string", "ScaleMode": "string",
        "Replicas": "int64", "HorizontalPodAutoscaler": "HorizontalPodAutoscaler", "LogEnable": "bool",
        "LogConfig": "LogConfig", "ServiceAction": "string", "ServiceDescription": "string",
        "ScaleStrategy": "string", "CronScaleJobs": "[CronScaleJob]", "HybridBillingPrepaidReplicas":
        "int64", "ModelHotUpdateEnable": "bool", "ScheduledAction": "ScheduledAction", "ServiceLimit":
        "ServiceLimit", "VolumeMount": "VolumeMount", "ModelTurboEnable": "bool", "Command": "string",
        "ServiceEIP": "ServiceEIP", "CommandBase64": "string", "ServicePort": "int64",
        "InstancePerReplicas": "int64", "TerminationGracePeriodSeconds": "int64", "PreStopCommand":
        "[string]", "GrpcEnable": "bool", "HealthProbe": "HealthProbe", "RollingUpdate": "RollingUpdate",
        "Sidecar": "SidecarSpec", "ResourceGroupId": "string", "VolumeMounts": "[VolumeMount]",
        "SchedulingStrategy": "string", "TargetProjectId": "int64", "InferTemplateId": "string", "Priority":
        "int64",
    },
    "DeleteModelService": {
        "ServiceId": "string!", "TiProjectId": "string", "ServiceCategory": "string",
    },
    "DeleteModelServiceGroup": {
        "ServiceGroupId": "string!", "TiProjectId": "string",
    },
    "DescribeModelServiceCallInfo": {
        "ServiceGroupId": "string!", "TiProjectId": "string", "ServiceCategory": "string",
    },
    "ModifyModelServiceAuthorization": {
        "ServiceGroupId": "string!", "TiProjectId": "string", "AuthorizationEnable": "bool",
    },
}
"""The request members of the ModelService actions, member -> type."""
