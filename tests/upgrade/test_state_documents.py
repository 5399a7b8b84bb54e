"""``stack.state``: the versioned state documents, read from 0.1.0's fixture and from the current writer."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import pytest

from pulumi_tione.errors import InvalidQueryError, InvalidStateError
from pulumi_tione.images.models import ImageFilter, ImageQuery
from pulumi_tione.stack import state
from pulumi_tione.stack.state import (
    IMAGE_TYPE,
    IMAGES_TYPE,
    SCHEMA_VERSION,
    VERSION_KEY,
    ImageArguments,
    PlatformImageDocument,
    PlatformImagesDocument,
)
from tests.upgrade.upgrade_support import Recorded, by_name, recorded

PROVIDER_KEY = "__provider"


def document_of(res: Recorded) -> type[state.ImageDocument]:
    return PlatformImageDocument if res.cls == "PlatformImage" else PlatformImagesDocument


def test_every_kind_is_registered_by_type_token() -> None:
    assert state.document_class(IMAGE_TYPE) is PlatformImageDocument
    assert state.document_class(IMAGES_TYPE) is PlatformImagesDocument
    assert state.document_class("pulumi-python:dynamic/other:Thing") is None
    assert set(state.registered()) >= {IMAGE_TYPE, IMAGES_TYPE}


@pytest.mark.parametrize("res", recorded(), ids=lambda r: r.name)
def test_0_1_0_documents_read_as_schema_1(res: Recorded) -> None:
    for props in (res.inputs, res.outputs):
        doc = document_of(res).read(props)
        assert doc is not None
        assert (doc.version, doc.region) == (1, res.region)
        assert doc.query == res.outputs["query"]


@pytest.mark.parametrize("res", recorded(), ids=lambda r: r.name)
def test_the_writer_records_0_1_0_s_query_document_for_the_same_arguments(res: Recorded) -> None:
    args = document_of(res).parse_arguments(res.arguments)
    assert args.document() == res.outputs["query"]


@pytest.mark.parametrize("res", recorded(), ids=lambda r: r.name)
def test_0_1_0_pins_compare_equal_to_the_same_arguments_now(res: Recorded) -> None:
    doc = document_of(res).read(res.inputs)
    assert doc is not None
    args = document_of(res).parse_arguments(res.arguments)
    assert doc.same_pin(args, res.region)
    assert not doc.same_pin(args, "ap-beijing")


@pytest.mark.parametrize("res", recorded(), ids=lambda r: r.name)
def test_carried_documents_are_current_schema_with_the_same_outputs(res: Recorded) -> None:
    doc = document_of(res).read(res.outputs)
    assert doc is not None
    carried = doc.carried(document_of(res).parse_arguments(res.arguments)).props()
    assert carried[VERSION_KEY] == SCHEMA_VERSION
    assert not doc.differs(document_of(res).read(carried))  # type: ignore[arg-type]
    old = {k: v for k, v in res.outputs.items() if k not in (PROVIDER_KEY, "count")}
    assert {k: v for k, v in carried.items() if k not in (VERSION_KEY, "count")} == old


def test_outputs_own_their_names_and_query_records_the_arguments() -> None:
    res = by_name("by-name")
    doc = PlatformImageDocument.read(res.outputs)
    assert doc is not None
    props = doc.carried(PlatformImageDocument.parse_arguments(res.arguments)).props()
    assert props["image_range"] == ["Notebook", "Train"]
    assert props["query"]["image_range"] == "Train"
    assert (props["name"], props["policy"], props["select"]) == (res.arguments["name"], "pin", "unique")
    newest = PlatformImageDocument.read(by_name("newest").outputs)
    assert newest is not None
    assert (newest.resolved["framework"], newest.query["framework"]) == ("PYTORCH", "pytorch")


class _ExtendedQuery(ImageQuery):
    """A later version's query model: one more argument, with a default."""

    cuda_major: int | None = None
    strictness: Literal["exact", "loose"] = "exact"


class _ExtendedDocument(PlatformImageDocument):
    query_model: ClassVar[type[ImageFilter]] = _ExtendedQuery


def test_a_new_argument_with_a_default_does_not_move_a_0_1_0_pin() -> None:
    res = by_name("by-name")
    doc = _ExtendedDocument.read(res.inputs)
    assert doc is not None
    args = _ExtendedDocument.parse_arguments(res.arguments)
    assert args.query.model_dump()["strictness"] == "exact"
    assert doc.same_pin(args, res.region)
    assert not doc.same_pin(_ExtendedDocument.parse_arguments({**res.arguments, "strictness": "loose"}),
                            res.region)


