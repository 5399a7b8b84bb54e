"""The schema the plugin serves from ``native/schema.json`` (``native.boot``) is the generated one.

A process that is only asked for its schema (what the engine starts for a Pulumi YAML program
before the deployment's provider) answers from the file without importing the provider's cores.
Regenerate the file with ``python -m pulumi_tione.native.boot --write-schema``.
"""

from __future__ import annotations

import json
import subprocess
import sys

from pulumi_tione.native.boot import SCHEMA_FILE, schema_text, stored_schema
from pulumi_tione.native.schema import package_schema
from tests.support.env import provider_env
from tests.support.native import NativeClient, NativeProcess, StubEngine


def test_the_stored_schema_is_current() -> None:
    generated = package_schema()
    generated.pop("version")
    assert stored_schema() == generated, (
        f"{SCHEMA_FILE} is stale: run `python -m pulumi_tione.native.boot --write-schema`")


def test_the_served_schema_is_the_generated_one_with_its_version() -> None:
    text = schema_text()
    assert text is not None
    assert json.loads(text) == package_schema()


def test_a_schema_only_process_imports_no_core() -> None:
    """``GetSchema`` through ``LazyServicer`` leaves the cores, pydantic and the models unloaded."""
    code = (
        "import asyncio, json, sys\n"
        "from pulumi.runtime.proto import provider_pb2\n"
        "from pulumi_tione.native.boot import LazyServicer\n"
        "s = LazyServicer([], '127.0.0.1:1')\n"
        "answer = asyncio.run(s.GetSchema(provider_pb2.GetSchemaRequest(version=0), None))\n"
        "assert json.loads(answer.schema)['name'] == 'tione'\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('pulumi_tione', 'pydantic')))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=120).stdout
    loaded = json.loads(out)
    assert not [m for m in loaded if m.startswith("pydantic")], loaded
    assert not [m for m in loaded if m.startswith(("pulumi_tione.core", "pulumi_tione.images",
                                                   "pulumi_tione.workloads", "pulumi_tione.native.provider"))]


def test_the_plugin_serves_the_schema_then_checks(tmp_path: object) -> None:
    """The console script answers GetSchema from the file, then builds the provider for Check."""
    engine = StubEngine()
    process = NativeProcess(engine, provider_env(HOME=str(tmp_path)))
    try:
        process.start()
        client = NativeClient(process.address)
        assert client.schema() == package_schema()
        _, failures = client.check("urn:pulumi:dev::p::tione:index:PlatformImage::img", {},
                                   {"name": "(", "policy": "nonsense"})
        assert failures  # the real provider answered
    finally:
        process.close()
        engine.close()
