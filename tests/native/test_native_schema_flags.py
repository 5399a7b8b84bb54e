"""The schema's secret and replace flags come from ``workloads.fields`` for every type, including
the structs whose Python class is named unlike the API's struct (``CfsConfig`` for ``CFSConfig``):
a model is matched to its definition by the API struct it records, never by its class name."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic.alias_generators import to_camel

from pulumi_tione.core.tokens import native_token
from pulumi_tione.native import schema
from pulumi_tione.workloads import fields
from pulumi_tione.workloads.fields import KINDS, STRUCTS, Member


def _secret(m: Member) -> bool:
    return m.secret and not m.struct and m.type != "Image"


@pytest.fixture
def fresh_schema() -> Iterator[None]:
    """The schema rebuilt from the (possibly patched) definitions, and rebuilt again afterwards."""
    schema._build.cache_clear()
    yield
    schema._build.cache_clear()


def test_every_struct_member_flag_reaches_its_object_type() -> None:
    types = schema.package_schema()["types"]
    for struct in STRUCTS.values():
        tok = native_token(struct.model_name)
        if tok not in types:  # structs only the dynamic resources take (none today)
            continue
        props = types[tok]["properties"]
        for m in struct.members:
            assert props[to_camel(m.name)].get("secret", False) is _secret(m), (tok, m.name)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_argument_flag_reaches_its_resource(kind: str) -> None:
    inputs = schema.package_schema()["resources"][native_token(kind)]["inputProperties"]
    for m in KINDS[kind].members:
        if m.name in schema.DYNAMIC_ONLY:
            continue
        spec: dict[str, Any] = inputs[to_camel(m.name)]
        assert spec.get("willReplaceOnChanges", False) is (m.replaces == "always"), m.name
        assert spec.get("secret", False) is _secret(m), m.name


def test_a_flag_on_a_renamed_struct_is_not_dropped(
    fresh_schema: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfs = STRUCTS["CFSConfig"]
    assert cfs.model_name == "CfsConfig"
    marked = dataclasses.replace(cfs, members=tuple(
        dataclasses.replace(m, secret=True) if m.name == "path" else m for m in cfs.members))
    monkeypatch.setitem(fields.STRUCTS, "CFSConfig", marked)
    props = schema.package_schema()["types"][native_token("CfsConfig")]["properties"]
    assert props["path"].get("secret") is True
    assert "secret" not in props["id"]
