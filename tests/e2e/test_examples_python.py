"""Every Python example under the real engine: preview -> up -> up (no changes) -> destroy.

The preview already shows the resolved ImageId/ImageUrl; the second ``up`` changes nothing and
sends no mutating request; ``destroy`` leaves no object in the emulator.
"""

from __future__ import annotations

from pathlib import Path

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import Pulumi, mutating, project, resources
from tests.support.seed import IMAGE, SEED_ID, SEED_URL


def test_quickstart_preview_up_up_destroy(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    proj = project("quickstart", workdir)
    cli.stack_init(proj)

    preview = cli.run("preview", "--diff", cwd=proj)
    assert SEED_URL in preview.output, preview.output
    assert SEED_ID in preview.output

    cli.run("up", "--yes", cwd=proj)
    outputs = cli.run("stack", "output", "--json", cwd=proj).json()
    assert outputs["image_url"] == SEED_URL
    assert outputs["image_id"] == SEED_ID

    emu.reset_stats()
    again = cli.run("up", "--yes", "--expect-no-changes", cwd=proj)
    assert "unchanged" in again.output
    assert mutating(emu.stats()) == {}

    exported = cli.export(proj)
    images = resources(exported, IMAGE)
    assert [r["outputs"]["image_id"] for r in images] == [SEED_ID]

    cli.run("destroy", "--yes", cwd=proj)
    assert emu.objects() == []
