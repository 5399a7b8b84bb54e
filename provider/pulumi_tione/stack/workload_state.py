"""The state documents of the workload kinds: moved to ``core.workload_state``.

This path stays importable with the same names (docs and 0.2 code name it).
"""

from pulumi_tione.core.workload_state import (
    NOTEBOOK_TYPE,
    STATUS_OUTPUTS,
    TRAINING_TASK_TYPE,
    NotebookDocument,
    TrainingTaskDocument,
    WorkloadDocument,
)

__all__ = [
    "NOTEBOOK_TYPE",
    "STATUS_OUTPUTS",
    "TRAINING_TASK_TYPE",
    "NotebookDocument",
    "TrainingTaskDocument",
    "WorkloadDocument",
]
