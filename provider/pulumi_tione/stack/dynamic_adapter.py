"""The dynamic-resource adapter: ``pulumi.dynamic`` providers over the provider core.

``DynamicAdapter`` is a ``pulumi.dynamic.ResourceProvider`` whose every method translates and
delegates to a core object (``core.images``, ``core.workloads``):

- inputs: ``pulumi.output.Unknown`` becomes the core's ``UNKNOWN`` and secret markers are removed
  at every depth (the engine strips them for dynamic providers; in-process callers such as test
  mocks may not); outputs: ``UNKNOWN`` becomes ``Unknown`` again;
- results: the core's dataclasses become ``CheckResult``/``DiffResult``/...; a ``Failure`` a
  ``CheckFailure``;
- ``configure()`` hands the stack config (the ``core.config.CONFIG_KEYS``) to the process.

The dynamic resources know no URN and no engine timeout: the core gets an empty ``Context``.
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
from pulumi_tione.core.results import UNKNOWN
from pulumi_tione.core.workloads import WorkloadCore

__all__ = ["DynamicAdapter", "from_core", "to_core"]


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


class DynamicAdapter(ResourceProvider):
    """A dynamic provider that delegates to ``core`` (see the module docstring)."""

    serialize_as_secret_always = False
    core: ClassVar[ImageCore[Any] | WorkloadCore]

    def configure(self, req: ConfigureRequest) -> None:
        """Hand the stack config (namespaced keys) to the process state; nothing on the instance."""
        core_config.configure({key: req.config.get(key) for key in core_config.CONFIG_KEYS})

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """The core's check; every problem a ``CheckFailure`` on its property."""
        result = self.core.check(to_core(olds), to_core(news))
        return CheckResult(from_core(result.inputs),
                           [CheckFailure(f.property, f.reason) for f in result.failures])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """The core's diff."""
        result = self.core.diff(_id, to_core(olds), to_core(news))
        return DiffResult(changes=result.changes, replaces=result.replaces,
                          delete_before_replace=result.delete_before_replace)

    def create(self, props: dict[str, Any]) -> CreateResult:
        """The core's create."""
        result = self.core.create(to_core(props))
        return CreateResult(result.id, from_core(result.outputs))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The core's read (refresh, or ``Resource.get``)."""
        result = self.core.read(id_, to_core(props))
        inputs = from_core(result.inputs) if result.inputs is not None else None
        return ReadResult(result.id, from_core(result.outputs), inputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        """The core's update."""
        result = self.core.update(_id, to_core(_olds), to_core(_news))
        return UpdateResult(from_core(result.outputs))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """The core's delete."""
        self.core.delete(_id, to_core(_props))
