"""Hostile wire (issue 10 §2, §3, §8): cut bodies retried, listings bounded, dead endpoints fail fast."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_tione.api.client import ListingLimits, RateLimiter, RetryPolicy, TioneClient
from pulumi_tione.emulator import Emulator
from pulumi_tione.errors import (
    ApiError,
    ListingLimitError,
    MalformedResponseError,
    NetworkError,
    UnreachableEndpointError,
)
from tests.support.config import settings_for
from tests.support.wire import (
    FAST_RETRY,
    NO_RETRY,
    Reply,
    Request,
    ScriptedServer,
    client_for,
    envelope,
    image,
    page_of,
)

ENTRIES = [image(i) for i in range(150)]


def cut_then_whole(cut: Reply) -> ScriptedServer:
    """A server whose first answer is ``cut`` and every later one the real page."""
    def answer(req: Request, n: int) -> Reply:
        if n == 0:
            whole = page_of(ENTRIES, req)
            return Reply(body=whole.body, cut=cut.cut, chunked=cut.chunked)
        return page_of(ENTRIES, req)
    return ScriptedServer(answer)


@pytest.mark.parametrize("cut", [
    Reply(cut=0), Reply(cut=1), Reply(cut=37), Reply(cut=5000),  # shorter than Content-Length
    Reply(chunked=True, cut=0), Reply(chunked=True, cut=20), Reply(chunked=True, cut=4000),
], ids=lambda r: f"{'chunked' if r.chunked else 'length'}-{r.cut}")
def test_a_body_cut_short_is_retried(cut: Reply) -> None:
    with cut_then_whole(cut) as server:
        client = client_for(server.url)
        images = client.list_images()
    assert [i["ImageId"] for i in images] == [e["ImageId"] for e in ENTRIES]
    assert client.stats.retries == 1
    assert len(server.requests) == 3


def test_a_body_always_cut_fails_as_a_network_error_not_a_bug() -> None:
    def always_cut(req: Request, n: int) -> Reply:
        return Reply(body=page_of(ENTRIES, req).body, cut=10)

    with ScriptedServer(always_cut) as server, pytest.raises(NetworkError, match="broke while reading"):
        client_for(server.url, retry=RetryPolicy(max_attempts=3, base_delay=0.001)).list_images()
    assert len(server.requests) == 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.booleans(), st.integers(0, 6000)), max_size=4))
def test_any_sequence_of_cut_bodies_yields_the_whole_catalog(cuts: list[tuple[bool, int]]) -> None:
    lock = threading.Lock()
    remaining = list(cuts)

    def answer(req: Request, n: int) -> Reply:
        whole = page_of(ENTRIES, req)
        with lock:
            if not remaining:
                return whole
            chunked, at = remaining.pop(0)
        return Reply(body=whole.body, cut=min(at, len(whole.body) - 1), chunked=chunked)

    with ScriptedServer(answer) as server:
        images = client_for(server.url).list_images()
    assert [i["ImageId"] for i in images] == [e["ImageId"] for e in ENTRIES]


def test_a_complete_chunked_body_is_read() -> None:
    with ScriptedServer(lambda req, n: Reply(body=page_of(ENTRIES, req).body, chunked=True)) as server:
        assert len(client_for(server.url).list_images()) == len(ENTRIES)


def client_with(url: str, limits: ListingLimits, retry: RetryPolicy = FAST_RETRY) -> TioneClient:
    return TioneClient(settings_for(url), retry=retry, limiter=RateLimiter(0), timeout=5.0, limits=limits)


@pytest.mark.parametrize("total", [10_001, 10**9, 2**63])
def test_a_huge_total_count_fails_at_the_first_page(total: int) -> None:
    def endless(req: Request, n: int) -> Reply:
        offset = int(req.params.get("Offset", 0))
        return envelope({"TotalCount": total, "PlatformImageInfos": [image(offset + i) for i in range(100)]})

    with ScriptedServer(endless) as server, pytest.raises(ListingLimitError, match="more than the 10000"):
        client_for(server.url).list_images()
    assert len(server.requests) == 1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(max_images=st.integers(1, 300), total=st.integers(0, 400), page=st.integers(1, 100))
def test_listing_size_bound(max_images: int, total: int, page: int) -> None:
    """A server paging ``page`` images at a time: within the bound it lists all, else it is refused."""
    entries = [image(i) for i in range(total)]

    def capped(req: Request, n: int) -> Reply:
        offset = int(req.params.get("Offset", 0))
        return envelope({"TotalCount": total, "PlatformImageInfos": entries[offset:offset + page]})

    with ScriptedServer(capped) as server:
        client = client_with(server.url, ListingLimits(max_images=max_images))
        if total > max_images:
            with pytest.raises(ListingLimitError):
                client.list_images()
            assert len(server.requests) == 1
        else:
            assert len(client.list_images()) == total
            assert len(server.requests) == max(1, -(-total // page))


def test_a_listing_that_takes_too_long_stops_at_its_deadline() -> None:
    """One image per page, each page slow: the deadline stops it with a clear error."""
    def trickle(req: Request, n: int) -> Reply:
        offset = int(req.params.get("Offset", 0))
        return Reply(body=envelope({"TotalCount": 5000, "PlatformImageInfos": [image(offset)]}).body,
                     delay=0.05)

    with ScriptedServer(trickle) as server, pytest.raises(ListingLimitError, match=r"longer than 0\.5 s"):
        client_with(server.url, ListingLimits(deadline=0.5)).list_images()
    assert 2 <= len(server.requests) < 5000


def test_retries_stop_at_the_listing_deadline() -> None:
    """A page that keeps failing cannot outlive the listing deadline through its own retry budget."""
    patient = RetryPolicy(max_attempts=10_000, base_delay=0.01, max_delay=0.02, deadline=600.0)
    with ScriptedServer(lambda req, n: Reply(status=503, body=b"busy")) as server, \
            pytest.raises(ApiError, match="gave up"):
        client_with(server.url, ListingLimits(deadline=0.5), retry=patient).list_images()
    assert len(server.requests) < 200


def test_a_page_longer_than_its_limit_is_malformed() -> None:
    many = [image(i) for i in range(101)]
    with ScriptedServer(lambda req, n: envelope({"TotalCount": 101, "PlatformImageInfos": many})) as server, \
            pytest.raises(MalformedResponseError, match="101 images for Limit 100"):
        client_for(server.url, retry=NO_RETRY).list_images()


def test_invalid_listing_limits_are_refused() -> None:
    for bad in ({"max_images": 0}, {"deadline": 0.0}, {"deadline": float("inf")}):
        with pytest.raises(ValueError, match="invalid listing limits"):
            ListingLimits(**bad)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_connection_refused_on_loopback_fails_at_once(host: str) -> None:
    url = f"http://{host}:{closed_port()}"
    slow = RetryPolicy(max_attempts=10, base_delay=5.0, max_delay=5.0, deadline=60.0)
    client = TioneClient(settings_for(url), retry=slow, limiter=RateLimiter(0), timeout=5.0)
    with pytest.raises(UnreachableEndpointError, match=r"nothing listens at .*connection refused"):
        client.list_images()
    assert client.stats.requests == 1
    assert client.stats.retries == 0


def test_https_to_a_plain_http_port_fails_at_once(emu: Emulator) -> None:
    url = emu.url.replace("http://", "https://")
    slow = RetryPolicy(max_attempts=10, base_delay=5.0, max_delay=5.0, deadline=60.0)
    client = TioneClient(settings_for(url), retry=slow, limiter=RateLimiter(0), timeout=5.0)
    with pytest.raises(UnreachableEndpointError, match=r"TLS handshake .* use http://127\.0\.0\.1"):
        client.list_images()
    assert client.stats.requests == 1


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A loopback TLS server with a self-signed certificate that answers 200 with a tiny envelope."""
    where = tmp_path_factory.mktemp("tls")
    key, cert = where / "key.pem", where / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(65536)
                    body = json.dumps({"Response": {"TotalCount": 0, "RequestId": "r"}}).encode()
                    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + str(len(body)).encode() + b"\r\n\r\n" + body)
            except (OSError, ssl.SSLError):
                conn.close()

    worker = threading.Thread(target=serve, daemon=True)
    worker.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    worker.join()
    listener.close()


