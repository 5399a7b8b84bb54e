"""The CLI speaks CLI (issue 16 §3): flag-syntax hints, choices in --help, unknown flags answered
with the subcommand's usage and the closest flag, one `error: ...` form, quiet closed pipes, and a
one-shot exact lookup that asks the API for just that image."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pulumi_tione._spelling import argument, arguments, front_end
from pulumi_tione.emulator import DEFAULT_SECRET_KEY, Emulator, EmulatorOptions
from pulumi_tione.emulator.server import banner
from pulumi_tione.errors import AmbiguousImageError
from pulumi_tione.images.catalog import ProcessState, lookup_platform_image
from tests.support.cli import Run
from tests.support.seed import SEED_ID, SEED_NAME


def test_spelling_per_front_end() -> None:
    assert argument("select", "highest_version") == "select='highest_version'"
    assert arguments({"name": "x", "gpu": "T4"}) == "name='x', gpu='T4'"
    with front_end("cli"):
        assert argument("select", "highest_version") == "--select highest_version"
        assert argument("allow_remote", True) == "--allow-remote"
        assert argument("support_data_pipeline", False) == "--no-support-data-pipeline"
        assert argument("name", "a b") == "--name 'a b'"
        assert arguments({"name": "x", "gpu": "T4"}) == "--name x --gpu T4"
    assert argument("allow_remote", True) == "allow_remote=True"  # the block ended


def test_ambiguous_hint_in_flag_syntax_for_the_cli(run: Run, emu_env: Emulator) -> None:
    result = run("resolve", "--framework", "PYTORCH", "--image-range", "Train")
    assert result.code == 3
    assert result.err.startswith("error: ")
    assert "match --image-range Train --framework PYTORCH;" in result.err
    assert "or pass --select highest_version to take" in result.err
    assert "select=" not in result.err
    assert "image_id," not in result.err


def test_the_library_keeps_python_syntax(emu_env: Emulator) -> None:
    with pytest.raises(AmbiguousImageError) as info:
        lookup_platform_image(state=ProcessState(), framework="PYTORCH", image_range="Train")
    assert "pass select='highest_version'" in str(info.value)
    assert "--select" not in str(info.value)


def test_list_hint_in_flag_syntax(run: Run, emu_env: Emulator) -> None:
    result = run("list", "--framework-version", "2.*")
    assert result.code == 0
    assert "--framework-version '2.*' is compared exactly" in result.err
    assert "specifier --framework-version '==2.*'" in result.err


def test_allow_remote_hint_is_a_flag(run: Run) -> None:
    result = run("emulator", "--host", "0.0.0.0")
    assert result.code == 1
    assert result.err.startswith("error: refusing to listen on non-loopback host '0.0.0.0'")
    assert "pass --allow-remote if" in result.err
    with pytest.raises(ValueError, match="pass allow_remote=True if"):
        EmulatorOptions(host="0.0.0.0")


def test_choices_are_shown_in_help(run: Run) -> None:
    result = run("resolve", "--help")
    assert result.code == 0
    assert "--select {unique,highest_version}" in result.out
    assert "--image-range {Train,Inference,Notebook}" in result.out
    assert "--output {table,json}" in result.out


@pytest.mark.parametrize(("argv", "code", "usage", "suggestion"), [
    (["resolve", "--image-name", "foo"], 1, "usage: tione-images resolve", "--name"),
    (["list", "--frameworks", "PYTORCH"], 2, "usage: tione-images list", "did you mean --framework?"),
    (["resolve", "--emulator", "--selct", "unique", "--name", "x"], 1, "usage: tione-images resolve",
     "did you mean --select?"),
    (["emulator", "--prot", "0"], 2, "usage: tione-images emulator", "did you mean --port?"),
])
def test_unknown_flag_gets_subcommand_usage_and_closest_flag(
    run: Run, argv: list[str], code: int, usage: str, suggestion: str
) -> None:
    result = run(*argv)
    assert result.code == code
    assert result.err.startswith(usage)
    command = argv[0]
    assert f"tione-images {command}: error: unrecognized argument" in result.err
    assert suggestion in result.err
    assert "internal error" not in result.err


def test_unknown_positional_has_no_suggestion(run: Run) -> None:
    result = run("list", "stray")
    assert result.code == 2
    assert "tione-images list: error: unrecognized argument: stray" in result.err
    assert "did you mean" not in result.err


def test_port_in_use_is_an_error_line_suggesting_port_0(run: Run, emu: Emulator) -> None:
    result = run("emulator", "--port", str(emu.port))
    assert result.code == 1
    assert result.err.startswith(f"error: cannot listen on 127.0.0.1:{emu.port}: ")
    assert "(--port 0 picks a free one)" in result.err
    assert result.out == ""


def test_banner_exports_the_environment_and_hides_a_given_key() -> None:
    with Emulator() as emu:
        lines = banner(emu)
        assert lines[0] == emu.url
    assert f"export TENCENTCLOUD_SECRET_KEY={DEFAULT_SECRET_KEY}" in lines
    with Emulator(secret_id="AKIDmine", secret_key="my-own-key") as mine:
        text = "\n".join(banner(mine))
    assert "export TENCENTCLOUD_SECRET_ID=AKIDmine" in text
    assert "my-own-key" not in text


def _pipeline(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = f"set -o pipefail; {command}"
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60,
                          check=False)


@pytest.mark.parametrize("command", [
    "list -o json | head -1",
    "list | head -1",
    f"resolve --name {SEED_NAME} | head -1",
])
def test_closed_stdout_pipe_exits_0_quietly(emu_env: Emulator, command: str) -> None:
    exe = os.path.join(os.path.dirname(sys.executable), "tione-images")
    # a reader that exits at once: the pipe is closed before the first write
    result = _pipeline(f"{exe} {command.replace('head -1', 'true')}", dict(os.environ))
    assert (result.returncode, result.stderr) == (0, "")
    result = _pipeline(f"{exe} {command}", dict(os.environ))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.count("\n") == 1


def test_drift_closed_pipe_keeps_its_status(emu_env: Emulator) -> None:
    exe = os.path.join(os.path.dirname(sys.executable), "tione-images")
    empty = json.dumps({"version": 3, "deployment": {"resources": []}})
    result = _pipeline(f"echo '{empty}' | {exe} drift - | true", dict(os.environ))
    assert (result.returncode, result.stderr) == (0, "")
    result = _pipeline(f"echo '[]' | {exe} drift - -o json | true", dict(os.environ))
    assert result.returncode == 2  # an invalid export is still an error, pipe or not
    assert result.stderr.startswith("error: ")
    assert "Broken" not in result.stderr


def test_one_shot_exact_lookup_sends_one_filtered_request(run: Run, emu_env: Emulator) -> None:
    emu_env.reset_stats()
    assert run("resolve", "--name", SEED_NAME, "-o", "json").code == 0
    assert emu_env.stats()["actions"]["DescribePlatformImages"] == {"ok": 1}
    emu_env.reset_stats()
    both = run("resolve", "--name", SEED_NAME, "--image-id", SEED_ID, "-o", "json")
    assert json.loads(both.out)["image_id"] == SEED_ID
    assert emu_env.stats()["actions"]["DescribePlatformImages"] == {"ok": 1}


def test_other_lookups_keep_the_listing(run: Run, emu_env: Emulator) -> None:
    emu_env.reset_stats()
    assert run("resolve", "--name", SEED_NAME, "--image-range", "Train").code == 0
    assert emu_env.stats()["actions"]["DescribePlatformImages"] == {"ok": 2}  # 140 images, 2 pages


def test_one_shot_miss_still_names_the_nearest_images(run: Run, emu_env: Emulator) -> None:
    emu_env.reset_stats()
    result = run("resolve", "--name", SEED_NAME + "x")
    assert result.code == 2
    assert "(searched 140 images)" in result.err
    assert f"  - {SEED_NAME} ({SEED_ID}): similar name" in result.err
    assert emu_env.stats()["actions"]["DescribePlatformImages"] == {"ok": 3}  # filtered, then the listing
