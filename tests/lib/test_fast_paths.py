"""The lookup's fast paths give exactly what the plain ones give (issue 14: checks near the floor).

- ``Catalog.filter``/``Catalog.resolve`` (indexes by name and ImageId, a memo of successful
  queries) against ``filter_images``/``resolve`` over the whole catalog: same images in the same
  order, same errors with the same messages;
- literal ``name_regex`` patterns (string operations instead of ``regex``) against ``re.search``;
- the size bound of a pattern without counted repeats (``{m,n}``) that lets ``check_pattern``
  skip the expansion count;
- ``cached_only()``: nothing that waits on I/O runs inside it.
"""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_tione.api.process import WouldWait, cached_only
from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.errors import TioneError
from pulumi_tione.images import pattern
from pulumi_tione.images.catalog import RESOLVED_MEMO, Catalog, ProcessState, fetch_catalog
from pulumi_tione.images.models import ImageFilter, ImageQuery, PlatformImageInfo
from pulumi_tione.images.resolve import filter_images, resolve
from tests.soak.scenario import distinct_lookups
from tests.support.config import settings_for

IMAGES = [PlatformImageInfo.model_validate(e) for e in bundled_catalog()]
TWIN = IMAGES[3].model_copy(update={"image_id": "twin-of-3"})  # a second image with the same name
NEWLINE = IMAGES[5].model_copy(update={"image_id": "nl", "image_name": (IMAGES[5].image_name or "") + "\n"})
CATALOG = Catalog((*IMAGES, TWIN, NEWLINE), "http://127.0.0.1:1", "ap-guangzhou", None)
NAMES = [img.image_name or "" for img in CATALOG.images]


def _outcome(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except TioneError as e:
        return (type(e).__name__, str(e), getattr(e, "argument", None))


QUERIES = [lookup.args for lookup in distinct_lookups(600)] + [
    {"name": IMAGES[3].image_name},  # two images: ambiguous
    {"name": IMAGES[3].image_name, "select": "highest_version"},
    {"name": IMAGES[3].image_name, "image_id": "twin-of-3"},
    {"name": "no-such-image"}, {"image_id": "gone"}, {"name": IMAGES[0].image_name, "gpu": "H100"},
    {"name_regex": "^" + re.escape(IMAGES[5].image_name or "") + "$"},  # also the name + "\n"
    {"name_regex": "tilearn"}, {"name_regex": "gpu$"}, {"name_regex": "^tilearn-llm"},
    {"name_regex": "torch2\\.[0-9]"}, {"name_regex": "^no-such$"},
    {"framework": "pytorch", "select": "highest_version"}, {"image_range": "notebook", "gpu": "A100"},
]


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: ",".join(f"{k}={v}" for k, v in a.items())[:60])
def test_catalog_resolve_and_filter_are_the_plain_functions(args: dict[str, object]) -> None:
    query = ImageQuery.parse(args)
    plain = _outcome(lambda: resolve(query, CATALOG.images))
    assert _outcome(lambda: CATALOG.resolve(query)) == plain
    assert _outcome(lambda: CATALOG.resolve(query)) == plain  # from the memo, if it succeeded
    listing = ImageFilter.parse({k: v for k, v in args.items() if k != "select"})
    assert CATALOG.filter(listing) == filter_images(listing, CATALOG.images)


def test_the_memo_remembers_successes_only_and_is_bounded() -> None:
    catalog = Catalog(tuple(IMAGES), "http://127.0.0.1:1", "ap-guangzhou", None)
    hit = ImageQuery.parse({"name": IMAGES[0].image_name})
    assert catalog.resolve(hit) is catalog.resolve(hit)
    with pytest.raises(TioneError):
        catalog.resolve(ImageQuery.parse({"name": "no-such-image"}))
    assert len(catalog._resolved) == 1
    for i in range(RESOLVED_MEMO + 10):
        name = IMAGES[i % len(IMAGES)].image_name
        catalog.resolve(ImageQuery.parse({"name": name, "region": "ap-guangzhou", "workspace": f"w{i}"}))
    assert len(catalog._resolved) == RESOLVED_MEMO


LITERAL_TEXT = st.text(alphabet=st.sampled_from(list("abcpy-_.3 +*?^$()[]{}|\\/:\n\tx#&~é")), max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(LITERAL_TEXT, st.sampled_from(NAMES)), start=st.booleans(), end=st.booleans())
def test_literal_patterns_match_as_re_search_does(text: str, start: bool, end: bool) -> None:
    built = ("^" if start else "") + re.escape(text) + ("$" if end else "")
    names = [*NAMES, text, text + "\n", "x" + text, text + "x", "", "\n"]
    assert pattern._literal(built) is not None
    assert pattern.matching_names(built, names) == {n for n in names if re.search(built, n)}
    assert all(pattern.search(built, n) == (re.search(built, n) is not None) for n in names)


@pytest.mark.parametrize("regex", [r"a.b", r"\d", r"^a^", r"a$b", r"(a)", r"[a]", r"a*", r"\w", r"\1",
                                   r"a{2}", r"\é", r"\A", r"\Z", r"(?i)a", r"\x41"])
def test_patterns_with_regex_syntax_are_not_literal(regex: str) -> None:
    assert pattern._literal(regex) is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("ab.^$*+?[]|()\\-dw=!<:P")), max_size=30))
def test_a_pattern_without_counted_repeats_expands_to_at_most_its_length(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # "possible nested set": still a pattern
        try:
            re.compile(text)
        except (re.error, RecursionError, OverflowError):
            return
        assert pattern._expanded_size(text) <= len(text)


def test_cached_only_refuses_to_fetch_or_resolve_settings(emu: Emulator) -> None:
    state = ProcessState()
    with cached_only(), pytest.raises(WouldWait):
        fetch_catalog(settings_for(emu.url), state=state)
    assert (state.fetches, emu.stats()["total"]) == (0, 0)
    with cached_only(), pytest.raises(WouldWait):
        state.settings({"tione:endpoint": emu.url}, "ap-guangzhou")
    catalog = fetch_catalog(settings_for(emu.url), state=state)
    with cached_only():
        assert fetch_catalog(settings_for(emu.url), state=state) is catalog
    with cached_only(), pytest.raises(WouldWait):
        state.client(settings_for(emu.url))
