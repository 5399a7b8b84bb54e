"""``Notebook`` over gRPC: the RPC sequences the engine sends for preview, up, update, replace,
refresh and destroy, against the emulator's notebook actions."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from pulumi.output import Unknown

from pulumi_tione.api.client import TioneClient
from pulumi_tione.api.credentials import resolve_settings
from pulumi_tione.emulator import Emulator
from tests.support.config import stack_config
from tests.support.engine import urn
from tests.support.provider import Engine, EngineFactory
from tests.support.workloads import INSTANCE, NOTEBOOK, SEED_IMAGE, actions, live_objects, notebook

URN = urn(NOTEBOOK, "dev")


def up(engine: Engine, news: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Check + Create: (id, outputs, checked inputs)."""
    checked = engine.client.check(URN, {}, news)
    assert checked.failures == []
    id_, outs = engine.client.create(URN, checked.inputs)
    return id_, outs, checked.inputs


def test_preview_validates_every_property_and_the_image_fit(wl_engine: Engine, wl_emu: Emulator) -> None:
    bad = notebook(image={**SEED_IMAGE, "image_range": ["Train"]}, charge_type="MONTHLY",
                   resource_conf={"gpu_type": "H800"}, name="-x", volume_size_in_gb=-1, colour="red")
    failures = dict(wl_engine.client.check(URN, {}, bad).failures)
    assert set(failures) == {"charge_type", "name", "volume_size_in_gb", "colour", "image"}
    assert "'PREPAID' or 'POSTPAID_BY_HOUR', got 'MONTHLY'" in failures["charge_type"]
    assert "unknown argument" in failures["colour"]
    image = notebook(image={**SEED_IMAGE, "image_range": ["Train"]},
                     resource_conf={"instance_type": INSTANCE, "gpu_type": "H800"})
    reasons = [r for p, r in wl_engine.client.check(URN, {}, image).failures if p == "image"]
    assert any("cannot be used for Notebook" in r for r in reasons)
    assert any("does not support GPU type 'H800'" in r for r in reasons)
    assert wl_emu.stats()["total"] == 0


def test_preview_with_unknowns_checks_the_rest_and_names_the_notebook(wl_engine: Engine) -> None:
    checked = wl_engine.client.check(URN, {}, notebook(vpc_id=Unknown(), subnet_id=Unknown()))
    assert checked.failures == []
    assert checked.inputs["name"].startswith("dev-")
    assert len(checked.inputs["name"]) == len("dev-") + 8
    assert checked.inputs["region"] == "ap-guangzhou"
    bad = wl_engine.client.check(URN, {}, notebook(image=Unknown(), automatic_stop_time=-1))
    assert [p for p, _ in bad.failures] == ["automatic_stop_time"]


def test_up_creates_one_running_notebook_with_the_platform_image_as_system(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook(tags={"team": "ml"}, volume_size_in_gb=50))
    assert id_.startswith("nb-")
    assert outs["status"] == "Running"
    assert outs["failure_reason"] == ""
    assert outs["reported_image"] == {"image_type": "SYSTEM", "image_url": SEED_IMAGE["image_url"],
                                      "image_name": SEED_IMAGE["image_name"]}
    assert outs["name"] == checked["name"]
    live = [(o["Id"], o["Name"], o["Status"]) for o in live_objects(wl_emu)]
    assert live == [(id_, outs["name"], "Running")]
    assert actions(wl_emu)["CreateNotebook"] == 1


def test_running_false_leaves_it_stopped(wl_engine: Engine, wl_emu: Emulator) -> None:
    _, outs, _ = up(wl_engine, notebook(running=False))
    assert outs["status"] == "Stopped"
    assert [o["Status"] for o in live_objects(wl_emu)] == ["Stopped"]


def test_the_generated_name_is_stable_across_checks_and_renewed_on_replace(wl_engine: Engine) -> None:
    _, outs, checked = up(wl_engine, notebook())
    again = wl_engine.client.check(URN, checked, notebook(volume_size_in_gb=60))
    assert again.inputs["name"] == outs["name"]
    replaced = wl_engine.client.check(URN, checked, notebook(charge_type="PREPAID", resource_group_id="rg-1",
                                                             resource_conf={"cpu": 4000, "memory": 8192}))
    assert replaced.failures == []
    assert replaced.inputs["name"] != outs["name"]
    assert replaced.inputs["name"].startswith("dev-")


