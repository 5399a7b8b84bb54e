"""ImageQuery / ImageFilter validation: every problem names its argument and what is allowed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_tione.errors import InvalidQueryError
from pulumi_tione.images.catalog import list_platform_images, lookup_platform_image
from pulumi_tione.images.models import CRITERIA, ImageFilter, ImageQuery


def problems(args: dict[Any, Any], model: type[ImageFilter] = ImageQuery) -> dict[str, str]:
    """Argument -> message of every problem ``model.parse(args)`` reports."""
    with pytest.raises(InvalidQueryError) as info:
        model.parse(args)
    return {p.argument: p.message for p in info.value.problems}


def test_empty_query_lists_every_criterion() -> None:
    found = problems({})
    message = found["query"]
    assert "at least one criterion" in message
    for criterion in CRITERIA:
        assert criterion in message


def test_only_non_criteria_is_still_empty() -> None:
    assert "query" in problems({"select": "highest_version", "region": "ap-shanghai"})


def test_empty_filter_is_allowed_for_listing() -> None:
    assert ImageFilter.parse({}).criteria() == {}


def test_unknown_image_range_names_the_allowed_values() -> None:
    message = problems({"image_range": "Training"})["image_range"]
    assert "'Training'" in message
    assert "Train, Inference, Notebook" in message


def test_image_range_is_case_insensitive() -> None:
    assert ImageQuery.parse({"image_range": " inference "}).image_range == "Inference"


def test_bad_regex_says_why() -> None:
    message = problems({"name_regex": "torch(2"})["name_regex"]
    assert "not a valid Python regular expression" in message
    assert "missing )" in message


@pytest.mark.parametrize("regex", ["a{99999999999999999999}", "(" * 5000 + ")" * 5000])
def test_regex_that_overflows_or_recurses_is_a_problem_not_a_crash(regex: str) -> None:
    assert "not a valid Python regular expression" in problems({"name_regex": regex})["name_regex"]


@pytest.mark.parametrize("spec", [">=two", "~=1", "==2.*,<", "=2.3", ">>1"])
def test_bad_version_specifier_shows_examples(spec: str) -> None:
    message = problems({"framework_version": spec})["framework_version"]
    assert "PEP 440" in message
    assert "'>=2.1,<3'" in message


@pytest.mark.parametrize("version", ["2.3", "nightly", "1.15.5-tione", ">=2.1,<3", "==2.*", "~=2.1", "!=2.0"])
def test_good_versions_are_accepted(version: str) -> None:
    assert ImageQuery.parse({"framework_version": version}).framework_version == version


def test_unknown_argument_lists_allowed_arguments() -> None:
    message = problems({"name": "x", "image_name": "x"})["image_name"]
    assert "unknown argument" in message
    for allowed in (*CRITERIA, "select", "region", "workspace"):
        assert allowed in message
    assert "policy" not in message


@pytest.mark.parametrize("value", ["pin", "track", None])
def test_policy_is_rejected_by_the_library_with_where_it_belongs(value: str | None) -> None:
    message = problems({"name": "x", "policy": value})["policy"]
    assert "not a lookup argument" in message
    assert "PlatformImage" in message


def test_select_is_not_a_filter_argument() -> None:
    assert "unknown argument" in problems({"select": "unique"}, ImageFilter)["select"]


@pytest.mark.parametrize(("argument", "value", "expected"), [
    ("name", 3, "valid string, got int 3"),
    ("gpu", True, "valid string, got bool True"),
    ("support_data_pipeline", "yes", "valid boolean, got str 'yes'"),
    ("allow_save_all_content", 1, "valid boolean, got int 1"),
    ("image_range", ["Train"], "'Train', 'Inference' or 'Notebook'"),
    ("select", "first", "'unique' or 'highest_version', got 'first'"),
])
def test_wrong_types_name_the_expected_type(argument: str, value: Any, expected: str) -> None:
    args = {"name": "x", argument: value} if argument != "name" else {argument: value}
    assert expected in problems(args)[argument]


@pytest.mark.parametrize("argument", ["name", "image_id", "name_regex", "framework", "framework_version",
                                      "gpu", "training_mode", "region", "workspace"])
def test_blank_strings_are_rejected(argument: str) -> None:
    message = problems({"framework": "PYTORCH", argument: "  "} if argument != "framework"
                       else {argument: ""})[argument]
    assert "must not be empty; omit the argument instead" in message


def test_bad_region_shows_an_example() -> None:
    assert "'ap-guangzhou'" in problems({"name": "x", "region": "Guangzhou"})["region"]


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidQueryError, match=r"4 problem\(s\)") as info:
        ImageQuery.parse({"image_range": "x", "name_regex": "(", "gpu": "", "colour": "red"})
    assert {p.argument for p in info.value.problems} == {"image_range", "name_regex", "gpu", "colour"}
    for line in ("  - image_range:", "  - name_regex:", "  - gpu:", "  - colour:"):
        assert line in str(info.value)


def test_none_means_not_set() -> None:
    query = ImageQuery.parse({"name": "x", "gpu": None, "select": None})
    assert (query.gpu, query.select) == (None, "unique")


def test_criteria_and_describe() -> None:
    query = ImageQuery.parse({"name": "x", "gpu": "T4", "select": "highest_version", "region": "ap-shanghai"})
    assert query.criteria() == {"name": "x", "gpu": "T4"}
    assert query.describe() == "name='x', gpu='T4'"
    assert query.version_specifier is None
    spec = ImageQuery.parse({"framework_version": ">=2.1,<3"}).version_specifier
    assert spec is not None
    assert "2.3" in spec


_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
                    st.sampled_from(["Train", "inference", "(", ">=2", "~=1", "ap-guangzhou",
                                     "highest_version", "pin", "track", "unique", " "]),
                    st.lists(st.text(max_size=3), max_size=2), st.binary(max_size=3))
_keys = st.one_of(st.sampled_from([*CRITERIA, "select", "policy", "region", "workspace"]),
                  st.text(max_size=8), st.integers())


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=6))
def test_random_arguments_give_a_query_or_a_clean_error(args: dict[Any, Any]) -> None:
    try:
        query: ImageQuery | InvalidQueryError = ImageQuery.parse(args)
    except InvalidQueryError as e:
        query = e
    if isinstance(query, InvalidQueryError):
        assert query.problems
        assert all(p.argument and p.message for p in query.problems)
        assert str(query).startswith("invalid image query")
    else:
        assert query.criteria()


def test_the_lookup_functions_reject_policy_before_asking_anything() -> None:
    with pytest.raises(InvalidQueryError, match="policy: not a lookup argument"):
        lookup_platform_image(name="x", policy="track")
    with pytest.raises(InvalidQueryError, match="policy: not a lookup argument"):
        list_platform_images(framework="PYTORCH", policy="pin")
