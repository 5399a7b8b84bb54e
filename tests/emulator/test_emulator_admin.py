"""Admin endpoints, catalog loading and validation, options and the public surface."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import pulumi_tione.emulator as emulator_pkg
from pulumi_tione.emulator import Emulator, EmulatorOptions, bundled_catalog, load_catalog
from pulumi_tione.emulator.handler import handle_admin
from tests.support.sdk import describe, sdk_client
from tests.support.seed import SEED_NAME


def admin(server: Emulator, method: str, path: str, document: Any = None) -> tuple[int, str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        body = None if document is None else json.dumps(document).encode()
        conn.request(method, path, body=body)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", json.loads(response.read())
    finally:
        conn.close()


def test_public_surface() -> None:
    assert sorted(emulator_pkg.__all__) == sorted(
        [
            "DEFAULT_REGION",
            "DEFAULT_SECRET_ID",
            "DEFAULT_SECRET_KEY",
            "TIONE_REGIONS",
            "Emulator",
            "EmulatorOptions",
            "bundled_catalog",
            "load_catalog",
            "serve",
        ]
    )
    assert all(hasattr(emulator_pkg, name) for name in emulator_pkg.__all__)
    assert emulator_pkg.DEFAULT_SECRET_ID.startswith("AKIDEMULATOR")


def test_bundled_catalog_shape() -> None:
    catalog = bundled_catalog()
    assert len(catalog) >= 130
    assert [e["ImageName"] for e in catalog].count(SEED_NAME) == 1
    assert len({e["ImageId"] for e in catalog}) == len(catalog)
    assert {e["ImageType"] for e in catalog} == {"TCR", "CCR"}
    assert {r for e in catalog for r in e["ImageRange"] or []} == {"Train", "Inference", "Notebook"}
    assert any(e["FrameworkVersion"] == "2.1-custom" for e in catalog)
    assert any(e["SupportGpuList"] is None for e in catalog)
    catalog[0]["ImageName"] = "mutated"
    assert bundled_catalog()[0]["ImageName"] == SEED_NAME


def test_stats_and_reset(emu: Emulator) -> None:
    describe(sdk_client(emu), Limit=1)
    status, content_type, stats = admin(emu, "GET", "/_emulator/stats")
    assert (status, content_type) == (200, "application/json")
    assert stats == emu.stats()
    assert stats == {
        "total": 1,
        "actions": {"DescribePlatformImages": {"ok": 1}},
        "faults": {"InternalError": 0, "http_503": 0, "dropped": 0},
        "throttled": 0,
        "lost_responses": 0,
    }
    assert admin(emu, "POST", "/_emulator/reset")[0] == 200
    assert emu.stats()["total"] == 0


def test_put_catalog_replaces_it(emu: Emulator) -> None:
    entries = bundled_catalog()[:3]
    entries[0]["ImageUrl"] = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:moved"
    status, _, reply = admin(emu, "PUT", "/_emulator/catalog", {"PlatformImageInfos": entries})
    assert (status, reply) == (200, {"count": 3})
    response = describe(sdk_client(emu))
    assert response.TotalCount == 3
    assert response.PlatformImageInfos[0].ImageUrl.endswith(":moved")
    assert admin(emu, "PUT", "/_emulator/catalog", entries[1:])[2] == {"count": 2}
    emu.set_catalog([])
    assert describe(sdk_client(emu)).TotalCount == 0


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"Images": []}, "JSON array of PlatformImageInfo"),
        ([{"ImageName": "x"}], "entry 0: ImageId must be a non-empty string"),
        ([{"ImageId": "a"}, {"ImageId": "a"}], "entry 1: duplicate ImageId 'a'"),
        ([{"ImageId": "a", "ImageRange": "Train"}], "ImageRange must be a list of strings"),
        ([{"ImageId": "a", "ExtraAttributes": [{"Value": "x"}]}], "string Key"),
        ([{"ImageId": "a", "SupportDistributedDeploy": "yes"}], "SupportDistributedDeploy"),
        (["a"], "entry 0: must be an object"),
    ],
)
def test_put_bad_catalog_is_400_and_keeps_the_old(emu: Emulator, document: Any, message: str) -> None:
    status, _, reply = admin(emu, "PUT", "/_emulator/catalog", document)
    assert status == 400
    assert message in reply["error"]
    assert "PUT /_emulator/catalog" in reply["error"]
    assert describe(sdk_client(emu), Limit=1).TotalCount == len(bundled_catalog())


def test_admin_routing(emu: Emulator) -> None:
    assert admin(emu, "GET", "/_emulator/nothing")[0] == 404
    assert admin(emu, "GET", "/_emulator/catalog")[0] == 405
    conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
    try:
        conn.request("PUT", "/_emulator/catalog", body=b"{oops")
        assert conn.getresponse().status == 400
    finally:
        conn.close()


def test_admin_refuses_remote_clients(emu: Emulator) -> None:
    reply = handle_admin(emu.backend, method="GET", path="/_emulator/stats", body=b"", client_host="10.1.2.3")
    assert reply.status == 403
    ok = handle_admin(
        emu.backend, method="GET", path="/_emulator/stats", body=b"", client_host="::ffff:127.0.0.1"
    )
    assert ok.status == 200


def test_readers_never_see_a_half_replaced_catalog(emu: Emulator) -> None:
    small, full = bundled_catalog()[:7], bundled_catalog()
    seen: set[int] = set()
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            emu.set_catalog(small)
            time.sleep(0.001)
            emu.set_catalog(full)
            time.sleep(0.001)

    swapper = threading.Thread(target=swap)
    swapper.start()
    try:
        client = sdk_client(emu)
        for _ in range(25):
            response = describe(client, Limit=100)
            seen.add(response.TotalCount)
            assert len(response.PlatformImageInfos) == min(response.TotalCount, 100)
    finally:
        stop.set()
        swapper.join()
    assert seen <= {7, len(full)}


def test_load_catalog_formats_and_errors(tmp_path: Path) -> None:
    entries = bundled_catalog()[:2]
    as_list = tmp_path / "list.json"
    as_list.write_text(json.dumps(entries))
    as_doc = tmp_path / "doc.json"
    as_doc.write_text(json.dumps({"TotalCount": 2, "PlatformImageInfos": entries, "RequestId": "x"}))
    assert load_catalog(as_list) == load_catalog(str(as_doc)) == entries
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    with pytest.raises(ValueError, match=r"broken\.json: not valid JSON"):
        load_catalog(broken)
    with pytest.raises(ValueError, match=r"missing\.json: cannot read catalog file"):
        load_catalog(tmp_path / "missing.json")


def test_custom_catalog_option(emulator_factory: Any) -> None:
    server = emulator_factory(rate_limit=0, catalog=bundled_catalog()[5:9])
    assert describe(sdk_client(server)).TotalCount == 4


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com"])
def test_non_loopback_host_requires_allow_remote(host: str) -> None:
    with pytest.raises(ValueError, match="allow_remote"):
        EmulatorOptions(host=host)
    assert EmulatorOptions(host=host, allow_remote=True).host == host


def test_options_validation() -> None:
    with pytest.raises(ValueError, match="port"):
        Emulator(port=70000)
    with pytest.raises(ValueError, match="error_rate"):
        Emulator(error_rate=1.5)
    with pytest.raises(ValueError, match="ImageId"):
        Emulator(catalog=[{"ImageName": "x"}])


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("error_rate", 2, "error_rate must be between 0 and 1, got 2"),
        ("error_rate", float("nan"), "error_rate must be a finite number, got nan"),
        ("lost_response_rate", -0.1, "lost_response_rate must be between 0 and 1"),
        ("latency_ms", -5, "latency_ms must be >= 0, got -5"),
        ("latency_ms", float("inf"), "latency_ms must be a finite number"),
        ("latency_ms", "10", "latency_ms must be a finite number, got '10'"),
        ("rate_limit", -1, "rate_limit must be an integer >= 0"),
        ("rate_limit", 2.5, "rate_limit must be an integer >= 0"),
        ("rate_limit", True, "rate_limit must be an integer >= 0"),
        ("step_seconds", -1, "step_seconds must be >= 0"),
        ("run_seconds", float("nan"), "run_seconds must be a finite number"),
        ("seed", "seven", "seed must be an integer"),
        ("clock_skew_s", -1, "clock_skew_s must be an integer >= 0"),
        ("extra_regions", ("Mars",), "'Mars' is not a region name"),
        ("extra_regions", "ap-moon", "extra_regions must be a tuple of region names"),
        ("port", "8080", "port must be an integer between 0 and 65535, got '8080'"),
    ],
)
def test_every_option_is_range_checked(option: str, value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        EmulatorOptions(**{option: value})


def test_regions_served_are_tione_regions_and_extra_ones() -> None:
    regions = EmulatorOptions(extra_regions=("ap-moon", "ap-guangzhou")).regions
    assert regions[-1] == "ap-moon"
    assert {"ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore"} <= set(regions)
    assert len(regions) == len(set(regions))


def test_lifecycle() -> None:
    server = Emulator(rate_limit=0)
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.url
    with server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server.host_port == f"127.0.0.1:{server.port}"
        with pytest.raises(RuntimeError, match="already started"):
            server.start()
    server.stop()


def test_ipv6_loopback() -> None:
    try:
        server = Emulator(host="::1", rate_limit=0).start()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with server:
        assert server.url == f"http://[::1]:{server.port}"
