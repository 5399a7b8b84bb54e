"""Secrets (issue 5 §5, library part): never in logs at DEBUG, exception texts or reprs, any source."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_tione.api.client import RateLimiter, RetryPolicy, TioneClient
from pulumi_tione.api.credentials import resolve_credentials, resolve_settings
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from pulumi_tione.errors import AuthError, TioneError, UnreachableEndpointError
from pulumi_tione.images.catalog import ProcessState, lookup_platform_image
from tests.support.creds import SOURCES, Source, credential_source
from tests.support.seed import SEED_NAME
from tests.support.wire import Reply, ScriptedServer

SDK_LOGGER = "tencentcloud_sdk_common"


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture every logger at DEBUG, the SDK's request dumps included."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger=SDK_LOGGER)
    return caplog


def assert_clean(text: str, source: Source) -> None:
    assert source.secret_key not in text
    assert source.token not in text


def exception_text(exc: BaseException) -> str:
    """Everything a user could see of an exception: str, repr, and the whole chained traceback."""
    return "\n".join([str(exc), repr(exc), *traceback.format_exception(exc)])


def config_for(source: Source, url: str) -> dict[str, str]:
    return {**source.config, "tione:endpoint": url, "tencentcloud:region": DEFAULT_REGION}


@pytest.mark.parametrize("name", SOURCES)
def test_success_logs_no_secret_and_redacts_the_token_header(
    name: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    emulator_factory: Callable[..., Emulator], debug_logs: pytest.LogCaptureFixture,
) -> None:
    with credential_source(name, isolated_env, monkeypatch) as source:
        emu = emulator_factory(rate_limit=0, secret_id=source.secret_id, secret_key=source.secret_key,
                               token=source.token)
        lookup_platform_image(name=SEED_NAME, config=config_for(source, emu.url), state=ProcessState())
    sdk_text = "\n".join(r.getMessage() for r in debug_logs.records if r.name == SDK_LOGGER)
    assert "SendRequest" in sdk_text, "the SDK's DEBUG request dump was not captured"
    assert "X-TC-Token: <redacted>" in sdk_text
    assert "Authorization: <redacted>" in sdk_text
    assert_clean(debug_logs.text, source)
    assert_clean("\n".join(r.getMessage() for r in debug_logs.records), source)


@pytest.mark.parametrize("name", SOURCES)
def test_auth_failure_reveals_no_secret(
    name: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    emulator_factory: Callable[..., Emulator], debug_logs: pytest.LogCaptureFixture,
) -> None:
    with credential_source(name, isolated_env, monkeypatch) as source:
        emu = emulator_factory(rate_limit=0, secret_id=source.secret_id, secret_key="the-right-key")
        with pytest.raises(AuthError, match="SignatureFailure") as info:
            lookup_platform_image(name=SEED_NAME, config=config_for(source, emu.url), state=ProcessState())
    assert_clean(exception_text(info.value), source)
    assert_clean(debug_logs.text, source)


@pytest.mark.parametrize("name", SOURCES)
def test_network_error_reveals_no_secret(
    name: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch, debug_logs: pytest.LogCaptureFixture,
) -> None:
    with ScriptedServer(lambda req, n: Reply()) as closed:
        url = closed.url
    with credential_source(name, isolated_env, monkeypatch) as source:
        settings = resolve_settings(config_for(source, url))
        client = TioneClient(settings, retry=RetryPolicy(max_attempts=2, base_delay=0.001),
                             limiter=RateLimiter(0))
        with pytest.raises(UnreachableEndpointError, match="nothing listens") as info:
            client.list_images()
    assert_clean(exception_text(info.value), source)
    assert_clean(debug_logs.text, source)


@pytest.mark.parametrize("name", SOURCES)
def test_reprs_hide_secrets(name: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with credential_source(name, isolated_env, monkeypatch) as source:
        settings = resolve_settings(config_for(source, "http://127.0.0.1:1"))
        creds = resolve_credentials(source.config)
    for text in (repr(creds), str(creds), repr(settings), str(settings)):
        assert source.secret_id in text
        assert_clean(text, source)
    assert source.secret_key not in creds.fingerprint()
    assert (creds.secret_key, creds.token) == (source.secret_key, source.token)


def test_configuration_errors_never_echo_a_key(isolated_env: Path) -> None:
    key = "SECRETKEY-lonely-do-not-leak"
    config = {"tencentcloud:secretKey": key, "tencentcloud:region": "ap-guangzhou"}
    with pytest.raises(TioneError, match="tencentcloud:secretId is not set") as info:
        lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState())
    assert key not in exception_text(info.value)


@pytest.mark.parametrize("token", [" TOKEN-padded-do-not-leak", "TOKEN-padded-do-not-leak\n"])
def test_padded_token_is_trimmed_not_quoted_in_a_header_error(
    token: str, emulator_factory: Callable[..., Emulator],
) -> None:
    emu = emulator_factory(rate_limit=0, token=token.strip())
    config = {"tione:endpoint": emu.url, "tencentcloud:region": DEFAULT_REGION,
              "tencentcloud:secretId": DEFAULT_SECRET_ID, "tencentcloud:secretKey": DEFAULT_SECRET_KEY,
              "tencentcloud:securityToken": token}
    assert lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState()).image_name == SEED_NAME


def test_token_that_would_break_a_header_is_refused_without_echo(emu: Emulator) -> None:
    token = "TOKEN-split-do-not-leak\r\nX-Injected: 1"
    config = {"tione:endpoint": emu.url, "tencentcloud:region": DEFAULT_REGION,
              "tencentcloud:secretId": DEFAULT_SECRET_ID, "tencentcloud:secretKey": DEFAULT_SECRET_KEY,
              "tencentcloud:securityToken": token}
    with pytest.raises(TioneError, match="tencentcloud:securityToken in config contains") as info:
        lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState())
    assert "do-not-leak" not in exception_text(info.value)
