"""State of the emulated notebooks, training tasks and model services: objects, statuses over time.

`Workloads` holds every object (and the model service groups) behind one lock and dispatches the
23 workload actions to `notebooks`, `training` and `services`, which hold each kind's rules.
Objects live in one region (another region does not see them); their names are unique per kind
and region (a model service's name is its group's). Statuses advance with the injected clock (no
thread runs in the background): a transitional status lasts `step_seconds`, a RUNNING training
task becomes SUCCEED after `run_seconds`; the advance is computed whenever an object is read or
acted on, so 0 means the very next request sees the next status.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from . import notebooks, services, training
from .apierror import ApiError
from .records import (
    APP_ID,
    KINDS,
    MODEL_SERVICE,
    NOTEBOOK,
    TRAINING_TASK,
    UIN,
    Catalog,
    Context,
    Flow,
    Record,
    ServiceGroup,
)

__all__ = ["APP_ID", "MODEL_SERVICE", "NOTEBOOK", "TRAINING_TASK", "UIN", "Catalog", "Context", "Flow",
           "Record", "ServiceGroup", "Workloads"]


class Workloads:
    """Every emulated notebook, training task and model service (with the service groups); all methods
    are safe to call from many threads."""

    def __init__(
        self,
        *,
        catalog: Catalog,
        clock: Callable[[], float] = time.time,
        step_seconds: float = 2.0,
        run_seconds: float = 60.0,
    ) -> None:
        self._lock = threading.Lock()
        self.catalog = catalog
        self.clock = clock
        self.step_seconds = step_seconds
        self.run_seconds = run_seconds
        self.records: dict[str, Record] = {}
        self.groups: dict[str, ServiceGroup] = {}
        self.flows: dict[str, Flow] = {
            NOTEBOOK: notebooks.FLOW,
            TRAINING_TASK: training.FLOW,
            MODEL_SERVICE: services.FLOW,
        }
        self.actions: dict[str, Callable[[Context, dict[str, Any]], dict[str, Any]]] = {
            **notebooks.ACTIONS,
            **training.ACTIONS,
            **services.ACTIONS,
        }

    def call(self, action: str, params: dict[str, Any], region: str) -> dict[str, Any]:
        """Run one workload action (params already checked against its definition)."""
        with self._lock:
            context = Context(self, region, self.clock())
            return self.actions[action](context, params)

    def find(self, kind: str, object_id: str, region: str, now: float) -> Record:
        """A live object of `kind` in `region`, advanced to `now`; ``ResourceNotFound`` otherwise."""
        record = self.records.get(object_id)
        if record is None or record.kind != kind or record.region != region:
            raise ApiError("ResourceNotFound",
                           f"The {KINDS[kind].label} `{object_id[:80]}` does not exist in {region}.")
        self.advance(record, now)
        return record

    def in_region(self, kind: str, region: str, now: float) -> list[Record]:
        """Every live object of `kind` in `region`, advanced to `now`, in creation order."""
        found = [r for r in self.records.values() if r.kind == kind and r.region == region]
        for record in found:
            self.advance(record, now)
        return found

    def advance(self, record: Record, now: float) -> None:
        """Apply every timed transition that is due at `now` (a bounded walk: flows are acyclic)."""
        flow = self.flows[record.kind]
        for _ in range(len(flow.statuses)):
            target = flow.next.get(record.status)
            if target is None:
                return
            duration = self.run_seconds if record.status in flow.run_timed else self.step_seconds
            due = record.entered + duration
            if now < due:
                return
            self.enter(record, target, due)

    def enter(self, record: Record, status: str, at: float, *, reason: str = "") -> None:
        """Put `record` in `status` as of `at`: StartTime on running, EndTime on ended, run time kept."""
        flow = self.flows[record.kind]
        was_ended = record.status in flow.ended
        if record.running_since is not None and status != flow.running:
            record.run_before += max(at - record.running_since, 0.0)
            record.running_since = None
        if status == flow.running and record.running_since is None:
            record.running_since = record.started = at
        if status in flow.ended:
            record.ended = record.ended if was_ended and record.ended is not None else at
        else:
            record.ended = None
        record.status, record.entered, record.updated = status, at, at
        record.failure_reason = reason

    def new_id(self, kind: str) -> str:
        """A fresh Id in TI-ONE's shape: ``nb-`` or ``train-`` and 19 digits."""
        prefix = KINDS[kind].id_prefix
        while True:
            candidate = prefix + str(1_000_000_000_000_000_000 + uuid.uuid4().int % 9_000_000_000_000_000_000)
            if candidate not in self.records:
                return candidate

    def objects(self) -> list[dict[str, Any]]:
        """Every live object (``GET /_emulator/objects``), advanced to now, in creation order."""
        with self._lock:
            now = self.clock()
            for record in self.records.values():
                self.advance(record, now)
            return [r.summary() for r in self.records.values()]

    def force_status(self, object_id: str, status: str, reason: str = "") -> dict[str, Any]:
        """Put an object in `status` now (``POST /_emulator/status``); KeyError/ValueError if invalid."""
        with self._lock:
            record = self.records.get(object_id)
            if record is None:
                raise KeyError(object_id)
            flow = self.flows[record.kind]
            if status not in flow.statuses:
                raise ValueError(
                    f"{status!r} is not a {record.kind} status; use one of {', '.join(flow.statuses)}"
                )
            now = self.clock()
            self.advance(record, now)
            self.enter(record, status, now, reason=reason)
            return record.summary()

    def clear(self) -> int:
        """Forget every object (and every model service group); returns how many objects there were."""
        with self._lock:
            count = len(self.records)
            self.records.clear()
            self.groups.clear()
            return count

    def set_timing(self, *, step_seconds: float | None = None, run_seconds: float | None = None) -> None:
        """Change the status durations; objects already in a status keep their entry time."""
        with self._lock:
            if step_seconds is not None:
                self.step_seconds = step_seconds
            if run_seconds is not None:
                self.run_seconds = run_seconds
