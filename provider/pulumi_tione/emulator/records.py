"""The emulator's workload record and flow types, shared by ``workloads`` (the store) and the kind
modules ``notebooks``/``training`` (the rules), which import this module and not each other.

``KINDS`` describes each kind once (label for messages, Id prefix); ``Store`` is what an action
needs of the store, so this module does not import it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .apierror import ApiError
from .rules import check_name_format

NOTEBOOK = "Notebook"
TRAINING_TASK = "TrainingTask"
MODEL_SERVICE = "ModelService"
UIN = "100000000001"
"""The one account the emulator serves: Uin, SubUin and Creator of every object."""
APP_ID = "1250000000"

Catalog = Callable[[], Sequence[Mapping[str, Any]]]


@dataclass(frozen=True)
class KindInfo:
    """How one kind is named: in messages (``label``) and in its Ids (``id_prefix``)."""

    label: str
    id_prefix: str


KINDS: dict[str, KindInfo] = {
    NOTEBOOK: KindInfo("notebook", "nb-"),
    TRAINING_TASK: KindInfo("training task", "train-"),
    MODEL_SERVICE: KindInfo("model service", "ms-"),
}


class Store(Protocol):
    """What an action needs of the store (``workloads.Workloads``)."""

    records: dict[str, Record]
    groups: dict[str, ServiceGroup]
    catalog: Catalog

    def find(self, kind: str, object_id: str, region: str, now: float) -> Record:
        """A live object, or ``ResourceNotFound``."""

    def in_region(self, kind: str, region: str, now: float) -> list[Record]:
        """Every live object of a kind in a region."""

    def enter(self, record: Record, status: str, at: float, *, reason: str = "") -> None:
        """Put a record in a status."""

    def new_id(self, kind: str) -> str:
        """A fresh Id."""


@dataclass
class Record:
    """One notebook, training task or model service; `config` holds the accepted request members
    (secrets included). A model service also has its group (`group`) and version number."""

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
    group: str = ""
    version: int = 0

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


@dataclass
class ServiceGroup:
    """A model service group: its name, tags and gateway settings, its authorization and the
    credentials that go with it, and the last version number handed out."""

    id: str
    region: str
    name: str
    created: float
    tags: list[dict[str, str]]
    authorization: bool = False
    app_key: str = ""
    app_secret: str = ""
    auth_token: str = ""
    gateway_config: dict[str, Any] | None = None
    gateway_log_config: dict[str, Any] | None = None
    create_source: str = "DEFAULT"
    last_version: int = 0
    updated: float = 0.0

    def enable_authorization(self, enable: bool) -> None:
        """Switch authorization; the key pair and token are made the first time it is on, then kept."""
        self.authorization = enable
        if enable and not self.app_key:
            self.app_key = "APID" + secrets.token_urlsafe(27)[:36]
            self.app_secret = secrets.token_urlsafe(30)[:40]
            self.auth_token = secrets.token_hex(16)


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

    store: Store
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
                label = KINDS[kind].label
                raise ApiError(code, f"A {label} named `{name}` already exists in {self.region} "
                               f"({record.id}).")

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
