"""The Pulumi programs ``bench/engine_bench.py`` runs under the real engine, generated into a folder.

- ``native``: Pulumi YAML, N ``tione:index:PlatformImage`` (the plugin ``pulumi-resource-tione``);
- ``dynamic``: Python, N ``tione.PlatformImage`` (the dynamic provider, ``pulumi-python:dynamic``);
- ``noop``: Pulumi YAML, N ``noop:index:Image`` (``bench/noop_provider.py`` as ``pulumi-resource-noop``
  on PATH): the same program shape and host as ``native``, a provider that does no work;
- ``echo``: the same, through ``pulumi-resource-echo`` (the same do-nothing provider, package
  ``echo``) whose Check answers the tione plugin's answer for one image (``echo_answer``): no work,
  but as much for the engine to carry per resource as the native stack;
- ``workloads``: Pulumi YAML, notebooks and training tasks on the seed image (native).

The N image queries are ``tests.soak.scenario.distinct_lookups``: each distinct (by name, by id, by
anchored literal regex, by name + image range) and each resolving to one catalog image, so no
lookup is answered from the memo of a previous one. The do-nothing stack gets one ``name`` each.
YAML values are written as JSON (a subset of YAML), which quotes every string safely.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from pydantic.alias_generators import to_camel

from tests.soak.scenario import Lookup, distinct_lookups
from tests.support.seed import SEED_ID

BENCH = Path(__file__).resolve().parent
NOOP = "noop"
ECHO = "echo"
INSTANCE = "TI.GN10.2XLARGE40.POST"


def lookups(n: int) -> list[Lookup]:
    """The N distinct image queries of the preview stacks."""
    return distinct_lookups(n)


def _yaml_project(folder: Path, name: str, resources: dict[str, tuple[str, dict[str, Any]]]) -> Path:
    lines = [f"name: {name}", "runtime: yaml", "resources:"]
    for logical, (type_, props) in resources.items():
        lines += [f"  {logical}:", f"    type: {type_}", f"    properties: {json.dumps(props)}"]
    folder.mkdir(parents=True)
    (folder / "Pulumi.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def native_images(root: Path, queries: list[Lookup]) -> Path:
    """The YAML stack of ``tione:index:PlatformImage`` (camelCase properties)."""
    return _yaml_project(root / "native", "bench-native", {
        f"img{i}": ("tione:index:PlatformImage", {to_camel(k): v for k, v in q.args.items()})
        for i, q in enumerate(queries)})


def noop_images(root: Path, queries: list[Lookup], package: str = NOOP) -> Path:
    """The YAML stack of a do-nothing provider's ``<package>:index:Image``, one name each."""
    return _yaml_project(root / package, f"bench-{package}", {
        f"img{i}": (f"{package}:index:Image", {"name": f"img{i}"}) for i in range(len(queries))})


def echo_answer(path: Path, emu_url: str) -> Path:
    """The tione plugin's Check answer for the seed image (its wire form, as JSON) into ``path``."""
    from google.protobuf import json_format

    from pulumi_tione.core import config as core_config
    from pulumi_tione.core.images import PlatformImageCore
    from pulumi_tione.core.results import Context
    from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY
    from pulumi_tione.images.catalog import PROCESS
    from pulumi_tione.native import wire
    from tests.support.seed import SEED_NAME

    saved = PROCESS.config
    core_config.configure(core_config.native_config({
        "tione:endpoint": emu_url, "tione:region": DEFAULT_REGION, "tione:secretId": DEFAULT_SECRET_ID,
        "tione:secretKey": DEFAULT_SECRET_KEY}))
    try:
        type_ = "tione:index:PlatformImage"
        checked = PlatformImageCore().check({}, {"name": SEED_NAME}, Context(urn="urn:bench"))
        answer = json_format.MessageToDict(wire.struct_from_core(type_, checked.inputs))
    finally:
        core_config.configure(saved)
    path.write_text(json.dumps(answer), encoding="utf-8")
    return path


def dynamic_images(root: Path, queries: list[Lookup], venv: Path) -> Path:
    """The Python stack of ``tione.PlatformImage`` (the dynamic provider), run with ``venv``."""
    folder = root / "dynamic"
    folder.mkdir(parents=True)
    (folder / "Pulumi.yaml").write_text(
        f"name: bench-dynamic\nruntime:\n  name: python\n  options:\n    virtualenv: {venv}\n",
        encoding="utf-8")
    queries_text = json.dumps([q.args for q in queries])
    (folder / "__main__.py").write_text(
        "import json\n\nimport pulumi_tione as tione\n\n"
        f"QUERIES = json.loads({queries_text!r})\n"
        "for i, query in enumerate(QUERIES):\n"
        "    tione.PlatformImage(f'img{i}', **query)\n", encoding="utf-8")
    return folder


def workloads(root: Path, notebooks: int, tasks: int) -> Path:
    """The YAML stack of ``notebooks`` notebooks and ``tasks`` training tasks on the seed image."""
    image = {"kind": "platform", "imageId": SEED_ID}
    resources: dict[str, tuple[str, dict[str, Any]]] = {}
    for i in range(notebooks):
        resources[f"nb{i}"] = ("tione:index:Notebook", {
            "namePrefix": f"nb{i}", "image": image, "chargeType": "POSTPAID_BY_HOUR",
            "resourceConf": {"instanceType": INSTANCE}})
    for i in range(tasks):
        resources[f"task{i}"] = ("tione:index:TrainingTask", {
            "namePrefix": f"task{i}", "image": image, "chargeType": "POSTPAID_BY_HOUR",
            "trainingMode": "DDP", "resourceConfigInfos": [{"role": "WORKER", "instanceType": INSTANCE}],
            "startCmdInfo": {"startCmd": "torchrun train.py"}})
    return _yaml_project(root / "workloads", "bench-workloads", resources)


def noop_plugin_bin(root: Path, answer: Path) -> Path:
    """A folder holding ``pulumi-resource-noop`` and ``pulumi-resource-echo`` (this interpreter
    running ``noop_provider.py``; the echo one answering ``answer``), to put first on PATH."""
    folder = root / "noop-bin"
    folder.mkdir(parents=True)
    for package, env in ((NOOP, ""), (ECHO, f'export NOOP_PACKAGE={ECHO} NOOP_ANSWER="{answer}"\n')):
        script = folder / f"pulumi-resource-{package}"
        script.write_text(f'#!/bin/sh\n{env}exec "{sys.executable}" "{BENCH / "noop_provider.py"}" "$@"\n',
                          encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        assert os.access(script, os.X_OK)
    return folder
