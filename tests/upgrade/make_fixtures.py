"""Record the state that pulumi-tione 0.1.0 writes, with 0.1.0's own code (run it under 0.1.0).

Usage, from the repository root (0.1.0 is commit 832aaec)::

    git worktree add --detach /tmp/v010 832aaec
    PYTHONPATH=/tmp/v010/provider:/tmp/v010/tests .venv/bin/python tests/upgrade/make_fixtures.py /tmp/v010
    git worktree remove /tmp/v010

It refuses to run unless ``pulumi_tione`` and the engine stand-in are imported from that tree.
The program in ``PROGRAM`` runs under ``set_mocks`` to capture exactly what 0.1.0's resources send
(``__provider`` included, as 0.1.0's ``serialize_provider`` made it); each resource is then checked
and created through a real 0.1.0 ``python -m pulumi.dynamic`` process over gRPC against 0.1.0's
emulator, which is what the engine stores: the checked inputs and the created outputs. Writes
``fixtures/state-0.1.0.json`` (per resource: program arguments, the program's props, the engine's
inputs, outputs and id) and ``fixtures/stack-export-0.1.0.json`` (a ``pulumi stack export``
deployment, version 3, holding them).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SEED_NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
PROJECT, STACK = "tione-upgrade", "dev"
STACK_URN = f"urn:pulumi:{STACK}::{PROJECT}::pulumi:pulumi:Stack::{PROJECT}-{STACK}"
PROVIDER_URN = f"urn:pulumi:{STACK}::{PROJECT}::pulumi:providers:pulumi-python::default"
PROVIDER_ID = "8b1f6a3e-0c2d-4d5e-9f70-1a2b3c4d5e6f"
WHEN = "2026-11-20T09:00:00.000000Z"

# (class, resource name, arguments) in program order
PROGRAM: list[tuple[str, str, dict[str, Any]]] = [
    ("PlatformImage", "by-name", {"name": SEED_NAME, "image_range": "train"}),
    ("PlatformImage", "newest", {"framework": "pytorch", "image_range": "Train", "training_mode": "DDP",
                                 "gpu": "A100", "select": "highest_version"}),
    ("PlatformImage", "tracked", {"name": SEED_NAME, "policy": "track"}),
    ("PlatformImage", "regional", {"name": SEED_NAME, "region": "ap-shanghai", "workspace": "1234"}),
    ("PlatformImages", "notebooks", {"framework": "PYTORCH", "image_range": "Notebook"}),
    ("PlatformImages", "tracked-list", {"name_regex": "^tilearn-llm", "support_data_pipeline": True,
                                        "policy": "track"}),
]


def _check_tree(tree: Path) -> None:
    import pulumi_tione

    engine = importlib.import_module("engine")  # 0.1.0's engine stand-in (its tests/engine.py)
    for module in (pulumi_tione, engine):
        if not Path(str(module.__file__)).resolve().is_relative_to(tree.resolve()):
            sys.exit(f"{module.__name__} comes from {module.__file__}, not from {tree}; "
                     "set PYTHONPATH to the 0.1.0 tree's provider/ and tests/")


def _program_props(config: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """What each resource of ``PROGRAM`` sends to the engine (type token, props)."""
    import pulumi
    from pulumi.runtime import rpc

    import pulumi_tione

    sent: dict[str, tuple[str, dict[str, Any]]] = {}

    class Capture(pulumi.runtime.Mocks):
        def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
            props = {k: rpc.unwrap_rpc_secret(v) for k, v in args.inputs.items()}
            sent[args.name] = (args.typ, props)
            return f"{args.name}-id", dict(args.inputs)

        def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
            return {}, None

    pulumi.runtime.set_all_config(config)
    pulumi.runtime.set_mocks(Capture(), project=PROJECT, stack=STACK, preview=False)

    @pulumi.runtime.test
    def run() -> None:
        for cls, name, args in PROGRAM:
            getattr(pulumi_tione, cls)(name, **args)

    run()
    return sent


def main(tree: Path) -> None:
    _check_tree(tree)
    engine = importlib.import_module("engine")
    ProviderClient, ProviderProcess = engine.ProviderClient, engine.ProviderProcess
    provider_env, urn = engine.provider_env, engine.urn

    from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator

    out = Path(__file__).resolve().parent / "fixtures"
    out.mkdir(exist_ok=True)
    with Emulator(rate_limit=0) as server:
        config = {"tencentcloud:region": DEFAULT_REGION, "tencentcloud:secretId": DEFAULT_SECRET_ID,
                  "tencentcloud:secretKey": DEFAULT_SECRET_KEY, "tione:endpoint": server.url}
        sent = _program_props(config)
        env = provider_env(PYTHONPATH=os.environ["PYTHONPATH"], HOME=str(out),
                           TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9")
        records = []
        with ProviderProcess(env) as process, ProviderClient(process.address) as client:
            client.configure(config)
            for cls, name, args in PROGRAM:
                token, props = sent[name]
                resource = urn(token, name, STACK, PROJECT)
                checked = client.check(resource, {}, props)
                assert not checked.failures, (name, checked.failures)
                id_, outputs = client.create(resource, checked.inputs)
                records.append({"name": name, "class": cls, "type": token, "urn": resource,
                                "arguments": args, "props": props, "id": id_,
                                "inputs": checked.inputs, "outputs": outputs})
        requests = server.stats()["total"]
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    state = {"version": "0.1.0", "commit": commit, "generator": "tests/upgrade/make_fixtures.py",
             "config": {k: v for k, v in config.items() if k == "tencentcloud:region"},
             "api_requests": requests, "resources": records}
    for file, document in (("state-0.1.0.json", state), ("stack-export-0.1.0.json", _export(records))):
        (out / file).write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(records)} resources ({requests} API requests) to {out}")


def _json_numbers(value: Any) -> Any:
    """``value`` with whole floats as ints, as the engine's JSON encoder writes numbers."""
    if isinstance(value, dict):
        return {k: _json_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _export(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A ``pulumi stack export`` document (deployment version 3) holding ``records``."""
    stack = {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack", "outputs": {},
             "created": WHEN, "modified": WHEN}
    provider = {"urn": PROVIDER_URN, "custom": True, "id": PROVIDER_ID,
                "type": "pulumi:providers:pulumi-python", "created": WHEN, "modified": WHEN}
    resources = [{"urn": r["urn"], "custom": True, "id": r["id"], "type": r["type"],
                  "inputs": _json_numbers(r["inputs"]), "outputs": _json_numbers(r["outputs"]),
                  "parent": STACK_URN,
                  "provider": f"{PROVIDER_URN}::{PROVIDER_ID}",
                  "propertyDependencies": {k: [] for k in r["props"]},
                  "created": WHEN, "modified": WHEN} for r in records]
    return {"version": 3, "deployment": {
        # magic: the engine's cookie (sha256 of the version), which `pulumi stack import` checks
        "manifest": {"time": "2026-11-20T09:00:00.000000Z", "version": "v3.272.0",
                     "magic": hashlib.sha256(b"v3.272.0").hexdigest()},
        "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:dGlvbmUtdXBncmFkZQ==:v1:AAAA"}},
        "resources": [stack, provider, *resources]}}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
