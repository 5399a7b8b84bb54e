"""For every credential source, the key and token stay out of state, ``__provider`` and the log."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pulumi_tione.emulator import DEFAULT_REGION, Emulator
from tests.support.creds import SOURCES, credential_source
from tests.support.engine import PROVIDER_KEY, ProviderClient, ProviderProcess, urn
from tests.support.env import provider_env
from tests.support.provider import Engine
from tests.support.seed import IMAGE, SEED_ID, SEED_NAME


@pytest.fixture
def started() -> Iterator[list[ProviderProcess]]:
    processes: list[ProviderProcess] = []
    yield processes
    for process in processes:
        process.close()


@pytest.mark.parametrize("source", SOURCES)
def test_no_secret_in_state_provider_or_debug_log(
    source: str, *, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    emulator_factory: Callable[..., Emulator], started: list[ProviderProcess],
) -> None:
    with credential_source(source, tmp_path, monkeypatch) as src:
        server = emulator_factory(secret_id=src.secret_id, secret_key=src.secret_key, token=src.token,
                                  rate_limit=0)
        passed = {k: v for k, v in os.environ.items() if k.startswith(("TENCENTCLOUD_", "TIONE_", "TCCLI_"))}
        process = ProviderProcess(provider_env(**passed, HOME=str(tmp_path), TIONE_LOG_LEVEL="DEBUG")).start()
        started.append(process)
        with ProviderClient(process.address) as client:
            client.configure({"tione:endpoint": server.url, "tencentcloud:region": DEFAULT_REGION,
                              **src.config})
            target = urn(IMAGE, "img")
            news = Engine.image(name=SEED_NAME)
            checked = client.check(target, {}, news)
            assert checked.failures == []
            id_, outs = client.create(target, checked.inputs)
            _, read_outs, read_inputs = client.read(id_, target, outs, outs)
        process.stop()

    assert outs["image_id"] == SEED_ID
    assert server.stats()["actions"]["DescribePlatformImages"]["ok"] >= 1
    log = process.log()
    assert "SendRequest" in log
    documents = json.dumps([news[PROVIDER_KEY], checked.inputs, outs, read_outs, read_inputs])
    for secret in (src.secret_key, src.token):
        assert secret not in documents
        assert secret not in log
