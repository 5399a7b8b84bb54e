"""The query arguments are written out once, in the model's fields; everything else agrees with them.

The explicit typed signatures (resources, functions) are kept for IDEs and mypy, so this test holds
them, the CLI's flags, the README's table and the resolver's checks to ``ImageFilter``/``ImageQuery``.
``policy`` is an argument of the Pulumi resources only.
"""

from __future__ import annotations

import argparse
import inspect
import re
import typing
from collections.abc import Callable
from typing import Any

import pytest

from pulumi_tione.cli import build_parser
from pulumi_tione.errors import InvalidQueryError
from pulumi_tione.images import resolve
from pulumi_tione.images.models import CONTROLS, CRITERIA, ImageFilter, ImageQuery
from pulumi_tione.stack import functions
from pulumi_tione.stack.resources import PlatformImage, PlatformImages
from tests.support.seed import ROOT

RESOURCE_ONLY = ("policy",)
NOT_ARGUMENTS = ("self", "resource_name", "opts")


def fields_of(model: type[ImageFilter]) -> dict[str, bool]:
    """Argument name -> whether it is a boolean, from the model."""
    return {name: bool in typing.get_args(field.annotation) for name, field in model.model_fields.items()}


def arguments_of(func: Callable[..., Any], *, skip: tuple[str, ...] = ()) -> dict[str, bool]:
    """Keyword argument name -> whether its annotation is a boolean, from a signature."""
    params = inspect.signature(func).parameters
    return {name: "bool" in str(p.annotation) for name, p in params.items()
            if name not in (*NOT_ARGUMENTS, *skip)}


def test_criteria_and_controls_partition_the_query() -> None:
    assert set(CRITERIA) | set(CONTROLS) == set(ImageQuery.model_fields)
    assert not set(CRITERIA) & set(CONTROLS)
    assert set(ImageQuery.model_fields) - set(ImageFilter.model_fields) == {"select"}
    assert all(ImageQuery.model_fields[name].description for name in ImageQuery.model_fields)


@pytest.mark.parametrize(("target", "model"), [
    (PlatformImage.__init__, ImageQuery),
    (PlatformImages.__init__, ImageFilter),
])
def test_resource_signatures_match_the_model(target: Callable[..., Any], model: type[ImageFilter]) -> None:
    arguments = arguments_of(target)
    assert list(arguments)[:len(CRITERIA)] == list(CRITERIA)
    assert {k: v for k, v in arguments.items() if k not in RESOURCE_ONLY} == fields_of(model)
    assert set(RESOURCE_ONLY) <= set(arguments)


@pytest.mark.parametrize(("target", "model"), [
    (functions.get_platform_image, ImageQuery),
    (functions.get_platform_image_output, ImageQuery),
    (functions.get_platform_images, ImageFilter),
    (functions.get_platform_images_output, ImageFilter),
])
def test_function_signatures_match_the_model(target: Callable[..., Any], model: type[ImageFilter]) -> None:
    arguments = arguments_of(target)
    assert list(arguments)[:len(CRITERIA)] == list(CRITERIA)
    assert arguments == fields_of(model)


def _query_actions(command: str) -> dict[str, argparse.Action]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    cmd = sub.choices[command]
    group = next(g for g in cmd._action_groups if g.title and g.title.startswith("query"))
    return {action.dest: action for action in group._group_actions}


@pytest.mark.parametrize(("command", "model"), [("resolve", ImageQuery), ("list", ImageFilter)])
def test_cli_flags_match_the_model(command: str, model: type[ImageFilter]) -> None:
    actions = _query_actions(command)
    expected = {k: v for k, v in fields_of(model).items() if k != "region"}
    assert {dest: isinstance(a, argparse.BooleanOptionalAction) for dest, a in actions.items()} == expected
    for dest, action in actions.items():
        assert f"--{dest.replace('_', '-')}" in action.option_strings
        assert action.help == (model.model_fields[dest].description or "").replace("`", "")
    globals_ = {opt for a in build_parser()._actions for opt in a.option_strings}
    assert "--region" in globals_


def readme_table() -> dict[str, str]:
    """The query-argument table of docs/library.md: argument -> "matches when" text."""
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    table = text.split("| argument | matches when |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {m[1]: m[2] for line in rows if (m := re.fullmatch(r"\| `(\w+)` \| (.*) \|", line))}


def test_readme_table_is_the_model() -> None:
    table = readme_table()
    assert list(table)[:len(CRITERIA)] == list(CRITERIA)
    assert table == {name: field.description for name, field in ImageQuery.model_fields.items()}


def test_every_criterion_has_one_check_in_the_resolver() -> None:
    names = [name for name, _ in resolve._CHECKS]
    assert sorted(names) == sorted(CRITERIA)
    assert len(names) == len(set(names))


def test_an_empty_query_names_every_criterion_in_order() -> None:
    with pytest.raises(InvalidQueryError, match="at least one criterion") as info:
        ImageQuery.parse({})
    listed = info.value.problems[0].message.split(": ", 1)[1]
    assert re.split(r", | or ", listed) == list(CRITERIA)
