"""The bench under the real Pulumi engine (``bench/run.py engine``, ``make bench-engine``).

1. ``pulumi preview`` of three stacks of N resources, in one run, against the in-process emulator:
   the native plugin (Pulumi YAML, ``tione:index:PlatformImage``), the dynamic provider (Python,
   ``tione.PlatformImage``) and a do-nothing native provider (Pulumi YAML, ``noop:index:Image``, the
   same program shape as the native one; ``bench/noop_provider.py``), and that do-nothing provider
   answering the plugin's answer of one image for every resource (``echo``: what the engine's own
   handling of the bigger answer costs, apart from the plugin's work). Wall time of the whole
   ``pulumi preview --json`` command (CLI start, language host, plugin start, every RPC), repeated
   ``ROUNDS`` times in alternating order; medians and the spread. Every answer of the real ways is
   compared with the catalog (the pinned ImageId in the preview's planned inputs).
2. ``pulumi up`` then ``pulumi destroy`` of notebooks + training tasks (native, YAML) against the
   emulator with its default status step (2 s) and the bench's latency and rate limit: API
   requests per phase against the floor of ``bench/workloads.py`` (the same definition), the
   catalog reads apart, throttled requests, objects left.

The pinned engine (``make engine``, or ``ENGINE_BIN``) is required: without it this fails at once.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import engine_programs as programs
from pulumi_tione.emulator import DEFAULT_REGION, Emulator
from tests.soak.scenario import Lookup
from tests.support.pulumi_cli import ENGINE_BIN, VENV_BIN, Pulumi, emulator_env, require_engine
from workloads import Phase, WorkloadRun

N = 500
ROUNDS = 3
TARGET = 1.2
STACK = "bench"
IMAGE_ACTION = "DescribePlatformImages"


class EngineMissing(SystemExit):
    """The pinned engine is not built."""


def check_engine() -> Path:
    """The pinned ``pulumi``, or exit with what to run."""
    try:
        return require_engine()
    except AssertionError:
        raise EngineMissing(f"error: the bench under the engine needs the pinned Pulumi engine "
                            f"({ENGINE_BIN / 'pulumi'} is missing): run make engine "
                            "(or set ENGINE_BIN to a folder holding it)") from None


@dataclass
class PreviewWay:
    """One stack's previews: label, wall seconds per round, answers checked, API requests."""

    label: str
    folder: Path
    id_key: str | None
    walls: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    wrong: int = 0
    checked: int = 0

    @property
    def wall_s(self) -> float:
        """Median wall seconds."""
        return statistics.median(self.walls)

    @property
    def spread(self) -> str:
        """Min-max of the rounds."""
        return f"{min(self.walls):.2f}-{max(self.walls):.2f}"


@dataclass(frozen=True)
class PreviewRun:
    """The three stacks, measured in one run."""

    native: PreviewWay
    dynamic: PreviewWay
    noop: PreviewWay
    echo: PreviewWay
    rounds: int
    resources: int
    answer_values: int

    def ratio(self, a: PreviewWay, b: PreviewWay) -> float:
        """Median over median."""
        return a.wall_s / b.wall_s


@dataclass(frozen=True)
class EngineWorkloads:
    """``up`` and ``destroy`` of the workload stack: the phases (requests without the catalog
    reads), the catalog reads per phase, throttles, objects left."""

    run: WorkloadRun
    image_reads: dict[str, int]
    actions: dict[str, dict[str, int]]


def _cli(home: Path, emu: Emulator, extra_path: Path | None = None) -> Pulumi:
    opts = emu.options
    cli = Pulumi(home, emulator_env=emulator_env(emu.url, DEFAULT_REGION, opts.secret_id, opts.secret_key))
    if extra_path is not None:
        cli.extra_env["PATH"] = f"{extra_path}:{cli.env['PATH']}"
    return cli


def _values(doc: Any) -> int:
    """How many values a JSON document holds, containers and nested ones included."""
    if isinstance(doc, dict):
        return 1 + sum(_values(v) for v in doc.values())
    if isinstance(doc, list):
        return 1 + sum(_values(v) for v in doc)
    return 1


def _score(way: PreviewWay, output: str, queries: list[Lookup]) -> None:
    """Compare each planned resource's pinned ImageId with the catalog's."""
    steps = json.loads(output).get("steps") or []
    planned = {s["urn"].rsplit("::", 1)[1]: (s.get("newState") or {}).get("inputs") or {} for s in steps
               if s.get("newState", {}).get("type", "").endswith(("PlatformImage", "Image"))}
    way.checked = len(planned)
    if way.id_key is None:
        way.wrong = len(queries) - len(planned)
        return
    way.wrong = sum(1 for i, q in enumerate(queries)
                    if planned.get(f"img{i}", {}).get(way.id_key) != q.image_id)


