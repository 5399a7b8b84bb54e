"""TC3-HMAC-SHA256 signing and verification, against the official documentation's test vector."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pulumi_tione.emulator.signing import (
    AuthError,
    canonical_request,
    compute_signature,
    parse_authorization,
    sha256_hex,
    string_to_sign,
    utc_date,
    verify_request,
)
from tests.support.signing import sign_request

DOC_KEY = "Gu5t9xGARNpq86cd98joQYCN3*******"
DOC_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******"
DOC_TS = 1551113065
DOC_CT = "application/json; charset=utf-8"
DOC_PAYLOAD = json.dumps(
    {"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}
)
DOC_SIGNATURE = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"


def test_doc_payload_bytes_are_the_documented_ones() -> None:
    assert DOC_PAYLOAD == (
        '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
    )


def test_official_vector_step_by_step() -> None:
    canonical = canonical_request(
        method="POST",
        uri="/",
        query="",
        headers={"content-type": DOC_CT, "host": "cvm.tencentcloudapi.com"},
        signed_headers=("content-type", "host"),
        payload_hash=sha256_hex(DOC_PAYLOAD.encode()),
    )
    assert utc_date(DOC_TS) == "2019-02-25"
    to_sign = string_to_sign(DOC_TS, "2019-02-25", "cvm", canonical)
    assert compute_signature(DOC_KEY, "2019-02-25", "cvm", to_sign) == DOC_SIGNATURE


def test_official_vector_through_sign_request_and_verify() -> None:
    headers = sign_request(
        secret_id=DOC_ID,
        secret_key=DOC_KEY,
        host="cvm.tencentcloudapi.com",
        action="DescribeInstances",
        payload=DOC_PAYLOAD.encode(),
        timestamp=DOC_TS,
        service="cvm",
        version="2017-03-12",
        region="ap-guangzhou",
        content_type=DOC_CT,
    )
    assert headers["Authorization"] == (
        f"TC3-HMAC-SHA256 Credential={DOC_ID}/2019-02-25/cvm/tc3_request, "
        f"SignedHeaders=content-type;host, Signature={DOC_SIGNATURE}"
    )
    auth = verify_request(
        method="POST",
        uri="/",
        query="",
        headers={k.lower(): v for k, v in headers.items()},
        body=DOC_PAYLOAD.encode(),
        lookup_secret_key={DOC_ID: DOC_KEY}.get,
        service="cvm",
        now=DOC_TS + 299,
    )
    assert (auth.secret_id, auth.date, auth.service, auth.signature) == (
        DOC_ID,
        "2019-02-25",
        "cvm",
        DOC_SIGNATURE,
    )


def _verify(headers: dict[str, str], body: bytes, now: float, key: str = "k") -> str:
    return verify_request(
        method="POST",
        uri="/",
        query="",
        headers={k.lower(): v for k, v in headers.items()},
        body=body,
        lookup_secret_key={"id": key}.get,
        now=now,
    ).secret_id


def _sign(body: bytes = b"{}", **kw: Any) -> dict[str, str]:
    args: dict[str, Any] = {
        "secret_id": "id",
        "secret_key": "k",
        "host": "127.0.0.1:1",
        "action": "DescribePlatformImages",
        "payload": body,
        "timestamp": 1_700_000_000,
    }
    args.update(kw)
    return sign_request(**args)


def test_extra_signed_header_x_tc_action_is_lowercased() -> None:
    headers = _sign(signed_headers=("content-type", "host", "x-tc-action"))
    assert "SignedHeaders=content-type;host;x-tc-action," in headers["Authorization"]
    assert _verify(headers, b"{}", 1_700_000_000) == "id"
    headers["X-TC-Action"] = "describeplatformimages"
    assert _verify(headers, b"{}", 1_700_000_000) == "id"


def test_unsigned_payload_ignores_the_body() -> None:
    headers = _sign(unsigned_payload=True)
    assert headers["X-TC-Content-SHA256"] == "UNSIGNED-PAYLOAD"
    assert _verify(headers, b'{"Limit": 5}', 1_700_000_000) == "id"


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda h: h.update(Host="127.0.0.1:2"), "AuthFailure.SignatureFailure"),
        (
            lambda h: h.update({"Content-Type": "application/json; charset=utf-8"}),
            "AuthFailure.SignatureFailure",
        ),
        (
            lambda h: h.update(
                Authorization=h["Authorization"].replace("Credential=id/", "Credential=nobody/")
            ),
            "AuthFailure.SecretIdNotFound",
        ),
        (
            lambda h: h.update(Authorization=h["Authorization"].replace("/tione/", "/cvm/")),
            "AuthFailure.SignatureFailure",
        ),
        (
            lambda h: h.update(Authorization=h["Authorization"].replace("2023-11-14", "2023-11-13")),
            "AuthFailure.SignatureFailure",
        ),
        (lambda h: h.update({"X-TC-Timestamp": "1700000301"}), "AuthFailure.SignatureExpire"),
        (lambda h: h.pop("X-TC-Timestamp"), "MissingParameter"),
        (lambda h: h.update({"X-TC-Timestamp": "soon"}), "InvalidParameter"),
    ],
)
def test_verification_failures(mutate: object, code: str) -> None:
    headers = _sign()
    mutate(headers)  # type: ignore[operator]
    with pytest.raises(AuthError, match=code.replace(".", r"\.")):
        _verify(headers, b"{}", 1_700_000_000)


def test_wrong_key_and_tampered_body() -> None:
    headers = _sign(b'{"Limit": 1}')
    with pytest.raises(AuthError, match=r"AuthFailure\.SignatureFailure"):
        _verify(headers, b'{"Limit": 1}', 1_700_000_000, key="other")
    with pytest.raises(AuthError, match=r"could not be validated"):
        _verify(headers, b'{"Limit": 2}', 1_700_000_000)


def test_clock_window_is_300_seconds_both_ways() -> None:
    headers = _sign()
    assert _verify(headers, b"{}", 1_700_000_000 + 300) == "id"
    assert _verify(headers, b"{}", 1_700_000_000 - 300) == "id"
    with pytest.raises(AuthError, match=r"AuthFailure\.SignatureExpire"):
        _verify(headers, b"{}", 1_700_000_000 - 301)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "Bearer abc",
        "TC3-HMAC-SHA256 Credential=id/2023-11-14/tione/tc3_request, SignedHeaders=content-type;host",
        "TC3-HMAC-SHA256 Credential=id/2023-11-14/tione, SignedHeaders=content-type;host, Signature="
        + "0" * 64,
        "TC3-HMAC-SHA256 Credential=id/2023-11-14/tione/tc3_request, SignedHeaders=host, Signature="
        + "0" * 64,
        "TC3-HMAC-SHA256 Credential=id/2023-11-14/tione/tc3_request, SignedHeaders=content-type;host, "
        "Signature=xyz",
    ],
)
def test_garbled_authorization(value: str | None) -> None:
    with pytest.raises(AuthError, match=r"AuthFailure\.InvalidAuthorization") as info:
        parse_authorization(value)
    assert info.value.code == "AuthFailure.InvalidAuthorization"
