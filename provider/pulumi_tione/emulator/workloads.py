"""State of the emulated notebooks and training tasks, and the rules both kinds share.

`Workloads` holds every object behind one lock and dispatches the 14 workload actions to
`notebooks` and `training`, which hold each kind's rules. Objects live in one region (another
region does not see them); their names are unique per kind and region. Statuses advance with the
injected clock (no thread runs in the background): a transitional status lasts `step_seconds`, a
RUNNING training task becomes SUCCEED after `run_seconds`; the advance is computed whenever an
object is read or acted on, so 0 means the very next request sees the next status.
"""

from __future__ import annotations

import copy
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .apierror import ApiError, invalid_value

NOTEBOOK = "Notebook"
TRAINING_TASK = "TrainingTask"
UIN = "100000000001"
"""The one account the emulator serves: Uin, SubUin and Creator of every object."""
APP_ID = "1250000000"
NAME_MAX = 60
NAME_RE = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]*")
MAX_TAGS = 50
IMAGE_URL_RE = re.compile(r"[^\s]{1,512}")

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


def check_name_format(name: str) -> None:
    """``InvalidParameterValue.ParamLengthExceedLimit`` over 60 characters, ``.BadName`` for others."""
    if len(name) > NAME_MAX:
        raise invalid_value(
            "Name",
            name,
            f"it has {len(name)} characters, at most {NAME_MAX} are allowed",
            "InvalidParameterValue.ParamLengthExceedLimit",
        )
    if not NAME_RE.fullmatch(name):
        raise invalid_value(
            "Name",
            name,
            "use letters, digits, Chinese characters, `_` and `-`, starting with a letter, "
            "digit or Chinese character",
            "InvalidParameterValue.BadName",
        )


def check_enum(name: str, value: str, allowed: Iterable[str]) -> str:
    """`value` if it is one of `allowed`, else ``InvalidParameterValue`` listing them."""
    options = tuple(allowed)
    if value not in options:
        raise invalid_value(name, value, "valid values are " + ", ".join(options))
    return value


def check_length(name: str, value: str | None, limit: int) -> None:
    """``InvalidParameterValue.ParamLengthExceedLimit`` when `value` is longer than `limit` characters."""
    if value is not None and len(value) > limit:
        raise invalid_value(
            name,
            value,
            f"it has {len(value)} characters, at most {limit} are allowed",
            "InvalidParameterValue.ParamLengthExceedLimit",
        )


def check_tags(tags: list[dict[str, str]] | None) -> list[dict[str, str]]:
    """At most 50 tags, each key once; returns a copy."""
    tags = tags or []
    if len(tags) > MAX_TAGS:
        raise invalid_value(
            "Tags",
            f"{len(tags)} tags",
            f"at most {MAX_TAGS} tags are allowed",
            "InvalidParameterValue.LimitExceeded",
        )
    keys = [tag["TagKey"] for tag in tags]
    for index, key in enumerate(keys):
        if not key:
            raise invalid_value(f"Tags.{index}.TagKey", key, "a tag key must not be empty")
        if key in keys[:index]:
            raise invalid_value(f"Tags.{index}.TagKey", key, "each tag key may appear once")
    return [{"TagKey": t["TagKey"], "TagValue": t["TagValue"]} for t in tags]


def check_log(params: Mapping[str, Any]) -> None:
    """``LogEnable: true`` needs a ``LogConfig`` (``InvalidParameterValue.ClsConfigRequired``)."""
    if params.get("LogEnable") and not params.get("LogConfig"):
        raise ApiError(
            "InvalidParameterValue.ClsConfigRequired",
            "LogEnable is true but LogConfig {LogsetId, TopicId} is missing: set the CLS "
            "logset and topic to ship the logs to, or set LogEnable to false.",
        )


def check_image_url(where: str, url: str) -> None:
    """A non-empty image address without blanks (``InvalidParameterValue.ImageAddressIllegal``)."""
    if not IMAGE_URL_RE.fullmatch(url):
        raise invalid_value(
            where,
            url,
            "an image address is a registry path such as "
            "`ccr.ccs.tencentyun.com/ns/repo:tag`, without blanks",
            "InvalidParameterValue.ImageAddressIllegal",
        )


def custom_image_view(info: Mapping[str, Any]) -> dict[str, Any]:
    """How Describe reports a custom ``ImageInfo``: as given, blanks filled, ``ImageSecret`` null."""
    return {
        "ImageType": info["ImageType"],
        "ImageUrl": info["ImageUrl"],
        "RegistryRegion": info.get("RegistryRegion") or "",
        "RegistryId": info.get("RegistryId") or "",
        "ImageName": info.get("ImageName") or "",
        "ImageSecret": None,
    }


