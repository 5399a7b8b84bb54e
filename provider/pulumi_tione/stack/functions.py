"""Pulumi-style lookup functions: ``get_platform_image[_output]`` and ``get_platform_images[_output]``.

Shaped like the functions of Pulumi's own providers (``aws.ec2.get_ami`` / ``get_ami_output``):
the plain variant takes plain values and returns an awaitable, typed, frozen result; the
``_output`` variant takes ``pulumi.Input`` values and returns a ``pulumi.Output`` of the result.
They take the same query arguments as the ``PlatformImage``/``PlatformImages`` resources, except
``policy``: a function keeps nothing, so there is nothing to pin.

Unlike a provider function they do not go through the engine (``pulumi.runtime.invoke`` cannot
reach a dynamic provider): the lookup runs in the program's own process with the library, against
the stack's configuration read with ``pulumi.Config`` (``tencentcloud:region``,
``tencentcloud:secretId``/``secretKey``/``securityToken``, ``tione:endpoint``,
``tione:maxRequestsPerSecond``; then the environment and profile chain, as for the resources).
The program process shares one catalog fetch per (endpoint, region, workspace, credentials)
however many calls it makes (``images.catalog.PROCESS``).

Contract:

- a miss raises the library's errors (``InvalidQueryError``, ``ImageNotFoundError``,
  ``AmbiguousImageError``, ``ConfigurationError``, ``ApiError`` ...); an ``_output`` variant fails
  the program with the same error;
- an ``_output`` variant whose inputs are not all known (at preview, an output of a resource not
  created yet) gives an unknown result and makes no API call; a secret input makes it secret;
- results hold no secret: no credential ever appears in a result, a log line or an error.

A result is not kept in state: the function runs again on every preview and up, so it follows
the catalog (use the resources to pin an image and to see drift on refresh).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

import pulumi

from pulumi_tione.api.credentials import Settings
from pulumi_tione.images.catalog import PROCESS, fetch_catalog, settings_for
from pulumi_tione.images.models import ImageFilter, ImageQuery, PlatformImageInfo
from pulumi_tione.stack.image_provider import CONFIG_KEYS

__all__ = [
    "AwaitableGetPlatformImageResult",
    "AwaitableGetPlatformImagesResult",
    "GetPlatformImageResult",
    "GetPlatformImagesImageResult",
    "GetPlatformImagesResult",
    "get_platform_image",
    "get_platform_image_output",
    "get_platform_images",
    "get_platform_images_output",
    "stack_config",
]

_IMAGE_INFO = {"ImageType": "image_type", "ImageUrl": "image_url", "RegistryRegion": "registry_region",
               "RegistryId": "registry_id"}
_R = TypeVar("_R")


@dataclass(frozen=True)
class _ImageFields:
    """One platform image, with the attribute names of the ``PlatformImage`` resource's outputs.

    Results are frozen dataclasses whose lists are tuples. Mappings are plain dicts typed
    ``Mapping`` (read-only) and left out of the hash, so ``dataclasses.asdict`` and ``json`` work.
    """

    image_id: str
    image_url: str | None
    image_name: str | None
    image_type: str | None
    framework: str | None
    framework_version: str | None
    support_gpu_list: tuple[str, ...] | None
    image_range: tuple[str, ...] | None
    registry_region: str | None
    registry_id: str | None
    description: str | None
    extra_attributes: Mapping[str, str | tuple[str, ...] | None] = field(hash=False)
    support_distributed_deploy: bool | None
    region_scope: str | None
    image_info: Mapping[str, str] = field(hash=False)
    """TI-ONE's image struct (``ImageType``, ``ImageUrl``, ``RegistryRegion``, ``RegistryId``)."""

    @classmethod
    def _image_kwargs(cls, image: PlatformImageInfo) -> dict[str, Any]:
        attrs = {k: tuple(v) if isinstance(v, list) else v for k, v in image.attributes.items()}
        doc = image.model_dump()
        info = {key: doc[name] for key, name in _IMAGE_INFO.items() if doc[name] is not None}
        return {
            **{name: doc[name] for name in (
                "image_id", "image_url", "image_name", "image_type", "framework", "framework_version",
                "registry_region", "registry_id", "description", "support_distributed_deploy",
                "region_scope")},
            "support_gpu_list": _tuple(image.support_gpu_list),
            "image_range": _tuple(image.image_range),
            "extra_attributes": attrs,
            "image_info": info,
        }


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _plain(result: object, base: type[_R]) -> _R:
    """The same fields as ``result`` in a plain ``base`` (what awaiting an Awaitable result gives)."""
    return base(**{f.name: getattr(result, f.name) for f in fields(base)})  # type: ignore[arg-type]


