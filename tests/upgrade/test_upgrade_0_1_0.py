"""State written by 0.1.0 keeps working with the current code, through the real gRPC provider.

The engine's calls after an upgrade, played with the fixture's recorded state (see
``fixtures/README.md``): the next preview/up is Check(olds = 0.1.0 inputs, news = what the current
program sends) then Diff(olds = 0.1.0 outputs); refresh is Read(0.1.0 outputs, with 0.1.0's
``__provider``) then Diff(olds = read outputs, news = old inputs); destroy is Delete with 0.1.0's
``__provider``. Pins are carried forward with no API call and no diff.
"""

from __future__ import annotations

import base64
import copy
from pathlib import Path
from typing import Any

import dill
import grpc
import pytest

from pulumi_tione.emulator import Emulator, bundled_catalog
from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider
from pulumi_tione.stack.state import SCHEMA_VERSION, VERSION_KEY
from tests.support.engine import PROVIDER_KEY, provider_string
from tests.upgrade.upgrade_support import (
    OLD_IMAGE_PROVIDER,
    Recorded,
    by_name,
    current_props,
    provider_process,
    recorded,
)

PINNED = [r.name for r in recorded() if r.policy == "pin"]
TRACKED = [r.name for r in recorded() if r.policy == "track"]
ALL = [r.name for r in recorded()]
_RESOLVED_IMAGE = ("image_id", "image_url", "image_name", "image_info", "framework", "framework_version",
                   "image_range", "support_gpu_list", "extra_attributes", "region")
_RESOLVED_LIST = ("ids", "names", "images", "region")


def requests(server: Emulator) -> int:
    """API requests the emulator has answered since its stats were reset."""
    return int(server.stats()["total"])


def resolved(res: Recorded, doc: dict[str, Any]) -> dict[str, Any]:
    """The resolved part of a state document (what a pin keeps)."""
    keys = _RESOLVED_IMAGE if res.cls == "PlatformImage" else _RESOLVED_LIST
    return {k: doc.get(k) for k in keys}


@pytest.fixture(scope="module")
def news() -> dict[str, dict[str, Any]]:
    """What the current program sends for each recorded resource."""
    return current_props()


def test_the_fixture_is_0_1_0_state() -> None:
    """The fixture holds what 0.1.0 pickled: the old module path, and the resolved documents."""
    raw = base64.b64decode(by_name("by-name").outputs[PROVIDER_KEY])
    module, name = OLD_IMAGE_PROVIDER.rsplit(".", 1)
    assert module.encode() in raw
    assert name.encode() in raw
    assert all(PROVIDER_KEY in r.inputs and PROVIDER_KEY in r.outputs for r in recorded())
    assert by_name("by-name").inputs["image_range"] == ["Notebook", "Train"]
    assert by_name("by-name").inputs["query"]["policy"] == "pin"


def test_0_1_0_provider_string_loads_the_current_classes() -> None:
    image = dill.loads(base64.b64decode(by_name("by-name").outputs[PROVIDER_KEY]))
    images = dill.loads(base64.b64decode(by_name("notebooks").outputs[PROVIDER_KEY]))
    assert (type(image), type(images)) == (PlatformImageProvider, PlatformImagesProvider)


@pytest.mark.parametrize("provider", ["current", "0.1.0"])
def test_next_up_carries_every_pin_forward_without_api_call_or_diff(
    emu: Emulator, tmp_path: Path, news: dict[str, dict[str, Any]], provider: str
) -> None:
    with provider_process(emu, tmp_path) as client:
        emu.reset_stats()
        for name in PINNED:
            res = by_name(name)
            props = dict(news[name])
            if provider == "0.1.0":
                props[PROVIDER_KEY] = res.inputs[PROVIDER_KEY]
            checked = client.check(res.urn, res.inputs, props)
            assert checked.failures == [], name
            assert resolved(res, checked.inputs) == resolved(res, res.outputs), name
            diff = client.diff(res.id, res.urn, res.outputs, checked.inputs)
            assert (diff.changes, diff.replaces) == ("none", []), name
            # no diff: the engine keeps 0.1.0's outputs and records the new checked inputs
            again = client.check(res.urn, checked.inputs, props)
            assert again.inputs == checked.inputs, name
            assert client.diff(res.id, res.urn, res.outputs, again.inputs).changes == "none", name
        assert requests(emu) == 0


def test_next_up_of_tracked_resources_re_resolves_the_same_image_without_diff(
    emu: Emulator, tmp_path: Path, news: dict[str, dict[str, Any]]
) -> None:
    with provider_process(emu, tmp_path) as client:
        emu.reset_stats()
        for name in TRACKED:
            res = by_name(name)
            checked = client.check(res.urn, res.inputs, news[name])
            assert checked.failures == [], name
            assert resolved(res, checked.inputs) == resolved(res, res.outputs), name
            diff = client.diff(res.id, res.urn, res.outputs, checked.inputs)
            assert diff.changes == "none", name
        assert requests(emu) == 2  # both tracked resources share one fetch of the 140-image catalog


def test_changed_query_after_upgrade_re_resolves_as_an_update(
    emu: Emulator, tmp_path: Path, news: dict[str, dict[str, Any]]
) -> None:
    res = by_name("by-name")
    props = {**news["by-name"], "image_range": "Notebook"}
    with provider_process(emu, tmp_path) as client:
        checked = client.check(res.urn, res.inputs, props)
        assert checked.failures == []
        assert checked.inputs["image_id"] == res.id
        diff = client.diff(res.id, res.urn, res.outputs, checked.inputs)
        assert (diff.changes, diff.replaces) == ("some", [])
        outs = client.update(res.id, res.urn, res.outputs, checked.inputs)
        assert outs["query"]["image_range"] == "Notebook"
        assert outs[PROVIDER_KEY] == news["by-name"][PROVIDER_KEY]


