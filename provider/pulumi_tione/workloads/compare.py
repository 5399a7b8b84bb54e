"""Live against declared, and old against new: the comparisons behind refresh, drift and diff.

All of it is derived from ``workloads.fields`` and works on plain snake_case data (checked
arguments as recorded in state), so the provider and ``tione-images drift`` share it and the
latter needs neither ``pulumi`` nor ``grpc``:

- ``from_api`` reads a ``Describe*`` member back into the argument's shape, keeping only the
  struct members that were declared (TI-ONE fills in the rest, e.g. the cpu/memory of an
  ``instance_type``), at every depth (``data_configs``, ``ssh_config``, ...);
- ``live_changes`` lists the declared settings the live object no longer has — every argument
  the definitions mark ``reported``; tags are compared even when none were declared (TI-ONE's
  own ``qcs:`` tags are left out);
- ``changed_arguments``/``replaced_arguments``: what a diff changes, and which of those changes
  replace the object (``Member.replaces``);
- ``norm`` is what "equal" means: None, ``""``, ``0``, empty lists and objects are all "unset"
  (the API reports unset that way), whole floats (the engine's numbers) are ints;
- ``shown`` prints a value as the user wrote it (``50``, not ``50.0``).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from .fields import STRUCTS, Member, WorkloadFields

__all__ = ["CREATE_TAG", "OWNER_TAG", "PROVIDER_TAGS", "changed_arguments", "from_api", "live_changes",
           "live_tags", "norm", "refreshed",
           "replaced_arguments", "shown"]

OWNER_TAG = "pulumi-tione-owner"
"""Tag key the native plugin puts on what it creates (the value ties the object to its URN,
``core.ownership``): the provider's, never a user's setting, so never compared."""
CREATE_TAG = "pulumi-tione-create"
"""Tag key of the one-off token a ``ModelService`` create carries (``workloads.services``): the
client token CreateModelService lacks, by which a create whose answer was lost is found again."""
PROVIDER_TAGS = (OWNER_TAG, CREATE_TAG)
"""The provider's own tag keys: never compared, imported or declared by a program."""


def norm(value: Any) -> Any:
    """``value`` without what the API reports for "unset": None, "", 0, empty lists and objects."""
    if isinstance(value, dict):
        items = {k: norm(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v is not None} or None
    if isinstance(value, list | tuple):
        return [norm(v) for v in value] or None
    if value == "" or (isinstance(value, int | float) and not isinstance(value, bool) and value == 0):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _plain_numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def shown(value: Any) -> str:
    """``value`` for a message: JSON-like, whole numbers without ``.0`` (as the user wrote them)."""
    value = _plain_numbers(value)
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def from_api(type_: str, live: Any, declared: Any) -> Any:
    """The live API value of ``type_`` in the argument's shape, limited to what ``declared`` sets."""
    if live is None:
        return None
    if type_.startswith("["):
        if not isinstance(live, list):
            return live
        template = declared if isinstance(declared, list) else []
        return [from_api(type_[1:-1], item, template[i] if i < len(template) else None)
                for i, item in enumerate(live)]
    struct = STRUCTS.get(type_)
    if struct is None or not isinstance(live, Mapping):
        return live
    out: dict[str, Any] = {}
    for m in struct.members:
        if m.api is None or m.api not in live:
            continue
        if isinstance(declared, Mapping) and m.name not in declared:
            continue
        value = from_api(m.type, live[m.api], declared.get(m.name) if isinstance(declared, Mapping) else None)
        if value not in (None, ""):
            out[m.name] = value
    return out


def live_tags(value: Any) -> dict[str, str] | None:
    """User tags from a live ``Tags`` list (TI-ONE's own ``qcs:`` tags and ``PROVIDER_TAGS`` left out)."""
    if not isinstance(value, list):
        return None
    tags = {str(t.get("TagKey")): str(t.get("TagValue") or "") for t in value if isinstance(t, dict)}
    return {k: v for k, v in tags.items() if not k.startswith("qcs:") and k not in PROVIDER_TAGS} or None


def _live(m: Member, declared: Mapping[str, Any], detail: Mapping[str, Any]) -> tuple[bool, Any]:
    """(whether the detail says anything about ``m``, its live value in the argument's shape)."""
    if not m.reported or m.api is None or m.api not in detail:
        return False, None
    if m.name == "tags":
        return True, live_tags(detail["Tags"]) or {}
    if declared.get(m.name) is None:
        return False, None
    return True, from_api(m.type, detail[m.api], declared[m.name])


def live_changes(
    fields: WorkloadFields, declared: Mapping[str, Any], detail: Mapping[str, Any]
) -> dict[str, Any]:
    """Every declared (reported) argument whose live value differs: name -> the live value."""
    changes: dict[str, Any] = {}
    for m in fields.members:
        known, live = _live(m, declared, detail)
        if known and norm(live) != norm(declared.get(m.name)):
            changes[m.name] = live
    return changes


def changed_arguments(
    fields: WorkloadFields, olds: Mapping[str, Any], news: Mapping[str, Any], unknown: Collection[str] = ()
) -> list[str]:
    """The arguments whose value differs between ``olds`` and ``news`` (unknown ones left out)."""
    del fields  # every argument counts, including ones a newer version no longer defines
    return sorted(k for k in olds.keys() | news.keys()
                  if k not in unknown and norm(olds.get(k)) != norm(news.get(k)))


def replaced_arguments(
    fields: WorkloadFields, olds: Mapping[str, Any], news: Mapping[str, Any], changed: Collection[str],
    unknown: Collection[str] = (),
) -> list[str]:
    """Which of the ``changed`` (and ``unknown``) arguments replace the object (``Member.replaces``)."""
    out: list[str] = []
    for key in {*changed, *unknown}:
        try:
            m = fields.member(key)
        except KeyError:
            continue
        if m.replaces == "always":
            out.append(key)
        elif m.replaces == "shrink" and key not in unknown:
            old, new = norm(olds.get(key)), norm(news.get(key))
            if isinstance(old, int) and isinstance(new, int) and new < old:
                out.append(key)
    return sorted(out)


def refreshed(
    fields: WorkloadFields, running: Mapping[str, bool], declared: Mapping[str, Any],
    detail: Mapping[str, Any],
) -> dict[str, Any]:
    """``declared`` with what ``detail`` says changed, and ``running`` as a stable status says."""
    doc = {**declared, **live_changes(fields, declared, detail)}
    status = str(detail.get("Status") or "")
    if status in running:
        doc["running"] = running[status]
    return {k: v for k, v in doc.items() if v is not None}
