"""State of the emulated notebooks and training tasks: objects, statuses over time, the store.

`Workloads` holds every object behind one lock and dispatches the 14 workload actions to
`notebooks` and `training`, which hold each kind's rules. Objects live in one region (another
region does not see them); their names are unique per kind and region. Statuses advance with the
injected clock (no thread runs in the background): a transitional status lasts `step_seconds`, a
RUNNING training task becomes SUCCEED after `run_seconds`; the advance is computed whenever an
object is read or acted on, so 0 means the very next request sees the next status.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .apierror import ApiError
from .rules import check_name_format

NOTEBOOK = "Notebook"
TRAINING_TASK = "TrainingTask"
UIN = "100000000001"
"""The one account the emulator serves: Uin, SubUin and Creator of every object."""
APP_ID = "1250000000"

Catalog = Callable[[], Sequence[Mapping[str, Any]]]


@dataclass
class Record:
    """One notebook or training task; `config` holds the accepted request members (secrets included)."""

    kind: str
    id: str
    region: str
    name: str
    status: str
    entered: float
    created: float
    config: dict[str, Any]
    tags: list[dict[str, str]] = field(default_factory=list)
    updated: float = 0.0
    started: float | None = None
    ended: float | None = None
    running_since: float | None = None
    run_before: float = 0.0
    failure_reason: str = ""
    instances: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The ``GET /_emulator/objects`` entry."""
        return {
            "Kind": self.kind,
            "Id": self.id,
            "Name": self.name,
            "Status": self.status,
            "FailureReason": self.failure_reason,
            "Region": self.region,
        }

    def new_run(self) -> None:
        """Record a new pod (notebook) or instance (training task): ``<id>-<12 hex>``."""
        self.instances.append(f"{self.id}-{secrets.token_hex(6)}")

    def runtime(self, now: float) -> int:
        """Seconds spent running, over every run."""
        current = 0.0 if self.running_since is None else max(now - self.running_since, 0.0)
        return int(self.run_before + current)


@dataclass(frozen=True)
class Flow:
    """A kind's statuses: transitional ones and where they lead, the running and the ended ones."""

    statuses: tuple[str, ...]
    next: Mapping[str, str]
    running: str
    ended: frozenset[str]
    run_timed: frozenset[str] = frozenset()


@dataclass
class Context:
    """What an action sees: the store, the request's region and the time of the request."""

    store: Workloads
    region: str
    now: float

    def find(self, kind: str, params: Mapping[str, Any]) -> Record:
        """The object named by ``params["Id"]`` in this region, else ``ResourceNotFound``."""
        return self.store.find(kind, str(params["Id"]), self.region, self.now)

    def check_name(self, kind: str, name: str, code: str, *, exclude: str | None = None) -> None:
        """Name rules: 1-60 characters, letters/digits/CJK/``_``/``-``, unique per kind and region."""
        check_name_format(name)
        for record in self.store.records.values():
            same = (record.kind, record.region, record.name) == (kind, self.region, name)
            if same and record.id != exclude:
                label = "notebook" if kind == NOTEBOOK else "training task"
                raise ApiError(
                    code, f"A {label} named `{name}` already exists in {self.region} ({record.id})."
                )

    def add(
        self, kind: str, name: str, status: str, config: dict[str, Any], tags: list[dict[str, str]]
    ) -> dict[str, Any]:
        """Store a new object of `kind` in `status` now, with its first run; the Create answer."""
        now = self.now
        object_id = self.store.new_id(kind)
        record = Record(kind, object_id, self.region, name, status, now, now, config, tags, updated=now)
        record.new_run()
        self.store.records[record.id] = record
        return {"Id": record.id}

    def enter(self, record: Record, status: str, *, reason: str = "") -> None:
        """Move `record` to `status` now (hooks for running/ended statuses included)."""
        self.store.enter(record, status, self.now, reason=reason)


class Workloads:
    """Every emulated notebook and training task; all methods are safe to call from many threads."""

    def __init__(
        self,
        *,
        catalog: Catalog,
        clock: Callable[[], float] = time.time,
        step_seconds: float = 2.0,
        run_seconds: float = 60.0,
    ) -> None:
        from . import notebooks, training  # the kind modules import this one

        self._lock = threading.Lock()
        self.catalog = catalog
        self.clock = clock
        self.step_seconds = step_seconds
        self.run_seconds = run_seconds
        self.records: dict[str, Record] = {}
        self.flows: dict[str, Flow] = {NOTEBOOK: notebooks.FLOW, TRAINING_TASK: training.FLOW}
        self.actions: dict[str, Callable[[Context, dict[str, Any]], dict[str, Any]]] = {
            **notebooks.ACTIONS,
            **training.ACTIONS,
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
            label = "notebook" if kind == NOTEBOOK else "training task"
            raise ApiError("ResourceNotFound", f"The {label} `{object_id[:80]}` does not exist in {region}.")
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
        prefix = "nb-" if kind == NOTEBOOK else "train-"
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
        """Forget every object; returns how many there were."""
        with self._lock:
            count = len(self.records)
            self.records.clear()
            return count

    def set_timing(self, *, step_seconds: float | None = None, run_seconds: float | None = None) -> None:
        """Change the status durations; objects already in a status keep their entry time."""
        with self._lock:
            if step_seconds is not None:
                self.step_seconds = step_seconds
            if run_seconds is not None:
                self.run_seconds = run_seconds
