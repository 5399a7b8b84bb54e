"""Messages read as one sentence (issue 19 §5): another's sentence (an API message, a failure reason,
an exception) joined into ours never leaves ``.;`` or ``..`` behind (``… region `ap-nowhere`.; use
a region …``). ``_echo.clause`` drops its full stop at the source; a scan of what the CLI prints for
a range of failures holds every message to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from pulumi_tione._echo import clause
from pulumi_tione.api.client import translate_error
from pulumi_tione.cli import main
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from pulumi_tione.emulator.apierror import invalid_value
from tests.support.seed import SEED_NAME

STRAY = re.compile(r"(?<!\.)\.(?:;|\.(?!\.))")
"""A full stop before a semicolon or another full stop (an ellipsis ``...`` is fine)."""


def _stray(text: str) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 20] for m in STRAY.finditer(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Not supported in the region `ap-nowhere`.", "Not supported in the region `ap-nowhere`"),
    ("no full stop", "no full stop"), ("  padded.  ", "padded"), ("cut short...", "cut short..."),
])
def test_clause_drops_one_final_full_stop(text: str, expected: str) -> None:
    assert clause(text) == expected


def test_an_api_message_with_a_full_stop_joins_its_hint_cleanly() -> None:
    exc = TencentCloudSDKException("UnsupportedRegion",
                                   "The action is not supported in the region `ap-nowhere`.")
    text = str(translate_error(exc, "http://127.0.0.1:1"))
    assert "region `ap-nowhere`; use a region where TI-ONE is available" in text
    assert not _stray(text), text


def test_the_emulators_rule_messages_end_in_one_full_stop() -> None:
    assert invalid_value("Limit", 0, "it must be at least 1.").message.endswith("at least 1.")
    assert not _stray(invalid_value("Limit", 0, "it must be at least 1.").message)


@pytest.fixture
def env(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
    monkeypatch.setenv("TENCENTCLOUD_REGION", DEFAULT_REGION)
    return emu


def test_no_cli_message_holds_a_stray_full_stop(env: Emulator, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    url = env.url
    export = tmp_path / "stack.json"
    export.write_text(json.dumps({"version": 3, "deployment": {"resources": [{
        "urn": "urn:pulumi:dev::p::pulumi-python:dynamic/tione:PlatformImage::img",
        "type": "pulumi-python:dynamic/tione:PlatformImage", "id": "gone-id",
        "inputs": {"name": "no-such-image"},
        "outputs": {"image_id": "gone-id", "image_url": "u", "region": "ap-nowhere",
                    "query": {"name": "no-such-image"}}}]}}))
    scenarios = [
        ["resolve", "--endpoint", url, "--region", "ap-nowhere", "--name", SEED_NAME],
        ["list", "--endpoint", url, "--region", "ap-nowhere"],
        ["resolve", "--endpoint", url, "--name", "no-such-image."],
        ["resolve", "--endpoint", url, "--gpu", "a100", "--framework", "pytorch"],
        ["resolve", "--endpoint", url, "--framework", "PYTORCH"],
        ["resolve", "--endpoint", url, "--name-regex", "(", "--image-range", "Training."],
        ["list", "--endpoint", url, "--framework-version", "2.*"],
        ["drift", str(export), "--endpoint", url],
        ["drift", str(tmp_path / "missing.json")],
        ["emulator", "--catalog", str(tmp_path / "missing.json")],
        ["list", "--select", "unique", "--endpoint", url],
        ["demo", "--endpoint", url],
    ]
    seen = []
    for argv in scenarios:
        capsys.readouterr()
        main(argv)
        out = capsys.readouterr()
        seen.append((argv, out.out + out.err))
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "wrong-key.")
    capsys.readouterr()
    main(["resolve", "--endpoint", url, "--name", SEED_NAME])
    wrong = capsys.readouterr()
    seen.append((["resolve (wrong key)"], wrong.out + wrong.err))
    assert any("ap-nowhere" in text for _, text in seen)
    stray = [(argv, _stray(text)) for argv, text in seen if _stray(text)]
    assert not stray, stray
