"""schema.json: the schema the plugin serves (version stripped), current, and usable offline."""

from __future__ import annotations

import json
from pathlib import Path

from pulumi_tione.native import package_schema
from pulumi_tione.native.schema_file import main, schema_text
from tests.sdk.conftest import SCHEMA


def test_schema_json_is_the_schema_the_plugin_serves() -> None:
    committed = SCHEMA.read_text(encoding="utf-8")
    assert committed == schema_text(), "schema.json is stale: run `make sdks` and commit the result"
    served = package_schema()
    assert served.pop("version")
    assert json.loads(committed) == served


def test_schema_json_is_pretty_printed_without_a_version() -> None:
    text = SCHEMA.read_text(encoding="utf-8")
    document = json.loads(text)
    assert "version" not in document
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_schema_json_names_the_sdk_packages() -> None:
    language = json.loads(SCHEMA.read_text(encoding="utf-8"))["language"]
    assert language["nodejs"]["packageName"] == "@pulumi-tione/tione"
    assert language["go"]["importBasePath"] == "github.com/pulumi-tione/pulumi-tione/sdk/go/tione"
    assert language["nodejs"]["respectSchemaVersion"]
    assert language["go"]["respectSchemaVersion"]


def test_the_command_checks_and_writes(tmp_path: Path) -> None:
    assert main(["--check", str(SCHEMA)]) == 0
    target = tmp_path / "schema.json"
    assert main(["--check", str(target)]) == 1
    assert main(["--write", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == SCHEMA.read_text(encoding="utf-8")
    target.write_text("{}\n", encoding="utf-8")
    assert main(["--check", str(target)]) == 1
