"""Read a simple TypeScript Pulumi program's use of the ``tione`` SDK into a Pulumi YAML program.

The examples' TypeScript programs are kept simple enough for a small parser: top-level
``const x = new tione.Kind("name", { ...object literal... }, { ...options... })``,
``const x = tione.getKindOutput({ ... })``, ``const x = config.get(...)`` /
``getNumber`` / ``getBoolean`` (``?? <literal default>``: the config's ``default``), and
``export const y = x.property``.
``to_yaml_program`` turns them into the equivalent Pulumi YAML document (resources, ``fn::invoke``
variables, typed config, outputs), so ``tests.support.yaml_program`` checks every type token,
property name, type and required property against the schema. A value the parser does not
understand (any other expression) is reported rather than skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Expr", "to_yaml_program"]

_TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<str>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')
  | (?P<tpl>`(?:\\.|[^`\\])*`)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<id>[A-Za-z_$][\w$]*)
  | (?P<op>\?\?|=>|\.\.\.|[{}()\[\]:,.;=?<>!+\-*/|&%])
""", re.VERBOSE | re.DOTALL)
_CONFIG_GETTERS = {"get": "string", "require": "string", "getSecret": "string", "requireSecret": "string",
                   # TypeScript has one number type; the SDK types integer properties as number
                   "getNumber": "integer", "requireNumber": "integer",
                   "getBoolean": "boolean", "requireBoolean": "boolean"}


@dataclass(frozen=True)
class Expr:
    """An expression the parser keeps as text (``image.imageId``, ``gpu``)."""

    text: str


def _tokens(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ValueError(f"cannot read {source[position:position + 30]!r}")
        position = match.end()
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append((kind, match.group()))
    return tokens


class _Parser:
    def __init__(self, source: str, sdk: str) -> None:
        self.tokens = _tokens(source)
        self.at = 0
        self.sdk = sdk

    def peek(self, offset: int = 0) -> str:
        index = self.at + offset
        return self.tokens[index][1] if index < len(self.tokens) else ""

    def take(self, expected: str | None = None) -> str:
        text = self.peek()
        if expected is not None and text != expected:
            raise ValueError(f"expected {expected!r}, found {text!r} near token {self.at}")
        self.at += 1
        return text

    def value(self) -> Any:
        kind, text = self.tokens[self.at]
        if text == "{":
            return self.object()
        if text == "[":
            self.take("[")
            items = []
            while self.peek() != "]":
                items.append(self.value())
                if self.peek() == ",":
                    self.take(",")
            self.take("]")
            return items
        ends = self.peek(1) in (",", "}", "]", ")", ";")
        if kind == "str" and ends:
            self.take()
            return _string(text)
        if kind == "num" and ends:
            self.take()
            return float(text) if "." in text else int(text)
        if text in ("true", "false") and ends:
            self.take()
            return text == "true"
        return self.expression()

    def expression(self) -> Expr:
        parts: list[str] = []
        depth = 0
        while self.at < len(self.tokens):
            text = self.peek()
            if depth == 0 and text in (",", "}", "]", ")", ";"):
                break
            depth += text in ("(", "[", "{")
            depth -= text in (")", "]", "}")
            parts.append(self.take())
        return Expr(" ".join(parts).replace(" . ", "."))

    def object(self) -> dict[str, Any]:
        self.take("{")
        result: dict[str, Any] = {}
        while self.peek() != "}":
            kind, key = self.tokens[self.at]
            self.take()
            name = _string(key) if kind == "str" else key
            if self.peek() == ":":
                self.take(":")
                result[name] = self.value()
            else:  # shorthand property
                result[name] = Expr(name)
            if self.peek() == ",":
                self.take(",")
        self.take("}")
        return result

    def arguments(self) -> list[Any]:
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.value())
            if self.peek() == ",":
                self.take(",")
        self.take(")")
        return args

    def statements(self) -> list[tuple[str, str, list[Any] | Expr]]:
        """(binding, callee, arguments or expression) of every top-level ``const``."""
        found: list[tuple[str, str, list[Any] | Expr]] = []
        while self.at < len(self.tokens):
            if self.peek() == "const" and self.peek(2) == "=":
                binding = self.tokens[self.at + 1][1]
                self.at += 3
                is_new = self.peek() == "new"
                if is_new:
                    self.take()
                if self.peek() in (self.sdk, "config") and self.peek(1) == "." and self.peek(3) == "(":
                    callee = ("new " if is_new else "") + self.take() + self.take(".") + self.take()
                    args = self.arguments()
                    if self.peek() == "??":  # `config.get("x") ?? default`: the default, last
                        self.take("??")
                        args.append(self.value())
                    found.append((binding, callee, args))
                else:
                    found.append((binding, "", self.expression()))
            else:
                self.at += 1
        return found


def _string(token: str) -> str:
    """The value of a quoted string token (single quotes read as double quotes)."""
    if token.startswith("'"):
        token = '"' + token[1:-1].replace('"', '\\"') + '"'
    return str(json.loads(token))


def to_yaml_program(source: str, sdk: str = "tione",
                    package: str = "tione") -> tuple[dict[str, Any], list[str]]:
    """The Pulumi YAML equivalent of ``source``'s use of the SDK imported as ``sdk``, and the
    statements that could not be translated."""
    program: dict[str, Any] = {"config": {}, "variables": {}, "resources": {}, "outputs": {}}
    unread: list[str] = []
    exported = set(re.findall(r"export\s+const\s+(\w+)", source))
    statements = _Parser(source, sdk).statements()
    names = {b for b, callee, _ in statements if callee.startswith((f"new {sdk}.", f"{sdk}."))}
    configs: set[str] = set()

    def convert(value: Any, where: str) -> Any:
        if isinstance(value, dict):
            return {k: convert(v, f"{where}.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, Expr):
            root = value.text.split(".", 1)[0]
            if re.fullmatch(r"[\w$]+(\.[\w$]+)*", value.text) and (root in names or value.text in configs):
                return "${" + value.text + "}"
            unread.append(f"{where}: {value.text!r} is not understood")
            return value.text
        return value

    for binding, callee, args in statements:
        if callee.startswith("config."):
            getter = callee.split(".", 1)[1]
            program["config"][binding] = {"type": _CONFIG_GETTERS.get(getter, "string")}
            if isinstance(args, list) and len(args) > 1 and not isinstance(args[-1], Expr):
                program["config"][binding]["default"] = args[-1]
            configs.add(binding)
        elif callee.startswith(f"new {sdk}."):
            assert isinstance(args, list)
            kind = callee.split(".", 1)[1]
            resource: dict[str, Any] = {"type": f"{package}:index:{kind}",
                                        "properties": convert(args[1] if len(args) > 1 else {}, binding)}
            if len(args) > 2:
                resource["options"] = convert(args[2], f"{binding}.options")
            program["resources"][binding] = resource
        elif callee.startswith(f"{sdk}."):
            assert isinstance(args, list)
            function = callee.split(".", 1)[1].removesuffix("Output")
            arguments = convert(args[0] if args else {}, binding)
            program["variables"][binding] = {"fn::invoke": {"function": f"{package}:index:{function}",
                                                            "arguments": arguments}}
        elif binding in exported:
            program["outputs"][binding] = convert(args, f"export {binding}")
        elif callee == "" and binding != "config":
            unread.append(f"const {binding}: {args} is not understood")
    return program, unread
