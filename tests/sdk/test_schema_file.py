"""schema.json: the schema the plugin serves, current (``pulumi package add`` of it:
tests/e2e/test_schema_file_e2e.py)."""

from __future__ import annotations

import json
from pathlib import Path

from pulumi_tione.native import package_schema
from pulumi_tione.native.schema_file import main, schema_text
from tests.sdk.conftest import SCHEMA, version


def test_schema_json_is_the_schema_the_plugin_serves() -> None:
    committed = SCHEMA.read_text(encoding="utf-8")
    assert committed == schema_text(), "schema.json is stale: run `make sdks` and commit the result"
    assert json.loads(committed) == package_schema()


def test_schema_json_is_pretty_printed_with_the_package_version() -> None:
    text = SCHEMA.read_text(encoding="utf-8")
    document = json.loads(text)
    # `pulumi package add ./schema.json` refuses a schema file without a version.
    assert document["version"] == version()
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
