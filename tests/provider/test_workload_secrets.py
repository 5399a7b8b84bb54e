"""Secrets of workloads (registry password, private env values): secret inputs, never in
``__provider``, the provider's log (even at DEBUG) or error messages."""

from __future__ import annotations

import base64
from typing import Any

import dill
import grpc
import pulumi
import pytest
from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockMonitor

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from pulumi_tione.images.catalog import PROCESS
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, ProviderMocks, run_program, urn
from tests.support.provider import EngineFactory
from tests.support.wire import Reply, Request, ScriptedServer, error_envelope
from tests.support.workloads import INSTANCE, PASSWORD, PRIVATE_ENV, TASK, custom_image, task

URN = urn(TASK, "train")
SECRET_ENVS = [{"name": "HF_TOKEN", "value": PRIVATE_ENV, "is_private": True}]


class RecordingMocks(ProviderMocks):
    """ProviderMocks that also keep the raw inputs each resource was registered with."""

    def __init__(self, config: dict[str, str]) -> None:
        super().__init__(config)
        self.raw: dict[str, dict[str, Any]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        self.raw[args.name] = dict(args.inputs)
        return super().new_resource(args)


def test_the_resource_registers_secrets_as_secret_inputs(
    wl_emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIONE_POLL_SECONDS", "0.02")
    PROCESS.clear()
    mocks = RecordingMocks(stack_config(wl_emu))
    secret_outputs: dict[str, list[str]] = {}
    register = MockMonitor.RegisterResource

    def spy(monitor: MockMonitor, request: Any) -> Any:
        """Pulumi's mock monitor, recording which outputs each registration asks to keep secret."""
        secret_outputs[request.name] = list(request.additionalSecretOutputs)
        return register(monitor, request)

    monkeypatch.setattr(MockMonitor, "RegisterResource", spy)

    def program() -> None:
        image = {k: v for k, v in custom_image().items() if k != "kind"}
        tione.TrainingTask("custom", image=image, charge_type="POSTPAID_BY_HOUR", envs=SECRET_ENVS,
                           resource_config_infos=[{"role": "WORKER", "instance_type": INSTANCE}])

    try:
        run_program(program, mocks, project="p")
    finally:
        PROCESS.configure({})
        PROCESS.clear()
    raw = mocks.raw["custom"]
    # the SDK lifts a nested secret to the whole property: the engine stores image/envs encrypted
    assert rpc.is_rpc_secret(raw["image"])
    assert rpc.is_rpc_secret(raw["envs"])
    assert sorted(secret_outputs["custom"]) == ["envs", "image"]  # the engine keeps them secret as outputs
    (id_, outs), = mocks.resources.values()
    assert id_.startswith("train-")
    blob = base64.b64decode(outs[PROVIDER_KEY])
    assert PASSWORD.encode() not in blob
    assert PRIVATE_ENV.encode() not in blob
    assert not vars(dill.loads(blob))


def test_secrets_stay_out_of_the_provider_log_at_debug(
    engine_factory: EngineFactory, wl_emu: Emulator
) -> None:
    engine = engine_factory(wl_emu, TIONE_POLL_SECONDS="0.02", TIONE_LOG_LEVEL="DEBUG")
    checked = engine.client.check(URN, {}, task(image=custom_image(), envs=SECRET_ENVS))
    assert checked.failures == []
    id_, outs = engine.client.create(URN, checked.inputs)
    engine.client.read(id_, URN, outs, checked.inputs)
    engine.client.delete(id_, URN, outs)
    log = engine.process.log()
    assert "CreateTrainingTask" in log
    assert "DeleteTrainingTask" in log
    assert PASSWORD not in log
    assert PRIVATE_ENV not in log


def test_an_error_that_echoes_a_secret_is_redacted(engine_factory: EngineFactory, wl_emu: Emulator) -> None:
    """A refusal that echoes a secret (here a registry address TI-ONE finds illegal for reasons
    preview cannot know, answered by a scripted endpoint) reaches the engine redacted."""
    echoed = {**custom_image(), "image_url": f"registry.example.com/{PASSWORD}:1"}

    def respond(req: Request, n: int) -> Reply:
        return error_envelope("InvalidParameterValue.ImageAddressIllegal",
                              f"image address {echoed['image_url']} is illegal")

    with ScriptedServer(respond) as scripted:
        engine = engine_factory(wl_emu, stack_config(scripted.url), TIONE_POLL_SECONDS="0.02")
        checked = engine.client.check(URN, {}, task(image=echoed, envs=SECRET_ENVS))
        assert not checked.failures
        with pytest.raises(grpc.RpcError) as info:
            engine.client.create(URN, checked.inputs)
    details = info.value.details() or ""
    assert "InvalidParameterValue" in details
    assert "<redacted>" in details
    assert PASSWORD not in details
