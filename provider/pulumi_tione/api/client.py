"""The only module that imports ``tencentcloud``: calls TI-ONE actions with the SDK.

``TioneClient.call`` sends any TI-ONE action (the workloads use it for the notebook and training
task actions). This layer returns API data (``PlatformImageInfos`` entries as the API's objects,
each checked to be an object with a string ImageId); the image models are built above it
(``images.catalog``). ``TioneClient.list_images`` pages with Limit 100 until ``TotalCount`` is reached and
checks that the pages add up (restarting a bounded number of times if the catalog moves
underneath); a listing is bounded in size and time (``ListingLimits``). Every call goes through a
client-side rate limiter and a retry loop with capped exponential backoff, full jitter and an
overall deadline.
``DescribePlatformImages`` is read-only, so every failure of the wire is retried, including a
response body cut short. ``TencentCloudSDKException`` and the HTTP stack's exceptions are
translated into ``pulumi_tione.errors`` here and nowhere else.

Retrying is safe only for idempotent actions (``call(..., idempotent=True)``, the default: the
Describe*, Modify*, Delete*, Start*/Stop* actions, whose repetition cannot create anything). For a
non-idempotent action (the Create* actions, which take no client token) only a throttle is retried
(RequestLimitExceeded is answered before the action runs); any other transient failure — a
dropped connection, a timeout, a body cut short, HTTP 5xx, InternalError — is raised at once,
because the action may have taken effect: the caller must find out (look the unique name up)
before sending it again.

The SDK's own ``StandardRetryer`` is not used: it has no jitter and no overall deadline, retries
only network errors and RequestLimitExceeded (not InternalError/5xx), and sleeps again after the
final failure.
"""

from __future__ import annotations

import http.client
import json
import logging
import math
import random
import re
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pulumi_tione._echo import clause
from pulumi_tione.errors import (
    ApiError,
    AuthError,
    InconsistentCatalogError,
    ListingLimitError,
    MalformedResponseError,
    NetworkError,
    RequestRejectedError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransientApiError,
    UnreachableEndpointError,
)

from .credentials import Settings

if TYPE_CHECKING:
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

__all__ = ["ListingLimits", "Page", "RateLimiter", "RetryPolicy", "TioneClient", "translate_error"]

log = logging.getLogger("pulumi_tione.client")

ACTION = "DescribePlatformImages"
SERVICE = "tione"
API_VERSION = "2021-11-11"
PAGE_SIZE = 100

_TRANSIENT_PREFIXES = ("InternalError", "ServiceUnavailable", "ResourceUnavailable.ServiceBusy")
_AUTH_PREFIXES = ("AuthFailure", "UnauthorizedOperation", "OperationDenied")
_REJECTED_PREFIXES = (
    "InvalidParameter", "MissingParameter", "UnknownParameter", "InvalidAction", "NoSuchVersion",
    "UnsupportedRegion", "UnsupportedOperation", "InvalidRequest", "UnsupportedProtocol",
)
_NOT_FOUND_PREFIXES = ("ResourceNotFound", "FailedOperation.RecordNotFound")
_CAM_HINT = "grant the CAM policy tione:{action} to this identity"
_HINTS = {
    "AuthFailure": "check the SecretId/SecretKey (and token) and the machine's clock",
    "UnauthorizedOperation": _CAM_HINT,
    "OperationDenied": _CAM_HINT,
    "UnsupportedRegion": "use a region where TI-ONE is available, e.g. ap-guangzhou or ap-shanghai",
    **dict.fromkeys(
        ("InvalidParameter", "MissingParameter", "UnknownParameter"),
        "check the filters, Offset/Limit and workspace (TiProjectId) of the request",
    ),
}
_PARAMETER_HINT = "check the arguments of the request"


