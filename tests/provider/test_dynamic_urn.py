"""The URN a dynamic workload resource sends (``__urn``) reaches the core as ``Context.urn`` only.

The engine tells a dynamic provider no URN; the resource classes send theirs as an input, and the
adapter takes it out of every property map, hands it to the core as ``Context.urn`` and puts it
back into the checked inputs (so ``create``/``update`` get it). Under the real engine the effect
— an interrupted create adopted on the next ``up`` — is ``tests/e2e/test_kill_engine.py``.
"""

from __future__ import annotations

from typing import Any

from pulumi_tione.core.results import CheckResult, Context, CreateResult, DiffResult, ReadResult, UpdateResult
from pulumi_tione.stack.dynamic_adapter import URN_KEY, DynamicAdapter

URN = "urn:pulumi:dev::proj::pulumi-python:dynamic/tione:Notebook::dev"


class _Core:
    def __init__(self) -> None:
        self.seen: list[tuple[str, Any, Context]] = []

    def _see(self, op: str, props: Any, ctx: Context) -> None:
        self.seen.append((op, props, ctx))

    def check(self, olds: Any, news: Any, ctx: Context) -> CheckResult:
        self._see("check", {**olds, **news}, ctx)
        return CheckResult(dict(news), [])

    def diff(self, id_: str, olds: Any, news: Any, ctx: Context) -> DiffResult:
        self._see("diff", {**olds, **news}, ctx)
        return DiffResult(changes=False)

    def create(self, props: Any, ctx: Context) -> CreateResult:
        self._see("create", props, ctx)
        return CreateResult("nb-1", dict(props))

    def update(self, id_: str, olds: Any, news: Any, ctx: Context) -> UpdateResult:
        self._see("update", {**olds, **news}, ctx)
        return UpdateResult(dict(news))

    def read(self, id_: str, props: Any, ctx: Context | None = None) -> ReadResult:
        self._see("read", props, ctx or Context())
        return ReadResult(id_, dict(props))

    def delete(self, id_: str, props: Any, ctx: Context | None = None) -> None:
        self._see("delete", props, ctx or Context())


def _adapter() -> tuple[DynamicAdapter, _Core]:
    core = _Core()

    class Provider(DynamicAdapter):
        pass

    Provider.core = core  # type: ignore[assignment]
    return Provider(), core


def test_the_urn_is_context_never_an_argument() -> None:
    provider, core = _adapter()
    checked = provider.check({URN_KEY: URN, "name_prefix": "dev"}, {URN_KEY: URN, "name_prefix": "dev"})
    assert checked.inputs == {"name_prefix": "dev", URN_KEY: URN}
    provider.diff("nb-1", {"name_prefix": "dev"}, dict(checked.inputs))
    created = provider.create(dict(checked.inputs))
    assert URN_KEY not in (created.outs or {})
    provider.update("nb-1", {"name_prefix": "dev"}, dict(checked.inputs))
    provider.read("nb-1", {"name_prefix": "dev"})
    provider.delete("nb-1", {"name_prefix": "dev"})
    for op, props, ctx in core.seen:
        assert URN_KEY not in props, op
        assert ctx.urn == (URN if op in ("check", "diff", "create", "update") else None), op


def test_no_urn_no_context() -> None:
    """Image resources and 0.1.0-era inputs send none; an unknown URN (preview) is none either."""
    provider, core = _adapter()
    assert URN_KEY not in (provider.check({}, {"name_prefix": "dev"}).inputs or {})
    provider.create({"name_prefix": "dev"})
    assert [ctx.urn for _, _, ctx in core.seen] == [None, None]


def test_ids_shown_in_a_diff_are_never_adopted() -> None:
    """A replacement's Diff names the old object: the create that follows records it as the URN's."""
    provider, core = _adapter()
    provider.diff("nb-old", {"name_prefix": "dev"}, {"name_prefix": "dev", URN_KEY: URN})
    provider.create({"name_prefix": "dev", URN_KEY: URN})
    assert "nb-old" in core.seen[-1][2].recorded_ids