def test_an_untrusted_certificate_fails_at_once(tls_server: str) -> None:
    slow = RetryPolicy(max_attempts=10, base_delay=5.0, max_delay=5.0, deadline=60.0)
    client = TioneClient(settings_for(f"https://{tls_server}"), retry=slow, limiter=RateLimiter(0),
                         timeout=5.0)
    with pytest.raises(UnreachableEndpointError, match="certificate"):
        client.list_images()
    assert client.stats.requests == 1


def test_plain_http_to_a_tls_port_fails_clearly(tls_server: str) -> None:
    client = TioneClient(settings_for(f"http://{tls_server}"), retry=FAST_RETRY, limiter=RateLimiter(0),
                         timeout=5.0)
    with pytest.raises(ApiError) as info:
        client.list_images()
    assert "https://" in str(info.value)


def test_the_cut_short_seam_is_the_real_wire(tmp_path: Path) -> None:
    """The scripted cut really leaves the body short (guards the seam itself)."""
    with ScriptedServer(lambda req, n: Reply(body=b"x" * 100, cut=10)) as server:
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as s:
            s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            data = b""
            while chunk := s.recv(4096):
                data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"Content-Length: 100" in head
    assert body == b"x" * 10


def nested_body(depth: int, opener: str, leaf: str) -> bytes:
    closer = "]" if opener == "[" else "}"
    return ('{"Response": ' + opener * depth + leaf + closer * depth + "}").encode()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(2, 300_000), opener=st.sampled_from(["[", '{"Error":', '{"TotalCount":']),
       content_type=st.sampled_from(["application/json", "text/plain", "text/html"]))
def test_nested_json_from_an_endpoint_is_a_malformed_response(
    depth: int, opener: str, content_type: str
) -> None:
    body = nested_body(depth, opener, "1")
    with ScriptedServer(lambda req, n: Reply(body=body, content_type=content_type)) as server, \
            pytest.raises(MalformedResponseError):
        client_for(server.url, retry=NO_RETRY).list_images()
