"""``make bench``: our provider against the naive ways of looking TI-ONE images up, and the fault soak.

Everything runs here, side by side, against the in-process emulator (50 ms latency a request, its
20 requests/s limit): (a) ``check()`` over gRPC to a real provider process, (b) one official-SDK
call per lookup, (c) one ``tccli`` process per lookup (N = 20 only: ~0.5 s each); then the import
cost, a 5,000-resource program under ``set_mocks``, 20 notebooks + 20 training tasks created and
destroyed through a provider process (``workloads``), one ``tione-images resolve`` against one
``tccli`` call (fresh processes, medians), the ``-X importtime`` totals of each way into the
package, the fault soak, and the bench under the real Pulumi engine (``engine_bench``: ``pulumi
preview`` of 500 images three ways, ``pulumi up``/``destroy`` of the workloads). ``run.py startup``:
only the shell-prompt part; ``run.py engine``: only the engine part (``make bench-engine``). The
tables go to stdout, progress to stderr. See docs/bench.md for what the figures mean.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[1:1] = [str(ROOT), str(ROOT / "provider")]

import engine_bench  # noqa: E402
import faults  # noqa: E402
import startup  # noqa: E402
from imports import import_cost  # noqa: E402
from machine import machine  # noqa: E402
from many import run_many  # noqa: E402
from measure import Run  # noqa: E402
from naive import request_floor_ms, sdk_lookups, tccli_lookups  # noqa: E402
from native_check import NativeCheckRun, breakdown, run_native_check  # noqa: E402
from provider_path import provider_lookups  # noqa: E402
from pulumi_tione.emulator import Emulator  # noqa: E402
from report import Cell, ratio, section, table  # noqa: E402
from tests.support.config import stack_config  # noqa: E402
from workloads import WORKERS, WorkloadRun, run_workloads  # noqa: E402

SIZES = (20, 50, 200, 500)
TCCLI_N = 20
LATENCY_MS = 50
PROGRAM_RESOURCES = 5000
WORKLOADS = 20


def progress(message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def lookup_rows(emu: Emulator) -> tuple[list[list[Cell]], list[float]]:
    """Measure (a), (b) and (c) at every N; the table rows and the provider process start times."""
    rows: list[list[Cell]] = []
    spawns: list[float] = []
    for n in SIZES:
        progress(f"N={n}: (a) provider")
        provider, spawn = provider_lookups(emu, n)
        spawns.append(spawn)
        progress(f"N={n}: (b) SDK call per lookup")
        runs: list[Run] = [provider, sdk_lookups(emu, n)]
        if n == TCCLI_N:
            progress(f"N={n}: (c) tccli per lookup")
            runs.append(tccli_lookups(emu, n))
        for run in runs:
            rows.append([run.label, run.n, run.requests, run.wall_s, run.per_lookup_ms,
                         ratio(run.requests, provider.requests), ratio(run.wall_s, provider.wall_s),
                         f"{run.wrong}/{run.failed}"])
    return rows, spawns


def main() -> int:
    """Run every measurement and print the report."""
    started = time.perf_counter()
    engine_bench.check_engine()  # fail at once, not after minutes of the other sections
    facts = machine()
    floor = request_floor_ms()
    with Emulator(latency_ms=LATENCY_MS) as emu:
        rows, spawns = lookup_rows(emu)
        progress(f"{PROGRAM_RESOURCES:,}-resource program under set_mocks")
        program = run_many(stack_config(emu), PROGRAM_RESOURCES, lambda: int(emu.stats()["total"]))
        throttled = emu.stats()["throttled"]
    progress(f"workloads: {WORKLOADS} notebooks + {WORKLOADS} training tasks + {WORKLOADS} model services, "
             "create and destroy")
    with Emulator(latency_ms=LATENCY_MS) as emu:
        workloads = run_workloads(emu, WORKLOADS, WORKLOADS, WORKLOADS)
    progress("import cost (fresh interpreters)")
    cost = import_cost()
    progress("tione-images resolve vs tccli, -X importtime per way in")
    startups, totals = startup.measure()
    progress("PlatformImage checks: native plugin vs dynamic provider vs do-nothing native provider")
    native = run_native_check(progress)
    with Emulator(rate_limit=0) as quiet:
        pieces = breakdown(quiet)
    soaks = []
    for named in faults.PLANS:
        progress(f"fault soak: {named.name}")
        soaks.append((named, faults.soak(named)))

    out = [section("pulumi-tione benchmark"), *facts.lines(),
           f"emulator in-process: {LATENCY_MS} ms latency per request, 20 requests/s per SecretId "
           f"(throttled during the lookups: {throttled})",
           f"one SDK request with no injected latency costs {floor:.1f} ms here (client + emulator floor)"]
    out += [section("Lookups of distinct images"),
            table(("way", "N", "requests", "wall s", "ms/lookup", "requests/(a)", "wall/(a)", "wrong/failed"),
                  rows),
            f"  (c) runs at N={TCCLI_N} only (a process per lookup). Ratios are against (a) at the same N.",
            f"  (a) excludes starting the provider process: {min(spawns):.2f}-{max(spawns):.2f} s "
            "(the engine starts one per deployment).",
            f"  (b) in parallel is still bounded by the API limit: N/20 s, e.g. {500 / 20:.0f} s for N=500."]
    out += [section("Cost of the provider path"),
            table(("measure", "value"), [
                [f"import pulumi (median of {cost.repetitions} fresh interpreters), s", cost.pulumi_s],
                ["import pulumi_tione.stack.resources (the resources) on top of it, s", cost.module_s],
                [f"{program.resources:,}-resource program under set_mocks, wall s", program.wall_s],
                ["  per resource, ms", 1000 * program.wall_s / program.resources],
                ["  API requests it made", program.requests],
            ])]
    out += workload_lines(workloads)
    out += startup.lines(startups, totals)
    out += native_check_lines(native, pieces)
    out += [section("Fault soak: error_rate 0.3 (seeded), 20 ms latency, 20 requests/s limit"),
            table(faults.HEADERS, [faults.row(named.name, result) for named, result in soaks])]
    for named, result in soaks:
        out.append(f"  {named.name}: faults {faults.fault_breakdown(result)}")
        reasons = sorted({faults.short_reason(r) for r in result.outcome.failures})
        out += [f"    failed lookup: {reason}" for reason in reasons[:3]]
    out.append("  retried = requests that failed (fault or throttle) and were tried again")
    engine_out, engine_failed = engine_section()
    out += engine_out
    out.append(f"\ntotal bench time {time.perf_counter() - started:.0f} s")
    print("\n".join(out))
    wrong = sum(result.outcome.wrong for _, result in soaks)
    failed = sum(len(p.failures) for p in workloads.phases) + workloads.left
    failed += sum(w.wrong + w.failed for w in (native.native, native.dynamic, native.floor))
    return 1 if wrong or failed or engine_failed else 0


def engine_section() -> tuple[list[str], bool]:
    """The bench under the engine: its lines, and whether anything failed."""
    from engine_report import engine_lines

    previews = engine_bench.run_previews(progress)
    workloads = engine_bench.run_engine_workloads(progress, WORKLOADS, WORKLOADS)
    failed = any(w.wrong for w in (previews.native, previews.dynamic, previews.noop, previews.echo))
    failed = failed or workloads.run.left > 0 or any(p.failures for p in workloads.run.phases)
    return engine_lines(previews, workloads), failed


def engine_only() -> int:
    """``run.py engine``: just the bench under the real engine (a few minutes)."""
    engine_bench.check_engine()
    started = time.perf_counter()
    lines, failed = engine_section()
    out = [section("pulumi-tione benchmark: under the Pulumi engine"), *machine().lines(), *lines,
           f"\ntotal bench time {time.perf_counter() - started:.0f} s"]
    print("\n".join(out))
    return 1 if failed else 0


def workload_lines(run: WorkloadRun) -> list[str]:
    """The workload section: each phase against its floor."""
    rows: list[list[Cell]] = []
    floor_s = run.floor_wall_s()
    for phase in run.phases:
        floor = run.floor_requests(phase.name)
        rows.append([phase.name, run.objects, phase.requests, floor, ratio(phase.requests, floor),
                     phase.wall_s, floor_s, ratio(phase.wall_s, floor_s), len(phase.failures)])
    lines = [section(f"Workloads: {run.notebooks} notebooks + {run.tasks} training tasks + {run.services} "
                     "model services in one deployment"),
             f"  {WORKERS} concurrent provider workers, emulator step {run.step_s:g} s per status, "
             f"{run.latency_ms:g} ms latency, 20 requests/s limit",
             table(("phase", "objects", "requests", "floor", "req/floor", "wall s", "floor s", "wall/floor",
                    "failed"), rows),
             "  floor: create = 1 create + 1 poll per object; destroy = stop + 1 poll + delete + 1 poll",
             "  per notebook or task; create + 1 poll + call info, destroy = 1 delete per model service;",
             f"  wall floor = ceil(objects / {WORKERS}) x one status step per phase.",
             f"  throttled requests: {run.throttled}; objects left after destroy: {run.left}"]
    for phase in run.phases:
        lines += [f"    {phase.name} failure: {f}" for f in phase.failures[:3]]
    return lines


def native_check_lines(run: NativeCheckRun, pieces: list[tuple[str, float]]) -> list[str]:
    """The native-check section: the three ways against the floor, where a native Check's time goes."""
    from native_check import ROUNDS, TARGET, N
    from native_check import WORKERS as CALLERS

    ways = (run.native, run.dynamic, run.floor)
    rows: list[list[Cell]] = [[way.label, N, way.first_ms, way.wall_s, way.per_check_ms,
                               f"{run.ratio(way):.2f}x", max(way.requests), f"{way.wrong}/{way.failed}"]
                              for way in ways]
    native_ratio = run.ratio(run.native)
    verdict = "met" if native_ratio <= TARGET else "NOT met"
    return [section(f"{N} PlatformImage checks: native plugin vs dynamic provider vs a do-nothing "
                    "native provider"),
            f"  {CALLERS} concurrent callers, a fresh process per round, medians of {ROUNDS} alternating "
            "rounds; emulator without latency or rate limit",
            table(("way", "N", "first check ms", "wall s", "ms/check", "vs floor", "requests",
                   "wrong/failed"), rows),
            f"  native / floor = {native_ratio:.2f}x (target <= {TARGET}x: {verdict}); dynamic / floor = "
            f"{run.ratio(run.dynamic):.2f}x; native / dynamic = "
            f"{run.native.wall_s / run.dynamic.wall_s:.2f}x",
            "  wall s excludes the first check (catalog fetch + the lookup's imports), shown apart",
            "  one native Check, piece by piece (this process, warm catalog, ms per check):",
            table(("piece", "ms"), [[name, round(ms, 3)] for name, ms in pieces], indent="    ")]


def startup_only() -> int:
    """``run.py startup``: just the shell-prompt comparison and the import totals (a minute)."""
    started = time.perf_counter()
    out = [section("pulumi-tione benchmark: start-up only"), *machine().lines(),
           *startup.lines(*startup.measure()), f"\ntotal bench time {time.perf_counter() - started:.0f} s"]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["startup"]:
        sys.exit(startup_only())
    if sys.argv[1:] == ["engine"]:
        sys.exit(engine_only())
    if sys.argv[1:]:
        sys.exit(f"usage: {sys.argv[0]} [startup | engine]  (no argument: every measurement)")
    sys.exit(main())
