"""The fault soak's figures (issue 5): lookups through provider processes against a faulty emulator.

The plans of tests/soak, both 300 distinct lookups with error_rate 0.3 (seeded), 20 ms latency and
the 20/s limit. "one deployment at a time": ten fresh provider processes in turn, 30 lookups each
(one cold catalog fetch per process). "three at once, shared key": three processes together, each
spreading 100 lookups over 25 workspaces, so 75 cold fetches hit one SecretId's 20/s limit from
three client-side limiters at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_tione.emulator import Emulator
from report import Cell
from tests.soak.scenario import SoakPlan, SoakResult, run_soak


@dataclass(frozen=True)
class NamedPlan:
    """A soak plan and how the report names it."""

    name: str
    plan: SoakPlan


PLANS = (
    NamedPlan("one deployment at a time", SoakPlan(processes=10, at_once=1, workspaces=1, seed=5)),
    NamedPlan("three at once, shared key", SoakPlan(processes=3, at_once=3, workspaces=25, seed=11)),
)
HEADERS = ("plan", "seed", "lookups", "procs", "fetches", "correct", "wrong", "failed", "requests", "retried",
           "throttled", "faults", "wall s")


def soak(named: NamedPlan) -> SoakResult:
    """Run one plan against its own emulator."""
    with Emulator(**named.plan.emulator_options()) as emu:
        return run_soak(emu, named.plan)


def row(name: str, result: SoakResult) -> list[Cell]:
    """One table row for `result`."""
    plan, out, traffic = result.plan, result.outcome, result.traffic
    return [name, plan.seed, plan.lookups, plan.processes, plan.cold_fetches, out.correct, out.wrong,
            len(out.failures), traffic.total, result.failed_attempts, traffic.throttled,
            sum(traffic.faults.values()), result.wall_s]


def fault_breakdown(result: SoakResult) -> str:
    """The injected faults by kind, e.g. 'InternalError 12, http_503 9, dropped 11'."""
    return ", ".join(f"{kind} {count}" for kind, count in result.traffic.faults.items())


def short_reason(reason: str) -> str:
    """A failed lookup's reason cut to its gist: what failed and how the retries ended."""
    head, _, tail = reason.partition(" — ")
    head = head if len(head) <= 60 else head[:57] + "..."
    return f"{head} — {tail.split(' (code')[0]}" if tail else head
