"""The Pulumi YAML and TypeScript examples bind to the ``tione`` package schema.

Every YAML example (``examples/*/Pulumi.yaml`` with ``runtime: yaml``) is checked with
``tests.support.yaml_program``: type tokens (resources and ``fn::invoke`` functions), declared
properties, their types (literals and ``${...}`` references alike) and required properties. The
TypeScript example's uses of the SDK are read into the same form (``tests.support.ts_program``)
and checked the same way. The checker is shown to catch each kind of mistake.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_tione.native import package_schema
from tests.support.seed import ROOT
from tests.support.ts_program import to_yaml_program
from tests.support.yaml_program import problems

EXAMPLES = ROOT / "examples"


def _runtime(project: dict[str, Any]) -> str:
    runtime = project.get("runtime")
    return str(runtime.get("name") if isinstance(runtime, dict) else runtime)


def yaml_examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*/Pulumi.yaml")
                  if _runtime(yaml.safe_load(p.read_text())) == "yaml")


def test_there_are_yaml_and_typescript_examples() -> None:
    assert EXAMPLES / "yaml-notebook" / "Pulumi.yaml" in yaml_examples()
    project = yaml.safe_load((EXAMPLES / "typescript-training" / "Pulumi.yaml").read_text())
    assert _runtime(project) == "nodejs"
    assert (EXAMPLES / "typescript-training" / "index.ts").is_file()


@pytest.mark.parametrize("path", yaml_examples(), ids=lambda p: p.parent.name)
def test_a_yaml_example_binds_to_the_schema(path: Path) -> None:
    program = yaml.safe_load(path.read_text())
    assert program["resources"], "an example declares resources"
    assert problems(program, package_schema()) == []


def test_the_typescript_example_binds_to_the_schema() -> None:
    source = (EXAMPLES / "typescript-training" / "index.ts").read_text()
    assert 'from "@pulumi-tione/tione"' in source  # the generated SDK's name (schema language.nodejs)
    assert package_schema()["language"]["nodejs"]["packageName"] == "@pulumi-tione/tione"
    program, unread = to_yaml_program(source)
    assert unread == []
    assert {r["type"] for r in program["resources"].values()} == {"tione:index:PlatformImage",
                                                                  "tione:index:TrainingTask"}
    functions = [v["fn::invoke"]["function"] for v in program["variables"].values()]
    assert functions == ["tione:index:getPlatformImages"]
    assert problems(program, package_schema()) == []


def _notebook_example() -> dict[str, Any]:
    return dict(yaml.safe_load((EXAMPLES / "yaml-notebook" / "Pulumi.yaml").read_text()))


def _mutated(change: str) -> dict[str, Any]:
    program = copy.deepcopy(_notebook_example())
    notebook = program["resources"]["notebook"]["properties"]
    if change == "unknown token":
        program["resources"]["image"]["type"] = "tione:index:PlatformImagez"
    elif change == "undeclared property":
        notebook["volumeSizeGb"] = notebook.pop("volumeSizeInGb")
    elif change == "wrong literal type":
        notebook["volumeSizeInGb"] = "50"
    elif change == "missing required":
        del notebook["chargeType"]
    elif change == "missing nested required":
        notebook["image"] = {"imageId": "x"}
    elif change == "wrong reference type":
        notebook["image"]["imageRange"] = "${image.imageId}"
    elif change == "unknown output":
        notebook["image"]["imageUrl"] = "${image.url}"
    elif change == "unknown function":
        program["variables"]["notebookImages"]["fn::invoke"]["function"] = "tione:index:getImages"
    elif change == "bad invoke argument":
        program["variables"]["notebookImages"]["fn::invoke"]["arguments"]["select"] = "best"
    elif change == "bad nested map value":
        notebook["tags"]["team"] = 7
    return program


@pytest.mark.parametrize("change", ["unknown token", "undeclared property", "wrong literal type",
                                    "missing required", "missing nested required", "wrong reference type",
                                    "unknown output", "unknown function", "bad invoke argument",
                                    "bad nested map value"])
def test_the_checker_catches(change: str) -> None:
    found = problems(_mutated(change), package_schema())
    assert found, change


def test_the_typescript_reader_reports_what_it_cannot_read() -> None:
    source = """
import * as tione from "@pulumi-tione/tione";
const image = new tione.PlatformImage("img", { name: `tpl-${1}`.trim() });
const nb = new tione.Notebook("nb", { chargeType: "POSTPAID_BY_HOUR", resourceConf: {}, image: image });
"""
    program, unread = to_yaml_program(source)
    assert unread == ["image.name: '`tpl-${1}`.trim ( )' is not understood"]
    assert [p for p in problems(program, package_schema()) if "whole resource" in p] == [
        "resources.nb.properties.image: ${image} is a whole resource; name an output of it"]
    bad, _ = to_yaml_program('import * as tione from "x";\n'
                             'const nb = new tione.Notebook("nb", { chargeType: 1, volumeSizeInGb: "2" });')
    found = problems(bad, package_schema())
    assert any("chargeType" in p for p in found)
    assert any("volumeSizeInGb" in p for p in found)
    assert any("'image' is missing" in p for p in found)


DOCS = [ROOT / "README.md", ROOT / "docs" / "migrating-to-native.md", ROOT / "docs" / "native-provider.md",
        ROOT / "plugin" / "README.md"]


def _fences(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_the_yaml_and_typescript_in_the_docs_bind_to_the_schema() -> None:
    checked = 0
    for doc in DOCS:
        text = doc.read_text()
        for block in _fences(text, "yaml"):
            if "tione:index:" in block:
                assert problems(yaml.safe_load(block), package_schema()) == [], doc.name
                checked += 1
        for block in _fences(text, "typescript"):
            program, unread = to_yaml_program(block)
            assert unread == [], doc.name
            assert program["resources"], doc.name
            assert problems(program, package_schema()) == [], doc.name
            checked += 1
    assert checked >= 3  # the README's YAML and TypeScript programs and the migration recipe's YAML