def run_previews(progress: Callable[[str], None], n: int = N, rounds: int = ROUNDS,
                 latency_ms: int = 50) -> PreviewRun:
    """Measure the three previews (see the module docstring)."""
    check_engine()
    queries = programs.lookups(n)
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp, Emulator(latency_ms=latency_ms) as emu:
        root = Path(tmp)
        answer = programs.echo_answer(root / "answer.json", emu.url)
        run = PreviewRun(
            PreviewWay("native plugin (YAML, tione:index:PlatformImage)",
                       programs.native_images(root, queries), "imageId"),
            PreviewWay("dynamic provider (Python, tione.PlatformImage)",
                       programs.dynamic_images(root, queries, VENV_BIN.parent), "image_id"),
            PreviewWay("do-nothing native provider (YAML, noop:index:Image)",
                       programs.noop_images(root, queries), None),
            PreviewWay("do-nothing provider answering the plugin's answer (YAML, echo)",
                       programs.noop_images(root, queries, programs.ECHO), None),
            rounds, n, _values(json.loads(answer.read_text(encoding="utf-8"))) - 1)
        cli = _cli(root / "pulumi", emu, programs.noop_plugin_bin(root, answer))
        ways = [run.native, run.dynamic, run.noop, run.echo]
        for way in ways:
            cli.run("stack", "init", STACK, cwd=way.folder)
        for round_ in range(rounds):
            for way in ways[round_ % len(ways):] + ways[:round_ % len(ways)]:
                progress(f"pulumi preview of {n} resources, round {round_ + 1}/{rounds}: {way.label}")
                before = int(emu.stats()["total"])
                started = time.perf_counter()
                result = cli.run("preview", "--json", "--stack", STACK, cwd=way.folder)
                way.walls.append(time.perf_counter() - started)
                way.requests.append(int(emu.stats()["total"]) - before)
                _score(way, result.stdout, queries)
    return run


def _image_reads(stats: Mapping[str, Any]) -> int:
    return int(sum((stats.get("actions") or {}).get(IMAGE_ACTION, {}).values()))


def _actions(stats: Mapping[str, Any]) -> dict[str, int]:
    return {action: int(sum(outcomes.values())) for action, outcomes in (stats.get("actions") or {}).items()}


def run_engine_workloads(progress: Callable[[str], None], notebooks: int = 20, tasks: int = 20,
                         latency_ms: int = 50) -> EngineWorkloads:
    """``pulumi up`` then ``pulumi destroy`` of the workload stack (see the module docstring)."""
    check_engine()
    phases = [Phase("create"), Phase("destroy")]
    reads: dict[str, int] = {}
    actions: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-engine-wl-") as tmp, \
            Emulator(latency_ms=latency_ms) as emu:
        root = Path(tmp)
        folder = programs.workloads(root, notebooks, tasks)
        cli = _cli(root / "pulumi", emu)
        cli.run("stack", "init", STACK, cwd=folder)
        throttled_before = int(emu.stats()["throttled"])
        for phase, command in ((phases[0], "up"), (phases[1], "destroy")):
            progress(f"pulumi {command} of {notebooks} notebooks + {tasks} training tasks")
            before, reads_before, actions_before = (int(emu.stats()["total"]), _image_reads(emu.stats()),
                                                    _actions(emu.stats()))
            started = time.perf_counter()
            result = cli.run(command, "--yes", "--stack", STACK, cwd=folder, check=False, timeout=600)
            phase.wall_s = time.perf_counter() - started
            if result.returncode != 0:
                phase.failures.append(f"pulumi {command} exited {result.returncode}: "
                                      f"{result.output.strip()[-2000:]}")
            reads[phase.name] = _image_reads(emu.stats()) - reads_before
            phase.requests = int(emu.stats()["total"]) - before - reads[phase.name]
            after = _actions(emu.stats())
            actions[phase.name] = {a: n - actions_before.get(a, 0) for a, n in sorted(after.items())
                                   if n > actions_before.get(a, 0)}
        throttled = int(emu.stats()["throttled"]) - throttled_before
        left = len(emu.objects())
        opts = emu.options
        run = WorkloadRun(notebooks, tasks, float(opts.step_seconds), float(opts.latency_ms), phases,
                          throttled, left)
    return EngineWorkloads(run, reads, actions)
