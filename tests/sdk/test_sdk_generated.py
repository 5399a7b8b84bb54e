"""sdk/nodejs and sdk/go are what Pulumi's code generators make of schema.json, today.

``engine/cli/sdkgen`` (``make sdks``) renders ``schema.json`` into temporary folders; every
generated file must be committed unchanged and nothing else may be in the SDK folders, but for
what the generator does not write (``go.mod``/``go.sum`` of the Go module; npm's and tsc's output,
git-ignored).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.sdk.conftest import NOT_GENERATED, SDK_GO, SDK_NODEJS, version


def _tree(root: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in NOT_GENERATED or not path.is_file():
            continue
        files[rel.as_posix()] = path.read_bytes()
    return files


def _compare(committed: Path, fresh: Path) -> None:
    want, have = _tree(fresh), _tree(committed)
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    changed = sorted(name for name in set(want) & set(have) if want[name] != have[name])
    where = f"{committed.relative_to(committed.parents[1])} is not what schema.json generates " \
            "(run `make sdks` and commit)"
    assert not missing, f"{where}: missing {missing}"
    assert not extra, f"{where}: not generated {extra}"
    assert not changed, f"{where}: changed {changed}"


def test_nodejs_sdk_is_current(generated: Path) -> None:
    _compare(SDK_NODEJS, generated / "nodejs")


def test_go_sdk_is_current(generated: Path) -> None:
    _compare(SDK_GO, generated / "go")


def test_sdks_name_the_package_and_plugin_version() -> None:
    package = json.loads((SDK_NODEJS / "package.json").read_text(encoding="utf-8"))
    assert package["name"] == "@pulumi-tione/tione"
    assert package["version"] == version()
    assert package["pulumi"] == {"resource": True, "name": "tione", "version": version()}
    plugin = json.loads((SDK_GO / "tione" / "pulumi-plugin.json").read_text(encoding="utf-8"))
    assert plugin == {"resource": True, "name": "tione", "version": version()}


def test_go_module_is_where_the_import_path_says() -> None:
    gomod = (SDK_GO / "go.mod").read_text(encoding="utf-8")
    assert re.search(r"^module github\.com/pulumi-tione/pulumi-tione/sdk/go$", gomod, re.MULTILINE)
    assert re.search(r"^\s*github\.com/pulumi/pulumi/sdk/v3 v3\.\d+\.\d+$", gomod, re.MULTILINE)
    assert (SDK_GO / "go.sum").is_file()
    imports = set(re.findall(r'"(github\.com/pulumi-tione/[^"]+)"',
                                      "".join(p.read_text(encoding="utf-8")
                                              for p in (SDK_GO / "tione").rglob("*.go"))))
    assert imports == {"github.com/pulumi-tione/pulumi-tione/sdk/go/tione/internal"}