class _RedactSecrets(logging.Filter):
    """Strips secrets from the SDK's DEBUG request and response dumps.

    Redacted: X-TC-Token and Authorization headers; the members of ``ImageSecret`` (Password,
    Username, SecretId, KeyId) wherever they appear; and every environment variable ``Value`` in a
    dump that carries ``Envs`` (private values cannot be told apart from public ones there).
    """

    _headers = re.compile(r"(X-TC-Token|Authorization)(['\"]?\s*[:=]\s*['\"]?)[^\n'\"]*", re.I)
    _string = r'"(?:[^"\\]|\\.)*"'
    _members = re.compile(r'("(?:Password|Username|SecretId|KeyId)"\s*:\s*)' + _string)
    _values = re.compile(r'("Value"\s*:\s*)' + _string)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._headers.sub(r"\1\2<redacted>", message)
        redacted = self._members.sub(r'\1"<redacted>"', redacted)
        if '"Envs"' in redacted:
            redacted = self._values.sub(r'\1"<redacted>"', redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def _install_redaction() -> None:
    sdk_logger = logging.getLogger("tencentcloud_sdk_common")
    if not any(isinstance(f, _RedactSecrets) for f in sdk_logger.filters):
        sdk_logger.addFilter(_RedactSecrets())


_install_redaction()


def _sdk_exception() -> type[Exception]:
    """The SDK's exception class (the SDK is imported when a client is first built, not before)."""
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

    cls: type[Exception] = TencentCloudSDKException
    return cls


@dataclass(frozen=True)
class Page:
    """One ``DescribePlatformImages`` response."""

    total: int
    images: list[dict[str, Any]]
    """The ``PlatformImageInfos`` objects as the API sent them."""
    request_id: str | None


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with full jitter inside an overall deadline (seconds).

    ``max_attempts`` bounds failures (errors, 5xx, network); throttles are bounded by the deadline
    alone, since RequestLimitExceeded means "slow down", not "broken".
    """

    max_attempts: int = 10
    base_delay: float = 0.2
    max_delay: float = 5.0
    deadline: float = 60.0
    throttle_delay: float = 0.5

    def delay(self, attempt: int, rng: random.Random, *, throttled: bool = False) -> float:
        """Sleep before retry number ``attempt`` (1-based): uniform in [0, min(cap, base*2^n)].

        After a throttle the sleep is at least ``throttle_delay`` (plus jitter up to as much again):
        TI-ONE counts requests per second, so retrying sooner would only be throttled again.
        """
        backoff = rng.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))
        if throttled:
            return max(backoff, self.throttle_delay * (1 + rng.random()))
        return backoff


@dataclass(frozen=True)
class ListingLimits:
    """Bounds of one catalog listing, whatever the server answers.

    ``max_images``: a TotalCount above it fails at once (TI-ONE's catalog holds a few hundred
    images; a server claiming a billion would otherwise be paged until memory runs out).
    ``deadline``: seconds for the whole listing, every page, retry and restart included (a page
    request already in flight may end up to its 10 s timeout later).
    """

    max_images: int = 10_000
    deadline: float = 300.0

    def __post_init__(self) -> None:
        if self.max_images < 1 or not math.isfinite(self.deadline) or self.deadline <= 0:
            raise ValueError(f"invalid listing limits {self!r}: max_images >= 1, deadline > 0")


@dataclass
class RateLimiter:
    """At most ``rate`` calls per second across threads, in bursts (``rate`` 0 disables it).

    Calls reserve slots in order: a call goes at once unless ``C = max(1, floor(rate))`` calls
    already went (or are reserved) within the last ``W = margin * C / rate`` seconds, in which case
    it waits until the oldest of those leaves the window — a sliding window like the server's, so
    a short burst (the two pages of a catalog) costs no waiting at all. The margin (5 %) keeps the
    server from seeing ``C + 1`` calls within its one-second window when network jitter delays the
    first of them more than the last. The limiter adapts (AIMD): a throttle halves the current
    rate (down to ``floor``), each success adds back ``recovery`` requests/s up to ``rate`` — so
    processes sharing a SecretId settle under the account's limit instead of throttling each other.
    """

    rate: float = 20.0
    margin: float = 1.05
    floor: float = 1.0
    recovery: float = 0.5
    _current: float = field(default=0.0, init=False)
    _slots: deque[float] = field(default_factory=deque, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self._current = self.rate

    def acquire(self) -> float:
        """Block until this call may go; returns the seconds waited."""
        if self.rate <= 0:
            return 0.0
        with self._lock:
            now = time.monotonic()
            capacity = max(1, math.floor(self._current))
            window = self.margin * capacity / self._current
            while self._slots and self._slots[0] <= now - window:
                self._slots.popleft()
            slot = now
            if len(self._slots) >= capacity:
                slot = max(now, self._slots[-capacity] + window)
            self._slots.append(slot)
        wait = slot - now
        if wait > 0:
            time.sleep(wait)
        return wait

    def throttled(self) -> None:
        """The server said RequestLimitExceeded: halve the current rate."""
        with self._lock:
            self._current = max(min(self.floor, self.rate), self._current / 2)

    def succeeded(self) -> None:
        """A call went through: recover towards ``rate``."""
        with self._lock:
            self._current = min(self.rate, self._current + self.recovery)


@dataclass
class CallStats:
    """Counters of one client's traffic (for benchmarks and tests)."""

    requests: int = 0
    retries: int = 0
    throttled: int = 0
    listings_restarted: int = 0


def translate_error(
    exc: TencentCloudSDKException, endpoint: str, action: str = ACTION
) -> ApiError:
    """Map an SDK exception of ``action`` to our error tree, with what to do next."""
    code = str(exc.code or "")
    raw = exc.message or ""
    message = clause(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw))
    request_id = exc.requestId
    if code == "ClientNetworkError":
        return NetworkError(f"cannot reach the TI-ONE endpoint: {_short(message)}",
                            code=code, endpoint=endpoint)
    if code == "ServerNetworkError":
        return ServiceError(f"the TI-ONE endpoint answered with an HTTP error: {_short(message)}",
                            code=code, endpoint=endpoint)
    kwargs: dict[str, Any] = {"code": code, "request_id": request_id, "endpoint": endpoint}
    hint = next((h for prefix, h in _HINTS.items() if code.startswith(prefix)), None)
    if hint and action != ACTION and hint == _HINTS["InvalidParameter"]:
        hint = _PARAMETER_HINT
    hint = hint.format(action=action) if hint else None
    text = f"TI-ONE rejected the request: {message}" + (f"; {hint}" if hint else "")
    if code.startswith(_NOT_FOUND_PREFIXES):
        return ResourceNotFoundError(f"TI-ONE has no such object: {message}", **kwargs)
    if code.startswith("RequestLimitExceeded"):
        return ThrottledError(f"TI-ONE rate limit exceeded: {message}", **kwargs)
    if code.startswith(_TRANSIENT_PREFIXES):
        return ServiceError(f"TI-ONE failed: {message}", **kwargs)
    if code.startswith(_AUTH_PREFIXES):
        return AuthError(text, **kwargs)
    if code.startswith(_REJECTED_PREFIXES):
        return RequestRejectedError(text, **kwargs)
    return ApiError(f"TI-ONE error: {message}", **kwargs)


