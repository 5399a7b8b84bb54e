"""``name_regex`` matching that always finishes: Python ``re`` syntax, a hard time bound.

A pattern is valid when Python's ``re`` compiles it; it is then matched with the ``regex`` module
in its ``re``-compatible mode (``VERSION0``: same syntax, same ``search`` results), because
``regex`` can stop a match at a deadline while ``re`` cannot be interrupted at all. Matching one
pattern against one catalog may take at most ``REGEX_BUDGET_S`` seconds of the process's
processor time in total (the clock ``regex`` counts its timeout in; a wall clock would refuse
sound patterns on a busy machine); a pattern that
needs longer (catastrophic backtracking, e.g. ``(a|aa)+$``) is refused with ``InvalidQueryError``
on ``name_regex``, never left to hang a preview or a CLI run.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pulumi_tione._echo import echo
from pulumi_tione.errors import InvalidQueryError, Problem

if TYPE_CHECKING:
    import regex

__all__ = ["REGEX_BUDGET_S", "check_pattern", "matching_names", "search"]

REGEX_BUDGET_S = 1.0
"""Seconds one ``name_regex`` may spend matching one catalog (every ImageName of one listing)."""


def check_pattern(pattern: str) -> None:
    """Raise ValueError (with what is wrong) unless ``pattern`` is a usable Python regex."""
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as e:
        # a huge repeat count overflows, deep nesting recurses: invalid input all the same
        raise ValueError(f"not a valid Python regular expression ({e})") from None
    try:
        _compiled(pattern)
    except Exception as e:  # the regex module refuses a few patterns re accepts: say which
        raise ValueError(f"not supported as a name_regex ({type(e).__name__}: {e})") from None


@functools.lru_cache(maxsize=256)
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
    deadline = time.process_time() + budget
    return {name for name in set(names) if search(pattern, name, deadline=deadline, budget=budget)}
