"""camelCase (the native schema and wire) <-> snake_case (the core) for plain property dicts.

The one mapping, derived from the generated schema (``native.schema.property_names``): the keys
of a resource's, a function's or an object type's properties are renamed; the keys of a *map*
(``tags``, ``extraAttributes``, ``imageInfo``, ...) are data and keep their spelling; keys the
schema does not declare are renamed mechanically; internal keys (``__...``) pass unchanged.
``native.wire`` uses it for the plugin's ``PropertyValue`` maps, ``stack.drift`` for native
resources in a ``pulumi stack export``. Imports neither ``pulumi`` nor ``grpc``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic.alias_generators import to_camel, to_snake

from .schema import PropertyNames, property_names

__all__ = ["camel_key", "item_spec", "owner_of", "property_name", "snake", "snake_key", "snake_props",
           "spec_of"]


def owner_of(spec: Mapping[str, Any] | None, value: Mapping[str, Any],
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


def item_spec(spec: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
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


def camel_key(names: PropertyNames, owner: str | None, snake: str) -> str:
    if snake.startswith("__"):
        return snake
    if owner is not None and snake in names.to_camel.get(owner, {}):
        return names.to_camel[owner][snake]
    return to_camel(snake)


def spec_of(names: PropertyNames, owner: str | None, camel: str) -> Mapping[str, Any] | None:
    return names.specs.get(owner, {}).get(camel) if owner is not None else None


def property_name(owner: str, snake_name: str) -> str:
    """The wire name of ``owner``'s top-level property ``snake_name`` ("" stays "")."""
    return camel_key(property_names(), owner, snake_name) if snake_name else ""


def snake(owner: str, camel: str) -> str:
    """The core's name of ``owner``'s top-level property ``camel``."""
    return snake_key(property_names(), owner, camel)


def snake_props(owner: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """Plain camelCase properties of ``owner`` (e.g. from a stack export) in the core's names."""
    names = property_names()
    return {snake_key(names, owner, k): _plain_to_snake(names, spec_of(names, owner, k), v)
            for k, v in props.items()}


def _plain_to_snake(names: PropertyNames, spec: Mapping[str, Any] | None, value: Any) -> Any:
    if isinstance(value, Mapping):
        owner, data = owner_of(spec, value, camel=True)
        if data:
            item = item_spec(spec)
            return {k: _plain_to_snake(names, item, v) for k, v in value.items()}
        return {snake_key(names, owner, k): _plain_to_snake(names, spec_of(names, owner, k), v)
                for k, v in value.items()}
    if isinstance(value, list):
        item = item_spec(spec)
        return [_plain_to_snake(names, item, v) for v in value]
    return value
