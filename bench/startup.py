"""What a user waits for at a shell prompt: one ``tione-images resolve`` vs the same lookup through
``tccli``, and what each way into the package imports (``python -X importtime`` totals).

Both commands run as fresh processes against the same running emulator, alternately (which one
goes first swaps every round, so a burst of load on this shared machine hits both alike), ``runs``
times each; the medians are compared. Both send one request with an ImageName filter (a one-shot
exact lookup of ``tione-images resolve``; the warm-up run counts its requests).

``python bench/run.py startup`` (``make bench-startup``) runs just this part: both latencies and the
``-X importtime`` totals, in a minute.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from measure import emulator_env
from pulumi_tione.emulator import DEFAULT_REGION, Emulator
from report import section, table
from tests.support.seed import SEED_ID, SEED_NAME

TARGET_RATIO = 0.5
RUNS = 11
"""Runs of each command per latency: enough that the median holds on a loaded 2-core machine."""
HEAVY = ("pulumi", "grpc", "tencentcloud", "pydantic")


@dataclass(frozen=True)
class Startup:
    """Median wall seconds of one lookup by each command, over ``runs`` runs each."""

    ours_s: float
    tccli_s: float
    runs: int
    latency_ms: float
    ours_requests: int

    @property
    def ratio(self) -> float:
        """``tione-images`` wall time as a fraction of ``tccli``'s."""
        return self.ours_s / self.tccli_s if self.tccli_s else 0.0


def _script(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def _timed(argv: Sequence[str], env: dict[str, str], expect: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0 or expect not in done.stdout:
        raise SystemExit(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()[:500]}")
    return wall


def cli_vs_tccli(emu: Emulator, runs: int = RUNS) -> Startup:
    """Alternate ``tione-images resolve --name SEED`` and ``tccli ... --Filters ImageName=SEED``."""
    ours = [_script("tione-images"), "resolve", "--name", SEED_NAME, "--output", "json"]
    filters = json.dumps([{"Name": "ImageName", "Values": [SEED_NAME]}])
    tccli = [_script("tccli"), "tione", "DescribePlatformImages", "--endpoint", emu.url,
             "--region", DEFAULT_REGION, "--Filters", filters]
    samples: dict[str, list[float]] = {"ours": [], "tccli": []}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as home:
        env = emulator_env(emu, home)
        before = int(emu.stats().get("total", 0))
        _timed(ours, env, SEED_ID)
        requests = int(emu.stats().get("total", 0)) - before
        _timed(tccli, env, SEED_ID)
        for round_ in range(runs):
            pair = [("ours", ours), ("tccli", tccli)]
            for label, argv in pair if round_ % 2 == 0 else reversed(pair):
                samples[label].append(_timed(argv, env, SEED_ID))
    latency = float(emu.options.latency_ms)
    return Startup(statistics.median(samples["ours"]), statistics.median(samples["tccli"]), runs, latency,
                   requests)


@dataclass(frozen=True)
class ImportTotal:
    """``-X importtime`` of one way in: the sum of every module's own time, the module count, and
    which of the heavy packages it loaded."""

    way: str
    total_ms: float
    modules: int
    heavy: tuple[str, ...]


_WAYS: dict[str, str] = {
    "CLI: tione-images resolve": """
        import contextlib, io
        from pulumi_tione.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["resolve", "--name", SEED_NAME]) == 0
    """,
    "library: lookup_platform_image": """
        from pulumi_tione import lookup_platform_image
        lookup_platform_image(name=SEED_NAME)
    """,
    "emulator: start, serve, stop": """
        import urllib.request
        from pulumi_tione.emulator import Emulator
        with Emulator() as emu:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            opener.open(emu.url + "/_emulator/stats", timeout=10).read()
    """,
    "program declaring 2 resources": """
        import pulumi

        class Echo(pulumi.runtime.Mocks):
            def new_resource(self, args):
                return args.name + "-id", dict(args.inputs)

            def call(self, args):
                return {}, None

        pulumi.runtime.set_mocks(Echo(), project="p", stack="s", preview=False)
        import pulumi_tione as tione
        tione.PlatformImage("img", name=SEED_NAME)
        tione.PlatformImages("imgs", framework="PYTORCH")
    """,
    "provider process: one check()": """
        import dill, grpc  # what python -m pulumi.dynamic imports before serving
        from pulumi.runtime.proto import provider_pb2_grpc
        from pulumi.dynamic import ConfigureRequest
        from pulumi.dynamic.config import Config
        from pulumi_tione.dynamic import PlatformImageProvider
        provider = PlatformImageProvider()
        provider.configure(ConfigureRequest(Config({}, "bench")))
        assert not provider.check({}, {"name": SEED_NAME}).failures
    """,
}


def _import_total(way: str, code: str, env: dict[str, str]) -> ImportTotal:
    report = "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    program = f"SEED_NAME = {SEED_NAME!r}\n" + textwrap.dedent(code) + report
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", program], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import probe {way!r} failed: {done.stderr.strip()[-800:]}")
    selfs = [int(line.split("|")[0].split(":")[1]) for line in done.stderr.splitlines()
             if line.startswith("import time:") and line.split("|")[0].split(":")[1].strip().isdigit()]
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    return ImportTotal(way, sum(selfs) / 1000.0, len(selfs), tuple(h for h in HEAVY if h in loaded))


def import_totals(emu: Emulator) -> list[ImportTotal]:
    """``-X importtime`` totals of each way in, each in a fresh interpreter (against ``emu``)."""
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as home:
        env = emulator_env(emu, home)
        return [_import_total(way, code, env) for way, code in _WAYS.items()]


LATENCIES_MS = (0.0, 50.0)


def measure() -> tuple[list[Startup], list[ImportTotal]]:
    """Both rows (no latency, then 50 ms a request; no rate limit) and the import totals."""
    startups: list[Startup] = []
    totals: list[ImportTotal] = []
    for latency in LATENCIES_MS:
        with Emulator(rate_limit=0, latency_ms=latency) as emu:
            startups.append(cli_vs_tccli(emu))
            if not latency:
                totals = import_totals(emu)
    return startups, totals


def lines(startups: Sequence[Startup], totals: Sequence[ImportTotal]) -> list[str]:
    """The report section: one row per latency, then the import totals of each way in."""
    rows = [[f"{s.latency_ms:.0f} ms", s.runs, s.ours_s, s.tccli_s, f"{s.ratio:.2f}x",
             s.ratio <= TARGET_RATIO] for s in startups]
    return [section("One lookup at a shell prompt: tione-images resolve vs tccli (fresh processes)"),
            table(("emulator latency", "runs", "tione-images s", "tccli s", "ratio", f"<= {TARGET_RATIO}x"),
                  rows),
            f"  medians, alternating runs; tione-images sends {startups[0].ours_requests} request(s) "
            "(a server-side ImageName filter), tccli 1 filtered request",
            section("python -X importtime, each way in (fresh interpreter, sum of every module's own time)"),
            table(("way in", "ms", "modules", "heavy packages loaded"),
                  [[t.way, t.total_ms, t.modules, ", ".join(t.heavy) or "-"] for t in totals])]
