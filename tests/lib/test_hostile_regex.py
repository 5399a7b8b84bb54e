"""name_regex always finishes (issue 10 §1): same answers as re.search, or refused clearly."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_tione.emulator import bundled_catalog
from pulumi_tione.errors import InvalidQueryError
from pulumi_tione.images.models import ImageFilter, ImageQuery, PlatformImageInfo
from pulumi_tione.images.resolve import filter_images, resolve

CATALOG = [PlatformImageInfo.model_validate(e) for e in bundled_catalog()]
NAMES = [img.image_name or "" for img in CATALOG]
FAST = 0.05

CATASTROPHIC = [
    r"^([a-z0-9.]+-?)+-gpu$",  # the issue's own example
    r"(a|aa)+$",
    r"^(\w|\w\w)+$x",
    r"(.*){1,32000}[bc]",
    r"^(([a-z0-9]+)*[.-]?)+!",
    r"(t|ti|til|tile|tilea|tilear|tilearn)+\d$",
]


def only_name_regex(pattern: str) -> ImageFilter:
    return ImageFilter.parse({"name_regex": pattern})


def outcome(query: ImageFilter, budget: float = FAST) -> list[PlatformImageInfo] | InvalidQueryError:
    """What filtering the catalog gives: the images, or the refusal."""
    try:
        return filter_images(query, CATALOG, regex_budget=budget)
    except InvalidQueryError as e:
        return e


def outcome_of(pattern: str) -> list[PlatformImageInfo] | InvalidQueryError:
    """Validating then filtering with ``pattern``: the images, or the refusal (at either step)."""
    try:
        query = only_name_regex(pattern)
    except InvalidQueryError as e:
        return e
    return outcome(query)


def assert_refused_clearly(error: InvalidQueryError) -> None:
    assert [p.argument for p in error.problems] == ["name_regex"]
    message = str(error)
    assert ("catastrophic backtracking" in message and "simplify it" in message) or (
        "too large: its repeats expand" in message), message


def expected(pattern: str) -> list[str]:
    return [img.image_id for img in CATALOG if re.search(pattern, img.image_name or "")]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_patterns_finish_or_are_refused(pattern: str) -> None:
    found = outcome_of(pattern)
    if isinstance(found, InvalidQueryError):
        assert_refused_clearly(found)
    else:
        assert all(re.fullmatch(r"[\w.-]+", img.image_name or "") for img in found)


def test_the_issue_example_resolves_with_the_default_budget() -> None:
    """The pattern that hung 0.1.0 forever now answers (regex's engine needs no backtracking here)."""
    found = filter_images(only_name_regex(r"^([a-z0-9.]+-?)+-gpu$"), CATALOG)
    assert found
    assert all((img.image_name or "").endswith("-gpu") for img in found)


def test_a_refused_pattern_names_the_argument_and_is_bounded_in_echo() -> None:
    pattern = "(?#" + "x" * 500 + ")(a|aa)+$"
    catalog = [*CATALOG, PlatformImageInfo(image_id="a", image_name="a" * 40 + "b")]
    with pytest.raises(InvalidQueryError) as info:
        filter_images(only_name_regex(pattern), catalog, regex_budget=0.001)
    message = str(info.value)
    assert "name_regex" in message
    assert len(message) < 1000


def test_resolve_refuses_a_catastrophic_pattern_in_a_not_found_message_too() -> None:
    """resolve's not-found path re-checks every image: still bounded, still the clear error."""
    query = ImageQuery.parse({"name_regex": r"(a|aa)+$", "framework": "NOPE"})
    catalog = [PlatformImageInfo(image_id=f"i{i}", image_name="a" * 40 + "b") for i in range(3)]
    with pytest.raises(InvalidQueryError, match="name_regex"):
        resolve(query, catalog)


# Patterns without nested or adjacent unbounded repeats: re answers them fast, so they can be compared.
CHARS = st.sampled_from(list("abcdefghilmnoprtuy0123456789.-_"))
ATOM = st.one_of(
    CHARS.map(re.escape),
    st.sampled_from([r"\d", r"\w", r"[a-z]", r"[0-9.]", r"[^-]", ".", r"\.", r"-"]),
    st.lists(CHARS.map(re.escape), min_size=1, max_size=4).map(lambda xs: "(" + "".join(xs) + ")"),
    st.lists(st.text(alphabet="abcpytorchgu0123456789", min_size=1, max_size=5), min_size=2, max_size=3)
    .map(lambda xs: "(?:" + "|".join(xs) + ")"),
)
QUANT = st.sampled_from(["", "", "", "?", "*", "+", "{1,3}", "{2}"])
SAFE = st.builds(
    lambda start, pieces, end: start + "".join(pieces) + end,
    st.sampled_from(["", "", "^"]),
    st.lists(st.tuples(ATOM, QUANT).map("".join), min_size=1, max_size=6),
    st.sampled_from(["", "", "$"]),
).filter(lambda p: sum(p.count(q) for q in "*+{") <= 3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=SAFE, flags=st.sampled_from(["", "(?i)"]))
def test_same_matches_as_re_search(pattern: str, flags: str) -> None:
    full = flags + pattern
    found = filter_images(only_name_regex(full), CATALOG)
    assert [img.image_id for img in found] == expected(full)


# Any pattern built from hostile pieces: nested repeats, overlapping alternatives, backreferences.
HOSTILE_ATOM = st.one_of(
    ATOM,
    st.sampled_from([r"(a+)+", r"(\w+\d?)+", r"(.*)*", r"(a|a?)+", r"([a-z0-9.]+-?)+", r"(\d|\d\d)+",
                     r"(x+x+)+", r"(.)\1", r"(?:[a-z]+\.?)*", r"(?=a)", r"\b", r"(?:a{300}){300}",
                     r"[a-z]{0,99999}", r"(?:(?:\w{50}){50}){50}"]),
)
HOSTILE = st.lists(st.tuples(HOSTILE_ATOM, QUANT).map("".join), min_size=1, max_size=5).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=HOSTILE, anchor=st.sampled_from(["", "^", "$", "!$", "-gpu$"]))
def test_any_pattern_finishes_or_is_refused(pattern: str, anchor: str) -> None:
    full = (anchor + pattern) if anchor == "^" else pattern + anchor
    if not valid(full):
        with pytest.raises(InvalidQueryError, match="name_regex: not a valid Python regular expression"):
            only_name_regex(full)
        return
    found = outcome_of(full)
    if isinstance(found, InvalidQueryError):
        assert_refused_clearly(found)
    else:
        assert {img.image_id for img in found} <= {img.image_id for img in CATALOG}


