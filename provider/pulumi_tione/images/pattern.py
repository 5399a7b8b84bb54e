"""``name_regex`` matching that always finishes: Python ``re`` syntax, a hard time bound.

A pattern is valid when Python's ``re`` compiles it; it is then matched with the ``regex`` module
in its ``re``-compatible mode (``VERSION0``: same syntax, same ``search`` results), because
``regex`` can stop a match at a deadline while ``re`` cannot be interrupted at all. Matching one
pattern against one catalog may take at most ``REGEX_BUDGET_S`` seconds of the process's
processor time in total (the clock ``regex`` counts its timeout in; a wall clock would refuse
sound patterns on a busy machine); a pattern that needs longer (catastrophic backtracking, e.g.
``(a|aa)+$``) is refused with ``InvalidQueryError`` on ``name_regex``, never left to hang a
preview or a CLI run. Compiling is bounded too: ``regex``
expands counted repeats, so a pattern whose repeats expand past ``MAX_PATTERN_SIZE`` elements
(``(?:a{65535}){65535}`` would take gigabytes) is refused before it is compiled.

Literal patterns take a shortcut with the same answers: a pattern made of plain characters and
escaped punctuation only, optionally anchored (``llm``, ``^tilearn-llm0\\.8$``, what
``re.escape`` builds), is matched with string operations (``in``, ``startswith``, ``==``;
``$`` also before one final newline, as ``re`` has it), without compiling or timing anything.
"""

from __future__ import annotations

import functools
import importlib
import re
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pulumi_tione._echo import echo
from pulumi_tione._spelling import argument
from pulumi_tione.errors import InvalidQueryError, Problem

if TYPE_CHECKING:
    import regex

__all__ = ["MAX_PATTERN_SIZE", "REGEX_BUDGET_S", "check_pattern", "exact_names", "matching_names", "search"]

REGEX_BUDGET_S = 1.0
"""Seconds one ``name_regex`` may spend matching one catalog (every ImageName of one listing)."""

MAX_PATTERN_SIZE = 5_000
"""Elements a pattern may expand to, counted repeats multiplied out (no ImageName is that long)."""

_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


_LITERAL = re.compile(r"(\^?)((?:[^.^$*+?{}\[\]\\|()]|\\[\t\n\v\f\r !-/:-@\[-`{-~])*)(\$?)", re.DOTALL)
"""A literal pattern: plain characters, and backslash-escaped ASCII punctuation or whitespace
(``re`` matches those as themselves; an escaped letter or digit is a class or a reference)."""
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


class _Literal(tuple[str, bool, bool]):
    """A literal pattern: (its text, anchored at the start, anchored at the end)."""

    def matches(self, name: str) -> bool:
        """Whether ``re.search`` finds the pattern in ``name`` (``$`` also before a final newline)."""
        text, start, end = self
        if start and end:
            return name == text or name == text + "\n"
        if end:
            return name.endswith(text) or name.endswith(text + "\n")
        if start:
            return name.startswith(text)
        return text in name


@functools.lru_cache(maxsize=256)
def _literal(pattern: str) -> _Literal | None:
    """``pattern`` as a literal (``^`` and ``$`` only as its first and last character), or None
    when it uses any other regex syntax."""
    found = _LITERAL.fullmatch(pattern)
    if found is None:
        return None
    return _Literal((_ESCAPED.sub(r"\1", found.group(2)), bool(found.group(1)), bool(found.group(3))))


def exact_names(pattern: str) -> tuple[str, str] | None:
    """The only names ``pattern`` can match when it is an anchored literal (``^text$``: ``text``,
    and ``text`` plus a final newline), else None."""
    literal = _literal(pattern)
    if literal is None or not (literal[1] and literal[2]):
        return None
    return literal[0], literal[0] + "\n"


