"""``pulumi-resource-tione``'s entry point: serve at once, import the provider on first need.

The engine starts the plugin more than once per command: a Pulumi YAML program (and ``pulumi
package add``, codegen, ``pulumi import``) first loads the package schema through a process that
answers only ``GetPluginInfo`` and ``GetSchema``, then the deployment's provider process. The
schema is served from ``schema.json`` beside this module (the generated document, version
stripped; ``tests/native/test_schema_file.py`` keeps it current), so that first process imports
only gRPC and the SDK's protobuf modules — not the cores, pydantic or the models (~1 s of CPU on a
loaded 2-core machine). Every other RPC builds the real ``TioneServicer`` (``native.provider``) on
first use and hands the call to it. ``python -m pulumi_tione.native.boot --write-schema`` rewrites
``schema.json`` from the models.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc
import grpc.aio
from pulumi.runtime.proto import plugin_pb2, provider_pb2, provider_pb2_grpc

if TYPE_CHECKING:
    from .provider import TioneServicer

SCHEMA_FILE = Path(__file__).with_name("schema.json")
# The RPCs the real servicer answers (``ProviderServicer``'s own); the rest keep the generated
# base class's UNIMPLEMENTED answers, as they do on ``TioneServicer``.
_DELEGATED = ("Call", "Check", "CheckConfig", "Configure", "Construct", "Create", "Delete", "Diff",
              "DiffConfig", "Invoke", "List", "Parameterize", "Read", "Update")


def version() -> str:
    """The installed distribution's version (``0.0.0`` from a bare source tree)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("pulumi-tione")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def stored_schema() -> dict[str, Any] | None:
    """``schema.json`` (version stripped), or None when it is missing."""
    try:
        return dict(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


@cache
def schema_text() -> str | None:
    """What ``GetSchema`` answers: the stored schema with this version, as JSON (None: no file)."""
    document = stored_schema()
    if document is None:
        return None
    return json.dumps({**document, "version": version()})


def write_schema() -> Path:
    """Regenerate ``schema.json`` from the models (version stripped)."""
    from .schema import package_schema

    document = package_schema()
    document.pop("version", None)
    SCHEMA_FILE.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return SCHEMA_FILE


class LazyServicer(provider_pb2_grpc.ResourceProviderServicer):
    """Answers ``GetPluginInfo``, ``GetSchema`` and an early ``Cancel`` itself; builds the real
    servicer for anything else."""

    def __init__(self, args: list[str], engine_address: str) -> None:
        self._args = args
        self._engine_address = engine_address
        self._real: TioneServicer | None = None

    def servicer(self) -> TioneServicer:
        """The real servicer (importing the provider the first time)."""
        if self._real is None:
            from .provider import TioneProvider, TioneServicer

            self._real = TioneServicer(self._args, version(), TioneProvider(),
                                       engine_address=self._engine_address)
        return self._real

    async def GetPluginInfo(self, request: Any, context: Any) -> plugin_pb2.PluginInfo:
        return plugin_pb2.PluginInfo(version=version())

    async def GetSchema(self, request: provider_pb2.GetSchemaRequest, context: Any) -> Any:
        text = schema_text()
        if text is None or request.subpackage_name:
            return await self.servicer().GetSchema(request, context)
        return provider_pb2.GetSchemaResponse(schema=text)

    async def Cancel(self, request: Any, context: Any) -> Any:
        if self._real is None:  # nothing started: nothing to cancel (and nothing to import)
            from google.protobuf import empty_pb2

            return empty_pb2.Empty()
        return await self._real.Cancel(request, context)  # type: ignore[no-untyped-call]


def _delegate(name: str) -> Any:
    async def rpc(self: LazyServicer, request: Any, context: Any) -> Any:
        return await getattr(self.servicer(), name)(request, context)

    rpc.__name__ = name
    return rpc


for _name in _DELEGATED:
    setattr(LazyServicer, _name, _delegate(_name))


def _engine_address(args: list[str]) -> str:
    """The engine's address among the arguments the engine passes (as ``provider._parser`` reads them)."""
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("engine")
    parser.add_argument("--logflow", action="store_true")
    parser.add_argument("--logtostderr", action="store_true")
    parser.add_argument("-v", type=int, default=0)
    return str(parser.parse_known_args(args)[0].engine)


def main(argv: list[str] | None = None) -> None:
    """``pulumi-resource-tione <engine address>``: serve, print the port (``--version``/``--help``:
    print and exit 0)."""
    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help", "--version") for a in args) or not args:
        from .provider import main as full_main

        full_main(args)
        return
    if args == ["--write-schema"]:
        print(write_schema())
        return
    from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS

    engine = _engine_address(args)

    async def serve() -> None:
        server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
        provider_pb2_grpc.add_ResourceProviderServicer_to_server(LazyServicer(args, engine), server)
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        sys.stdout.buffer.write(f"{port}\n".encode())
        sys.stdout.buffer.flush()
        await server.wait_for_termination()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


if __name__ == "__main__":
    main()
