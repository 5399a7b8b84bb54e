"""500 ``PlatformImage`` Check calls three ways, in one run: the native plugin, the dynamic provider
server, and a do-nothing native provider (the floor of any provider served by the Python SDK).

- native: the installed ``pulumi-resource-tione <engine>`` (a stub engine's address), camelCase
  properties, configured with ``tione:*`` keys;
- dynamic: ``python -m pulumi.dynamic`` (what the engine runs for the dynamic resources), snake_case
  properties plus ``__provider`` (unpickled once per distinct string), stack config;
- floor: ``bench/noop_provider.py``, a ``pulumi.provider.experimental`` Provider whose ``check``
  returns its inputs, served by the same ``server.main`` machinery as the plugin.

Each way gets the same N distinct queries (``tests.soak.scenario.distinct_lookups``) as prebuilt
``CheckRequest`` messages, from four concurrent callers (the engine's worker threads), against an
emulator without injected latency or rate limit (so the figures are the providers' own cost; the
two real ways fetch the catalog once: 2 requests each). A fresh process per round (the engine
starts one per deployment); rounds alternate the ways; the wall time runs from the first Check to
the last answer (the first Check includes the catalog fetch and the plugin's lazy imports);
medians of ``ROUNDS``. Every answer of the real ways is compared with the catalog.

Before the timed checks each process answers one warm-up Check of another image (timed apart as
"first check": for the real ways it fetches the catalog and imports what the lookup needs; the
engine pays it once per deployment). ``breakdown`` then times, in this process, the pieces of one
native Check (the SDK's unmarshal, the wire conversion, the core's check, the SDK's marshal of the
answer, the hop to a worker thread) to show where the native path's time goes.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import struct_pb2
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc
from pydantic.alias_generators import to_camel

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from pulumi_tione.stack.image_provider import PlatformImageProvider
from tests.soak.scenario import Lookup, distinct_lookups
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, ProviderClient, ProviderProcess, provider_string
from tests.support.env import CLOSED, provider_env
from tests.support.native import NativeProcess, StubEngine

N = 500
ROUNDS = 3
WORKERS = 4
TARGET = 1.5
NOOP = Path(__file__).resolve().parent / "noop_provider.py"
NATIVE_TYPE = "tione:index:PlatformImage"
DYNAMIC_TYPE = "pulumi-python:dynamic/tione:PlatformImage"


@dataclass
class Way:
    """One way of answering Check: its label and its measured rounds."""

    label: str
    walls: list[float] = field(default_factory=list)
    firsts: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    wrong: int = 0
    failed: int = 0

    @property
    def wall_s(self) -> float:
        """Median wall seconds of the rounds."""
        return statistics.median(self.walls)

    @property
    def first_ms(self) -> float:
        """Median milliseconds of the warm-up Check."""
        return 1000.0 * statistics.median(self.firsts)

    @property
    def per_check_ms(self) -> float:
        """Median milliseconds per Check."""
        return 1000.0 * self.wall_s / N


@dataclass(frozen=True)
class NativeCheckRun:
    """The three ways, measured in one run."""

    native: Way
    dynamic: Way
    floor: Way

    def ratio(self, way: Way) -> float:
        """``way``'s median wall time over the floor's."""
        return way.wall_s / self.floor.wall_s


def _struct(props: dict[str, Any]) -> struct_pb2.Struct:
    return PropertyValue.marshal_map({k: PropertyValue(v) for k, v in props.items()})


def _urn(type_: str, i: int) -> str:
    return f"urn:pulumi:bench::native-check::{type_}::img{i}"


def _native_requests(lookups: list[Lookup]) -> list[provider_pb2.CheckRequest]:
    return [provider_pb2.CheckRequest(urn=_urn(NATIVE_TYPE, i), olds=_struct({}),
                                      news=_struct({to_camel(k): v for k, v in lookup.args.items()}))
            for i, lookup in enumerate(lookups)]


def _dynamic_requests(lookups: list[Lookup]) -> list[provider_pb2.CheckRequest]:
    encoded = provider_string(PlatformImageProvider)
    return [provider_pb2.CheckRequest(urn=_urn(DYNAMIC_TYPE, i), olds=_struct({}),
                                      news=_struct({**lookup.args, PROVIDER_KEY: encoded}))
            for i, lookup in enumerate(lookups)]


def _checks(address: str, warm_up: provider_pb2.CheckRequest,
            requests: list[provider_pb2.CheckRequest]) -> tuple[float, float, list[Any]]:
    """The warm-up Check, then every request from WORKERS threads; (warm-up seconds, wall seconds,
    responses or exceptions)."""
    channel = grpc.insecure_channel(address)
    stub = provider_pb2_grpc.ResourceProviderStub(channel)
    started = time.perf_counter()
    stub.Check(warm_up, timeout=120)
    first = time.perf_counter() - started

    def one(request: provider_pb2.CheckRequest) -> Any:
        try:
            return stub.Check(request, timeout=120)
        except grpc.RpcError as e:
            return e

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            answers = list(pool.map(one, requests))
        return first, time.perf_counter() - started, answers
    finally:
        channel.close()


def _score(way: Way, answers: list[Any], lookups: list[Lookup], id_key: str | None) -> None:
    for answer, lookup in zip(answers, lookups, strict=True):
        if isinstance(answer, Exception) or answer.failures:
            way.failed += 1
        elif id_key is not None and answer.inputs.fields[id_key].string_value != lookup.image_id:
            way.wrong += 1


@contextmanager
def _native(emu: Emulator, env: dict[str, str], command: list[str] | None) -> Iterator[str]:
    engine = StubEngine()
    process = NativeProcess(engine, env) if command is None else NativeProcess(engine, env, command=command)
    try:
        process.start()
        channel = grpc.insecure_channel(process.address)
        config = {"tione:endpoint": emu.url, "tione:region": DEFAULT_REGION,
                  "tione:secretId": DEFAULT_SECRET_ID, "tione:secretKey": DEFAULT_SECRET_KEY}
        provider_pb2_grpc.ResourceProviderStub(channel).Configure(provider_pb2.ConfigureRequest(
            variables=config if command is None else {}, args=_struct({}), acceptSecrets=True))
        channel.close()
        yield process.address
    finally:
        process.close()
        engine.close()


@contextmanager
def _dynamic(emu: Emulator, env: dict[str, str]) -> Iterator[str]:
    with ProviderProcess(env) as process, ProviderClient(process.address) as client:
        client.configure(stack_config(emu))
        yield process.address


def run_native_check(progress: Callable[[str], None]) -> NativeCheckRun:
    """Measure the three ways (see the module docstring)."""
    everything = distinct_lookups(N + 1)
    lookups, warm = everything[1:], everything[:1]  # the warm-up is another image than the first
    native_requests, dynamic_requests = _native_requests(lookups), _dynamic_requests(lookups)
    native_warm, dynamic_warm = _native_requests(warm)[0], _dynamic_requests(warm)[0]
    run = NativeCheckRun(Way("native plugin (pulumi-resource-tione)"),
                         Way("dynamic provider (python -m pulumi.dynamic)"),
                         Way("do-nothing native provider (floor)"))
    with Emulator(rate_limit=0) as emu, tempfile.TemporaryDirectory(prefix="bench-native-") as home:
        env = provider_env(HOME=home, TIONE_CVM_METADATA_ENDPOINT=CLOSED)
        for round_ in range(ROUNDS):
            order = [run.native, run.dynamic, run.floor]
            for way in order[round_ % 3:] + order[:round_ % 3]:
                progress(f"{N} checks, round {round_ + 1}/{ROUNDS}: {way.label}")
                before = emu.stats()["total"]
                if way is run.dynamic:
                    with _dynamic(emu, env) as address:
                        first, wall, answers = _checks(address, dynamic_warm, dynamic_requests)
                    _score(way, answers, lookups, "image_id")
                else:
                    command = [sys.executable, str(NOOP)] if way is run.floor else None
                    with _native(emu, env, command) as address:
                        first, wall, answers = _checks(address, native_warm, native_requests)
                    _score(way, answers, lookups, None if way is run.floor else "imageId")
                way.walls.append(wall)
                way.firsts.append(first)
                way.requests.append(int(emu.stats()["total"] - before))
    return run


def breakdown(emu: Emulator) -> list[tuple[str, float]]:
    """Milliseconds per Check of each piece of the native path, in this process (warm catalog):
    ``(piece, ms)``; the floor's own pieces last.

    The core check runs the same N distinct queries as the timed rounds (each once, so the
    catalog's memo of resolved queries never answers), then split by kind; a non-literal
    ``name_regex`` (``(?:^<name>$)``: the same images, but regex syntax) shows what the literal
    shortcut saves."""
    import asyncio
    import re

    from pulumi_tione.core import config as core_config
    from pulumi_tione.core.images import PlatformImageCore
    from pulumi_tione.core.results import Context
    from pulumi_tione.images.catalog import PROCESS
    from pulumi_tione.native import wire

    saved = PROCESS.config
    core_config.configure(core_config.native_config({
        "tione:endpoint": emu.url, "tione:region": DEFAULT_REGION, "tione:secretId": DEFAULT_SECRET_ID,
        "tione:secretKey": DEFAULT_SECRET_KEY}))
    try:
        core = PlatformImageCore()
        lookups = distinct_lookups(N)
        requests = _native_requests(lookups)
        contexts = [Context(urn=r.urn) for r in requests]
        core.check({}, {"name": "warm-up"}, contexts[0])  # fetches the catalog
        wire.struct_from_core(NATIVE_TYPE, wire.to_core(NATIVE_TYPE, PropertyValue.unmarshal_map(
            requests[0].news)))  # builds the schema's name tables once, as the plugin does at start

        def per_check(fn: Callable[[int], Any], which: range = range(N)) -> tuple[float, list[Any]]:
            started = time.perf_counter()
            out = [fn(i) for i in which]
            return 1000.0 * (time.perf_counter() - started) / len(which), out

        unmarshal_ms, news = per_check(lambda i: PropertyValue.unmarshal_map(requests[i].news))
        to_core_ms, plain = per_check(lambda i: wire.to_core(NATIVE_TYPE, news[i]))
        timed: list[float] = []

        def timed_check(i: int) -> Any:
            started = time.perf_counter()
            result = core.check({}, plain[i], contexts[i])
            timed.append(time.perf_counter() - started)
            return result

        core_ms, checked = per_check(timed_check)
        rows = []
        for kind in ("name", "image_id", "name_regex", "name + image_range"):
            spent = [timed[i] for i, lookup in enumerate(lookups) if _kind(lookup.args) == kind]
            if spent:
                rows.append((f"  of which {len(spent)} by {kind}", 1000.0 * sum(spent) / len(spent)))
        regexes = [{"name_regex": f"(?:^{re.escape(lookup.args['name'])}$)"}
                   for lookup in lookups if set(lookup.args) == {"name"}]
        regex_ms, _ = per_check(lambda j: core.check({}, regexes[j], contexts[0]), range(len(regexes)))
        struct_ms, _ = per_check(lambda i: wire.struct_from_core(NATIVE_TYPE, checked[i].inputs))
        from_core_ms, answers = per_check(lambda i: wire.from_core(NATIVE_TYPE, checked[i].inputs))
        marshal_ms, _ = per_check(lambda i: PropertyValue.marshal_map(answers[i]))
        floor_marshal_ms, _ = per_check(lambda i: PropertyValue.marshal_map(news[i]))

        async def hops() -> float:
            started = time.perf_counter()
            for _ in range(N):
                await asyncio.to_thread(lambda: None)
            return 1000.0 * (time.perf_counter() - started) / N

        hop_ms = asyncio.run(hops())
        values = sum(_count(a) for a in answers) / N
    finally:
        core_config.configure(saved)
    return [("SDK: unmarshal the request (PropertyValue)", unmarshal_ms),
            ("wire.to_core: camelCase -> the core's dict", to_core_ms),
            ("core check: validate + resolve + pin document", core_ms),
            *rows,
            (f"  (a non-literal name_regex, {len(regexes)} of them)", regex_ms),
            (f"wire.struct_from_core: the answer ({values:.0f} values)", struct_ms),
            ("  (was: wire.from_core + SDK marshal)", from_core_ms + marshal_ms),
            ("  (not taken once cached: asyncio.to_thread hop)", hop_ms),
            ("floor: SDK unmarshal + marshal of its inputs", unmarshal_ms + floor_marshal_ms)]


def _kind(args: Mapping[str, Any]) -> str:
    """Which of the 500 queries' four shapes ``args`` is."""
    if "name_regex" in args:
        return "name_regex"
    if "image_id" in args and "name" not in args:
        return "image_id"
    return "name" if set(args) == {"name"} else "name + image_range"


def _count(values: Any) -> int:
    """How many PropertyValues a converted map holds (nested ones included)."""
    if isinstance(values, PropertyValue):
        return 1 + _count(values.value)
    if isinstance(values, Mapping):
        return sum(_count(v) for v in values.values())
    if isinstance(values, tuple | list):
        return sum(_count(v) for v in values)
    return 0
