"""``pulumi import`` of a notebook and a training task, and ``pulumi state delete``, under the real engine.

1. A YAML program creates a notebook and a training task on the emulator; ``pulumi state delete``
   of both makes no provider call (the emulator counts no request at all).
2. In a new YAML project, ``pulumi import tione:index:Notebook NAME ID`` and
   ``pulumi import tione:index:TrainingTask NAME ID`` write the program code for each (the YAML
   host's ``GenerateProgram``); that code, as the project's program, deploys with no changes
   (``up --expect-no-changes``) and no mutating request; after ``pulumi state unprotect --all``
   (imports are protected), ``destroy`` leaves no object.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import Pulumi, mutating, project, resources
from tests.support.seed import SEED_ID
from tests.support.workloads import INSTANCE

NOTEBOOK, TASK = "tione:index:Notebook", "tione:index:TrainingTask"
SOURCE: dict[str, Any] = {
    "name": "tione-import-source",
    "runtime": "yaml",
    "resources": {
        "nb": {"type": NOTEBOOK, "properties": {
            "image": {"kind": "platform", "imageId": SEED_ID}, "chargeType": "POSTPAID_BY_HOUR",
            "resourceConf": {"instanceType": INSTANCE}, "volumeSourceType": "CLOUD_PREMIUM",
            "volumeSizeInGb": 50, "tags": {"team": "ml"}}},
        "train": {"type": TASK, "properties": {
            "image": {"kind": "platform", "imageId": SEED_ID}, "chargeType": "POSTPAID_BY_HOUR",
            "trainingMode": "DDP", "startCmdInfo": {"startCmd": "torchrun train.py"},
            "resourceConfigInfos": [{"role": "WORKER", "instanceType": INSTANCE, "instanceNum": 1}]}},
    },
}


def _yaml_project(folder: Path, document: dict[str, Any]) -> Path:
    folder.mkdir(parents=True)
    (folder / "Pulumi.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return folder


def _requests(emu: Emulator) -> dict[str, int]:
    return {a: sum(o.values()) for a, o in (emu.stats().get("actions") or {}).items()}


def test_state_delete_then_import_with_yaml_code(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    source = _yaml_project(workdir / "source", SOURCE)
    cli.stack_init(source)
    cli.run("up", "--yes", "--skip-preview", cwd=source)
    created = {r["type"]: r for r in resources(cli.export(source)) if r["type"] in (NOTEBOOK, TASK)}
    assert sorted(created) == [NOTEBOOK, TASK]
    live = sorted(o["Id"] for o in emu.objects())
    assert live == sorted(r["id"] for r in created.values())

    emu.reset_stats()
    for record in created.values():
        cli.run("state", "delete", record["urn"], "--yes", cwd=source)
    assert _requests(emu) == {}, "pulumi state delete called the provider"
    assert [r for r in resources(cli.export(source)) if r["type"] in (NOTEBOOK, TASK)] == []
    assert sorted(o["Id"] for o in emu.objects()) == live

    target = _yaml_project(workdir / "target", {"name": "tione-import-target", "runtime": "yaml"})
    cli.stack_init(target)
    program: dict[str, Any] = {}
    for type_, name in ((NOTEBOOK, "nb"), (TASK, "train")):
        out = target / f"{name}.generated.yaml"
        cli.run("import", type_, name, created[type_]["id"], "--yes", "--out", str(out), cwd=target)
        generated = yaml.safe_load(out.read_text(encoding="utf-8"))
        assert list(generated["resources"]) == [name], generated
        program.update(generated["resources"])
    assert mutating(emu.stats()) == {}, "pulumi import changed something"

    _yaml_project_update(target, program)
    up = cli.run("up", "--yes", "--expect-no-changes", cwd=target)
    assert mutating(emu.stats()) == {}, up.output
    recorded = sorted(r["id"] for r in resources(cli.export(target)) if r["type"] in (NOTEBOOK, TASK))
    assert recorded == live

    # Imports are protected (the generated code says so, as Pulumi does for every import).
    assert all(r.get("options", {}).get("protect") for r in program.values()), program
    cli.run("state", "unprotect", "--all", "--yes", cwd=target)
    cli.run("destroy", "--yes", cwd=target)
    assert emu.objects() == []


def _yaml_project_update(folder: Path, program: dict[str, Any]) -> None:
    """Put the generated resources into the project's Pulumi.yaml (as a user pastes them)."""
    descriptor = folder / "Pulumi.yaml"
    document = yaml.safe_load(descriptor.read_text(encoding="utf-8"))
    document["resources"] = program
    descriptor.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def test_import_into_python_project(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    """A Python project: the import itself works; code generation needs the Python host's
    ``GenerateProgram``, which the pinned v3.68 host lacks (engine/README.md) — the CLI says so
    after recording the import; ``--generate-code=false`` imports cleanly."""
    source = _yaml_project(workdir / "source", SOURCE)
    cli.stack_init(source)
    cli.run("up", "--yes", "--skip-preview", cwd=source)
    ids = {r["type"]: r["id"] for r in resources(cli.export(source)) if r["type"] in (NOTEBOOK, TASK)}

    proj = project("notebook", workdir)
    cli.stack_init(proj)
    emu.reset_stats()
    generated = cli.run("import", NOTEBOOK, "nb", ids[NOTEBOOK], "--yes", cwd=proj, check=False)
    assert generated.returncode != 0
    assert "error: method GenerateProgram not implemented" in generated.output, generated.output
    cli.run("import", TASK, "train", ids[TASK], "--yes", "--generate-code=false", cwd=proj)
    recorded = {r["type"]: r["id"] for r in resources(cli.export(proj)) if r["type"] in (NOTEBOOK, TASK)}
    assert recorded == ids
    assert mutating(emu.stats()) == {}

    cli.run("state", "unprotect", "--all", "--yes", cwd=proj)
    for type_, name in ((NOTEBOOK, "nb"), (TASK, "train")):
        cli.run("state", "delete", f"urn:pulumi:e2e::pulumi-tione-notebook::{type_}::{name}", "--yes",
                cwd=proj)
    assert mutating(emu.stats()) == {}
    cli.run("destroy", "--yes", cwd=source)
    assert emu.objects() == []
