"""How a message names an argument: as a Python keyword argument, a command-line flag or a property.

The same error reaches a Pulumi program or library caller (who writes ``select="highest_version"``),
a ``tione-images`` user (who types ``--select highest_version``) and a user of the native plugin
(any Pulumi language, whose program sets the schema's camelCase property ``select:
"highest_version"``). Messages never spell an argument themselves: they call :func:`argument`, and
the front end that is running decides the spelling. Python is the default; the CLI switches its
own calls to flags and the native plugin its calls to properties with :func:`front_end` (a context
variable, so a library call made elsewhere in the same process keeps Python syntax;
``asyncio.to_thread`` carries it into the worker thread).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from ._echo import ECHO_LIMIT, clip, echo

__all__ = ["FrontEnd", "argument", "arguments", "current", "front_end", "property_name", "type_name", "value"]

FrontEnd = Literal["python", "cli", "native"]
_FRONT_END: ContextVar[FrontEnd] = ContextVar("pulumi_tione_front_end", default="python")
_UNSET = object()


def argument(name: str, value: object = _UNSET) -> str:
    """``name`` (and ``value``) as the current front end's user writes them.

    Python: ``select='highest_version'``, ``allow_remote=True``, ``name_regex``. CLI:
    ``--select highest_version``, ``--allow-remote``, ``--no-support-data-pipeline``, ``--name-regex``.
    Native: ``select: "highest_version"``, ``allowRemote: true``, ``nameRegex`` (the schema's
    property names: the Python names in camelCase; values as JSON/YAML write them). A long value
    is cut as every echoed input is (80 characters plus its length).
    """
    kind = _FRONT_END.get()
    if kind == "native":
        camel = property_name(name)
        return camel if value is _UNSET else f"{camel}: {_json(value)}"
    if kind == "cli":
        flag = "--" + name.replace("_", "-")
        if value is _UNSET or value is True:
            return flag
        if value is False:
            return "--no-" + flag[2:]
        return f"{flag} {shlex.quote(clip(value))}"
    return name if value is _UNSET else f"{name}={echo(value)}"


def current() -> FrontEnd:
    """The front end whose user reads the messages being built."""
    return _FRONT_END.get()


def value(raw: object) -> str:
    """A value as the current front end's user writes it: ``'x'``/``True`` (Python), ``"x"``/
    ``true`` (native: JSON/YAML), ``x`` (CLI)."""
    kind = _FRONT_END.get()
    if kind == "native":
        return _json(raw)
    if kind == "cli":
        return shlex.quote(clip(raw))
    return echo(raw)


_JSON_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean",
               "dict": "object", "list": "array", "tuple": "array", "NoneType": "null"}


def type_name(raw: object) -> str:
    """The type of ``raw`` as the current front end names types (``str``; native: ``string``)."""
    name = type(raw).__name__
    return _JSON_TYPES.get(name, name) if _FRONT_END.get() == "native" else name


def property_name(name: str) -> str:
    """``name`` as the native schema spells the property: camelCase, by the rule the schema is
    generated with (``volume_size_in_gb`` -> ``volumeSizeInGb``; ``a.b_c`` -> ``a.bC``)."""
    from pydantic.alias_generators import to_camel  # loaded by every native caller already

    return ".".join(to_camel(part) if "_" in part else part for part in name.split("."))


def _json(value: object) -> str:
    """``value`` as JSON writes it (``"text"``, ``true``, ``null``, ``3``), cut like ``echo``."""
    if isinstance(value, str):
        text = value.encode("utf-8", "backslashreplace").decode("utf-8")  # as clip() does
        if len(text) <= ECHO_LIMIT:
            return json.dumps(text, ensure_ascii=False)
        return f"{json.dumps(text[:ECHO_LIMIT], ensure_ascii=False)}... ({len(text)} characters)"
    try:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return clip(value)
    return shown if len(shown) <= ECHO_LIMIT else f"{shown[:ECHO_LIMIT]}... (long)"


def arguments(values: Mapping[str, object]) -> str:
    """Several arguments as the current front end writes them: ``a=1, b='x'`` or ``--a 1 --b x``."""
    separator = " " if _FRONT_END.get() == "cli" else ", "
    return separator.join(argument(name, value) for name, value in values.items())


@contextmanager
def front_end(kind: FrontEnd) -> Iterator[None]:
    """Spell arguments for ``kind`` inside the block (messages built there use its syntax)."""
    token = _FRONT_END.set(kind)
    try:
        yield
    finally:
        _FRONT_END.reset(token)
