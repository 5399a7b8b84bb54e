"""Moving a stack from the dynamic resources to the native ``tione`` ones (docs/migrating-to-native.md),
at the gRPC level: the real dynamic provider server (``python -m pulumi.dynamic``) and the real
``pulumi-resource-tione`` plugin, on one emulator.

- images: the dynamic ``PlatformImage`` has no cloud object; its native replacement declares the
  pinned ``image_id`` so it keeps that image even when the query now picks another; removing the
  dynamic one calls nothing remote;
- notebooks and training tasks: ``pulumi import`` into the native resource (Read with only an id),
  ``pulumi state delete`` of the dynamic one (the engine makes no provider call, so no ``Delete``
  reaches TI-ONE), then the next ``up`` of the native program declaring the same settings as the
  Python program did shows no diff and makes no mutating call.

On the way, no cloud object is deleted or duplicated (``/_emulator/objects``, ``/_emulator/stats``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.stack.image_provider import PlatformImageProvider
from tests.native.conftest import Plugin
from tests.native.programs import MUTATING, camel, mutating_calls
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, ProviderClient, ProviderProcess, provider_string
from tests.support.engine import urn as dynamic_urn
from tests.support.env import CLOSED, provider_env
from tests.support.native import urn
from tests.support.workloads import INSTANCE, NOTEBOOK, TASK, actions, live_objects, notebook, task

IMAGE_TYPE = "pulumi-python:dynamic/tione:PlatformImage"
QUERY = {"name_regex": r"^tilearn-llm\d", "framework": "PyTorch", "image_range": "Train", "gpu": "A10",
         "training_mode": "DDP", "select": "highest_version"}
NATIVE_QUERY = camel(QUERY)


@pytest.fixture
def dynamic(native_emu: Emulator, tmp_path: Path) -> Iterator[ProviderClient]:
    """The dynamic provider server of the stack before the move, configured for ``native_emu``."""
    env = provider_env(HOME=str(tmp_path), TIONE_CVM_METADATA_ENDPOINT=CLOSED, TIONE_POLL_SECONDS="0.02")
    with ProviderProcess(env) as process, ProviderClient(process.address) as client:
        client.configure(stack_config(native_emu))
        yield client


def dynamic_up(client: ProviderClient, type_: str, name: str,
               props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    checked = client.check(dynamic_urn(type_, name), {}, props)
    assert checked.failures == []
    return client.create(dynamic_urn(type_, name), checked.inputs)


def deletes(server: Emulator) -> int:
    return sum(n for action, n in actions(server).items() if action.startswith("Delete"))


def _newer_twin(entry: dict[str, Any]) -> dict[str, Any]:
    """A catalog entry that the same query ranks first: same kind of image, higher version."""
    return {**entry, "ImageId": "9f1c2d3e-0000-4000-8000-000000000001",
            "ImageName": "tilearn-llm9.9-torch9.9-py3.10-cuda12.4-gpu", "FrameworkVersion": "9.9",
            "ImageUrl": "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:99.99-gpu"}


def test_an_image_keeps_its_pin_when_the_program_passes_image_id(dynamic: ProviderClient, plugin: Plugin,
                                                                  native_emu: Emulator) -> None:
    props = {**QUERY, PROVIDER_KEY: provider_string(PlatformImageProvider)}
    pinned_id, outs = dynamic_up(dynamic, IMAGE_TYPE, "llm-train-image", props)
    assert outs["image_id"] == pinned_id
    pinned = next(e for e in bundled_catalog() if e["ImageId"] == pinned_id)
    # the catalog moves on: the same query now picks a newer image
    native_emu.set_catalog([*bundled_catalog(), _newer_twin(pinned)])
    native_emu.reset_stats()
    u = urn("llm-train-image", "PlatformImage")
    fresh, failures = plugin.client.check(u, {}, NATIVE_QUERY)
    assert failures == []
    assert fresh["imageId"] != pinned_id  # without image_id the native resource would move
    kept, failures = plugin.client.check(u, {}, {**NATIVE_QUERY, "imageId": pinned_id})
    assert failures == []
    assert kept["imageId"] == pinned_id
    id_, created = plugin.client.create(u, kept)
    assert (id_, created["imageId"], created["imageUrl"]) == (pinned_id, pinned_id, pinned["ImageUrl"])
    # the dynamic resource leaves the program: its delete calls nothing remote
    before = native_emu.stats()["total"]
    dynamic.delete(pinned_id, dynamic_urn(IMAGE_TYPE, "llm-train-image"), outs)
    assert native_emu.stats()["total"] == before
    # and the next up of the native program is quiet
    again, _ = plugin.client.check(u, kept, {**NATIVE_QUERY, "imageId": pinned_id})
    assert plugin.client.diff(id_, u, created, again).changes == "none"
    assert mutating_calls(native_emu) == 0


def declared(python_program: dict[str, Any]) -> dict[str, Any]:
    """The native program's inputs for what the Python program declared: camelCase, no
    ``__provider``, no ``name_prefix`` (the native resource name is the URN's)."""
    return camel({k: v for k, v in python_program.items() if k not in (PROVIDER_KEY, "name_prefix")})


@dataclass(frozen=True)
class Case:
    kind: str
    type_: str
    python_program: dict[str, Any]


CASES = [
    Case("Notebook", NOTEBOOK, notebook(tags={"team": "ml"}, volume_source_type="CLOUD_PREMIUM",
                                        volume_size_in_gb=50, auto_stopping=True, automatic_stop_time=2)),
    Case("TrainingTask", TASK, task(tags={"team": "ml"}, remark="nightly",
                                    output={"bucket": "out-1250000000", "region": "ap-guangzhou",
                                            "paths": ["out/"]})),
]


@pytest.mark.parametrize("case", CASES, ids=["notebook", "training-task"])
def test_a_workload_moves_by_import_then_state_delete(dynamic: ProviderClient, plugin: Plugin,
                                                      native_emu: Emulator, case: Case) -> None:
    kind, type_, python_program = case.kind, case.type_, case.python_program
    id_, dynamic_outs = dynamic_up(dynamic, type_, python_program["name_prefix"], python_program)
    objects = live_objects(native_emu)
    assert [o["Id"] for o in objects] == [id_]
    native_emu.reset_stats()

    # 1. pulumi import tione:index:<kind> <name> <id>: Read with only the id
    u = urn(python_program["name_prefix"], kind)
    found, outputs, inputs = plugin.client.read(id_, u)
    assert found == id_
    assert outputs["name"] == dynamic_outs["name"]
    # 2. pulumi state delete <dynamic urn>: the engine calls no provider, so nothing reaches TI-ONE
    assert deletes(native_emu) == 0
    assert live_objects(native_emu) == objects
    # 3. the next up: the native program declares what the Python program declared (the
    #    generated name is carried forward from the imported inputs)
    checked, failures = plugin.client.check(u, inputs, declared(python_program))
    assert failures == []
    assert checked["name"] == dynamic_outs["name"]  # carried forward from the imported inputs
    diff = plugin.client.diff(id_, u, outputs, checked)
    assert (diff.changes, diff.diffs, diff.replaces) == ("none", [], [])
    assert mutating_calls(native_emu) == 0
    assert [o["Id"] for o in live_objects(native_emu)] == [id_]
    assert all(action not in MUTATING for action in actions(native_emu))
    # the native resource now owns the object: a later destroy deletes exactly it
    plugin.client.delete(id_, u, outputs)
    assert live_objects(native_emu) == []


def test_a_setting_ti_one_filled_in_shows_in_the_diff_until_declared(
        dynamic: ProviderClient, plugin: Plugin, native_emu: Emulator) -> None:
    """The Python program left the volume type to TI-ONE; the import reads what TI-ONE chose. A
    native program without it differs there (a replacement: with the ``import`` resource option
    the engine refuses the import instead, touching nothing); declaring the value makes it quiet."""
    python_program = notebook(volume_size_in_gb=50)
    id_, _ = dynamic_up(dynamic, NOTEBOOK, "dev", python_program)
    native_emu.reset_stats()
    u = urn("dev")
    _, outputs, inputs = plugin.client.read(id_, u)
    program = declared(python_program)
    assert program["resourceConf"] == {"instanceType": INSTANCE}
    checked, _ = plugin.client.check(u, inputs, program)
    diff = plugin.client.diff(id_, u, outputs, checked)
    assert diff.replaces == ["volumeSourceType"]
    assert inputs["volumeSourceType"] == "CLOUD_PREMIUM"
    checked, _ = plugin.client.check(u, inputs, {**program, "volumeSourceType": inputs["volumeSourceType"]})
    assert plugin.client.diff(id_, u, outputs, checked).changes == "none"
    assert mutating_calls(native_emu) == 0
