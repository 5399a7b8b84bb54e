"""What every resource class of this package shares: the pickling guard and the props it sends.

Constructing thousands of resources is safe: each construction undoes the Pulumi SDK's
per-resource patching of ``pickle._Pickler`` (pulumi/pulumi#17803), which otherwise nests one
wrapper per resource until serialization hits RecursionError after a few hundred resources.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

__all__ = ["arguments", "pickler_guard", "props"]

_PATCHED = ("_batch_setitems", "save_dict")
_GUARD = threading.RLock()


@contextmanager
def pickler_guard() -> Iterator[None]:
    """Restore ``pickle._Pickler``'s methods that ``serialize_provider`` patches and never restores."""
    with _GUARD:
        saved = {name: vars(pickle._Pickler)[name] for name in _PATCHED}
        try:
            yield
        finally:
            for name, method in saved.items():
                setattr(pickle._Pickler, name, method)


def arguments(scope: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments among a constructor's locals (not self, the name, opts or the class cell)."""
    return {k: v for k, v in scope.items() if k not in ("self", "resource_name", "opts", "__class__")}


def props(outputs: tuple[str, ...], args: Mapping[str, Any]) -> dict[str, Any]:
    """Resource props: every output declared (None), then the arguments that were given."""
    out: dict[str, Any] = dict.fromkeys(outputs)
    out.update({k: v for k, v in args.items() if v is not None})
    return out
