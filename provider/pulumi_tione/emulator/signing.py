"""TC3-HMAC-SHA256, the Tencent Cloud API 3.0 request signature: signing and verification.

`verify_request` checks a received request the way the real endpoint does and raises `AuthError`
(carrying the cloud's error code) when it does not hold; the pieces it is built from are public so
that a client-side signer (the tests' ``tests/support/signing.py``) shares them.

Canonical form, per the Tencent Cloud signature v3 documentation (fields joined by newlines)::

    canonical request = METHOD, URI, QUERY, CANONICAL_HEADERS, SIGNED_HEADERS, hex(sha256(payload))
    string to sign    = "TC3-HMAC-SHA256", TIMESTAMP, DATE/SERVICE/tc3_request, hex(sha256(canonical))
    signing key       = HMAC(HMAC(HMAC("TC3" + key, DATE), SERVICE), "tc3_request")

Canonical headers use the names listed in the ``SignedHeaders`` part of the Authorization header
(lowercased, in the order given) and the values exactly as received, stripped of surrounding
blanks; only the value of ``x-tc-action`` is lowercased. The Host value is therefore the raw one:
tccli with ``--endpoint http://127.0.0.1:PORT`` sends and signs ``Host: http://127.0.0.1:PORT``.
With ``X-TC-Content-SHA256: UNSIGNED-PAYLOAD`` the payload hash is that of the literal string
``UNSIGNED-PAYLOAD``, as the official SDK computes it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

ALGORITHM = "TC3-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"

SIGNATURE_FAILURE_MESSAGE = (
    "The provided credentials could not be validated. Please check your signature is correct."
)

_TIMESTAMP_RE = re.compile(r"[0-9]{1,18}")
_AUTH_RE = re.compile(
    r"^TC3-HMAC-SHA256\s+Credential=(?P<cred>[^,\s]+),\s*SignedHeaders=(?P<signed>[^,\s]+),"
    r"\s*Signature=(?P<sig>[0-9a-fA-F]{64})\s*$"
)


class AuthError(Exception):
    """A request that fails authentication; `code` is the Tencent Cloud error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Authorization:
    """The parts of a parsed ``Authorization: TC3-HMAC-SHA256 ...`` header."""

    secret_id: str
    date: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def sha256_hex(data: bytes) -> str:
    """Lowercase hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def utc_date(timestamp: int) -> str:
    """The UTC calendar date (YYYY-MM-DD) of a Unix timestamp, as used in the credential scope."""
    return datetime.fromtimestamp(timestamp, tz=UTC).strftime("%Y-%m-%d")


def signing_key(secret_key: str, date: str, service: str) -> bytes:
    """The derived TC3 signing key for one day and one service."""
    k_date = hmac.new(("TC3" + secret_key).encode(), date.encode(), hashlib.sha256).digest()
    k_service = hmac.new(k_date, service.encode(), hashlib.sha256).digest()
    return hmac.new(k_service, b"tc3_request", hashlib.sha256).digest()


def canonical_header_value(name: str, value: str) -> str:
    """A header value in canonical form: stripped, and lowercased for ``x-tc-action`` only."""
    value = value.strip()
    return value.lower() if name == "x-tc-action" else value


def canonical_request(
    *,
    method: str,
    uri: str,
    query: str,
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    payload_hash: str,
) -> str:
    """The canonical request; `headers` maps lowercased names to raw values (missing ones count as empty)."""
    canonical_headers = "".join(
        f"{name}:{canonical_header_value(name, headers.get(name, ''))}\n" for name in signed_headers
    )
    return "\n".join([method, uri, query, canonical_headers, ";".join(signed_headers), payload_hash])


def string_to_sign(timestamp: int | str, date: str, service: str, canonical: str) -> str:
    """The TC3 string to sign for a canonical request."""
    scope = f"{date}/{service}/tc3_request"
    return f"{ALGORITHM}\n{timestamp}\n{scope}\n{sha256_hex(canonical.encode())}"


def compute_signature(secret_key: str, date: str, service: str, to_sign: str) -> str:
    """Hex HMAC-SHA256 of `to_sign` under the derived signing key."""
    key = signing_key(secret_key, date, service)
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def parse_authorization(value: str | None) -> Authorization:
    """Parse a TC3 Authorization header; raises `AuthError` (AuthFailure.InvalidAuthorization) if garbled."""
    match = _AUTH_RE.match(value or "")
    if match is None:
        raise AuthError(
            "AuthFailure.InvalidAuthorization",
            "Authorization header is missing or does not follow the TC3-HMAC-SHA256 format "
            "`TC3-HMAC-SHA256 Credential=SecretId/Date/Service/tc3_request, "
            "SignedHeaders=content-type;host, Signature=...`.",
        )
    parts = match["cred"].split("/")
    if len(parts) != 4 or parts[3] != "tc3_request" or not all(parts):
        raise AuthError(
            "AuthFailure.InvalidAuthorization",
            "Credential in the Authorization header must be `SecretId/Date/Service/tc3_request`.",
        )
    signed = tuple(match["signed"].lower().split(";"))
    if "content-type" not in signed or "host" not in signed or "" in signed:
        raise AuthError(
            "AuthFailure.InvalidAuthorization",
            "SignedHeaders in the Authorization header must include content-type and host.",
        )
    return Authorization(parts[0], parts[1], parts[2], signed, match["sig"].lower())


def verify_request(
    *,
    method: str,
    uri: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    lookup_secret_key: Callable[[str], str | None],
    service: str = "tione",
    now: float,
    clock_skew_s: int = 300,
) -> Authorization:
    """Verify a received request's TC3 signature and return its parsed Authorization.

    `headers` maps lowercased header names to raw received values. Checks, in order: the header's
    shape (InvalidAuthorization), the timestamp window (SignatureExpire), the credential scope
    (SignatureFailure), the SecretId (SecretIdNotFound), the signature (SignatureFailure).
    """
    auth = parse_authorization(headers.get("authorization"))
    raw_ts = headers.get("x-tc-timestamp", "").strip()
    if not _TIMESTAMP_RE.fullmatch(raw_ts):
        raise AuthError(
            "MissingParameter" if not raw_ts else "InvalidParameter",
            "The request is missing a required parameter `Timestamp`."
            if not raw_ts
            else "The parameter `Timestamp` must be a Unix timestamp in seconds.",
        )
    timestamp = int(raw_ts)
    if abs(now - timestamp) > clock_skew_s:
        raise AuthError(
            "AuthFailure.SignatureExpire",
            f"Signature expired. Timestamp {timestamp} and server time {int(now)} differ by more "
            f"than {clock_skew_s} seconds; please check that your local time is synchronized.",
        )
    if auth.date != utc_date(timestamp) or auth.service != service:
        raise AuthError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE_MESSAGE)
    secret_key = lookup_secret_key(auth.secret_id)
    if secret_key is None:
        raise AuthError(
            "AuthFailure.SecretIdNotFound",
            "The SecretId is not found, please ensure that your SecretId is correct.",
        )
    unsigned = headers.get("x-tc-content-sha256", "").strip() == UNSIGNED_PAYLOAD
    payload_hash = sha256_hex(UNSIGNED_PAYLOAD.encode() if unsigned else body)
    canonical = canonical_request(
        method=method,
        uri=uri,
        query=query,
        headers=headers,
        signed_headers=auth.signed_headers,
        payload_hash=payload_hash,
    )
    expected = compute_signature(
        secret_key, auth.date, service, string_to_sign(raw_ts, auth.date, service, canonical)
    )
    if not hmac.compare_digest(expected, auth.signature):
        raise AuthError("AuthFailure.SignatureFailure", SIGNATURE_FAILURE_MESSAGE)
    return auth
