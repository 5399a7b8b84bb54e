"""The ``tione`` package schema: Pulumi's package-schema structure, generated from the models.

The structural rules are those of Pulumi's metaschema (``pkg/codegen/schema/pulumi.json`` of
pulumi/pulumi: top-level keys, token pattern, the five kinds of type reference, property,
object, resource and function specs), checked here by hand. Beyond structure: every ``$ref``
resolves, every property is typed and described, required names exist, the secrets are marked,
and the schema is made from the argument models (a field added to a model appears in it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from pydantic.alias_generators import to_camel

from pulumi_tione.core.config import SETTINGS
from pulumi_tione.emulator import Emulator
from pulumi_tione.images.models import ImageFilter, ImageQuery
from pulumi_tione.native import package_schema
from pulumi_tione.native.schema import DYNAMIC_ONLY, property_names
from pulumi_tione.workloads.models import NotebookSpec, TrainingTaskSpec
from tests.native.conftest import PluginFactory

TOKEN = re.compile(r"^[a-zA-Z][-a-zA-Z0-9_]*:([^0-9][a-zA-Z0-9._/-]*)?:[^0-9][a-zA-Z0-9._/-]*$")
SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
TOP_LEVEL = {"name", "displayName", "version", "description", "keywords", "homepage", "license",
             "attribution", "repository", "logoUrl", "pluginDownloadURL", "configurationDocsUrl",
             "validateCredentialsOnNew", "publisher", "namespace", "meta", "config", "types",
             "dependencies", "provider", "resources", "functions", "language", "parameterization",
             "allowedPackageNames"}
PRIMITIVES = {"boolean", "integer", "number", "string"}
PROPERTY_KEYS = {"type", "items", "additionalProperties", "$ref", "oneOf", "discriminator", "plain",
                 "description", "const", "default", "defaultInfo", "deprecationMessage", "language",
                 "secret", "replaceOnChanges", "willReplaceOnChanges"}
SCHEMA = package_schema()


def check_type_ref(spec: Mapping[str, Any], where: str) -> None:
    """One of Pulumi's five type references (primitive, array, map, named, union), nothing else."""
    has = {k for k in ("items", "additionalProperties", "$ref", "oneOf") if k in spec}
    kind = spec.get("type")
    if "$ref" in spec:
        assert has == {"$ref"}, where
        ref = spec["$ref"]
        if ref.startswith("#/types/"):
            assert ref[len("#/types/"):] in SCHEMA["types"], f"{where}: dangling {ref}"
        else:
            assert ref in ("pulumi.json#/Any", "pulumi.json#/Archive", "pulumi.json#/Asset"), where
    elif "oneOf" in spec:
        assert has == {"oneOf"}, where
        assert kind is None or kind in PRIMITIVES, where
        assert len(spec["oneOf"]) >= 2, where
        for i, member in enumerate(spec["oneOf"]):
            check_type_ref(member, f"{where}.oneOf[{i}]")
        if "discriminator" in spec:
            disc = spec["discriminator"]
            assert isinstance(disc["propertyName"], str), where
            assert disc["propertyName"]
            assert set(disc) <= {"propertyName", "mapping"}, where
            refs = {m["$ref"] for m in spec["oneOf"]}
            assert set(disc.get("mapping", {}).values()) <= refs, where
    elif kind == "array":
        assert has == {"items"}, where
        check_type_ref(spec["items"], f"{where}.items")
    elif kind == "object":
        assert has <= {"additionalProperties"}, where
        if "additionalProperties" in spec:
            check_type_ref(spec["additionalProperties"], f"{where}.additionalProperties")
    else:
        assert kind in PRIMITIVES, f"{where}: type {kind!r}"
        assert not has, where


def check_property(spec: Mapping[str, Any], where: str) -> None:
    assert set(spec) <= PROPERTY_KEYS, f"{where}: {set(spec) - PROPERTY_KEYS}"
    check_type_ref(spec, where)
    assert isinstance(spec.get("description"), str), f"{where} has no description"
    assert spec["description"].strip(), f"{where} has no description"
    if "secret" in spec:
        assert isinstance(spec["secret"], bool), where