@pytest.mark.parametrize("name", ALL)
def test_refresh_with_the_0_1_0_provider_shows_no_drift(emu: Emulator, tmp_path: Path, name: str) -> None:
    res = by_name(name)
    with provider_process(emu, tmp_path) as client:
        id_, outs, inputs = client.read(res.id, res.urn, res.outputs, res.inputs)
        assert id_ == res.id
        assert outs[PROVIDER_KEY] == res.outputs[PROVIDER_KEY]
        assert inputs is not None
        assert resolved(res, outs) == resolved(res, res.outputs)
        diff = client.diff(id_, res.urn, outs, res.inputs)
        assert diff.changes == "none"


def test_refresh_with_the_0_1_0_provider_reports_a_moved_image(emu: Emulator, tmp_path: Path) -> None:
    res = by_name("by-name")
    moved = copy.deepcopy(bundled_catalog())
    for entry in moved:
        if entry["ImageId"] == res.id:
            entry["ImageUrl"] = str(entry["ImageUrl"]) + "-moved"
    emu.set_catalog(moved)
    with provider_process(emu, tmp_path) as client:
        id_, outs, inputs = client.read(res.id, res.urn, res.outputs, res.inputs)
        assert (id_, outs["image_url"]) == (res.id, res.outputs["image_url"] + "-moved")
        assert client.diff(id_, res.urn, outs, res.inputs).changes == "some"
        emu.reset_stats()
        assert inputs is not None
        after = client.check(res.urn, inputs, current_props()["by-name"])
        assert after.inputs["image_url"] == outs["image_url"]
        assert client.diff(id_, res.urn, outs, after.inputs).changes == "none"
        assert requests(emu) == 0


def test_refresh_with_the_0_1_0_provider_reports_a_vanished_image_gone(emu: Emulator, tmp_path: Path) -> None:
    res = by_name("regional")
    emu.set_catalog([e for e in bundled_catalog() if e["ImageId"] != res.id])
    with provider_process(emu, tmp_path) as client:
        id_, outs, _ = client.read(res.id, res.urn, res.outputs, res.inputs)
    assert (id_, {k: v for k, v in outs.items() if k != PROVIDER_KEY}) == ("", {})


@pytest.mark.parametrize("name", ALL)
def test_destroy_with_the_0_1_0_provider(emu: Emulator, tmp_path: Path, name: str) -> None:
    res = by_name(name)
    with provider_process(emu, tmp_path) as client:
        emu.reset_stats()
        client.delete(res.id, res.urn, res.outputs)
        assert requests(emu) == 0


def test_current_provider_string_round_trips(emu: Emulator, tmp_path: Path) -> None:
    """The current ``__provider`` pickles by reference and serves every RPC from the state's copy."""
    for cls in (PlatformImageProvider, PlatformImagesProvider):
        encoded = provider_string(cls)
        assert type(dill.loads(base64.b64decode(encoded))) is cls
        assert len(base64.b64decode(encoded)) < 100
    res = by_name("by-name")
    with provider_process(emu, tmp_path) as client:
        checked = client.check(res.urn, {}, current_props()["by-name"])
        id_, outs = client.create(res.urn, checked.inputs)
        assert outs[PROVIDER_KEY] == provider_string(PlatformImageProvider)
        read_id, read_outs, _ = client.read(id_, res.urn, outs, checked.inputs)
        assert (read_id, read_outs) == (id_, outs)
        again = client.check(res.urn, checked.inputs, current_props()["by-name"])
        assert client.diff(id_, res.urn, outs, again.inputs).changes == "none"
        client.delete(id_, res.urn, outs)


def test_state_from_a_newer_schema_is_refused_not_misread(
    emu: Emulator, tmp_path: Path, news: dict[str, dict[str, Any]]
) -> None:
    """A downgrade: state written by a later version fails with what to do, and moves nothing."""
    res = by_name("by-name")
    newer_inputs = {**res.inputs, VERSION_KEY: SCHEMA_VERSION + 1}
    newer_outputs = {**res.outputs, VERSION_KEY: SCHEMA_VERSION + 1}
    with provider_process(emu, tmp_path) as client:
        ((prop, reason),) = client.check(res.urn, newer_inputs, news["by-name"]).failures
        assert prop == ""
        assert "upgrade pulumi-tione" in reason
        with pytest.raises(grpc.RpcError, match="upgrade pulumi-tione"):
            client.read(res.id, res.urn, newer_outputs, newer_inputs)
        with pytest.raises(grpc.RpcError, match="upgrade pulumi-tione"):
            client.diff(res.id, res.urn, newer_outputs, res.inputs)
        client.delete(res.id, res.urn, newer_outputs)


def test_new_state_carries_the_schema_version(emu: Emulator, tmp_path: Path,
                                              news: dict[str, dict[str, Any]]) -> None:
    with provider_process(emu, tmp_path) as client:
        for res in recorded():
            checked = client.check(res.urn, {}, news[res.name])
            _, outs = client.create(res.urn, checked.inputs)
            assert checked.inputs[VERSION_KEY] == outs[VERSION_KEY] == SCHEMA_VERSION
            assert outs["query"] == res.outputs["query"]
