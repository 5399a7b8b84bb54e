"""Moved to ``pulumi_tione.drift`` (above both adapters, it reads dynamic and native state).

This 0.2 path stays importable with the same names. It is a compatibility alias only: nothing in
the package imports it (tests/test_layers.py holds that).
"""

from pulumi_tione.drift import (
    DRIFT_STATUSES,
    IMAGE_TYPE,
    IMAGES_TYPE,
    DriftReport,
    DriftStatus,
    PinnedResource,
    ResourceDrift,
    check,
    parse_export,
)

__all__ = [
    "DRIFT_STATUSES",
    "IMAGES_TYPE",
    "IMAGE_TYPE",
    "DriftReport",
    "DriftStatus",
    "PinnedResource",
    "ResourceDrift",
    "check",
    "parse_export",
]