def check_pattern(pattern: str) -> None:
    """Raise ValueError (with what is wrong) unless ``pattern`` is a usable Python regex."""
    if len(pattern) <= MAX_PATTERN_SIZE and _literal(pattern) is not None:
        return  # plain characters: valid for re and regex, at most one element per character
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as e:
        # a huge repeat count overflows, deep nesting recurses: invalid input all the same
        raise ValueError(f"not a valid Python regular expression ({e})") from None
    # without a counted repeat ({m,n}) a pattern expands to at most one element per character
    size = _expanded_size(pattern) if "{" in pattern or len(pattern) > MAX_PATTERN_SIZE else 0
    if size > MAX_PATTERN_SIZE:
        raise ValueError(
            f"too large: its repeats expand to more than {MAX_PATTERN_SIZE} elements (no ImageName "
            "is that long); use smaller counts, or + and * instead of large {m,n}")
    try:
        _compiled(pattern)
    except Exception as e:  # the regex module refuses a few patterns re accepts: say which
        raise ValueError(f"not supported as a {argument('name_regex')} ({type(e).__name__}: {e})") from None


def _expanded_size(pattern: str) -> int:
    """How many elements ``pattern`` expands to once counted repeats are multiplied out (capped)."""
    parser: Any = importlib.import_module("re._parser")  # CPython's own parser, 3.11 onwards

    def size(items: Any) -> int:
        total = 0
        for op, av in items:
            if str(op) in _REPEATS:
                low, high, sub = av
                count = low if high == parser.MAXREPEAT else high
                total += max(1, count) * size(sub)
            else:
                total += max(1, sum(size(child) for child in _children(av, parser.SubPattern)))
            if total > MAX_PATTERN_SIZE:
                return total
        return total

    try:
        return size(parser.parse(pattern))
    except RecursionError:
        return MAX_PATTERN_SIZE + 1


def _children(value: Any, kind: type) -> list[Any]:
    """The sub-patterns inside one parsed node's argument (a group, a branch, an assertion)."""
    if isinstance(value, kind):
        return [value]
    if isinstance(value, tuple | list):
        return [child for item in value for child in _children(item, kind)]
    return []


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> regex.Pattern[str]:
    import regex

    return regex.compile(pattern, flags=regex.VERSION0)


def _too_slow(pattern: str, budget: float) -> InvalidQueryError:
    return InvalidQueryError([Problem("name_regex", (
        f"{echo(pattern)} needs more than {budget:g} s to match the catalog's ImageNames "
        "(catastrophic backtracking: nested or overlapping repeats such as (a+)+ or (a|aa)+); "
        "simplify it, e.g. anchor it and avoid a repeated group that can match the same text "
        "in several ways"))])


def search(pattern: str, name: str, *, deadline: float | None = None,
           budget: float = REGEX_BUDGET_S) -> bool:
    """``re.search(pattern, name) is not None``, refused with InvalidQueryError past ``deadline``.

    ``deadline`` is a ``time.process_time()`` instant; without one the call may take ``budget``.
    """
    literal = _literal(pattern)
    if literal is not None:
        return literal.matches(name)
    remaining = budget if deadline is None else deadline - time.process_time()
    if remaining <= 0:
        raise _too_slow(pattern, budget)
    try:
        return _compiled(pattern).search(name, timeout=remaining) is not None
    except TimeoutError:
        raise _too_slow(pattern, budget) from None


def matching_names(pattern: str, names: Iterable[str], *,
                   budget: float = REGEX_BUDGET_S) -> set[str]:
    """The names ``pattern`` finds a match in, all within ``budget`` seconds (else refused)."""
    literal = _literal(pattern)
    if literal is not None:
        return {name for name in set(names) if literal.matches(name)}
    deadline = time.process_time() + budget
    compiled = _compiled(pattern)
    found: set[str] = set()
    for name in set(names):
        remaining = deadline - time.process_time()
        if remaining <= 0:
            raise _too_slow(pattern, budget)
        try:
            if compiled.search(name, timeout=remaining) is not None:
                found.add(name)
        except TimeoutError:
            raise _too_slow(pattern, budget) from None
    return found
