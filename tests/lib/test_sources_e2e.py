"""End to end per credential source: the key pair and token it yields sign real lookups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_tione.api.credentials import resolve_credentials
from pulumi_tione.emulator import DEFAULT_REGION, Emulator
from pulumi_tione.errors import AuthError
from pulumi_tione.images.catalog import ProcessState, lookup_platform_image
from tests.support.creds import SOURCES, credential_source
from tests.support.seed import SEED_ID, SEED_NAME


@pytest.mark.parametrize("name", SOURCES)
def test_lookup_succeeds_with_each_source(
    name: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch, emulator_factory: Callable[..., Emulator]
) -> None:
    with credential_source(name, isolated_env, monkeypatch) as source:
        emu = emulator_factory(rate_limit=0, secret_id=source.secret_id, secret_key=source.secret_key,
                               token=source.token)
        config = {**source.config, "tione:endpoint": emu.url, "tencentcloud:region": DEFAULT_REGION}
        creds = resolve_credentials(config)
        assert (creds.secret_id, creds.token) == (source.secret_id, source.token)
        image = lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState())
    assert image.image_id == SEED_ID
    assert emu.stats()["actions"]["DescribePlatformImages"] == {"ok": 2}


@pytest.mark.parametrize("name", ["env-security-token", "cvm-role"])
def test_a_wrong_token_is_rejected_and_not_retried(
    name: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch, emulator_factory: Callable[..., Emulator]
) -> None:
    with credential_source(name, isolated_env, monkeypatch) as source:
        emu = emulator_factory(rate_limit=0, secret_id=source.secret_id, secret_key=source.secret_key,
                               token="another-token")
        config = {"tione:endpoint": emu.url, "tencentcloud:region": DEFAULT_REGION}
        with pytest.raises(AuthError, match=r"AuthFailure\.TokenFailure"):
            lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState())
    assert emu.stats()["total"] == 1


def test_env_beats_profile_files_end_to_end(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch, emulator_factory: Callable[..., Emulator]
) -> None:
    with credential_source("ini-profile", isolated_env, monkeypatch), \
            credential_source("env-token", isolated_env, monkeypatch) as env_source:
        emu = emulator_factory(rate_limit=0, secret_id=env_source.secret_id, secret_key=env_source.secret_key)
        config = {"tione:endpoint": emu.url, "tencentcloud:region": DEFAULT_REGION}
        assert lookup_platform_image(name=SEED_NAME, config=config, state=ProcessState()).image_id == SEED_ID