@dataclass(frozen=True)
class GetPlatformImageResult(_ImageFields):
    """The results of a call to ``get_platform_image``: one image, where and how it was found."""

    region: str
    """The region whose catalog was read."""
    query: Mapping[str, Any] = field(hash=False)
    """The validated query: the arguments that were set, plus ``select``."""

    @classmethod
    def of(cls, image: PlatformImageInfo, query: ImageQuery, region: str) -> AwaitableGetPlatformImageResult:
        """The (awaitable) result for ``image`` picked by ``query`` in ``region``."""
        return AwaitableGetPlatformImageResult(
            **cls._image_kwargs(image), region=region, query=_query_document(query))


class AwaitableGetPlatformImageResult(GetPlatformImageResult):
    """A ``GetPlatformImageResult`` that can also be awaited (as Pulumi's function results can)."""

    def __await__(self) -> Generator[None, None, GetPlatformImageResult]:
        return _plain(self, GetPlatformImageResult)
        yield  # pragma: no cover - makes this a generator, as ``__await__`` must be


@dataclass(frozen=True)
class GetPlatformImagesImageResult(_ImageFields):
    """One image of ``GetPlatformImagesResult.images``."""

    @classmethod
    def of(cls, image: PlatformImageInfo) -> GetPlatformImagesImageResult:
        """The list entry for ``image``."""
        return cls(**cls._image_kwargs(image))


@dataclass(frozen=True)
class GetPlatformImagesResult:
    """The results of a call to ``get_platform_images``: every matching image, in catalog order."""

    images: tuple[GetPlatformImagesImageResult, ...]
    ids: tuple[str, ...]
    names: tuple[str, ...]
    """ImageNames, ``""`` for an image without one (as the resource's ``names`` output)."""
    count: int
    region: str
    query: Mapping[str, Any] = field(hash=False)
    """The validated filters that were set."""

    @classmethod
    def of(cls, images: list[PlatformImageInfo], query: ImageFilter, region: str
           ) -> AwaitableGetPlatformImagesResult:
        """The (awaitable) result for ``images`` matched by ``query`` in ``region``."""
        return AwaitableGetPlatformImagesResult(
            images=tuple(GetPlatformImagesImageResult.of(img) for img in images),
            ids=tuple(img.image_id for img in images),
            names=tuple(img.image_name or "" for img in images),
            count=len(images), region=region, query=_query_document(query))


class AwaitableGetPlatformImagesResult(GetPlatformImagesResult):
    """A ``GetPlatformImagesResult`` that can also be awaited."""

    def __await__(self) -> Generator[None, None, GetPlatformImagesResult]:
        return _plain(self, GetPlatformImagesResult)
        yield  # pragma: no cover - makes this a generator, as ``__await__`` must be


def _query_document(query: ImageFilter) -> Mapping[str, Any]:
    return query.model_dump(exclude_none=True, exclude={"policy"})


def stack_config() -> dict[str, str]:
    """The stack config keys the lookups honour, read with ``pulumi.Config`` (namespaced keys).

    Secret values (``--secret``) are read in plain here, as the provider's ``configure()`` receives
    them; they only ever reach the request signer.
    """
    config: dict[str, str] = {}
    for full_key in CONFIG_KEYS:
        namespace, key = full_key.split(":", 1)
        value = pulumi.Config(namespace).get(key)
        if value is not None and value.strip():
            config[full_key] = value
    return config


def _settings(query: ImageFilter, config: Mapping[str, str]) -> Settings:
    """Settings for ``query`` under the program's stack ``config``.

    The process state adopts ``config`` as the provider's ``configure()`` does in the provider
    process: a program is one deployment too, so its rate limiter follows
    ``tione:maxRequestsPerSecond`` and its catalogs do not expire while it runs.
    """
    if PROCESS.config != dict(config):
        PROCESS.configure(config)
    return settings_for(query, config)


def _lookup(args: Mapping[str, Any], config: Mapping[str, str]) -> AwaitableGetPlatformImageResult:
    query = ImageQuery.parse({k: v for k, v in args.items() if v is not None})
    settings = _settings(query, config)
    image = fetch_catalog(settings, query.workspace).resolve(query)
    return GetPlatformImageResult.of(image, query, settings.region)


