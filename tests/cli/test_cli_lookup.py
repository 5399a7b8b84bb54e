"""`list` and `resolve` in-process: table and JSON, exit codes, global flags, bad input."""

from __future__ import annotations

import json

import pytest

from pulumi_tione.emulator import Emulator
from tests.support.cli import Run
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL


def test_done_when_resolve_emulator_json(run: Run) -> None:
    result = run("resolve", "--emulator", "--name", SEED_NAME, "--output", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["image_id"] == SEED_ID
    assert doc["image_url"] == SEED_URL
    assert doc["extra_attributes"]["TrainingModes"] == ["DDP"]
    assert doc["support_gpu_list"] == ["A10", "V100", "T4"]


def test_resolve_table_lists_every_field(run: Run) -> None:
    result = run("--emulator", "resolve", "--name", SEED_NAME)
    assert result.code == 0
    rows = dict(line.split(None, 1) for line in result.out.splitlines()[1:])
    assert rows["image_id"] == SEED_ID
    assert rows["image_url"] == SEED_URL
    assert rows["image_range"] == "Notebook, Train"
    attributes = "AllowSaveAllContent=true; SupportDataPipeline=false; TrainingModes=DDP"
    assert rows["extra_attributes"] == attributes


@pytest.mark.parametrize(
    "argv",
    [
        ["--emulator", "--region", "ap-shanghai", "resolve", "--name", SEED_NAME, "-o", "json"],
        ["resolve", "--name", SEED_NAME, "--emulator", "--region", "ap-shanghai", "-o", "json"],
        ["--region", "ap-shanghai", "resolve", "--emulator", "--name", SEED_NAME, "-o", "json"],
    ],
)
def test_global_flags_before_or_after_subcommand(run: Run, argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 0, result.err
    assert json.loads(result.out)["image_id"] == SEED_ID


def test_resolve_via_endpoint_and_env_credentials(run: Run, emu_creds: Emulator) -> None:
    result = run("resolve", "--endpoint", emu_creds.url, "--image-id", SEED_ID, "-o", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["image_name"] == SEED_NAME
    # a one-shot exact lookup asks for just that image (server-side ImageId filter): 1 request
    assert emu_creds.stats()["actions"]["DescribePlatformImages"] == {"ok": 1}


def test_endpoint_given_before_subcommand(run: Run, emu_creds: Emulator) -> None:
    result = run("--endpoint", emu_creds.url, "list", "--name", SEED_NAME, "-o", "json")
    assert result.code == 0, result.err
    assert [img["image_id"] for img in json.loads(result.out)] == [SEED_ID]


def test_resolve_tri_state_flags_and_select(run: Run) -> None:
    result = run("resolve", "--emulator", "--framework", "pytorch", "--image-range", "train",
                 "--training-mode", "DDP", "--gpu", "A100", "--no-support-data-pipeline",
                 "--select", "highest_version", "-o", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["framework"] == "PYTORCH"
    assert "Train" in doc["image_range"]
    assert doc["extra_attributes"].get("SupportDataPipeline") != "true"


def test_resolve_not_found_exits_2_with_nearest_names(run: Run) -> None:
    result = run("resolve", "--emulator", "--name", SEED_NAME + "x")
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("error: no TI-ONE platform image matches")
    assert SEED_NAME in result.err


def test_resolve_ambiguous_exits_3_listing_candidates(run: Run) -> None:
    result = run("resolve", "--emulator", "--name-regex", "^tilearn-llm0\\.9-torch2\\.3")
    assert result.code == 3
    assert SEED_ID in result.err
    assert "highest_version" in result.err


def test_invalid_query_lists_every_problem_by_flag(run: Run) -> None:
    result = run("resolve", "--emulator", "--name-regex", "(", "--image-range", "Training",
                 "--select", "newest", "--framework-version", ">>2")
    assert result.code == 1
    assert "invalid image query (4 problem(s))" in result.err
    for flag in ("--name-regex", "--image-range", "--select", "--framework-version"):
        assert f"  - {flag}: " in result.err
    assert "allowed: Train, Inference, Notebook" in result.err
    assert "Traceback" not in result.err


def test_regex_that_overflows_is_an_invalid_query_not_an_internal_error(run: Run) -> None:
    result = run("resolve", "--emulator", "--name-regex", "a{99999999999999999999}")
    assert result.code == 1
    assert "  - --name-regex: not a valid Python regular expression" in result.err
    assert "internal error" not in result.err


def test_region_with_inner_whitespace_fails_at_once_naming_the_flag(run: Run) -> None:
    result = run("--emulator", "--region", "ap guangzhou", "resolve", "--name", SEED_NAME)
    assert result.code == 1
    assert "--region = 'ap guangzhou' is not a Tencent Cloud region" in result.err
    assert "cannot reach" not in result.err


def test_resolve_without_criteria_names_the_flags(run: Run) -> None:
    result = run("resolve", "--emulator")
    assert result.code == 1
    assert "give at least one criterion: --name, --image-id" in result.err


def test_list_json_is_an_array_of_snake_case_objects(run: Run) -> None:
    result = run("list", "--emulator", "--framework", "PYTORCH", "--gpu", "A100", "-o", "json")
    assert result.code == 0
    docs = json.loads(result.out)
    assert len(docs) > 3
    assert all(d["framework"] == "PYTORCH" and "A100" in d["support_gpu_list"] for d in docs)
    assert set(docs[0]) >= {"image_id", "image_url", "image_name", "framework_version", "extra_attributes"}


def test_list_without_filters_lists_the_whole_catalog(run: Run, emu_creds: Emulator) -> None:
    result = run("list", "--endpoint", emu_creds.url)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["IMAGE", "NAME", "IMAGE", "ID", "FRAMEWORK", "VERSION", "IMAGE", "RANGE",
                                "GPUS"]
    assert lines[-1] == "(140 images)"
    assert any(line.startswith(SEED_NAME + " ") and SEED_ID in line for line in lines)


def test_list_with_no_match_is_not_an_error(run: Run) -> None:
    table = run("list", "--emulator", "--name", "no-such-image")
    assert (table.code, table.out) == (0, "no images match the filters\n")
    as_json = run("list", "--emulator", "--name", "no-such-image", "-o", "json")
    assert (as_json.code, json.loads(as_json.out)) == (0, [])


def test_no_credentials_says_where_it_looked_and_suggests_emulator(run: Run) -> None:
    result = run("resolve", "--region", "ap-guangzhou", "--name", SEED_NAME)
    assert result.code == 1
    assert result.err.startswith("error: no Tencent Cloud credentials found")
    assert "TENCENTCLOUD_SECRET_ID" in result.err
    assert "--emulator" in result.err
    assert result.out == ""


def test_no_region_suggests_flag_and_emulator(run: Run) -> None:
    result = run("list", "--name", SEED_NAME)
    assert result.code == 1
    assert "pass --region" in result.err
    assert "--emulator" in result.err


def test_emulator_and_endpoint_exclude_each_other(run: Run) -> None:
    result = run("--emulator", "--endpoint", "http://127.0.0.1:1", "list")
    assert result.code == 1
    assert "--emulator and --endpoint exclude each other" in result.err


def test_plain_http_endpoint_to_remote_host_is_refused(run: Run, emu_creds: Emulator) -> None:
    result = run("list", "--endpoint", "http://example.com:8080")
    assert result.code == 1
    assert "plain http to a non-loopback host" in result.err


@pytest.mark.parametrize(("argv", "code"), [
    (["resolve", "--bogus"], 1),
    (["resolve", "--output", "yaml", "--name", "x"], 1),
    (["list", "--bogus"], 2),
    (["drift", "--output", "xml"], 2),
    ([], 2),
    (["frobnicate"], 2),
])
def test_usage_errors(run: Run, argv: list[str], code: int) -> None:
    result = run(*argv)
    assert result.code == code
    assert "usage: tione-images" in result.err
    assert "error:" in result.err


def test_help_exits_0(run: Run) -> None:
    result = run("resolve", "--help")
    assert result.code == 0
    assert "--support-data-pipeline, --no-support-data-pipeline" in result.out
    assert "--emulator" in result.out


def test_api_error_is_one_line_not_a_traceback(
    run: Run, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "AKIDwrong")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "wrong-key")
    result = run("resolve", "--endpoint", emu.url, "--region", "ap-guangzhou", "--name", SEED_NAME)
    assert result.code == 1
    assert result.err.startswith("error: ")
    assert "AuthFailure" in result.err
    assert "wrong-key" not in result.err
    assert "Traceback" not in result.err
