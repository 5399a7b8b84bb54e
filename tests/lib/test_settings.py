"""Region and endpoint precedence, endpoint validation, and Settings as a whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_tione.api.credentials import (
    PUBLIC_ENDPOINT,
    parse_endpoint,
    resolve_endpoint,
    resolve_region,
    resolve_settings,
)
from pulumi_tione.errors import ConfigurationError
from tests.support.env import base_env


def test_region_precedence() -> None:
    config, env = {"tencentcloud:region": "ap-shanghai"}, {"TENCENTCLOUD_REGION": "ap-beijing"}
    assert resolve_region("ap-guangzhou", config, env) == "ap-guangzhou"
    assert resolve_region(None, config, env) == "ap-shanghai"
    assert resolve_region(None, {}, env) == "ap-beijing"


def test_region_is_trimmed_and_one_with_inner_whitespace_is_refused_at_once() -> None:
    assert resolve_region(None, {"tencentcloud:region": " ap-shanghai\n"}, {}) == "ap-shanghai"
    with pytest.raises(ConfigurationError, match=r"TENCENTCLOUD_REGION = 'ap guangzhou' is not a Tencent"):
        resolve_region(None, {}, {"TENCENTCLOUD_REGION": "ap guangzhou"})


def test_missing_region_says_where_it_looked() -> None:
    with pytest.raises(ConfigurationError, match="no region set") as info:
        resolve_region(None, {"tencentcloud:region": ""}, {"TENCENTCLOUD_REGION": ""})
    for place in ("region argument", "tencentcloud:region", "TENCENTCLOUD_REGION",
                  "pulumi config set tencentcloud:region ap-guangzhou"):
        assert place in str(info.value)


def test_endpoint_precedence() -> None:
    config, env = {"tione:endpoint": "http://127.0.0.1:1111"}, {"TIONE_ENDPOINT": "http://127.0.0.1:2222"}
    assert resolve_endpoint(config, env).url == "http://127.0.0.1:1111"
    assert resolve_endpoint({}, env).url == "http://127.0.0.1:2222"
    default = resolve_endpoint({}, {})
    assert default.url == PUBLIC_ENDPOINT


@pytest.mark.parametrize(("raw", "url", "netloc"), [
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080", "127.0.0.1:8080"),
    ("http://localhost:8080/", "http://localhost:8080", "localhost:8080"),
    ("http://[::1]:8080", "http://[::1]:8080", "[::1]:8080"),
    ("HTTP://127.0.0.2:1", "http://127.0.0.2:1", "127.0.0.2:1"),
    ("tione.ap-shanghai.tencentcloudapi.com", "https://tione.ap-shanghai.tencentcloudapi.com",
     "tione.ap-shanghai.tencentcloudapi.com"),
    (" https://tione.internal.tencentcloudapi.com:8443 ", "https://tione.internal.tencentcloudapi.com:8443",
     "tione.internal.tencentcloudapi.com:8443"),
])
def test_good_endpoints(raw: str, url: str, netloc: str) -> None:
    endpoint = parse_endpoint(raw, origin="test")
    assert (endpoint.url, endpoint.netloc) == (url, netloc)
    assert endpoint.url != PUBLIC_ENDPOINT


@pytest.mark.parametrize("raw", ["http://10.0.0.5:8080", "http://tione.tencentcloudapi.com",
                                 "http://127.0.0.1.evil.example", "http://localhost.evil.example:80",
                                 "http://169.254.0.23"])
def test_plain_http_to_a_non_loopback_host_is_refused(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="plain http to a non-loopback host") as info:
        parse_endpoint(raw, origin="env TIONE_ENDPOINT")
    assert f"env TIONE_ENDPOINT = {raw!r}" in str(info.value)
    assert "use https" in str(info.value)


@pytest.mark.parametrize("raw", ["ftp://127.0.0.1", "https://", "http://127.0.0.1:8080/v3", "://x", "",
                                 "https://host:notaport", "http://127.0.0.1:99999",
                                 "https://user:pw@tione.tencentcloudapi.com", "https://host/?a=1",
                                 "https://host#frag"])
def test_bad_endpoint_strings(raw: str) -> None:
    with pytest.raises(ConfigurationError, match=r"is not a valid endpoint; use https://HOST\[:PORT\]"):
        parse_endpoint(raw, origin="stack config tione:endpoint")


def test_a_bad_endpoint_in_config_is_reported_with_its_origin() -> None:
    with pytest.raises(ConfigurationError, match="stack config tione:endpoint = 'ftp://x'"):
        resolve_endpoint({"tione:endpoint": "ftp://x"}, {})


def test_settings_resolve_everything(tmp_path: Path) -> None:
    env = base_env(tmp_path, TIONE_ENDPOINT="http://127.0.0.1:3000", TENCENTCLOUD_REGION="ap-beijing",
                   TENCENTCLOUD_SECRET_ID="AKIDs", TENCENTCLOUD_SECRET_KEY="settings-secret")
    settings = resolve_settings({}, "ap-nanjing", env)
    assert settings.endpoint.url == "http://127.0.0.1:3000"
    assert settings.region == "ap-nanjing"
    assert settings.credentials.secret_id == "AKIDs"
    assert "settings-secret" not in repr(settings)


def test_settings_uses_os_environ_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENCENTCLOUD_REGION", "ap-chengdu")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "AKIDenv")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "env-secret")
    settings = resolve_settings({})
    assert (settings.region, settings.credentials.source, settings.endpoint.url) == (
        "ap-chengdu", "environment", PUBLIC_ENDPOINT)
