"""Play the Pulumi engine against a real dynamic-provider process, without the Pulumi CLI.

``ProviderProcess`` spawns ``python -u -m pulumi.dynamic`` (what the engine's
``pulumi-resource-pulumi-python`` wrapper runs) with a given environment and reads the port it
prints; ``ProviderClient`` wraps the gRPC ``ResourceProvider`` stub with one method per RPC that
takes and returns plain dicts (numbers come back as floats, unknowns as ``pulumi.output.Unknown``,
exactly as the engine delivers them). ``provider_string`` is the ``__provider`` value a program
would send for a provider class::

    with ProviderProcess(env) as proc, ProviderClient(proc.address) as client:
        client.configure({"tencentcloud:region": "ap-guangzhou", ...})
        props = {"name": "x", "__provider": provider_string(PlatformImageProvider)}
        checked = client.check(urn(TOKEN, "img"), {}, props)
        id_, outs = client.create(urn(TOKEN, "img"), checked.inputs)

``ProviderMocks`` plays the engine for a program under ``pulumi.runtime.set_mocks``: each dynamic
resource's ``__provider`` is unpickled and its real ``check`` + ``create`` (or ``read`` for a
``get``) run in-process; ``run_program`` runs a program file that way and returns its exports.

Used by the provider tests and the benchmarks.
"""

from __future__ import annotations

import base64
import pickle
import runpy
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import dill
import grpc
import pulumi
from google.protobuf import struct_pb2
from pulumi.dynamic import ConfigureRequest, ResourceProvider
from pulumi.dynamic.config import Config
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import known_types, rpc, settings
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from .handshake import PluginProcess

__all__ = [
    "PROVIDER_KEY",
    "Check",
    "CheckFailed",
    "Diff",
    "ProviderClient",
    "ProviderMocks",
    "ProviderProcess",
    "provider_string",
    "run_program",
    "urn",
]

PROVIDER_KEY = "__provider"
_CHANGES = {
    provider_pb2.DiffResponse.DIFF_NONE: "none",
    provider_pb2.DiffResponse.DIFF_SOME: "some",
    provider_pb2.DiffResponse.DIFF_UNKNOWN: "unknown",
}


def urn(type_token: str, name: str, stack: str = "dev", project: str = "tione-tests") -> str:
    """The URN the engine gives resource ``name`` of ``type_token``."""
    return f"urn:pulumi:{stack}::{project}::{type_token}::{name}"


_PROVIDER_STRINGS: dict[type[ResourceProvider], str] = {}


def provider_string(provider_class: type[ResourceProvider]) -> str:
    """``__provider`` for an instance of ``provider_class``, as ``pulumi.dynamic.Resource`` makes it
    (without leaving the SDK's ``pickle._Pickler`` patch behind, pulumi/pulumi#17803)."""
    if provider_class not in _PROVIDER_STRINGS:
        patched = ("_batch_setitems", "save_dict")
        saved = {name: vars(pickle._Pickler)[name] for name in patched}
        try:
            _PROVIDER_STRINGS[provider_class] = str(serialize_provider(provider_class()))
        finally:
            for name, method in saved.items():
                setattr(pickle._Pickler, name, method)
    return _PROVIDER_STRINGS[provider_class]


def _to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    """A property struct; ``pulumi.output.Unknown`` values become the engine's unknown sentinel."""
    def convert(value: Any) -> Any:
        if known_types.is_unknown(value):
            return rpc.UNKNOWN
        if isinstance(value, Mapping):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        return value

    struct = struct_pb2.Struct()
    struct.update(convert(dict(props)))
    return struct


def _from_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    return dict(rpc.deserialize_properties(struct, keep_unknowns=True))


@dataclass(frozen=True)
class Check:
    """A CheckResponse: the checked inputs and ``(property, reason)`` failures."""

    inputs: dict[str, Any]
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Diff:
    """A DiffResponse: ``changes`` is ``"none"``, ``"some"`` or ``"unknown"``."""

    changes: str
    replaces: list[str]
    delete_before_replace: bool = False


class ProviderProcess(PluginProcess):
    """A ``python -m pulumi.dynamic`` subprocess; its stdout and stderr are kept in ``log()``."""

    def __init__(self, env: Mapping[str, str], *, cwd: str | None = None, timeout: float = 30.0) -> None:
        super().__init__([sys.executable, "-u", "-m", "pulumi.dynamic"], what="the provider process",
                         env=env, cwd=cwd, timeout=timeout)


