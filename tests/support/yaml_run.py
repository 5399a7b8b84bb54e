"""Deploy a Pulumi YAML program through the native plugin, the way the engine runs a first ``up``
and a ``destroy``, without the Pulumi CLI.

``deploy(program, client)`` evaluates the program against a ``NativeClient``: config values
take their ``default``, ``fn::invoke`` variables become ``Invoke`` calls, resources are checked
(``Check``, failures raise) and created (``Create``, with ``customTimeouts.create`` as the
request's timeout) in dependency order, ``${name.property}`` references are replaced by the
outputs (``id`` and ``urn`` included), and the program's ``outputs`` are evaluated last.
``destroy(deployment, client)`` deletes in reverse order. Only what the examples use is
understood (the same subset as ``tests.support.yaml_program``, which checks a program first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.support.native import NativeClient

__all__ = ["Deployment", "deploy", "destroy"]

_WHOLE = re.compile(r"^\$\{([^}]+)\}$")
_REF = re.compile(r"\$\{([^}]+)\}")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0}


@dataclass
class Deployment:
    """What a ``deploy`` made: per resource (in creation order) its token, URN, id and outputs."""

    stack: str
    project: str
    created: list[tuple[str, str, str, str, dict[str, Any]]] = field(default_factory=list)
    """(name, type token, urn, id, outputs)"""
    outputs: dict[str, Any] = field(default_factory=dict)


def _seconds(duration: str) -> float:
    """A Go duration as Pulumi takes it in customTimeouts (``20m``, ``1h30m``, ``90s``)."""
    parts = re.findall(r"(\d+(?:\.\d+)?)([hms])", duration)
    if not parts or "".join(n + u for n, u in parts) != duration:
        raise ValueError(f"not a duration: {duration!r}")
    return sum(float(n) * _UNITS[u] for n, u in parts)


def _lookup(scope: Mapping[str, Any], expression: str) -> Any:
    value: Any = scope
    for step in (p for p in re.split(r"\.|\[(\d+)\]", expression.strip()) if p):
        value = value[int(step)] if isinstance(value, list) else value[step]
    return value


def _evaluate(value: Any, scope: Mapping[str, Any], client: NativeClient) -> Any:
    if isinstance(value, str):
        whole = _WHOLE.match(value)
        if whole:
            return _lookup(scope, whole.group(1))
        return _REF.sub(lambda m: str(_lookup(scope, m.group(1))), value)
    if isinstance(value, Mapping):
        if "fn::invoke" in value:
            call = value["fn::invoke"]
            result, failures = client.invoke(call["function"],
                                             _evaluate(call.get("arguments") or {}, scope, client))
            if failures:
                raise RuntimeError(f"invoke {call['function']}: {failures}")
            return result[call["return"]] if "return" in call else dict(result)
        return {k: _evaluate(v, scope, client) for k, v in value.items()}
    if isinstance(value, list):
        return [_evaluate(v, scope, client) for v in value]
    return value


def _order(resources: Mapping[str, Any]) -> list[str]:
    """Resource names, each after the resources its properties refer to."""
    needs = {name: {m.split(".")[0].split("[")[0] for m in _REF.findall(str(decl.get("properties")))}
             & set(resources) for name, decl in resources.items()}
    ordered: list[str] = []
    while len(ordered) < len(resources):
        ready = [n for n in resources if n not in ordered and needs[n] <= set(ordered)]
        if not ready:
            left = sorted(set(resources) - set(ordered))
            raise ValueError(f"resources refer to each other in a cycle: {left}")
        ordered += ready
    return ordered


def deploy(program: Mapping[str, Any], client: NativeClient, *, stack: str = "dev") -> Deployment:
    """A first ``up`` of ``program`` (see the module docstring)."""
    project = str(program["name"])
    scope: dict[str, Any] = {}
    for name, decl in (program.get("config") or {}).items():
        scope[name] = decl.get("default") if isinstance(decl, Mapping) else decl
    for name, value in (program.get("variables") or {}).items():
        scope[name] = _evaluate(value, scope, client)
    done = Deployment(stack, project)
    resources = program.get("resources") or {}
    for name in _order(resources):
        decl = resources[name]
        token = str(decl["type"])
        urn = f"urn:pulumi:{stack}::{project}::{token}::{name}"
        props = _evaluate(decl.get("properties") or {}, scope, client)
        checked, failures = client.check(urn, {}, props)
        if failures:
            raise RuntimeError(f"{name}: check failed: {failures}")
        timeouts = (decl.get("options") or {}).get("customTimeouts") or {}
        create = _seconds(timeouts["create"]) if "create" in timeouts else 0.0
        id_, outputs = client.create(urn, checked, create)
        scope[name] = {**outputs, "id": id_, "urn": urn}
        done.created.append((name, token, urn, id_, dict(outputs)))
    done.outputs = {k: _evaluate(v, scope, client) for k, v in (program.get("outputs") or {}).items()}
    return done


def destroy(deployment: Deployment, client: NativeClient) -> None:
    """``pulumi destroy``: delete in reverse creation order."""
    for _, _, urn, id_, outputs in reversed(deployment.created):
        client.delete(id_, urn, outputs)
