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
from pydantic.alias_generators import to_camel, to_snake

from pulumi_tione.core.results import UNKNOWN

from .schema import PropertyNames, property_names

__all__ = ["from_core", "property_name", "secret_keys", "snake", "snake_key", "to_core"]


def property_name(owner: str, snake_name: str) -> str:
    """The wire name of ``owner``'s top-level property ``snake_name`` ("" stays "")."""
    return _camel_key(property_names(), owner, snake_name) if snake_name else ""


def snake(owner: str, camel: str) -> str:
    """The core's name of ``owner``'s top-level property ``camel``."""
    return snake_key(property_names(), owner, camel)


def _owner_of(spec: Mapping[str, Any] | None, value: Mapping[str, Any],
              camel: bool) -> tuple[str | None, bool]:
    """(type token whose property names the keys of ``value`` are, whether they are data keys)."""
    if spec is None:
        return None, False
    if "$ref" in spec and str(spec["$ref"]).startswith("#/types/"):
        return str(spec["$ref"])[len("#/types/"):], False
    if "oneOf" in spec:
        disc = spec.get("discriminator") or {}
        prop = disc.get("propertyName")
        if prop is not None:
            key = prop if camel else to_snake(prop)
            ref = (disc.get("mapping") or {}).get(value.get(key))
            if isinstance(ref, str):
                return ref[len("#/types/"):], False
        return None, False
    if spec.get("type") == "object" and "additionalProperties" in spec:
        return None, True
    if spec.get("$ref") == "pulumi.json#/Any":
        return None, True
    return None, False


def _item_spec(spec: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    if spec is None:
        return None
    if spec.get("type") == "array":
        items = spec.get("items")
        return items if isinstance(items, Mapping) else None
    if spec.get("type") == "object":
        extra = spec.get("additionalProperties")
        return extra if isinstance(extra, Mapping) else None
    return None


def snake_key(names: PropertyNames, owner: str | None, camel: str) -> str:
    """The core's name of property ``camel`` of ``owner``."""
    if camel.startswith("__"):
        return camel
    if owner is not None and camel in names.to_snake.get(owner, {}):
        return names.to_snake[owner][camel]
    return to_snake(camel)


def _camel_key(names: PropertyNames, owner: str | None, snake: str) -> str:
    if snake.startswith("__"):
        return snake
    if owner is not None and snake in names.to_camel.get(owner, {}):
        return names.to_camel[owner][snake]
    return to_camel(snake)


def _spec(names: PropertyNames, owner: str | None, camel: str) -> Mapping[str, Any] | None:
    return names.specs.get(owner, {}).get(camel) if owner is not None else None


def to_core(owner: str, props: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """A resource's or function's properties as the core's snake_case dict."""
    names = property_names()
    return {snake_key(names, owner, k): _value_to_core(names, _spec(names, owner, k), v)
            for k, v in props.items()}


def _value_to_core(names: PropertyNames, spec: Mapping[str, Any] | None, value: PropertyValue) -> Any:
    raw = value.value
    if isinstance(raw, Computed) or raw == WIRE_UNKNOWN:
        return UNKNOWN
    if isinstance(raw, ResourceReference):
        return _value_to_core(names, spec, raw.resource_id) if raw.resource_id is not None else raw.urn
    if isinstance(raw, Mapping):
        plain_keys = {k: v.value for k, v in raw.items()}
        owner, data = _owner_of(spec, plain_keys, camel=True)
        if data:
            item = _item_spec(spec)
            return {k: _value_to_core(names, item, v) for k, v in raw.items()}
        return {snake_key(names, owner, k): _value_to_core(names, _spec(names, owner, k), v)
                for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        item = _item_spec(spec)
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
        camel = _camel_key(names, owner, key)
        converted = _value_from_core(names, _spec(names, owner, camel), value)
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
        owner, data = _owner_of(spec, value, camel=False)
        if data:
            item = _item_spec(spec)
            result = PropertyValue({k: _value_from_core(names, item, v) for k, v in value.items()
                                    if v is not None})
        else:
            result = PropertyValue({
                (camel := _camel_key(names, owner, k)): _value_from_core(names, _spec(names, owner, camel), v)
                for k, v in value.items() if v is not None})
    elif isinstance(value, list | tuple):
        item = _item_spec(spec)
        result = PropertyValue([_value_from_core(names, item, v) for v in value])
    else:
        result = PropertyValue(str(value))
    if spec is not None and spec.get("secret"):
        result = result.with_secret(True)
    return result
