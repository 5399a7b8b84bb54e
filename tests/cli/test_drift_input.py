"""`tione-images drift` input handling: malformed exports, stdin, secrets, errors, --emulator, JSON shape."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import Emulator
from tests.support import stack_export as sx
from tests.support.cli import Run
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("text", "message"), [
    ("this is not json", "the input is not JSON"),
    ("", "the input is not JSON"),
    ('{"version": 2, "deployment": {"resources": []}}', "unsupported deployment version 2"),
    ('{"version": 3}', "not a stack export (no 'deployment')"),
    ('[1, 2]', "not a stack export"),
    ('{"version": 3, "deployment": {"resources": {}}}', "deployment.resources is not a list"),
    ('{"version": 3, "deployment": {"resources": [42]}}', "deployment.resources[0] is not a resource"),
])
def test_malformed_export_exits_2(run: Run, tmp_path: Path, text: str, message: str) -> None:
    result = run("drift", _write(tmp_path, text))
    assert result.code == 2
    assert result.err.startswith("error: ")
    assert message in result.err
    assert "Traceback" not in result.err


def test_missing_file_exits_2(run: Run, tmp_path: Path) -> None:
    result = run("drift", str(tmp_path / "nope.json"), "--emulator")
    assert result.code == 2
    assert f"cannot read {tmp_path / 'nope.json'}" in result.err


def test_export_without_image_resources_has_nothing_to_check(run: Run, tmp_path: Path) -> None:
    result = run("drift", _write(tmp_path, json.dumps(sx.export())), "--emulator")
    assert result.code == 0
    assert "nothing to check" in result.out


@pytest.fixture
def seed_export(emu_env: Emulator) -> dict[str, Any]:
    """An export pinning the seed image by name (built against ``emu``'s bundled catalog)."""
    return sx.export(sx.image("seed", name=SEED_NAME))


@pytest.mark.parametrize("argv", [["drift", "-"], ["drift"]])
def test_reads_stdin(run: Run, seed_export: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
                     argv: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(seed_export)))
    result = run(*argv, "-o", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["resources"][0]["status"] == "ok"


@pytest.mark.parametrize("gzipped", [False, True], ids=["json", "gzip"])
def test_reads_a_local_backend_state_file(run: Run, seed_export: dict[str, Any], tmp_path: Path,
                                          gzipped: bool) -> None:
    """The engine's own checkpoint (``.pulumi/stacks/<project>/<stack>.json``), read as its export."""
    checkpoint = {"version": 3, "checkpoint": {"stack": "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
                                               "latest": seed_export["deployment"]}}
    raw = json.dumps(checkpoint).encode()
    path = tmp_path / ("dev.json.gz" if gzipped else "dev.json")
    path.write_bytes(gzip.compress(raw) if gzipped else raw)
    result = run("drift", str(path), "-o", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["resources"][0]["status"] == "ok"


def test_never_deployed_state_file_has_nothing_to_check(run: Run, tmp_path: Path) -> None:
    result = run("drift", _write(tmp_path, '{"version": 3, "checkpoint": {"stack": "s", "latest": null}}'),
                 "--emulator")
    assert result.code == 0, result.err
    assert "nothing to check" in result.out


def test_emulator_flag_checks_against_bundled_catalog(
    run: Run, seed_export: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("TIONE_ENDPOINT", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"):
        monkeypatch.delenv(name)
    result = run("--emulator", "drift", _write(tmp_path, json.dumps(seed_export)))
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "1 resource(s): 1 ok"


def test_json_shape(run: Run, seed_export: dict[str, Any], tmp_path: Path) -> None:
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    doc = json.loads(result.out)
    assert set(doc) == {"drift", "summary", "resources"}
    assert set(doc["resources"][0]) == {
        "urn", "name", "kind", "status", "region", "workspace", "query", "image_id", "image_url",
        "current_image_url", "resolved_image_id", "resolved_image_url", "ids", "added", "removed",
        "url_changed", "object_id", "live_status", "reasons"}
    assert doc["resources"][0]["kind"] == "PlatformImage"


def _resource(document: dict[str, Any]) -> dict[str, Any]:
    return document["deployment"]["resources"][-1]


def test_encrypted_secrets_are_tolerated(run: Run, seed_export: dict[str, Any], tmp_path: Path) -> None:
    res = _resource(seed_export)
    res["inputs"]["__provider"] = res["outputs"]["__provider"] = sx.secret("pickled")
    res["outputs"]["description"] = sx.secret("hidden")
    res["outputs"]["query"]["name"] = sx.secret(SEED_NAME, plaintext=True)
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    assert result.code == 0, result.err
    seed = json.loads(result.out)["resources"][0]
    assert seed["status"] == "ok"
    assert seed["resolved_image_id"] == SEED_ID


def test_encrypted_query_only_rechecks_the_pinned_id(
    run: Run, seed_export: dict[str, Any], tmp_path: Path, emu_env: Emulator
) -> None:
    _resource(seed_export)["outputs"]["query"]["name"] = sx.secret(SEED_NAME)
    emu_env.set_catalog(sx.catalog_with(lambda c: sx.entry(c, SEED_ID).update(ImageName="renamed")))
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    assert result.code == 0, result.err
    seed = json.loads(result.out)["resources"][0]
    assert seed["status"] == "ok"
    assert seed["query"]["name"] == "[encrypted]"
    assert seed["reasons"] == ["query not re-resolved: name encrypted in the export"]


def test_encrypted_image_id_is_skipped(run: Run, seed_export: dict[str, Any], tmp_path: Path) -> None:
    _resource(seed_export)["outputs"]["image_id"] = sx.secret(SEED_ID)
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    assert result.code == 0
    assert json.loads(result.out)["summary"] == {"skipped": 1}


def test_encrypted_image_url_is_not_reported_as_changed(
    run: Run, seed_export: dict[str, Any], tmp_path: Path
) -> None:
    _resource(seed_export)["outputs"]["image_url"] = sx.secret(SEED_URL)
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    assert result.code == 0, result.out
    seed = json.loads(result.out)["resources"][0]
    assert (seed["status"], seed["image_url"], seed["resolved_image_id"]) == ("ok", None, SEED_ID)
    assert seed["reasons"] == ["ImageUrl not compared: the pinned image_url is encrypted in the export"]


def test_encrypted_images_of_a_list_are_tolerated(run: Run, tmp_path: Path, emu_env: Emulator) -> None:
    document = sx.export(sx.images("family", name_regex=r"^tilearn-llm0\.9-torch2\.3"))
    _resource(document)["outputs"]["images"] = sx.secret("listed")
    result = run("drift", _write(tmp_path, json.dumps(document)), "-o", "json")
    assert result.code == 0, result.err
    family = json.loads(result.out)["resources"][0]
    assert (family["status"], family["url_changed"]) == ("ok", [])
    assert SEED_ID in family["ids"]
    assert family["reasons"] == ["ImageUrls not compared: the pinned images are encrypted in the export"]
    _resource(document)["outputs"]["ids"] = sx.secret("ids")
    result = run("drift", _write(tmp_path, json.dumps(document)), "-o", "json")
    assert (result.code, json.loads(result.out)["summary"]) == (0, {"skipped": 1})


def test_pending_delete_resources_are_ignored(run: Run, seed_export: dict[str, Any], tmp_path: Path) -> None:
    _resource(seed_export)["delete"] = True
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    assert (result.code, json.loads(result.out)["resources"]) == (0, [])


def test_plain_inputs_are_the_fallback_query(run: Run, seed_export: dict[str, Any], tmp_path: Path) -> None:
    res = _resource(seed_export)
    del res["outputs"]["query"]
    res["inputs"] = {"name": SEED_NAME, "__provider": sx.secret("pickled")}
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    seed = json.loads(result.out)["resources"][0]
    assert (result.code, seed["status"], seed["query"]) == (0, "ok", {"name": SEED_NAME})
    assert seed["resolved_image_id"] == SEED_ID


def test_without_recorded_query_only_the_pin_is_checked(
    run: Run, seed_export: dict[str, Any], tmp_path: Path
) -> None:
    res = _resource(seed_export)
    del res["outputs"]["query"], res["inputs"]["query"]
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    seed = json.loads(result.out)["resources"][0]
    assert (result.code, seed["status"]) == (0, "ok")
    assert seed["reasons"] == ["query not re-resolved: the export records no query"]


def test_one_fetch_per_region(run: Run, emu_env: Emulator, tmp_path: Path) -> None:
    document = sx.export(sx.image("gz", name=SEED_NAME),
                         sx.image("sh", name=SEED_NAME, region="ap-shanghai"),
                         sx.images("sh-all", name_regex="^tilearn", region="ap-shanghai"))
    emu_env.reset_stats()
    result = run("drift", _write(tmp_path, json.dumps(document)), "-o", "json")
    assert result.code == 0, result.err
    regions = [r["region"] for r in json.loads(result.out)["resources"]]
    assert regions == ["ap-guangzhou", "ap-shanghai", "ap-shanghai"]
    assert emu_env.stats()["total"] == 4, "two regions, one 2-page fetch each"


def test_api_failure_is_reported_per_resource_and_exits_2(
    run: Run, seed_export: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "not-the-key")
    result = run("drift", _write(tmp_path, json.dumps(seed_export)), "-o", "json")
    assert result.code == 2
    seed = json.loads(result.out)["resources"][0]
    assert seed["status"] == "error"
    assert seed["reasons"][0].startswith("cannot fetch the catalog:")
    assert "AuthFailure" in seed["reasons"][0]
    assert "not-the-key" not in result.out


def test_missing_credentials_exit_2(
    run: Run, seed_export: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TENCENTCLOUD_SECRET_ID")
    monkeypatch.delenv("TENCENTCLOUD_SECRET_KEY")
    result = run("drift", _write(tmp_path, json.dumps(seed_export)))
    assert result.code == 2
    assert result.err.startswith("error: no Tencent Cloud credentials found")
    assert "--emulator" in result.err
