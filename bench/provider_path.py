"""(a) Our provider: lookups as the engine sends them, ``check()`` over gRPC to ``python -m pulumi.dynamic``.

A fresh provider process per measurement (the engine starts one per deployment, so its catalog
cache starts cold); four concurrent callers match the engine's four worker threads. The wall time
runs from ``configure()`` to the last answer, and so includes importing pulumi_tione (the first
``__provider`` unpickled); the process start is reported separately.
"""

from __future__ import annotations

import tempfile
import time

from measure import Run
from pulumi_tione.emulator import Emulator
from tests.soak.scenario import check_all, distinct_lookups
from tests.support.config import stack_config
from tests.support.engine import ProviderClient, ProviderProcess
from tests.support.env import provider_env


def provider_lookups(emu: Emulator, n: int) -> tuple[Run, float]:
    """N distinct lookups through a fresh provider process; (the run, the process start seconds)."""
    with tempfile.TemporaryDirectory(prefix="bench-provider-") as home:
        env = provider_env(HOME=home, TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9")
        spawn_started = time.perf_counter()
        with ProviderProcess(env) as process, ProviderClient(process.address) as client:
            spawn = time.perf_counter() - spawn_started
            before = emu.stats()["total"]
            started = time.perf_counter()
            client.configure(stack_config(emu))
            outcome = check_all(client, distinct_lookups(n))
            wall = time.perf_counter() - started
            requests = emu.stats()["total"] - before
    run = Run("(a) provider: check() over gRPC", n, requests, wall, wrong=outcome.wrong,
              failed=len(outcome.failures))
    return run, spawn