class ProviderClient:
    """The engine's side of the ResourceProvider gRPC protocol, one plain-dict method per RPC."""

    def __init__(self, address: str) -> None:
        self._channel = grpc.insecure_channel(address)
        self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)

    def configure(self, config: Mapping[str, str]) -> None:
        """Send the stack config (namespaced keys, e.g. ``tencentcloud:region``)."""
        self._stub.Configure(provider_pb2.ConfigureRequest(
            variables=dict(config), args=_to_struct(config), acceptSecrets=True))

    def check(self, urn: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Check:
        """Check(olds = old inputs, news = program inputs)."""
        resp = self._stub.Check(provider_pb2.CheckRequest(urn=urn, olds=_to_struct(olds),
                                                          news=_to_struct(news)))
        return Check(_from_struct(resp.inputs), [(f.property, f.reason) for f in resp.failures])

    def diff(self, id_: str, urn: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Diff:
        """Diff(olds = old outputs, news = checked inputs)."""
        resp = self._stub.Diff(provider_pb2.DiffRequest(id=id_, urn=urn, olds=_to_struct(olds),
                                                        news=_to_struct(news)))
        return Diff(_CHANGES[resp.changes], list(resp.replaces), resp.deleteBeforeReplace)

    def create(self, urn: str, props: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """Create(checked inputs) -> (id, outputs)."""
        resp = self._stub.Create(provider_pb2.CreateRequest(urn=urn, properties=_to_struct(props)))
        return resp.id, _from_struct(resp.properties)

    def read(
        self, id_: str, urn: str, props: Mapping[str, Any], inputs: Mapping[str, Any] | None = None
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        """Read(props = last outputs, or empty for a get) -> (id, outputs, inputs or None)."""
        request = provider_pb2.ReadRequest(id=id_, urn=urn, properties=_to_struct(props),
                                           inputs=_to_struct(inputs or {}))
        resp = self._stub.Read(request)
        new_inputs = _from_struct(resp.inputs) if resp.HasField("inputs") else None
        return resp.id, _from_struct(resp.properties), new_inputs

    def update(self, id_: str, urn: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, Any]:
        """Update(olds = old outputs, news = checked inputs) -> outputs."""
        resp = self._stub.Update(provider_pb2.UpdateRequest(id=id_, urn=urn, olds=_to_struct(olds),
                                                            news=_to_struct(news)))
        return _from_struct(resp.properties)

    def delete(self, id_: str, urn: str, props: Mapping[str, Any]) -> None:
        """Delete(outputs)."""
        self._stub.Delete(provider_pb2.DeleteRequest(id=id_, urn=urn, properties=_to_struct(props)))

    def close(self) -> None:
        """Close the channel."""
        self._channel.close()

    def __enter__(self) -> ProviderClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class CheckFailed(Exception):
    """``check()`` returned failures for a resource (the engine would stop the deployment)."""

    def __init__(self, name: str, failures: list[tuple[str, str]]) -> None:
        self.failures = failures
        super().__init__(f"{name}: " + "; ".join(f"{p or '(resource)'}: {r}" for p, r in failures))


class ProviderMocks(pulumi.runtime.Mocks):
    """Mocks that run the real dynamic providers in-process; other resources echo their inputs."""

    def __init__(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)
        self.resources: dict[str, tuple[str, dict[str, Any]]] = {}
        self.types: dict[str, str] = {}
        self._providers: dict[str, ResourceProvider] = {}

    def provider(self, encoded: str) -> ResourceProvider:
        """Unpickle (and configure, once per distinct string) a ``__provider`` value."""
        if encoded not in self._providers:
            provider = dill.loads(base64.b64decode(encoded))
            provider.configure(ConfigureRequest(Config(self.config, "project")))
            self._providers[encoded] = provider
        return self._providers[encoded]

    def configured(self) -> list[ResourceProvider]:
        """The provider instances unpickled so far."""
        return list(self._providers.values())

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        """check + create (check only at preview; read for a resource given an id) with the real provider."""
        inputs = dict(args.inputs)
        self.types[args.name] = args.typ
        encoded = rpc.unwrap_rpc_secret(inputs.get(PROVIDER_KEY))
        if not isinstance(encoded, str):
            return f"{args.name}-id", inputs
        provider = self.provider(encoded)
        if args.resource_id:
            read = provider.read(args.resource_id, inputs)
            id_, outs = read.id or "", dict(read.outs or {})
        else:
            checked = provider.check({}, inputs)
            if checked.failures:
                raise CheckFailed(args.name, [(f.property, f.reason) for f in checked.failures])
            if pulumi.runtime.is_dry_run():  # supportsPreview=False: the checked inputs are the preview
                id_, outs = "", dict(checked.inputs or {})
            else:
                created = provider.create(checked.inputs)
                id_, outs = created.id, dict(created.outs or {})
        outs[PROVIDER_KEY] = encoded
        self.resources[args.name] = (id_, outs)
        return id_, outs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        """No provider functions are used by these programs."""
        return {}, None


def run_program(
    main: Path | Callable[[], object], mocks: ProviderMocks, *, project: str, stack: str = "dev",
    config: Mapping[str, str] | None = None, preview: bool = False,
    monitor: MockMonitor | None = None,
) -> dict[str, Any]:
    """Run a Pulumi program (a ``__main__.py`` path or a function) under ``mocks``; return its
    stack exports, resolved (at ``preview``: none when any is unknown). ``config`` adds program
    config (``project:key``) to the stack config; ``monitor`` replaces the mock monitor (it must
    wrap ``mocks``)."""
    pulumi.runtime.set_all_config({**mocks.config, **(config or {})})
    settings.ROOT.set(None)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=preview, monitor=monitor)
    root = settings.get_root_resource()
    exports: dict[str, Any] = {}

    @pulumi.runtime.test
    def run() -> pulumi.Output[Any]:
        if callable(main):
            main()
        else:
            runpy.run_path(str(main), run_name="__main__")
        outputs = getattr(root, "outputs", {})
        return pulumi.Output.all(**outputs).apply(exports.update)

    run()
    return exports
