"""The CLI never prints the secret key or token, whichever source they came from, even at DEBUG."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_tione.cli import main
from pulumi_tione.emulator import Emulator
from tests.support.creds import SOURCES, credential_source
from tests.support.seed import SEED_NAME

ENV_SOURCES = [s for s in SOURCES if s != "stack-config"]


@pytest.mark.parametrize("source", ENV_SOURCES)
def test_cli_output_and_logs_hold_no_secret(
    source: str, *, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    emulator_factory: Callable[..., Emulator],
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("HOME", str(tmp_path))
    with credential_source(source, tmp_path, monkeypatch) as src:
        good = emulator_factory(secret_id=src.secret_id, secret_key=src.secret_key, token=src.token,
                                rate_limit=0)
        wrong = emulator_factory(secret_id=src.secret_id, secret_key="another-key", rate_limit=0)
        common = ["--region", "ap-guangzhou", "--output", "json"]
        codes = [
            main(["resolve", "--endpoint", good.url, "--name", SEED_NAME, *common]),
            main(["list", "--endpoint", good.url, "--framework", "PYTORCH", *common]),
            main(["resolve", "--endpoint", wrong.url, "--name", SEED_NAME, *common]),
        ]
    out, err = capsys.readouterr()
    assert codes == [0, 0, 1]
    assert "AuthFailure.SignatureFailure" in err
    assert "SendRequest" in caplog.text
    for secret in (src.secret_key, src.token):
        assert secret not in out
        assert secret not in err
        assert secret not in caplog.text
