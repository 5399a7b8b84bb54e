"""No orphan when ``pulumi up`` is killed mid-create (core.ownership).

The plugin is SIGKILLed while its Create RPC is in flight, after ``Create*`` reached TI-ONE (the
object exists in the emulator) and before the engine got an answer (so no state records it).
A new plugin process then runs the same ``up`` (Check with no old inputs, Create): it adopts
the object instead of creating a second; destroy leaves none. A replacement interrupted the same
way adopts its own new object, never the one it replaces.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import grpc
import pytest

from pulumi_tione.emulator import Emulator
from tests.native.conftest import Plugin, PluginFactory
from tests.native.programs import notebook, service, task
from tests.support.native import urn
from tests.support.workloads import actions, live_objects

KINDS = {"Notebook": ("CreateNotebook", notebook), "TrainingTask": ("CreateTrainingTask", task),
         "ModelService": ("CreateModelService", service)}


@pytest.fixture
def kill_emu(emulator_factory: Callable[..., Emulator]) -> Emulator:
    """Statuses last 2 s, so a create is still waiting when the plugin is killed."""
    return emulator_factory(rate_limit=0, step_seconds=2.0, run_seconds=3600.0)


def kill_during_create(plugin: Plugin, server: Emulator, urn_: str, checked: dict[str, Any],
                       known: set[str]) -> str:
    """Send Create, SIGKILL the plugin once a new object exists; return that object's Id."""
    errors: list[BaseException] = []

    def create() -> None:
        try:
            plugin.client.create(urn_, checked)
        except grpc.RpcError as e:  # the plugin died: the engine never gets an answer
            errors.append(e)

    thread = threading.Thread(target=create)
    thread.start()
    deadline = time.monotonic() + 30
    new: list[dict[str, Any]] = []
    while not new and time.monotonic() < deadline:
        new = [o for o in live_objects(server) if o["Id"] not in known]
        time.sleep(0.01)
    plugin.process.kill()
    thread.join(timeout=30)
    assert errors, "the create answered before the kill"
    assert len(new) == 1
    return str(new[0]["Id"])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_killed_create_is_adopted_by_the_next_up(plugin_factory: PluginFactory, kill_emu: Emulator,
                                                   kind: str) -> None:
    action, program = KINDS[kind]
    u = urn("killed", kind)
    first = plugin_factory(kill_emu)
    checked, _ = first.client.check(u, {}, program())
    orphan = kill_during_create(first, kill_emu, u, checked, set())

    second = plugin_factory(kill_emu)
    again, failures = second.client.check(u, {}, program())  # the engine recorded nothing
    assert failures == []
    assert again["name"] == checked["name"]
    kill_emu.reset_stats()
    id_, outs = second.client.create(u, again)
    assert id_ == orphan
    assert action not in actions(kill_emu)
    assert [o["Id"] for o in live_objects(kill_emu)] == [orphan]
    second.client.delete(id_, u, outs)
    assert live_objects(kill_emu) == []


def test_an_interrupted_replacement_adopts_its_new_object_not_the_old(
    plugin_factory: PluginFactory, kill_emu: Emulator
) -> None:
    u = urn("replaced")
    first = plugin_factory(kill_emu)
    old_id, old_inputs, old_outs = first.client.up(u, notebook())
    news = notebook(chargeType="PREPAID", resourceGroupId="rg-1", resourceConf={"cpu": 4, "memory": 8})
    checked, _ = first.client.check(u, old_inputs, news)
    assert first.client.diff(old_id, u, old_outs, checked).replaces
    orphan = kill_during_create(first, kill_emu, u, checked, {old_id})

    second = plugin_factory(kill_emu)
    again, _ = second.client.check(u, old_inputs, news)  # the state still holds the old object
    assert again["name"] == checked["name"] != old_inputs["name"]
    assert second.client.diff(old_id, u, old_outs, again).replaces
    id_, _ = second.client.create(u, again)
    assert id_ == orphan != old_id
    second.client.delete(old_id, u, old_outs)  # the engine's last step of a replacement
    assert [o["Id"] for o in live_objects(kill_emu)] == [orphan]


def test_a_forced_replacement_never_takes_the_object_it_replaces(
    plugin: Plugin, native_emu: Emulator
) -> None:
    """``pulumi up --replace`` with an unchanged explicit name: the old object is the engine's,
    shown in the Diff, so the create does not adopt it (the name is taken: a clear error)."""
    u = urn("forced")
    old_id, inputs, outs = plugin.client.up(u, notebook(name="fixed-name"))
    assert plugin.client.diff(old_id, u, outs, inputs).changes == "none"
    with pytest.raises(grpc.RpcError) as info:
        plugin.client.create(u, inputs)
    assert "already exists and was not created by this operation" in info.value.details()
    assert [o["Id"] for o in live_objects(native_emu)] == [old_id]
