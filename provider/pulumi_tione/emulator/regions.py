"""The regions the emulator serves: TI-ONE's public regions; any other answers ``UnsupportedRegion``.

Neither tccli nor the Python SDK ships a per-product region list (checked: tccli 3.1.189.1, SDK
3.1.195; ``tccli/services/tione/v20211111/api.json`` names only example regions), so the list is
compiled by hand from Tencent Cloud's public descriptions of where TI-ONE runs; it could not be
checked against a live account. A user whose account sees another region adds it with
``EmulatorOptions(extra_regions=...)`` / ``--accept-region``.
"""

from __future__ import annotations

TIONE_REGIONS: tuple[str, ...] = (
    "ap-beijing",
    "ap-chongqing",
    "ap-guangzhou",
    "ap-hongkong",
    "ap-jakarta",
    "ap-nanjing",
    "ap-shanghai",
    "ap-shanghai-adc",
    "ap-shanghai-fsi",
    "ap-shenzhen-fsi",
    "ap-singapore",
    "ap-tokyo",
    "eu-frankfurt",
    "na-siliconvalley",
)
"""TI-ONE regions as of 2025 (public cloud, financial zones ``-fsi`` and the autonomous-driving
region ``ap-shanghai-adc`` that catalog entries with ``RegionScope: autonomous`` refer to)."""