def _cut_short() -> tuple[type[BaseException], ...]:
    """What reading a streamed body may raise: the SDK reads it after its own network ``try``."""
    import requests
    import urllib3

    return (
        requests.exceptions.RequestException,  # ChunkedEncodingError, ConnectionError, ContentDecoding
        urllib3.exceptions.HTTPError,  # ProtocolError, IncompleteRead, ReadTimeoutError
        http.client.HTTPException,  # IncompleteRead
        OSError,  # ConnectionResetError while the SDK reads the body it streams
    )


def _speaks_tls(netloc: str, timeout: float = 1.0) -> bool:
    """True when a TLS handshake with ``netloc`` succeeds (certificate not checked: only a probe)."""
    parts = urlsplit(f"//{netloc}")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=timeout) as raw, \
                context.wrap_socket(raw, server_hostname=parts.hostname):
            return True
    except (OSError, ValueError):
        return False


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it wraps (cause, context, urllib3's ``reason``, ``args``)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 50:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        linked = [e.__cause__, e.__context__, getattr(e, "reason", None), *e.args]
        todo += [x for x in linked if isinstance(x, BaseException)]


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "..."


def _bypass_proxies(sdk: Any) -> None:
    """Reach a loopback endpoint directly: no proxy can reach it, yet the SDK would use HTTP_PROXY
    for it (its NO_PROXY test compares ``host:port`` verbatim, so ``NO_PROXY=127.0.0.1`` misses)."""
    conn = sdk.request.conn
    conn.proxy = None
    conn._session.trust_env = False


def _sdk_client(settings: Settings, timeout: float) -> Any:
    """The SDK's generic client for TI-ONE 2021-11-11 (``CommonClient``: the same signing and
    transport as ``tione_client.TioneClient``, without importing the 1 MB ``tione`` models module)."""
    from tencentcloud.common import credential
    from tencentcloud.common.common_client import CommonClient
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile

    creds = settings.credentials
    http = HttpProfile(endpoint=settings.endpoint.netloc, protocol=settings.endpoint.scheme,
                       reqTimeout=timeout)
    return CommonClient(
        SERVICE, API_VERSION,
        credential.Credential(creds.secret_id, creds.secret_key, creds.token),
        settings.region,
        ClientProfile(httpProfile=http, language="en-US"),
    )


class TioneClient:
    """A TI-ONE API client bound to one endpoint, region and identity."""

    def __init__(
        self,
        settings: Settings,
        *,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
        timeout: float = 10.0,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
        limits: ListingLimits | None = None,
    ) -> None:
        self.settings = settings
        self.retry = retry or RetryPolicy()
        self.limits = limits or ListingLimits()
        self.limiter = limiter or RateLimiter()
        self.stats = CallStats()
        self._rng = rng or random.Random()
        self._sleep = sleep
        self._sdk = _sdk_client(settings, timeout)
        if settings.endpoint.is_loopback:
            _bypass_proxies(self._sdk)
        self._speaks_tls: bool | None = None

    @property
    def endpoint(self) -> str:
        """The endpoint URL, for messages."""
        return self.settings.endpoint.url

    def describe_page(self, *, offset: int = 0, limit: int = PAGE_SIZE, workspace: str | None = None,
                      deadline: float | None = None, filters: Mapping[str, str] | None = None) -> Page:
        """One ``DescribePlatformImages`` call, retried within the policy's budget.

        ``deadline`` (a ``time.monotonic()`` instant) cuts the retries short for a listing's bound.
        ``filters`` (API filter name -> one exact value, e.g. ``{"ImageName": ...}``) become the
        request's ``Filters`` (AND across filters, exact match): the server answers only those images.
        """
        params: dict[str, Any] = {"Offset": offset, "Limit": limit}
        if workspace:
            params["TiProjectId"] = workspace
        if filters:
            params["Filters"] = [{"Name": name, "Values": [value]} for name, value in filters.items()]
        return self._parse(self._call_with_retries(ACTION, params, deadline), limit)

    def call(self, action: str, params: Mapping[str, Any], *, idempotent: bool = True) -> dict[str, Any]:
        """Send ``action`` and return its ``Response`` object (errors raised as ``TioneError``).

        ``idempotent=False`` (Create* actions): only throttles are retried; any other transient
        failure is raised at once, since the action may have happened (see the module docstring).
        """
        return self._call_with_retries(action, dict(params), idempotent=idempotent)

    def list_images(self, *, workspace: str | None = None, max_restarts: int = 3) -> list[dict[str, Any]]:
        """The whole catalog, paged with Limit 100; never a partial or torn listing.

        Raises ListingLimitError past ``self.limits`` (too many images, or too long).
        """
        deadline = time.monotonic() + self.limits.deadline
        problem = ""
        for _ in range(max_restarts + 1):
            images, problem = self._list_once(workspace, deadline)
            if not problem:
                return images
            self.stats.listings_restarted += 1
            log.info("catalog changed while paging (%s); restarting the listing", problem)
        raise InconsistentCatalogError(
            f"the TI-ONE catalog kept changing while it was paged ({problem}) on "
            f"{max_restarts + 1} attempts; try again in a minute",
            endpoint=self.endpoint,
        )

    def _list_once(self, workspace: str | None, deadline: float) -> tuple[list[dict[str, Any]], str]:
        first = self._page(workspace, 0, deadline)
        total, images = first.total, list(first.images)
        if total > self.limits.max_images:
            raise ListingLimitError(
                f"the endpoint reports TotalCount {total}, more than the {self.limits.max_images} "
                "images a listing may hold; check the endpoint (TI-ONE's catalog holds a few "
                "hundred images) or raise the limit (tione:maxCatalogImages / TIONE_MAX_CATALOG_IMAGES)",
                request_id=first.request_id, endpoint=self.endpoint,
            )
        while len(images) < total:
            page = self._page(workspace, len(images), deadline)
            if page.total != total:
                return [], f"TotalCount moved from {total} to {page.total}"
            if not page.images:
                return [], f"empty page at offset {len(images)} of {total}"
            images += page.images
        ids = {img["ImageId"] for img in images}
        if len(images) != total or len(ids) != len(images):
            return [], f"{len(images)} images ({len(ids)} distinct ids) for TotalCount {total}"
        return images, ""

    def _page(self, workspace: str | None, offset: int, deadline: float) -> Page:
        if time.monotonic() >= deadline:
            raise ListingLimitError(
                f"listing the catalog took longer than {self.limits.deadline:g} s (stopped at offset "
                f"{offset}); the endpoint is too slow or keeps failing: try again later or raise "
                "the limit (tione:listingTimeout / TIONE_LISTING_TIMEOUT)",
                endpoint=self.endpoint,
            )
        return self.describe_page(offset=offset, workspace=workspace, deadline=deadline)

    def _call_with_retries(
        self, action: str, params: dict[str, Any], deadline: float | None = None, *, idempotent: bool = True
    ) -> dict[str, Any]:
        """Call until success; failures count against ``max_attempts``, throttles only the deadline.

        A failure no retry can mend (``UnreachableEndpointError``, see ``_unusable``) is not retried;
        a non-idempotent action is retried after throttles only.
        """
        started = time.monotonic()
        limit = min(started + self.retry.deadline, math.inf if deadline is None else deadline)
        attempt = failures = 0
        while True:
            attempt += 1
            try:
                response = self._call_once(action, params)
            except TransientApiError as e:
                throttled = isinstance(e, ThrottledError)
                if throttled:
                    self.stats.throttled += 1
                    self.limiter.throttled()
                elif not idempotent:
                    raise
                failures += not throttled
                delay = self.retry.delay(attempt, self._rng, throttled=throttled)
                now = time.monotonic()
                if failures >= self.retry.max_attempts or now + delay > limit:
                    raise type(e)(
                        f"{e.summary} — gave up after {attempt} attempt(s) in {now - started:.1f}s",
                        code=e.code, request_id=e.request_id, endpoint=e.endpoint,
                    ) from e
                self.stats.retries += 1
                log.debug("retrying %s after %s (attempt %d, sleeping %.2fs)",
                          action, e.code, attempt, delay)
                self._sleep(delay)
            else:
                self.limiter.succeeded()
                return response

    def _call_once(self, action: str, params: dict[str, Any]) -> dict[str, Any]:
        self.limiter.acquire()
        self.stats.requests += 1
        try:
            body = self._sdk.call(action, params)
        except _sdk_exception() as e:
            raise self._unusable(e) or translate_error(e, self.endpoint, action) from e
        except _cut_short() as e:
            raise NetworkError(f"the connection broke while reading the answer: {_short(str(e))}",
                               code="ResponseCutShort", endpoint=self.endpoint) from e
        except (ValueError, LookupError, TypeError, RecursionError) as e:
            raise self._unparseable(e) from None
        return self._envelope(body, action)

    def _unusable(self, exc: TencentCloudSDKException) -> UnreachableEndpointError | None:
        """A network failure that no retry can mend, or None (then it is retried as transient).

        Connection refused on a loopback endpoint (nothing listens there: no emulator running)
        and a TLS handshake that fails for any reason but an early EOF (https to a plain-http port,
        an untrusted certificate) fail at once. A refused connection to a remote endpoint is
        retried: a load balancer may be restarting.
        """
        if exc.code != "ClientNetworkError":
            return None
        causes = list(_causes(exc))
        url = self.endpoint
        if self.settings.endpoint.is_loopback and any(isinstance(c, ConnectionRefusedError) for c in causes):
            return UnreachableEndpointError(
                f"nothing listens at {url} (connection refused); start the emulator "
                "(`tione-images emulator`) or fix the endpoint", code="ConnectionRefused", endpoint=url)
        tls = next((c for c in causes if isinstance(c, ssl.SSLError)
                    and not isinstance(c, ssl.SSLEOFError | ssl.SSLZeroReturnError)), None)
        if tls is None:
            return self._tls_on_plain_http(causes)
        hint = ("the endpoint does not speak https here; a local emulator speaks plain http: use "
                f"http://{self.settings.endpoint.netloc}" if self.settings.endpoint.is_loopback
                and not isinstance(tls, ssl.SSLCertVerificationError)
                else "check the endpoint's host, port and certificate")
        return UnreachableEndpointError(
            f"the TLS handshake with {url} failed ({_short(str(tls), 120)}); {hint}",
            code="TlsHandshakeFailed", endpoint=url)

    def _tls_on_plain_http(self, causes: list[BaseException]) -> UnreachableEndpointError | None:
        """A plain-http loopback endpoint that dropped the connection: is a TLS server listening?

        Asked once per client, on loopback only (a local probe costs a millisecond); a drop from a
        plain-http server (the emulator's fault injection) stays a retried network error.
        """
        endpoint = self.settings.endpoint
        dropped = any(isinstance(c, ConnectionError | http.client.RemoteDisconnected
                                 | http.client.BadStatusLine) for c in causes)
        if endpoint.scheme != "http" or not endpoint.is_loopback or not dropped:
            return None
        if self._speaks_tls is None:
            self._speaks_tls = _speaks_tls(endpoint.netloc)
        if not self._speaks_tls:
            return None
        return UnreachableEndpointError(
            f"{endpoint.url} speaks TLS, not plain http; use https://{endpoint.netloc}",
            code="TlsHandshakeFailed", endpoint=endpoint.url)

    def _unparseable(self, exc: Exception) -> MalformedResponseError:
        """The SDK's own error check choked on an ``application/json`` body: say what was wrong."""
        if isinstance(exc, json.JSONDecodeError):
            what = f"the endpoint returned a body that is not JSON: {_short(exc.doc, 120)!r}"
        elif isinstance(exc, RecursionError):
            what = "the endpoint returned JSON nested too deeply to be a TI-ONE response"
        elif isinstance(exc, KeyError) and exc.args and exc.args[0] != "Response":
            what = f"the error response has no {exc.args[0]}"
        else:
            what = "the response has no Response object (or its Error is not an object)"
        return MalformedResponseError(what, endpoint=self.endpoint)

    def _envelope(self, body: bytes | str, action: str = ACTION) -> dict[str, Any]:
        """The ``Response`` object of a body the SDK passed through; API errors are raised."""
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        try:
            document = json.loads(text)
        except RecursionError:
            raise MalformedResponseError(
                "the endpoint returned JSON nested too deeply to be a TI-ONE response",
                endpoint=self.endpoint) from None
        except ValueError:
            raise MalformedResponseError(
                f"the endpoint returned a body that is not JSON: {_short(text, 120)!r}",
                endpoint=self.endpoint,
            ) from None
        response = document.get("Response") if isinstance(document, dict) else None
        if not isinstance(response, dict):
            raise MalformedResponseError("the response has no Response object",
                                         endpoint=self.endpoint)
        request_id = response.get("RequestId")
        if "Error" not in response:
            return response
        error = response["Error"]
        code = error.get("Code") if isinstance(error, dict) else None
        if not isinstance(code, str) or not code:
            raise MalformedResponseError(
                "the response has an Error without a Code", endpoint=self.endpoint,
                request_id=request_id if isinstance(request_id, str) else None,
            )
        sdk_error = _sdk_exception()(code, error.get("Message"), request_id)
        raise translate_error(sdk_error, self.endpoint, action)

    def _parse(self, response: dict[str, Any], limit: int) -> Page:
        request_id = response.get("RequestId")
        request_id = request_id if isinstance(request_id, str) else None
        total, infos = response.get("TotalCount"), response.get("PlatformImageInfos")
        if isinstance(total, bool) or not isinstance(total, int) or total < 0:
            raise MalformedResponseError(f"TotalCount is {total!r}, not a count",
                                         request_id=request_id, endpoint=self.endpoint)
        if infos is None:
            infos = []
        if not isinstance(infos, list):
            raise MalformedResponseError("PlatformImageInfos is not a list",
                                         request_id=request_id, endpoint=self.endpoint)
        if len(infos) > limit:
            raise MalformedResponseError(f"a page holds {len(infos)} images for Limit {limit}",
                                         request_id=request_id, endpoint=self.endpoint)
        for index, info in enumerate(infos):
            image_id = info.get("ImageId") if isinstance(info, dict) else None
            if not isinstance(image_id, str) or not image_id:
                why = f"ImageId: {image_id!r} is no image id" if isinstance(info, dict) else \
                    f"{index}: not an object"
                raise MalformedResponseError(
                    f"a PlatformImageInfo is malformed ({why})",
                    request_id=request_id, endpoint=self.endpoint,
                )
        return Page(total, [dict(info) for info in infos], request_id)
