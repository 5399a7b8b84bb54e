"""The native ``tione`` provider: a ``pulumi.provider.experimental`` ``Provider`` over the core.

``TioneProvider`` answers the engine's RPCs for the resources ``tione:index:PlatformImage``,
``PlatformImages``, the workloads (``Notebook``, ``TrainingTask``, ``ModelService``) and the invokes
``getPlatformImage(s)`` by translating (``native.wire``: camelCase ``PropertyValue`` maps <-> the
core's snake_case dicts) and delegating to the same core objects the dynamic resources use (``core.images``,
``core.workloads``, ``core.lookups``). What it adds, because the engine tells it:

- ``Context``: the URN of every request, the engine's timeout (``customTimeouts``) of
  create/update/delete, and the ids the engine has shown it for a URN (Diff/Update/Read/Delete),
  so a create can tell a leftover of an interrupted create from the object a replacement
  replaces (``core.workloads``, "Kill-safe creates");
- secrets: a property the engine sent secret comes back secret (and the schema's secret fields
  always do); the core never logs them;
- ``Configure``: the ``tione:*`` variables (and the explicit provider's arguments) become the
  process settings (``core.config.native_config``), with the usual environment/profile fallback.

The core is synchronous (it polls TI-ONE with bounded waits), so every operation runs in a worker
thread — except an image check, which is CPU work once the catalog is cached: it runs on the
event loop under ``api.process.cached_only()`` and moves to a worker thread only when it would
wait (first lookup: settings and catalog fetch). ``Check`` answers with a protobuf ``Struct``
built directly from the core's dict (``wire.struct_from_core``). A failure reaches the engine as
its plain message (``TioneServicer``), not a traceback.
``main`` serves it: the engine starts ``pulumi-resource-tione <engine address>`` and reads the
port it prints (the handshake of ``pulumi.provider.experimental.server.main``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import grpc
import grpc.aio
from pulumi.provider.experimental import provider as p
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.server import ProviderServicer
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import provider_pb2 as proto
from pulumi.runtime.proto import provider_pb2_grpc
from pulumi.runtime.rpc import UNKNOWN as WIRE_UNKNOWN

from pulumi_tione._spelling import front_end
from pulumi_tione.api.process import WouldWait, cached_only
from pulumi_tione.core import config as core_config
from pulumi_tione.core import lookups
from pulumi_tione.core.images import ImageCore, PlatformImageCore, PlatformImagesCore
from pulumi_tione.core.results import CheckResult, Context
from pulumi_tione.core.services import ModelServiceCore
from pulumi_tione.core.workloads import NotebookCore, TrainingTaskCore, WorkloadCore
from pulumi_tione.errors import ConfigurationError, InvalidQueryError, LookupFailedError, TioneError
from pulumi_tione.images.catalog import listing_limits

from . import wire
from .schema import package_schema, token

__all__ = ["CORES", "OperationFailed", "TioneProvider", "TioneServicer", "main"]

log = logging.getLogger("pulumi_tione.native")
_T = TypeVar("_T")

CORES: dict[str, ImageCore[Any] | WorkloadCore] = {
    token("PlatformImage"): PlatformImageCore(),
    token("PlatformImages"): PlatformImagesCore(),
    token("Notebook"): NotebookCore(),
    token("TrainingTask"): TrainingTaskCore(),
    token("ModelService"): ModelServiceCore(),
}
_LOOKUPS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    token("getPlatformImage"): lookups.get_platform_image,
    token("getPlatformImages"): lookups.get_platform_images,
}


class OperationFailed(Exception):
    """An operation failed for a reason the user can act on; the engine shows only the message."""


def _core(type_token: str) -> ImageCore[Any] | WorkloadCore:
    core = CORES.get(type_token)
    if core is None:
        raise OperationFailed(f"the tione provider has no resource type {type_token!r}; it has "
                              + ", ".join(sorted(CORES)))
    return core


async def _run(fn: Callable[[], _T], *, inline: bool = False) -> _T:
    """Run a core call in a worker thread (``inline``: on the event loop, unless it would wait on
    I/O), its messages spelled for native users (``_spelling``: ``nameRegex``, ``select:
    "highest_version"``); its errors become ``OperationFailed``.

    An unexpected error is reported by type only (its message could quote a value), with its
    stack (file/line frames, no values) in the provider's log."""
    def spelled() -> _T:
        with front_end("native"):  # messages name the schema's camelCase properties
            return fn()

    try:
        if inline:
            try:
                with cached_only():
                    return spelled()
            except WouldWait:
                pass  # it needs I/O (a setting or catalog not cached yet): run it where it may wait
        return await asyncio.to_thread(spelled)
    except TioneError as e:
        raise OperationFailed(str(e)) from None
    except Exception as e:
        frames = "".join(traceback.format_tb(e.__traceback__))
        log.error("unexpected %s in the tione provider:\n%s", type(e).__name__, frames)
        raise OperationFailed(f"unexpected {type(e).__name__} in the tione provider (its stack is in "
                              "the provider's log); please report this at the project's issues") from None


