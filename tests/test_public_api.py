"""The curated public surface: ``__all__`` is exactly what the package exports, and it is typed."""

from __future__ import annotations

import ast
import inspect
from importlib import resources

import pytest

import pulumi_tione
from pulumi_tione import errors


def test_all_lists_exactly_the_public_names() -> None:
    assert dir(pulumi_tione) == sorted(set(pulumi_tione.__all__))
    assert all(getattr(pulumi_tione, name) is not None for name in pulumi_tione.__all__)
    loaded = {name for name, value in vars(pulumi_tione).items()
              if not name.startswith("_") and not inspect.ismodule(value)}
    assert loaded - {"annotations", "TYPE_CHECKING", "Any"} == set(pulumi_tione.__all__)


def test_type_checkers_see_every_lazy_name() -> None:
    tree = ast.parse(inspect.getsource(pulumi_tione))
    guarded = next(node for node in tree.body if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
    names = {alias.name for node in guarded.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert names == set(pulumi_tione.__all__)


def test_a_lazy_name_is_the_defining_module_s_object() -> None:
    from pulumi_tione.images.catalog import lookup_platform_image
    from pulumi_tione.stack.resources import PlatformImage

    assert pulumi_tione.lookup_platform_image is lookup_platform_image
    assert pulumi_tione.PlatformImage is PlatformImage
    assert pulumi_tione.TioneError is errors.TioneError


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'PlatformImageX'"):
        _ = pulumi_tione.PlatformImageX


def test_the_design_names_are_exported() -> None:
    for name in ("PlatformImage", "PlatformImages", "lookup_platform_image", "list_platform_images",
                 "ImageQuery", "ExtraAttribute", "TioneError",
                 "get_platform_image", "get_platform_image_output", "get_platform_images",
                 "get_platform_images_output", "GetPlatformImageResult", "GetPlatformImagesResult"):
        assert name in pulumi_tione.__all__


def test_functions_take_the_resources_query_arguments_without_policy() -> None:
    def arguments(callable_: object) -> list[str]:
        names = list(inspect.signature(callable_).parameters)  # type: ignore[arg-type]
        return [n for n in names if n not in ("self", "resource_name", "opts")]

    image = [n for n in arguments(pulumi_tione.PlatformImage.__init__) if n != "policy"]
    images = [n for n in arguments(pulumi_tione.PlatformImages.__init__) if n != "policy"]
    assert arguments(pulumi_tione.get_platform_image) == image
    assert arguments(pulumi_tione.get_platform_image_output) == image
    assert arguments(pulumi_tione.get_platform_images) == images
    assert arguments(pulumi_tione.get_platform_images_output) == images


def test_the_policy_module_is_importable_with_the_extra() -> None:
    from pulumi_tione import policy

    assert {p.name for p in policy.policies()} == {
        policy.IMAGES_PINNED, policy.WORKLOAD_IMAGE_SOURCE, policy.WORKLOAD_IMAGE_PINNED,
        policy.AUTO_STOP, policy.REQUIRED_TAGS, policy.SERVICE_IDLE_COST}


def test_every_error_of_the_tree_is_exported_and_a_tione_error() -> None:
    tree = [getattr(errors, name) for name in errors.__all__ if name != "Problem"]
    assert all(issubclass(cls, errors.TioneError) for cls in tree)
    assert {cls.__name__ for cls in tree} <= set(pulumi_tione.__all__)
    drawn = errors.__doc__ or ""
    assert all(cls.__name__ in drawn for cls in tree)


def test_package_is_marked_typed() -> None:
    assert resources.files("pulumi_tione").joinpath("py.typed").is_file()