def check_object(spec: Mapping[str, Any], where: str, props_key: str = "properties",
                 required_key: str = "required") -> None:
    assert isinstance(spec.get(props_key, {}), dict), where
    for name, prop in spec.get(props_key, {}).items():
        check_property(prop, f"{where}.{name}")
    for name in spec.get(required_key, []):
        assert name in spec.get(props_key, {}), f"{where}: required {name!r} is not a property"


def all_properties() -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for tok, res in SCHEMA["resources"].items():
        for group in ("inputProperties", "properties"):
            for name, prop in res[group].items():
                yield tok, name, prop
    for tok, fn in SCHEMA["functions"].items():
        for group in ("inputs", "outputs"):
            for name, prop in fn[group]["properties"].items():
                yield tok, name, prop
    for tok, typ in SCHEMA["types"].items():
        for name, prop in typ["properties"].items():
            yield tok, name, prop


def test_the_document_has_pulumis_package_structure() -> None:
    assert set(SCHEMA) <= TOP_LEVEL
    assert re.fullmatch(r"[a-zA-Z][-a-zA-Z0-9_]*", SCHEMA["name"])
    assert SCHEMA["name"] == "tione"
    assert SEMVER.match(SCHEMA["version"])
    assert set(SCHEMA["meta"]) <= {"moduleFormat", "supportPack"}
    re.compile(SCHEMA["meta"]["moduleFormat"])
    assert set(SCHEMA["config"]) <= {"variables", "defaults"}
    for kind in ("types", "resources", "functions"):
        for tok in SCHEMA[kind]:
            assert TOKEN.match(tok), tok
    for tok, typ in SCHEMA["types"].items():
        assert typ["type"] == "object", tok
        assert set(typ) <= {"type", "description", "properties", "required", "language", "isOverlay"}, tok
        check_object(typ, tok)
    for tok, res in SCHEMA["resources"].items():
        allowed = {"description", "properties", "required", "inputProperties", "requiredInputs",
                   "stateInputs", "aliases", "deprecationMessage", "isComponent", "methods", "language"}
        assert set(res) <= allowed, tok
        check_object(res, f"{tok} outputs")
        check_object(res, f"{tok} inputs", "inputProperties", "requiredInputs")
    for tok, fn in SCHEMA["functions"].items():
        assert set(fn) <= {"description", "inputs", "outputs", "deprecationMessage", "language"}, tok
        check_object(fn["inputs"], f"{tok} inputs")
        check_object(fn["outputs"], f"{tok} outputs")
    check_object(SCHEMA["provider"], "provider inputs", "inputProperties", "requiredInputs")
    for name, prop in SCHEMA["config"]["variables"].items():
        check_property(prop, f"config.{name}")


def test_the_package_has_the_five_resources_and_two_functions() -> None:
    assert set(SCHEMA["resources"]) == {f"tione:index:{n}" for n in
                                        ("PlatformImage", "PlatformImages", "Notebook", "TrainingTask",
                                         "ModelService")}
    assert set(SCHEMA["functions"]) == {"tione:index:getPlatformImage", "tione:index:getPlatformImages"}


def test_config_is_every_setting_with_the_credentials_secret() -> None:
    variables = SCHEMA["config"]["variables"]
    assert {f"tione:{k}" for k in variables} == {s.native for s in SETTINGS}
    assert {"region", "secretId", "secretKey", "securityToken", "endpoint", "workspace",
            "maxRequestsPerSecond"} <= set(variables)
    assert {k for k, v in variables.items() if v.get("secret")} == {"secretId", "secretKey", "securityToken"}
    assert variables["maxRequestsPerSecond"]["type"] == "number"
    assert SCHEMA["provider"]["inputProperties"] == variables


@pytest.mark.parametrize(("token", "model"), [
    ("tione:index:PlatformImage", ImageQuery), ("tione:index:PlatformImages", ImageFilter),
    ("tione:index:Notebook", NotebookSpec), ("tione:index:TrainingTask", TrainingTaskSpec),
    ("tione:index:getPlatformImage", ImageQuery), ("tione:index:getPlatformImages", ImageFilter),
])
def test_inputs_are_the_models_fields_in_camel_case(token: str, model: type[Any]) -> None:
    spec = SCHEMA["resources"].get(token) or SCHEMA["functions"][token]["inputs"]
    inputs = spec.get("inputProperties", spec.get("properties"))
    expected = {to_camel(n) for n in model.model_fields if n not in DYNAMIC_ONLY}
    assert expected <= set(inputs)
    assert set(inputs) - expected <= {"policy"}
    required = spec.get("requiredInputs", spec.get("required"))
    assert set(required) == {to_camel(n) for n, f in model.model_fields.items() if f.is_required()}
    for name, field in model.model_fields.items():
        if field.description and name not in DYNAMIC_ONLY:
            assert inputs[to_camel(name)]["description"].startswith(field.description.rstrip("."))


