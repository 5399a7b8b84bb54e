"""Per-process catalog cache and the plain lookup functions built on it.

One process (a CLI run, a script, or the Pulumi provider process of one deployment) fetches each
catalog once per (endpoint, region, workspace, credentials): ``ceil(size / 100)`` requests however
many lookups follow. Concurrent callers of the same key share one in-flight fetch (single-flight);
a failed fetch is reported to everyone waiting on it and is not cached. All API calls of the
process share one client-side rate limiter per SecretId (default 20 requests/s,
``TIONE_MAX_RPS`` or stack config ``tione:maxRequestsPerSecond`` to change it). A listing is
bounded (``ListingLimits``): stack config ``tione:maxCatalogImages`` / env
``TIONE_MAX_CATALOG_IMAGES`` (default 10,000 images) and ``tione:listingTimeout`` / env
``TIONE_LISTING_TIMEOUT`` (default 300 s).

This module holds the project's only process-wide mutable state: ``PROCESS`` (catalogs, resolved
settings, rate limiters and the stack config given to the provider's ``configure()``).
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from pulumi_tione._echo import echo
from pulumi_tione.api.client import ListingLimits, RateLimiter, TioneClient
from pulumi_tione.api.credentials import Settings, SourcedConfig, resolve_settings
from pulumi_tione.errors import ConfigurationError

from .models import ImageFilter, ImageQuery, PlatformImageInfo
from .resolve import filter_images, resolve

__all__ = [
    "PROCESS",
    "Catalog",
    "ProcessState",
    "fetch_catalog",
    "list_platform_images",
    "lookup_platform_image",
]

DEFAULT_MAX_RPS = 20.0

CacheKey = tuple[str, str, str, str]
SettingsKey = tuple[tuple[tuple[str, str], ...], str | None, tuple[tuple[str, str], ...], Any]
_ENV_INPUTS = ("TENCENTCLOUD_", "TIONE_", "TCCLI_PROFILE", "HOME")


@dataclass(frozen=True)
class Catalog:
    """A complete catalog listing, and where it came from."""

    images: tuple[PlatformImageInfo, ...]
    endpoint: str
    region: str
    workspace: str | None

    def by_id(self, image_id: str) -> PlatformImageInfo | None:
        """The image with ``image_id``, or None when it is not (or no longer) in the catalog."""
        return next((img for img in self.images if img.image_id == image_id), None)


class ProcessState:
    """The per-process cache of catalogs, rate limiters and stack config (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._catalogs: dict[CacheKey, Future[Catalog]] = {}
        self._limiters: dict[str, RateLimiter] = {}
        self._settings: dict[SettingsKey, Settings | ConfigurationError] = {}
        self._config: dict[str, str] = {}
        self.fetches = 0

    def configure(self, config: Mapping[str, str]) -> None:
        """Remember the stack config (namespaced keys) for lookups made in this process."""
        with self._lock:
            self._config = {k: v for k, v in config.items() if isinstance(v, str)}
            self._settings.clear()

    @property
    def config(self) -> dict[str, str]:
        """A copy of the stack config given to ``configure``."""
        with self._lock:
            return dict(self._config)

    def limiter(self, secret_id: str) -> RateLimiter:
        """The shared rate limiter for one SecretId."""
        with self._lock:
            if secret_id not in self._limiters:
                self._limiters[secret_id] = RateLimiter(_max_rps(self._config))
            return self._limiters[secret_id]

    def clear(self) -> None:
        """Forget every cached catalog and resolved setting (the next lookup starts afresh)."""
        with self._lock:
            self._catalogs.clear()
            self._settings.clear()

    def settings(self, config: Mapping[str, str], region: str | None) -> Settings:
        """Resolved settings for ``config``/``region``, resolved once per distinct input.

        The credential chain may read profile files or ask the CVM metadata service; a deployment
        with thousands of lookups must do that once, not per resource. The key includes every
        environment variable the chain reads, so a changed environment resolves again. A failure
        (no credentials, no region) is remembered too: every resource would fail the same way.
        """
        env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(_ENV_INPUTS)))
        labels = config.cache_key() if isinstance(config, SourcedConfig) else ()
        key: SettingsKey = (tuple(sorted(config.items())), region, env, labels)
        with self._lock:
            cached = self._settings.get(key)
        if cached is None:
            try:
                cached = resolve_settings(config, region)
            except ConfigurationError as e:
                cached = e
            with self._lock:
                self._settings[key] = cached
        if isinstance(cached, ConfigurationError):
            raise cached.with_traceback(None)
        return cached

    def catalog(self, key: CacheKey, fetch: Callable[[], Catalog]) -> Catalog:
        """The cached catalog for ``key``, fetching it once even under concurrent calls."""
        with self._lock:
            future = self._catalogs.get(key)
            owner = future is None
            if future is None:
                future = Future()
                self._catalogs[key] = future
        if owner:
            try:
                future.set_result(fetch())
                with self._lock:
                    self.fetches += 1
            except BaseException as e:
                with self._lock:
                    self._catalogs.pop(key, None)
                future.set_exception(e)
        return future.result()


PROCESS = ProcessState()


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


def fetch_catalog(
    settings: Settings, workspace: str | None = None, *, state: ProcessState = PROCESS
) -> Catalog:
    """The whole catalog for ``settings``/``workspace``, from the process cache or the API."""
    key: CacheKey = (settings.endpoint.url, settings.region, workspace or "",
                     settings.credentials.fingerprint())

    def fetch() -> Catalog:
        client = TioneClient(settings, limiter=state.limiter(settings.credentials.secret_id),
                             limits=listing_limits(state.config))
        images = client.list_images(workspace=workspace)
        return Catalog(tuple(images), settings.endpoint.url, settings.region, workspace)

    return state.catalog(key, fetch)


def settings_for(
    query: ImageFilter, config: Mapping[str, str] | None = None, *, state: ProcessState = PROCESS
) -> Settings:
    """Settings for ``query``: its region argument, then the given (or configured) stack config."""
    return state.settings(state.config if config is None else config, query.region)


def lookup_platform_image(
    *, config: Mapping[str, str] | None = None, state: ProcessState = PROCESS, **query: Any
) -> PlatformImageInfo:
    """Resolve one image (``ImageQuery`` arguments) against the live catalog; raises TioneError."""
    parsed = ImageQuery.parse(query)
    catalog = fetch_catalog(settings_for(parsed, config, state=state), parsed.workspace,
                            state=state)
    return resolve(parsed, catalog.images)


def list_platform_images(
    *, config: Mapping[str, str] | None = None, state: ProcessState = PROCESS, **filters: Any
) -> list[PlatformImageInfo]:
    """Every image matching ``filters`` (``ImageFilter`` arguments), in catalog order."""
    parsed = ImageFilter.parse(filters)
    catalog = fetch_catalog(settings_for(parsed, config, state=state), parsed.workspace,
                            state=state)
    return filter_images(parsed, catalog.images)
