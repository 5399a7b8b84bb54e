"""What the ModelService actions answer: ``Service`` (with its ``ServiceInfo`` and
``WorkloadStatus``), ``ServiceGroup`` and the call information, shaped as tccli's api.json defines
them and as Tencent's examples show them (docs/emulator.md says which values are the emulator's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .records import APP_ID, UIN, Record, ServiceGroup
from .rules import api_time, deep

RUNNING = ("Normal", "Waiting", "Pending", "Abnormal")
"""Statuses in which a service has replicas (ModifyModelService STOP and SCALE act on them)."""
STOPPED = ("Stopping", "Stopped")
FAILED_CREATES = ("CREATE_FAILED", "TIMEOUT_EXCEPTION")
PRIVATE_VALUE = "******"


def business_status(record: Record) -> str:
    """CREATING while creating, CREATE_FAILED / TIMEOUT_EXCEPTION after a failed create, else
    CREATE_SUCCEED."""
    if record.status == "CREATING":
        return "CREATING"
    return record.status if record.status in FAILED_CREATES else "CREATE_SUCCEED"


def create_failed_reason(record: Record) -> str:
    """The failure's reason after a failed create, "" while creating, else CREATE_SUCCEED (its doc)."""
    if record.status in FAILED_CREATES:
        return record.failure_reason
    return "" if record.status == "CREATING" else "CREATE_SUCCEED"


def replicas(record: Record) -> int:
    """The configured replica count (Replicas, default 1)."""
    value = record.config.get("Replicas")
    return 1 if value is None else int(value)


def workload_status(record: Record) -> dict[str, Any] | None:
    """``ServiceInfo.Status``: null until the service exists (CREATING, a failed create), else the
    pods' counts."""
    if record.status == "CREATING" or record.status in FAILED_CREATES:
        return None
    wanted = 0 if record.status in STOPPED else replicas(record)
    ready = wanted if record.status == "Normal" else 0
    return {
        "Replicas": wanted,
        "UpdatedReplicas": ready,
        "ReadyReplicas": ready,
        "AvailableReplicas": ready,
        "UnavailableReplicas": wanted - ready,
        "Status": record.status,
        "StatefulSetCondition": [],
        "Conditions": [],
        "Reason": record.failure_reason,
    }


def _env(config: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"Name": e.get("Name") or "", "Value": PRIVATE_VALUE if e.get("IsPrivate") else e.get("Value") or "",
         "IsPrivate": bool(e.get("IsPrivate"))}
        for e in config.get("Env") or []
    ]


def _resources(config: dict[str, Any]) -> dict[str, Any]:
    given = config.get("Resources") or {}
    return {
        "Cpu": given.get("Cpu", 0),
        "Memory": given.get("Memory", 0),
        "Gpu": given.get("Gpu", 0),
        "GpuType": given.get("GpuType", ""),
        "RealGpu": given.get("Gpu", 0),
        "RealGpuDetailSet": [],
        "EnableRDMA": bool(given.get("EnableRDMA")),
    }


def _service_limit(config: dict[str, Any]) -> dict[str, Any]:
    limit = config.get("ServiceLimit") or {}
    return {
        "EnableInstanceRpsLimit": bool(limit.get("EnableInstanceRpsLimit")),
        "InstanceRpsLimit": limit.get("InstanceRpsLimit") or 0,
        "EnableInstanceReqLimit": bool(limit.get("EnableInstanceReqLimit")),
        "InstanceReqLimit": limit.get("InstanceReqLimit") or 0,
    }


