"""Seams for the tests: scripted loopback HTTP servers and small builders.

``ScriptedServer`` is a real HTTP server on 127.0.0.1 whose answers come from a Python function, so
tests can send crafted TI-ONE envelopes (torn pages, malformed bodies, wrong content types) through
the official SDK, or play the CVM metadata service. It does not verify signatures.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from pulumi_tione.api.client import RateLimiter, RetryPolicy, TioneClient

from .config import settings_for

FAST_RETRY = RetryPolicy(
    max_attempts=8, base_delay=0.001, max_delay=0.005, deadline=5.0, throttle_delay=0.001
)
NO_RETRY = RetryPolicy(max_attempts=1, base_delay=0.001, max_delay=0.001, deadline=5.0, throttle_delay=0.001)
JSON = "application/json"


@dataclass(frozen=True)
class Request:
    """One request as the scripted server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def params(self) -> dict[str, Any]:
        """The JSON body (empty for GET)."""
        return json.loads(self.body) if self.body else {}


@dataclass(frozen=True)
class Reply:
    """A scripted answer; ``delay`` seconds of silence first, ``drop`` closes without answering.

    ``cut`` sends only that many bytes of the body (Content-Length announces all of it) and closes;
    ``chunked`` sends the body as one chunk, and with ``cut`` closes before the last chunk.
    """

    status: int = 200
    body: bytes = b""
    content_type: str = JSON
    drop: bool = False
    delay: float = 0.0
    drip: bool = False
    cut: int | None = None
    chunked: bool = False


Responder = Callable[[Request, int], Reply]


def envelope(payload: dict[str, Any], request_id: str | None = None) -> Reply:
    """A success envelope around ``payload``."""
    response = {**payload, "RequestId": request_id or str(uuid.uuid4())}
    return Reply(body=json.dumps({"Response": response}).encode())


def error_envelope(code: str, message: str, request_id: str = "req-err-1",
                   content_type: str = JSON) -> Reply:
    """An API error envelope (HTTP 200), as TI-ONE sends it."""
    doc = {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}
    return Reply(body=json.dumps(doc).encode(), content_type=content_type)


def image(i: int, **fields: Any) -> dict[str, Any]:
    """A synthetic PlatformImageInfo with ImageId ``img-<i>``."""
    return {"ImageId": f"img-{i:04d}", "ImageName": f"synthetic-{i}", "Framework": "PYTORCH",
            "FrameworkVersion": "2.3", "ImageRange": ["Train"], **fields}


def page_of(entries: list[dict[str, Any]], req: Request, total: int | None = None) -> Reply:
    """The Offset/Limit page of ``entries`` that ``req`` asks for."""
    offset, limit = req.params.get("Offset", 0), req.params.get("Limit", 100)
    return envelope({"TotalCount": len(entries) if total is None else total,
                     "PlatformImageInfos": entries[offset:offset + limit]})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request log."""

    def _answer(self) -> None:
        assert isinstance(self.server, _Server)
        server = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        req = Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                      self.rfile.read(length))
        reply = server.record(req)
        if reply.delay and server.stopping.wait(reply.delay):
            return
        if reply.drop:
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.chunked or reply.cut is not None:
            self._cut(reply)
        elif reply.drip:
            self._drip(server, reply.body)
        else:
            self.wfile.write(reply.body)

    def _cut(self, reply: Reply) -> None:
        body = reply.body if reply.cut is None else reply.body[:reply.cut]
        if reply.chunked:
            body = f"{len(reply.body):x}\r\n".encode() + body
            if reply.cut is None:
                body += b"\r\n0\r\n\r\n"
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = reply.cut is not None

    def _drip(self, server: ScriptedServer, body: bytes) -> None:
        for byte in body:
            if server.stopping.wait(0.3):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: ScriptedServer


@dataclass
class ScriptedServer:
    """A loopback HTTP server answering ``responder(request, n)`` (n = 0-based request number)."""

    responder: Responder
    requests: list[Request] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: _Server | None = None

    def record(self, req: Request) -> Reply:
        """Log ``req`` and compute its reply."""
        with self._lock:
            n = len(self.requests)
            self.requests.append(req)
        return self.responder(req, n)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ScriptedServer:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def client_for(url: str, retry: RetryPolicy = FAST_RETRY, rate: float = 0.0, **kwargs: Any) -> TioneClient:
    """A TioneClient for ``url`` with fast retries and (by default) no client-side rate limit."""
    return TioneClient(settings_for(url, **kwargs), retry=retry, limiter=RateLimiter(rate), timeout=5.0)

