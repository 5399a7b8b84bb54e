"""``PlatformImage`` over gRPC: the RPC sequences the engine sends for preview, up, refresh, get, destroy."""

from __future__ import annotations

import copy
from typing import Any

import grpc
import pytest
from pulumi.output import Unknown

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, urn
from tests.support.provider import Engine, EngineFactory
from tests.support.seed import IMAGE, SEED_ID, SEED_NAME, SEED_URL

URN = urn(IMAGE, "train-image")
NEW_URL = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.1"


def requests(server: Emulator) -> int:
    """API requests the emulator has answered since its stats were reset."""
    return int(server.stats()["total"])


def catalog_with(url: str | None) -> list[dict[str, Any]]:
    """The bundled catalog with the seed image's ImageUrl changed, or the seed image removed."""
    entries = copy.deepcopy(bundled_catalog())
    if url is None:
        return [e for e in entries if e["ImageId"] != SEED_ID]
    for entry in entries:
        if entry["ImageId"] == SEED_ID:
            entry["ImageUrl"] = url
    return entries


def test_preview_resolves_in_check_so_outputs_are_known(engine: Engine, emu: Emulator) -> None:
    checked = engine.client.check(URN, {}, engine.image(name=SEED_NAME, image_range="train"))
    assert checked.failures == []
    assert checked.inputs["image_id"] == SEED_ID
    assert checked.inputs["image_url"] == SEED_URL
    assert checked.inputs["image_info"] == {"ImageType": "TCR", "ImageUrl": SEED_URL,
                                            "RegistryRegion": "ap-guangzhou", "RegistryId": "tcr-11a91442"}
    assert checked.inputs["query"] == {"name": SEED_NAME, "image_range": "Train", "select": "unique",
                                       "policy": "pin"}
    assert checked.inputs["region"] == "ap-guangzhou"
    assert requests(emu) == 2  # ceil(140 / 100) pages


def test_preview_with_unknown_input_skips_resolution_but_validates_the_rest(
    engine: Engine, emu: Emulator
) -> None:
    checked = engine.client.check(URN, {}, engine.image(name=Unknown(), gpu="A10"))
    assert checked.failures == []
    assert "image_id" not in checked.inputs
    assert isinstance(checked.inputs["name"], Unknown)
    bad = engine.client.check(URN, {}, engine.image(name=Unknown(), select="newest"))
    assert [p for p, _ in bad.failures] == ["select"]
    assert requests(emu) == 0


def test_diff_with_unknown_inputs_reports_a_change(engine: Engine) -> None:
    _, outs = engine.up(IMAGE, "train-image", engine.image(name=SEED_NAME))
    diff = engine.client.diff(SEED_ID, URN, outs, engine.image(name=Unknown()))
    assert (diff.changes, diff.replaces) == ("some", [])


def test_first_up_creates_with_the_checked_image_and_no_further_call(engine: Engine, emu: Emulator) -> None:
    checked = engine.client.check(URN, {}, engine.image(name=SEED_NAME))
    before = requests(emu)
    id_, outs = engine.client.create(URN, checked.inputs)
    assert (id_, outs["image_url"], outs["name"]) == (SEED_ID, SEED_URL, SEED_NAME)
    assert outs == checked.inputs
    assert requests(emu) == before


