"""The process-wide API state and the one way to build an API client.

``ApiProcess`` holds what every API call of a process shares: the stack config given to the
provider's ``configure()``, the resolved settings (region, endpoint, credentials; resolved once
per distinct input, reused for ``SETTINGS_TTL`` seconds in a library process) and one client-side
rate limiter per SecretId (default 20 requests/s, ``TIONE_MAX_RPS`` or stack config
``tione:maxRequestsPerSecond``). ``ApiProcess.client`` builds every ``TioneClient``, so all of
them share those; ``images.catalog.ProcessState`` adds the catalog cache on top.

Inside ``cached_only()`` nothing may wait on I/O: a setting that is not resolved yet, a catalog
that is not fetched yet (``ProcessState.catalog``) or any API client raises ``WouldWait``
instead. The native plugin runs a check on its event loop that way, and in a worker thread only
when it would wait.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pulumi_tione._echo import echo
from pulumi_tione.errors import ConfigurationError

from .client import ListingLimits, RateLimiter, TioneClient
from .credentials import Settings, SourcedConfig, resolve_settings

__all__ = ["DEFAULT_MAX_RPS", "SETTINGS_TTL", "ApiProcess", "WouldWait", "cached_only", "listing_limits",
           "refuse_to_wait"]

DEFAULT_MAX_RPS = 20.0
SETTINGS_TTL = 300.0

SettingsKey = tuple[tuple[tuple[str, str], ...], str | None, tuple[tuple[str, str], ...], Any]
_ENV_INPUTS = ("TENCENTCLOUD_", "TIONE_", "TCCLI_PROFILE", "HOME")
_CACHED_ONLY: ContextVar[bool] = ContextVar("pulumi_tione_cached_only", default=False)


class WouldWait(BaseException):
    """Raised inside ``cached_only()`` where an answer would need I/O.

    A ``BaseException``, so that no handler of errors (``except Exception``) turns it into a
    failure: it always reaches the ``cached_only()`` caller, which then runs the call where it
    may wait.
    """


@contextmanager
def cached_only() -> Iterator[None]:
    """Inside the block, ``refuse_to_wait()`` raises ``WouldWait`` (see the module docstring)."""
    token = _CACHED_ONLY.set(True)
    try:
        yield
    finally:
        _CACHED_ONLY.reset(token)


def refuse_to_wait() -> None:
    """Raise ``WouldWait`` inside ``cached_only()``; call it before anything that may wait on I/O."""
    if _CACHED_ONLY.get():
        raise WouldWait


_EnvInputs = tuple[tuple[str, str], ...]
_env_seen: tuple[dict[Any, Any] | None, _EnvInputs] = (None, ())


def _env_inputs() -> _EnvInputs:
    """The environment variables the credential chain reads, sorted (part of the settings key).

    Filtering ``os.environ`` costs ~40 us (it decodes every entry); a provider answers thousands
    of lookups with an unchanged environment, so the last answer is reused while CPython's raw
    environment mapping (``os.environ._data``, compared in C) is unchanged.
    """
    global _env_seen
    raw = getattr(os.environ, "_data", None)
    seen, inputs = _env_seen
    if raw is not None and seen is not None and raw == seen:
        return inputs
    snapshot = dict(raw) if isinstance(raw, dict) else None
    inputs = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(_ENV_INPUTS)))
    _env_seen = (snapshot, inputs)
    return inputs


class ApiProcess:
    """The process-wide API state: resolved settings, rate limiters and stack config (thread-safe).

    ``ttl`` (seconds, None = never) bounds how long a resolved setting is reused; ``configure()``
    (the provider's) turns expiry off for the rest of the process. ``clock`` is the monotonic
    time source. ``client()`` is the one way to build an API client: every client of the process
    shares the SecretId's rate limiter and the configured listing bounds.
    """

    def __init__(self, ttl: float | None = SETTINGS_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._limiters: dict[str, RateLimiter] = {}
        self._settings: dict[SettingsKey, tuple[Settings | ConfigurationError, float]] = {}
        self._config: dict[str, str] = {}
        self._clock = clock
        self.ttl = ttl

    def configure(self, config: Mapping[str, str]) -> None:
        """Remember the provider's stack config (namespaced keys) for the provider's lookups; from
        now on this process serves one deployment, so its cached catalogs never expire."""
        values = {k: v for k, v in config.items() if isinstance(v, str)}
        with self._lock:
            self._config = (SourcedConfig(values, labels=config.labels, hints=config.hints)
                            if isinstance(config, SourcedConfig) else values)
            self._settings.clear()
            self.ttl = None

    def _fresh(self, stamp: float) -> bool:
        return self.ttl is None or self._clock() - stamp < self.ttl

    @property
    def config(self) -> dict[str, str]:
        """A copy of the stack config given to ``configure`` (a ``SourcedConfig`` keeps its labels)."""
        with self._lock:
            config = self._config
            if isinstance(config, SourcedConfig):
                return SourcedConfig(config, labels=config.labels, hints=config.hints)
            return dict(config)

    def limiter(self, secret_id: str) -> RateLimiter:
        """The shared rate limiter for one SecretId."""
        with self._lock:
            if secret_id not in self._limiters:
                self._limiters[secret_id] = RateLimiter(_max_rps(self._config))
            return self._limiters[secret_id]

    def clear(self) -> None:
        """Forget every resolved setting (the next call resolves afresh)."""
        with self._lock:
            self._settings.clear()

    def reset(self) -> None:
        """``clear()``; also forget the provider's stack config and limiters (expiry: ``SETTINGS_TTL``)."""
        with self._lock:
            self._settings.clear()
            self._limiters.clear()
            self._config = {}
            self.ttl = SETTINGS_TTL

    def settings(self, config: Mapping[str, str], region: str | None) -> Settings:
        """Resolved settings for ``config``/``region``, resolved once per distinct input.

        The credential chain may read profile files or ask the CVM metadata service; a deployment
        with thousands of lookups must do that once, not per resource. The key includes every
        environment variable the chain reads, so a changed environment resolves again. A failure
        (no credentials, no region) is remembered too: every resource would fail the same way.
        """
        env = _env_inputs()
        labels = config.cache_key() if isinstance(config, SourcedConfig) else ()
        key: SettingsKey = (tuple(sorted(config.items())), region, env, labels)
        with self._lock:
            entry = self._settings.get(key)
        cached = entry[0] if entry is not None and self._fresh(entry[1]) else None
        if cached is None:
            refuse_to_wait()  # profile files, the CVM metadata service
            try:
                cached = resolve_settings(config, region)
            except ConfigurationError as e:
                cached = e
            with self._lock:
                self._settings[key] = (cached, self._clock())
        if isinstance(cached, ConfigurationError):
            raise cached.with_traceback(None)
        return cached

    def client(self, settings: Settings) -> TioneClient:
        """An API client for ``settings`` sharing this process's rate limiter and listing bounds."""
        refuse_to_wait()
        return TioneClient(settings, limiter=self.limiter(settings.credentials.secret_id),
                           limits=listing_limits(self.config))

    def client_for(self, config: Mapping[str, str], region: str | None) -> TioneClient:
        """``client(settings(config, region))``: a client for one region (None: the configured one)."""
        return self.client(self.settings(config, region))


def _number(config: Mapping[str, str], key: str, env: str, default: float, *,
            minimum: float, allowed: str) -> float:
    """A numeric setting from stack config ``key`` > env ``env`` > ``default``, validated."""
    origin, raw = (f"stack config {key}", config.get(key)) if config.get(key) else (
        f"env {env}", os.environ.get(env))
    if not raw or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < minimum:
        raise ConfigurationError(f"{origin} = {echo(raw)} is not {allowed}; set it to e.g. {default:g}")
    return value


def _max_rps(config: Mapping[str, str]) -> float:
    return _number(config, "tione:maxRequestsPerSecond", "TIONE_MAX_RPS", DEFAULT_MAX_RPS, minimum=0,
                   allowed="a number >= 0 (requests per second; 0 disables the limiter)")


def listing_limits(config: Mapping[str, str]) -> ListingLimits:
    """The bounds of one listing: ``tione:maxCatalogImages``/``tione:listingTimeout`` or their env."""
    default = ListingLimits()
    images = _number(config, "tione:maxCatalogImages", "TIONE_MAX_CATALOG_IMAGES",
                     default.max_images, minimum=1, allowed="a number of images >= 1")
    seconds = _number(config, "tione:listingTimeout", "TIONE_LISTING_TIMEOUT", default.deadline,
                      minimum=1, allowed="a number of seconds >= 1")
    return ListingLimits(max_images=int(images), deadline=seconds)
