"""Any command line gives an exit code and a message, never a traceback."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.cli import Run

TOKENS = st.sampled_from([
    "list", "resolve", "drift", "-", "--region", "ap-guangzhou", "--endpoint", "http://127.0.0.1:9",
    "--emulator", "--name", "--image-id", "--name-regex", "(", "--image-range", "Train", "--framework",
    "--framework-version", ">=2", "--gpu", "--support-data-pipeline", "--no-allow-save-all-content",
    "--training-mode", "--select", "highest_version", "--workspace", "--output", "json", "table", "-o",
    "--help", "--", "=", "",
])
ARGV = st.lists(st.one_of(TOKENS, st.text(max_size=12)), max_size=8).filter(
    lambda argv: not {"emulator", "demo", "--help", "-h"} & set(argv))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=ARGV)
def test_random_argv_gives_exit_code_without_traceback(
    run: Run, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run(*argv)
    assert result.code in (0, 1, 2, 3)
    assert "Traceback" not in result.err
    assert "internal error" not in result.err
    if result.code != 0:
        assert "error" in result.err
