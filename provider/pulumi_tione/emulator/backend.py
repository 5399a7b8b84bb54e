"""State and rules of the TI-ONE emulator (the moto "models" half), on raw dicts in API field names.

`Backend` holds the catalog, the key pair, the regions served, the per-SecretId rate limiter, the
seeded fault injector (errors before an action, lost responses after one) and the request
statistics, all behind one lock; `describe_platform_images` implements the action's parameter
checks and filter semantics and raises `ApiError` with the cloud's own error codes. Notebooks and
training tasks live in `workloads` (`Backend.workloads`).
"""

from __future__ import annotations

import copy
import functools
import json
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from .apierror import ApiError, invalid_type, invalid_value, type_name, unknown
from .regions import TIONE_REGIONS
from .workloads import Workloads

API_VERSION = "2021-11-11"
PAGE_CAP = 100
"""DescribePlatformImages answers at most this many images a page, whatever Limit asks (the doc's
own example asks 200; its default is 100)."""
DEFAULT_LIMIT = 100
FILTER_NAMES = ("ImageId", "ImageName", "SupportDataPipeline", "AllowSaveAllContent", "ImageRange")
IMAGE_RANGES = ("Train", "Inference", "Notebook")
FAULT_KINDS = ("InternalError", "http_503", "dropped")

_STR_FIELDS = (
    "Framework",
    "ImageType",
    "ImageUrl",
    "RegistryRegion",
    "RegistryId",
    "ImageName",
    "FrameworkVersion",
    "Description",
    "RegionScope",
)
_STR_LIST_FIELDS = ("SupportGpuList", "ImageRange")


def parse_catalog(document: Any, source: str) -> list[dict[str, Any]]:
    """Validate a catalog document and return its entries (deep-copied).

    Accepts a JSON array of PlatformImageInfo objects, or an object with a ``PlatformImageInfos``
    array (other keys, e.g. ``TotalCount``/``RequestId`` of a saved tccli answer, are ignored).
    Raises ValueError naming `source` and the first problem found.
    """
    entries = document.get("PlatformImageInfos") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise ValueError(
            f"{source}: a catalog must be a JSON array of PlatformImageInfo objects "
            'or an object {"PlatformImageInfos": [...]}'
        )
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{source}: entry {index}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: must be an object, got {type_name(entry)}")
        image_id = entry.get("ImageId")
        if not isinstance(image_id, str) or not image_id:
            raise ValueError(f"{where}: ImageId must be a non-empty string")
        if image_id in seen:
            raise ValueError(f"{where}: duplicate ImageId {image_id!r}")
        seen.add(image_id)
        _check_entry_fields(entry, f"{where} ({image_id})")
    return copy.deepcopy(entries)


def _check_entry_fields(entry: dict[str, Any], where: str) -> None:
    for key in _STR_FIELDS:
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise ValueError(f"{where}: {key} must be a string or null")
    for key in _STR_LIST_FIELDS:
        value = entry.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ValueError(f"{where}: {key} must be a list of strings or null")
    if entry.get("SupportDistributedDeploy") is not None and not isinstance(
        entry["SupportDistributedDeploy"], bool
    ):
        raise ValueError(f"{where}: SupportDistributedDeploy must be a boolean or null")
    attributes = entry.get("ExtraAttributes")
    if attributes is None:
        return
    if not isinstance(attributes, list):
        raise ValueError(f"{where}: ExtraAttributes must be a list or null")
    for attribute in attributes:
        if not isinstance(attribute, dict) or not isinstance(attribute.get("Key"), str):
            raise ValueError(f"{where}: each ExtraAttributes item must be an object with a string Key")
        values = attribute.get("Values")
        if values is not None and not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
            raise ValueError(f"{where}: ExtraAttributes {attribute['Key']}.Values must be strings")


