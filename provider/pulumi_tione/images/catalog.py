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

Expiry: in a library process a cached catalog (and the resolved settings, whose temporary
credentials may expire) is reused for ``CATALOG_TTL`` seconds (300), then fetched again on the next
lookup; ``clear_catalog_cache()`` forgets everything at once. The provider process is one
deployment: once the provider's ``configure()`` has run, nothing expires, so every resource of a
deployment is resolved against the same listing however long the deployment takes.

The plain functions (``lookup_platform_image``, ``list_platform_images``) use only the ``config``
they are given (stack-config key names, e.g. ``tione:endpoint``), then the environment and the
profile files; never the stack config given to the provider's ``configure()``, which only the
provider's own lookups (``settings_for``) read.

This module holds the project's only process-wide mutable state: ``PROCESS`` (catalogs, resolved
settings, rate limiters and the stack config given to the provider's ``configure()``).
"""

from __future__ import annotations

import math
import os
import threading
import time
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
    "CATALOG_TTL",
    "PROCESS",
    "Catalog",
    "ProcessState",
    "clear_catalog_cache",
    "fetch_catalog",
    "list_platform_images",
    "lookup_once",
    "lookup_platform_image",
]

DEFAULT_MAX_RPS = 20.0
CATALOG_TTL = 300.0

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
    """The per-process cache of catalogs, rate limiters and stack config (thread-safe).

    ``ttl`` (seconds, None = never) bounds how long a fetched catalog and a resolved setting are
    reused; ``configure()`` (the provider's) turns expiry off for the rest of the process.
    ``clock`` is the monotonic time source.
    """

    def __init__(self, ttl: float | None = CATALOG_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._catalogs: dict[CacheKey, tuple[Future[Catalog], float]] = {}
        self._limiters: dict[str, RateLimiter] = {}
        self._settings: dict[SettingsKey, tuple[Settings | ConfigurationError, float]] = {}
        self._config: dict[str, str] = {}
        self._clock = clock
        self.ttl = ttl
        self.fetches = 0

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
        """Forget every cached catalog and resolved setting (the next lookup starts afresh)."""
        with self._lock:
            self._catalogs.clear()
            self._settings.clear()

    def reset(self) -> None:
        """``clear()``; also forget the provider's stack config and limiters (expiry: ``CATALOG_TTL``)."""
        with self._lock:
            self._catalogs.clear()
            self._settings.clear()
            self._limiters.clear()
            self._config = {}
            self.ttl = CATALOG_TTL

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
            entry = self._settings.get(key)
        cached = entry[0] if entry is not None and self._fresh(entry[1]) else None
        if cached is None:
            try:
                cached = resolve_settings(config, region)
            except ConfigurationError as e:
                cached = e
            with self._lock:
                self._settings[key] = (cached, self._clock())
        if isinstance(cached, ConfigurationError):
            raise cached.with_traceback(None)
        return cached

    def catalog(self, key: CacheKey, fetch: Callable[[], Catalog]) -> Catalog:
        """The cached catalog for ``key``, fetching it once even under concurrent calls (an
        in-flight fetch is shared; a completed one is reused while it is fresh)."""
        with self._lock:
            entry = self._catalogs.get(key)
            usable = entry is not None and (not entry[0].done() or self._fresh(entry[1]))
            future = entry[0] if entry is not None and usable else None
            owner = future is None
            if future is None:
                future = Future()
                self._catalogs[key] = (future, self._clock())
        if owner:
            try:
                result = fetch()
                with self._lock:
                    self.fetches += 1
                    self._catalogs[key] = (future, self._clock())
                future.set_result(result)
            except BaseException as e:
                with self._lock:
                    if self._catalogs.get(key, (None,))[0] is future:
                        del self._catalogs[key]
                future.set_exception(e)
        return future.result()


PROCESS = ProcessState()


def clear_catalog_cache() -> None:
    """Forget this process's cached catalogs and resolved settings: the next lookup fetches afresh."""
    PROCESS.clear()


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
    """The provider's settings for ``query``: its region argument, then ``config`` (default: the
    stack config given to the provider's ``configure()``), the environment, the profile files."""
    return state.settings(state.config if config is None else config, query.region)


def lookup_platform_image(
    *, config: Mapping[str, str] | None = None, state: ProcessState = PROCESS, **query: Any
) -> PlatformImageInfo:
    """Resolve one image (``ImageQuery`` arguments) against the live catalog; raises TioneError.

    ``config`` takes the stack-config key names (``tione:endpoint``, ``tencentcloud:region``,
    ``tencentcloud:secretId``, ...); what it does not set comes from the environment and the
    profile files (docs/configuration.md), never from a Pulumi stack.
    """
    parsed = ImageQuery.parse(query)
    catalog = fetch_catalog(state.settings(_given(config), parsed.region), parsed.workspace, state=state)
    return resolve(parsed, catalog.images)


SERVER_FILTERS = {"name": "ImageName", "image_id": "ImageId"}
"""The query criteria DescribePlatformImages can match itself, exactly: argument -> API filter name."""


def lookup_once(
    *, config: Mapping[str, str] | None = None, state: ProcessState = PROCESS, **query: Any
) -> PlatformImageInfo:
    """``lookup_platform_image`` for a process that makes one lookup and exits (the CLI's ``resolve``).

    A query whose only criteria are ``name`` and/or ``image_id`` asks the API for just the matching
    images (``SERVER_FILTERS``: exact server-side Filters, one request) instead of listing the whole
    catalog. Any other query lists the catalog as ``lookup_platform_image`` does, and so does an
    exact query whose filtered answer holds no match (or more than one page), so that the error
    still names the nearest images of the whole catalog. The image returned, or the error raised,
    is the one the listing would give: the answer is resolved locally with every criterion and
    ``select`` exactly as a listing is, so all it relies on is that the server's answer holds every
    exact match (a looser server-side match, e.g. fuzzy or case-insensitive, changes nothing).
    """
    parsed = ImageQuery.parse(query)
    criteria = parsed.criteria()
    settings = state.settings(_given(config), parsed.region)
    if criteria and set(criteria) <= set(SERVER_FILTERS):
        client = TioneClient(settings, limiter=state.limiter(settings.credentials.secret_id),
                             limits=listing_limits(state.config))
        page = client.describe_page(workspace=parsed.workspace,
                                    filters={SERVER_FILTERS[k]: v for k, v in criteria.items()})
        if page.total == len(page.images) and filter_images(parsed, page.images):
            return resolve(parsed, page.images)
    return resolve(parsed, fetch_catalog(settings, parsed.workspace, state=state).images)


def list_platform_images(
    *, config: Mapping[str, str] | None = None, state: ProcessState = PROCESS, **filters: Any
) -> list[PlatformImageInfo]:
    """Every image matching ``filters`` (``ImageFilter`` arguments), in catalog order; ``config``
    as for ``lookup_platform_image``."""
    parsed = ImageFilter.parse(filters)
    catalog = fetch_catalog(state.settings(_given(config), parsed.region), parsed.workspace, state=state)
    return filter_images(parsed, catalog.images)


_CONFIG_KEYS = ("tione:endpoint", "tencentcloud:region", "tencentcloud:secretId")
_LIBRARY_HINTS = {
    "tencentcloud:region": "region='ap-guangzhou', config={'tencentcloud:region': ...} or env "
                           "TENCENTCLOUD_REGION",
    "tencentcloud:secretKey": "env TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or "
                              "config={'tencentcloud:secretId': ..., 'tencentcloud:secretKey': ...}",
}


def _given(config: Mapping[str, str] | None) -> SourcedConfig:
    """A library caller's ``config``, labelled as such in messages (it is no Pulumi stack config)."""
    if isinstance(config, SourcedConfig):
        return config
    return SourcedConfig(config or {}, labels={k: f"config {k}" for k in _CONFIG_KEYS}, hints=_LIBRARY_HINTS)
