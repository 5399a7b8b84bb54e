"""The curated public surface: ``__all__`` is exactly what the package exports, and it is typed."""

from __future__ import annotations

import inspect
from importlib import resources

import pulumi_tione
from pulumi_tione import errors


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in vars(pulumi_tione) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(pulumi_tione, name))}
    assert sorted(pulumi_tione.__all__) == sorted(public - modules)


def test_the_design_names_are_exported() -> None:
    for name in ("PlatformImage", "PlatformImages", "lookup_platform_image", "list_platform_images",
                 "ImageQuery", "ExtraAttribute", "TioneError"):
        assert name in pulumi_tione.__all__


def test_every_error_of_the_tree_is_exported_and_a_tione_error() -> None:
    tree = [getattr(errors, name) for name in errors.__all__ if name != "Problem"]
    assert all(issubclass(cls, errors.TioneError) for cls in tree)
    assert {cls.__name__ for cls in tree} <= set(pulumi_tione.__all__)
    drawn = errors.__doc__ or ""
    assert all(cls.__name__ in drawn for cls in tree)


def test_package_is_marked_typed() -> None:
    assert resources.files("pulumi_tione").joinpath("py.typed").is_file()
