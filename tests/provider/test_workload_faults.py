"""Lost responses, injected errors and throttling while a deployment creates and destroys
notebooks, training tasks and model services: never a duplicate, never an orphan (counted in the
emulator)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pulumi_tione.emulator import Emulator
from tests.support.engine import urn
from tests.support.provider import EngineFactory
from tests.support.workloads import NOTEBOOK, SERVICE, TASK, live_objects, notebook, service, task

RESOURCES = 6


def test_every_resource_is_created_exactly_once_and_destroyed(
    emulator_factory: Callable[..., Emulator], engine_factory: EngineFactory
) -> None:
    server = emulator_factory(rate_limit=20, step_seconds=0.0, run_seconds=3600.0, seed=7,
                              lost_response_rate=0.6, error_rate=0.15)
    engine = engine_factory(server, TIONE_POLL_SECONDS="0.02", TIONE_LOG_LEVEL="INFO")
    declared = [(NOTEBOOK, f"nb{i}", notebook(name_prefix=f"nb{i}")) for i in range(RESOURCES)]
    declared += [(TASK, f"task{i}", task(name_prefix=f"task{i}")) for i in range(RESOURCES)]

    def up(item: tuple[str, str, dict[str, Any]]) -> tuple[str, str, dict[str, Any]]:
        type_token, name, news = item
        checked = engine.client.check(urn(type_token, name), {}, news)
        assert checked.failures == []
        id_, outs = engine.client.create(urn(type_token, name), checked.inputs)
        return type_token, id_, outs

    with ThreadPoolExecutor(max_workers=4) as pool:  # the engine's four provider workers
        created = list(pool.map(up, declared))

    live = live_objects(server)
    assert sorted(o["Id"] for o in live) == sorted(id_ for _, id_, _ in created)
    assert len({o["Name"] for o in live}) == 2 * RESOURCES
    stats = server.stats()
    assert stats["lost_responses"] > 0
    assert sum(stats["faults"].values()) > 0
    assert "adopted" in engine.process.log()  # a create whose answer was lost was found, not re-sent

    def destroy(item: tuple[str, str, dict[str, Any]]) -> None:
        type_token, id_, outs = item
        engine.client.delete(id_, urn(type_token, "x"), outs)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(destroy, created))
    assert live_objects(server) == []


def test_every_model_service_and_version_is_created_exactly_once_and_destroyed(
    emulator_factory: Callable[..., Emulator], engine_factory: EngineFactory
) -> None:
    """New groups in parallel, then versions added to one of them: a lost CreateModelService
    answer is found again by the create's token tag (no unique name for a version)."""
    server = emulator_factory(rate_limit=20, step_seconds=0.0, run_seconds=3600.0, seed=11,
                              lost_response_rate=0.6, error_rate=0.15)
    engine = engine_factory(server, TIONE_POLL_SECONDS="0.02", TIONE_LOG_LEVEL="INFO")

    def up(name: str, news: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        checked = engine.client.check(urn(SERVICE, name), {}, news)
        assert checked.failures == []
        id_, outs = engine.client.create(urn(SERVICE, name), checked.inputs)
        return name, id_, outs

    with ThreadPoolExecutor(max_workers=4) as pool:
        created = list(pool.map(lambda i: up(f"svc{i}", service(name_prefix=f"svc{i}")), range(RESOURCES)))
    group = created[0][2]["group_id"]
    versions = [up(f"v{i}", service(name_prefix=f"v{i}", service_group_id=group)) for i in range(3)]
    assert [outs["version"] for _, _, outs in versions] == ["2", "3", "4"]
    created += versions

    live = [o for o in live_objects(server) if o["Kind"] == "ModelService"]
    assert sorted(o["Id"] for o in live) == sorted(id_ for _, id_, _ in created)
    assert server.stats()["lost_responses"] > 0
    assert "adopted" in engine.process.log()

    for name, id_, outs in reversed(created):  # versions first: their group is another's
        engine.client.delete(id_, urn(SERVICE, name), outs)
    assert live_objects(server) == []
    assert server.backend.workloads.groups == {}
