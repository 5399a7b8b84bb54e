"""What a newcomer trips on at the command line (issue 19 §5): a flag given to the wrong
subcommand names the one it belongs to; ``demo`` takes no ``--endpoint``; an exact criterion given
in the wrong case gets a "did you mean" naming the catalog's spelling."""

from __future__ import annotations

import pytest

from tests.support.cli import Run
from tests.support.seed import SEED_NAME


def test_list_select_says_it_belongs_to_resolve(run: Run) -> None:
    result = run("list", "--emulator", "--framework", "PYTORCH", "--select", "highest_version")
    assert result.code == 2
    assert ("--select is an option of `tione-images resolve`, not of `tione-images list` (list shows "
            "every match; resolve picks one)") in result.err
    assert "did you mean" not in result.err


def test_a_flag_of_another_subcommand_names_it(run: Run) -> None:
    result = run("resolve", "--emulator", "--name", "x", "--port", "8080")
    assert result.code == 1  # resolve's usage errors exit 1
    assert "--port is an option of `tione-images emulator`, not of `tione-images resolve`" in result.err


def test_a_misspelt_flag_still_gets_the_closest_ones(run: Run) -> None:
    result = run("list", "--emulator", "--framwork", "PYTORCH")
    assert result.code == 2
    assert "did you mean --framework" in result.err


def test_demo_takes_no_endpoint(run: Run) -> None:
    result = run("demo", "--endpoint", "http://127.0.0.1:9")
    assert result.code == 2
    assert "demo runs on its own in-process emulator" in result.err
    before = run("--endpoint", "http://127.0.0.1:9", "demo", "--no-stack")
    assert before.code == 1
    assert "error: demo runs on its own in-process emulator and takes no --endpoint" in before.err
    helped = run("demo", "--help")
    assert helped.code == 0
    assert "--endpoint" not in helped.out
    assert "--pulumi PATH" in helped.out


@pytest.mark.parametrize(("flag", "given", "meant"), [
    ("--gpu", "a100", "--gpu A100"),
    ("--training-mode", "ddp", "--training-mode DDP"),
    ("--name", SEED_NAME.upper(), f"--name {SEED_NAME}"),
])
def test_list_in_the_wrong_case_says_did_you_mean(run: Run, flag: str, given: str, meant: str) -> None:
    result = run("list", "--emulator", flag, given)
    assert result.code == 0
    assert "no images match the filters" in result.out
    assert f"did you mean {meant}?" in result.err
    assert "case matters" in result.err


def test_resolve_in_the_wrong_case_says_did_you_mean(run: Run) -> None:
    result = run("resolve", "--emulator", "--framework", "pytorch", "--gpu", "a100")
    assert result.code == 2
    assert "did you mean --gpu A100?" in result.err


def test_no_case_hint_when_the_value_exists(run: Run) -> None:
    result = run("list", "--emulator", "--gpu", "A100", "--framework", "NOSUCHFRAMEWORK")
    assert result.code == 0
    assert "did you mean" not in result.err
