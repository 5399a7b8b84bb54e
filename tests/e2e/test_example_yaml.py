"""examples/yaml-notebook under the real engine, Pulumi YAML host and the native plugin found on PATH.

The plugin is reached the way a user reaches it: ``pip install`` put ``pulumi-resource-tione`` in
the venv's ``bin``, which is on the harness's PATH (no ``plugins:``/``packages:`` entry, nothing
in ``PULUMI_HOME``). Same contract as the Python examples: the preview shows the resolved
ImageId/ImageUrl, the second ``up`` changes nothing and sends no mutating request, ``destroy``
leaves no object in the emulator.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import VENV_BIN, Pulumi, mutating, outputs_by_urn, project, resources
from tests.support.seed import SEED_ID, SEED_URL

PLATFORM_IMAGE = "tione:index:PlatformImage"
NOTEBOOK = "tione:index:Notebook"




def test_yaml_notebook_preview_up_up_destroy(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    proj = project("yaml-notebook", workdir)
    assert "packages:" not in (proj / "Pulumi.yaml").read_text()
    cli.stack_init(proj)

    preview = cli.run("preview", "--diff", cwd=proj)
    plugin = shutil.which("pulumi-resource-tione", path=cli.env["PATH"])
    assert plugin == str(VENV_BIN / "pulumi-resource-tione")
    assert f"using pulumi-resource-tione from $PATH at {plugin}" in preview.output, preview.output
    assert not list(cli.pulumi_home.glob("plugins/resource-tione*")), "nothing installed into PULUMI_HOME"
    assert SEED_ID in preview.output, preview.output
    assert SEED_URL in preview.output, preview.output
    assert mutating(emu.stats()) == {}

    cli.run("up", "--yes", cwd=proj)
    exported = cli.export(proj)
    [image] = resources(exported, PLATFORM_IMAGE)
    assert (image["outputs"]["imageId"], image["outputs"]["imageUrl"]) == (SEED_ID, SEED_URL)
    [notebook] = resources(exported, NOTEBOOK)
    assert [o["Id"] for o in emu.objects()] == [notebook["id"]]
    outputs = cli.run("stack", "output", "--json", cwd=proj).json()
    assert outputs["imageId"] == SEED_ID
    assert outputs["notebookId"] == notebook["id"]
    assert outputs["pytorchNotebookImages"] > 0

    emu.reset_stats()
    again = cli.run("up", "--yes", "--expect-no-changes", cwd=proj)
    assert "unchanged" in again.output, again.output
    assert mutating(emu.stats()) == {}, emu.stats()
    assert outputs_by_urn(cli.export(proj)) == outputs_by_urn(exported)

    cli.run("destroy", "--yes", cwd=proj)
    assert emu.objects() == []
    assert resources(cli.export(proj)) == []


def test_yaml_inference_preview_up_up_destroy(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    """examples/yaml-inference: a ModelService on a pinned Inference image, same contract."""
    proj = project("yaml-inference", workdir)
    cli.stack_init(proj)

    preview = cli.run("preview", "--diff", cwd=proj)
    assert "tione.tencentcloudcr.com/" in preview.output, preview.output
    assert mutating(emu.stats()) == {}

    cli.run("up", "--yes", cwd=proj)
    exported = cli.export(proj)
    [image] = resources(exported, PLATFORM_IMAGE)
    assert image["outputs"]["imageUrl"] in preview.output
    [service] = resources(exported, "tione:index:ModelService")
    assert service["id"] in [o["Id"] for o in emu.objects()]
    assert service["outputs"]["status"] == "Normal"

    emu.reset_stats()
    again = cli.run("up", "--yes", "--expect-no-changes", cwd=proj)
    assert "unchanged" in again.output, again.output
    assert mutating(emu.stats()) == {}, emu.stats()
    assert outputs_by_urn(cli.export(proj)) == outputs_by_urn(exported)

    cli.run("destroy", "--yes", cwd=proj)
    assert emu.objects() == []