def service_info(record: Record, group: ServiceGroup, weight: int) -> dict[str, Any]:
    """The ``ServiceInfo`` object: the configuration as accepted, plus replicas and status."""
    c = record.config
    stopped = record.status in STOPPED
    pods = [f"{record.id}-{index}" for index in range(replicas(record))] if record.status == "Normal" else []
    return {
        "Replicas": 0 if stopped else replicas(record),
        "ImageInfo": deep(c["ImageView"]),
        "Env": _env(c),
        "Resources": _resources(c),
        "InstanceType": c.get("InstanceType") or "",
        "ModelInfo": deep(c.get("ModelInfo")),
        "LogEnable": bool(c.get("LogEnable")),
        "LogConfig": deep(c.get("LogConfig")),
        "AuthorizationEnable": group.authorization,
        "HorizontalPodAutoscaler": deep(c.get("HorizontalPodAutoscaler")),
        "Status": workload_status(record),
        "Weight": weight,
        "ResourceTotal": None,
        "OldReplicas": replicas(record) if stopped else 0,
        "HybridBillingPrepaidReplicas": c.get("HybridBillingPrepaidReplicas") or 0,
        "OldHybridBillingPrepaidReplicas": 0,
        "ModelHotUpdateEnable": bool(c.get("ModelHotUpdateEnable")),
        "ScaleMode": c.get("ScaleMode") or "MANUAL",
        "CronScaleJobs": deep(c.get("CronScaleJobs") or []),
        "ScaleStrategy": c.get("ScaleStrategy") or "",
        "ScheduledAction": deep(c.get("ScheduledAction")),
        "PodList": pods,
        "Pods": None,
        "PodInfos": [],
        "ServiceLimit": _service_limit(c),
        "ModelTurboEnable": bool(c.get("ModelTurboEnable")),
        "VolumeMount": deep(c.get("VolumeMount")),
        "InferCodeInfo": None,
        "Command": c["CommandView"],
        "ServiceEIP": deep(c.get("ServiceEIP")),
        "ServicePort": c.get("ServicePort") or 8501,
        "TerminationGracePeriodSeconds": c.get("TerminationGracePeriodSeconds") or 30,
        "PreStopCommand": list(c.get("PreStopCommand") or []),
        "GrpcEnable": bool(c.get("GrpcEnable")),
        "HealthProbe": deep(c.get("HealthProbe")),
        "RollingUpdate": deep(c.get("RollingUpdate")),
        "InstancePerReplicas": c.get("InstancePerReplicas") or 1,
        "VolumeMounts": deep(c.get("VolumeMounts") or []),
        "SchedulingStrategy": c.get("SchedulingStrategy") or "binpack",
        "NodeCount": len(pods),
        "InferTemplateId": c.get("InferTemplateId") or "",
    }


def service(record: Record, group: ServiceGroup, siblings: Sequence[Record]) -> dict[str, Any]:
    """The ``Service`` object; `siblings` are the live services of its group (for weights, versions)."""
    c = record.config
    weight = 100 if siblings and siblings[0].id == record.id else 0
    return {
        "ServiceGroupId": group.id,
        "ServiceId": record.id,
        "ServiceGroupName": group.name,
        "ServiceDescription": c.get("ServiceDescription") or "",
        "ServiceInfo": service_info(record, group, weight),
        "ClusterId": "",
        "Region": record.region,
        "Namespace": f"infer-{UIN}",
        "ChargeType": c["ChargeType"],
        "ResourceGroupId": c.get("ResourceGroupId") or "",
        "ResourceGroupName": "",
        "Tags": deep(record.tags),
        "IngressName": "",
        "CreatedBy": UIN,
        "CreateTime": api_time(record.created),
        "UpdateTime": api_time(record.updated),
        "Uin": UIN,
        "SubUin": UIN,
        "AppId": int(APP_ID),
        "BusinessStatus": business_status(record),
        "ServiceLimit": _service_limit(c),
        "ScheduledAction": deep(c.get("ScheduledAction")),
        "CreateFailedReason": create_failed_reason(record),
        "Status": record.status,
        "BillingInfo": "",
        "Weight": weight,
        "CreateSource": c.get("CreateSource") or "DEFAULT",
        "Version": str(record.version),
        "LatestVersion": str(max(s.version for s in siblings)) if siblings else str(record.version),
        "ResourceGroupSWType": "",
        "ArchiveStatus": "",
        "DeployType": c.get("DeployType") or "STANDARD",
        "InstancePerReplicas": str(c.get("InstancePerReplicas") or 1),
        "MonitorSource": c.get("CreateSource") or "DEFAULT",
        "SubUinName": "emulator",
        "ProjectId": c.get("ProjectId") or "0",
        "ResourceSupplyAttribute": deep(c.get("ResourceSupplyAttribute")),
    }


