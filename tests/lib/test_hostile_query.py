"""One whitespace rule, bounded echo and the real origin in library messages (issue 10 §6, §8)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pulumi_tione import ConfigurationError, InvalidQueryError, list_platform_images, lookup_platform_image
from pulumi_tione._echo import echo
from pulumi_tione.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from pulumi_tione.images.catalog import ProcessState
from pulumi_tione.images.models import ImageFilter, ImageQuery
from tests.support.seed import SEED_NAME

TEXT_ARGUMENTS = {
    "image_id": st.just("35551e3c-b0e3-40dc-8e91-cc10a5613cd3"),
    "name_regex": st.sampled_from(["^tilearn", r"gpu$", "[0-9]+"]),
    "image_range": st.sampled_from(["Train", "notebook", "INFERENCE"]),
    "framework": st.sampled_from(["PYTORCH", "tensorflow"]),
    "framework_version": st.sampled_from(["2.3", ">=2.1,<3", "==2.*"]),
    "gpu": st.just("A100"), "training_mode": st.just("DDP"), "workspace": st.just("ws-1"),
    "region": st.sampled_from(["ap-guangzhou", "ap-shanghai"]), "select": st.just("highest_version"),
}
PADDING = st.text(alphabet=" \t\n\r\x0b\x0c\u3000\xa0", max_size=3)


@given(values=st.fixed_dictionaries({"name": st.just(SEED_NAME)}, optional=TEXT_ARGUMENTS),
       pads=st.lists(st.tuples(PADDING, PADDING), min_size=12, max_size=12))
def test_surrounding_whitespace_never_changes_a_query(values: dict[str, Any],
                                                      pads: list[tuple[str, str]]) -> None:
    padded = {k: before + v + after for (k, v), (before, after) in zip(values.items(), pads, strict=False)}
    assert ImageQuery.parse(padded) == ImageQuery.parse(values)


@pytest.mark.parametrize("argument", ["name", "framework", "gpu", "name_regex", "workspace"])
def test_an_argument_of_only_whitespace_is_refused(argument: str) -> None:
    with pytest.raises(InvalidQueryError, match=f"{argument}: must not be empty"):
        ImageFilter.parse({argument: " \t "})


def test_echo_cuts_long_input_and_says_how_long() -> None:
    assert echo("short") == "'short'"
    long = echo("x" * 100_000)
    assert len(long) < 120
    assert long.endswith("(100000 characters)")


def test_library_messages_name_the_config_argument(emu: Emulator) -> None:
    config = {"tione:endpoint": "http://example.com", "tencentcloud:region": "ap-guangzhou",
              "tencentcloud:secretId": DEFAULT_SECRET_ID, "tencentcloud:secretKey": DEFAULT_SECRET_KEY}
    with pytest.raises(ConfigurationError, match=r"^config tione:endpoint = 'http://example\.com' uses"):
        lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState())


def test_a_library_lookup_without_region_says_how_to_give_one(emu: Emulator) -> None:
    config = {"tione:endpoint": emu.url, "tencentcloud:secretId": DEFAULT_SECRET_ID,
              "tencentcloud:secretKey": DEFAULT_SECRET_KEY}
    with pytest.raises(ConfigurationError) as info:
        list_platform_images(config=config, state=ProcessState())
    message = str(info.value)
    assert "looked at the region argument, config tencentcloud:region and env TENCENTCLOUD_REGION" in message
    assert "region='ap-guangzhou'" in message
    assert "pulumi config" not in message
