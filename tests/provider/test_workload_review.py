"""Review findings on ``Notebook``/``TrainingTask`` over gRPC against the emulator: preview names
with unknowns, refresh of server-filled nested fields, image drift of training tasks."""

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
from tests.support.provider import Engine
from tests.support.workloads import INSTANCE, NOTEBOOK, TASK, live_objects, notebook, task

NB_URN = urn(NOTEBOOK, "dev")
TASK_URN = urn(TASK, "train")


def up(engine: Engine, urn_: str, news: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Check + Create: (id, outputs, checked inputs)."""
    checked = engine.client.check(urn_, {}, news)
    assert checked.failures == []
    id_, outs = engine.client.create(urn_, checked.inputs)
    return id_, outs, checked.inputs


def test_a_preview_with_an_unknown_image_keeps_the_generated_name(wl_engine: Engine) -> None:
    id_, outs, checked = up(wl_engine, NB_URN, notebook())
    preview = wl_engine.client.check(NB_URN, checked, notebook(image=Unknown()))
    assert preview.failures == []
    assert preview.inputs["name"] == outs["name"]
    diff = wl_engine.client.diff(id_, NB_URN, outs, preview.inputs)
    assert diff.replaces == []
    unknown_vpc = wl_engine.client.check(NB_URN, checked, notebook(vpc_id=Unknown(), subnet_id=Unknown()))
    assert unknown_vpc.inputs["name"] != outs["name"]  # may replace: a new name, created first


def test_refresh_ignores_compute_fields_the_service_fills_in(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, checked = up(wl_engine, NB_URN, notebook(running=False))
    client = TioneClient(resolve_settings(stack_config(wl_emu), None))
    detail = client.call("DescribeNotebook", {"Id": id_})["NotebookDetail"]
    body = {k: detail[k] for k in ("Name", "ChargeType", "LogEnable", "RootAccess", "AutoStopping",
                                   "DirectInternetAccess", "ImageInfo")}
    body["ResourceConf"] = {"InstanceType": INSTANCE, "Cpu": 8000, "Memory": 40960, "Gpu": 100,
                            "GpuType": "V100"}
    client.call("ModifyNotebook", {"Id": id_, **body})
    _, read_outs, _ = wl_engine.client.read(id_, NB_URN, outs, checked)
    assert read_outs["resource_conf"] == {"instance_type": INSTANCE}
    assert wl_engine.client.diff(id_, NB_URN, read_outs, checked).changes == "none"
    body["ResourceConf"] = {"InstanceType": "TI.GN7.LARGE20.POST"}
    client.call("ModifyNotebook", {"Id": id_, **body})
    _, read_outs, _ = wl_engine.client.read(id_, NB_URN, outs, checked)
    assert read_outs["resource_conf"] == {"instance_type": "TI.GN7.LARGE20.POST"}
    assert wl_engine.client.diff(id_, NB_URN, read_outs, checked).changes == "some"


def test_a_task_is_not_replaced_when_the_service_reports_its_image_differently(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, TASK_URN, task())
    reported = {"image_type": "SYSTEM", "image_url": "ccr.ccs.tencentyun.com/tione-platform/other:1",
                "image_name": "other"}
    diff = wl_engine.client.diff(id_, TASK_URN, {**outs, "reported_image": reported}, checked)
    assert (diff.changes, diff.replaces) == ("none", [])
    assert [o["Id"] for o in live_objects(wl_emu)] == [id_]


def test_a_create_whose_id_was_never_recorded_is_not_duplicated_with_an_explicit_name(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    """The process died after CreateNotebook (the engine recorded no id): the next ``up`` starts
    from no state. With an explicit name it fails naming the conflict; nothing is duplicated."""
    first = wl_engine.client.check(NB_URN, {}, notebook(name="kept-name")).inputs
    wl_engine.client.create(NB_URN, first)
    again = wl_engine.client.check(NB_URN, {}, notebook(name="kept-name"))
    assert again.failures == []
    with pytest.raises(grpc.RpcError, match="named 'kept-name' already exists and was not created by "
                       "this operation"):
        wl_engine.client.create(NB_URN, again.inputs)
    assert [o["Name"] for o in live_objects(wl_emu)] == ["kept-name"]


def test_the_object_of_an_unrecorded_create_can_be_found_by_its_recorded_name(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    """With a generated name the next ``up`` picks a new one (the README says so); the name the
    lost object has is in the checked inputs Pulumi records with the pending create."""
    checked = wl_engine.client.check(NB_URN, {}, notebook()).inputs
    lost_id, _ = wl_engine.client.create(NB_URN, checked)
    assert wl_engine.client.check(NB_URN, {}, notebook()).inputs["name"] != checked["name"]
    client = TioneClient(resolve_settings(stack_config(wl_emu), None))
    found = client.call("DescribeNotebooks", {"Filters": [{"Name": "Name", "Values": [checked["name"]]}]})
    assert [n["Id"] for n in found["NotebookSet"]] == [lost_id]