def service_group(group: ServiceGroup, members: Sequence[Record]) -> dict[str, Any]:
    """The ``ServiceGroup`` object; its status is that of its latest version."""
    latest = members[-1] if members else None
    running = [s for s in members if s.status in RUNNING]
    return {
        "ServiceGroupId": group.id,
        "ServiceGroupName": group.name,
        "CreatedBy": UIN,
        "CreateTime": api_time(group.created),
        "UpdateTime": api_time(max([group.updated, *(s.updated for s in members)])),
        "Uin": UIN,
        "ServiceCount": len(members),
        "RunningServiceCount": len(running),
        "Services": [service(s, group, members) for s in members],
        "Status": latest.status if latest else "",
        "Tags": deep(group.tags),
        "LatestVersion": str(max(s.version for s in members)) if members else "",
        "BusinessStatus": business_status(latest) if latest else "",
        "BillingInfo": "",
        "CreateSource": group.create_source,
        "WeightUpdateStatus": "UPDATED",
        "ReplicasCount": sum(replicas(s) for s in running),
        "AvailableReplicasCount": sum(replicas(s) for s in running if s.status == "Normal"),
        "SubUin": UIN,
        "AppId": int(APP_ID),
        "AuthorizationEnable": group.authorization,
        "AuthTokens": [],
        "MonitorSource": group.create_source,
        "SubUinName": "emulator",
        "GatewayLogConfig": deep(group.gateway_log_config),
        "GatewayConfig": deep(group.gateway_config),
        "SmartRouter": None,
    }


def call_info(group: ServiceGroup) -> dict[str, Any]:
    """DescribeModelServiceCallInfo's answer: the addresses of the group (API gateway form, as in
    Tencent's example) and, while authorization is on, the AppKey/AppSecret pair and the token."""
    host = f"service-{group.id.removeprefix('ms-')}-{APP_ID}"
    domain = f"{group.region}.tencentapigw.com"
    outer = f"https://{host}.{domain}:443/tione"
    auth = group.authorization
    return {
        "ServiceCallInfo": {
            "ServiceGroupId": group.id,
            "InnerHttpAddr": f"http://{host}-in.{domain}:8011/tione",
            "InnerHttpsAddr": f"https://{host}-in.{domain}:9011/tione",
            "OuterHttpAddr": f"http://{host}.{domain}:80/tione",
            "OuterHttpsAddr": outer,
            "AppKey": group.app_key if auth else "",
            "AppSecret": group.app_secret if auth else "",
            "AuthorizationEnable": auth,
        },
        "InferGatewayCallInfo": None,
        "DefaultNginxGatewayCallInfo": None,
        "TJCallInfo": None,
        "IntranetCallInfo": {
            "IngressPrivateLinkInfo": None,
            "ServiceEIPInfo": [],
            "DefaultInnerCallInfos": [],
            "PrivateLinkInfos": [],
            "PrivateLinkInfosV2": [],
        },
        "ServiceCallInfoV2": {
            "ServiceGroupId": group.id,
            "InternetEndpoint": outer,
            "AuthorizationEnable": auth,
            "AuthToken": group.auth_token if auth else "",
            "AuthTokens": [],
            "EnableLimit": False,
            "GrpcHost": "",
            "GatewayConfig": deep(group.gateway_config),
        },
    }
