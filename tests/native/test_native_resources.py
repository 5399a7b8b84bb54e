"""The four resources through ``pulumi-resource-tione``'s gRPC interface, against the emulator.

Check/Diff/Create/Read/Update/Delete as the engine sends them (camelCase properties), secrets
kept secret in outputs and out of logs, failures as plain messages, the owner tag on what it
creates and never shown back.
"""

from __future__ import annotations

import grpc
import pytest

from pulumi_tione.api.client import TioneClient
from pulumi_tione.core.imports import OWNER_TAG
from pulumi_tione.core.ownership import owner_value
from pulumi_tione.emulator import Emulator
from tests.native.conftest import Plugin
from tests.native.programs import mutating_calls, notebook, task
from tests.support.config import settings_for
from tests.support.native import UNKNOWN, secret, urn
from tests.support.seed import SEED_ID, SEED_NAME
from tests.support.workloads import PASSWORD, PRIVATE_ENV, live_objects


def test_platform_image_lifecycle(plugin: Plugin) -> None:
    client, u = plugin.client, urn("img", "PlatformImage")
    id_, checked, outs = client.up(u, {"name": SEED_NAME, "imageRange": "Train"})
    assert id_ == SEED_ID
    assert checked["imageId"] == SEED_ID
    assert outs["imageRange"] == ["Notebook", "Train"]
    assert outs["query"] == {"name": SEED_NAME, "imageRange": "Train", "select": "unique", "policy": "pin"}
    again, failures = client.check(u, checked, {"name": SEED_NAME, "imageRange": "Train"})
    assert failures == []
    assert client.diff(id_, u, outs, again).changes == "none"
    moved, _ = client.check(u, checked, {"name": SEED_NAME})
    diff = client.diff(id_, u, outs, moved)
    assert diff.changes == "some"
    assert diff.replaces == []
    assert "query" in diff.diffs
    assert client.update(id_, u, outs, moved)["imageId"] == SEED_ID
    rid, refreshed, inputs = client.read(id_, u, outs, checked)
    assert rid == id_
    assert refreshed["imageUrl"] == outs["imageUrl"]
    assert inputs["query"] == outs["query"]
    client.delete(id_, u, outs)


def test_platform_images_and_a_bad_query_at_check(plugin: Plugin) -> None:
    client = plugin.client
    id_, _, outs = client.up(urn("all", "PlatformImages"), {"framework": "PYTORCH"})
    assert id_.startswith("images-")
    assert outs["count"] == len(outs["ids"]) > 0
    assert outs["images"][0]["imageId"] == outs["ids"][0]
    u = urn("all", "PlatformImages")
    narrowed, _ = client.check(u, outs, {"framework": "PYTORCH", "imageRange": "Train"})
    assert client.diff(id_, u, outs, narrowed).changes == "some"
    updated = client.update(id_, u, outs, narrowed)
    assert 0 < updated["count"] <= outs["count"]
    found, refreshed, _ = client.read(id_, u, updated, narrowed)
    assert (found, refreshed["ids"]) == (id_, updated["ids"])
    client.delete(id_, u, updated)
    _, failures = client.check(urn("bad", "PlatformImage"), {}, {"imageRange": "Trian", "select": "best"})
    assert {p for p, _ in failures} == {"imageRange", "select"}
    _, failures = client.check(urn("unknown", "PlatformImage"), {}, {"name": UNKNOWN})
    assert failures == []


def test_notebook_create_update_refresh_delete(plugin: Plugin, native_emu: Emulator) -> None:
    client, u = plugin.client, urn("dev")
    id_, checked, outs = client.up(u, notebook(tags={"team": "ml"}))
    assert id_.startswith("nb-")
    assert outs["status"] == "Running"
    assert outs["name"].startswith("dev-")
    assert outs["tags"] == {"team": "ml"}
    live = next(o for o in live_objects(native_emu) if o["Id"] == id_)
    assert live["Name"] == outs["name"]
    # tags: the provider's owner tag is on the object, never in inputs or outputs
    bigger, failures = client.check(u, checked, notebook(tags={"team": "ml", "cost": "a"}, volumeSizeInGb=20))
    assert failures == []
    assert bigger["name"] == checked["name"]
    diff = client.diff(id_, u, outs, bigger)
    assert (diff.changes, diff.replaces) == ("some", [])
    assert set(diff.diffs) == {"tags", "volumeSizeInGb"}
    updated = client.update(id_, u, outs, bigger)
    assert updated["tags"] == {"team": "ml", "cost": "a"}
    assert updated["volumeSizeInGb"] == 20
    _, refreshed, inputs = client.read(id_, u, updated, bigger)
    assert refreshed["tags"] == {"team": "ml", "cost": "a"}
    assert OWNER_TAG not in str(refreshed)
    assert inputs["volumeSizeInGb"] == 20
    assert client.diff(id_, u, refreshed, bigger).changes == "none"
    replaced, _ = client.check(u, bigger, notebook(chargeType="PREPAID", resourceGroupId="rg-1",
                                                 resourceConf={"cpu": 4, "memory": 8}))
    diff = client.diff(id_, u, updated, replaced)
    assert diff.replaces == ["chargeType"]
    assert diff.detailed["chargeType"] == 5  # UPDATE_REPLACE
    assert replaced["name"] != bigger["name"]
    client.delete(id_, u, updated)
    assert all(o["Id"] != id_ for o in live_objects(native_emu))