def test_descriptions_and_types_follow_the_model_declarations() -> None:
    nb = SCHEMA["resources"]["tione:index:Notebook"]["inputProperties"]
    assert nb["volumeSizeInGb"]["type"] == "integer"
    assert "multiple of 10" in nb["volumeSizeInGb"]["description"]
    assert nb["chargeType"]["willReplaceOnChanges"] is True
    assert "willReplaceOnChanges" not in nb["volumeSizeInGb"]  # only a smaller one replaces
    assert nb["chargeType"]["type"] == "string"
    assert "`POSTPAID_BY_HOUR`" in nb["chargeType"]["description"]
    assert nb["tags"] == {"type": "object", "additionalProperties": {"type": "string"},
                          "description": nb["tags"]["description"]}
    assert nb["resourceConf"]["$ref"] == "#/types/tione:index:ResourceConf"
    image = nb["image"]
    assert image["discriminator"]["propertyName"] == "kind"
    assert set(image["discriminator"]["mapping"]) == {"platform", "custom"}
    image_out = SCHEMA["resources"]["tione:index:PlatformImage"]
    assert image_out["inputProperties"]["imageRange"]["type"] == "string"
    assert image_out["properties"]["imageRange"] == {**image_out["properties"]["imageRange"],
                                                    "type": "array", "items": {"type": "string"}}
    assert "timeouts" not in nb


def test_secret_fields_are_marked_secret() -> None:
    marked = {(tok, name) for tok, name, prop in all_properties() if prop.get("secret")}
    assert ("tione:index:ImageSecret", "password") in marked
    assert ("tione:index:EnvVar", "value") in marked
    assert ("tione:index:ImageSecret", "username") in marked  # workloads.fields: secret material
    assert not any(name == "image" for _, name in marked)  # a platform image is no secret


def test_camel_case_names_round_trip_for_every_declared_property() -> None:
    names = property_names()
    for tok, name, _ in all_properties():
        snake = names.to_snake[tok][name]
        assert names.to_camel[tok][snake] == name


def test_get_schema_serves_the_generated_document(plugin_factory: PluginFactory, emu: Emulator) -> None:
    plugin = plugin_factory(emu, configure=False)
    assert plugin.client.schema() == json.loads(json.dumps(SCHEMA))


def test_the_docs_table_lists_every_setting() -> None:
    text = (Path(__file__).parents[2] / "docs" / "native-provider.md").read_text()
    rows = re.findall(r"^\| `(tione:[A-Za-z]+)`( \(secret\))? \|", text, flags=re.M)
    assert [(key, bool(flag)) for key, flag in rows] == [(s.native, s.secret) for s in SETTINGS]


def test_model_service_outputs_its_ids_and_call_info_with_the_credentials_secret() -> None:
    service = SCHEMA["resources"]["tione:index:ModelService"]
    props = service["properties"]
    assert {"serviceId", "groupId", "version", "callInfo", "authToken", "appKey", "appSecret"} <= set(props)
    assert all(props[p].get("secret") for p in ("authToken", "appKey", "appSecret"))
    assert not props["callInfo"].get("secret")
    inputs = service["inputProperties"]
    assert inputs["env"]["items"]["$ref"] == "#/types/tione:index:EnvVar"
    assert SCHEMA["types"]["tione:index:EnvVar"]["properties"]["value"].get("secret")
    assert inputs["deployType"]["willReplaceOnChanges"]
    assert not inputs["replicas"].get("willReplaceOnChanges")
    assert not inputs["authorizationEnable"].get("willReplaceOnChanges")
    assert service["requiredInputs"] == ["image", "chargeType"]
    assert "Inference" in service["description"]
