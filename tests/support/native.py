"""Play the Pulumi engine against the real ``pulumi-resource-tione`` plugin, over gRPC.

``StubEngine`` is the engine's own gRPC service (``Engine``; ``Log`` answered with ``Empty``) whose
address the plugin gets as its argument, as the engine starts plugins. ``NativeProcess`` starts
the installed ``pulumi-resource-tione`` executable with that address and reads the port it
prints. ``NativeClient`` calls the ``ResourceProvider`` RPCs with plain dicts (camelCase, as the
wire has them) and returns plain dicts; ``secret(...)`` values are sent as secrets and
``Props.secrets`` says which returned top-level properties came back secret.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2
from pulumi.provider.experimental.property_value import Computed, PropertyValue
from pulumi.runtime import rpc
from pulumi.runtime.proto import engine_pb2_grpc, provider_pb2, provider_pb2_grpc

from .handshake import PluginProcess

__all__ = ["UNKNOWN", "NativeClient", "NativeProcess", "Props", "StubEngine", "secret", "urn"]

EXECUTABLE = Path(sys.executable).parent / "pulumi-resource-tione"
UNKNOWN = object()
"""A value the engine does not know yet (sent as a computed value)."""


def urn(name: str, kind: str = "Notebook", stack: str = "dev", project: str = "tione-native") -> str:
    """The URN the engine gives resource ``name`` of ``tione:index:<kind>``."""
    return f"urn:pulumi:{stack}::{project}::tione:index:{kind}::{name}"


@dataclass(frozen=True)
class secret:
    """A value to send marked secret."""

    value: Any


def _pv(value: Any) -> PropertyValue:
    if isinstance(value, secret):
        return _pv(value.value).with_secret(True)
    if value is UNKNOWN:
        return PropertyValue(rpc.UNKNOWN)  # the engine's sentinel; PropertyValue cannot marshal Computed
    if value is None:
        return PropertyValue.null()
    if isinstance(value, bool | str):
        return PropertyValue(value)
    if isinstance(value, int | float):
        return PropertyValue(float(value))
    if isinstance(value, Mapping):
        return PropertyValue({k: _pv(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return PropertyValue([_pv(v) for v in value])
    raise TypeError(f"cannot send {value!r}")


def _plain(value: PropertyValue) -> Any:
    raw = value.value
    if isinstance(raw, Computed) or raw == rpc.UNKNOWN:
        return UNKNOWN
    if isinstance(raw, Mapping):
        return {k: _plain(v) for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        return [_plain(v) for v in raw]
    return raw


def _struct(props: Mapping[str, Any]) -> Any:
    return PropertyValue.marshal_map({k: _pv(v) for k, v in props.items()})


class Props(dict[str, Any]):
    """Returned properties (plain values) and which top-level ones were secret."""

    secrets: frozenset[str] = frozenset()

    @classmethod
    def of(cls, struct: Any) -> Props:
        values = PropertyValue.unmarshal_map(struct)
        props = cls({k: _plain(v) for k, v in values.items()})
        props.secrets = frozenset(k for k, v in values.items() if v.contains_secret())
        return props


class _Engine(engine_pb2_grpc.EngineServicer):
    def __init__(self) -> None:
        self.logs: list[str] = []

    def Log(self, request: Any, context: Any) -> empty_pb2.Empty:
        self.logs.append(str(request.message))
        return empty_pb2.Empty()


class StubEngine:
    """The engine's gRPC service, for the plugin's argument; keeps every ``Log`` message."""

    def __init__(self) -> None:
        self.servicer = _Engine()
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        engine_pb2_grpc.add_EngineServicer_to_server(self.servicer, self._server)
        self.port = self._server.add_insecure_port("127.0.0.1:0")
        self._server.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.stop(grace=None)


class NativeProcess(PluginProcess):
    """``pulumi-resource-tione <engine>``; stdout/stderr kept for ``log()``; ``kill()`` is SIGKILL.

    ``command`` replaces the executable (the engine address is appended), e.g. ``[python, plugin/]``
    for the source plugin folder; ``cwd`` is the process's working directory.
    """

    def __init__(self, engine: StubEngine, env: Mapping[str, str], *, timeout: float = 60.0,
                 command: Sequence[str] = (str(EXECUTABLE),), cwd: str | None = None) -> None:
        super().__init__([*command, engine.address], what=" ".join(command), env=env, cwd=cwd,
                         timeout=timeout)
        self.engine = engine


@dataclass(frozen=True)
class Diff:
    changes: str
    replaces: list[str]
    diffs: list[str]
    delete_before_replace: bool
    detailed: dict[str, int] = field(default_factory=dict)


_CHANGES = {provider_pb2.DiffResponse.DIFF_NONE: "none", provider_pb2.DiffResponse.DIFF_SOME: "some",
            provider_pb2.DiffResponse.DIFF_UNKNOWN: "unknown"}


class NativeClient:
    """The engine's side of the ResourceProvider protocol for the native plugin (camelCase dicts)."""

    def __init__(self, address: str) -> None:
        self._channel = grpc.insecure_channel(address)
        self.stub = provider_pb2_grpc.ResourceProviderStub(self._channel)

    def schema(self) -> dict[str, Any]:
        return dict(json.loads(self.stub.GetSchema(provider_pb2.GetSchemaRequest(version=0)).schema))

    def configure(self, variables: Mapping[str, str], args: Mapping[str, Any] | None = None) -> None:
        self.stub.Configure(provider_pb2.ConfigureRequest(
            variables=dict(variables), args=_struct(args or {}), acceptSecrets=True))

    def check_config(self, news: Mapping[str, Any]) -> list[tuple[str, str]]:
        provider_urn = "urn:pulumi:dev::p::pulumi:providers:tione::default"
        resp = self.stub.CheckConfig(provider_pb2.CheckRequest(urn=provider_urn, olds=_struct({}),
                                                               news=_struct(news)))
        return [(f.property, f.reason) for f in resp.failures]

    def check(self, urn_: str, olds: Mapping[str, Any],
              news: Mapping[str, Any]) -> tuple[Props, list[tuple[str, str]]]:
        resp = self.stub.Check(provider_pb2.CheckRequest(urn=urn_, olds=_struct(olds), news=_struct(news)))
        return Props.of(resp.inputs), [(f.property, f.reason) for f in resp.failures]

    def diff(self, id_: str, urn_: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Diff:
        resp = self.stub.Diff(provider_pb2.DiffRequest(id=id_, urn=urn_, olds=_struct(olds),
                                                       news=_struct(news)))
        return Diff(_CHANGES[resp.changes], list(resp.replaces), list(resp.diffs), resp.deleteBeforeReplace,
                    {k: v.kind for k, v in resp.detailedDiff.items()})

    def create(self, urn_: str, props: Mapping[str, Any], timeout: float = 0.0) -> tuple[str, Props]:
        resp = self.stub.Create(provider_pb2.CreateRequest(urn=urn_, properties=_struct(props),
                                                           timeout=timeout))
        return resp.id, Props.of(resp.properties)

    def read(self, id_: str, urn_: str, props: Mapping[str, Any] | None = None,
             inputs: Mapping[str, Any] | None = None) -> tuple[str, Props, Props]:
        resp = self.stub.Read(provider_pb2.ReadRequest(id=id_, urn=urn_, properties=_struct(props or {}),
                                                       inputs=_struct(inputs or {})))
        return resp.id, Props.of(resp.properties), Props.of(resp.inputs)

    def update(self, id_: str, urn_: str, olds: Mapping[str, Any], news: Mapping[str, Any],
               timeout: float = 0.0) -> Props:
        resp = self.stub.Update(provider_pb2.UpdateRequest(id=id_, urn=urn_, olds=_struct(olds),
                                                           news=_struct(news), timeout=timeout))
        return Props.of(resp.properties)

    def delete(self, id_: str, urn_: str, props: Mapping[str, Any], timeout: float = 0.0) -> None:
        self.stub.Delete(provider_pb2.DeleteRequest(id=id_, urn=urn_, properties=_struct(props),
                                                    timeout=timeout))

    def invoke(self, tok: str, args: Mapping[str, Any]) -> tuple[Props, list[tuple[str, str]]]:
        resp = self.stub.Invoke(provider_pb2.InvokeRequest(tok=tok, args=_struct(args)))
        return Props.of(getattr(resp, "return")), [(f.property, f.reason) for f in resp.failures]

    def up(self, urn_: str, news: Mapping[str, Any], timeout: float = 0.0) -> tuple[str, Props, Props]:
        """A first ``up``: Check then Create; returns (id, checked inputs, outputs)."""
        checked, failures = self.check(urn_, {}, news)
        assert failures == [], failures
        id_, outs = self.create(urn_, checked, timeout)
        return id_, checked, outs

    def close(self) -> None:
        self._channel.close()
