"""Play the Pulumi CLI's side of a policy pack, without the CLI.

``PolicyPackProcess`` starts a Python policy pack the way the CLI's ``pulumi-analyzer-policy-python``
plugin does (``python -u -m pulumi.policy ENGINE .`` in the pack's folder) and reads the port its
``PolicyPack`` prints; ``AnalyzerClient`` drives that real ``pulumi_policy`` analyzer server over
gRPC: ``GetAnalyzerInfo``, ``Configure`` (completed the way the CLI does: every policy gets its
enforcement level and its schema defaults), ``Analyze`` (one resource's inputs) and
``AnalyzeStack`` (every resource with its dependencies). Properties go over the wire as the engine
sends them: unknowns as the unknown sentinel, secrets with the secret signature, numbers as floats.
``RecordingMonitor`` runs a real program under ``set_mocks`` and keeps each registration, so a
test can hand the analyzer exactly what the engine would (checked inputs, property dependencies).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from .engine import PROVIDER_KEY, ProviderMocks, _to_struct
from .handshake import PluginProcess
from .seed import ROOT

__all__ = [
    "PACK",
    "UNKNOWN",
    "AnalyzerClient",
    "Finding",
    "PolicyPackProcess",
    "RecordingMonitor",
    "Registration",
    "Report",
    "StackResource",
    "secret",
    "urn",
]

PACK = ROOT / "examples" / "policy-pack"
UNKNOWN = rpc.UNKNOWN
LEVELS = {"advisory": analyzer_pb2.ADVISORY, "mandatory": analyzer_pb2.MANDATORY,
          "disabled": analyzer_pb2.DISABLED, "remediate": analyzer_pb2.REMEDIATE}
LEVEL_NAMES = {v: k for k, v in LEVELS.items()}


def secret(value: Any) -> dict[str, Any]:
    """``value`` marked secret, as the engine marshals a secret property."""
    return {rpc._special_sig_key: rpc._special_secret_sig, "value": value}


def urn(type_token: str, name: str) -> str:
    """The URN of resource ``name`` of ``type_token`` in a test stack."""
    return f"urn:pulumi:dev::tione-tests::{type_token}::{name}"


def _struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(dict(props))
    return struct


@dataclass(frozen=True)
class Finding:
    """One violation: policy, enforcement level name, message and the resource's URN."""

    policy: str
    level: str
    message: str
    urn: str


@dataclass(frozen=True)
class Report:
    """An AnalyzeResponse: violations, and ``(policy, reason)`` for policies that did not apply."""

    findings: list[Finding]
    not_applicable: list[tuple[str, str]]

    def by(self, policy: str) -> list[Finding]:
        """The findings of one policy."""
        return [f for f in self.findings if f.policy == policy]


@dataclass(frozen=True)
class StackResource:
    """A resource as AnalyzeStack sees it: its outputs and what each input depended on."""

    type: str
    name: str
    props: dict[str, Any]
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    explicit_urn: str | None = None

    @property
    def urn(self) -> str:
        """The resource's URN."""
        return self.explicit_urn or urn(self.type, self.name)


@dataclass(frozen=True)
class Registration:
    """One RegisterResource request of a program: what the engine receives for a resource."""

    urn: str
    type: str
    name: str
    inputs: dict[str, Any]
    property_dependencies: dict[str, list[str]]


class RecordingMonitor(MockMonitor):
    """The mock resource monitor, keeping every registration as it went over the wire."""

    def __init__(self, mocks: ProviderMocks) -> None:
        super().__init__(mocks)
        self.provider_mocks = mocks
        self.registrations: list[Registration] = []

    def RegisterResource(self, request: Any) -> Any:
        """Record the request (inputs with unknowns as sentinels), then register as the mock does."""
        if request.type != "pulumi:pulumi:Stack":
            deps = {k: list(v.urns) for k, v in request.propertyDependencies.items()}
            self.registrations.append(Registration(
                self.make_urn(request.parent, request.type, request.name), request.type, request.name,
                json_format.MessageToDict(request.object), deps))
        return super().RegisterResource(request)

    def checked_inputs(self, registration: Registration) -> dict[str, Any]:
        """The inputs the engine gives the analyzer: a dynamic resource's inputs after its
        provider's ``check()`` (unknowns kept), other resources' inputs as registered."""
        encoded = registration.inputs.get(PROVIDER_KEY)
        if not isinstance(encoded, str):
            return registration.inputs
        news = rpc.deserialize_properties(_struct(registration.inputs), keep_unknowns=True)
        checked = self.provider_mocks.provider(encoded).check({}, dict(news))
        return json_format.MessageToDict(_to_struct(checked.inputs or {}))

    def stack(self) -> list[StackResource]:
        """Every registered resource as AnalyzeStack sees it after the run (its outputs)."""
        resources = []
        for r in self.registrations:
            outputs = self.provider_mocks.resources.get(r.name, ("", self.checked_inputs(r)))[1]
            resources.append(StackResource(r.type, r.name, json_format.MessageToDict(_to_struct(outputs)),
                                           r.property_dependencies, r.urn))
        return resources


