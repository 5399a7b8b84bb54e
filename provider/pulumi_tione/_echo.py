"""One way to quote user input in a message: ``repr``, cut to a readable length."""

from __future__ import annotations

__all__ = ["ECHO_LIMIT", "clause", "clip", "echo"]

ECHO_LIMIT = 80


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """``repr(value)``; past ``limit`` characters, its start plus how long it really is.

    A 100,000-character argument must not turn an error message into 100,000 characters.
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value)} characters" if isinstance(value, str | bytes | list | dict) else "long"
    return f"{text[:limit]}... ({size})"


def clip(value: object, limit: int = ECHO_LIMIT) -> str:
    """``str(value)`` cut like :func:`echo`, for messages that show a value unquoted.

    What no stream can encode (lone surrogates from undecodable argv bytes) comes out escaped.
    """
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def clause(text: object) -> str:
    """``text`` (another's sentence: an API's message, a failure reason, an exception) made a
    clause of ours, to be continued with ``; ...`` or closed with ``.``: surrounding whitespace and
    a final full stop dropped, so that no message reads ``.;`` or ``..`` (an ellipsis is kept)."""
    s = str(text).strip()
    return s[:-1] if s.endswith(".") and not s.endswith("..") else s
