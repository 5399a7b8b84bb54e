"""Drift: ``Read`` (refresh) and ``tione-images drift`` treat native-provider state (type tokens
``tione:index:*``, camelCase properties) like the dynamic resources' state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.cli import main
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from tests.native.conftest import Plugin
from tests.native.programs import notebook, task
from tests.support import stack_export as sx
from tests.support.native import Props, urn
from tests.support.seed import SEED_ID, SEED_NAME


def native_entry(kind: str, name: str, id_: str, inputs: Props, outputs: Props) -> dict[str, Any]:
    """A resource entry of ``pulumi stack export`` for a native resource."""
    return {"urn": urn(name, kind), "custom": True, "id": id_, "type": f"tione:index:{kind}",
            "inputs": dict(inputs), "outputs": dict(outputs),
            "provider": "urn:pulumi:dev::tione-native::pulumi:providers:tione::default::4f1c"}


@pytest.fixture
def env_for(native_emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    for key, value in (("TENCENTCLOUD_REGION", DEFAULT_REGION), ("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID),
                       ("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY), ("TIONE_ENDPOINT", native_emu.url)):
        monkeypatch.setenv(key, value)
    return native_emu


def drift(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, dict[str, Any]]]:
    """``tione-images drift FILE --output json``: exit code and the resources by name."""
    capsys.readouterr()
    code = main(["drift", str(path), "--output", "json"])
    return code, {r["name"]: r for r in json.loads(capsys.readouterr().out)["resources"]}


def test_drift_reads_native_state(
    plugin: Plugin, env_for: Emulator, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    client = plugin.client
    img_id, img_in, img_out = client.up(urn("img", "PlatformImage"), {"name": SEED_NAME})
    nb_id, nb_in, nb_out = client.up(urn("dev"), notebook(tags={"teamName": "ml"}))
    tk_id, tk_in, tk_out = client.up(urn("train", "TrainingTask"), task())
    document = sx.export(native_entry("PlatformImage", "img", img_id, img_in, img_out),
                         native_entry("Notebook", "dev", nb_id, nb_in, nb_out),
                         native_entry("TrainingTask", "train", tk_id, tk_in, tk_out))
    path = sx.write(tmp_path / "export.json", document)
    code, found = drift(path, capsys)
    assert code == 0, found
    assert {name: r["status"] for name, r in found.items()} == {"img": "ok", "dev": "ok", "train": "ok"}
    assert found["img"]["image_id"] == SEED_ID
    # the notebook is stopped outside Pulumi: drift says so, and a refresh (Read) shows it
    client.update(nb_id, urn("dev"), nb_out, {**nb_in, "running": False})
    code, found = drift(path, capsys)
    assert code == 1
    assert found["dev"]["status"] == "status-changed"
    _, refreshed, inputs = client.read(nb_id, urn("dev"), nb_out, nb_in)
    assert refreshed["running"] is False
    assert inputs["running"] is False
    assert client.diff(nb_id, urn("dev"), refreshed, nb_in).diffs == ["running"]
