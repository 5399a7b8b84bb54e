"""Retries with a budget and the client-side rate limiter (issue 5 §1), against the emulator."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from pulumi_tione.api.client import RateLimiter, RetryPolicy
from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.errors import AuthError, NetworkError, ServiceError, ThrottledError, TransientApiError
from tests.support.wire import (
    FAST_RETRY,
    Reply,
    Request,
    ScriptedServer,
    client_for,
    envelope,
    error_envelope,
    image,
)

PATIENT = RetryPolicy(max_attempts=12, base_delay=0.001, max_delay=0.005, deadline=10.0)
EXPECTED_IDS = [e["ImageId"] for e in bundled_catalog()]


def test_injected_faults_of_every_kind_are_retried(emulator_factory: Callable[..., Emulator]) -> None:
    emu = emulator_factory(rate_limit=0, error_rate=0.5, seed=7)
    client = client_for(emu.url, retry=PATIENT)
    for _ in range(6):
        assert [i["ImageId"] for i in client.list_images()] == EXPECTED_IDS
    faults = emu.stats()["faults"]
    assert all(faults[kind] > 0 for kind in ("InternalError", "http_503", "dropped")), faults
    assert client.stats.retries == sum(faults.values())
    assert emu.stats()["actions"]["DescribePlatformImages"]["ok"] == 12


def test_request_limit_exceeded_is_retried(emulator_factory: Callable[..., Emulator]) -> None:
    emu = emulator_factory(rate_limit=4)
    policy = RetryPolicy(max_attempts=40, base_delay=0.05, max_delay=0.2, deadline=10.0)
    client = client_for(emu.url, retry=policy)
    for _ in range(3):
        assert len(client.list_images()) == len(EXPECTED_IDS)
    assert emu.stats()["throttled"] > 0
    assert client.stats.throttled == emu.stats()["throttled"]
    assert emu.stats()["actions"]["DescribePlatformImages"]["ok"] == 6


def test_hard_failure_gives_up_after_max_attempts(emulator_factory: Callable[..., Emulator]) -> None:
    emu = emulator_factory(rate_limit=0, error_rate=1.0, seed=1)
    policy = RetryPolicy(max_attempts=4, base_delay=0.001, max_delay=0.002, deadline=10.0)
    client = client_for(emu.url, retry=policy)
    with pytest.raises(TransientApiError, match=r"gave up after 4 attempt\(s\) in \d+\.\ds") as info:
        client.list_images()
    assert isinstance(info.value, ServiceError | NetworkError)
    assert info.value.endpoint == emu.url
    assert emu.stats()["total"] == 4 == client.stats.requests
    assert client.stats.retries == 3


def test_hard_failure_gives_up_within_the_deadline(emulator_factory: Callable[..., Emulator]) -> None:
    emu = emulator_factory(rate_limit=0, error_rate=1.0, seed=2)
    policy = RetryPolicy(max_attempts=10_000, base_delay=0.02, max_delay=0.05, deadline=0.6)
    started = time.monotonic()
    with pytest.raises(TransientApiError, match="gave up after"):
        client_for(emu.url, retry=policy).list_images()
    assert time.monotonic() - started < 1.5
    assert emu.stats()["total"] >= 5


def test_persistent_throttling_is_bounded_by_the_deadline_not_the_attempts() -> None:
    def answer(req: Request, n: int) -> Reply:
        return error_envelope("RequestLimitExceeded", "slow down", f"r{n}")

    policy = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.001, deadline=0.5, throttle_delay=0.05)
    with ScriptedServer(answer) as server, \
            pytest.raises(ThrottledError, match=r"rate limit exceeded.*gave up after \d+ attempt") as info:
        client_for(server.url, retry=policy).list_images()
    attempts = len(server.requests)
    assert policy.max_attempts < attempts <= 0.5 / 0.05 + 1
    assert info.value.request_id == f"r{attempts - 1}"


def test_throttled_retries_wait_at_least_the_throttle_delay() -> None:
    policy = RetryPolicy(throttle_delay=0.5)
    rng = random.Random(3)
    samples = [policy.delay(1, rng, throttled=True) for _ in range(200)]
    assert min(samples) >= 0.5
    assert max(samples) <= 1.0


@pytest.mark.parametrize("code", ["AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound"])
def test_auth_failures_are_not_retried(emu: Emulator, code: str) -> None:
    wrong_key = code.endswith("SignatureFailure")
    kwargs: dict[str, Any] = {"secret_key": "wrong"} if wrong_key else {"secret_id": "AKIDnobody"}
    client = client_for(emu.url, retry=PATIENT, **kwargs)
    with pytest.raises(AuthError, match=code):
        client.list_images()
    assert emu.stats()["total"] == 1
    assert emu.stats()["actions"]["DescribePlatformImages"] == {code: 1}


@pytest.mark.parametrize("code", ["InternalError", "ServiceUnavailable", "ResourceUnavailable.ServiceBusy",
                                  "RequestLimitExceeded.GlobalRegionUinLimitExceeded"])
def test_transient_codes_recover_on_the_next_attempt(code: str) -> None:
    def answer(req: Request, n: int) -> Reply:
        return error_envelope(code, "try again") if n == 0 else envelope(
            {"TotalCount": 1, "PlatformImageInfos": [image(1)]})

    with ScriptedServer(answer) as server:
        client = client_for(server.url)
        assert [i["ImageId"] for i in client.list_images()] == ["img-0001"]
    assert client.stats.retries == 1
    assert len(server.requests) == 2


def test_a_slow_answer_times_out_and_is_retried() -> None:
    def answer(req: Request, n: int) -> Reply:
        if n == 0:
            return Reply(delay=3.0)
        return envelope({"TotalCount": 1, "PlatformImageInfos": [image(2)]})

    with ScriptedServer(answer) as server:
        client = client_for(server.url)
        client = type(client)(client.settings, retry=FAST_RETRY, limiter=RateLimiter(0), timeout=0.3)
        started = time.monotonic()
        assert [i["ImageId"] for i in client.list_images()] == ["img-0002"]
    assert time.monotonic() - started < 2.0
    assert client.stats.retries == 1


def test_client_rate_limiter_keeps_under_the_emulator_limit(
    emulator_factory: Callable[..., Emulator],
) -> None:
    emu = emulator_factory(rate_limit=20)
    emu.set_catalog([image(1)])
    client = client_for(emu.url, rate=20.0, retry=RetryPolicy(max_attempts=1))
    started = time.monotonic()
    with ThreadPoolExecutor(5) as pool:
        pages = list(pool.map(lambda _: client.describe_page(), range(30)))
    assert all(p.total == 1 for p in pages)
    assert emu.stats()["throttled"] == 0
    assert emu.stats()["actions"]["DescribePlatformImages"] == {"ok": 30}
    assert time.monotonic() - started >= 1.0


def test_rate_limiter_lets_a_burst_through_then_waits_a_window() -> None:
    limiter = RateLimiter(4.0, margin=1.05)
    started = time.monotonic()
    waits = [limiter.acquire() for _ in range(5)]
    assert waits[:4] == [0.0] * 4
    assert time.monotonic() - started >= 1.0
    assert RateLimiter(0).acquire() == 0.0


def test_a_throttled_limiter_narrows_its_window() -> None:
    limiter = RateLimiter(4.0)
    limiter.throttled()
    limiter.throttled()
    assert [limiter.acquire() for _ in range(1)] == [0.0]
    assert limiter.acquire() > 0.9


@pytest.mark.parametrize("attempt", range(1, 15))
def test_retry_delay_is_capped_and_jittered(attempt: int) -> None:
    policy = RetryPolicy(base_delay=0.2, max_delay=5.0)
    rng = random.Random(attempt)
    samples = [policy.delay(attempt, rng) for _ in range(200)]
    cap = min(5.0, 0.2 * 2 ** (attempt - 1))
    assert all(0.0 <= d <= cap for d in samples)
    assert len(set(samples)) > 150
    assert max(samples) > cap * 0.8


def test_default_policy_fits_a_deployment() -> None:
    policy = RetryPolicy()
    assert policy.max_attempts >= 3
    assert policy.max_delay <= 10
    assert policy.deadline <= 120