class PolicyPackProcess(PluginProcess):
    """A policy pack served as the CLI serves it (``python -u -m pulumi.policy 127.0.0.1:0 .`` in
    the pack); stdout and stderr are kept for ``log()``."""

    def __init__(self, pack: Path, *, timeout: float = 60.0) -> None:
        super().__init__([sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:0", "."],
                         what="the policy pack", cwd=pack, timeout=timeout)
        self.pack = pack


class AnalyzerClient:
    """The CLI's side of the Analyzer gRPC protocol, with plain-dict arguments and results."""

    def __init__(self, port: int) -> None:
        self._channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        self._stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)

    def info(self) -> analyzer_pb2.AnalyzerInfo:
        """GetAnalyzerInfo: the pack's name and its policies (levels, config schemas)."""
        return self._stub.GetAnalyzerInfo(empty_pb2.Empty())

    def policy_defaults(self) -> dict[str, dict[str, Any]]:
        """Each policy's level name and schema defaults, as the CLI starts its config from."""
        defaults: dict[str, dict[str, Any]] = {}
        for policy in self.info().policies:
            schema = json_format.MessageToDict(policy.configSchema.properties)
            props = {k: v["default"] for k, v in schema.items() if "default" in v}
            defaults[policy.name] = {"enforcementLevel": LEVEL_NAMES[policy.enforcementLevel], **props}
        return defaults

    def configure(self, overrides: Mapping[str, str | Mapping[str, Any]] | None = None) -> None:
        """Configure every policy: its defaults, then ``overrides`` (a level name, or an object
        with ``enforcementLevel`` and settings, as in a ``--policy-pack-config`` file)."""
        config = self.policy_defaults()
        for name, value in (overrides or {}).items():
            patch = {"enforcementLevel": value} if isinstance(value, str) else dict(value)
            config[name] = {**config[name], **patch}
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        for name, values in config.items():
            settings = {k: v for k, v in values.items() if k != "enforcementLevel"}
            request.policyConfig[name].CopyFrom(analyzer_pb2.PolicyConfig(
                enforcementLevel=LEVELS[values["enforcementLevel"]], properties=_struct(settings)))
        self._stub.Configure(request)

    def analyze(self, type_token: str, name: str, props: Mapping[str, Any]) -> Report:
        """Analyze one resource's inputs."""
        request = analyzer_pb2.AnalyzeRequest(type=type_token, name=name, urn=urn(type_token, name),
                                              properties=_struct(props))
        return _report(self._stub.Analyze(request))

    def analyze_stack(self, resources: list[StackResource]) -> Report:
        """AnalyzeStack over ``resources`` (outputs and property dependencies)."""
        request = analyzer_pb2.AnalyzeStackRequest()
        for r in resources:
            item = analyzer_pb2.AnalyzerResource(type=r.type, name=r.name, urn=r.urn,
                                                 properties=_struct(r.props))
            for key, urns in r.property_dependencies.items():
                item.propertyDependencies[key].urns.extend(urns)
                item.dependencies.extend(u for u in urns if u not in item.dependencies)
            request.resources.append(item)
        return _report(self._stub.AnalyzeStack(request))

    def analyze_all(self, monitor: RecordingMonitor) -> dict[str, Report]:
        """Analyze every resource ``monitor`` recorded, with the inputs the engine would send; by name."""
        return {r.name: self.analyze(r.type, r.name, monitor.checked_inputs(r))
                for r in monitor.registrations}

    def close(self) -> None:
        """Close the channel."""
        self._channel.close()


def _report(response: analyzer_pb2.AnalyzeResponse) -> Report:
    findings = [Finding(d.policyName, LEVEL_NAMES[d.enforcementLevel], d.message, d.urn)
                for d in response.diagnostics]
    return Report(findings, [(n.policy_name, n.reason) for n in response.not_applicable])
