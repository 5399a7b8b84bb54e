"""The fault soak (issue 5 §3): 300 lookups through real provider processes against a faulty emulator.

Error rate 0.3 (InternalError, HTTP 503, dropped connections; seeded), 20 ms latency and the API's
20 requests/s limit per SecretId. Each provider process is one deployment with a cold catalog
cache, answering ``check()`` from four concurrent callers like the engine. Every lookup must come
back with exactly the catalog's ImageId and ImageUrl, and the emulator's counters must show that
the retry path really ran.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.soak.scenario import SoakPlan, run_soak

PAGES = math.ceil(len(bundled_catalog()) / 100)

pytestmark = pytest.mark.slow


def test_faults_are_retried_and_every_lookup_is_right(emulator_factory: Callable[..., Emulator]) -> None:
    """Ten deployments in turn, 30 lookups each: every fault kind retried, one fetch each, no throttle.

    One process at a time fetches its pages one after another, so the seeded faults fall on the
    same requests every run: seed 5 injects all three kinds, at most three in a row.
    """
    plan = SoakPlan(lookups=300, processes=10, at_once=1, workspaces=1, seed=5)
    result = run_soak(emulator_factory(**plan.emulator_options()), plan)

    assert result.outcome.failures == []
    assert (result.outcome.correct, result.outcome.wrong) == (300, 0)
    assert result.traffic.ok == PAGES * plan.processes
    assert all(count > 0 for count in result.traffic.faults.values()), result.traffic.faults
    assert result.failed_attempts == sum(result.traffic.faults.values())
    assert result.traffic.throttled == 0


def test_concurrent_deployments_sharing_a_key_ride_out_throttling(
    emulator_factory: Callable[..., Emulator],
) -> None:
    """Three deployments at once on one SecretId, 25 workspaces each: throttled and faulted, all right."""
    plan = SoakPlan(lookups=300, processes=3, at_once=3, workspaces=25, seed=11)
    result = run_soak(emulator_factory(**plan.emulator_options()), plan)

    assert result.outcome.failures == []
    assert (result.outcome.correct, result.outcome.wrong) == (300, 0)
    assert result.traffic.ok == PAGES * plan.cold_fetches
    assert result.traffic.throttled > 0
    assert sum(result.traffic.faults.values()) > 0
