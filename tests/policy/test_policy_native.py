"""The policies judge the native plugin's resources (``tione:index:*``, camelCase inputs) as they
judge the dynamic ones: the same findings, properties named as the native resource spells them.

Inputs are the dynamic tests' (``test_policy_workloads``) renamed as the engine sends a native
resource's: camelCase keys at every depth, except the keys of ``tags`` (data).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic.alias_generators import to_camel

from pulumi_tione import policy
from pulumi_tione.core import tokens
from pulumi_tione.native.schema import RESOURCES
from pulumi_tione.policy import (
    AUTO_STOP,
    IMAGES_PINNED,
    REQUIRED_TAGS,
    WORKLOAD_IMAGE_PINNED,
    WORKLOAD_IMAGE_SOURCE,
)
from pulumi_tione.workloads.fields import KINDS
from tests.policy.test_policy_workloads import NAME, PASSWORD, PLATFORM, custom, notebook, task
from tests.support.analyzer import AnalyzerClient, StackResource, urn

NOTEBOOK = tokens.native_token("Notebook")
TASK = tokens.native_token("TrainingTask")
IMAGE = tokens.native_token("PlatformImage")
IMAGES = tokens.native_token("PlatformImages")


def _camel(value: Any) -> Any:
    if isinstance(value, dict) and "value" not in value:
        return {to_camel(k): _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def native(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` as a native resource's inputs."""
    return {to_camel(k): v if k == "tags" else _camel(v) for k, v in props.items() if v is not None}


def test_the_tokens_come_from_one_table_and_cover_every_kind() -> None:
    assert tokens.KINDS == RESOURCES
    assert set(tokens.WORKLOAD_KINDS) == set(KINDS)
    assert policy.NOTEBOOK_TYPE == tokens.dynamic_token("Notebook") == "pulumi-python:dynamic/tione:Notebook"
    assert tokens.kind_of(NOTEBOOK) == tokens.kind_of(policy.NOTEBOOK_TYPE) == "Notebook"
    assert tokens.kind_of("aws:s3/bucket:Bucket") is None


@pytest.mark.parametrize(("type_token", "props"), [(NOTEBOOK, native(notebook())), (TASK, native(task()))])
def test_compliant_native_workloads_pass(
    analyzer: AnalyzerClient, type_token: str, props: dict[str, Any]
) -> None:
    assert analyzer.analyze(type_token, "w", props).findings == []


@pytest.mark.parametrize("type_token", [NOTEBOOK, TASK])
def test_a_native_custom_image_outside_the_allow_list_is_refused(
    analyzer: AnalyzerClient, type_token: str
) -> None:
    make = notebook if type_token == NOTEBOOK else task
    props = native(make(image=custom("docker.io/someone/torch:2.3")))
    assert props["image"]["imageUrl"] == "docker.io/someone/torch:2.3"
    (finding,) = analyzer.analyze(type_token, "w", props).findings
    assert finding.policy == WORKLOAD_IMAGE_SOURCE
    assert "runs the custom image 'docker.io/someone/torch:2.3'" in finding.message
    assert PASSWORD not in finding.message


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"auto_stopping": False}, "does not stop by itself (autoStopping is not true)"),
    ({"automatic_stop_time": None}, "sets autoStopping but no automaticStopTime"),
    ({"automatic_stop_time": 48.0}, "automaticStopTime=48 hours, outside 1 to 24"),
])
def test_native_notebooks_must_stop_by_themselves(
    analyzer: AnalyzerClient, overrides: dict[str, Any], expected: str
) -> None:
    (finding,) = analyzer.analyze(NOTEBOOK, "dev", native(notebook(**overrides))).findings
    assert finding.policy == AUTO_STOP
    assert expected in finding.message
    assert "set autoStopping=true and automaticStopTime=<hours, 1 to 24>" in finding.message


def test_native_required_tags(analyzer: AnalyzerClient) -> None:
    analyzer.configure({REQUIRED_TAGS: {"enforcementLevel": "mandatory",
                                        "requiredTags": ["team", "cost-center"]}})
    for type_token, props in ((NOTEBOOK, notebook()), (TASK, task())):
        (finding,) = analyzer.analyze(type_token, "w", native(props)).findings
        assert finding.policy == REQUIRED_TAGS
        assert "is missing the required tag(s) cost-center" in finding.message


@pytest.mark.parametrize("type_token", [IMAGE, IMAGES])
def test_a_tracking_native_image_reference_is_a_violation(analyzer: AnalyzerClient, type_token: str) -> None:
    (finding,) = analyzer.analyze(type_token, "img", {"name": NAME, "policy": "track"}).findings
    assert finding.policy == IMAGES_PINNED


@pytest.mark.parametrize(("deps", "violates"), [([urn(IMAGE, "img")], False), ([urn(IMAGES, "imgs")], False),
                                                ([], True)])
def test_native_workload_images_come_from_a_native_platform_image(
    analyzer: AnalyzerClient, deps: list[str], violates: bool
) -> None:
    resources = [StackResource(IMAGE, "img", {"name": NAME, "imageId": PLATFORM["image_id"]}),
                 StackResource(IMAGES, "imgs", {"framework": "PYTORCH"}),
                 StackResource(NOTEBOOK, "dev", native(notebook()), {"image": deps})]
    findings = analyzer.analyze_stack(resources).findings
    assert [f.policy for f in findings] == ([WORKLOAD_IMAGE_PINNED] if violates else [])
