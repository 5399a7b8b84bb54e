"""Describe...s listings: Offset/Limit bounds, Order/OrderField, Filters and TagFilters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .apierror import ApiError, invalid_value
from .rules import check_enum

T = TypeVar("T")


def own_tags(item: Any) -> list[dict[str, str]]:
    """The tags of a record or group (its ``tags``)."""
    tags: list[dict[str, str]] = item.tags
    return tags


@dataclass(frozen=True)
class ListSpec(Generic[T]):
    """How a Describe...s action pages, orders and filters one kind (records, or service groups)."""

    default_limit: int
    max_limit: int
    filters: Mapping[str, Callable[[T], list[str]]]
    order_fields: Mapping[str, Callable[[T], float]]
    status_key: str = "Status"
    charge_status_key: str = "ChargeStatus"
    tags: Callable[[T], list[dict[str, str]]] = own_tags


def list_page(records: list[T], params: Mapping[str, Any], spec: ListSpec[T]) -> tuple[int, list[T]]:
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
    tie = spec.order_fields.get("CreateTime", key)
    matched.sort(key=lambda r: (key(r), tie(r)), reverse=order == "DESC")
    return len(matched), matched[offset : offset + limit]


def _check_filters(params: Mapping[str, Any], spec: ListSpec[Any]) -> None:
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


def _matches_all(record: T, params: Mapping[str, Any], spec: ListSpec[T]) -> bool:
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
        values = [t["TagValue"] for t in spec.tags(record) if t["TagKey"] == tag_filter["TagKey"]]
        if not values or (wanted and not set(values) & set(wanted)):
            return False
    return True
