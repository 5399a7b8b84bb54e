"""``tione-images drift`` reads a ``pulumi stack export`` written by 0.1.0."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pulumi_tione.cli import main
from pulumi_tione.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, bundled_catalog
from pulumi_tione.stack.state import SCHEMA_VERSION, VERSION_KEY
from tests.upgrade.upgrade_support import EXPORT_FILE, by_name, recorded


@pytest.fixture
def endpoint(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """The environment a CI job sets to point ``tione-images`` at ``emu``."""
    monkeypatch.setenv("TIONE_ENDPOINT", emu.url)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
    monkeypatch.setenv("TENCENTCLOUD_REGION", "ap-guangzhou")
    return emu


def drift(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, dict[str, object]]]:
    code = main(["drift", "--output", "json", str(EXPORT_FILE)])
    document = json.loads(capsys.readouterr().out)
    return code, {r["name"]: r for r in document["resources"]}


def test_drift_reads_the_0_1_0_export(endpoint: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, resources = drift(capsys)
    assert code == 0
    assert set(resources) == {r.name for r in recorded()}
    assert {r["status"] for r in resources.values()} == {"ok"}
    regional = resources["regional"]
    assert (regional["region"], regional["workspace"]) == ("ap-shanghai", "1234")
    assert regional["query"] == by_name("regional").outputs["query"]
    assert resources["notebooks"]["ids"] == by_name("notebooks").outputs["ids"]


def test_drift_of_the_0_1_0_export_sees_a_moved_image(
    endpoint: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    pinned = by_name("newest")
    moved = copy.deepcopy(bundled_catalog())
    for entry in moved:
        if entry["ImageId"] == pinned.id:
            entry["ImageUrl"] = "tione.tencentcloudcr.com/qcloud-ti-platform/moved:1"
    endpoint.set_catalog(moved)
    code, resources = drift(capsys)
    assert code == 1
    assert resources["newest"]["status"] == "url-changed"
    assert resources["notebooks"]["status"] == "ok"
    assert resources["by-name"]["status"] == "ok"


def test_drift_refuses_state_from_a_newer_schema(
    endpoint: Emulator, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = json.loads(EXPORT_FILE.read_text())
    entry = next(r for r in export["deployment"]["resources"] if r["urn"] == by_name("by-name").urn)
    entry["outputs"][VERSION_KEY] = SCHEMA_VERSION + 1
    path = tmp_path / "stack.json"
    path.write_text(json.dumps(export))
    code = main(["drift", "--output", "json", str(path)])
    resources = {r["name"]: r for r in json.loads(capsys.readouterr().out)["resources"]}
    assert code == 2
    assert resources["by-name"]["status"] == "error"
    assert "upgrade pulumi-tione" in resources["by-name"]["reasons"][0]
    assert resources["newest"]["status"] == "ok"
