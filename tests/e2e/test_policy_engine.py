"""``pulumi preview --policy-pack examples/policy-pack`` under the real engine blocks an unpinned image.

The pack runs through the Python language host (``runtime: python`` in PulumiPolicy.yaml), which
starts ``python -u -m pulumi.policy`` in the pack's folder with the pack's ``virtualenv``. A user
creates that venv (``python -m venv venv && venv/bin/pip install -r requirements.txt``); the test
copies the pack and points ``runtime.options.virtualenv`` at the project venv, which has the same
packages (pulumi-policy, pulumi-tione), so no venv is built.

Open (strict xfail): the pinned v3.68 Python host cannot start a policy pack for the v3.277 CLI.
The CLI asks the pack's language host to ``RunPlugin`` with the pack folder in ``Info`` and the
stack's program folder as ``Pwd``, and no longer fills the deprecated ``Program`` field; the
v3.68 host runs ``python <Program> <engine>``, i.e. ``python ''`` in the program folder, which
fails ("can't find '__main__' module in '<program folder>'"; "policy pack … failed to start:
could not read plugin … exit status 1"). engine/README.md. The policies themselves are tested
against pulumi-policy's analyzer in ``tests/policy``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import ROOT, Pulumi, mutating

PROGRAM: dict[str, Any] = {
    "name": "tione-policy-e2e",
    "runtime": "yaml",
    "resources": {
        "image": {"type": "tione:index:PlatformImage",
                  "properties": {"nameRegex": "^tilearn-llm", "imageRange": "Notebook", "policy": "track"}},
    },
}


def _pack(dest: Path) -> Path:
    pack = dest / "policy-pack"
    shutil.copytree(ROOT / "examples" / "policy-pack", pack,
                    ignore=shutil.ignore_patterns("venv", "__pycache__"))
    descriptor = pack / "PulumiPolicy.yaml"
    text = re.sub(r"^(\s*virtualenv:).*$", rf"\1 {ROOT / '.venv'}", descriptor.read_text(encoding="utf-8"),
                  flags=re.MULTILINE)
    descriptor.write_text(text, encoding="utf-8")
    return pack


def _program(dest: Path, document: dict[str, Any]) -> Path:
    proj = dest / "program"
    proj.mkdir(exist_ok=True)
    (proj / "Pulumi.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return proj


@pytest.mark.xfail(strict=True, reason=(
    "the v3.68 Python host runs `python ''` in the program folder for a v3.277 RunPlugin of a policy "
    "pack (Program field empty): the pack fails to start (engine/README.md)"))
def test_policy_pack_blocks_an_unpinned_image(cli: Pulumi, workdir: Path, emu: Emulator) -> None:
    pack = _pack(workdir)
    proj = _program(workdir, PROGRAM)
    cli.stack_init(proj)

    blocked = cli.run("preview", "--policy-pack", str(pack), cwd=proj, check=False, timeout=600)
    assert "failed to start" not in blocked.output, blocked.output
    assert blocked.returncode != 0, blocked.output
    assert "tione-images-pinned" in blocked.output, blocked.output
    assert "mandatory" in blocked.output, blocked.output
    assert mutating(emu.stats()) == {}

    pinned = {**PROGRAM, "resources": {"image": {**PROGRAM["resources"]["image"], "properties": {
        k: v for k, v in PROGRAM["resources"]["image"]["properties"].items() if k != "policy"}}}}
    _program(workdir, pinned)
    allowed = cli.run("preview", "--policy-pack", str(pack), cwd=proj, timeout=600)
    assert "tione-images-pinned" not in allowed.output, allowed.output