def load_catalog(path: str | Path) -> list[dict[str, Any]]:
    """Read and validate a catalog file; raises ValueError naming the file and the problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read catalog file: {e}") from e
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON: {e}") from e
    return parse_catalog(document, str(path))


@functools.cache
def _bundled() -> tuple[dict[str, Any], ...]:
    text = resources.files(__package__).joinpath("catalog.json").read_text(encoding="utf-8")
    return tuple(parse_catalog(json.loads(text), "bundled catalog.json"))


def bundled_catalog() -> list[dict[str, Any]]:
    """A deep copy of the catalog shipped with the package (``catalog.json``)."""
    return copy.deepcopy(list(_bundled()))


def _attribute(entry: dict[str, Any], key: str) -> str:
    for attribute in entry.get("ExtraAttributes") or []:
        if attribute.get("Key") == key:
            return str(attribute.get("Value") or "false")
    return "false"


def _field_values(entry: dict[str, Any], name: str) -> list[str]:
    if name in ("ImageId", "ImageName"):
        value = entry.get(name)
        return [value] if isinstance(value, str) else []
    if name == "ImageRange":
        return list(entry.get("ImageRange") or [])
    return [_attribute(entry, name)]


def _validate_filters(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise invalid_type("Filters", "Array of Filter", raw)
    filters = []
    for index, item in enumerate(raw):
        where = f"Filters.{index}"
        if not isinstance(item, dict):
            raise invalid_type(where, "Filter", item)
        for key in item:
            if key not in ("Name", "Values", "Negative", "Fuzzy"):
                raise unknown(f"{where}.{key}")
        name = item.get("Name")
        if name is None:
            raise ApiError("MissingParameter", f"The request is missing a required parameter `{where}.Name`.")
        if not isinstance(name, str):
            raise invalid_type(f"{where}.Name", "String", name)
        if name not in FILTER_NAMES:
            raise invalid_value(f"{where}.Name", name, "supported names are " + ", ".join(FILTER_NAMES))
        values = item.get("Values")
        if values is not None and not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
            raise invalid_type(f"{where}.Values", "Array of String", values)
        if not values:
            raise ApiError(
                "InvalidParameterValue", f"The parameter `{where}.Values` must contain at least one value."
            )
        for flag in ("Negative", "Fuzzy"):
            if item.get(flag) is not None and not isinstance(item[flag], bool):
                raise invalid_type(f"{where}.{flag}", "Boolean", item[flag])
        if name == "ImageRange":
            for value in values:
                if value not in IMAGE_RANGES:
                    why = "ImageRange supports " + ", ".join(IMAGE_RANGES)
                    raise invalid_value(f"{where}.Values", value, why)
        filters.append(
            {
                "Name": name,
                "Values": values,
                "Negative": bool(item.get("Negative")),
                "Fuzzy": bool(item.get("Fuzzy")),
            }
        )
    return filters


def _matches(entry: dict[str, Any], flt: dict[str, Any]) -> bool:
    fields = _field_values(entry, flt["Name"])
    if flt["Fuzzy"]:
        wanted = [v.lower() for v in flt["Values"]]
        hit = any(w in f.lower() for w in wanted for f in fields)
    else:
        hit = any(v in fields for v in flt["Values"])
    return hit is not flt["Negative"]


def _int_param(params: dict[str, Any], name: str, default: int) -> int:
    value = params.get(name)
    if value is None:
        return default
    if type(value) is not int:
        raise invalid_type(name, "Integer", value)
    return value


class Backend:
    """The emulator's shared state; every method is safe to call from many threads at once."""

    def __init__(
        self,
        *,
        catalog: list[dict[str, Any]],
        credentials: dict[str, str],
        token: str | None = None,
        clock_skew_s: int = 300,
        latency_ms: float = 0.0,
        error_rate: float = 0.0,
        rate_limit: int = 20,
        seed: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        regions: tuple[str, ...] = TIONE_REGIONS,
        lost_response_rate: float = 0.0,
        step_seconds: float = 2.0,
        run_seconds: float = 60.0,
        workload_clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.Lock()
        self._catalog: tuple[dict[str, Any], ...] = tuple(parse_catalog(catalog, "catalog"))
        self._credentials = dict(credentials)
        self.token = token
        self.clock_skew_s = clock_skew_s
        self._clock = clock
        self._windows: dict[tuple[str, str], deque[float]] = {}
        self._rng = random.Random(seed)
        self._total = 0
        self._actions: dict[str, dict[str, int]] = {}
        self._faults = dict.fromkeys(FAULT_KINDS, 0)
        self._throttled = 0
        self._lost = 0
        self.regions = frozenset(regions)
        self.latency_ms = 0.0
        self.error_rate = 0.0
        self.rate_limit = 0
        self.lost_response_rate = 0.0
        self.set_faults(latency_ms=latency_ms, error_rate=error_rate, rate_limit=rate_limit,
                        lost_response_rate=lost_response_rate)
        self.workloads = Workloads(catalog=self.catalog, clock=workload_clock, step_seconds=step_seconds,
                                   run_seconds=run_seconds)

    def catalog(self) -> tuple[dict[str, Any], ...]:
        """The current catalog (shared, never mutate it)."""
        return self._catalog

    def secret_key(self, secret_id: str) -> str | None:
        """The secret key of a known SecretId, else None."""
        return self._credentials.get(secret_id)

    def set_catalog(self, entries: Any, source: str = "catalog") -> int:
        """Validate and atomically replace the catalog; returns the new entry count (ValueError if bad)."""
        parsed = tuple(parse_catalog(entries, source))
        with self._lock:
            self._catalog = parsed
        return len(parsed)

    def set_faults(
        self,
        *,
        latency_ms: float | None = None,
        error_rate: float | None = None,
        rate_limit: int | None = None,
        seed: int | None = None,
        lost_response_rate: float | None = None,
    ) -> None:
        """Change fault injection and rate limiting at run time; None leaves a setting unchanged."""
        check_number("latency_ms", latency_ms, upper=None)
        check_number("error_rate", error_rate)
        check_number("lost_response_rate", lost_response_rate)
        if rate_limit is not None and (type(rate_limit) is not int or rate_limit < 0):
            raise ValueError(f"rate_limit must be an integer >= 0 (0 = unlimited), got {rate_limit!r}")
        if seed is not None and type(seed) is not int:
            raise ValueError(f"seed must be an integer, got {seed!r}")
        with self._lock:
            if lost_response_rate is not None:
                self.lost_response_rate = float(lost_response_rate)
            if latency_ms is not None:
                self.latency_ms = float(latency_ms)
            if error_rate is not None:
                self.error_rate = float(error_rate)
            if rate_limit is not None:
                self.rate_limit = int(rate_limit)
                self._windows.clear()
            if seed is not None:
                self._rng = random.Random(seed)

    def draw_fault(self) -> str | None:
        """With probability `error_rate`, one of FAULT_KINDS (counted in the stats); else None."""
        with self._lock:
            if self.error_rate <= 0.0 or self._rng.random() >= self.error_rate:
                return None
            kind = self._rng.choice(FAULT_KINDS)
            self._faults[kind] += 1
            return kind

    def draw_lost_response(self) -> bool:
        """With probability `lost_response_rate`, True: drop the answer of an action that took effect."""
        with self._lock:
            if self.lost_response_rate <= 0.0 or self._rng.random() >= self.lost_response_rate:
                return False
            self._lost += 1
            return True

    def throttle(self, secret_id: str, action: str) -> None:
        """Count one request against the 1-second sliding window of (SecretId, action), as Tencent Cloud
        limits each API per account; ``RequestLimitExceeded`` when the window is full."""
        with self._lock:
            if self.rate_limit <= 0:
                return
            now = self._clock()
            window = self._windows.setdefault((secret_id, action), deque())
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= self.rate_limit:
                self._throttled += 1
                raise ApiError(
                    "RequestLimitExceeded",
                    f"Your current request times equals to `{len(window) + 1}` in a second, which "
                    f"exceeds the frequency limit `{self.rate_limit}` for a second. "
                    "Please reduce the frequency of calls.",
                )
            window.append(now)

    def record(self, action: str, outcome: str | None) -> None:
        """Count one API request; `outcome` is "ok", an error code, or None (no envelope was sent)."""
        with self._lock:
            self._total += 1
            if outcome is not None:
                counts = self._actions.setdefault(action, {})
                counts[outcome] = counts.get(outcome, 0) + 1

    def stats(self) -> dict[str, Any]:
        """The ``GET /_emulator/stats`` document."""
        with self._lock:
            return {
                "total": self._total,
                "actions": copy.deepcopy(self._actions),
                "faults": dict(self._faults),
                "throttled": self._throttled,
                "lost_responses": self._lost,
            }

    def reset_stats(self) -> None:
        """Zero every counter."""
        with self._lock:
            self._total = 0
            self._actions = {}
            self._faults = dict.fromkeys(FAULT_KINDS, 0)
            self._throttled = 0
            self._lost = 0

    def describe_platform_images(self, params: dict[str, Any], region: str = "") -> dict[str, Any]:
        """DescribePlatformImages: the filtered catalog, paged (at most `PAGE_CAP` a page), in catalog order.

        TiProjectId is type-checked and otherwise ignored: every workspace (and every region) sees
        the same catalog. ExtraAttributes come back in the doc's shape: ``Type``, ``Key``, ``Value``
        and ``Values`` always present (``""`` / ``[]`` when the catalog leaves one out).
        """
        for key in params:
            if key not in ("TiProjectId", "Filters", "Offset", "Limit"):
                raise unknown(key)
        project = params.get("TiProjectId")
        if project is not None and not isinstance(project, str):
            raise invalid_type("TiProjectId", "String", project)
        filters = _validate_filters(params["Filters"]) if params.get("Filters") is not None else []
        offset = _int_param(params, "Offset", 0)
        limit = _int_param(params, "Limit", DEFAULT_LIMIT)
        if offset < 0:
            raise invalid_value("Offset", offset, "it must be greater than or equal to 0")
        if limit < 1:
            raise invalid_value("Limit", limit, "it must be at least 1")
        catalog = self._catalog
        matched = [e for e in catalog if all(_matches(e, f) for f in filters)]
        return {
            "TotalCount": len(matched),
            "PlatformImageInfos": [_served(e) for e in matched[offset : offset + min(limit, PAGE_CAP)]],
        }


def _served(entry: dict[str, Any]) -> dict[str, Any]:
    """A catalog entry as the API answers it: a deep copy, ExtraAttributes with all four members."""
    served = copy.deepcopy(entry)
    attributes = served.get("ExtraAttributes")
    if attributes:
        served["ExtraAttributes"] = [
            {"Type": a.get("Type") or "", "Key": a.get("Key"), "Value": a.get("Value") or "",
             "Values": a.get("Values") or []}
            for a in attributes
        ]
    return served


def check_number(name: str, value: float | None, *, upper: float | None = 1.0) -> None:
    """ValueError unless `value` is None or a finite number >= 0 (and <= `upper` when given)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if value < 0 or (upper is not None and value > upper):
        allowed = ">= 0" if upper is None else f"between 0 and {upper:g}"
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
