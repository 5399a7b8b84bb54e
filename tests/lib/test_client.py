"""TioneClient against the emulator through the official SDK: paging, filters, workspace, errors."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from pulumi_tione.emulator import DEFAULT_SECRET_ID, Emulator, bundled_catalog
from pulumi_tione.errors import AuthError, RequestRejectedError
from tests.support.wire import NO_RETRY, Reply, Request, ScriptedServer, client_for, envelope, image, page_of


def ok_count(emu: Emulator) -> int:
    return int(emu.stats()["actions"].get("DescribePlatformImages", {}).get("ok", 0))


def test_lists_the_whole_catalog_in_pages_of_100(emu: Emulator) -> None:
    client = client_for(emu.url)
    images = client.list_images()
    expected = [e["ImageId"] for e in bundled_catalog()]
    assert [i["ImageId"] for i in images] == expected
    assert ok_count(emu) == math.ceil(len(expected) / 100) == client.stats.requests


@pytest.mark.parametrize("size", [0, 1, 100, 101, 250])
def test_paging_requests_ceil_n_over_100(emu: Emulator, size: int) -> None:
    emu.set_catalog([image(i) for i in range(size)])
    images = client_for(emu.url).list_images()
    assert [i["ImageId"] for i in images] == [f"img-{i:04d}" for i in range(size)]
    assert ok_count(emu) == max(1, math.ceil(size / 100))


def test_requests_use_limit_100_and_consecutive_offsets() -> None:
    entries = [image(i) for i in range(230)]

    def answer(req: Request, n: int) -> Reply:
        return page_of(entries, req)

    with ScriptedServer(answer) as server:
        assert len(client_for(server.url).list_images(workspace="ws-1")) == 230
    sent = [r.params for r in server.requests]
    assert [(p["Offset"], p["Limit"]) for p in sent] == [(0, 100), (100, 100), (200, 100)]
    assert all(p["TiProjectId"] == "ws-1" for p in sent)
    assert all(r.headers["x-tc-action"] == "DescribePlatformImages" for r in server.requests)
    assert all(r.headers["x-tc-version"] == "2021-11-11" for r in server.requests)


def test_describe_page_passes_workspace_offset_and_limit(emu: Emulator) -> None:
    page = client_for(emu.url).describe_page(offset=5, limit=3, workspace="ti-project-1")
    assert page.total == len(bundled_catalog())
    assert [i["ImageId"] for i in page.images] == [e["ImageId"] for e in bundled_catalog()[5:8]]
    assert page.request_id


def test_endpoint_override_is_where_requests_go(emu: Emulator) -> None:
    def answer(req: Request, n: int) -> Reply:
        return envelope({"TotalCount": 1, "PlatformImageInfos": [image(7)]}, "req-stub")

    with ScriptedServer(answer) as server:
        client = client_for(server.url)
        assert [i["ImageId"] for i in client.list_images()] == ["img-0007"]
        assert client.endpoint == server.url
        assert server.requests[0].headers["host"] == server.url.removeprefix("http://")
    assert emu.stats()["total"] == 0


def test_wrong_secret_key_is_an_auth_error_with_a_hint(emu: Emulator) -> None:
    with pytest.raises(AuthError, match=r"AuthFailure\.SignatureFailure") as info:
        client_for(emu.url, secret_key="not-the-key").list_images()
    err = info.value
    assert err.code == "AuthFailure.SignatureFailure"
    assert err.request_id
    assert f"RequestId {err.request_id}" in str(err)
    assert f"endpoint {emu.url}" in str(err)
    assert "check the SecretId/SecretKey" in str(err)


def test_unknown_secret_id_is_an_auth_error(emu: Emulator) -> None:
    with pytest.raises(AuthError, match=r"AuthFailure\.SecretIdNotFound") as info:
        client_for(emu.url, secret_id="AKIDunknown").list_images()
    assert info.value.request_id
    assert "check the SecretId/SecretKey" in str(info.value)


def test_invalid_parameter_value_is_a_rejected_request(emu: Emulator) -> None:
    with pytest.raises(RequestRejectedError, match=r"code InvalidParameterValue") as info:
        client_for(emu.url).describe_page(limit=0)
    assert "Limit" in str(info.value)
    assert info.value.request_id
    assert info.value.endpoint == emu.url
    assert "check the filters" in str(info.value)


def test_unsupported_region_names_a_region_to_use(emu: Emulator) -> None:
    with pytest.raises(RequestRejectedError, match=r"UnsupportedRegion") as info:
        client_for(emu.url, region="Guangzhou").list_images()
    assert "ap-guangzhou" in str(info.value)
    assert info.value.request_id


def test_rejected_requests_are_not_retried(emulator_factory: Callable[..., Emulator]) -> None:
    emu = emulator_factory(rate_limit=0)
    client = client_for(emu.url)
    with pytest.raises(RequestRejectedError):
        client.describe_page(limit=0)
    assert emu.stats()["total"] == client.stats.requests == 1
    assert client.stats.retries == 0


def test_no_retry_policy_still_succeeds_when_healthy(emu: Emulator) -> None:
    client = client_for(emu.url, retry=NO_RETRY, secret_id=DEFAULT_SECRET_ID)
    assert len(client.list_images()) == len(bundled_catalog())
    assert client.stats.retries == 0


@pytest.mark.parametrize("no_proxy", ["127.0.0.1,localhost", None])
def test_a_loopback_endpoint_is_reached_directly_despite_proxy_variables(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, no_proxy: str | None,
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    for name in ("NO_PROXY", "no_proxy"):
        if no_proxy is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, no_proxy)
    client = client_for(emu.url, retry=NO_RETRY)
    assert len(client.list_images()) == len(bundled_catalog())
