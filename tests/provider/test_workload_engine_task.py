"""``TrainingTask`` over gRPC: preview, up (waiting for ``wait_for``), replace on any change,
refresh, a terminal failure with TI-ONE's FailureReason, destroy."""

from __future__ import annotations

import threading
import time
from typing import Any

import grpc
import pytest
from pulumi.output import Unknown

from pulumi_tione.emulator import Emulator
from tests.support.engine import urn
from tests.support.provider import Engine
from tests.support.workloads import SEED_IMAGE, TASK, actions, live_objects, task

URN = urn(TASK, "train")


def up(engine: Engine, news: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Check + Create: (id, outputs, checked inputs)."""
    checked = engine.client.check(URN, {}, news)
    assert checked.failures == []
    id_, outs = engine.client.create(URN, checked.inputs)
    return id_, outs, checked.inputs


def test_preview_checks_that_the_image_fits_the_training(wl_engine: Engine) -> None:
    news = task(image={**SEED_IMAGE, "image_range": ["Notebook"]}, training_mode="MPI",
                resource_config_infos=[{"role": "WORKER", "instance_type": "TI.X", "gpu_type": "H800"}],
                wait_for="eventually", remark="x" * 1025)
    failures = wl_engine.client.check(URN, {}, news).failures
    by_property: dict[str, list[str]] = {}
    for prop, reason in failures:
        by_property.setdefault(prop, []).append(reason)
    assert set(by_property) == {"image", "training_mode", "wait_for", "remark"}
    assert any("cannot be used for Train" in r for r in by_property["image"])
    assert any("does not support GPU type 'H800'" in r for r in by_property["image"])
    assert "its TrainingModes: DDP" in by_property["training_mode"][0]


def test_preview_with_an_unknown_image_still_checks_the_rest(wl_engine: Engine) -> None:
    ok = wl_engine.client.check(URN, {}, task(image=Unknown()))
    assert ok.failures == []
    bad = wl_engine.client.check(URN, {}, task(image=Unknown(), resource_config_infos=[]))
    assert [p for p, _ in bad.failures] == ["resource_config_infos"]


def test_up_submits_with_framework_fields_and_returns_once_submitted(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, _ = up(wl_engine, task(envs=[{"name": "EPOCHS", "value": "3"}]))
    assert id_.startswith("train-")
    assert outs["status"] not in ("SUBMITTING", "FAILED", "SUBMIT_FAILED")
    assert outs["reported_image"]["image_url"] == SEED_IMAGE["image_url"]
    assert outs["reported_image"]["image_type"] == "PRE_SET"
    assert [o["Id"] for o in live_objects(wl_emu)] == [id_]


def test_wait_for_running_and_finished(wl_engine: Engine, wl_emu: Emulator) -> None:
    _, outs, _ = up(wl_engine, task(wait_for="running"))
    assert outs["status"] == "RUNNING"
    wl_emu.set_timing(run_seconds=0.0)
    _, done, _ = up(wl_engine, task(wait_for="finished", name="finishing-task"))
    assert done["status"] == "SUCCEED"


def test_any_change_replaces_and_wait_for_only_updates(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, checked = up(wl_engine, task())
    changed = wl_engine.client.check(URN, checked, task(training_mode=None, tags={"run": "2"}))
    assert changed.inputs["name"] != outs["name"]
    diff = wl_engine.client.diff(id_, URN, outs, changed.inputs)
    assert set(diff.replaces) >= {"tags", "training_mode"}
    waiting = wl_engine.client.check(URN, checked, task(wait_for="running")).inputs
    assert waiting["name"] == outs["name"]
    diff = wl_engine.client.diff(id_, URN, outs, waiting)
    assert (diff.changes, diff.replaces) == ("some", [])
    updated = wl_engine.client.update(id_, URN, outs, waiting)
    assert updated["status"] == "RUNNING"
    assert len(live_objects(wl_emu)) == 1


def test_a_failed_task_fails_the_up_with_the_reason_and_leaves_nothing(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    checked = wl_engine.client.check(URN, {}, task(wait_for="finished")).inputs

    def fail_it() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            mine = [o for o in live_objects(wl_emu) if o["Name"] == checked["name"]]
            if mine and mine[0]["Status"] == "RUNNING":
                wl_emu.set_status(mine[0]["Id"], "FAILED", "CUDA out of memory on worker-0")
                return
            time.sleep(0.01)

    saboteur = threading.Thread(target=fail_it)
    saboteur.start()
    with pytest.raises(grpc.RpcError) as info:
        wl_engine.client.create(URN, checked)
    saboteur.join()
    details = info.value.details()
    assert "is FAILED instead of finished: CUDA out of memory on worker-0" in details
    assert "deleted again" in details
    assert live_objects(wl_emu) == []


def test_refresh_reads_the_status_and_a_deleted_task_is_gone(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, checked = up(wl_engine, task())
    wl_emu.set_status(id_, "SUCCEED")
    read_id, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert (read_id, read_outs["status"]) == (id_, "SUCCEED")
    assert wl_engine.client.diff(id_, URN, read_outs, checked).changes == "none"
    wl_engine.client.delete(id_, URN, outs)
    assert wl_engine.client.read(id_, URN, outs, checked)[0] == ""


def test_destroy_stops_a_running_task_first(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, _ = up(wl_engine, task(wait_for="running"))
    wl_emu.reset_stats()
    wl_engine.client.delete(id_, URN, outs)
    counts = actions(wl_emu)
    assert (counts["StopTrainingTask"], counts["DeleteTrainingTask"]) == (1, 1)
    assert live_objects(wl_emu) == []
    wl_engine.client.delete(id_, URN, outs)


def test_refresh_of_a_task_with_every_kind_of_setting_shows_no_change(wl_engine: Engine) -> None:
    """Refresh compares every declared, reported setting of a task too; what TI-ONE fills in
    (InstanceNum, RDMAConfig, the other start commands, ...) is not a change."""
    cos = {"bucket": "b-1250000000", "region": "ap-guangzhou", "paths": ["out/"]}
    id_, outs, checked = up(wl_engine, task(
        output=cos, code_package_path=cos, data_configs=[{"mapping_path": "/d", "cos_source": cos}],
        code_repos=[{"id": "cr-1", "target_path": "/code"}], log_enable=True,
        log_config={"logset_id": "ls", "topic_id": "tp"}, tags={"team": "ml"}, remark="r",
        expose_network_config={"ssh_config": {"enable": True}}, queues=["q-1"],
        train_tool_config={"enable_hang_monitor": True}))
    _, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert {k: v for k, v in read_outs.items() if outs.get(k) != v and k != "status"} == {}
    assert wl_engine.client.diff(id_, URN, read_outs, checked).changes == "none"