def valid(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@pytest.mark.parametrize("pattern", ["(", "a{99999999999999999999}", "(" * 2000 + ")" * 2000, "[z-a]",
                                     r"\p{L}", "(?<=a+)b"])
def test_patterns_re_refuses_are_invalid(pattern: str) -> None:
    with pytest.raises(InvalidQueryError, match="name_regex: not a valid Python regular expression"):
        only_name_regex(pattern)


@pytest.mark.parametrize("pattern", [
    "(?:a{65535}){65535}",  # regex would multiply this out into gigabytes at compile time
    "(?:(?:a{4294967294}){4294967294}){2}",
    "(?:x|(?:y{200}){200})",
    "a{5001}",
    ".{0,65535}",
    "|".join(f"name{i}" for i in range(3000)),
])
def test_patterns_that_expand_too_far_are_refused_before_compiling(pattern: str) -> None:
    with pytest.raises(InvalidQueryError, match="name_regex: too large: its repeats expand to more than"):
        only_name_regex(pattern)


@pytest.mark.parametrize("pattern", ["(?:a{50}){50}", "[a-z0-9.-]{1,200}", r"^tilearn-\w{3,40}$",
                                     "a" * 500])
def test_sizeable_but_sound_patterns_are_accepted(pattern: str) -> None:
    assert only_name_regex(pattern).name_regex == pattern
