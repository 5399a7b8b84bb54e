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

This module holds the project's only process-wide mutable state: ``PROCESS`` (catalogs, and from
``api.process.ApiProcess`` the resolved settings, rate limiters, the stack config given to the
provider's ``configure()`` and the client factory every API client is built with).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from pulumi_tione.api.credentials import Settings, SourcedConfig
from pulumi_tione.api.process import DEFAULT_MAX_RPS, ApiProcess, listing_limits, refuse_to_wait
from pulumi_tione.errors import MalformedResponseError

from .models import ImageFilter, ImageQuery, PlatformImageInfo
from .pattern import exact_names
from .resolve import filter_images, pick, resolve

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "CATALOG_TTL",
    "DEFAULT_MAX_RPS",
    "PROCESS",
    "RESOLVED_MEMO",
    "Catalog",
    "ProcessState",
    "clear_catalog_cache",
    "fetch_catalog",
    "list_platform_images",
    "listing_limits",
    "lookup_once",
    "lookup_platform_image",
    "parse_images",
]

CATALOG_TTL = 300.0

CacheKey = tuple[str, str, str, str]


RESOLVED_MEMO = 4096
"""How many distinct successful queries one ``Catalog`` remembers the answer of."""


@dataclass(frozen=True)
class Catalog:
    """A complete catalog listing, and where it came from; immutable, so it can answer fast.

    ``filter``/``resolve`` give exactly what ``resolve.filter_images``/``resolve.resolve`` give for
    ``images``, faster: ``name`` and ``image_id`` narrow the candidates through indexes built once
    (in catalog order), and ``resolve`` remembers the image each distinct ``ImageQuery`` picked
    (at most ``RESOLVED_MEMO``; the oldest are forgotten first). A failure is never remembered:
    its message is rebuilt each time (it is spelled for the front end that asks: ``_spelling``).
    """

    images: tuple[PlatformImageInfo, ...]
    endpoint: str
    region: str
    workspace: str | None
    _ids: dict[str, tuple[PlatformImageInfo, ...]] = field(init=False, repr=False, compare=False)
    _names: dict[str, tuple[PlatformImageInfo, ...]] = field(init=False, repr=False, compare=False)
    _resolved: dict[ImageQuery, PlatformImageInfo] = field(init=False, repr=False, compare=False)
    _lock: threading.Lock = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids: dict[str, list[PlatformImageInfo]] = {}
        names: dict[str, list[PlatformImageInfo]] = {}
        for img in self.images:
            ids.setdefault(img.image_id, []).append(img)
            if img.image_name is not None:
                names.setdefault(img.image_name, []).append(img)
        object.__setattr__(self, "_ids", {k: tuple(v) for k, v in ids.items()})
        object.__setattr__(self, "_names", {k: tuple(v) for k, v in names.items()})
        object.__setattr__(self, "_resolved", {})
        object.__setattr__(self, "_lock", threading.Lock())

    def by_id(self, image_id: str) -> PlatformImageInfo | None:
        """The image with ``image_id``, or None when it is not (or no longer) in the catalog."""
        found = self._ids.get(image_id)
        return found[0] if found else None

    def filter(self, query: ImageFilter) -> list[PlatformImageInfo]:
        """``filter_images(query, self.images)``: the images satisfying every criterion, in order."""
        candidates: Sequence[PlatformImageInfo] = self.images
        if query.image_id is not None:
            candidates = self._ids.get(query.image_id, ())
        if query.name is not None:
            candidates = (self._names.get(query.name, ()) if query.image_id is None
                          else [img for img in candidates if img.image_name == query.name])
        exact = exact_names(query.name_regex) if query.name_regex is not None else None
        if exact is not None and candidates is self.images:
            first, second = (self._names.get(name, ()) for name in exact)
            candidates = ([img for img in self.images if img.image_name in exact] if first and second
                          else first or second)
        return filter_images(query, candidates)

    def resolve(self, query: ImageQuery) -> PlatformImageInfo:
        """``resolve(query, self.images)``: the one image ``query`` selects, or the typed error."""
        found = self._resolved.get(query)
        if found is not None:
            return found
        found = pick(query, self.filter(query), self.images)
        with self._lock:
            if len(self._resolved) >= RESOLVED_MEMO:
                del self._resolved[next(iter(self._resolved))]
            self._resolved[query] = found
        return found