def test_update_in_place_stops_modifies_the_whole_object_and_starts_again(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook(volume_size_in_gb=50))
    news = wl_engine.client.check(URN, checked, notebook(volume_size_in_gb=80, auto_stopping=True,
                                                         automatic_stop_time=3)).inputs
    diff = wl_engine.client.diff(id_, URN, outs, news)
    assert (diff.changes, diff.replaces) == ("some", [])
    wl_emu.reset_stats()
    new_outs = wl_engine.client.update(id_, URN, outs, news)
    assert new_outs["status"] == "Running"
    assert new_outs["volume_size_in_gb"] == 80
    counts = actions(wl_emu)
    assert (counts["StopNotebook"], counts["ModifyNotebook"], counts["StartNotebook"]) == (1, 1, 1)
    assert [o["Id"] for o in live_objects(wl_emu)] == [id_]


def test_tags_alone_use_modify_notebook_tags_and_keep_it_running(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, checked = up(wl_engine, notebook(tags={"team": "ml"}))
    news = wl_engine.client.check(URN, checked, notebook(tags={"team": "nlp"})).inputs
    wl_emu.reset_stats()
    new_outs = wl_engine.client.update(id_, URN, outs, news)
    assert new_outs["tags"] == {"team": "nlp"}
    counts = actions(wl_emu)
    assert counts["ModifyNotebookTags"] == 1
    assert "StopNotebook" not in counts
    assert "ModifyNotebook" not in counts


def test_running_false_then_true_stops_and_starts(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, checked = up(wl_engine, notebook())
    stopped = wl_engine.client.update(id_, URN, outs, wl_engine.client.check(URN, checked, notebook(
        running=False)).inputs)
    assert stopped["status"] == "Stopped"
    assert live_objects(wl_emu)[0]["Status"] == "Stopped"
    started = wl_engine.client.update(id_, URN, stopped, checked)
    assert started["status"] == "Running"


def test_unmodifiable_fields_and_a_smaller_volume_replace(wl_engine: Engine) -> None:
    id_, outs, checked = up(wl_engine, notebook(volume_size_in_gb=50, volume_source_type="CLOUD_PREMIUM"))
    for change, key in (({"volume_size_in_gb": 40}, "volume_size_in_gb"),
                        ({"vpc_id": "vpc-1", "subnet_id": "subnet-1"}, "vpc_id"),
                        ({"volume_source_type": "CLOUD_SSD"}, "volume_source_type"),
                        ({"charge_type": "PREPAID", "resource_group_id": "rg-1",
                              "resource_conf": {"cpu": 4000, "memory": 8192}}, "charge_type"),
                        ({"region": "ap-shanghai"}, "region")):
        args: dict[str, Any] = {"volume_size_in_gb": 50, "volume_source_type": "CLOUD_PREMIUM", **change}
        news = wl_engine.client.check(URN, checked, notebook(**args)).inputs
        diff = wl_engine.client.diff(id_, URN, outs, news)
        assert key in diff.replaces, change


def test_an_explicit_name_replaces_delete_first(wl_engine: Engine) -> None:
    id_, outs, checked = up(wl_engine, notebook(name="fixed-name"))
    prepaid = {"charge_type": "PREPAID", "resource_group_id": "rg-1",
               "resource_conf": {"cpu": 1000, "memory": 2048}}
    news = wl_engine.client.check(URN, checked, notebook(name="fixed-name", **prepaid)).inputs
    diff = wl_engine.client.diff(id_, URN, outs, news)
    assert "charge_type" in diff.replaces
    assert diff.delete_before_replace  # the name is unique: the old one must go first
    generated_id, generated, generated_checked = up(wl_engine, notebook())
    renamed = wl_engine.client.check(URN, generated_checked, notebook(**prepaid)).inputs
    diff = wl_engine.client.diff(generated_id, URN, generated, renamed)
    assert "charge_type" in diff.replaces
    assert not diff.delete_before_replace  # a new generated name: create first, then delete


def test_tags_changed_outside_show_on_refresh_and_up_puts_them_back(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook(tags={"team": "ml"}, volume_size_in_gb=50))
    client = TioneClient(resolve_settings(stack_config(wl_emu), None))
    client.call("ModifyNotebookTags", {"Id": id_, "Tags": [{"TagKey": "team", "TagValue": "ops"}]})
    _, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert read_outs["tags"] == {"team": "ops"}
    assert wl_engine.client.diff(id_, URN, read_outs, checked).changes == "some"
    fixed = wl_engine.client.update(id_, URN, read_outs, checked)
    assert fixed["tags"] == {"team": "ml"}
    detail = client.call("DescribeNotebook", {"Id": id_})["NotebookDetail"]
    assert {t["TagKey"]: t["TagValue"] for t in detail["Tags"]}["team"] == "ml"


def test_nothing_changed_is_no_diff(
    wl_engine: Engine, engine_factory: EngineFactory, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook(tags={"a": "b"}))
    later = engine_factory(wl_emu, TIONE_POLL_SECONDS="0.02")
    news = later.client.check(URN, checked, notebook(tags={"a": "b"})).inputs
    assert news["name"] == outs["name"]
    assert later.client.diff(id_, URN, outs, news).changes == "none"


def test_refresh_shows_changes_made_outside_and_up_puts_them_back(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook(tags={"team": "ml"}))
    wl_emu.set_status(id_, "Stopped")
    read_id, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert read_id == id_
    assert (read_outs["status"], read_outs["running"]) == ("Stopped", False)
    refresh_diff = wl_engine.client.diff(id_, URN, read_outs, checked)
    assert refresh_diff.changes == "some"
    fixed = wl_engine.client.update(id_, URN, read_outs, checked)
    assert fixed["status"] == "Running"
    assert live_objects(wl_emu)[0]["Status"] == "Running"


def test_refresh_of_an_unchanged_notebook_shows_no_change(wl_engine: Engine) -> None:
    id_, outs, checked = up(wl_engine, notebook(tags={"team": "ml"}, volume_size_in_gb=50))
    _, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert {k: v for k, v in read_outs.items() if outs.get(k) != v} == {}
    assert wl_engine.client.diff(id_, URN, read_outs, checked).changes == "none"


def test_a_notebook_deleted_outside_is_gone_on_refresh_and_destroy_succeeds(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook())
    wl_engine.client.delete(id_, URN, outs)
    assert live_objects(wl_emu) == []
    read_id, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert read_id == ""
    assert set(read_outs) <= {"__provider"}
    wl_engine.client.delete(id_, URN, outs)


def test_destroy_stops_and_deletes_and_waits_until_gone(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, _ = up(wl_engine, notebook())
    wl_emu.reset_stats()
    wl_engine.client.delete(id_, URN, outs)
    counts = actions(wl_emu)
    assert (counts["StopNotebook"], counts["DeleteNotebook"]) == (1, 1)
    assert live_objects(wl_emu) == []


def test_a_rejected_modification_fails_the_update_and_starts_the_notebook_again(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, notebook())
    unknown_image = {**SEED_IMAGE, "image_url": SEED_IMAGE["image_url"] + "-not-in-the-catalog"}
    news = wl_engine.client.check(URN, checked, notebook(image=unknown_image)).inputs
    assert wl_engine.client.diff(id_, URN, outs, news).replaces == []
    with pytest.raises(grpc.RpcError, match="ImageNotFound"):
        wl_engine.client.update(id_, URN, outs, news)
    assert live_objects(wl_emu)[0]["Status"] == "Running"


RICH: dict[str, Any] = {
    "volume_size_in_gb": 50, "ssh_config": {"enable": True, "port": 22},
    "data_configs": [{"mapping_path": "/data", "data_source_type": "COS",
                      "cos_source": {"bucket": "b-1250000000", "region": "ap-guangzhou", "paths": ["in/"]}}],
    "volume_source_type": "CLOUD_SSD", "log_enable": True,
    "log_config": {"logset_id": "ls", "topic_id": "tp"},
}


def test_refresh_compares_nested_settings_and_up_puts_them_back(wl_engine: Engine, wl_emu: Emulator) -> None:
    """``data_configs`` and ``ssh_config`` changed outside show on refresh (every declared
    setting is compared, from the one field definition); an unchanged one shows nothing."""
    id_, outs, checked = up(wl_engine, notebook(**RICH))
    _, unchanged, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert wl_engine.client.diff(id_, URN, unchanged, checked).changes == "none"
    client = TioneClient(resolve_settings(stack_config(wl_emu), None))
    wl_emu.set_status(id_, "Stopped")
    detail = client.call("DescribeNotebook", {"Id": id_})["NotebookDetail"]
    client.call("ModifyNotebook", {
        "Id": id_, "Name": detail["Name"], "ChargeType": detail["ChargeType"],
        "ResourceConf": {"InstanceType": INSTANCE}, "AutoStopping": False, "DirectInternetAccess": False,
        "RootAccess": False, "LogEnable": True, "SSHConfig": {"Enable": True, "Port": 2222},
        "DataConfigs": [{**detail["DataConfigs"][0], "MappingPath": "/moved"}]})
    wl_emu.set_status(id_, "Running")
    _, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert read_outs["ssh_config"] == {"enable": True, "port": 2222}
    assert read_outs["data_configs"][0]["mapping_path"] == "/moved"
    assert read_outs["volume_size_in_gb"] == 50
    diff = wl_engine.client.diff(id_, URN, read_outs, checked)
    assert diff.changes == "some"
    assert not diff.replaces
    fixed = wl_engine.client.update(id_, URN, read_outs, checked)
    assert fixed["ssh_config"] == {"enable": True, "port": 22}
    live = client.call("DescribeNotebook", {"Id": id_})["NotebookDetail"]
    assert (live["SSHConfig"]["Port"], live["DataConfigs"][0]["MappingPath"]) == (22, "/data")
