"""Hostile inputs at preview (issue 10 §1, §8) over gRPC: bounded, clear, on the property."""

from __future__ import annotations

import pytest
from pulumi.output import Unknown

from pulumi_tione.emulator import Emulator
from tests.support.engine import urn
from tests.support.provider import Engine
from tests.support.seed import IMAGE, SEED_ID, SEED_NAME

URN = urn(IMAGE, "hostile")


def test_a_catastrophic_name_regex_fails_the_preview_on_its_property(module_engine: Engine) -> None:
    checked = module_engine.client.check(URN, {}, module_engine.image(name_regex=r"^(\w|\w\w|[.-])+[A-Z]$"))
    assert [p for p, _ in checked.failures] == ["name_regex"]
    assert "catastrophic backtracking" in checked.failures[0][1]


def test_the_issue_regex_resolves_at_preview(module_engine: Engine) -> None:
    checked = module_engine.client.check(
        URN, {}, module_engine.image(name_regex="^([a-z0-9.]+-?)+-gpu$", framework="PYTORCH",
                                     select="highest_version"))
    assert checked.failures == []
    assert str(checked.inputs["image_name"]).endswith("-gpu")


@pytest.mark.parametrize("unknown", ["region", "workspace", "select", "policy"])
def test_only_unknown_non_criteria_fail_at_preview(module_engine: Engine, unknown: str) -> None:
    checked = module_engine.client.check(URN, {}, module_engine.image(**{unknown: Unknown()}))
    assert [p for p, _ in checked.failures] == [""]
    assert "at least one criterion is required" in checked.failures[0][1]


@pytest.mark.parametrize("unknown", ["name", "name_regex", "framework", "gpu", "support_data_pipeline"])
def test_an_unknown_criterion_waits_for_up(module_engine: Engine, unknown: str) -> None:
    inputs = module_engine.image(**{unknown: Unknown(), "region": Unknown()})
    checked = module_engine.client.check(URN, {}, inputs)
    assert checked.failures == []
    assert "image_id" not in checked.inputs


def test_surrounding_whitespace_matches_like_the_bare_value(module_engine: Engine) -> None:
    checked = module_engine.client.check(
        URN, {}, module_engine.image(name=f" {SEED_NAME}\t", framework=" pytorch", framework_version="2.3 ",
                                     image_range=" train ", region="ap-guangzhou "))
    assert checked.failures == []
    assert checked.inputs["image_id"] == SEED_ID
    assert checked.inputs["query"]["name"] == SEED_NAME
    assert checked.inputs["query"]["region"] == "ap-guangzhou"


def test_a_pin_recorded_with_whitespace_is_carried_forward(engine: Engine, emu: Emulator) -> None:
    """0.1.0 kept `framework_version=" >=2.1"` verbatim in `query`; stripping must not unpin it."""
    first = engine.client.check(URN, {}, engine.image(name=SEED_NAME, framework_version=">=2.1"))
    assert first.failures == []
    olds = {**first.inputs, "query": {**first.inputs["query"], "framework_version": " >=2.1"},
            "framework_version": " >=2.1"}
    emu.reset_stats()
    again = engine.client.check(URN, olds, engine.image(name=SEED_NAME, framework_version=" >=2.1"))
    assert again.failures == []
    assert again.inputs["image_id"] == SEED_ID
    assert emu.stats()["total"] == 0, "carried forward from state without an API call"


def test_a_huge_name_is_not_echoed_in_full(module_engine: Engine) -> None:
    checked = module_engine.client.check(URN, {}, module_engine.image(name="n" * 100_000))
    assert len(checked.failures) == 1
    assert len(checked.failures[0][1]) < 3_000
