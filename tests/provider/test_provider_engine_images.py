"""``PlatformImages`` over gRPC: listing at preview, pinning, refresh drift, track, get, destroy."""

from __future__ import annotations

import copy
from typing import Any

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.support.engine import urn
from tests.support.provider import Engine, EngineFactory
from tests.support.seed import IMAGES, SEED_ID, SEED_NAME

URN = urn(IMAGES, "llm-images")
REGEX = r"^tilearn-llm0\.9-"
NEW_ENTRY_ID = "0d1c3f7e-0000-4000-8000-000000000001"


def requests(server: Emulator) -> int:
    """API requests the emulator has answered since its stats were reset."""
    return int(server.stats()["total"])


def seed_entry() -> dict[str, Any]:
    """A copy of the seed image's catalog entry."""
    return copy.deepcopy(next(e for e in bundled_catalog() if e["ImageId"] == SEED_ID))


def test_preview_lists_the_matching_images(engine: Engine, emu: Emulator) -> None:
    checked = engine.client.check(URN, {}, engine.images(name_regex=REGEX, image_range="Train"))
    assert checked.failures == []
    assert checked.inputs["count"] == len(checked.inputs["ids"]) == len(checked.inputs["images"])
    assert SEED_ID in checked.inputs["ids"]
    assert SEED_NAME in checked.inputs["names"]
    assert all(img["image_name"].startswith("tilearn-llm0.9-") for img in checked.inputs["images"])
    assert all("ImageUrl" in img["image_info"] for img in checked.inputs["images"])
    assert checked.inputs["query"] == {"name_regex": REGEX, "image_range": "Train", "policy": "pin"}
    assert requests(emu) == 2


def test_no_filter_lists_the_whole_catalog(module_engine: Engine) -> None:
    checked = module_engine.client.check(URN, {}, module_engine.images())
    assert checked.failures == []
    assert checked.inputs["count"] == len(bundled_catalog())


def test_first_up_creates_with_a_stable_id_and_no_further_call(engine: Engine, emu: Emulator) -> None:
    news = engine.images(name_regex=REGEX)
    checked = engine.client.check(URN, {}, news)
    before = requests(emu)
    id_, outs = engine.client.create(URN, checked.inputs)
    again, _ = engine.client.create(URN, engine.client.check(URN, {}, news).inputs)
    assert id_.startswith("images-")
    assert again == id_
    assert outs == checked.inputs
    assert requests(emu) == before


def test_second_up_with_nothing_changed_makes_no_api_call(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.images(name_regex=REGEX)
    id_, outs = engine.up(IMAGES, "llm-images", news)
    second = engine_factory(emu)
    emu.reset_stats()
    checked = second.client.check(URN, outs, news)
    assert checked.inputs["ids"] == outs["ids"]
    assert second.client.diff(id_, URN, outs, checked.inputs).changes == "none"
    assert requests(emu) == 0


def test_refresh_shows_changed_and_vanished_images(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    id_, outs = engine.up(IMAGES, "llm-images", engine.images(name_regex=REGEX))
    entries = [e for e in bundled_catalog() if e["ImageId"] != SEED_ID]
    moved = next(e for e in entries if e["ImageId"] in outs["ids"])
    moved["ImageUrl"] = "tione.tencentcloudcr.com/qcloud-ti-platform/moved:1"
    emu.set_catalog(entries)
    refresher = engine_factory(emu)
    read_id, read_outs, read_inputs = refresher.client.read(id_, URN, outs, outs)
    assert read_id == id_
    assert read_outs["ids"] == [i for i in outs["ids"] if i != SEED_ID]
    assert read_outs["count"] == outs["count"] - 1
    urls = {img["image_id"]: img["image_url"] for img in read_outs["images"]}
    assert urls[moved["ImageId"]] == moved["ImageUrl"]
    assert read_inputs == read_outs
    assert refresher.client.diff(id_, URN, read_outs, outs).changes == "some"


def test_refresh_of_an_unchanged_list_shows_no_change(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    id_, outs = engine.up(IMAGES, "llm-images", engine.images(name_regex=REGEX))
    refresher = engine_factory(emu)
    read_id, read_outs, read_inputs = refresher.client.read(id_, URN, outs, outs)
    assert (read_id, read_outs, read_inputs) == (id_, outs, outs)
    assert refresher.client.diff(id_, URN, read_outs, outs).changes == "none"


def test_track_policy_picks_up_a_new_image(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.images(name_regex=REGEX, policy="track")
    id_, outs = engine.up(IMAGES, "llm-images", news)
    added = {**seed_entry(), "ImageId": NEW_ENTRY_ID, "ImageName": SEED_NAME + "-v3"}
    emu.set_catalog([*bundled_catalog(), added])
    second = engine_factory(emu)
    checked = second.client.check(URN, outs, news)
    diff = second.client.diff(id_, URN, outs, checked.inputs)
    updated = second.client.update(id_, URN, outs, checked.inputs)
    assert (diff.changes, diff.replaces) == ("some", [])
    assert updated["ids"] == [*outs["ids"], NEW_ENTRY_ID]
    assert updated["count"] == outs["count"] + 1


def test_changed_filters_are_an_update(module_engine: Engine) -> None:
    id_, outs = module_engine.up(IMAGES, "llm-images", module_engine.images(name_regex=REGEX))
    checked = module_engine.client.check(URN, outs, module_engine.images(framework="TENSORFLOW"))
    diff = module_engine.client.diff(id_, URN, outs, checked.inputs)
    assert (diff.changes, diff.replaces) == ("some", [])
    assert checked.inputs["count"] == 28


def test_get_lists_the_whole_catalog(module_engine: Engine) -> None:
    id_, outs, _ = module_engine.client.read("images-adopted", URN, {}, module_engine.images())
    assert id_ == "images-adopted"
    assert outs["count"] == len(bundled_catalog())


def test_destroy_makes_no_api_call(module_engine: Engine, emu: Emulator) -> None:
    id_, outs = module_engine.up(IMAGES, "llm-images", module_engine.images(framework="SPARK"))
    emu.reset_stats()
    module_engine.client.delete(id_, URN, outs)
    assert requests(emu) == 0


def test_select_and_bad_filters_are_reported_at_once(module_engine: Engine) -> None:
    news = module_engine.images(select="unique", gpu=["A10"], support_data_pipeline="yes")
    reasons = dict(module_engine.client.check(URN, {}, news).failures)
    assert sorted(reasons) == ["gpu", "select", "support_data_pipeline"]
    assert reasons["select"].startswith("unknown argument; allowed:")
    assert "select" not in reasons["select"].split("allowed:")[1]