def _timeout(seconds: float) -> float | None:
    return seconds if seconds and seconds > 0 else None


class TioneProvider(p.Provider):
    """The ``tione`` provider (see the module docstring). Holds only the ids seen per URN."""

    def __init__(self) -> None:
        self._seen: dict[str, set[str]] = {}

    def _context(self, urn: str, timeout: float = 0.0, preview: bool = False) -> Context:
        return Context(urn=urn, timeout=_timeout(timeout), preview=preview,
                       recorded_ids=frozenset(self._seen.get(urn, ())))

    def _saw(self, urn: str, resource_id: str) -> None:
        if resource_id:
            self._seen.setdefault(urn, set()).add(resource_id)

    # -- provider-level ----------------------------------------------------------------------

    async def get_schema(self, request: p.GetSchemaRequest) -> p.GetSchemaResponse:
        """The generated package schema (``native.schema``)."""
        return p.GetSchemaResponse(schema=json.dumps(package_schema()))

    async def check_config(self, request: p.CheckRequest) -> p.CheckResponse:
        """Validate the numeric settings; the rest is checked where it is used."""
        failures: list[p.CheckFailure] = []
        config = core_config.native_config(_namespaced(request.new_inputs))
        try:
            listing_limits(config)
        except ConfigurationError as e:
            failures.append(p.CheckFailure("", str(e)))
        return p.CheckResponse(inputs=request.new_inputs, failures=failures)

    async def configure(self, request: p.ConfigureRequest) -> p.ConfigureResponse:
        """Hand the ``tione:*`` variables and the provider's arguments to the process settings."""
        variables: dict[str, Any] = dict(request.variables)
        variables.update(_namespaced(request.args))
        core_config.configure(core_config.native_config(variables))
        return p.ConfigureResponse(accept_secrets=True, supports_preview=False,
                                   accept_resources=False, accept_outputs=False)

    async def invoke(self, request: p.InvokeRequest) -> p.InvokeResponse:
        """``getPlatformImage`` / ``getPlatformImages`` (one catalog fetch per process)."""
        lookup = _LOOKUPS.get(request.tok)
        if lookup is None:
            raise OperationFailed(f"the tione provider has no function {request.tok!r}; it has "
                                  + ", ".join(sorted(_LOOKUPS)))
        args = wire.to_core(request.tok, request.args)

        def call() -> dict[str, Any] | list[p.CheckFailure]:
            try:
                return lookup(args)
            except InvalidQueryError as e:
                return [p.CheckFailure(wire.property_name(request.tok, pr.argument), pr.message)
                        for pr in e.problems]
            except TioneError as e:
                blamed = e.argument if isinstance(e, LookupFailedError) and e.argument else ""
                return [p.CheckFailure(wire.property_name(request.tok, blamed), str(e))]

        result = await _run(call)
        if isinstance(result, list):
            return p.InvokeResponse(failures=result)
        return p.InvokeResponse(return_value=wire.from_core(request.tok, result))

    # -- resources ---------------------------------------------------------------------------

    async def check(self, request: p.CheckRequest) -> p.CheckResponse:
        """The core's check; secret inputs stay secret in the checked inputs."""
        result, secret = await self._check(request)
        return p.CheckResponse(
            inputs=wire.from_core(request.type, result.inputs, secret),
            failures=[p.CheckFailure(wire.property_name(request.type, f.property), f.reason)
                      for f in result.failures])

    async def check_wire(self, request: proto.CheckRequest) -> proto.CheckResponse:
        """``check`` for the servicer: the same answer, marshalled by ``wire.struct_from_core``."""
        sdk_request = p.CheckRequest(request.urn, PropertyValue.unmarshal_map(request.olds),
                                     PropertyValue.unmarshal_map(request.news), request.randomSeed)
        result, secret = await self._check(sdk_request)
        type_token = sdk_request.type
        return proto.CheckResponse(
            inputs=wire.struct_from_core(type_token, result.inputs, secret),
            failures=[proto.CheckFailure(property=wire.property_name(type_token, f.property), reason=f.reason)
                      for f in result.failures])

    async def _check(self, request: p.CheckRequest) -> tuple[CheckResult, set[str]]:
        """The core's check of ``request`` and the top-level inputs that were sent secret. An image
        check runs inline (``_run``): it waits on nothing once the catalog is cached."""
        core = _core(request.type)
        olds = wire.to_core(request.type, request.old_inputs)
        news = wire.to_core(request.type, request.new_inputs)
        ctx = self._context(request.urn)
        result = await _run(lambda: core.check(olds, news, ctx), inline=isinstance(core, ImageCore))
        return result, wire.secret_keys(request.new_inputs)

    async def diff(self, request: p.DiffRequest) -> p.DiffResponse:
        """The core's diff, with a detailed diff per changed property."""
        self._saw(request.urn, request.resource_id)
        core = _core(request.type)
        olds = wire.to_core(request.type, request.old_state)
        news = wire.to_core(request.type, request.new_inputs)
        result = await _run(lambda: core.diff(request.resource_id, olds, news,
                                              self._context(request.urn)))
        ignored = {wire.snake(request.type, k) for k in request.ignore_changes}
        changed = [k for k in result.changed if k not in ignored]
        replaces = [k for k in result.replaces if k not in ignored]
        if not changed and not replaces:
            return p.DiffResponse(changes=False)
        def name(key: str) -> str:
            return wire.property_name(request.type, key)

        detailed = {name(k): p.PropertyDiff(p.PropertyDiffKind.UPDATE_REPLACE if k in replaces
                                            else p.PropertyDiffKind.UPDATE, True) for k in changed}
        return p.DiffResponse(changes=True, replaces=[name(k) for k in replaces],
                              delete_before_replace=result.delete_before_replace,
                              diffs=[name(k) for k in changed], detailed_diff=detailed)

    async def create(self, request: p.CreateRequest) -> p.CreateResponse:
        """The core's create, bounded by the engine's timeout; adopts its own interrupted create."""
        core = _core(request.type)
        props = wire.to_core(request.type, request.properties)
        ctx = self._context(request.urn, request.timeout, request.preview)
        result = await _run(lambda: core.create(props, ctx))
        self._saw(request.urn, result.id)
        secret = wire.secret_keys(request.properties)
        return p.CreateResponse(resource_id=result.id,
                                properties=wire.from_core(request.type, result.outputs, secret))

    async def read(self, request: p.ReadRequest) -> p.ReadResponse:
        """Refresh (recorded properties) or import (only an id): the core's read."""
        self._saw(request.urn, request.resource_id)
        core = _core(request.type)
        props = wire.to_core(request.type, request.properties or request.inputs)
        result = await _run(lambda: core.read(request.resource_id, props, self._context(request.urn)))
        secret = wire.secret_keys(request.properties) | wire.secret_keys(request.inputs)
        inputs = wire.from_core(request.type, result.inputs, secret) if result.inputs is not None else None
        if inputs is None and result.id:
            inputs = wire.from_core(request.type, core.inputs_of(result.outputs), secret)
        return p.ReadResponse(resource_id=result.id or None,
                              properties=wire.from_core(request.type, result.outputs, secret),
                              inputs=inputs)

    async def update(self, request: p.UpdateRequest) -> p.UpdateResponse:
        """The core's update, bounded by the engine's timeout."""
        self._saw(request.urn, request.resource_id)
        core = _core(request.type)
        olds = wire.to_core(request.type, request.olds)
        news = wire.to_core(request.type, request.news)
        ctx = self._context(request.urn, request.timeout, request.preview)
        result = await _run(lambda: core.update(request.resource_id, olds, news, ctx))
        secret = wire.secret_keys(request.news)
        return p.UpdateResponse(properties=wire.from_core(request.type, result.outputs, secret))

    async def delete(self, request: p.DeleteRequest) -> None:
        """The core's delete, bounded by the engine's timeout."""
        self._saw(request.urn, request.resource_id)
        core = _core(request.type)
        props = wire.to_core(request.type, request.properties)
        ctx = self._context(request.urn, request.timeout)
        await _run(lambda: core.delete(request.resource_id, props, ctx))


