"""Moved to ``pulumi_tione.drift.workloads``; this 0.2 path stays importable (an alias only)."""

from pulumi_tione.drift.workloads import (
    WorkloadFinding,
    check_workload,
)

__all__ = [
    "WorkloadFinding",
    "check_workload",
]
