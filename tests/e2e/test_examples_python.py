"""Every Python example under the real engine: preview -> up -> up (no changes) -> destroy.

The preview already shows the resolved ImageId/ImageUrl of each pinned image; the second ``up``
changes nothing and sends no mutating request; ``destroy`` leaves no object in the emulator.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import Pulumi, mutating, outputs_by_urn, project, resources
from tests.support.seed import IMAGE, SEED_ID, SEED_URL

NOTEBOOK = "pulumi-python:dynamic/tione:Notebook"
TASK = "pulumi-python:dynamic/tione:TrainingTask"
SERVICE = "pulumi-python:dynamic/tione:ModelService"


@dataclass(frozen=True)
class Example:
    """An example folder and what its stack must show."""

    folder: str
    pinned: tuple[str, ...]  # ImageIds the preview must already show
    workloads: tuple[str, ...] = ()  # dynamic type tokens of the emulator objects it creates


EXAMPLES = [
    Example("quickstart", (SEED_ID,)),
    Example("notebook", (SEED_ID,), (NOTEBOOK,)),
    Example("training-job", (), (TASK,)),
    Example("drift-check-ci", (SEED_ID,)),
    Example("inference-service", (), (TASK, SERVICE)),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.folder for e in EXAMPLES])
def test_example_preview_up_up_destroy(cli: Pulumi, workdir: Path, emu: Emulator, example: Example) -> None:
    proj = project(example.folder, workdir)
    cli.stack_init(proj)

    preview = cli.run("preview", "--diff", cwd=proj)
    for image_id in example.pinned:
        assert image_id in preview.output, preview.output
    assert "image_url" in preview.output, preview.output
    assert "tione.tencentcloudcr.com/" in preview.output, preview.output
    assert mutating(emu.stats()) == {}, "a preview sends no mutating request"

    cli.run("up", "--yes", cwd=proj)
    exported = cli.export(proj)
    images = resources(exported, IMAGE)
    assert images, exported
    # what the preview showed is what up pinned
    for image in images:
        assert image["outputs"]["image_id"] in preview.output
        assert image["outputs"]["image_url"] in preview.output
    created = [resources(exported, type_) for type_ in example.workloads]
    assert [len(c) for c in created] == [1] * len(example.workloads), created
    assert sorted(o["Id"] for o in emu.objects()) == sorted(c[0]["id"] for c in created)

    emu.reset_stats()
    again = cli.run("up", "--yes", "--expect-no-changes", cwd=proj)
    assert "unchanged" in again.output, again.output
    assert mutating(emu.stats()) == {}, emu.stats()
    assert outputs_by_urn(cli.export(proj)) == outputs_by_urn(exported), "the second up rewrote an output"

    cli.run("destroy", "--yes", cwd=proj)
    assert emu.objects() == []
    assert resources(cli.export(proj)) == []




def test_quickstart_outputs_are_the_pin(cli: Pulumi, workdir: Path) -> None:
    proj = project("quickstart", workdir)
    cli.stack_init(proj)
    cli.run("up", "--yes", cwd=proj)
    outputs = cli.run("stack", "output", "--json", cwd=proj).json()
    assert (outputs["image_url"], outputs["image_id"]) == (SEED_URL, SEED_ID)
    assert outputs["image_info"]["ImageUrl"] == SEED_URL
    cli.run("destroy", "--yes", cwd=proj)
