"""``tione:index:ModelService`` through the plugin: create, update in place, stop/resume, replace,
refresh, destroy (with the group it made), secrets and the engine's timeout."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import grpc
import pytest

from pulumi_tione.emulator import Emulator
from tests.native.conftest import Plugin, PluginFactory
from tests.native.programs import service
from tests.support.native import secret, urn
from tests.support.workloads import PRIVATE_ENV, SEED_IMAGE, actions, live_objects


def services(server: Emulator) -> list[tuple[str, str]]:
    return [(o["Id"], o["Status"]) for o in live_objects(server) if o["Kind"] == "ModelService"]


def test_model_service_create_update_stop_refresh_delete(plugin: Plugin, native_emu: Emulator) -> None:
    u = urn("serve", "ModelService")
    id_, inputs, outs = plugin.client.up(u, service(tags={"team": "ml"}))
    assert outs["serviceId"] == id_
    assert outs["groupId"] + "-1" == id_
    assert outs["status"] == "Normal"
    assert outs["callInfo"]["outer_https_addr"].endswith("/tione")
    assert services(native_emu) == [(id_, "Normal")]

    news, failures = plugin.client.check(u, inputs, service(tags={"team": "ml"}, replicas=2,
                                                            authorizationEnable=True, running=False))
    assert failures == []
    diff = plugin.client.diff(id_, u, outs, news)
    assert diff.replaces == []
    outs = plugin.client.update(id_, u, outs, news)
    assert outs["status"] == "Stopped"
    assert outs["authToken"]
    assert services(native_emu) == [(id_, "Stopped")]

    _, read, _ = plugin.client.read(id_, u, outs, news)
    assert plugin.client.diff(id_, u, read, news).changes == "none"

    changed, _ = plugin.client.check(u, news, service(tags={"team": "ops"}, replicas=2,
                                                      authorizationEnable=True, running=False))
    assert "tags" in plugin.client.diff(id_, u, outs, changed).replaces
    plugin.client.delete(id_, u, outs)
    assert services(native_emu) == []
    assert native_emu.backend.workloads.groups == {}


def test_model_service_owner_tag_and_preview_in_camel_case(plugin: Plugin, native_emu: Emulator) -> None:
    u = urn("bad", "ModelService")
    _, failures = plugin.client.check(u, {}, service(image={"kind": "platform", **{
        "imageName": SEED_IMAGE["image_name"], "imageUrl": SEED_IMAGE["image_url"],
        "imageRange": SEED_IMAGE["image_range"]}}, servicePort=8501, instanceType=None))
    reasons = dict(failures)
    assert "imageRange" in reasons["image"]
    assert "Inference" in reasons["image"]
    assert "servicePort" in reasons
    assert "chargeType POSTPAID_BY_HOUR" in reasons["instanceType"]
    assert actions(native_emu) == {}


def test_a_failed_create_fails_with_ti_one_s_reason_and_leaves_nothing(
    plugin_factory: PluginFactory, emulator_factory: Callable[..., Emulator]
) -> None:
    slow = emulator_factory(rate_limit=0, step_seconds=2.0, run_seconds=3600.0)
    plugin = plugin_factory(slow)
    u = urn("failing", "ModelService")
    inputs, _ = plugin.client.check(u, {}, service())
    errors: list[grpc.RpcError] = []

    def create() -> None:
        try:
            plugin.client.create(u, inputs, timeout=60)
        except grpc.RpcError as e:
            errors.append(e)

    thread = threading.Thread(target=create)
    thread.start()
    deadline = time.monotonic() + 30
    while not services(slow) and time.monotonic() < deadline:
        time.sleep(0.01)
    [(id_, _)] = services(slow)
    slow.set_status(id_, "CREATE_FAILED", "image pull failed: manifest unknown")
    thread.join(timeout=60)
    [error] = errors
    assert "CREATE_FAILED" in error.details()
    assert "image pull failed: manifest unknown" in error.details()
    assert "deleted again" in error.details()
    assert services(slow) == []


def test_joining_a_group_that_does_not_exist_fails_clearly(plugin: Plugin, native_emu: Emulator) -> None:
    u = urn("joining", "ModelService")
    inputs, failures = plugin.client.check(u, {}, service(serviceGroupId="ms-nosuch00"))
    assert failures == []
    assert "name" not in inputs
    with pytest.raises(grpc.RpcError) as info:
        plugin.client.create(u, inputs)
    assert "ms-nosuch00" in info.value.details()
    assert services(native_emu) == []


def test_secrets_stay_secret_and_out_of_logs(plugin: Plugin) -> None:
    client, u = plugin.client, urn("secret-serve", "ModelService")
    news = service(env=[{"name": "HF_TOKEN", "value": secret(PRIVATE_ENV), "isPrivate": True}],
                   authorizationEnable=True)
    checked, failures = client.check(u, {}, news)
    assert failures == []
    assert "env" in checked.secrets
    id_, outs = client.create(u, checked)
    assert {"env", "authToken", "appKey", "appSecret"} <= outs.secrets
    token = outs["authToken"]
    _, refreshed, _ = client.read(id_, u, outs, checked)
    assert {"env", "authToken"} <= refreshed.secrets
    client.delete(id_, u, outs)
    text = plugin.process.log() + "".join(plugin.engine.servicer.logs)
    assert PRIVATE_ENV not in text
    assert token not in text
