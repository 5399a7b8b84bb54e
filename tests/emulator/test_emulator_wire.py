"""The emulator's HTTP wire format, with raw signed requests: headers, envelope, auth failures."""

from __future__ import annotations

import json
import time

import pytest

from pulumi_tione.emulator import Emulator
from tests.support.sdk import error_of, raw_post, signed_headers_for

BODY = json.dumps({"Limit": 2}).encode()


def test_success_envelope_and_exact_content_type(emu: Emulator) -> None:
    reply = raw_post(emu, BODY, signed_headers_for(emu, BODY))
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    response = reply.json()["Response"]
    assert set(response) == {"TotalCount", "PlatformImageInfos", "RequestId"}
    assert len(response["PlatformImageInfos"]) == 2
    assert len(response["RequestId"]) == 36


def test_error_envelope_shape(emu: Emulator) -> None:
    reply = raw_post(emu, BODY, signed_headers_for(emu, BODY, secret_key="wrong"))
    assert (reply.status, reply.headers["Content-Type"]) == (200, "application/json")
    response = reply.json()["Response"]
    assert set(response) == {"Error", "RequestId"}
    assert set(response["Error"]) == {"Code", "Message"}


def test_tampered_body(emu: Emulator) -> None:
    headers = signed_headers_for(emu, BODY)
    assert error_of(raw_post(emu, b'{"Limit": 3}', headers)) == (
        "AuthFailure.SignatureFailure",
        "The provided credentials could not be validated. Please check your signature is correct.",
    )


def test_host_is_signed_raw(emu: Emulator) -> None:
    headers = signed_headers_for(emu, BODY, host=f"localhost:{emu.port}")
    assert raw_post(emu, BODY, headers).json()["Response"]["TotalCount"] > 100
    headers["Host"] = emu.host_port
    assert error_of(raw_post(emu, BODY, headers))[0] == "AuthFailure.SignatureFailure"


def test_tccli_style_host_with_scheme(emu: Emulator) -> None:
    headers = signed_headers_for(emu, BODY, host=emu.url)
    assert headers["Host"].startswith("http://")
    assert "TotalCount" in raw_post(emu, BODY, headers).json()["Response"]


@pytest.mark.parametrize("skew", [-400, 400])
def test_expired_timestamp(emu: Emulator, skew: int) -> None:
    headers = signed_headers_for(emu, BODY, timestamp=int(time.time()) + skew)
    code, message = error_of(raw_post(emu, BODY, headers))
    assert code == "AuthFailure.SignatureExpire"
    assert "300 seconds" in message


def test_clock_skew_is_configurable(emulator_factory: object) -> None:
    server = emulator_factory(rate_limit=0, clock_skew_s=1000)  # type: ignore[operator]
    headers = signed_headers_for(server, BODY, timestamp=int(time.time()) - 900)
    assert "TotalCount" in raw_post(server, BODY, headers).json()["Response"]


def test_missing_and_garbled_authorization(emu: Emulator) -> None:
    headers = signed_headers_for(emu, BODY)
    garbled = dict(headers, Authorization="TC3-HMAC-SHA256 Credential=broken")
    del headers["Authorization"]
    for h in (headers, garbled):
        assert error_of(raw_post(emu, BODY, h))[0] == "AuthFailure.InvalidAuthorization"


def test_signed_x_tc_action_and_unsigned_payload(emu: Emulator) -> None:
    headers = signed_headers_for(
        emu, BODY, signed_headers=("content-type", "host", "x-tc-action"), unsigned_payload=True
    )
    reply = raw_post(emu, b'{"Limit": 1}', headers)
    assert len(reply.json()["Response"]["PlatformImageInfos"]) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"{not json", "not valid JSON"), (b"[1, 2]", "must be a JSON object")],
)
def test_non_json_body(emu: Emulator, body: bytes, message: str) -> None:
    code, text = error_of(raw_post(emu, body, signed_headers_for(emu, body)))
    assert code == "InvalidParameter"
    assert message in text


def test_empty_body_means_no_parameters(emu: Emulator) -> None:
    reply = raw_post(emu, b"", signed_headers_for(emu, b""))
    assert len(reply.json()["Response"]["PlatformImageInfos"]) == 100


def test_missing_common_parameters(emu: Emulator) -> None:
    for header, parameter in (
        ("X-TC-Action", "Action"),
        ("X-TC-Version", "Version"),
        ("X-TC-Region", "Region"),
    ):
        headers = signed_headers_for(emu, BODY)
        del headers[header]
        code, message = error_of(raw_post(emu, BODY, headers))
        assert (code, f"`{parameter}`" in message) == ("MissingParameter", True)


def test_get_with_a_signed_query_string(emu: Emulator) -> None:
    query = "Filters.0.Name=ImageRange&Filters.0.Values.0=Inference&Filters.0.Negative=True&Limit=3"
    headers = signed_headers_for(
        emu, b"", method="GET", query=query, content_type="application/x-www-form-urlencoded"
    )
    response = raw_post(emu, b"", headers, method="GET", path="/?" + query).json()["Response"]
    assert len(response["PlatformImageInfos"]) == 3
    assert all("Inference" not in (i["ImageRange"] or []) for i in response["PlatformImageInfos"])
    tampered = query.replace("Limit=3", "Limit=4")
    reply = raw_post(emu, b"", headers, method="GET", path="/?" + tampered)
    assert error_of(reply)[0] == "AuthFailure.SignatureFailure"


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ("Limit=ten", "InvalidParameter", "`Limit` must be of type Integer"),
        ("Filters.0.Name=ImageId&Filters.0.Values.0=x&Filters.0.Fuzzy=maybe", "InvalidParameter", "Fuzzy"),
        ("Filters=x&Filters.0.Name=ImageId", "InvalidParameter", "conflicts with `Filters`"),
        ("Limit=1&Limit=2", "InvalidParameter", "more than once"),
        ("0=x", "InvalidParameter", "must name parameters"),
        ("Offset=-1", "InvalidParameterValue", "`Offset`"),
        ("a." * 20_000 + "b=1", "InvalidParameter", "nested too deeply"),
    ],
)
def test_get_query_errors(emu: Emulator, query: str, code: str, message: str) -> None:
    headers = signed_headers_for(
        emu, b"", method="GET", query=query, content_type="application/x-www-form-urlencoded"
    )
    got_code, got_message = error_of(raw_post(emu, b"", headers, method="GET", path="/?" + query))
    assert (got_code, message in got_message) == (code, True)


def test_other_methods_are_unsupported(emu: Emulator) -> None:
    headers = signed_headers_for(emu, BODY, method="PUT")
    code, message = error_of(raw_post(emu, BODY, headers, method="PUT"))
    assert code == "UnsupportedOperation"
    assert "POST" in message


def test_unknown_path_is_404(emu: Emulator) -> None:
    reply = raw_post(emu, BODY, signed_headers_for(emu, BODY), path="/v2/")
    assert reply.status == 404
    assert "/" in reply.json()["error"]


def test_stats_count_error_codes(emu: Emulator) -> None:
    raw_post(emu, BODY, signed_headers_for(emu, BODY))
    raw_post(emu, BODY, signed_headers_for(emu, BODY, secret_key="wrong"))
    raw_post(emu, BODY, signed_headers_for(emu, BODY, secret_key="wrong"))
    stats = emu.stats()
    assert stats["total"] == 3
    assert stats["actions"]["DescribePlatformImages"] == {"ok": 1, "AuthFailure.SignatureFailure": 2}
