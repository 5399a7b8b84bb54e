"""How a message names an argument: as a Python keyword argument or as a command-line flag.

The same error reaches a Pulumi program or library caller (who writes ``select="highest_version"``)
and a ``tione-images`` user (who types ``--select highest_version``). Messages never spell an
argument themselves: they call :func:`argument`, and the front end that is running decides the
spelling. Python is the default; the CLI switches its own calls to flags with :func:`front_end`
(a context variable, so a library call made elsewhere in the same process keeps Python syntax).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from ._echo import clip, echo

__all__ = ["FrontEnd", "argument", "arguments", "front_end"]

FrontEnd = Literal["python", "cli"]
_FRONT_END: ContextVar[FrontEnd] = ContextVar("pulumi_tione_front_end", default="python")
_UNSET = object()


def argument(name: str, value: object = _UNSET) -> str:
    """``name`` (and ``value``) as the current front end's user writes them.

    Python: ``select='highest_version'``, ``allow_remote=True``, ``name_regex``. CLI:
    ``--select highest_version``, ``--allow-remote``, ``--no-support-data-pipeline``, ``--name-regex``.
    A long value is cut as every echoed input is (80 characters plus its length).
    """
    if _FRONT_END.get() == "cli":
        flag = "--" + name.replace("_", "-")
        if value is _UNSET or value is True:
            return flag
        if value is False:
            return "--no-" + flag[2:]
        return f"{flag} {shlex.quote(clip(value))}"
    return name if value is _UNSET else f"{name}={echo(value)}"


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