def test_a_new_argument_with_a_default_does_not_move_a_current_pin() -> None:
    args = PlatformImageDocument.parse_arguments({"name": "x", "gpu": "A100"})
    written = PlatformImageDocument(args.document(), "ap-guangzhou", {"image_id": "img-1"}).props()
    doc = _ExtendedDocument.read(written)
    assert doc is not None
    assert doc.same_pin(_ExtendedDocument.parse_arguments({"name": "x", "gpu": "A100"}), "ap-guangzhou")


@pytest.mark.parametrize(("given", "expected"), [
    ({"name": "x"}, {"name": "x"}),
    ({"name": "x", "select": "unique", "policy": "pin"}, {"name": "x"}),
    ({"name": "x", "select": None, "policy": None, "gpu": None}, {"name": "x"}),
    ({"name": "x", "image_range": "train"}, {"name": "x", "image_range": "Train"}),
    ({"name": "x", "policy": "track"}, {"name": "x", "policy": "track"}),
    ({"name": " x ", "policy": " pin "}, {"name": "x"}),
    ({"name": "x", "select": "highest_version"}, {"name": "x", "select": "highest_version"}),
    ({"name": "x", "support_data_pipeline": False}, {"name": "x", "support_data_pipeline": False}),
])
def test_given_arguments_are_normalized(given: dict[str, Any], expected: dict[str, Any]) -> None:
    assert PlatformImageDocument.parse_arguments(given).given() == expected


def test_policy_is_validated_with_the_other_arguments_and_never_reaches_the_query() -> None:
    with pytest.raises(InvalidQueryError) as info:
        PlatformImageDocument.parse_arguments({"name": "", "policy": "always"})
    problems = {p.argument: p.message for p in info.value.problems}
    assert set(problems) == {"name", "policy"}
    assert "'pin'" in problems["policy"]
    assert "'track'" in problems["policy"]
    assert "got 'always'" in problems["policy"]
    with pytest.raises(InvalidQueryError, match="got int 1"):
        PlatformImagesDocument.parse_arguments({"policy": 1})
    args = PlatformImagesDocument.parse_arguments({"framework": "SPARK", "policy": "track"})
    assert args == ImageArguments(ImageFilter.parse({"framework": "SPARK"}), "track")
    assert "policy" not in args.query.model_dump()


@pytest.mark.parametrize("props", [
    {},
    {"name": "x"},
    {"name": "x", "image_id": "img-1"},
    {"query": "not a mapping", "image_id": "img-1", "region": "ap-guangzhou"},
    {"query": {"name": "x"}, "region": "ap-guangzhou"},
])
def test_props_without_a_resolved_image_read_as_none(props: dict[str, Any]) -> None:
    assert PlatformImageDocument.read(props) is None


def test_the_region_falls_back_to_the_query_argument() -> None:
    doc = PlatformImageDocument.read({"query": {"name": "x", "region": "ap-shanghai"}, "image_id": "img-1"})
    assert doc is not None
    assert doc.region == "ap-shanghai"
    assert state.recorded_region({}, {}, {"region": "ap-beijing"}) == "ap-beijing"
    assert state.recorded_region({"region": "ap-hongkong"}, {"region": "ap-shanghai"}) == "ap-hongkong"


@pytest.mark.parametrize(("version", "readable"), [(1, True), (2, True), (2.0, True), (3, False),
                                                   ("2", False), (0, False), (True, False)])
def test_schema_versions(version: object, readable: bool) -> None:
    props = {"query": {"name": "x"}, "image_id": "img-1", "region": "ap-guangzhou", VERSION_KEY: version}
    if readable:
        doc = PlatformImageDocument.read(props)
        assert doc is not None
        assert doc.version == int(version)  # type: ignore[call-overload]
    else:
        with pytest.raises(InvalidStateError, match=f"{VERSION_KEY}|newer pulumi-tione"):
            PlatformImageDocument.read(props)


def test_a_newer_schema_asks_to_upgrade() -> None:
    props = {"query": {"name": "x"}, "image_id": "img-1", "region": "ap-guangzhou", VERSION_KEY: 9}
    with pytest.raises(InvalidStateError, match="upgrade pulumi-tione"):
        PlatformImageDocument.read(props)


def test_recorded_query_of_an_export() -> None:
    res = by_name("notebooks")
    assert state.recorded_query(PlatformImagesDocument, res.inputs, res.outputs) == res.outputs["query"]
    assert state.recorded_query(PlatformImagesDocument, res.inputs, {}) == res.inputs["query"]
    args_only = {"framework": "SPARK", "policy": "track", PROVIDER_KEY: "x", "gpu": None}
    assert state.recorded_query(PlatformImagesDocument, args_only, {}) == {"framework": "SPARK",
                                                                           "policy": "track"}
    resolved_without_query = {k: v for k, v in res.inputs.items() if k != "query"}
    assert state.recorded_query(PlatformImagesDocument, resolved_without_query, {}) is None
