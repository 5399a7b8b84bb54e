"""Check a Pulumi YAML program against a package schema, as ``pulumi preview`` would bind it.

``problems(program, schema)`` returns one line per problem (empty: the program binds):

- every resource ``type`` is a resource of the schema (or its explicit provider,
  ``pulumi:providers:<package>``), every ``fn::invoke`` ``function`` a function of it;
- every property / argument is declared (``inputProperties``, a function's ``inputs``, an object
  type's ``properties``) and every required one is present (at every nesting level);
- every value has the declared type: literals by their YAML type, ``${...}`` references by the type
  the schema gives what they point at (a resource's output property, a function's output, a config
  value of the program's ``config`` section), strings with text around ``${...}`` as strings;
  a discriminated ``oneOf`` picks its member by the literal discriminator value;
- ``fn::invoke``'s ``return`` names an output of the function; ``customTimeouts`` has only
  ``create``/``update``/``delete``; every reference in ``outputs`` resolves.

Only the parts of Pulumi YAML the examples use are understood (``fn::invoke`` and ``fn::secret``
among the built-in functions); anything else is reported, so an example never passes unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["problems"]

_REF = re.compile(r"\$\{([^}]+)\}")
_ANY = "pulumi.json#/Any"
_STRING = {"type": "string"}
_OPTIONS = {"additionalSecretOutputs", "aliases", "customTimeouts", "deleteBeforeReplace", "dependsOn",
            "ignoreChanges", "import", "parent", "protect", "provider", "providers", "replaceOnChanges",
            "retainOnDelete", "version", "pluginDownloadURL", "deletedWith", "replaceWith", "hideDiffs"}
_TIMEOUTS = {"create", "update", "delete"}
_CONFIG_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "number": "number"}


class _Checker:
    def __init__(self, program: Mapping[str, Any], schema: Mapping[str, Any]) -> None:
        self.schema = schema
        self.found: list[str] = []
        self.resources: dict[str, Mapping[str, Any]] = {}
        self.config: dict[str, dict[str, Any]] = {}
        self.variables: dict[str, Any] = dict(program.get("variables") or {})
        self._variable_specs: dict[str, Mapping[str, Any] | None] = {}
        for name, decl in (program.get("config") or program.get("configuration") or {}).items():
            kind = decl.get("type", "string") if isinstance(decl, Mapping) else type(decl).__name__
            self.config[str(name).split(":")[-1]] = {"type": _CONFIG_TYPES.get(kind, kind)}
        provider_token = f"pulumi:providers:{schema['name']}"
        for name, resource in (program.get("resources") or {}).items():
            token = resource.get("type")
            if token == provider_token:
                self.resources[name] = {"inputProperties": schema["provider"].get("inputProperties", {}),
                                        "properties": {}, "requiredInputs": []}
            elif token in schema["resources"]:
                self.resources[name] = schema["resources"][token]
            else:
                self.problem(f"resources.{name}", f"type {token!r} is not in the schema")

    def problem(self, where: str, message: str) -> None:
        self.found.append(f"{where}: {message}")

    # -- types ---------------------------------------------------------------------------------

    def resolve(self, spec: Mapping[str, Any]) -> Mapping[str, Any]:
        ref = spec.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/types/"):
            return self.schema["types"][ref[len("#/types/"):]]
        return spec

    def compatible(self, got: Mapping[str, Any], want: Mapping[str, Any]) -> bool:
        if want.get("$ref") == _ANY or got.get("$ref") == _ANY:
            return True
        if "oneOf" in want:
            return any(self.compatible(got, member) for member in want["oneOf"])
        if "$ref" in want or "$ref" in got:
            return bool(got.get("$ref") == want.get("$ref"))
        kind, wanted = got.get("type"), want.get("type")
        if kind != wanted:
            return kind == "integer" and wanted == "number"
        if kind == "array":
            return self.compatible(got["items"], want["items"])
        if kind == "object" and "additionalProperties" in want:
            return self.compatible(got.get("additionalProperties", {}), want["additionalProperties"])
        return True

    # -- references ----------------------------------------------------------------------------

    def reference(self, where: str, expression: str) -> Mapping[str, Any] | None:
        """The spec of what ``${expression}`` points at (None: unresolved, reported)."""
        parts = [p for p in re.split(r"\.|\[(\d+)\]", expression.strip()) if p]
        root, path = parts[0], parts[1:]
        spec: Mapping[str, Any] | None
        if root in self.resources:
            if not path:
                self.problem(where, f"${{{expression}}} is a whole resource; name an output of it")
                return None
            if path[0] in ("id", "urn"):
                return _STRING
            spec = self.member(where, expression, {"properties": self.resources[root]["properties"]}, path[0])
            path = path[1:]
        elif root in self.variables:
            spec = self.variable(root)
        elif root in self.config:
            spec = self.config[root]
        elif root == "pulumi" and path and path[0] in ("stack", "project", "organization", "cwd"):
            return _STRING
        else:
            self.problem(where, f"${{{expression}}}: {root!r} is no resource, variable or config value")
            return None
        for step in path:
            if spec is None:
                return None
            spec = self.member(where, expression, spec, step)
        return spec

    def variable(self, name: str) -> Mapping[str, Any] | None:
        """The type of variable ``name`` (checked once)."""
        if name not in self._variable_specs:
            self._variable_specs[name] = None  # against self-reference
            self._variable_specs[name] = self.value_spec(f"variables.{name}", self.variables[name])
        return self._variable_specs[name]

    def member(self, where: str, expression: str, spec: Mapping[str, Any],
               step: str) -> Mapping[str, Any] | None:
        spec = self.resolve(spec)
        if step.isdigit() and spec.get("type") == "array":
            return dict(spec["items"])
        if spec.get("$ref") == _ANY:
            return spec
        if "additionalProperties" in spec:
            return dict(spec["additionalProperties"])
        properties = spec.get("properties") or {}
        if step not in properties:
            has = ", ".join(sorted(properties))
            self.problem(where, f"${{{expression}}}: no output {step!r} (has {has})")
            return None
        return dict(properties[step])

    def value_spec(self, where: str, value: Any) -> Mapping[str, Any] | None:
        """The type of ``value`` where nothing is expected of it (variables, outputs)."""
        if isinstance(value, str):
            refs = _REF.findall(value)
            for ref in refs:
                spec = self.reference(where, ref)
                if len(refs) == 1 and value.strip() == f"${{{ref}}}":
                    return spec
            return _STRING
        if isinstance(value, Mapping) and "fn::invoke" in value:
            return self.invoke(where, value["fn::invoke"])
        if isinstance(value, bool):
            return {"type": "boolean"}
        if isinstance(value, int):
            return {"type": "integer"}
        if isinstance(value, float):
            return {"type": "number"}
        if isinstance(value, Mapping):
            for key, item in value.items():
                self.value_spec(f"{where}.{key}", item)
            return {"$ref": _ANY}
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.value_spec(f"{where}[{i}]", item)
            return {"$ref": _ANY}
        return None

    # -- values against specs ------------------------------------------------------------------

    def value(self, where: str, value: Any, spec: Mapping[str, Any]) -> None:
        if isinstance(value, Mapping) and len(value) == 1 and str(next(iter(value))).startswith("fn::"):
            name, inner = next(iter(value.items()))
            if name == "fn::secret":
                self.value(where, inner, spec)
            elif name == "fn::invoke":
                got = self.invoke(where, inner)
                if got is not None and not self.compatible(got, spec):
                    self.problem(where, f"fn::invoke gives {_show(got)}, the schema wants {_show(spec)}")
            else:
                self.problem(where, f"{name} is not understood by this checker")
            return
        if isinstance(value, str) and "${" in value:
            got = self.value_spec(where, value)
            if got is not None and not self.compatible(got, spec):
                self.problem(where, f"{value!r} is {_show(got)}, the schema wants {_show(spec)}")
            return
        if "oneOf" in spec:
            self.one_of(where, value, spec)
            return
        resolved = self.resolve(spec)
        if resolved.get("$ref") == _ANY:
            return
        kind = resolved.get("type")
        if "$ref" in spec or (kind == "object" and "properties" in resolved):
            if not isinstance(value, Mapping):
                self.problem(where, f"{value!r} is not an object ({_show(spec)})")
                return
            self.properties(where, value, resolved.get("properties") or {}, resolved.get("required") or [])
        elif kind == "object":
            if not isinstance(value, Mapping):
                self.problem(where, f"{value!r} is not a map")
                return
            for key, item in value.items():
                self.value(f"{where}.{key}", item, resolved.get("additionalProperties") or {"$ref": _ANY})
        elif kind == "array":
            if not isinstance(value, list):
                self.problem(where, f"{value!r} is not a list")
                return
            for i, item in enumerate(value):
                self.value(f"{where}[{i}]", item, resolved["items"])
        elif not _scalar_fits(value, str(kind)):
            self.problem(where, f"{value!r} is not {kind}")

    def one_of(self, where: str, value: Any, spec: Mapping[str, Any]) -> None:
        discriminator = spec.get("discriminator") or {}
        key = discriminator.get("propertyName")
        if not isinstance(value, Mapping) or key is None:
            self.problem(where, f"{value!r} must be an object with a literal discriminator")
            return
        ref = (discriminator.get("mapping") or {}).get(value.get(key))
        if ref is None:
            allowed = ", ".join(sorted(discriminator.get("mapping") or {}))
            self.problem(where, f"{key}={value.get(key)!r} is not one of: {allowed}")
            return
        self.value(where, value, {"$ref": ref})

    def properties(self, where: str, values: Mapping[str, Any], declared: Mapping[str, Any],
                   required: list[str]) -> None:
        for key, item in values.items():
            if key not in declared:
                self.problem(f"{where}.{key}", f"not declared (declared: {', '.join(sorted(declared))})")
            else:
                self.value(f"{where}.{key}", item, declared[key])
        for key in required:
            if key not in values:
                self.problem(where, f"required property {key!r} is missing")

    def invoke(self, where: str, call: Any) -> Mapping[str, Any] | None:
        if not isinstance(call, Mapping) or "function" not in call:
            self.problem(where, "fn::invoke needs `function` (and `arguments`)")
            return None
        function = self.schema["functions"].get(call["function"])
        if function is None:
            self.problem(where, f"function {call['function']!r} is not in the schema")
            return None
        inputs = function.get("inputs") or {}
        self.properties(f"{where}.arguments", call.get("arguments") or {}, inputs.get("properties") or {},
                        inputs.get("required") or [])
        outputs = (function.get("outputs") or {}).get("properties") or {}
        if "return" in call:
            if call["return"] not in outputs:
                self.problem(where, f"return {call['return']!r} is no output of {call['function']}")
                return None
            return dict(outputs[call["return"]])
        return {"type": "object", "properties": outputs}

    # -- the program ---------------------------------------------------------------------------

    def program(self, program: Mapping[str, Any]) -> list[str]:
        for name in self.variables:
            self.variable(name)
        for name, resource in (program.get("resources") or {}).items():
            where = f"resources.{name}"
            if "get" in resource:
                self.problem(where, "`get` resources are not understood by this checker")
            spec = self.resources.get(name)
            if spec is not None:
                self.properties(f"{where}.properties", resource.get("properties") or {},
                                spec.get("inputProperties") or {}, list(spec.get("requiredInputs") or []))
            options = resource.get("options") or {}
            for key in options:
                if key not in _OPTIONS:
                    self.problem(f"{where}.options.{key}", "not a resource option")
            for key in options.get("customTimeouts") or {}:
                if key not in _TIMEOUTS:
                    self.problem(f"{where}.options.customTimeouts.{key}", "not create, update or delete")
        for name, value in (program.get("outputs") or {}).items():
            self.value_spec(f"outputs.{name}", value)
        return self.found


def _scalar_fits(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return False


def _show(spec: Mapping[str, Any]) -> str:
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if spec.get("type") == "array":
        return f"array of {_show(spec['items'])}"
    if "oneOf" in spec:
        return " or ".join(_show(m) for m in spec["oneOf"])
    if spec.get("type") == "object" and "additionalProperties" in spec:
        return f"map of {_show(spec['additionalProperties'])}"
    return str(spec.get("type", "?"))


def problems(program: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    """Every way ``program`` (a parsed Pulumi YAML ``Pulumi.yaml``) does not bind to ``schema``."""
    return _Checker(program, schema).program(program)
