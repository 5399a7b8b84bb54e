"""Secrets under the real engine: a key set with ``pulumi config set --secret`` never lands in plain text.

The native plugin (examples/yaml-notebook, ``tione:secretKey``) and the dynamic provider
(examples/notebook, ``tencentcloud:secretKey``) get the emulator's key pair from the stack config
only (the environment has no key), deploy, and then neither ``pulumi stack export`` nor the
backend's state file holds the secret key in any form a grep finds (raw, JSON-escaped, base64).
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from pulumi_tione.emulator import Emulator
from pulumi_tione.emulator.server import DEFAULT_REGION
from tests.support.pulumi_cli import Pulumi, project, resources


def _forms(secret: str) -> list[str]:
    """How a leaked secret could appear in a JSON document."""
    raw = secret.encode()
    return [secret, base64.b64encode(raw).decode(), base64.b64encode(raw).decode().rstrip("="),
            secret.encode().hex()]


def _assert_no_plain(text: str, secret: str, where: str) -> None:
    for form in _forms(secret):
        assert form not in text, f"{where} holds the secret key in plain text ({form!r})"


WAYS = {  # the example, its config namespace, its project name
    "native-yaml": ("yaml-notebook", "tione", "tione-yaml-notebook"),
    "dynamic-python": ("notebook", "tencentcloud", "pulumi-tione-notebook"),
}


@pytest.mark.parametrize("way", list(WAYS))
def test_secret_key_stays_encrypted(tmp_path: Path, workdir: Path, emu: Emulator, way: str) -> None:
    example, prefix, project_name = WAYS[way]
    emu.set_timing(step_seconds=0.0)
    secret_id, secret_key = emu.options.secret_id, emu.options.secret_key
    # no key pair in the environment: only the stack config can authenticate
    cli = Pulumi(tmp_path / "pulumi", emulator_env={"TIONE_ENDPOINT": emu.url})
    proj = project(example, workdir)
    region_key = "tione:region" if prefix == "tione" else "tencentcloud:region"
    cli.stack_init(proj, config={region_key: DEFAULT_REGION},
                   secrets={f"{prefix}:secretId": secret_id, f"{prefix}:secretKey": secret_key})
    config_text = (proj / "Pulumi.e2e.yaml").read_text()
    assert "secure:" in config_text
    _assert_no_plain(config_text, secret_key, "Pulumi.e2e.yaml")

    cli.run("up", "--yes", cwd=proj)
    exported = cli.run("stack", "export", cwd=proj).stdout
    assert len(resources(cli.export(proj))) >= 3, exported
    assert emu.objects(), "the notebook was created with the config's key pair"
    _assert_no_plain(exported, secret_key, "pulumi stack export")
    _assert_no_plain(cli.state_file(project_name).read_text(), secret_key, "the state file")

    revealed = cli.run("stack", "export", "--show-secrets", cwd=proj).stdout
    cli.run("destroy", "--yes", cwd=proj)
    assert emu.objects() == []
    # where the engine records the key at all (the provider's inputs), it is as a secret value
    if secret_key in revealed:
        assert "4dabf18193072939515e22adb298388d" in exported
