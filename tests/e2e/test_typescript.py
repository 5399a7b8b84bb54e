"""The TypeScript example under the real engine, on the generated Node.js SDK.

``examples/typescript-training`` installed with ``npm ci`` (the SDK from ``file:../../sdk/nodejs``,
``node_example``) runs under the pinned CLI and its Node.js language host (v3.68.0, see
engine/README.md) with the current ``@pulumi/pulumi`` from npm, and the tione plugin found on
PATH: preview (the pinned image already resolved) -> up -> up with no changes and no mutating
request -> destroy with no object left in the emulator.
"""

from __future__ import annotations

from pathlib import Path

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import Pulumi, mutating, resources


def test_typescript_example_preview_up_up_destroy(cli: Pulumi, node_example: Path,
                                                  emu: Emulator) -> None:
    proj = node_example
    stack = f"e2e-{id(cli):x}"  # the installed example is shared by the session
    cli.run("stack", "init", stack, cwd=proj)

    preview = cli.run("preview", "--diff", "--stack", stack, cwd=proj)
    assert "tione:index:PlatformImage" in preview.output, preview.output
    assert "tione:index:TrainingTask" in preview.output

    cli.run("up", "--yes", "--stack", stack, cwd=proj)
    outputs = cli.run("stack", "output", "--json", "--stack", stack, cwd=proj).json()
    assert outputs["imageName"].startswith("tilearn-llm")
    assert outputs["taskStatus"]
    assert outputs["pytorchTrainImages"] > 0
    exported = cli.export(proj, stack)
    [image] = resources(exported, "tione:index:PlatformImage")
    [task] = resources(exported, "tione:index:TrainingTask")
    assert task["id"] == outputs["taskId"]
    # The preview showed the image that up pinned.
    assert image["outputs"]["imageId"] in preview.output
    assert [o["Id"] for o in emu.objects()] == [outputs["taskId"]]

    emu.reset_stats()
    again = cli.run("up", "--yes", "--expect-no-changes", "--stack", stack, cwd=proj)
    assert "unchanged" in again.output
    assert mutating(emu.stats()) == {}

    cli.run("destroy", "--yes", "--stack", stack, cwd=proj)
    assert emu.objects() == []
