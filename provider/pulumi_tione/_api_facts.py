"""Facts of TI-ONE's API that the emulator enforces and preview checks, each written once here.

The emulator (``emulator.notebooks``/``emulator.training``) answers a request that breaks one with
TI-ONE's error code; preview (``workloads.validate``) reports it on the argument, in the user's
spelling. Both import the fact from here, so they cannot drift apart (the agreement test,
tests/emulator/test_preview_agrees_with_emulator.py, holds what they say to each other). This
module imports nothing: the emulator stays standalone.
"""

from __future__ import annotations

__all__ = ["TIONE_REGIONS", "prepaid_compute_complete"]


def prepaid_compute_complete(cpu: int | None, memory: int | None) -> bool:
    """Whether a prepaid notebook or training role names its compute: ``Cpu`` (1/1000 cores) and
    ``Memory`` (MB) both given and greater than 0.

    Source: api.json's ``ResourceConf``/``ResourceConfigInfo`` docs ("for prepaid", "needed with a
    resource group"); TI-ONE answers ``InvalidParameterValue.ResourceConfigIllegal`` otherwise. A
    share of 0 cores or 0 MB is no share of the resource group: 0 counts as not given.
    """
    return (cpu or 0) > 0 and (memory or 0) > 0


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
"""TI-ONE regions as of 2025, compiled by hand (tccli and the SDK ship no per-product list; see
``emulator.regions``): public cloud, financial zones ``-fsi`` and the autonomous-driving region
``ap-shanghai-adc`` that catalog entries with ``RegionScope: autonomous`` refer to. The emulator
serves exactly these (plus ``--accept-region``); preview takes them as served without asking and
asks the endpoint about any other, so a region TI-ONE opens later is never refused by this list."""
