"""The per-process catalog cache: one fetch per key, single-flight, failures not cached."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_tione.api.credentials import Settings
from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.errors import (
    ConfigurationError,
    ImageNotFoundError,
    InvalidQueryError,
    RequestRejectedError,
)
from pulumi_tione.images.catalog import (
    CATALOG_TTL,
    ProcessState,
    clear_catalog_cache,
    fetch_catalog,
    list_platform_images,
    lookup_platform_image,
)
from pulumi_tione.images.catalog import settings_for as catalog_settings_for
from pulumi_tione.images.models import ImageFilter
from tests.support.config import settings_for, stack_config
from tests.support.creds import cvm_stub
from tests.support.seed import SEED_ID, SEED_NAME
from tests.support.wire import Reply, Request, ScriptedServer, error_envelope, page_of

PAGES = math.ceil(len(bundled_catalog()) / 100)


def requests(emu: Emulator) -> int:
    return int(emu.stats()["total"])


def test_many_lookups_share_one_fetch(emu: Emulator) -> None:
    state, config = ProcessState(), stack_config(emu.url)
    for _ in range(25):
        assert lookup_platform_image(name=SEED_NAME, config=config, state=state).image_id == SEED_ID
        assert list_platform_images(framework="pytorch", config=config, state=state)
    assert requests(emu) == PAGES
    assert state.fetches == 1


def test_single_flight_under_concurrency(emu: Emulator) -> None:
    emu.set_faults(latency_ms=30)
    state, config = ProcessState(), stack_config(emu.url)
    barrier = threading.Barrier(16)

    def lookup(_: int) -> str:
        barrier.wait()
        return lookup_platform_image(name=SEED_NAME, config=config, state=state).image_id

    with ThreadPoolExecutor(16) as pool:
        assert set(pool.map(lookup, range(16))) == {SEED_ID}
    assert requests(emu) == PAGES
    assert state.fetches == 1


def test_cache_key_separates_endpoint_region_workspace_and_identity(
    emu: Emulator, emulator_factory: Callable[..., Emulator]
) -> None:
    other = emulator_factory(rate_limit=0, secret_id="AKIDother", secret_key="other-key")
    state = ProcessState()
    fetch_catalog(settings_for(emu.url), state=state)
    fetch_catalog(settings_for(emu.url), state=state)
    fetch_catalog(settings_for(emu.url, region="ap-shanghai"), state=state)
    fetch_catalog(settings_for(emu.url), "ws-1", state=state)
    fetch_catalog(settings_for(other.url, secret_id="AKIDother", secret_key="other-key"), state=state)
    assert state.fetches == 4
    assert requests(emu) == 3 * PAGES
    state.clear()
    fetch_catalog(settings_for(emu.url), state=state)
    assert state.fetches == 5


def test_a_failed_fetch_is_not_cached() -> None:
    entries = bundled_catalog()

    def answer(req: Request, n: int) -> Reply:
        if n == 0:
            return error_envelope("InvalidParameterValue", "transient config glitch", "req-bad")
        return page_of(entries, req)

    state = ProcessState()
    with ScriptedServer(answer) as server:
        config = stack_config(server.url)
        with pytest.raises(RequestRejectedError, match="req-bad"):
            lookup_platform_image(name=SEED_NAME, config=config, state=state)
        assert lookup_platform_image(name=SEED_NAME, config=config, state=state).image_id == SEED_ID
        assert lookup_platform_image(image_id=SEED_ID, config=config, state=state).image_name == SEED_NAME
    assert len(server.requests) == 1 + PAGES
    assert state.fetches == 1


def test_concurrent_waiters_all_see_the_failure_then_a_retry_fetches_again() -> None:
    gate = threading.Event()
    entries = bundled_catalog()

    def answer(req: Request, n: int) -> Reply:
        if n == 0:
            gate.wait(5)
            return error_envelope("AuthFailure.SignatureFailure", "bad signature", "req-auth")
        return page_of(entries, req)

    state = ProcessState()
    with ScriptedServer(answer) as server, ThreadPoolExecutor(8) as pool:
        config = stack_config(server.url)
        futures = [pool.submit(lookup_platform_image, name=SEED_NAME, config=config, state=state)
                   for _ in range(8)]
        gate.set()
        errors = [f.exception(timeout=10) for f in futures]
        assert all(e is not None and "req-auth" in str(e) for e in errors)
        assert len(server.requests) == 1
        assert lookup_platform_image(name=SEED_NAME, config=config, state=state).image_id == SEED_ID


def test_query_errors_come_before_any_request(emu: Emulator) -> None:
    with pytest.raises(InvalidQueryError, match="image_range"):
        lookup_platform_image(image_range="Everywhere", config=stack_config(emu.url), state=ProcessState())
    assert requests(emu) == 0


def test_not_found_through_the_plain_function(emu: Emulator) -> None:
    with pytest.raises(ImageNotFoundError, match="not Inference"):
        lookup_platform_image(name=SEED_NAME, image_range="Inference", config=stack_config(emu.url),
                              state=ProcessState())


def test_region_argument_overrides_the_config(emu: Emulator) -> None:
    state = ProcessState()
    lookup_platform_image(name=SEED_NAME, region="ap-shanghai", config=stack_config(emu.url), state=state)
    assert fetch_catalog(settings_for(emu.url, region="ap-shanghai"), state=state).region == "ap-shanghai"
    assert state.fetches == 1


def test_configure_supplies_the_stack_config_to_provider_lookups_only(
    emu: Emulator, emulator_factory: Callable[..., Emulator]
) -> None:
    state = ProcessState()
    state.configure({**stack_config(emu.url), "other:number": 3})  # type: ignore[dict-item]
    assert "other:number" not in state.config
    assert fetch_catalog(settings_for_query(state), state=state).endpoint == emu.url
    with pytest.raises(ConfigurationError, match="no region"):
        lookup_platform_image(name=SEED_NAME, state=state)
    other = emulator_factory(rate_limit=0)
    mine = lookup_platform_image(name=SEED_NAME, config=stack_config(other.url), state=state)
    assert mine.image_id == SEED_ID
    assert other.stats()["total"] == PAGES


def settings_for_query(state: ProcessState) -> Settings:
    """The provider's settings for a query without a region argument (the configured stack config)."""
    return catalog_settings_for(ImageFilter(), state=state)