def _list(args: Mapping[str, Any], config: Mapping[str, str]) -> AwaitableGetPlatformImagesResult:
    query = ImageFilter.parse({k: v for k, v in args.items() if v is not None})
    settings = _settings(query, config)
    images = fetch_catalog(settings, query.workspace).filter(query)
    return GetPlatformImagesResult.of(images, query, settings.region)


def get_platform_image(
    *,
    name: str | None = None,
    image_id: str | None = None,
    name_regex: str | None = None,
    image_range: str | None = None,
    framework: str | None = None,
    framework_version: str | None = None,
    gpu: str | None = None,
    support_data_pipeline: bool | None = None,
    allow_save_all_content: bool | None = None,
    training_mode: str | None = None,
    support_distributed_deploy: bool | None = None,
    select: str | None = None,
    region: str | None = None,
    workspace: str | None = None,
) -> AwaitableGetPlatformImageResult:
    """Look up one TI-ONE platform image now (at preview and at up); nothing is kept in state.

    Arguments as for ``PlatformImage`` (at least one criterion; ``select`` is ``"unique"`` or
    ``"highest_version"``). Raises ``TioneError`` (e.g. ``ImageNotFoundError``) on a miss.
    """
    return _lookup(dict(locals()), stack_config())


def get_platform_image_output(
    *,
    name: pulumi.Input[str | None] = None,
    image_id: pulumi.Input[str | None] = None,
    name_regex: pulumi.Input[str | None] = None,
    image_range: pulumi.Input[str | None] = None,
    framework: pulumi.Input[str | None] = None,
    framework_version: pulumi.Input[str | None] = None,
    gpu: pulumi.Input[str | None] = None,
    support_data_pipeline: pulumi.Input[bool | None] = None,
    allow_save_all_content: pulumi.Input[bool | None] = None,
    training_mode: pulumi.Input[str | None] = None,
    support_distributed_deploy: pulumi.Input[bool | None] = None,
    select: pulumi.Input[str | None] = None,
    region: pulumi.Input[str | None] = None,
    workspace: pulumi.Input[str | None] = None,
) -> pulumi.Output[GetPlatformImageResult]:
    """``get_platform_image`` over ``Input`` arguments: an unknown input gives an unknown result
    (no API call); the lookup runs off the event loop once every input is known."""
    args = dict(locals())
    return pulumi.Output.all(**args).apply(
        lambda known: _in_thread(_lookup, known, GetPlatformImageResult))


def get_platform_images(
    *,
    name: str | None = None,
    image_id: str | None = None,
    name_regex: str | None = None,
    image_range: str | None = None,
    framework: str | None = None,
    framework_version: str | None = None,
    gpu: str | None = None,
    support_data_pipeline: bool | None = None,
    allow_save_all_content: bool | None = None,
    training_mode: str | None = None,
    support_distributed_deploy: bool | None = None,
    region: str | None = None,
    workspace: str | None = None,
) -> AwaitableGetPlatformImagesResult:
    """Every TI-ONE platform image matching the filters (none: the whole catalog), looked up now.

    Arguments as for ``PlatformImages``. Raises ``TioneError`` on an invalid filter or a failed fetch;
    no match is an empty result, not an error.
    """
    return _list(dict(locals()), stack_config())


def get_platform_images_output(
    *,
    name: pulumi.Input[str | None] = None,
    image_id: pulumi.Input[str | None] = None,
    name_regex: pulumi.Input[str | None] = None,
    image_range: pulumi.Input[str | None] = None,
    framework: pulumi.Input[str | None] = None,
    framework_version: pulumi.Input[str | None] = None,
    gpu: pulumi.Input[str | None] = None,
    support_data_pipeline: pulumi.Input[bool | None] = None,
    allow_save_all_content: pulumi.Input[bool | None] = None,
    training_mode: pulumi.Input[str | None] = None,
    support_distributed_deploy: pulumi.Input[bool | None] = None,
    region: pulumi.Input[str | None] = None,
    workspace: pulumi.Input[str | None] = None,
) -> pulumi.Output[GetPlatformImagesResult]:
    """``get_platform_images`` over ``Input`` arguments (unknown input: unknown result, no API call)."""
    args = dict(locals())
    return pulumi.Output.all(**args).apply(
        lambda known: _in_thread(_list, known, GetPlatformImagesResult))


async def _in_thread(
    lookup: Callable[[Mapping[str, Any], Mapping[str, str]], object], args: Mapping[str, Any], base: type[_R]
) -> _R:
    """``lookup(args, stack config)`` run in a worker thread (the event loop keeps registering
    resources meanwhile), as a plain ``base`` result."""
    config = stack_config()
    return _plain(await asyncio.to_thread(lookup, args, config), base)
