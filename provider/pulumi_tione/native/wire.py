"""The native plugin's wire: ``PropertyValue`` maps (camelCase) <-> the core's property dicts.

One mapping, derived from the generated schema (``native.schema.property_names``): the keys of a
resource's, a function's or an object type's properties are renamed camelCase <-> snake_case;
the keys of a *map* (``tags``, ``extraAttributes``, ``imageInfo``, ...) are data and keep their
spelling. Keys the schema does not declare are renamed mechanically; internal keys (``__...``,
e.g. the state documents' ``__schema_version``) pass unchanged.

Values: an unknown value is the core's ``UNKNOWN`` (on the wire it is the engine's unknown
sentinel string, ``pulumi.runtime.rpc.UNKNOWN``: ``PropertyValue.unmarshal`` hands it over as that
string and ``marshal`` cannot send a ``Computed``, so both directions use the sentinel); numbers
stay floats (as the dynamic provider gets them); secrets are unwrapped for the core, and
``secret_keys`` reports which top-level properties held one so the adapter can mark the same
outputs secret again. A
property the schema declares ``secret`` is always sent back secret.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue, ResourceReference
from pulumi.runtime.rpc import UNKNOWN as WIRE_UNKNOWN

from pulumi_tione.core.results import UNKNOWN

from .names import (
    camel_key,
    item_spec,
    owner_of,
    property_name,
    snake,
    snake_key,
    spec_of,
)
from .schema import PropertyNames, property_names

__all__ = ["from_core", "property_name", "secret_keys", "snake", "to_core"]


def to_core(owner: str, props: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """A resource's or function's properties as the core's snake_case dict."""
    names = property_names()
    return {snake_key(names, owner, k): _value_to_core(names, spec_of(names, owner, k), v)
            for k, v in props.items()}


def _value_to_core(names: PropertyNames, spec: Mapping[str, Any] | None, value: PropertyValue) -> Any:
    raw = value.value
    if isinstance(raw, Computed) or raw == WIRE_UNKNOWN:
        return UNKNOWN
    if isinstance(raw, ResourceReference):
        return _value_to_core(names, spec, raw.resource_id) if raw.resource_id is not None else raw.urn
    if isinstance(raw, Mapping):
        plain_keys = {k: v.value for k, v in raw.items()}
        owner, data = owner_of(spec, plain_keys, camel=True)
        if data:
            item = item_spec(spec)
            return {k: _value_to_core(names, item, v) for k, v in raw.items()}
        return {snake_key(names, owner, k): _value_to_core(names, spec_of(names, owner, k), v)
                for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        item = item_spec(spec)
        return [_value_to_core(names, item, v) for v in raw]
    return raw


def secret_keys(props: Mapping[str, PropertyValue]) -> set[str]:
    """The top-level keys (as given) whose value is or holds a secret."""
    return {k for k, v in props.items() if v.contains_secret()}


def from_core(owner: str, props: Mapping[str, Any], secret: Iterable[str] = ()) -> dict[str, PropertyValue]:
    """The core's dict as ``owner``'s camelCase properties; ``secret`` (camelCase keys) and the
    schema's secret properties are marked secret. None values are left out."""
    names = property_names()
    marked = set(secret)
    out: dict[str, PropertyValue] = {}
    for key, value in props.items():
        if value is None:
            continue
        camel = camel_key(names, owner, key)
        converted = _value_from_core(names, spec_of(names, owner, camel), value)
        out[camel] = converted.with_secret(True) if camel in marked else converted
    return out


def _value_from_core(names: PropertyNames, spec: Mapping[str, Any] | None, value: Any) -> PropertyValue:
    result: PropertyValue
    if value is UNKNOWN:
        result = PropertyValue(WIRE_UNKNOWN)
    elif value is None:
        result = PropertyValue.null()
    elif isinstance(value, bool | str):
        result = PropertyValue(value)
    elif isinstance(value, int | float):
        result = PropertyValue(float(value))
    elif isinstance(value, Mapping):
        owner, data = owner_of(spec, value, camel=False)
        if data:
            item = item_spec(spec)
            result = PropertyValue({k: _value_from_core(names, item, v) for k, v in value.items()
                                    if v is not None})
        else:
            fields: dict[str, PropertyValue] = {}
            for k, v in value.items():
                if v is not None:
                    camel = camel_key(names, owner, k)
                    fields[camel] = _value_from_core(names, spec_of(names, owner, camel), v)
            result = PropertyValue(fields)
    elif isinstance(value, list | tuple):
        item = item_spec(spec)
        result = PropertyValue([_value_from_core(names, item, v) for v in value])
    else:
        result = PropertyValue(str(value))
    if spec is not None and spec.get("secret"):
        result = result.with_secret(True)
    return result
