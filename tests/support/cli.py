"""Types of in-process CLI runs (the ``run`` fixture of ``tests/cli``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One in-process CLI run: exit code, stdout, stderr."""

    code: int
    out: str
    err: str


Run = Callable[..., Result]
