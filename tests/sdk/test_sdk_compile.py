"""The generated SDKs and the examples that use them compile: tsc for Node.js, go vet/build for Go.

The TypeScript example installs the SDK from ``file:../../sdk/nodejs`` (one ``npm ci`` per session,
in a temporary copy: ``node_example``); installing it runs the SDK's postinstall script, which
compiles it with ``tsc``. The Go example uses the Go SDK through a ``replace`` in its ``go.mod``.
Go runs with ``-mod=readonly``: a go.mod or go.sum that is not complete fails.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.sdk.conftest import GO_EXAMPLE, ROOT, SDK_GO, TS_EXAMPLE, run

READONLY = "-mod=readonly -buildvcs=false"


def test_nodejs_sdk_compiles_with_tsc(node_example: Path) -> None:
    # `npm ci` ran the SDK's postinstall script: `tsc` with the SDK's own (strict) tsconfig, which
    # fails the install on any error. What it compiled is there.
    installed = node_example / "node_modules" / "@pulumi-tione" / "tione"
    for name in ("index", "platformImage", "trainingTask", "notebook", "getPlatformImages"):
        assert (installed / "bin" / f"{name}.js").is_file(), f"tsc did not compile {name}.ts"
        assert (installed / "bin" / f"{name}.d.ts").is_file()
    assert (installed / "bin" / "package.json").is_file()


def test_typescript_example_compiles_against_the_sdk(node_example: Path) -> None:
    manifest = json.loads((TS_EXAMPLE / "package.json").read_text(encoding="utf-8"))
    assert manifest["dependencies"]["@pulumi-tione/tione"] == "file:../../sdk/nodejs"
    run(["node", node_example / "node_modules" / "typescript" / "bin" / "tsc", "--noEmit",
         "-p", node_example], cwd=node_example)


def test_go_sdk_vets_and_builds() -> None:
    run(["go", "vet", "./..."], cwd=SDK_GO, GOFLAGS=READONLY)
    run(["go", "build", "./..."], cwd=SDK_GO, GOFLAGS=READONLY)


def test_go_example_vets_and_builds(tmp_path: Path) -> None:
    gomod = (GO_EXAMPLE / "go.mod").read_text(encoding="utf-8")
    assert "replace github.com/pulumi-tione/pulumi-tione/sdk/go => ../../sdk/go" in gomod
    run(["go", "vet", "./..."], cwd=GO_EXAMPLE, GOFLAGS=READONLY)
    run(["go", "build", "-o", tmp_path / "go-training", "."], cwd=GO_EXAMPLE, GOFLAGS=READONLY)


def test_hand_written_go_is_gofmt_clean() -> None:
    sources = [ROOT / "engine" / "cli" / "sdkgen", GO_EXAMPLE]
    assert run(["gofmt", "-l", *sources], cwd=ROOT).strip() == ""
