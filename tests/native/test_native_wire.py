"""``wire.struct_from_core`` marshals exactly as the SDK does (``PropertyValue.marshal_map`` of
``wire.from_core``): secrets in the engine's secret envelope (top-level marks and the schema's
secret fields, nested ones included), unknowns as the engine's sentinel, numbers as floats,
None dropped from maps and null in lists, union (``oneOf``) images by their discriminator.

Checked on every image's real checked inputs and on generated documents for every resource and
function of the schema; equality is protobuf equality plus the deterministic serialization.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import struct_pb2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.provider.experimental.property_value import PropertyValue

from pulumi_tione.core.results import UNKNOWN
from pulumi_tione.emulator import bundled_catalog
from pulumi_tione.images.models import ImageQuery, PlatformImageInfo
from pulumi_tione.native import wire
from pulumi_tione.native.schema import property_names
from pulumi_tione.stack.state import ImageArguments, PlatformImageDocument

OWNERS = ("tione:index:PlatformImage", "tione:index:PlatformImages", "tione:index:Notebook",
          "tione:index:TrainingTask", "tione:index:getPlatformImage", "tione:index:getPlatformImages")


def _sdk(owner: str, props: dict[str, Any], secret: set[str]) -> struct_pb2.Struct:
    return PropertyValue.marshal_map(wire.from_core(owner, props, secret))


def _same(owner: str, props: dict[str, Any], secret: set[str]) -> None:
    ours, theirs = wire.struct_from_core(owner, props, secret), _sdk(owner, props, secret)
    assert ours == theirs
    assert ours.SerializeToString(deterministic=True) == theirs.SerializeToString(deterministic=True)


def _snake_names() -> list[str]:
    names = property_names()
    return sorted({snake for table in names.to_camel.values() for snake in table})


SNAKE = _snake_names()
KEYS = st.one_of(st.sampled_from(SNAKE), st.sampled_from(["__schema_version", "Data", "x-y", "kind"]),
                 st.text(max_size=6))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8),
                    st.just(UNKNOWN), st.sampled_from(["platform", "custom"]))


UNION_KEYS = ("image_id", "image_secret", "key_id", "password")


def _tree(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(children, max_size=4), st.tuples(children, children),
                     st.dictionaries(KEYS, children, max_size=5),
                     st.fixed_dictionaries({"kind": st.sampled_from(["platform", "custom"])},
                                           optional=dict.fromkeys(UNION_KEYS, children)))


VALUES = st.recursive(SCALARS, _tree, max_leaves=20)


def test_every_image_document_marshals_as_the_sdk_does() -> None:
    for entry in bundled_catalog():
        image = PlatformImageInfo.model_validate(entry)
        args = ImageArguments(ImageQuery.parse({"name": image.image_name}))
        doc = PlatformImageDocument.resolved_to(image, args, "ap-guangzhou").props()
        _same("tione:index:PlatformImage", doc, set())
        _same("tione:index:PlatformImage", doc, {"query", "imageId", "extraAttributes"})


def test_secret_fields_and_unknowns_nested_in_a_workload() -> None:
    props = {"image": {"kind": "custom", "image_type": "CCR", "image_url": "r/x:1",
                       "image_secret": {"key_id": "k", "password": "p", "username": None}},
             "envs": [{"name": "A", "value": "secret-value"}, {"name": "B", "value": UNKNOWN}],
             "tags": {"team": "x", "empty": None}, "resource_conf": {}, "dependencies": [],
             "volume_size_in_gb": 50, "region": UNKNOWN}
    _same("tione:index:Notebook", props, set())
    _same("tione:index:Notebook", props, {"envs", "image", "tags"})
    ours = wire.struct_from_core("tione:index:Notebook", props)
    password = ours.fields["image"].struct_value.fields["imageSecret"].struct_value.fields["password"]
    assert password.struct_value.fields["value"].string_value == "p"  # in the secret envelope


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(owner=st.sampled_from(OWNERS), props=st.dictionaries(KEYS, VALUES, max_size=8),
       marks=st.sets(st.sampled_from(SNAKE), max_size=3))
def test_generated_documents_marshal_as_the_sdk_does(owner: str, props: dict[str, Any],
                                                     marks: set[str]) -> None:
    secret = {wire.property_name(owner, k) for k in marks} | ({next(iter(props))} if props else set())
    _same(owner, props, secret)
