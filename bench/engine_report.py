"""The printed section of the bench under the real engine (``bench/engine_bench.py``)."""

from __future__ import annotations

import os

from engine_bench import TARGET, EngineWorkloads, PreviewRun
from report import Cell, ratio, section, table

_COMMANDS = {"create": "up", "destroy": "destroy"}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {len(os.sched_getaffinity(0))} CPUs"


def preview_lines(run: PreviewRun) -> list[str]:
    """The three previews: medians, spread, ratios against the do-nothing stack."""
    ways = (run.native, run.dynamic, run.noop, run.echo)
    rows: list[list[Cell]] = [[w.label, run.resources, w.wall_s, w.spread, 1000.0 * w.wall_s / run.resources,
                               f"{run.ratio(w, run.noop):.2f}x", max(w.requests), f"{w.checked}/{w.wrong}"]
                              for w in ways]
    native = run.ratio(run.native, run.noop)
    verdict = "met" if native <= TARGET else "NOT met"
    return [section(f"pulumi preview of {run.resources} resources: native plugin vs dynamic provider vs "
                    "a do-nothing provider"),
            f"  the pinned engine, a fresh file backend; medians of {run.rounds} alternating rounds "
            f"(wall time of the whole command); {_load()} at the end",
            table(("stack", "N", "median s", "min-max s", "ms/resource", "vs do-nothing", "requests",
                   "planned/wrong"), rows),
            f"  native / do-nothing = {native:.2f}x (target <= {TARGET}x: {verdict}); "
            f"dynamic / do-nothing = {run.ratio(run.dynamic, run.noop):.2f}x; "
            f"native / dynamic = {run.ratio(run.native, run.dynamic):.2f}x",
            f"  echo / do-nothing = {run.ratio(run.echo, run.noop):.2f}x: the engine's own cost of carrying "
            f"the plugin's {run.answer_values}-value answer per resource; native / echo = "
            f"{run.ratio(run.native, run.echo):.2f}x: the plugin's own cost (start-up, schema, checks)",
            "  requests: the API requests one preview made (the catalog, fetched once per plugin process)"]


def workload_lines(result: EngineWorkloads) -> list[str]:
    """``up`` and ``destroy`` of the workload stack against the floor."""
    run = result.run
    rows: list[list[Cell]] = []
    for phase in run.phases:
        floor = run.floor_requests(phase.name)
        rows.append([_COMMANDS[phase.name], run.objects, phase.requests,
                     floor, ratio(phase.requests, floor), result.image_reads[phase.name], phase.wall_s,
                     len(phase.failures)])
    lines = [section(f"pulumi up + destroy of {run.notebooks} notebooks + {run.tasks} training tasks "
                     "(native plugin, Pulumi YAML)"),
             f"  emulator step {run.step_s:g} s per status, {run.latency_ms:g} ms latency, "
             "20 requests/s limit; the engine's default parallelism",
             table(("command", "objects", "requests", "floor", "req/floor", "catalog reads", "wall s",
                    "failed"), rows),
             "  requests: workload API requests (catalog reads apart); floor as in Workloads above:",
             "  create = 1 create + 1 poll per object; destroy = stop + 1 poll + delete + 1 poll.",
             f"  throttled requests: {run.throttled}; objects left after destroy: {run.left}"]
    for phase in run.phases:
        counts = ", ".join(f"{action} {n}" for action, n in result.actions.get(phase.name, {}).items())
        lines.append(f"  {_COMMANDS[phase.name]} by action: {counts}")
    for phase in run.phases:
        lines += [f"    {phase.name} failure: {f}" for f in phase.failures[:3]]
    return lines


def engine_lines(previews: PreviewRun, workloads: EngineWorkloads) -> list[str]:
    """The whole section."""
    return [*preview_lines(previews), *workload_lines(workloads)]
