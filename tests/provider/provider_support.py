"""Shared pieces of the provider tests: constants, the stack config for an emulator, `Engine`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine import (
    PROVIDER_KEY,
    ProviderClient,
    ProviderProcess,
    provider_env,
    provider_string,
    urn,
)
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider

IMAGE = "pulumi-python:dynamic/tione:PlatformImage"
IMAGES = "pulumi-python:dynamic/tione:PlatformImages"
SEED_NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
SEED_ID = "35551e3c-b0e3-40dc-8e91-cc10a5613cd3"
SEED_URL = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.0"
ROOT = Path(__file__).resolve().parents[2]


def stack_config(server: Emulator, **overrides: str) -> dict[str, str]:
    """The stack config a user sets to point a stack at ``server`` (namespaced keys)."""
    config = {
        "tencentcloud:region": DEFAULT_REGION,
        "tencentcloud:secretId": DEFAULT_SECRET_ID,
        "tencentcloud:secretKey": DEFAULT_SECRET_KEY,
        "tione:endpoint": server.url,
    }
    config.update(overrides)
    return {k: v for k, v in config.items() if v}


@dataclass
class Engine:
    """A configured provider process and the engine-side client talking to it."""

    process: ProviderProcess
    client: ProviderClient

    @staticmethod
    def image(**args: Any) -> dict[str, Any]:
        """Program inputs of a ``PlatformImage`` (with its ``__provider``)."""
        return {**args, PROVIDER_KEY: provider_string(PlatformImageProvider)}

    @staticmethod
    def images(**args: Any) -> dict[str, Any]:
        """Program inputs of a ``PlatformImages`` (with its ``__provider``)."""
        return {**args, PROVIDER_KEY: provider_string(PlatformImagesProvider)}

    def up(self, type_token: str, name: str, news: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """A first ``up`` of one resource: Check then Create; returns (id, outputs)."""
        checked = self.client.check(urn(type_token, name), {}, news)
        assert checked.failures == []
        return self.client.create(urn(type_token, name), checked.inputs)


EngineFactory = Callable[..., Engine]


def start_engine(
    server: Emulator, home: Path, config: Mapping[str, str] | None, env: Mapping[str, str]
) -> Engine:
    """A provider process (HOME=``home``, CVM lookups to a closed port) configured for ``server``."""
    process = ProviderProcess(provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9",
                                           **env)).start()
    client = ProviderClient(process.address)
    client.configure(stack_config(server) if config is None else config)
    return Engine(process, client)