def test_a_library_cache_expires_after_the_ttl(emu: Emulator) -> None:
    now = [0.0]
    state, config = ProcessState(ttl=300.0, clock=lambda: now[0]), stack_config(emu.url)
    lookup_platform_image(name=SEED_NAME, config=config, state=state)
    now[0] = 299.0
    lookup_platform_image(name=SEED_NAME, config=config, state=state)
    assert (state.fetches, requests(emu)) == (1, PAGES)
    now[0] = 300.0
    lookup_platform_image(name=SEED_NAME, config=config, state=state)
    assert (state.fetches, requests(emu)) == (2, 2 * PAGES)


def test_a_configured_provider_process_never_expires_its_catalogs(emu: Emulator) -> None:
    now = [0.0]
    state = ProcessState(ttl=300.0, clock=lambda: now[0])
    state.configure(stack_config(emu.url))
    configured_ttl = state.ttl
    assert configured_ttl is None
    fetch_catalog(settings_for_query(state), state=state)
    now[0] = 10_000.0
    fetch_catalog(settings_for_query(state), state=state)
    assert state.fetches == 1
    state.reset()
    assert (state.ttl, state.config) == (CATALOG_TTL, {})


def test_clearing_the_cache_fetches_afresh(emu: Emulator) -> None:
    config = stack_config(emu.url)
    clear_catalog_cache()
    try:
        lookup_platform_image(name=SEED_NAME, config=config)
        lookup_platform_image(name=SEED_NAME, config=config)
        assert requests(emu) == PAGES
        clear_catalog_cache()
        lookup_platform_image(name=SEED_NAME, config=config)
        assert requests(emu) == 2 * PAGES
    finally:
        clear_catalog_cache()