def _namespaced(values: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """Provider arguments (``region``, ...) as ``tione:*`` config values (secrets unwrapped,
    unknowns and non-scalars dropped)."""
    plain: dict[str, Any] = {}
    for key, value in values.items():
        raw = value.value
        if isinstance(raw, bool | str | float) and raw != WIRE_UNKNOWN:
            plain[key if key.startswith("tione:") else f"tione:{key}"] = raw
    return plain


# -- serving ---------------------------------------------------------------------------------

def _failure(error: BaseException) -> OperationFailed | None:
    """The ``OperationFailed`` behind ``error`` (the SDK's servicer re-raises with a traceback)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OperationFailed):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class TioneServicer(ProviderServicer):
    """The SDK's servicer, but an ``OperationFailed`` reaches the engine as its plain message, and
    ``Check`` is marshalled by the provider itself (``TioneProvider.check_wire``)."""

    _provider: TioneProvider


async def _check_rpc(self: TioneServicer, request: proto.CheckRequest,
                     context: grpc.aio.ServicerContext[Any, Any]) -> proto.CheckResponse:
    return await self._provider.check_wire(request)


_OWN_RPCS: dict[str, Callable[..., Any]] = {"Check": _check_rpc}


def _answering(name: str) -> Callable[..., Any]:
    base = _OWN_RPCS.get(name) or getattr(ProviderServicer, name)

    async def rpc(self: TioneServicer, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        try:
            return await base(self, request, context)
        except Exception as e:
            failure = _failure(e)
            if failure is None:
                raise
            await context.abort(grpc.StatusCode.UNKNOWN, str(failure))

    rpc.__name__ = name
    return rpc


for _name in ("GetSchema", "CheckConfig", "Configure", "Invoke", "Check", "Diff", "Create", "Read",
              "Update", "Delete"):
    setattr(TioneServicer, _name, _answering(_name))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pulumi-tione")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


_HELP_EPILOG = """\
You do not run this yourself: the Pulumi engine starts it, as `pulumi-resource-tione <engine
address>` (the engine's gRPC address, e.g. 127.0.0.1:40123), when a program uses `tione:*`
resources or functions, and reads the port it prints on stdout.

How the engine gets it:
  - `pip install` of pulumi-tione (a checkout or the wheel) puts `pulumi-resource-tione` on PATH,
    where the engine finds a resource plugin (Pulumi YAML programs need nothing more);
  - `pulumi package add <path or git ref to the repository's plugin/ folder>` records it in
    Pulumi.yaml (`packages:`) and generates the SDK of a TypeScript, Go, C# or Java program.

See docs/native-provider.md."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pulumi-resource-tione", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The tione Pulumi resource provider plugin (a gRPC server the Pulumi engine starts).",
        epilog=_HELP_EPILOG)
    parser.add_argument("engine", help="the Pulumi engine's gRPC address (given by the engine)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                        help="print the version and exit")
    parser.add_argument("--logflow", action="store_true", help="ignored (passed by the engine)")
    parser.add_argument("--logtostderr", action="store_true", help="ignored (passed by the engine)")
    parser.add_argument("-v", type=int, default=0, help="ignored (passed by the engine)")
    return parser


def main(argv: list[str] | None = None) -> None:
    """``pulumi-resource-tione <engine address>``: serve the provider, print the port.
    ``--version`` prints the version, ``--help`` what starts it and how users get it; both exit 0."""
    args = sys.argv[1:] if argv is None else argv
    known, _ = _parser().parse_known_args(args)

    async def serve() -> None:
        server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
        servicer = TioneServicer(args, _version(), TioneProvider(), engine_address=known.engine)
        provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        sys.stdout.buffer.write(f"{port}\n".encode())
        sys.stdout.buffer.flush()
        await server.wait_for_termination()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())
