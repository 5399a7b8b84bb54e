"""The official SDK client on an emulator, and raw signed HTTP requests (exact headers and bytes)."""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tione.v20211111 import models, tione_client

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator

from .signing import sign_request


def sdk_client(
    server: Emulator,
    *,
    secret_id: str = DEFAULT_SECRET_ID,
    secret_key: str = DEFAULT_SECRET_KEY,
    token: str | None = None,
    region: str = DEFAULT_REGION,
) -> tione_client.TioneClient:
    """An official TI-ONE SDK client pointed at `server` over plain HTTP."""
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=server.host_port, protocol="http"))
    cred = credential.Credential(secret_id, secret_key, token)
    return tione_client.TioneClient(cred, region, profile)


def describe(client: tione_client.TioneClient, **params: Any) -> models.DescribePlatformImagesResponse:
    """Call DescribePlatformImages with API-named parameters (Filters as plain dicts)."""
    request = models.DescribePlatformImagesRequest()
    request.from_json_string(json.dumps(params))
    return client.DescribePlatformImages(request)


@dataclass
class RawReply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def raw_post(
    server: Emulator,
    body: bytes,
    headers: dict[str, str],
    *,
    method: str = "POST",
    path: str = "/",
) -> RawReply:
    """Send one request with exactly `headers` (Host included) and return status, headers and body."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return RawReply(response.status, dict(response.getheaders()), response.read())
    finally:
        conn.close()


def signed_headers_for(server: Emulator, body: bytes, **overrides: Any) -> dict[str, str]:
    """Headers of a correctly signed DescribePlatformImages request for `body`."""
    args: dict[str, Any] = {
        "secret_id": DEFAULT_SECRET_ID,
        "secret_key": DEFAULT_SECRET_KEY,
        "host": server.host_port,
        "action": "DescribePlatformImages",
        "payload": body,
        "timestamp": int(time.time()),
        "region": DEFAULT_REGION,
    }
    args.update(overrides)
    return sign_request(**args)


def error_of(reply: RawReply) -> tuple[str, str]:
    """(Code, Message) of an error envelope."""
    error = reply.json()["Response"]["Error"]
    return error["Code"], error["Message"]
