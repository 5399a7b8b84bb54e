"""Helpers for the workload tests: request bodies, typed SDK calls, a clock tests move by hand."""

from __future__ import annotations

import json
from typing import Any

from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.tione.v20211111 import models, tione_client

SEED_NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
SEED_URL = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.0"


class Clock:
    """A clock that moves only when told: ``clock.advance(2)``."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def notebook_body(**overrides: Any) -> dict[str, Any]:
    """A valid CreateNotebook request on the seed platform image (pay-as-you-go, cloud disk)."""
    body: dict[str, Any] = {
        "Name": "nb-dev",
        "ChargeType": "POSTPAID_BY_HOUR",
        "ResourceConf": {"InstanceType": "TI.GN10.2XLARGE40.POST"},
        "LogEnable": False,
        "RootAccess": True,
        "AutoStopping": False,
        "DirectInternetAccess": True,
        "VolumeSourceType": "CLOUD_PREMIUM",
        "VolumeSizeInGB": 50,
        "ImageInfo": {"ImageType": "SYSTEM", "ImageUrl": SEED_URL, "ImageName": SEED_NAME},
        "ImageType": "SYSTEM",
        "Tags": [{"TagKey": "team", "TagValue": "ml"}],
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def modify_body(detail: Any, **overrides: Any) -> dict[str, Any]:
    """A ModifyNotebook request that re-sends a described notebook's settings, with `overrides`."""
    body: dict[str, Any] = {
        "Id": detail.Id,
        "Name": detail.Name,
        "ChargeType": detail.ChargeType,
        "ResourceConf": {"InstanceType": detail.ResourceConf.InstanceType},
        "AutoStopping": detail.AutoStopping,
        "DirectInternetAccess": detail.DirectInternetAccess,
        "RootAccess": detail.RootAccess,
        "LogEnable": detail.LogEnable,
        "VolumeSizeInGB": detail.VolumeSizeInGB,
    }
    body.update(overrides)
    return body


def task_body(**overrides: Any) -> dict[str, Any]:
    """A valid CreateTrainingTask request on the seed platform image (DDP, one pay-as-you-go worker)."""
    body: dict[str, Any] = {
        "Name": "finetune",
        "ChargeType": "POSTPAID_BY_HOUR",
        "FrameworkName": "PYTORCH",
        "FrameworkEnvironment": SEED_NAME,
        "TrainingMode": "DDP",
        "ResourceConfigInfos": [
            {"Role": "WORKER", "InstanceType": "TI.GN10.2XLARGE40.POST", "InstanceNum": 2}
        ],
        "StartCmdInfo": {"StartCmd": "torchrun train.py"},
        "Output": {"Bucket": "my-bucket-1250000000", "Region": "ap-guangzhou", "Paths": ["out/"]},
        "Tags": [{"TagKey": "team", "TagValue": "ml"}],
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def call(client: tione_client.TioneClient, action: str, **params: Any) -> Any:
    """Call `action` through the SDK's typed method (request and response models of the SDK)."""
    request = getattr(models, f"{action}Request")()
    request.from_json_string(json.dumps(params))
    return getattr(client, action)(request)


def error_code(client: tione_client.TioneClient, action: str, **params: Any) -> tuple[str, str]:
    """(code, message) of the error `action` answers; AssertionError if it succeeds."""
    try:
        call(client, action, **params)
    except TencentCloudSDKException as e:
        return str(e.code), str(e.message)
    raise AssertionError(f"{action} succeeded")


def service_body(**overrides: Any) -> dict[str, Any]:
    """A valid CreateModelService request: a new group on a custom CCR image, pay-as-you-go, one replica."""
    body: dict[str, Any] = {
        "ServiceGroupName": "infer-demo",
        "ChargeType": "POSTPAID_BY_HOUR",
        "InstanceType": "TI.S.MEDIUM.POST",
        "ImageInfo": {"ImageType": "CCR", "ImageUrl": "ccr.ccs.tencentyun.com/me/infer:1",
                      "RegistryRegion": "ap-guangzhou"},
        "ScaleMode": "MANUAL",
        "Replicas": 1,
        "Tags": [{"TagKey": "team", "TagValue": "ml"}],
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}
