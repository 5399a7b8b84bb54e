"""``pulumi package add ./schema.json``: the committed schema is a package source, offline.

Under the pinned CLI with plugin downloads and registry lookups off, a Pulumi YAML project adds
the package from the repository's ``schema.json`` (no plugin runs); the YAML host records it
(``sdks/tione/tione-<version>.yaml``). The same command for TypeScript or Python needs the
language host's ``GeneratePackage``, which the v3.68.0 hosts lack (engine/README.md): their SDKs
are the committed ``sdk/`` folders (tests/sdk).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.sdk.conftest import SCHEMA
from tests.support.pulumi_cli import Pulumi


def test_package_add_of_schema_json_offline(cli: Pulumi, workdir: Path) -> None:
    proj = workdir / "yaml-package-add"
    proj.mkdir()
    (proj / "Pulumi.yaml").write_text("name: package-add\nruntime: yaml\nresources: {}\n",
                                      encoding="utf-8")
    result = cli.run("package", "add", str(SCHEMA), cwd=proj)
    assert "Successfully generated an SDK for the tione package" in result.output, result.output
    version = json.loads(SCHEMA.read_text(encoding="utf-8"))["version"]
    declaration = yaml.safe_load((proj / "sdks" / "tione" / f"tione-{version}.yaml").read_text())
    assert declaration["name"] == "tione"
    assert declaration["version"] == version
