"""``sign_request``: the headers of a TC3-signed API 3.0 request, built from the emulator's own
canonical-request pieces, for tests that send raw requests (the official SDK signs everything else)."""

from __future__ import annotations

from collections.abc import Sequence

from pulumi_tione.emulator.signing import (
    ALGORITHM,
    UNSIGNED_PAYLOAD,
    canonical_request,
    compute_signature,
    sha256_hex,
    string_to_sign,
    utc_date,
)

DEFAULT_SIGNED_HEADERS = ("content-type", "host")


def sign_request(
    *,
    secret_id: str,
    secret_key: str,
    host: str,
    action: str,
    payload: bytes,
    timestamp: int,
    service: str = "tione",
    version: str = "2021-11-11",
    region: str | None = None,
    token: str | None = None,
    content_type: str = "application/json",
    method: str = "POST",
    query: str = "",
    signed_headers: Sequence[str] = DEFAULT_SIGNED_HEADERS,
    unsigned_payload: bool = False,
) -> dict[str, str]:
    """Every header of a TC3-signed API 3.0 request, ``Authorization`` included.

    The returned ``Host`` must be sent exactly as given; `signed_headers` names (lowercase) may include
    any of the returned headers, e.g. ``x-tc-action``.
    """
    headers = {
        "Content-Type": content_type,
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Version": version,
    }
    if region is not None:
        headers["X-TC-Region"] = region
    if token is not None:
        headers["X-TC-Token"] = token
    if unsigned_payload:
        headers["X-TC-Content-SHA256"] = UNSIGNED_PAYLOAD
    lowered = {name.lower(): value for name, value in headers.items()}
    payload_hash = sha256_hex(UNSIGNED_PAYLOAD.encode() if unsigned_payload else payload)
    date = utc_date(timestamp)
    canonical = canonical_request(
        method=method,
        uri="/",
        query=query,
        headers=lowered,
        signed_headers=signed_headers,
        payload_hash=payload_hash,
    )
    signature = compute_signature(
        secret_key, date, service, string_to_sign(timestamp, date, service, canonical)
    )
    headers["Authorization"] = (
        f"{ALGORITHM} Credential={secret_id}/{date}/{service}/tc3_request, "
        f"SignedHeaders={';'.join(signed_headers)}, Signature={signature}"
    )
    return headers
