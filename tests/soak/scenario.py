"""Drive many lookups through real ``python -m pulumi.dynamic`` processes and count what happened.

Shared by the soak test and ``make bench``. A ``SoakPlan`` splits its lookups over fresh provider
processes (each one is what the engine starts for one deployment, so its catalog cache starts cold);
each process answers its share as ``check()`` calls from four concurrent callers, the engine's
parallelism. ``workspaces`` > 1 spreads a process's lookups over that many TiProjectIds, each a
separate cache entry and so a separate catalog fetch. Every answer is compared with the bundled
catalog; the emulator's counters give the traffic.
"""

from __future__ import annotations

import math
import re
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.stack.image_provider import PlatformImageProvider
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, ProviderClient, ProviderProcess, provider_string, urn
from tests.support.env import provider_env
from tests.support.seed import IMAGE

ENGINE_PARALLELISM = 4
ACTION = "DescribePlatformImages"


@dataclass(frozen=True)
class Lookup:
    """One ``PlatformImage`` lookup: its arguments and the image it must resolve to."""

    args: dict[str, Any]
    image_id: str
    image_url: str


def _variant(entry: Mapping[str, Any], round_: int) -> dict[str, Any]:
    name = entry["ImageName"]
    ranges = entry.get("ImageRange") or []
    by_range = ({"name": name, "image_range": ranges[0]} if ranges
                else {"name": name, "image_id": entry["ImageId"]})
    variants: list[dict[str, Any]] = [
        {"name": name}, {"image_id": entry["ImageId"]}, {"name_regex": f"^{re.escape(name)}$"}, by_range,
    ]
    return variants[round_ % len(variants)]


def distinct_lookups(n: int) -> list[Lookup]:
    """`n` distinct queries over the bundled catalog: by name, then by id, anchored regex, name+range."""
    catalog = bundled_catalog()
    return [
        Lookup(_variant(catalog[i % len(catalog)], i // len(catalog)),
               catalog[i % len(catalog)]["ImageId"], catalog[i % len(catalog)]["ImageUrl"])
        for i in range(n)
    ]


@dataclass(frozen=True)
class Counters:
    """The emulator's counters: all requests, successful ones, throttles and injected faults by kind."""

    total: int
    ok: int
    throttled: int
    faults: dict[str, int]

    @classmethod
    def of(cls, emu: Emulator) -> Counters:
        """Read `emu.stats()`."""
        stats = emu.stats()
        return cls(stats["total"], stats["actions"].get(ACTION, {}).get("ok", 0), stats["throttled"],
                   dict(stats["faults"]))

    def __sub__(self, other: Counters) -> Counters:
        return Counters(self.total - other.total, self.ok - other.ok, self.throttled - other.throttled,
                        {k: v - other.faults.get(k, 0) for k, v in self.faults.items()})


@dataclass
class Outcome:
    """What a batch of lookups returned: how many were right, wrong, or failed (with the reasons)."""

    correct: int = 0
    wrong: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        """Accumulate another batch."""
        self.correct += other.correct
        self.wrong += other.wrong
        self.failures += other.failures


def check_all(
    client: ProviderClient, todo: Sequence[Lookup], *, prefix: str = "img",
    parallelism: int = ENGINE_PARALLELISM,
) -> Outcome:
    """``check()`` every lookup with `parallelism` concurrent calls and compare with the expected image."""
    encoded = provider_string(PlatformImageProvider)

    def one(item: tuple[int, Lookup]) -> Outcome:
        index, lookup = item
        news = {**lookup.args, PROVIDER_KEY: encoded}
        checked = client.check(urn(IMAGE, f"{prefix}-{index}"), {}, news)
        if checked.failures:
            return Outcome(failures=["; ".join(reason for _, reason in checked.failures)])
        right = (checked.inputs.get("image_id"), checked.inputs.get("image_url")) == (lookup.image_id,
                                                                                        lookup.image_url)
        return Outcome(correct=int(right), wrong=int(not right))

    total = Outcome()
    with ThreadPoolExecutor(parallelism) as pool:
        for outcome in pool.map(one, enumerate(todo)):
            total.add(outcome)
    return total


def run_process(emu: Emulator, todo: Sequence[Lookup], prefix: str) -> Outcome:
    """One fresh provider process (one deployment), configured for `emu`, answering `todo`."""
    with tempfile.TemporaryDirectory(prefix="tione-soak-") as home:
        env = provider_env(HOME=home, TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9")
        with ProviderProcess(env) as process, ProviderClient(process.address) as client:
            client.configure(stack_config(emu))
            return check_all(client, todo, prefix=prefix)


@dataclass(frozen=True)
class SoakPlan:
    """`lookups` split over `processes` fresh provider processes, `at_once` of them running together.

    Each process spreads its share over `workspaces` TiProjectIds (one cold catalog fetch each).
    The emulator injects `error_rate` faults (seeded), `latency_ms` and a `rate_limit` per SecretId.
    """

    lookups: int = 300
    processes: int = 10
    at_once: int = 1
    workspaces: int = 1
    error_rate: float = 0.3
    latency_ms: float = 20.0
    rate_limit: int = 20
    seed: int = 5

    def emulator_options(self) -> dict[str, Any]:
        """Keyword overrides for ``Emulator`` that set up the faults."""
        return {"error_rate": self.error_rate, "latency_ms": self.latency_ms,
                "rate_limit": self.rate_limit, "seed": self.seed}

    def batches(self) -> list[list[Lookup]]:
        """Each process's distinct lookups (with its workspaces when `workspaces` > 1)."""
        todo = distinct_lookups(self.lookups)
        size = math.ceil(self.lookups / self.processes)
        batches = [todo[i:i + size] for i in range(0, self.lookups, size)]
        if self.workspaces <= 1:
            return batches
        return [
            [Lookup({**item.args, "workspace": f"ws-{p}-{j % self.workspaces}"}, item.image_id,
                    item.image_url) for j, item in enumerate(batch)]
            for p, batch in enumerate(batches)
        ]

    @property
    def cold_fetches(self) -> int:
        """Catalog fetches the plan causes: one per (process, workspace) actually used."""
        return sum(min(len(batch), max(1, self.workspaces)) for batch in self.batches())


@dataclass(frozen=True)
class SoakResult:
    """A soak's outcome, the emulator's traffic during it and its wall time."""

    plan: SoakPlan
    outcome: Outcome
    traffic: Counters
    wall_s: float

    @property
    def failed_attempts(self) -> int:
        """Requests that failed (fault or throttle): each was retried unless its lookup failed."""
        return self.traffic.total - self.traffic.ok


def run_soak(emu: Emulator, plan: SoakPlan) -> SoakResult:
    """Run `plan` against `emu` (already set up with ``plan.emulator_options()``)."""
    batches = plan.batches()
    before = Counters.of(emu)
    started = time.perf_counter()
    outcome = Outcome()
    with ThreadPoolExecutor(plan.at_once) as pool:
        jobs = [pool.submit(run_process, emu, batch, f"p{i}") for i, batch in enumerate(batches)]
        for job in jobs:
            outcome.add(job.result())
    wall = time.perf_counter() - started
    return SoakResult(plan, outcome, Counters.of(emu) - before, wall)
