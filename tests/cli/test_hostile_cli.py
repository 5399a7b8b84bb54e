"""Hostile CLI input (issue 10 §4-6, §8): usage/input errors, never "internal error"; right origins."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_tione.emulator import Emulator
from pulumi_tione.stack.drift import IMAGE_TYPE, IMAGES_TYPE
from pulumi_tione.stack.workload_state import NOTEBOOK_TYPE, TRAINING_TASK_TYPE
from tests.support import stack_export as sx
from tests.support.cli import Result, Run
from tests.support.seed import SEED_NAME

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_no_bug(result: Result) -> None:
    assert "internal error" not in result.err
    assert "this is a bug" not in result.err
    assert "Traceback" not in result.err


def write(tmp_path: Path, text: str, name: str = "export.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


@pytest.mark.parametrize("depth", [50, 999, 5_000, 200_000])
@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deeply_nested_drift_input_is_an_input_error(
    run: Run, tmp_path: Path, depth: int, opener: str
) -> None:
    closer = "]" if opener == "[" else "}"
    result = run("drift", "--emulator", write(tmp_path, opener * depth + "1" + closer * depth))
    assert_no_bug(result)
    assert result.code == 2
    assert result.err.startswith("error: ")


def nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def test_one_broken_resource_does_not_hide_the_others(run: Run, tmp_path: Path, emu_env: Emulator) -> None:
    good = sx.image("good", name=SEED_NAME)
    bad_region = sx.image("bad-region", name=SEED_NAME)
    bad_region["outputs"]["region"] = "ap guangzhou"
    deep = sx.image("deep", name=SEED_NAME)
    deep["outputs"]["description"] = nested(900)
    slow_regex = sx.images("slow-regex", name_regex="^tilearn")
    slow_regex["outputs"]["query"]["name_regex"] = r"^(\w|\w\w|[.-])+[A-Z]$"
    bad_query = sx.image("bad-query", name=SEED_NAME)
    bad_query["outputs"]["query"]["select"] = "best"
    also_good = sx.images("also-good", name_regex="^tilearn")
    document = sx.export(good, bad_region, deep, slow_regex, bad_query, also_good)
    for res in document["deployment"]["resources"][2:4]:
        res["inputs"] = {}
    result = run("drift", write(tmp_path, json.dumps(document)), "-o", "json")
    assert_no_bug(result)
    assert result.code == 2
    statuses = {r["name"]: (r["status"], r["reasons"]) for r in json.loads(result.out)["resources"]}
    assert statuses["good"][0] == "ok"
    assert statuses["also-good"][0] == "ok"
    assert statuses["bad-region"][0] == "error"
    assert "the region recorded in the export = 'ap guangzhou'" in statuses["bad-region"][1][0]
    assert statuses["deep"][0] == "error"
    assert "nest more than 32 levels" in statuses["deep"][1][0]
    assert statuses["bad-query"][0] == "error"
    assert statuses["slow-regex"][0] == "error"
    assert "catastrophic backtracking" in statuses["slow-regex"][1][0]


def test_drift_without_any_region_suggests_the_flag(
    run: Run, tmp_path: Path, emu_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    res = sx.image("seed", name=SEED_NAME)
    for doc in (res["inputs"], res["outputs"], res["outputs"]["query"], res["inputs"]["query"]):
        doc.pop("region", None)
    monkeypatch.delenv("TENCENTCLOUD_REGION")
    result = run("drift", write(tmp_path, json.dumps(sx.export(res))), "-o", "json")
    assert_no_bug(result)
    assert result.code == 2
    reason = json.loads(result.out)["resources"][0]["reasons"][0]
    assert "--region" in reason
    assert "pulumi config set" not in reason
    assert "the region recorded in the export" in reason


@pytest.mark.parametrize("case", [
    (["--endpoint", "http://example.com"], {}, "--endpoint = 'http://example.com' uses plain http"),
    ([], {"TIONE_ENDPOINT": "http://example.com"},
     "env TIONE_ENDPOINT = 'http://example.com' uses plain http"),
    (["--endpoint", "ftp://x"], {}, "--endpoint = 'ftp://x' is not a valid endpoint"),
    (["--region", "ap guangzhou"], {}, "--region = 'ap guangzhou' is not a Tencent Cloud region"),
    ([], {"TENCENTCLOUD_REGION": "ap\tguangzhou"}, "env TENCENTCLOUD_REGION = 'ap\\tguangzhou'"),
])
@pytest.mark.parametrize("command", ["list", "resolve"])
@pytest.mark.usefixtures("emu_creds")
def test_messages_name_where_the_value_came_from(
    run: Run, monkeypatch: pytest.MonkeyPatch, case: tuple[list[str], dict[str, str], str], command: str,
) -> None:
    argv, env, origin = case
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run(command, "--name", SEED_NAME, *argv)
    assert_no_bug(result)
    assert result.code == 1
    assert origin in result.err
    assert "stack config" not in result.err


def test_missing_credentials_in_the_cli_never_mention_stack_config(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("list", "--region", "ap-guangzhou", "--endpoint", "http://127.0.0.1:9")
    assert result.code == 1
    assert "no Tencent Cloud credentials found" in result.err
    assert "stack config" not in result.err
    assert "pulumi config" not in result.err
    assert "TENCENTCLOUD_SECRET_ID" in result.err


@pytest.mark.parametrize("flag", ["--name", "--image-id", "--name-regex", "--framework", "--gpu",
                                  "--framework-version", "--training-mode", "--workspace", "--image-range",
                                  "--select", "--region", "--endpoint"])
def test_a_huge_argument_is_not_echoed_in_full(run: Run, flag: str) -> None:
    result = run("resolve", "--emulator" if flag != "--endpoint" else "--region=ap-guangzhou",
                 flag, "q" * 99_000 + "(\n")
    assert_no_bug(result)
    assert result.code in (1, 2)
    assert len(result.err) < 3_000, result.err[:300]


@pytest.mark.parametrize("command", ["list", "resolve"])
def test_a_wildcard_version_hints_at_the_specifier(run: Run, command: str) -> None:
    result = run(command, "--emulator", "--framework-version", "2.*")
    assert_no_bug(result)
    assert "'==2.*'" in result.err
    assert result.code == (0 if command == "list" else 2)


@pytest.mark.parametrize(("flag", "padded", "plain"), [
    ("--framework", " pytorch", "PYTORCH"),
    ("--framework-version", "2.3 ", "2.3"),
    ("--image-range", " train ", "Train"),
    ("--name", f"\t{SEED_NAME} ", SEED_NAME),
    ("--name-regex", " ^tilearn ", "^tilearn"),
    ("--gpu", " A100", "A100"),
    ("--training-mode", "DDP  ", "DDP"),
])
def test_surrounding_whitespace_is_one_rule_for_every_flag(
    run: Run, flag: str, padded: str, plain: str
) -> None:
    spaced = run("list", "--emulator", flag, padded, "-o", "json")
    bare = run("list", "--emulator", flag, plain, "-o", "json")
    assert spaced.code == bare.code == 0
    assert json.loads(spaced.out) == json.loads(bare.out) != []


def test_region_with_surrounding_whitespace_is_stripped(run: Run) -> None:
    result = run("--emulator", "--region", " ap-shanghai ", "resolve", "--name", SEED_NAME, "-o", "json")
    assert result.code == 0, result.err


def containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    containers, max_leaves=12,
)
KEYS = st.sampled_from(["image_id", "image_url", "query", "region", "workspace", "ids", "images", "name",
                        "name_regex", "select", "framework_version", "image_range", "count", "status",
                        "image", "charge_type", "resource_conf", "__schema_version"])
PLAUSIBLE = st.sampled_from([SEED_NAME, "ap-guangzhou", "^t", "[", "2.*"])
RECORD = st.dictionaries(KEYS, JSON | PLAUSIBLE, max_size=6)
QUERY = st.fixed_dictionaries({}, optional={"query": st.dictionaries(KEYS, JSON, max_size=4)})
RESOURCE = st.fixed_dictionaries({
    "type": st.sampled_from([IMAGE_TYPE, IMAGES_TYPE, NOTEBOOK_TYPE, TRAINING_TASK_TYPE]),
    "id": st.none() | st.text(max_size=10) | st.sampled_from(["nb-1", "train-1"]) | JSON,
    "urn": st.text(max_size=10) | st.none() | st.integers(),
    "inputs": st.one_of(RECORD, JSON),
    "outputs": st.one_of(st.builds(lambda r, q: {**r, **q}, RECORD, QUERY), JSON),
})
EXPORT = st.builds(lambda rs: {"version": 3, "deployment": {"resources": rs}}, st.lists(RESOURCE, max_size=3))


@FUZZ
@given(document=EXPORT, output=st.sampled_from(["table", "json"]))
def test_fuzzed_exports_give_a_status_or_an_input_error(
    run: Run, emu_env: Emulator, monkeypatch: pytest.MonkeyPatch, document: dict[str, Any], output: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(document)))
    result = run("drift", "-", "-o", output)
    assert_no_bug(result)
    assert result.code in (0, 1, 2)
    if output == "json" and result.out:
        assert len(json.loads(result.out)["resources"]) == len(document["deployment"]["resources"])


@FUZZ
@given(text=st.text(max_size=200) | JSON.map(json.dumps)
       | st.binary(max_size=64).map(lambda b: b.decode("latin-1")))
def test_fuzzed_drift_files_give_an_exit_code_not_a_bug(run: Run, tmp_path: Path, text: str) -> None:
    result = run("drift", "--emulator", write(tmp_path, text, "fuzz.json"))
    assert_no_bug(result)
    assert result.code in (0, 1, 2)


VALUES = st.text(max_size=30) | st.sampled_from(["(a|aa)+$", "2.*", " train ", "ap guangzhou", "\udcff",
                                                 "x" * 5000, "==2.*", ">=2,<", "[", "\x00"])
FLAGS = st.sampled_from(["--name", "--image-id", "--name-regex", "--image-range", "--framework",
                         "--framework-version", "--gpu", "--training-mode", "--workspace", "--region"])


@FUZZ
@given(pairs=st.lists(st.tuples(FLAGS, VALUES), min_size=1, max_size=4),
       command=st.sampled_from(["list", "resolve"]), select=st.sampled_from([[], ["--select", "x y"]]))
def test_fuzzed_query_flags_give_an_exit_code_not_a_bug(
    run: Run, pairs: list[tuple[str, str]], command: str, select: list[str]
) -> None:
    argv = [f"{flag}={value}" for flag, value in pairs]
    result = run(command, "--emulator", *argv, *(select if command == "resolve" else []))
    assert_no_bug(result)
    assert result.code in (0, 1, 2, 3)


ENV_NAMES = st.sampled_from(["TIONE_MAX_RPS", "TIONE_LISTING_TIMEOUT", "TIONE_MAX_CATALOG_IMAGES",
                             "TENCENTCLOUD_REGION", "TENCENTCLOUD_PROFILE",
                             "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECURITY_TOKEN"])
ODD = st.sampled_from(["nan", "-1", "1e999", "0", "../../etc", "ap-guangzhou\n"])
ENV_VALUES = (st.text(max_size=20) | ODD
              ).filter(lambda v: "\x00" not in v)


@FUZZ
@given(env=st.dictionaries(ENV_NAMES, ENV_VALUES, min_size=1, max_size=3),
       command=st.sampled_from([["list"], ["resolve", "--name", SEED_NAME], ["drift", "-"]]))
def test_fuzzed_settings_give_an_exit_code_not_a_bug(  # the endpoint stays the emulator: no network
    run: Run, emu_env: Emulator, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], command: list[str]
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(sx.export())))
    result = run(*command)
    assert_no_bug(result)
    assert result.code in (0, 1, 2)


@pytest.mark.parametrize("argv", [["list", "-o", "x" * 50_000], ["list", "y" * 50_000],
                                  ["list", "--support-data-pipeline=" + "z" * 50_000],
                                  ["z" * 50_000], ["drift", "a", "b" * 50_000]])
def test_usage_errors_do_not_echo_a_huge_argument_in_full(run: Run, argv: list[str]) -> None:
    result = run(*argv)
    assert_no_bug(result)
    assert result.code == 2
    assert "characters)" in result.err
    assert len(result.err) < 3_000


@pytest.mark.parametrize("name", ["f" * 300, "g" * 100_000, "dir/" * 2_000 + "x.json"])
def test_an_unreadable_drift_file_is_named_briefly(run: Run, name: str) -> None:
    result = run("drift", "--emulator", name)
    assert_no_bug(result)
    assert result.code == 2
    assert result.err.startswith("error: cannot read ")
    assert len(result.err) < 400


@pytest.mark.parametrize("output", ["table", "json"])
def test_unencodable_text_in_an_export_is_printed_escaped(
    run: Run, tmp_path: Path, emu_env: Emulator, output: str
) -> None:
    res = sx.image("seed", name=SEED_NAME)
    res["urn"] = res["urn"] + "-\ud800"
    text = json.dumps(sx.export(res))  # ASCII: the lone surrogate travels as \ud800
    result = run("drift", write(tmp_path, text), "-o", output)
    assert_no_bug(result)
    assert result.code == 0, result.err
    assert "\\ud800" in result.out


@pytest.mark.parametrize("flag", ["--framework", "--name", "--image-id", "--framework-version", "--gpu"])
def test_undecodable_argv_bytes_are_echoed_escaped(run: Run, flag: str) -> None:
    """argv bytes that are not UTF-8 arrive as lone surrogates: a miss, echoed escaped, never a bug."""
    result = run("resolve", "--emulator", f"{flag}=\udcff")
    assert_no_bug(result)
    assert result.code in (1, 2)
    assert "\udcff" not in result.err
