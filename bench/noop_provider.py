"""The floor of a native Python provider: a ``pulumi.provider.experimental`` Provider that does nothing.

``python bench/noop_provider.py <engine address>`` serves it exactly as ``pulumi-resource-tione`` is
served (``server.main``: a ``grpc.aio`` server, the port printed on stdout); its ``check`` returns
the inputs it was given. What a Check through it costs is the SDK's gRPC server, the
``PropertyValue`` unmarshalling and marshalling and the event loop — the least any provider
written with the Python SDK pays per call (``bench/native_check.py``).

Under the real engine (``bench/engine_bench.py``) it is the plugin ``pulumi-resource-noop`` on
PATH: ``GetSchema`` answers a package ``noop`` with one resource type, ``noop:index:Image`` (a
string ``name`` in, the same ``name`` out), ``Configure`` answers as the tione plugin does (no
preview support), ``Create`` returns the name as the id; ``CheckConfig``/``Diff`` are the SDK's
do-nothing defaults. With ``NOOP_PACKAGE`` and ``NOOP_ANSWER`` (a JSON object) in its environment it
serves that package instead and its ``check`` answers that object with the inputs laid over it: a
provider that does no work but hands the engine an answer as big as the tione plugin's (the
engine's own cost of a bigger answer, apart from the plugin's).
"""

from __future__ import annotations

import json
import os
import sys

from google.protobuf import json_format, struct_pb2
from pulumi.provider.experimental import provider as p
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.server import main

PACKAGE = os.environ.get("NOOP_PACKAGE", "noop")
RESOURCE = f"{PACKAGE}:index:Image"
VERSION = "0.0.1"
_NAME = {"name": {"type": "string"}}
SCHEMA = json.dumps({"name": PACKAGE, "version": VERSION, "resources": {
    RESOURCE: {"inputProperties": _NAME, "requiredInputs": ["name"], "properties": _NAME,
               "required": ["name"]}}})


def _answer() -> dict[str, PropertyValue]:
    path = os.environ.get("NOOP_ANSWER")
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return PropertyValue.unmarshal_map(json_format.ParseDict(json.load(f), struct_pb2.Struct()))


ANSWER = _answer()


class NoopProvider(p.Provider):
    """Every Check succeeds with the new inputs unchanged; no call does any work."""

    async def get_schema(self, request: p.GetSchemaRequest) -> p.GetSchemaResponse:
        return p.GetSchemaResponse(schema=SCHEMA)

    async def configure(self, request: p.ConfigureRequest) -> p.ConfigureResponse:
        return p.ConfigureResponse(accept_secrets=True, supports_preview=False,
                                   accept_resources=False, accept_outputs=False)

    async def check(self, request: p.CheckRequest) -> p.CheckResponse:
        inputs = {**ANSWER, **request.new_inputs} if ANSWER else request.new_inputs
        return p.CheckResponse(inputs=inputs, failures=[])

    async def create(self, request: p.CreateRequest) -> p.CreateResponse:
        name = request.properties.get("name")
        return p.CreateResponse(resource_id=str(name.value) if name is not None else request.urn,
                                properties=request.properties)

    async def delete(self, request: p.DeleteRequest) -> None:
        return None


if __name__ == "__main__":
    main(sys.argv[1:], VERSION, NoopProvider())
