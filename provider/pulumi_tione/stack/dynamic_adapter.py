"""The dynamic-resource adapter: ``pulumi.dynamic`` providers over the provider core.

``DynamicAdapter`` is a ``pulumi.dynamic.ResourceProvider`` whose every method translates and
delegates to a core object (``core.images``, ``core.workloads``):

- inputs: ``pulumi.output.Unknown`` becomes the core's ``UNKNOWN`` and secret markers are removed
  at every depth (the engine strips them for dynamic providers; in-process callers such as test
  mocks may not); outputs: ``UNKNOWN`` becomes ``Unknown`` again;
- results: the core's dataclasses become ``CheckResult``/``DiffResult``/...; a ``Failure`` a
  ``CheckFailure``;
- ``configure()`` hands the stack config (the ``core.config.CONFIG_KEYS``) to the process.

The engine tells a dynamic provider no URN and no timeout. The workload resource classes send
their URN as the input ``URN_KEY`` (``stack.workload_inputs``); the adapter takes it out of every
property map before the core sees it and hands it over as ``Context.urn`` (so, as in the native
plugin, creates are tagged with their owner, generated names are derived from the URN, and the
object of an interrupted create is adopted: ``core.ownership``); ``check`` puts it back into the
checked inputs so that ``create``/``update`` get it. The image resources send none: an empty
``Context``.
Subclasses (the provider classes users' state pickles by reference) only name their core; they
hold nothing on the instance, so ``__provider`` holds no config or credentials.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown
from pulumi.runtime import rpc

from pulumi_tione.core import config as core_config
from pulumi_tione.core.images import ImageCore
from pulumi_tione.core.results import NO_CONTEXT, UNKNOWN, Context
from pulumi_tione.core.workloads import WorkloadCore

__all__ = ["URN_KEY", "DynamicAdapter", "from_core", "to_core"]

URN_KEY = "__urn"
"""The input that carries a workload resource's URN to its dynamic provider."""


def to_core(value: Any) -> Any:
    """An engine value for the core: ``Unknown`` -> ``UNKNOWN``, secret markers removed."""
    value = rpc.unwrap_rpc_secret(value)
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: to_core(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_core(v) for v in value]
    return value


def from_core(value: Any) -> Any:
    """A core value for the engine: ``UNKNOWN`` -> ``Unknown``."""
    if value is UNKNOWN:
        return Unknown()  # type: ignore[no-untyped-call]
    if isinstance(value, dict):
        return {k: from_core(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_core(v) for v in value]
    return value


def _split(props: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """``props`` without ``URN_KEY``, and its value (None when absent)."""
    rest = {k: v for k, v in props.items() if k != URN_KEY}
    return rest, props.get(URN_KEY)


_SEEN: dict[str, set[str]] = {}
"""Ids the engine has shown for each URN in this provider process (one per engine operation):
the Diff that precedes a replacement names the old object, which a create never adopts."""


def _context(urn: Any) -> Context:
    """The core's ``Context`` for a ``URN_KEY`` value (unknown or absent: no URN)."""
    if not isinstance(urn, str) or not urn:
        return NO_CONTEXT
    return Context(urn=urn, recorded_ids=frozenset(_SEEN.get(urn, ())))


def _saw(urn: Any, id_: str) -> None:
    if isinstance(urn, str) and urn and id_:
        _SEEN.setdefault(urn, set()).add(id_)


class DynamicAdapter(ResourceProvider):
    """A dynamic provider that delegates to ``core`` (see the module docstring)."""

    serialize_as_secret_always = False
    core: ClassVar[ImageCore[Any] | WorkloadCore]

    def configure(self, req: ConfigureRequest) -> None:
        """Hand the stack config (namespaced keys) to the process state; nothing on the instance."""
        core_config.configure({key: req.config.get(key) for key in core_config.CONFIG_KEYS})

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """The core's check; every problem a ``CheckFailure`` on its property."""
        news, urn = _split(news)
        result = self.core.check(to_core(_split(olds)[0]), to_core(news), _context(urn))
        inputs = from_core(result.inputs)
        if urn is not None:
            inputs[URN_KEY] = urn
        return CheckResult(inputs, [CheckFailure(f.property, f.reason) for f in result.failures])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """The core's diff."""
        news, urn = _split(news)
        _saw(urn, _id)
        result = self.core.diff(_id, to_core(_split(olds)[0]), to_core(news), _context(urn))
        return DiffResult(changes=result.changes, replaces=result.replaces,
                          delete_before_replace=result.delete_before_replace)

    def create(self, props: dict[str, Any]) -> CreateResult:
        """The core's create."""
        props, urn = _split(props)
        result = self.core.create(to_core(props), _context(urn))
        return CreateResult(result.id, from_core(result.outputs))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The core's read (refresh, or ``Resource.get``)."""
        result = self.core.read(id_, to_core(_split(props)[0]))
        inputs = from_core(result.inputs) if result.inputs is not None else None
        return ReadResult(result.id, from_core(result.outputs), inputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        """The core's update."""
        news, urn = _split(_news)
        _saw(urn, _id)
        result = self.core.update(_id, to_core(_split(_olds)[0]), to_core(news), _context(urn))
        return UpdateResult(from_core(result.outputs))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """The core's delete."""
        self.core.delete(_id, to_core(_split(_props)[0]))
