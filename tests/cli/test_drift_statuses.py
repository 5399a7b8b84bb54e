"""`tione-images drift`: every status, from exports built by the real provider, after the catalog moved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import Emulator
from tests.support import stack_export as sx
from tests.support.cli import Run
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL

DEMO_QUERY = {"framework": "PYTORCH", "image_range": "Train", "training_mode": "DDP", "gpu": "A100",
              "select": "highest_version"}
SEED_FAMILY = {"name_regex": r"^tilearn-llm0\.9-torch2\.3"}


def _drift(run: Run, path: Path) -> tuple[int, dict[str, Any]]:
    result = run("drift", str(path), "--output", "json")
    assert result.err == "" or result.code == 2, result.err
    return result.code, json.loads(result.out)


def _by_name(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in doc["resources"]}


@pytest.fixture
def pinned(emu_env: Emulator, tmp_path: Path) -> Path:
    """An export pinning the seed image, a highest_version query and a PlatformImages family."""
    document = sx.export(
        sx.image("seed", name=SEED_NAME),
        sx.image("newest", **DEMO_QUERY),
        sx.images("family", **SEED_FAMILY),
    )
    emu_env.reset_stats()
    return sx.write(tmp_path / "export.json", document)


def test_unchanged_catalog_is_ok(run: Run, pinned: Path, emu_env: Emulator) -> None:
    code, doc = _drift(run, pinned)
    assert code == 0
    assert doc["drift"] is False
    assert doc["summary"] == {"ok": 3}
    seed = _by_name(doc)["seed"]
    assert (seed["image_id"], seed["resolved_image_id"]) == (SEED_ID, SEED_ID)
    assert seed["region"] == "ap-guangzhou"
    assert seed["query"]["name"] == SEED_NAME
    assert emu_env.stats()["total"] == 2, "one catalog fetch (2 pages) for all three resources"


def test_url_changed(run: Run, pinned: Path, emu_env: Emulator) -> None:
    new_url = SEED_URL.replace("v1.8.0", "v1.8.1")
    emu_env.set_catalog(sx.catalog_with(lambda c: sx.entry(c, SEED_ID).update(ImageUrl=new_url)))
    code, doc = _drift(run, pinned)
    assert code == 1
    seed, family = _by_name(doc)["seed"], _by_name(doc)["family"]
    assert seed["status"] == "url-changed"
    assert (seed["image_url"], seed["current_image_url"]) == (SEED_URL, new_url)
    assert seed["reasons"] == [f"ImageUrl of {SEED_ID} changed from {SEED_URL} to {new_url}"]
    assert family["status"] == "url-changed"
    assert family["url_changed"] == [SEED_ID]
    assert _by_name(doc)["newest"]["status"] == "ok"


def test_removed(run: Run, pinned: Path, emu_env: Emulator) -> None:
    emu_env.set_catalog(sx.catalog_with(lambda c: c.remove(sx.entry(c, SEED_ID))))
    code, doc = _drift(run, pinned)
    assert code == 1
    seed, family = _by_name(doc)["seed"], _by_name(doc)["family"]
    assert seed["status"] == "removed"
    assert seed["current_image_url"] is None
    assert seed["reasons"][0] == f"pinned ImageId {SEED_ID} is no longer in the catalog"
    assert seed["reasons"][1].startswith("the query no longer resolves: no TI-ONE platform image matches")
    assert family["status"] == "changed"
    assert (family["added"], family["removed"]) == ([], [SEED_ID])
    assert f"{SEED_ID} no longer matches (gone from the catalog)" in family["reasons"]


def test_repointed(run: Run, pinned: Path, emu_env: Emulator) -> None:
    before = _by_name(_drift(run, pinned)[1])["newest"]

    def newer(entries: list[dict[str, Any]]) -> None:
        clone = dict(sx.entry(entries, before["image_id"]), ImageId="11111111-2222-3333-4444-555555555555",
                     ImageName="tilearn-pytorch2.5-py3.11-cuda12.4-gpu", FrameworkVersion="2.5",
                     ImageUrl="tione.tencentcloudcr.com/qcloud-ti-platform/tilearn-pytorch:2.5")
        entries.append(clone)

    emu_env.set_catalog(sx.catalog_with(newer))
    code, doc = _drift(run, pinned)
    assert code == 1
    newest = _by_name(doc)["newest"]
    assert newest["status"] == "repointed"
    assert newest["image_id"] == before["image_id"]
    assert newest["resolved_image_id"] == "11111111-2222-3333-4444-555555555555"
    assert newest["resolved_image_url"].endswith("tilearn-pytorch:2.5")
    assert "now resolves to tilearn-pytorch2.5-py3.11-cuda12.4-gpu" in newest["reasons"][0]
    assert doc["summary"] == {"ok": 2, "repointed": 1}


def test_images_ids_added_and_removed(run: Run, pinned: Path, emu_env: Emulator) -> None:
    family = _by_name(_drift(run, pinned)[1])["family"]
    assert SEED_ID in family["ids"]
    dropped = next(i for i in family["ids"] if i != SEED_ID)

    def move(entries: list[dict[str, Any]]) -> None:
        entries.remove(sx.entry(entries, dropped))
        entries.append(dict(sx.entry(entries, SEED_ID), ImageId="99999999-0000-0000-0000-000000000001",
                            ImageName=SEED_NAME + "-v3"))

    emu_env.set_catalog(sx.catalog_with(move))
    code, doc = _drift(run, pinned)
    assert code == 1
    family = _by_name(doc)["family"]
    assert family["status"] == "changed"
    assert family["added"] == ["99999999-0000-0000-0000-000000000001"]
    assert family["removed"] == [dropped]
    assert _by_name(doc)["seed"]["status"] == "ok"


@pytest.mark.parametrize(("change", "reason"), [
    (lambda c: c.append(dict(sx.entry(c, SEED_ID), ImageId="dup-0000")),
     "the query no longer resolves: 2 TI-ONE platform images match name="),
    (lambda c: sx.entry(c, SEED_ID).update(ImageName=SEED_NAME + "-renamed"),
     "the query no longer resolves: no TI-ONE platform image matches name="),
])
def test_query_no_longer_resolves(
    run: Run, pinned: Path, emu_env: Emulator, change: Any, reason: str
) -> None:
    emu_env.set_catalog(sx.catalog_with(change))
    code, doc = _drift(run, pinned)
    assert code == 1
    seed = _by_name(doc)["seed"]
    assert seed["status"] == "unresolvable"
    assert seed["resolved_image_id"] is None
    assert seed["current_image_url"] == SEED_URL
    assert seed["reasons"][0].startswith(reason)


def test_table_output_names_resources_and_statuses(run: Run, pinned: Path, emu_env: Emulator) -> None:
    emu_env.set_catalog(sx.catalog_with(lambda c: c.remove(sx.entry(c, SEED_ID))))
    result = run("drift", str(pinned))
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].split() == ["RESOURCE", "KIND", "STATUS", "REGION", "PINNED", "DETAIL"]
    seed = next(line for line in lines if line.startswith("seed "))
    assert seed.split()[1:5] == ["PlatformImage", "removed", "ap-guangzhou", SEED_ID]
    assert "urn:pulumi:dev::quickstart::pulumi-python:dynamic/tione:PlatformImage::seed (removed):" in lines
    assert lines[-1] == "3 resource(s): 1 changed, 1 ok, 1 removed"
