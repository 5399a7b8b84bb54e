"""State and rules of the TI-ONE emulator (the moto "models" half), on raw dicts in API field names.

`Backend` holds the catalog, the key pair, the per-SecretId rate limiter, the seeded fault injector
and the request statistics, all behind one lock; `describe_platform_images` implements the action's
parameter checks and filter semantics and raises `ApiError` with the cloud's own error codes.
"""

from __future__ import annotations

import copy
import functools
import json
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

API_VERSION = "2021-11-11"
MAX_LIMIT = 100
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


class ApiError(Exception):
    """An API 3.0 error answered in the envelope: ``{"Error": {"Code": code, "Message": message}}``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def _type_name(value: Any) -> str:
    names = {bool: "Boolean", int: "Integer", float: "Float", str: "String", list: "Array", dict: "Object"}
    return "Null" if value is None else names.get(type(value), type(value).__name__)


def _invalid_type(name: str, expected: str, value: Any) -> ApiError:
    return ApiError(
        "InvalidParameter",
        f"The parameter `{name}` must be of type {expected}, got {_type_name(value)}.",
    )


def _invalid_value(name: str, value: Any, why: str) -> ApiError:
    return ApiError("InvalidParameterValue", f"The value `{value}` of parameter `{name}` is invalid: {why}.")


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
            raise ValueError(f"{where}: must be an object, got {_type_name(entry)}")
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
        raise _invalid_type("Filters", "Array of Filter", raw)
    filters = []
    for index, item in enumerate(raw):
        where = f"Filters.{index}"
        if not isinstance(item, dict):
            raise _invalid_type(where, "Filter", item)
        for key in item:
            if key not in ("Name", "Values", "Negative", "Fuzzy"):
                raise ApiError("UnknownParameter", f"The parameter `{where}.{key}` is not recognized.")
        name = item.get("Name")
        if name is None:
            raise ApiError("MissingParameter", f"The request is missing a required parameter `{where}.Name`.")
        if not isinstance(name, str):
            raise _invalid_type(f"{where}.Name", "String", name)
        if name not in FILTER_NAMES:
            raise _invalid_value(f"{where}.Name", name, "supported names are " + ", ".join(FILTER_NAMES))
        values = item.get("Values")
        if values is not None and not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
            raise _invalid_type(f"{where}.Values", "Array of String", values)
        if not values:
            raise ApiError(
                "InvalidParameterValue", f"The parameter `{where}.Values` must contain at least one value."
            )
        for flag in ("Negative", "Fuzzy"):
            if item.get(flag) is not None and not isinstance(item[flag], bool):
                raise _invalid_type(f"{where}.{flag}", "Boolean", item[flag])
        if name == "ImageRange":
            for value in values:
                if value not in IMAGE_RANGES:
                    why = "ImageRange supports " + ", ".join(IMAGE_RANGES)
                    raise _invalid_value(f"{where}.Values", value, why)
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
        raise _invalid_type(name, "Integer", value)
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
    ) -> None:
        self._lock = threading.Lock()
        self._catalog: tuple[dict[str, Any], ...] = tuple(parse_catalog(catalog, "catalog"))
        self._credentials = dict(credentials)
        self.token = token
        self.clock_skew_s = clock_skew_s
        self._clock = clock
        self._windows: dict[str, deque[float]] = {}
        self._rng = random.Random(seed)
        self._total = 0
        self._actions: dict[str, dict[str, int]] = {}
        self._faults = dict.fromkeys(FAULT_KINDS, 0)
        self._throttled = 0
        self.latency_ms = 0.0
        self.error_rate = 0.0
        self.rate_limit = 0
        self.set_faults(latency_ms=latency_ms, error_rate=error_rate, rate_limit=rate_limit)

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
    ) -> None:
        """Change fault injection and rate limiting at run time; None leaves a setting unchanged."""
        if latency_ms is not None and latency_ms < 0:
            raise ValueError(f"latency_ms must be >= 0, got {latency_ms}")
        if error_rate is not None and not 0.0 <= error_rate <= 1.0:
            raise ValueError(f"error_rate must be between 0 and 1, got {error_rate}")
        if rate_limit is not None and rate_limit < 0:
            raise ValueError(f"rate_limit must be >= 0 (0 = unlimited), got {rate_limit}")
        with self._lock:
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

    def throttle(self, secret_id: str) -> None:
        """Count one request against the SecretId's 1-second sliding window; RequestLimitExceeded if full."""
        with self._lock:
            if self.rate_limit <= 0:
                return
            now = self._clock()
            window = self._windows.setdefault(secret_id, deque())
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
            }

    def reset_stats(self) -> None:
        """Zero every counter."""
        with self._lock:
            self._total = 0
            self._actions = {}
            self._faults = dict.fromkeys(FAULT_KINDS, 0)
            self._throttled = 0

    def describe_platform_images(self, params: dict[str, Any]) -> dict[str, Any]:
        """DescribePlatformImages: the filtered catalog, paged, in catalog order.

        TiProjectId is type-checked and otherwise ignored: every workspace sees the same catalog.
        """
        for key in params:
            if key not in ("TiProjectId", "Filters", "Offset", "Limit"):
                raise ApiError("UnknownParameter", f"The parameter `{key}` is not recognized.")
        project = params.get("TiProjectId")
        if project is not None and not isinstance(project, str):
            raise _invalid_type("TiProjectId", "String", project)
        filters = _validate_filters(params["Filters"]) if params.get("Filters") is not None else []
        offset = _int_param(params, "Offset", 0)
        limit = _int_param(params, "Limit", DEFAULT_LIMIT)
        if offset < 0:
            raise _invalid_value("Offset", offset, "it must be greater than or equal to 0")
        if not 1 <= limit <= MAX_LIMIT:
            raise _invalid_value("Limit", limit, f"it must be between 1 and {MAX_LIMIT}")
        catalog = self._catalog
        matched = [e for e in catalog if all(_matches(e, f) for f in filters)]
        return {
            "TotalCount": len(matched),
            "PlatformImageInfos": copy.deepcopy(matched[offset : offset + limit]),
        }