def test_second_up_with_nothing_changed_makes_no_api_call(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.image(name=SEED_NAME)
    _, outs = engine.up(IMAGE, "train-image", news)
    inputs = dict(outs)
    second = engine_factory(emu)  # a new deployment: new process, cold cache
    emu.reset_stats()
    checked = second.client.check(URN, inputs, news)
    diff = second.client.diff(SEED_ID, URN, outs, checked.inputs)
    assert checked.failures == []
    assert checked.inputs["image_url"] == SEED_URL
    assert diff.changes == "none"
    assert requests(emu) == 0


def test_pin_keeps_the_image_when_the_catalog_moves(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.image(name=SEED_NAME)
    _, outs = engine.up(IMAGE, "train-image", news)
    emu.set_catalog(catalog_with(NEW_URL))
    checked = engine_factory(emu).client.check(URN, outs, news)
    assert checked.inputs["image_url"] == SEED_URL


def test_refresh_shows_a_changed_url_as_drift_and_the_next_up_keeps_it(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.image(name=SEED_NAME)
    _, outs = engine.up(IMAGE, "train-image", news)
    emu.set_catalog(catalog_with(NEW_URL))
    refresher = engine_factory(emu)
    id_, read_outs, read_inputs = refresher.client.read(SEED_ID, URN, outs, outs)
    assert (id_, read_outs["image_url"]) == (SEED_ID, NEW_URL)
    assert read_outs["image_info"]["ImageUrl"] == NEW_URL
    assert read_inputs is not None
    assert read_inputs["image_url"] == NEW_URL
    assert refresher.client.diff(SEED_ID, URN, read_outs, outs).changes == "some"
    after = engine_factory(emu)
    checked = after.client.check(URN, read_inputs, news)
    assert checked.inputs["image_url"] == NEW_URL
    assert after.client.diff(SEED_ID, URN, read_outs, checked.inputs).changes == "none"


def test_refresh_of_an_unchanged_image_shows_no_change(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    _, outs = engine.up(IMAGE, "train-image", engine.image(name=SEED_NAME))
    refresher = engine_factory(emu)
    id_, read_outs, read_inputs = refresher.client.read(SEED_ID, URN, outs, outs)
    assert (id_, read_outs, read_inputs) == (SEED_ID, outs, outs)
    assert refresher.client.diff(SEED_ID, URN, read_outs, outs).changes == "none"


def test_pin_re_resolves_when_the_stack_config_region_changes(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.image(name=SEED_NAME)
    _, outs = engine.up(IMAGE, "train-image", news)
    moved = engine_factory(emu, config=stack_config(emu, region="ap-shanghai"))
    emu.reset_stats()
    checked = moved.client.check(URN, outs, news)
    assert checked.failures == []
    assert (checked.inputs["region"], checked.inputs["query"]) == ("ap-shanghai", outs["query"])
    assert requests(emu) == 2
    diff = moved.client.diff(SEED_ID, URN, outs, checked.inputs)
    assert (diff.changes, diff.replaces) == ("some", [])


def test_refresh_reports_a_vanished_image_as_gone(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    _, outs = engine.up(IMAGE, "train-image", engine.image(name=SEED_NAME))
    emu.set_catalog(catalog_with(None))
    id_, read_outs, _ = engine_factory(emu).client.read(SEED_ID, URN, outs, outs)
    assert id_ == ""
    assert set(read_outs) == {PROVIDER_KEY}


def test_track_policy_updates_when_the_catalog_moves(
    engine: Engine, engine_factory: EngineFactory, emu: Emulator
) -> None:
    news = engine.image(name=SEED_NAME, policy="track")
    _, outs = engine.up(IMAGE, "train-image", news)
    emu.set_catalog(catalog_with(NEW_URL))
    second = engine_factory(emu)
    checked = second.client.check(URN, outs, news)
    diff = second.client.diff(SEED_ID, URN, outs, checked.inputs)
    updated = second.client.update(SEED_ID, URN, outs, checked.inputs)
    assert (diff.changes, diff.replaces) == ("some", [])
    assert updated["image_url"] == NEW_URL
    assert requests(emu) > 0


def test_changed_query_is_an_update_not_a_replace(engine: Engine) -> None:
    _, outs = engine.up(IMAGE, "train-image", engine.image(name=SEED_NAME))
    news = engine.image(name="pytorch2.2-py3.10-cuda12.1-gpu-sh", region="ap-shanghai")
    checked = engine.client.check(URN, outs, news)
    diff = engine.client.diff(SEED_ID, URN, outs, checked.inputs)
    updated = engine.client.update(SEED_ID, URN, outs, checked.inputs)
    assert (diff.changes, diff.replaces) == ("some", [])
    assert updated["image_id"] == "1e7fa4e3-6368-5d39-8a44-3e5221fb4d29"
    assert (updated["region"], updated["query"]["region"]) == ("ap-shanghai", "ap-shanghai")


def test_get_reads_an_image_by_its_id(engine: Engine) -> None:
    provider_only = engine.image()
    id_, outs, _ = engine.client.read(SEED_ID, URN, {}, provider_only)
    assert (id_, outs["image_name"], outs["image_url"]) == (SEED_ID, SEED_NAME, SEED_URL)
    assert outs["query"] == {"image_id": SEED_ID, "select": "unique", "policy": "pin"}


def test_get_of_an_unknown_id_fails_with_the_reason(engine: Engine) -> None:
    with pytest.raises(grpc.RpcError, match="no TI-ONE platform image matches image_id='no-such-id'"):
        engine.client.read("no-such-id", URN, {}, engine.image())


def test_destroy_makes_no_api_call(engine: Engine, emu: Emulator) -> None:
    _, outs = engine.up(IMAGE, "train-image", engine.image(name=SEED_NAME))
    emu.reset_stats()
    engine.client.delete(SEED_ID, URN, outs)
    assert requests(emu) == 0


def test_bad_inputs_are_reported_all_at_once(module_engine: Engine, emu: Emulator) -> None:
    news = module_engine.image(name=3, image_range="Training", select="newest", colour="red",
                               framework_version=">=2..1")
    checked = module_engine.client.check(URN, {}, news)
    reasons = dict(checked.failures)
    assert sorted(reasons) == ["colour", "framework_version", "image_range", "name", "select"]
    assert "allowed: Train, Inference, Notebook" in reasons["image_range"]
    assert "'unique' or 'highest_version'" in reasons["select"]
    assert "unknown argument; allowed:" in reasons["colour"]
    assert requests(emu) == 0


def test_no_criterion_is_a_failure_on_the_resource(module_engine: Engine) -> None:
    checked = module_engine.client.check(URN, {}, module_engine.image(policy="track"))
    assert checked.failures == [("", checked.failures[0][1])]
    assert "at least one criterion is required" in checked.failures[0][1]


def test_ambiguous_lookup_fails_at_check_on_the_resource(module_engine: Engine) -> None:
    news = module_engine.image(framework="pytorch", image_range="Train")
    checked = module_engine.client.check(URN, {}, news)
    ((prop, reason),) = checked.failures
    assert prop == ""  # no argument excluded anything: the query as a whole is too wide
    assert "select='highest_version'" in reason


def test_missing_region_fails_at_check_with_the_command_to_fix_it(
    engine_factory: EngineFactory, emu: Emulator
) -> None:
    engine = engine_factory(emu, config={"tione:endpoint": emu.url})
    ((prop, reason),) = engine.client.check(URN, {}, engine.image(name=SEED_NAME)).failures
    assert prop == ""
    assert "pulumi config set tencentcloud:region" in reason


def test_rejected_credentials_fail_at_check_with_what_to_do(
    engine_factory: EngineFactory, emu: Emulator
) -> None:
    engine = engine_factory(emu, config=stack_config(emu, secret_key="wrong-key"))
    ((prop, reason),) = engine.client.check(URN, {}, engine.image(name=SEED_NAME)).failures
    assert prop == ""
    assert "AuthFailure" in reason
    assert "check the SecretId/SecretKey" in reason
    assert "wrong-key" not in reason
