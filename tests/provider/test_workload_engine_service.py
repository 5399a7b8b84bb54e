"""``ModelService`` over gRPC: the RPC sequences the engine sends for preview, up, update, stop and
resume, replace, refresh, import (``Resource.get``) and destroy, against the emulator's
ModelService actions."""

from __future__ import annotations

from typing import Any

from pulumi_tione.api.client import TioneClient
from pulumi_tione.api.credentials import resolve_settings
from pulumi_tione.emulator import Emulator
from tests.support.config import stack_config
from tests.support.engine import urn
from tests.support.provider import Engine
from tests.support.workloads import (
    INFERENCE_IMAGE,
    PRIVATE_ENV,
    SEED_IMAGE,
    SERVICE,
    actions,
    live_objects,
    service,
)

URN = urn(SERVICE, "serve")


def up(engine: Engine, news: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Check + Create: (id, outputs, checked inputs)."""
    checked = engine.client.check(URN, {}, news)
    assert checked.failures == []
    id_, outs = engine.client.create(URN, checked.inputs)
    return id_, outs, checked.inputs


def services(server: Emulator) -> list[tuple[str, str]]:
    return [(o["Id"], o["Status"]) for o in live_objects(server) if o["Kind"] == "ModelService"]


def test_preview_refuses_a_platform_image_without_inference_naming_its_ranges(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    bad = service(image=SEED_IMAGE, scale_mode="AUTO", service_port=8501, instance_type=None, priority=12)
    failures = dict(wl_engine.client.check(URN, {}, bad).failures)
    assert set(failures) == {"image", "horizontal_pod_autoscaler", "service_port", "instance_type",
                             "priority"}
    assert "cannot be used for Inference: its ImageRange is [Notebook, Train]" in failures["image"]
    assert wl_emu.stats()["total"] == 0


def test_up_creates_a_group_and_its_first_version_with_call_addresses(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, service(tags={"team": "ml"}))
    assert outs["service_id"] == id_
    assert id_ == f"{outs['group_id']}-1"
    assert outs["version"] == "1"
    assert outs["status"] == "Normal"
    assert checked["name"].startswith("serve-")
    assert outs["reported_image"]["image_type"] == "PreSet"
    assert outs["reported_image"]["image_url"] == INFERENCE_IMAGE["image_url"]
    assert outs["call_info"]["outer_https_addr"].endswith("/tione")
    assert outs["auth_token"] == ""
    assert outs["app_secret"] == ""
    assert services(wl_emu) == [(id_, "Normal")]
    assert actions(wl_emu)["CreateModelService"] == 1


def test_update_modifies_in_place_stops_resumes_and_toggles_authorization(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    id_, outs, checked = up(wl_engine, service())
    news = wl_engine.client.check(URN, checked, service(replicas=2, authorization_enable=True)).inputs
    diff = wl_engine.client.diff(id_, URN, outs, news)
    assert diff.replaces == []
    outs = wl_engine.client.update(id_, URN, outs, news)
    assert outs["status"] == "Normal"
    assert outs["auth_token"]
    assert outs["app_secret"]
    stopped = wl_engine.client.check(URN, news, service(replicas=2, authorization_enable=True, running=False))
    outs = wl_engine.client.update(id_, URN, outs, stopped.inputs)
    assert outs["status"] == "Stopped"
    assert services(wl_emu) == [(id_, "Stopped")]
    resumed = wl_engine.client.check(URN, stopped.inputs, service(replicas=2, authorization_enable=True))
    outs = wl_engine.client.update(id_, URN, outs, resumed.inputs)
    assert outs["status"] == "Normal"
    assert actions(wl_emu)["ModifyModelService"] == 3
    assert actions(wl_emu)["ModifyModelServiceAuthorization"] == 1


def test_a_member_modify_lacks_replaces(wl_engine: Engine) -> None:
    id_, outs, checked = up(wl_engine, service())
    news = wl_engine.client.check(URN, checked, service(deploy_type="DIST")).inputs
    assert "deploy_type" in wl_engine.client.diff(id_, URN, outs, news).replaces


def test_refresh_shows_settings_changed_outside_and_reads_stop(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, checked = up(wl_engine, service())
    client = TioneClient(resolve_settings(stack_config(wl_emu), None))
    client.call("ModifyModelService", {"ServiceId": id_, "Replicas": 3})
    client.call("ModifyModelService", {"ServiceId": id_, "ServiceAction": "STOP"})
    _, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert read_outs["replicas"] == 3
    assert read_outs["running"] is False
    assert wl_engine.client.diff(id_, URN, read_outs, checked).changes == "some"
    fixed = wl_engine.client.update(id_, URN, read_outs, checked)
    assert fixed["replicas"] == 1
    assert fixed["status"] == "Normal"


def test_a_version_in_an_existing_group_keeps_the_group_on_destroy(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    first, outs, _ = up(wl_engine, service())
    group = outs["group_id"]
    second_urn = urn(SERVICE, "v2")
    checked = wl_engine.client.check(second_urn, {}, service(service_group_id=group, name_prefix="v2"))
    assert checked.failures == []
    assert "name" not in checked.inputs
    second, outs2 = wl_engine.client.create(second_urn, checked.inputs)
    assert second == f"{group}-2"
    assert outs2["version"] == "2"
    wl_engine.client.delete(second, second_urn, outs2)
    assert services(wl_emu) == [(first, "Normal")]
    wl_engine.client.delete(first, URN, outs)
    assert services(wl_emu) == []
    assert wl_emu.backend.workloads.groups == {}


def test_the_resource_class_marks_env_image_and_credentials_secret() -> None:
    from pulumi_tione.stack.workload_inputs import workload_inputs
    from pulumi_tione.workloads.fields import MODEL_SERVICE

    image = {"image_type": "CCR", "image_url": "ccr.ccs.tencentyun.com/me/infer:1"}
    props, options = workload_inputs(MODEL_SERVICE, "serve", {"image": image, "charge_type": "PREPAID"}, None)
    assert props["name_prefix"] == "serve"
    assert {"service_id", "group_id", "call_info", "auth_token"} <= set(props)
    assert set(options.additional_secret_outputs or []) == {"image", "auth_token", "app_key", "app_secret"}


def test_private_env_values_reach_the_service_masked_in_its_answers(
    wl_engine: Engine, wl_emu: Emulator
) -> None:
    env = [{"name": "HF_TOKEN", "value": PRIVATE_ENV, "is_private": True}]
    id_, outs, checked = up(wl_engine, service(env=env))
    client = TioneClient(resolve_settings(stack_config(wl_emu), None))
    live = client.call("DescribeModelService", {"ServiceId": id_})["Service"]["ServiceInfo"]["Env"]
    assert live == [{"Name": "HF_TOKEN", "Value": "******", "IsPrivate": True}]
    _, read_outs, _ = wl_engine.client.read(id_, URN, outs, checked)
    assert read_outs["env"] == outs["env"]  # env is not compared: TI-ONE masks private values
    assert PRIVATE_ENV not in wl_engine.process.log()


def test_destroy_leaves_nothing(wl_engine: Engine, wl_emu: Emulator) -> None:
    id_, outs, _ = up(wl_engine, service())
    wl_engine.client.delete(id_, URN, outs)
    assert services(wl_emu) == []
    assert wl_emu.backend.workloads.groups == {}
