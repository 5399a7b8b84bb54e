"""``Engine``: a configured provider process and the engine-side client, for the provider tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi_tione.emulator import Emulator
from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider

from .config import stack_config
from .engine import PROVIDER_KEY, ProviderClient, ProviderProcess, provider_string, urn
from .env import CLOSED, provider_env


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

    def close(self) -> None:
        """Close the client and stop the process."""
        self.client.close()
        self.process.close()


EngineFactory = Callable[..., Engine]


def start_engine(
    server: Emulator, home: Path, config: Mapping[str, str] | None, env: Mapping[str, str]
) -> Engine:
    """A provider process (HOME=``home``, CVM lookups to a closed port) configured for ``server``."""
    process = ProviderProcess(provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT=CLOSED, **env)).start()
    client = ProviderClient(process.address)
    client.configure(stack_config(server) if config is None else config)
    return Engine(process, client)