class ProcessState(ApiProcess):
    """The per-process cache of catalogs on top of the API state (``api.process``; thread-safe).

    ``ttl`` (seconds, None = never) bounds how long a fetched catalog and a resolved setting are
    reused; ``configure()`` (the provider's) turns expiry off for the rest of the process.
    ``clock`` is the monotonic time source.
    """

    def __init__(self, ttl: float | None = CATALOG_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(ttl, clock)
        self._catalogs: dict[CacheKey, tuple[Future[Catalog], float]] = {}
        self.fetches = 0

    def clear(self) -> None:
        """Forget every cached catalog and resolved setting (the next lookup starts afresh)."""
        with self._lock:
            self._catalogs.clear()
        super().clear()

    def reset(self) -> None:
        """``clear()``; also forget the provider's stack config and limiters (expiry: ``CATALOG_TTL``)."""
        with self._lock:
            self._catalogs.clear()
        super().reset()
        self.ttl = CATALOG_TTL

    def catalog(self, key: CacheKey, fetch: Callable[[], Catalog]) -> Catalog:
        """The cached catalog for ``key``, fetching it once even under concurrent calls (an
        in-flight fetch is shared; a completed one is reused while it is fresh). Inside
        ``api.process.cached_only()``, ``WouldWait`` unless a fetched catalog is at hand."""
        with self._lock:
            entry = self._catalogs.get(key)
            usable = entry is not None and (not entry[0].done() or self._fresh(entry[1]))
            future = entry[0] if entry is not None and usable else None
            if future is None or not future.done():
                refuse_to_wait()  # inside cached_only(): a fetch to make or to wait for
            owner = future is None
            if future is None:
                from concurrent.futures import Future  # a one-shot lookup never caches a catalog

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


def fetch_catalog(
    settings: Settings, workspace: str | None = None, *, state: ProcessState = PROCESS
) -> Catalog:
    """The whole catalog for ``settings``/``workspace``, from the process cache or the API."""
    key: CacheKey = (settings.endpoint.url, settings.region, workspace or "",
                     settings.credentials.fingerprint())

    def fetch() -> Catalog:
        infos = state.client(settings).list_images(workspace=workspace)
        return Catalog(tuple(parse_images(infos, settings.endpoint.url)), settings.endpoint.url,
                       settings.region, workspace)

    return state.catalog(key, fetch)


def parse_images(infos: list[dict[str, Any]], endpoint: str) -> list[PlatformImageInfo]:
    """The image models of a listing's ``PlatformImageInfos``; MalformedResponseError naming the
    first malformed member."""
    images = []
    for info in infos:
        try:
            images.append(PlatformImageInfo.model_validate(info))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise MalformedResponseError(
                f"a PlatformImageInfo is malformed ({where}: {first.get('msg')}; ImageId "
                f"{info.get('ImageId')!r})", endpoint=endpoint) from None
    return images


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
    return catalog.resolve(parsed)


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
        page = state.client(settings).describe_page(
            workspace=parsed.workspace, filters={SERVER_FILTERS[k]: v for k, v in criteria.items()})
        images = parse_images(page.images, settings.endpoint.url)
        if page.total == len(images) and filter_images(parsed, images):
            return resolve(parsed, images)
    return fetch_catalog(settings, parsed.workspace, state=state).resolve(parsed)


def list_platform_images(
    *, config: Mapping[str, str] | None = None, state: ProcessState = PROCESS, **filters: Any
) -> list[PlatformImageInfo]:
    """Every image matching ``filters`` (``ImageFilter`` arguments), in catalog order; ``config``
    as for ``lookup_platform_image``."""
    parsed = ImageFilter.parse(filters)
    catalog = fetch_catalog(state.settings(_given(config), parsed.region), parsed.workspace, state=state)
    return catalog.filter(parsed)


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