def test_resolved_settings_expire_with_the_catalog(
    monkeypatch: pytest.MonkeyPatch, emulator_factory: Callable[..., Emulator]
) -> None:
    """Temporary CVM-role credentials are asked for again once the TTL has passed."""
    server = emulator_factory(secret_id="AKIDcvm", secret_key="cvm-secret-key", token="cvm-token",
                              rate_limit=0)
    now = [0.0]
    with cvm_stub() as stub:
        monkeypatch.setenv("TIONE_CVM_METADATA_ENDPOINT", stub.url)
        state = ProcessState(ttl=60.0, clock=lambda: now[0])
        config = {"tione:endpoint": server.url, "tencentcloud:region": "ap-guangzhou"}
        lookup_platform_image(name=SEED_NAME, config=config, state=state)
        assert len(stub.requests) == 2
        now[0] = 61.0
        lookup_platform_image(name=SEED_NAME, config=config, state=state)
        assert len(stub.requests) == 4


def test_max_rps_setting_is_validated(emu: Emulator) -> None:
    state = ProcessState()
    state.configure({**stack_config(emu.url), "tione:maxRequestsPerSecond": "fast"})
    with pytest.raises(ConfigurationError, match="'fast' is not a number >= 0"):
        fetch_catalog(settings_for_query(state), state=state)
    for bad in ("nan", "inf", "-1"):
        state.configure({**stack_config(emu.url), "tione:maxRequestsPerSecond": bad})
        with pytest.raises(ConfigurationError, match="is not a number >= 0"):
            fetch_catalog(settings_for_query(state), state=state)
    state.configure({**stack_config(emu.url), "tione:maxRequestsPerSecond": "5"})
    assert state.limiter("AKIDx").rate == 5.0


def test_a_failed_credential_chain_is_remembered_not_rerun_per_lookup(
    monkeypatch: pytest.MonkeyPatch, emu: Emulator
) -> None:
    """Without credentials, 20 lookups probe the CVM metadata service once, each failing clearly."""
    with cvm_stub(role="") as stub:
        monkeypatch.setenv("TIONE_CVM_METADATA_ENDPOINT", stub.url)
        state, config = ProcessState(), {"tione:endpoint": emu.url, "tencentcloud:region": "ap-guangzhou"}
        for _ in range(20):
            with pytest.raises(ConfigurationError, match="no Tencent Cloud credentials found"):
                lookup_platform_image(name=SEED_NAME, config=config, state=state)
        assert len(stub.requests) <= 2
    assert requests(emu) == 0


def test_catalog_by_id(emu: Emulator) -> None:
    catalog = fetch_catalog(settings_for(emu.url), state=ProcessState())
    seed = catalog.by_id(SEED_ID)
    assert seed is not None
    assert seed.image_name == SEED_NAME
    assert catalog.by_id("gone") is None
    assert (catalog.endpoint, catalog.region) == (emu.url, "ap-guangzhou")


def test_credential_chain_runs_once_per_process_not_per_lookup(
    monkeypatch: pytest.MonkeyPatch, emulator_factory: Callable[..., Emulator]
) -> None:
    """With CVM-role credentials, 30 lookups ask the metadata service once (2 requests), not 30 times."""
    server = emulator_factory(secret_id="AKIDcvm", secret_key="cvm-secret-key", token="cvm-token",
                              rate_limit=0)
    with cvm_stub() as stub:
        monkeypatch.setenv("TIONE_CVM_METADATA_ENDPOINT", stub.url)
        state, config = ProcessState(), {"tione:endpoint": server.url, "tencentcloud:region": "ap-guangzhou"}
        for _ in range(30):
            assert lookup_platform_image(name=SEED_NAME, config=config, state=state).image_id == SEED_ID
        assert len(stub.requests) == 2
        monkeypatch.setenv("TENCENTCLOUD_PROFILE", "other")
        lookup_platform_image(name=SEED_NAME, config=config, state=state)
        assert len(stub.requests) == 4
