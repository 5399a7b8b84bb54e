"""Malformed and hostile requests: always an answer (or a clean close), never a traceback on stderr."""

from __future__ import annotations

import socket
import struct
import time

import pytest

from pulumi_tione.emulator import Emulator
from tests.support.sdk import error_of, raw_post, signed_headers_for


def _exchange(server: Emulator, request: bytes) -> bytes:
    """Send raw bytes on a fresh connection and return everything the emulator answers."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("length", ["\u00b2", "1" * 5000, "-5", "12abc"])
def test_bad_content_length_is_413(emu: Emulator, capfd: pytest.CaptureFixture[str], length: str) -> None:
    request = f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n".encode("latin-1")
    assert _exchange(emu, request).startswith(b"HTTP/1.1 413 ")
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    ("timestamp", "code"),
    [
        ("\u00b2", "InvalidParameter"),
        ("9" * 5000, "InvalidParameter"),
        ("9" * 400, "InvalidParameter"),
        (str(int(time.time()) * 1000), "AuthFailure.SignatureExpire"),
    ],
)
def test_bad_timestamp_is_an_error_envelope(
    emu: Emulator, capfd: pytest.CaptureFixture[str], timestamp: str, code: str
) -> None:
    headers = signed_headers_for(emu, b"{}")
    headers["X-TC-Timestamp"] = timestamp
    reply = raw_post(emu, b"{}", headers)
    assert error_of(reply)[0] == code
    assert capfd.readouterr().err == ""


def test_deeply_nested_json_is_invalid_parameter(emu: Emulator, capfd: pytest.CaptureFixture[str]) -> None:
    body = b"[" * 200_000
    reply = raw_post(emu, body, signed_headers_for(emu, body, unsigned_payload=True))
    assert error_of(reply)[0] == "InvalidParameter"
    assert capfd.readouterr().err == ""


def test_client_reset_mid_body_leaves_no_traceback(emu: Emulator, capfd: pytest.CaptureFixture[str]) -> None:
    sock = socket.create_connection(("127.0.0.1", emu.port), timeout=10)
    sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    time.sleep(0.3)
    assert capfd.readouterr().err == ""
    assert "TotalCount" in raw_post(emu, b"{}", signed_headers_for(emu, b"{}")).json()["Response"]


def test_chunked_body_is_refused_not_misread(emu: Emulator) -> None:
    body = b'{"Limit": 1}'
    request = b"POST / HTTP/1.1\r\n" + b"".join(
        f"{name}: {value}\r\n".encode() for name, value in signed_headers_for(emu, body).items()
    )
    request += b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    answer = _exchange(emu, request)
    assert answer.startswith(b"HTTP/1.1 411 ")
    assert answer.count(b"HTTP/1.1") == 1


def test_keep_alive_serves_several_requests_on_one_connection(emu: Emulator) -> None:
    body = b'{"Limit": 1}'
    one = b"POST / HTTP/1.1\r\n" + b"".join(
        f"{name}: {value}\r\n".encode() for name, value in signed_headers_for(emu, body).items()
    )
    one += f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    answer = _exchange(emu, one * 3)
    assert answer.count(b"HTTP/1.1 200 OK") == 3
    assert answer.count(b'"TotalCount"') == 3
