"""The one definition of workload fields (``workloads.fields``) held to everything else.

- tccli's ``api.json``: every member of CreateNotebook, ModifyNotebook and CreateTrainingTask,
  top level and nested, is an argument (same API name, same type) or listed in NOT_ARGUMENTS;
- the generated files (``workloads/_generated.py``, ``stack/workload_resources.py``,
  ``docs/arguments.md``) are what ``workloads.codegen`` makes of the definitions now;
- the pydantic models: the same fields, serialised under the same API names, required alike,
  with the definitions' descriptions, enums and bounds, each model knowing its definition by the
  API's struct name (never its class name);
- the resource classes: ``Notebook``/``TrainingTask`` take exactly the defined arguments;
- the prose that says what replaces what names every argument that does.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.stack.resources import Notebook, TrainingTask
from pulumi_tione.workloads import codegen, fields
from pulumi_tione.workloads.fields import (
    KINDS,
    MODEL_SERVICE,
    NOT_ARGUMENTS,
    NOTEBOOK,
    STRUCTS,
    TRAINING_TASK,
    Member,
)
from pulumi_tione.workloads.models import SPEC_MODELS, STRUCT_MODELS, definition

ROOT = Path(__file__).resolve().parents[2]
_SCALARS = {"string": "string", "bool": "boolean", "int64": "integer", "uint64": "integer"}
_OUR_STRUCT = {"ImageInfo": "CustomImage"}


@cache
def api() -> dict[str, Any]:
    spec = importlib.util.find_spec("tccli")
    assert spec is not None, "tccli is a test dependency"
    assert spec.origin is not None
    path = Path(spec.origin).parent / "services" / "tione" / "v20211111" / "api.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _api_type(m: dict[str, Any]) -> str:
    base = _SCALARS.get(m["member"], _OUR_STRUCT.get(m["member"], m["member"]))
    return f"[{base}]" if m["type"] == "list" else base


def _uncovered(
    api_object: str, ours: tuple[Member, ...], where: str, seen: set[tuple[str, str]]
) -> list[str]:
    """Members of ``api_object`` neither mapped by ``ours`` nor listed (recursively)."""
    problems: list[str] = []
    by_api = {m.api: m for m in ours if m.api}
    for member in api()["objects"][api_object]["members"]:
        name = member["name"]
        listed = f"{where}.{name}" in NOT_ARGUMENTS or f"{api_object}.{name}" in NOT_ARGUMENTS
        ours_m = by_api.get(name)
        if ours_m is None:
            if not listed:
                problems.append(f"{where}.{name} ({api_object}.{name}) is neither an argument nor listed")
            continue
        expected = _api_type(member)
        if ours_m.type != expected and not (ours_m.type == "Image" and expected == "CustomImage") \
                and not (ours_m.type == "{string}" and expected == "[Tag]"):
            problems.append(f"{where}.{name}: ours is {ours_m.type}, api.json says {expected}")
        nested = member["member"]
        if nested in api()["objects"] and nested not in ("Tag",) and (api_object, nested) not in seen:
            seen.add((api_object, nested))
            struct = STRUCTS[_OUR_STRUCT.get(nested, nested)]
            problems += _uncovered(nested, struct.members, nested, seen)
    return problems


@pytest.mark.parametrize(("action", "kind"), [("CreateNotebook", NOTEBOOK), ("ModifyNotebook", NOTEBOOK),
                                              ("CreateTrainingTask", TRAINING_TASK),
                                              ("CreateModelService", MODEL_SERVICE),
                                              ("ModifyModelService", MODEL_SERVICE)])
def test_every_request_member_is_an_argument_or_listed_with_a_reason(
    action: str, kind: fields.WorkloadFields
) -> None:
    problems = _uncovered(api()["actions"][action]["input"], kind.members, action, set())
    assert not problems, "\n".join(problems)


def test_every_listed_member_exists_in_api_json() -> None:
    objects = api()["objects"]
    for key in NOT_ARGUMENTS:
        owner, member = key.split(".")
        obj = api()["actions"][owner]["input"] if owner in api()["actions"] else owner
        assert member in {m["name"] for m in objects[obj]["members"]}, key


def test_required_members_of_api_structs_are_required_arguments() -> None:
    objects = api()["objects"]
    for name, struct in STRUCTS.items():
        if name not in objects:
            continue
        required = {m["name"] for m in objects[name]["members"] if m.get("required")}
        ours = {m.api for m in struct.members if m.required}
        assert ours == required, name


@pytest.mark.parametrize("name", sorted(STRUCT_MODELS))
def test_struct_models_match_the_definitions(name: str) -> None:
    model, struct = STRUCT_MODELS[name], STRUCTS[name]
    assert list(model.model_fields) == [m.name for m in struct.members]
    for m in struct.members:
        info = model.model_fields[m.name]
        assert info.description == m.description
        optional_value = f"{name}.{m.name}" == "EnvVar.value"
        assert info.is_required() == (m.required and m.default is None and not optional_value), m.name
        if m.api:
            assert info.serialization_alias == m.api, m.name


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=lambda k: k.kind)
def test_spec_models_match_the_definitions(kind: fields.WorkloadFields) -> None:
    model = SPEC_MODELS[kind.kind]
    assert set(model.model_fields) == set(kind.names)
    for m in kind.members:
        info = model.model_fields[m.name]
        assert info.description == m.description
        assert info.serialization_alias == (m.api or m.name), m.name
        assert info.is_required() == (m.required and m.name not in ("name",)), m.name
        if m.default is not None:
            assert info.default == m.default, m.name
        if m.struct and m.type != "Image":
            annotation = repr(info.annotation)
            assert STRUCT_MODELS[m.struct].__name__ in annotation, m.name


@pytest.mark.parametrize(("resource", "kind"), [(Notebook, NOTEBOOK), (TrainingTask, TRAINING_TASK)],
                         ids=["Notebook", "TrainingTask"])
def test_resource_signatures_take_exactly_the_defined_arguments(
    resource: type, kind: fields.WorkloadFields
) -> None:
    params = inspect.signature(resource.__init__).parameters  # type: ignore[misc]
    given = {n: p for n, p in params.items() if n not in ("self", "resource_name", "opts")}
    assert set(given) == {m.name for m in kind.members if m.name != "name_prefix"}
    required = {n for n, p in given.items() if p.default is inspect.Parameter.empty}
    assert required == {m.name for m in kind.members if m.required}


@pytest.mark.parametrize("key", sorted(codegen.GENERATED))
def test_generated_files_are_current(key: str) -> None:
    committed = codegen.GENERATED[key].read_text(encoding="utf-8")
    assert committed == codegen.generated()[key], (
        f"{codegen.GENERATED[key]} is stale: run `.venv/bin/python -m pulumi_tione.workloads.fields --write`")


def test_models_know_their_definition_by_the_api_struct_name() -> None:
    renamed = {name for name, s in STRUCTS.items() if s.model_name != name}
    assert len(renamed) == 11  # CFSConfig -> CfsConfig, CosPathInfo -> CosPath, ...
    for name, model in STRUCT_MODELS.items():
        assert model.__name__ == STRUCTS[name].model_name
        assert definition(model) is STRUCTS[name]
    for kind, spec in SPEC_MODELS.items():
        assert definition(spec) is KINDS[kind]
    assert definition(dict) is None


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_the_replace_prose_names_every_argument_that_replaces(kind: fields.WorkloadFields) -> None:
    from pulumi_tione.core.services import ModelServiceCore
    from pulumi_tione.core.workloads import NotebookCore
    from pulumi_tione.stack import resources

    if len(kind.actions) == 1:
        assert "any API argument replaces" in fields.replace_prose(kind)
        return
    replacing = [m.name for m in kind.members if m.replaces != "never"]
    if kind is NOTEBOOK:
        assert "volume_source_goose_fs" in replacing
    resource = getattr(resources, kind.kind)
    for text, spelled in ((fields.replace_prose(kind), replacing),
                          (resource.__doc__ or "", replacing),
                          (codegen.markdown(), replacing)):
        assert all(f"`{name}`" in text for name in spelled), text
    core = {"Notebook": NotebookCore, "ModelService": ModelServiceCore}[kind.kind]
    camel = [n.split("_")[0] + "".join(p.title() for p in n.split("_")[1:]) for n in replacing]
    assert all(f"`{c}`" in core.description for c in camel), core.description


def test_model_service_members_modify_lacks_replace() -> None:
    """The Create members ModifyModelService lacks replace (authorization has its own action)."""
    objects = api()["objects"]
    create = {m["name"] for m in objects[api()["actions"]["CreateModelService"]["input"]]["members"]}
    modify = {m["name"] for m in objects[api()["actions"]["ModifyModelService"]["input"]]["members"]}
    lacking = create - modify
    assert len(lacking) == 13
    for m in MODEL_SERVICE.members:
        if m.api in lacking and m.api != "AuthorizationEnable":
            assert m.replaces == "always", m.name
            assert not m.modify, m.name
        elif m.api in modify and m.api != "TiProjectId":
            assert m.replaces == "never", m.name
            assert m.modify, m.name


def test_the_emulator_s_own_enums_agree_with_the_definitions() -> None:
    """The emulator stands alone (it plays TI-ONE, from TI-ONE's docs), so it does not derive its
    enums from ``fields``; this holds the two to each other instead."""
    from pulumi_tione.emulator import notebooks, training

    assert training.CHARGE_TYPES == notebooks.CHARGE_TYPES == NOTEBOOK.member("charge_type").enum
    assert TRAINING_TASK.member("charge_type").enum == training.CHARGE_TYPES
    assert STRUCTS["ResourceConfigInfo"].member("role").enum == training.ROLES
    assert TRAINING_TASK.member("training_mode").enum == training.TRAINING_MODES
