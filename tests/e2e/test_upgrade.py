"""A stack whose state 0.1.0 wrote, imported with ``pulumi stack import`` and upgraded by ``pulumi up``.

The fixture ``tests/upgrade/fixtures/stack-export-0.1.0.json`` (project ``tione-upgrade``, stack
``dev``; its ``__provider`` pickles name 0.1.0's module path) goes into a fresh local stack; the
same program, written with the current code, then runs ``pulumi up``: every resource keeps its
ImageId/ImageUrl, nothing is replaced or created, and the pinned images send no API request.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import ROOT, Pulumi, resources, summary
from tests.upgrade.upgrade_support import EXPORT_FILE, PROJECT, STACK, recorded

_PROGRAM = '''"""The fixture's program, with the current pulumi_tione."""
import pulumi_tione as tione

RESOURCES = {resources}

for name, (cls, arguments) in RESOURCES.items():
    getattr(tione, cls)(name, **arguments)
'''


def _program(dest: Path) -> Path:
    proj = dest / PROJECT
    proj.mkdir()
    (proj / "Pulumi.yaml").write_text(
        f"name: {PROJECT}\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"
        f"    virtualenv: {ROOT / '.venv'}\n", encoding="utf-8")
    table = {r.name: (r.cls, r.arguments) for r in recorded()}
    (proj / "__main__.py").write_text(_PROGRAM.format(resources=repr(table)), encoding="utf-8")
    return proj


def _pins(document: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Per URN, what a pin keeps: the single image's ImageId/ImageUrl, or the list's ids and images."""
    pins: dict[str, tuple[Any, ...]] = {}
    for r in resources(document):
        out = r.get("outputs") or {}
        if "image_id" in out:
            pins[r["urn"]] = (r["id"], out["image_id"], out["image_url"], json.dumps(out["image_info"]))
        elif "ids" in out:
            pins[r["urn"]] = (r["id"], tuple(out["ids"]), json.dumps(out["images"], sort_keys=True))
    return pins


def test_0_1_0_stack_imported_and_upgraded_keeps_its_pins(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    proj = _program(workdir)
    cli.run("stack", "init", STACK, cwd=proj)
    cli.run("config", "set", "tencentcloud:region", "ap-guangzhou", cwd=proj)
    cli.run("stack", "import", "--file", str(EXPORT_FILE), cwd=proj)
    before = cli.export(proj, STACK)
    pins = _pins(before)
    assert len(pins) == len(recorded())

    emu.reset_stats()
    preview = cli.run("preview", "--json", cwd=proj)
    assert set(summary(preview)) == {"same"}, preview.output  # no create, update or replace
    cli.run("up", "--yes", "--expect-no-changes", cwd=proj)
    after = cli.export(proj, STACK)
    assert _pins(after) == pins

    # the pinned resources re-read nothing: only the tracked ones looked at the catalog
    tracked = [r for r in recorded() if r.policy == "track"]
    assert tracked
    assert emu.stats()["total"] <= 2 * 2 * len(tracked)  # preview and up, 2 pages each

    # a second up, now on the state this code wrote, stays quiet too
    again = cli.run("up", "--yes", "--expect-no-changes", cwd=proj)
    assert "unchanged" in again.output, again.output
    assert _pins(cli.export(proj, STACK)) == pins
    cli.run("destroy", "--yes", cwd=proj)
    assert resources(cli.export(proj, STACK)) == []
