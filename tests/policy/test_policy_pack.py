"""The example pack as the CLI sees it, and ``tione-images-pinned``, through the real analyzer."""

from __future__ import annotations

import json

import grpc
import pytest
from google.protobuf import json_format
from pulumi.runtime.proto import analyzer_pb2

from pulumi_tione.policy import (
    AUTO_STOP,
    IMAGE_TYPE,
    IMAGES_PINNED,
    IMAGES_TYPE,
    REQUIRED_TAGS,
    SERVICE_IDLE_COST,
    WORKLOAD_IMAGE_PINNED,
    WORKLOAD_IMAGE_SOURCE,
    policies,
)
from tests.support.analyzer import PACK, UNKNOWN, AnalyzerClient

NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"


def test_the_pack_describes_every_policy_with_its_level_and_config_schema(analyzer: AnalyzerClient) -> None:
    info = analyzer.info()
    assert info.name == "tione-guardrails"
    assert info.supportsConfig
    levels = {p.name: p.enforcementLevel for p in info.policies}
    assert levels == {
        IMAGES_PINNED: analyzer_pb2.MANDATORY, WORKLOAD_IMAGE_SOURCE: analyzer_pb2.MANDATORY,
        WORKLOAD_IMAGE_PINNED: analyzer_pb2.ADVISORY, AUTO_STOP: analyzer_pb2.MANDATORY,
        REQUIRED_TAGS: analyzer_pb2.ADVISORY, SERVICE_IDLE_COST: analyzer_pb2.ADVISORY,
    }
    kinds = {p.name: p.policy_type for p in info.policies}
    assert kinds[WORKLOAD_IMAGE_PINNED] == analyzer_pb2.POLICY_TYPE_STACK
    assert {kinds[n] for n in levels if n != WORKLOAD_IMAGE_PINNED} == {analyzer_pb2.POLICY_TYPE_RESOURCE}
    assert all(p.description for p in info.policies)
    assert analyzer.policy_defaults()[REQUIRED_TAGS] == {"enforcementLevel": "advisory", "requiredTags": []}
    assert analyzer.policy_defaults()[AUTO_STOP]["maxAutomaticStopTime"] == 24
    assert analyzer.policy_defaults()[SERVICE_IDLE_COST]["maxReplicas"] == 10


def test_the_example_config_file_fits_the_pack(analyzer: AnalyzerClient) -> None:
    config = json.loads((PACK / "policy-config.json").read_text())
    defaults = analyzer.policy_defaults()
    assert set(config) == set(defaults)
    for name, value in config.items():
        if isinstance(value, dict):
            assert set(value) <= set(defaults[name]) | {"enforcementLevel"}, name
    analyzer.configure(config)
    report = analyzer.analyze("pulumi-python:dynamic/tione:Notebook", "dev", {
        "image": {"kind": "platform", "image_name": NAME}, "auto_stopping": True,
        "automatic_stop_time": 13.0, "tags": {"team": "ml"}})
    found = [(f.policy, f.level) for f in report.findings]
    assert found == [(AUTO_STOP, "mandatory"), (REQUIRED_TAGS, "advisory")]


def test_the_example_pack_files_are_a_python_policy_pack() -> None:
    import yaml

    project = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    assert project["runtime"]["name"] == "python"
    requirements = (PACK / "requirements.txt").read_text().splitlines()
    assert {"-e ../..[policy]", "pulumi>=3.270,<4", "pulumi-policy>=1.18,<2"} <= set(requirements)


def test_policies_can_be_set_to_one_level() -> None:
    from pulumi_policy import EnforcementLevel

    assert {p.enforcement_level for p in policies(enforcement_level=EnforcementLevel.DISABLED)} == {
        EnforcementLevel.DISABLED}
    assert len({p.name for p in policies()}) == 6


@pytest.mark.parametrize("type_token", [IMAGE_TYPE, IMAGES_TYPE])
def test_a_tracking_image_reference_is_a_mandatory_violation(
    analyzer: AnalyzerClient, type_token: str
) -> None:
    report = analyzer.analyze(type_token, "train", {"name": NAME, "policy": "track"})
    (finding,) = report.findings
    assert finding.policy == IMAGES_PINNED
    assert finding.level == "mandatory"
    kind = type_token.rsplit(":", 1)[-1]
    assert f'{kind} "train" uses policy=\'track\'' in finding.message
    assert 'set policy="pin"' in finding.message


@pytest.mark.parametrize("props", [
    {"name": NAME},
    {"name": NAME, "policy": "pin"},
    {"name": NAME, "policy": " pin "},  # the provider strips text arguments as it checks them
    # the checked inputs the engine hands the analyzer: the resolved document with its query
    {"name": NAME, "policy": "pin", "image_id": "35551e3c", "query": {"name": NAME, "policy": "pin"}},
])
def test_pinned_image_references_pass(analyzer: AnalyzerClient, props: dict[str, object]) -> None:
    assert analyzer.analyze(IMAGE_TYPE, "train", props).findings == []


def test_other_resource_types_are_not_judged(analyzer: AnalyzerClient) -> None:
    assert analyzer.analyze("aws:s3/bucket:Bucket", "b", {"policy": "track", "tags": {}}).findings == []


def test_an_unknown_policy_at_preview_is_reported_as_not_yet_checkable(analyzer: AnalyzerClient) -> None:
    (finding,) = analyzer.analyze(IMAGE_TYPE, "train", {"name": NAME, "policy": UNKNOWN}).findings
    assert finding.policy == IMAGES_PINNED
    assert finding.level == "advisory"
    assert "can't run policy 'tione-images-pinned'" in finding.message
    assert ".policy can't be known during preview" in finding.message


@pytest.mark.parametrize(("level", "expected"), [("advisory", ["advisory"]), ("disabled", [])])
def test_enforcement_levels_come_from_the_policy_config(
    analyzer: AnalyzerClient, level: str, expected: list[str]
) -> None:
    analyzer.configure({IMAGES_PINNED: level})
    report = analyzer.analyze(IMAGE_TYPE, "train", {"name": NAME, "policy": "track"})
    assert [f.level for f in report.findings] == expected


def test_a_malformed_setting_fails_with_what_to_fix(analyzer: AnalyzerClient) -> None:
    analyzer.configure({REQUIRED_TAGS: {"requiredTags": "team"}})
    with pytest.raises(grpc.RpcError) as caught:
        analyzer.analyze("pulumi-python:dynamic/tione:Notebook", "dev", {"tags": {}})
    details = caught.value.details()
    assert "policy config tione-required-tags.requiredTags must be a list of non-empty strings" in details


def test_config_schema_is_valid_json_schema_with_defaults(analyzer: AnalyzerClient) -> None:
    for policy in analyzer.info().policies:
        schema = json_format.MessageToDict(policy.configSchema.properties)
        for key, spec in schema.items():
            assert spec["type"] in ("array", "number"), (policy.name, key)
            assert "default" in spec, (policy.name, key)