def api_time(moment: float | None) -> str | None:
    """TI-ONE's timestamp form, China time: ``2024-11-14T17:22:16+08``."""
    if moment is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+08", time.gmtime(moment + 8 * 3600))


def deep(value: Any) -> Any:
    """A deep copy, so answers never share structure with the state."""
    return copy.deepcopy(value)


@dataclass(frozen=True)
class ListSpec:
    """How a Describe...s action pages, orders and filters one kind."""

    default_limit: int
    max_limit: int
    filters: Mapping[str, Callable[[Record], list[str]]]
    order_fields: Mapping[str, Callable[[Record], float]]
    status_key: str = "Status"
    charge_status_key: str = "ChargeStatus"


def list_page(records: list[Record], params: Mapping[str, Any], spec: ListSpec) -> tuple[int, list[Record]]:
    """Filter, order and page `records` the way ``Describe...s`` does; returns (TotalCount, page)."""
    offset = params.get("Offset", 0)
    limit = params.get("Limit", spec.default_limit)
    if offset < 0:
        raise invalid_value("Offset", offset, "it must be greater than or equal to 0")
    if limit < 0:
        raise invalid_value("Limit", limit, f"it must be between 0 and {spec.max_limit}")
    if limit > spec.max_limit:
        raise invalid_value(
            "Limit",
            limit,
            f"it must be between 0 and {spec.max_limit}",
            "InvalidParameterValue.PageLimitExceeded",
        )
    order = check_enum("Order", params.get("Order", "DESC"), ("ASC", "DESC"))
    order_field = check_enum("OrderField", params.get("OrderField", "UpdateTime"), spec.order_fields)
    _check_filters(params, spec)
    matched = [r for r in records if _matches_all(r, params, spec)]
    key = spec.order_fields[order_field]
    matched.sort(key=lambda r: (key(r), r.created), reverse=order == "DESC")
    return len(matched), matched[offset : offset + limit]


def _check_filters(params: Mapping[str, Any], spec: ListSpec) -> None:
    filters = params.get("Filters") or []
    names = {f.get("Name") for f in filters}
    if spec.status_key in names and spec.charge_status_key in names:
        raise ApiError(
            "InvalidParameter.FilterKeyStatusConflictWithChargeStatus",
            f"The filters `{spec.status_key}` and `{spec.charge_status_key}` cannot be used together.",
        )
    for index, flt in enumerate(filters):
        if flt.get("Name") not in spec.filters:
            raise invalid_value(
                f"Filters.{index}.Name",
                flt.get("Name"),
                "supported names are " + ", ".join(spec.filters),
                "InvalidParameterValue.InvalidFilter",
            )
        if not flt.get("Values"):
            raise invalid_value(
                f"Filters.{index}.Values",
                flt.get("Values"),
                "give at least one value",
                "InvalidParameterValue.InvalidFilter",
            )
    for index, tag_filter in enumerate(params.get("TagFilters") or []):
        if not tag_filter.get("TagKey"):
            raise invalid_value(
                f"TagFilters.{index}.TagKey",
                tag_filter.get("TagKey"),
                "give the tag key to filter on",
                "InvalidParameterValue.InvalidFilter",
            )


def _matches_all(record: Record, params: Mapping[str, Any], spec: ListSpec) -> bool:
    for flt in params.get("Filters") or []:
        values, fields = flt["Values"], spec.filters[flt["Name"]](record)
        if flt.get("Fuzzy"):
            hit = any(v.lower() in f.lower() for v in values for f in fields)
        else:
            hit = any(v in fields for v in values)
        if hit is bool(flt.get("Negative")):
            return False
    for tag_filter in params.get("TagFilters") or []:
        wanted = tag_filter.get("TagValues") or []
        values = [t["TagValue"] for t in record.tags if t["TagKey"] == tag_filter["TagKey"]]
        if not values or (wanted and not set(values) & set(wanted)):
            return False
    return True


def platform_image(
    catalog: Sequence[Mapping[str, Any]], *, url: str | None = None, name: str | None = None
) -> Mapping[str, Any] | None:
    """The catalog entry with this ImageUrl and/or ImageName (all given ones must match), else None."""
    for entry in catalog:
        if (url is None or entry.get("ImageUrl") == url) and (name is None or entry.get("ImageName") == name):
            return entry
    return None


def not_allowed(label: str, object_id: str, status: str, action: str, allowed: Iterable[str]) -> ApiError:
    """``FailedOperation.NotAllow``: `action` is refused in `status`; says which statuses allow it."""
    return ApiError(
        "FailedOperation.NotAllow",
        f"The {label} `{object_id}` is {status}: {action} is allowed only when it is "
        + " or ".join(allowed)
        + ".",
    )
