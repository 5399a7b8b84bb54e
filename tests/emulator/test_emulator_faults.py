"""Rate limiting, seeded fault injection, latency and concurrent accuracy of the statistics."""

from __future__ import annotations

import random
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from pulumi_tione.emulator import Emulator
from pulumi_tione.emulator.backend import FAULT_KINDS
from tests.support.sdk import describe, raw_post, sdk_client, signed_headers_for
from tests.support.workload_requests import Clock, call

BODY = b'{"Limit": 1}'


def outcome(server: Emulator) -> str:
    """What one raw request met: "ok", an error code, "http_503" or "dropped"."""
    try:
        reply = raw_post(server, BODY, signed_headers_for(server, BODY))
    except ConnectionError:
        return "dropped"
    if reply.status != 200:
        assert reply.headers["Content-Type"] == "text/html"
        return f"http_{reply.status}"
    response = reply.json()["Response"]
    return str(response["Error"]["Code"]) if "Error" in response else "ok"


def test_rate_limit_per_secret_id(emulator_factory: Any) -> None:
    server = emulator_factory(rate_limit=3, secret_id="AKIDone", secret_key="k1")
    client = sdk_client(server, secret_id="AKIDone", secret_key="k1")
    for _ in range(3):
        describe(client, Limit=1)
    with pytest.raises(TencentCloudSDKException, match="exceeds the frequency limit `3`") as info:
        describe(client, Limit=1)
    assert info.value.code == "RequestLimitExceeded"
    stats = server.stats()
    assert stats["throttled"] == 1
    assert stats["actions"]["DescribePlatformImages"] == {"ok": 3, "RequestLimitExceeded": 1}
    time.sleep(1.05)
    assert describe(client, Limit=1).TotalCount > 100


def test_rate_limit_counts_each_action_apart(emulator_factory: Any) -> None:
    clock = Clock()
    server = emulator_factory(rate_limit=2, clock=clock)
    client = sdk_client(server)
    for _ in range(2):
        call(client, "DescribeNotebooks")
        call(client, "DescribeTrainingTasks")
        describe(client, Limit=1)
    with pytest.raises(TencentCloudSDKException, match="frequency limit `2`") as info:
        call(client, "DescribeNotebooks")
    assert info.value.code == "RequestLimitExceeded"
    clock.advance(0.999)
    with pytest.raises(TencentCloudSDKException, match="frequency limit"):
        call(client, "DescribeTrainingTasks")
    clock.advance(0.002)
    assert call(client, "DescribeNotebooks").TotalCount == 0
    assert server.stats()["throttled"] == 2


def test_rate_limit_does_not_charge_failed_signatures(emulator_factory: Any) -> None:
    server = emulator_factory(rate_limit=1)
    bad = sdk_client(server, secret_key="wrong")
    for _ in range(3):
        with pytest.raises(TencentCloudSDKException, match="could not be validated"):
            describe(bad)
    assert describe(sdk_client(server), Limit=1).TotalCount > 100


def test_default_rate_limit_is_20_per_second(emulator_factory: Any) -> None:
    server = emulator_factory()
    assert server.options.rate_limit == 20
    results = Counter(outcome(server) for _ in range(25))
    assert results["ok"] >= 20
    assert results["RequestLimitExceeded"] >= 1
    assert results["ok"] + results["RequestLimitExceeded"] == 25


def test_seeded_faults_are_reproducible_and_counted(emu: Emulator) -> None:
    emu.set_faults(error_rate=0.5, seed=7)
    first = [outcome(emu) for _ in range(40)]
    emu.reset_stats()
    emu.set_faults(seed=7)
    second = [outcome(emu) for _ in range(40)]
    assert first == second
    counts = Counter(second)
    assert set(counts) == {"ok", "InternalError", "http_503", "dropped"}
    stats = emu.stats()
    assert stats["faults"] == {kind: counts[kind] for kind in FAULT_KINDS}
    assert stats["total"] == 40
    assert stats["actions"]["DescribePlatformImages"] == {
        "ok": counts["ok"],
        "InternalError": counts["InternalError"],
    }
    rng = random.Random(7)
    expected = []
    for _ in range(40):
        expected.append(rng.choice(FAULT_KINDS) if rng.random() < 0.5 else "ok")
    assert second == expected


def test_faults_through_the_sdk(emu: Emulator) -> None:
    client = sdk_client(emu)
    emu.set_faults(error_rate=1.0, seed=1)
    codes = set()
    for _ in range(12):
        with pytest.raises(TencentCloudSDKException) as info:
            describe(client)
        codes.add(info.value.code)
    assert codes == {"InternalError", "ServerNetworkError", "ClientNetworkError"}


def test_latency(emu: Emulator) -> None:
    emu.set_faults(latency_ms=150)
    started = time.monotonic()
    describe(sdk_client(emu), Limit=1)
    assert time.monotonic() - started >= 0.15


def test_set_faults_validation(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="latency_ms"):
        emu.set_faults(latency_ms=-1)
    with pytest.raises(ValueError, match="rate_limit"):
        emu.set_faults(rate_limit=-1)
    with pytest.raises(ValueError, match="lost_response_rate must be between 0 and 1"):
        emu.set_faults(lost_response_rate=3)
    with pytest.raises(ValueError, match="step_seconds must be >= 0"):
        emu.set_timing(step_seconds=-2)


def test_concurrent_requests_and_accurate_stats(emu: Emulator) -> None:
    def work(i: int) -> str:
        client = sdk_client(emu, secret_key="wrong" if i % 4 == 0 else emu.options.secret_key)
        try:
            return f"page of {len(describe(client, Offset=i % 100, Limit=10).PlatformImageInfos)}"
        except TencentCloudSDKException as e:
            return str(e.code)

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = Counter(pool.map(work, range(200)))
    assert results == {"page of 10": 150, "AuthFailure.SignatureFailure": 50}
    stats = emu.stats()
    assert stats["actions"]["DescribePlatformImages"] == {"ok": 150, "AuthFailure.SignatureFailure": 50}
    assert stats["total"] == 200
