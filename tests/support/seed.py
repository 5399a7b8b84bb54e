"""Facts of the bundled catalog and the repository that many tests assert on."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
SEED_ID = "35551e3c-b0e3-40dc-8e91-cc10a5613cd3"
SEED_URL = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.0"
SEED_INFO = {"ImageType": "TCR", "ImageUrl": SEED_URL, "RegistryRegion": "ap-guangzhou",
             "RegistryId": "tcr-11a91442"}
IMAGE = "pulumi-python:dynamic/tione:PlatformImage"
IMAGES = "pulumi-python:dynamic/tione:PlatformImages"
