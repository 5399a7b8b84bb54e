"""What the provider core takes and returns: plain dataclasses, no Pulumi types.

The core's operations (``core.images``, ``core.workloads``) work on *property dicts*: snake_case
keys, plain JSON-like values (str, int/float, bool, None, lists, dicts). Two things a plain dict
cannot say are made explicit here:

- **unknown values** (preview before a dependency exists) are the ``UNKNOWN`` sentinel, at any
  depth; each adapter translates its own marker to it (``pulumi.output.Unknown`` for the dynamic
  resources, a computed ``PropertyValue`` for the native plugin) and back;
- **secrets**: the core receives plain values (adapters unwrap them) and never puts a secret in a
  log line or an error; which outputs are secret is the adapter's business.

``Context`` carries what only the native plugin knows (the URN, the engine's timeout, whether
this is a preview); the dynamic adapter passes an empty one. Results are frozen dataclasses that
each adapter turns into its protocol's answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from pulumi_tione.errors import TioneError

__all__ = [
    "UNKNOWN",
    "CheckResult",
    "Context",
    "CreateResult",
    "DiffResult",
    "Failure",
    "ProviderOperationError",
    "ReadResult",
    "UpdateResult",
    "contains_unknown",
]


class _Unknown:
    """The type of ``UNKNOWN``: a value the engine does not know yet (one instance)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
"""An input value not known yet (preview before a dependency exists)."""


def contains_unknown(value: Any) -> bool:
    """True when ``value`` is ``UNKNOWN`` or holds it at any depth."""
    if value is UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


class ProviderOperationError(TioneError):
    """A create/update/read failed; raised without a cause chain so the engine shows a short message."""


@dataclass(frozen=True)
class Context:
    """What the engine says about one operation beyond its properties.

    ``urn``: the resource's URN (the native plugin's from the engine; the dynamic workload
    resources send theirs as an input, ``stack.dynamic_adapter.URN_KEY``; None for images).
    ``timeout``: seconds the engine allows the operation (``customTimeouts``; None when unset).
    ``preview``: True when the operation is a preview (nothing may change remotely).
    ``recorded_ids``: ids the engine's state holds for this URN, as far as this process has seen
    them (a create never adopts one of those as a leftover of an interrupted create).
    """

    urn: str | None = None
    timeout: float | None = None
    preview: bool = False
    recorded_ids: frozenset[str] = frozenset()

    @property
    def name(self) -> str | None:
        """The resource name (the URN's last ``::`` part), or None without a URN."""
        return self.urn.rsplit("::", 1)[-1] if self.urn else None


NO_CONTEXT: Final = Context()


@dataclass(frozen=True)
class Failure:
    """One bad input: ``property`` ("" = the resource as a whole) and why, saying what is allowed."""

    property: str
    reason: str


@dataclass(frozen=True)
class CheckResult:
    """The checked inputs (the engine records them) and every problem found."""

    inputs: dict[str, Any]
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class DiffResult:
    """Whether anything changes, which keys changed, which of them replace."""

    changes: bool
    changed: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    delete_before_replace: bool = False


@dataclass(frozen=True)
class CreateResult:
    """The new object's id and outputs."""

    id: str
    outputs: dict[str, Any]


@dataclass(frozen=True)
class ReadResult:
    """What a read found: ``id`` "" means gone; ``inputs`` (when not None) are the refreshed inputs."""

    id: str
    outputs: dict[str, Any]
    inputs: dict[str, Any] | None = None


@dataclass(frozen=True)
class UpdateResult:
    """The outputs after an update."""

    outputs: dict[str, Any]
