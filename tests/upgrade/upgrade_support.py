"""The 0.1.0 state fixtures and what the current code's program sends for the same resources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import rpc

import pulumi_tione
from pulumi_tione.emulator import Emulator
from tests.support.config import stack_config
from tests.support.engine import ProviderClient, ProviderProcess
from tests.support.env import CLOSED, provider_env

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATE_FILE = FIXTURES / "state-0.1.0.json"
EXPORT_FILE = FIXTURES / "stack-export-0.1.0.json"
PROJECT, STACK = "tione-upgrade", "dev"
OLD_IMAGE_PROVIDER = "pulumi_tione.dynamic.PlatformImageProvider"


@dataclass(frozen=True)
class Recorded:
    """One resource as 0.1.0 left it in state."""

    name: str
    cls: str
    type: str
    urn: str
    arguments: dict[str, Any]
    props: dict[str, Any]
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]

    @property
    def policy(self) -> str:
        """The resource's policy (``pin`` when the program did not set one)."""
        return str(self.arguments.get("policy", "pin"))

    @property
    def region(self) -> str:
        """The region 0.1.0 resolved in."""
        return str(self.outputs["region"])


@cache
def recorded() -> tuple[Recorded, ...]:
    """Every resource of the 0.1.0 fixture, in program order."""
    data = json.loads(STATE_FILE.read_text())
    return tuple(Recorded(r["name"], r["class"], r["type"], r["urn"], r["arguments"], r["props"], r["id"],
                          r["inputs"], r["outputs"]) for r in data["resources"])


def by_name(name: str) -> Recorded:
    """The recorded resource called ``name``."""
    return next(r for r in recorded() if r.name == name)


class _Capture(pulumi.runtime.Mocks):
    """Mocks that only record the props each resource sends."""

    def __init__(self) -> None:
        self.sent: dict[str, dict[str, Any]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        self.sent[args.name] = {k: rpc.unwrap_rpc_secret(v) for k, v in args.inputs.items()}
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


def current_props() -> dict[str, dict[str, Any]]:
    """What the current ``resources.py`` sends for the fixture's program, by resource name."""
    capture = _Capture()
    pulumi.runtime.set_mocks(capture, project=PROJECT, stack=STACK, preview=False)

    @pulumi.runtime.test
    def run() -> None:
        for res in recorded():
            getattr(pulumi_tione, res.cls)(res.name, **res.arguments)

    run()
    return capture.sent


@contextmanager
def provider_process(server: Emulator, home: Path) -> Iterator[ProviderClient]:
    """A fresh ``python -m pulumi.dynamic`` process (cold cache), configured for ``server``."""
    env = provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT=CLOSED)
    with ProviderProcess(env) as process, ProviderClient(process.address) as client:
        client.configure(stack_config(server))
        yield client
