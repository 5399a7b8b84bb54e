"""Kill-safe creates: what ties a TI-ONE object to the Pulumi resource (URN) that created it.

Without the URN, a create interrupted between ``Create*`` reaching TI-ONE and the engine
recording the answer (``pulumi up`` killed, a lost connection) leaves an object no state knows,
and the next ``up`` makes a second one. The native plugin gets the URN from the engine; the
engine tells a dynamic provider none, so the dynamic workload resources send their own as an
input (``stack.dynamic_adapter.URN_KEY``). Both hand it over as ``Context.urn``, used three ways:

1. **Owner tag.** Every object it creates carries the tag ``OWNER_TAG`` = ``owner_value(urn)``:
   the first 32 hex digits of the URN's SHA-256 (a URN can exceed TI-ONE's 255-character tag
   values and holds characters tags do not allow). Refresh, import, diff and drift never show
   it; updates keep it; a program may not declare that key itself (refused at preview).
2. **Deterministic generated names.** Without an explicit ``name``, the name is
   ``<resource name>-<8 hex>`` where the hex digits are ``sha256(urn + previous name)``: the same
   URN in the same situation (no previous object, or replacing the same previous object) always
   gets the same name, so the retry of an interrupted create asks for the very name the
   interrupted one used; a replacement's name differs from the name of what it replaces.
3. **Adoption.** Before sending ``Create*``, a create looks for objects carrying its owner tag
   (``Describe*s`` with ``TagFilters``). One with the planned name whose Id is not among the ids
   the engine has shown for this URN (``Context.recorded_ids``: the old object of a replacement
   is always shown in the Diff first) is the interrupted create's: it is adopted (then waited for
   like a new one) instead of creating a second. A replacement never adopts the object it
   replaces: that one has another name (2.), or, when the name is explicit and unchanged, is
   deleted before the replacement is created (names are unique), and its id is recorded anyway.
   Other owned, unrecorded objects (a leftover whose program changed its explicit name since) are
   reported in the log, never adopted or deleted silently.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from typing import Any

from pulumi_tione.workloads.ops import Kind, Workloads

from .imports import OWNER_TAG
from .results import Context

__all__ = ["OWNER_TAG", "find_leftover", "name_seed", "owner_value", "with_owner"]

log = logging.getLogger("pulumi_tione.native")


def owner_value(urn: str) -> str:
    """The ``OWNER_TAG`` value of the resource ``urn``."""
    return hashlib.sha256(urn.encode()).hexdigest()[:32]


def name_seed(urn: str, previous: str | None) -> str:
    """The 8 hex digits of a generated name for ``urn`` replacing ``previous`` (None: no object)."""
    return hashlib.sha256(f"{urn}\n{previous or ''}".encode()).hexdigest()[:8]


def with_owner(tags: Mapping[str, str] | None, ctx: Context) -> dict[str, str] | None:
    """``tags`` plus the owner tag when the URN is known (the native plugin)."""
    if not ctx.urn:
        return dict(tags) if tags is not None else None
    return {**(tags or {}), OWNER_TAG: owner_value(ctx.urn)}


def find_leftover(workloads: Workloads, kind: Kind, name: str, ctx: Context) -> str | None:
    """The Id of this URN's interrupted create named ``name``, to adopt (see the docstring)."""
    if not ctx.urn:
        return None
    owned = workloads.find_tagged(kind, OWNER_TAG, owner_value(ctx.urn))
    unrecorded = [o for o in owned if str(o.get("Id") or "") not in ctx.recorded_ids]
    mine = [o for o in unrecorded if o.get("Name") == name and _alive(o)]
    others = [o for o in unrecorded if o not in mine]
    if others:
        log.warning("%s objects tagged for %s that no state records: %s", kind.label, ctx.urn,
                    ", ".join(f"{o.get('Id')} ({o.get('Name')})" for o in others))
    if not mine:
        return None
    found = str(mine[0].get("Id") or "")
    log.info("adopting %s %s (%s): created for %s by a create that was interrupted", kind.label,
             found, name, ctx.urn)
    return found or None


def _alive(item: Mapping[str, Any]) -> bool:
    return str(item.get("Status") or "") not in ("Deleting", "DELETING")
