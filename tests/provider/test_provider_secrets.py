"""Secrets given as stack config never reach ``__provider``, checked inputs, outputs or the provider's log."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pulumi

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, ProviderMocks, provider_string, run_program, urn
from tests.support.provider import EngineFactory
from tests.support.seed import IMAGE, SEED_ID, SEED_NAME

SECRET_ID = "AKIDpulumitionetest0000000000000001"
SECRET_KEY = "sk-test-6f1d0c2b9a8e7f6d5c4b3a2918273645"
TOKEN = "tok-test-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"
SECRET_CONFIG = {"tencentcloud:secretId": SECRET_ID, "tencentcloud:secretKey": SECRET_KEY,
                 "tencentcloud:securityToken": TOKEN}


def leaks(text: str) -> list[str]:
    """Which of the secret key and token appear in ``text``."""
    return [name for name, value in (("secretKey", SECRET_KEY), ("token", TOKEN)) if value in text]


def test_provider_process_keeps_secrets_out_of_state_and_log(
    emulator_factory: Callable[..., Emulator], engine_factory: EngineFactory
) -> None:
    server = emulator_factory(secret_id=SECRET_ID, secret_key=SECRET_KEY, token=TOKEN, rate_limit=0)
    engine = engine_factory(server, config={**stack_config(server), **SECRET_CONFIG}, TIONE_LOG_LEVEL="DEBUG")
    target = urn(IMAGE, "train-image")
    checked = engine.client.check(target, {}, engine.image(name=SEED_NAME))
    id_, outs = engine.client.create(target, checked.inputs)
    _, read_outs, read_inputs = engine.client.read(id_, target, outs, outs)
    engine.process.stop()
    log = engine.process.log()
    assert checked.failures == []
    assert id_ == SEED_ID
    assert "SendRequest" in log  # the SDK's request dump was logged, with its headers redacted
    assert "X-TC-Token" in log
    state = json.dumps([checked.inputs, outs, read_outs, read_inputs])
    assert leaks(state) == []
    assert leaks(log) == []


def test_serialized_provider_is_a_reference_without_secrets() -> None:
    for provider_class in (PlatformImageProvider, PlatformImagesProvider):
        encoded = provider_string(provider_class)
        raw = base64.b64decode(encoded)
        assert len(encoded) < 200  # pickled by reference to the installed class: no code, no state
        assert b"pulumi_tione.stack.image_provider" in raw
        assert leaks(raw.decode("latin-1")) == []


def test_program_with_secret_config_keeps_it_out_of_resources(
    emulator_factory: Callable[..., Emulator], mocks: ProviderMocks
) -> None:
    server = emulator_factory(secret_id=SECRET_ID, secret_key=SECRET_KEY, token=TOKEN, rate_limit=0)
    mocks.config = {**stack_config(server), **SECRET_CONFIG}

    def program() -> None:
        image = tione.PlatformImage("train-image", name=SEED_NAME)
        listing = tione.PlatformImages("llm", name_regex="^tilearn-llm")
        pulumi.export("url", image.image_url)
        pulumi.export("ids", listing.ids)

    exports = run_program(program, mocks, project="p")
    assert exports["url"]
    for _, outs in mocks.resources.values():
        assert leaks(json.dumps(outs)) == []
        assert leaks(base64.b64decode(outs[PROVIDER_KEY]).decode("latin-1")) == []
    assert all(vars(provider) == {} for provider in mocks.configured())