def test_the_owner_tag_is_on_the_created_object(plugin: Plugin, native_emu: Emulator) -> None:
    id_, _, _ = plugin.client.up(urn("tagged"), notebook())
    detail = TioneClient(settings_for(native_emu)).call("DescribeNotebook", {"Id": id_})["NotebookDetail"]
    assert {"TagKey": OWNER_TAG, "TagValue": owner_value(urn("tagged"))} in detail["Tags"]


def test_training_task_replaces_on_any_api_change(plugin: Plugin, native_emu: Emulator) -> None:
    client, u = plugin.client, urn("train", "TrainingTask")
    id_, checked, outs = client.up(u, task())
    assert id_.startswith("train-")
    news, _ = client.check(u, checked, task(remark="v2"))
    diff = client.diff(id_, u, outs, news)
    assert set(diff.replaces) == {"remark", "name"}  # a new generated name comes with the new task
    native_emu.reset_stats()
    waited, _ = client.check(u, checked, task(waitFor="running"))
    diff = client.diff(id_, u, outs, waited)
    assert (diff.changes, diff.replaces) == ("some", [])
    assert client.update(id_, u, outs, waited)["status"] in ("RUNNING", "SUCCEED")
    assert mutating_calls(native_emu) == 0
    client.delete(id_, u, outs)


def test_secrets_stay_secret_and_out_of_logs(plugin: Plugin) -> None:
    client, u = plugin.client, urn("secret-task", "TrainingTask")
    image = {"kind": "custom", "imageType": "CUSTOM", "imageUrl": "registry.example.com/team/train:1.0",
             "imageSecret": {"username": "robot", "password": secret(PASSWORD)}}
    news = task(image=image, trainingMode=None,
                envs=[{"name": "HF_TOKEN", "value": secret(PRIVATE_ENV), "isPrivate": True}])
    checked, failures = client.check(u, {}, {k: v for k, v in news.items() if v is not None})
    assert failures == []
    assert {"image", "envs"} <= checked.secrets
    id_, outs = client.create(u, checked)
    assert {"image", "envs"} <= outs.secrets
    _, refreshed, _ = client.read(id_, u, outs, checked)
    assert {"image", "envs"} <= refreshed.secrets
    client.delete(id_, u, outs)
    text = plugin.process.log() + "".join(plugin.engine.servicer.logs)
    assert PASSWORD not in text
    assert PRIVATE_ENV not in text


def test_a_failure_reaches_the_engine_as_a_plain_message(plugin: Plugin) -> None:
    with pytest.raises(grpc.RpcError) as info:
        plugin.client.create(urn("broken"), {"name": "broken"})
    message = info.value.details()
    assert "charge_type: required" in message
    assert "Traceback" not in message
    assert 'File "' not in message
    with pytest.raises(grpc.RpcError) as info:
        plugin.client.check(urn("x", "Nope"), {}, {})
    assert "has no resource type 'tione:index:Nope'" in info.value.details()


def test_a_platform_image_given_by_id_alone_is_completed_from_the_catalog(plugin: Plugin) -> None:
    client, u = plugin.client, urn("by-id")
    checked, failures = client.check(u, {}, notebook(image={"kind": "platform", "imageId": SEED_ID}))
    assert failures == []
    assert checked["image"] == notebook()["image"]
    _, failures = client.check(u, {}, notebook(image={"kind": "platform", "imageId": "img-missing"}))
    assert [p for p, _ in failures] == ["image"]
    assert "no platform image 'img-missing'" in failures[0][1]
