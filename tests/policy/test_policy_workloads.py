"""Workload policies through the real analyzer, with Notebook/TrainingTask inputs shaped as the
engine sends them (contract: `image` is `{"kind": "platform", ...}` or `{"kind": "custom", ...}`)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_tione.policy import (
    AUTO_STOP,
    IMAGE_TYPE,
    IMAGES_TYPE,
    MODEL_SERVICE_TYPE,
    NOTEBOOK_TYPE,
    REQUIRED_TAGS,
    SERVICE_IDLE_COST,
    TRAINING_TASK_TYPE,
    WORKLOAD_IMAGE_PINNED,
    WORKLOAD_IMAGE_SOURCE,
)
from tests.support.analyzer import UNKNOWN, AnalyzerClient, StackResource, secret, urn

NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
URL = "tione.tencentcloudcr.com/qcloud-ti-platform/llm-train:24.03-gpu-py310-cu124-tilearn-llm-v1.8.0"
PASSWORD = "cGFzc3dvcmQtbmV2ZXItc2hvd24="
PLATFORM = {"kind": "platform", "image_id": "35551e3c-b0e3-40dc-8e91-cc10a5613cd3", "image_name": NAME,
            "image_url": URL, "framework": "PYTORCH", "framework_version": "2.3",
            "image_range": ["Notebook", "Train"], "support_gpu_list": ["A100"], "training_modes": ["DDP"]}


def custom(url: Any) -> dict[str, Any]:
    """A custom image input with a (secret) pull credential."""
    return {"kind": "custom", "image_url": url, "image_type": "CCR", "registry_region": "ap-guangzhou",
            "image_secret": secret({"username": "puller", "password": PASSWORD})}


def notebook(**overrides: Any) -> dict[str, Any]:
    """Notebook inputs that every policy accepts, with ``overrides``."""
    return {"name": "dev", "charge_type": "POSTPAID_BY_HOUR", "image": PLATFORM,
            "resource_conf": {"instance_type": "TI.GN10.2XLARGE40.POST"}, "auto_stopping": True,
            "automatic_stop_time": 2.0, "volume_size_in_gb": 50.0, "tags": {"team": "ml"}, "running": True,
            **overrides}


def task(**overrides: Any) -> dict[str, Any]:
    """TrainingTask inputs that every policy accepts, with ``overrides``."""
    return {"name": "finetune", "charge_type": "POSTPAID_BY_HOUR", "image": PLATFORM, "training_mode": "DDP",
            "resource_config_infos": [{"role": "WORKER", "instance_type": "TI.GN10.2XLARGE40.POST",
                                       "instance_num": 2.0}],
            "tags": {"team": "ml"}, **overrides}


@pytest.mark.parametrize(("type_token", "props"), [(NOTEBOOK_TYPE, notebook()), (TRAINING_TASK_TYPE, task())])
def test_compliant_workloads_pass(analyzer: AnalyzerClient, type_token: str, props: dict[str, Any]) -> None:
    report = analyzer.analyze(type_token, "w", props)
    assert report.findings == []
    assert report.not_applicable == [(REQUIRED_TAGS, "no requiredTags in the config of tione-required-tags")]


def test_a_platform_image_not_created_yet_is_accepted_at_preview(analyzer: AnalyzerClient) -> None:
    image = {"kind": "platform", **{k: UNKNOWN for k in PLATFORM if k != "kind"}}
    assert analyzer.analyze(NOTEBOOK_TYPE, "dev", notebook(image=image)).findings == []


@pytest.mark.parametrize("type_token", [NOTEBOOK_TYPE, TRAINING_TASK_TYPE])
def test_a_custom_image_outside_the_allow_list_is_refused(analyzer: AnalyzerClient, type_token: str) -> None:
    props = (notebook if type_token == NOTEBOOK_TYPE else task)(image=custom("docker.io/someone/torch:2.3"))
    (finding,) = analyzer.analyze(type_token, "w", props).findings
    assert finding.policy == WORKLOAD_IMAGE_SOURCE
    assert finding.level == "mandatory"
    assert "runs the custom image 'docker.io/someone/torch:2.3'" in finding.message
    assert "allows no custom image" in finding.message
    assert "image=img" in finding.message
    assert "allowedRegistries" in finding.message
    assert PASSWORD not in finding.message
    assert "puller" not in finding.message


@pytest.mark.parametrize(("url", "allowed"), [
    ("ccr.ccs.tencentyun.com/my-team/trainer:1.0", True),
    ("ccr.ccs.tencentyun.com/my-team/sub/trainer@sha256:" + "a" * 64, True),
    ("ccr.ccs.tencentyun.com/my-team-evil/trainer:1.0", False),
    ("ccr.ccs.tencentyun.com/other/trainer:1.0", False),
    ("docker.io/library/python:3.11", True),
    ("docker.io/library/python@sha256:" + "b" * 64, True),
    ("docker.io/library/python-evil:3.11", False),
    ("registry.local:5000/tools/cuda:12.4", True),
    ("registry.local:5000/tools/cuda:12.5", False),
])
def test_allowed_registries_and_images(analyzer: AnalyzerClient, url: str, allowed: bool) -> None:
    analyzer.configure({WORKLOAD_IMAGE_SOURCE: {
        "allowedRegistries": ["ccr.ccs.tencentyun.com/my-team/"],
        "allowedImages": ["docker.io/library/python", "registry.local:5000/tools/cuda:12.4"]}})
    findings = analyzer.analyze(NOTEBOOK_TYPE, "dev", notebook(image=custom(url))).findings
    assert (findings == []) is allowed
    if not allowed:
        assert "allowedRegistries ['ccr.ccs.tencentyun.com/my-team/']" in findings[0].message


def test_a_custom_image_url_not_known_at_preview_is_checked_at_up(analyzer: AnalyzerClient) -> None:
    (finding,) = analyzer.analyze(NOTEBOOK_TYPE, "dev", notebook(image=custom(UNKNOWN))).findings
    assert finding.policy == WORKLOAD_IMAGE_SOURCE
    assert finding.level == "advisory"
    assert ".image.image_url can't be known during preview" in finding.message


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"auto_stopping": False}, "does not stop by itself (auto_stopping is not True)"),
    ({"auto_stopping": None}, "does not stop by itself"),
    ({"automatic_stop_time": None}, "sets auto_stopping but no automatic_stop_time"),
    ({"automatic_stop_time": 48.0}, "automatic_stop_time=48 hours, outside 1 to 24"),
    ({"automatic_stop_time": 0.5}, "automatic_stop_time=0.5 hours, outside 1 to 24"),
])
def test_notebooks_must_stop_by_themselves(
    analyzer: AnalyzerClient, overrides: dict[str, Any], expected: str
) -> None:
    props = {k: v for k, v in notebook(**overrides).items() if v is not None}
    (finding,) = analyzer.analyze(NOTEBOOK_TYPE, "dev", props).findings
    assert finding.policy == AUTO_STOP
    assert finding.level == "mandatory"
    assert '\nNotebook "dev" ' in finding.message  # after the policy's description
    assert expected in finding.message
    assert "set auto_stopping=True and automatic_stop_time=<hours, 1 to 24>" in finding.message


def test_the_stop_bound_comes_from_the_config(analyzer: AnalyzerClient) -> None:
    analyzer.configure({AUTO_STOP: {"maxAutomaticStopTime": 72}})
    assert analyzer.analyze(NOTEBOOK_TYPE, "dev", notebook(automatic_stop_time=48.0)).findings == []
    assert analyzer.analyze(TRAINING_TASK_TYPE, "t", task(auto_stopping=False)).findings == []


def test_a_stop_time_not_known_at_preview_is_checked_at_up(analyzer: AnalyzerClient) -> None:
    (finding,) = analyzer.analyze(NOTEBOOK_TYPE, "dev", notebook(automatic_stop_time=UNKNOWN)).findings
    assert finding.policy == AUTO_STOP
    assert finding.level == "advisory"
    assert "can't be known during preview" in finding.message


@pytest.mark.parametrize(("tags", "missing"), [
    ({"team": "ml"}, "cost-center"),
    (None, "team, cost-center"),
    ({"team": " ", "cost-center": "42"}, "team"),
    ({"team": "ml", "cost-center": "42"}, None),
    ({"team": UNKNOWN, "cost-center": "42"}, None),  # not known yet: checked again at up
])
def test_required_tags(analyzer: AnalyzerClient, tags: dict[str, str] | None, missing: str | None) -> None:
    analyzer.configure({REQUIRED_TAGS: {"enforcementLevel": "mandatory",
                                        "requiredTags": ["team", "cost-center"]}})
    for type_token, props in ((NOTEBOOK_TYPE, notebook(tags=tags)), (TRAINING_TASK_TYPE, task(tags=tags))):
        props = {k: v for k, v in props.items() if v is not None}
        findings = analyzer.analyze(type_token, "w", props).findings
        if missing is None:
            assert findings == []
        else:
            (finding,) = findings
            assert finding.policy == REQUIRED_TAGS
            assert finding.level == "mandatory"
            assert f"is missing the required tag(s) {missing}: add them" in finding.message


def test_images_need_no_tags(analyzer: AnalyzerClient) -> None:
    analyzer.configure({REQUIRED_TAGS: {"requiredTags": ["team"]}})
    assert analyzer.analyze(IMAGE_TYPE, "img", {"name": NAME}).findings == []


def _stack(image_props: dict[str, Any], deps: list[str] | None) -> list[StackResource]:
    pinned = StackResource(IMAGE_TYPE, "img", {"name": NAME, "image_id": PLATFORM["image_id"],
                                               "policy": "pin"})
    listing = StackResource(IMAGES_TYPE, "imgs", {"framework": "PYTORCH", "policy": "pin"})
    property_dependencies = {} if deps is None else {"image": deps, "name": []}
    workload = StackResource(NOTEBOOK_TYPE, "dev", notebook(image=image_props), property_dependencies)
    return [pinned, listing, workload]


@pytest.mark.parametrize(("image", "deps", "violates"), [
    (PLATFORM, [urn(IMAGE_TYPE, "img")], False),
    (PLATFORM, [urn(IMAGES_TYPE, "imgs")], False),
    (PLATFORM, [], True),                                    # written out, or from get_platform_image
    (PLATFORM, None, False),                                 # dependencies not recorded: not visible
    (custom("docker.io/library/python:3.11"), [], False),    # the resource policy judges custom images
    (UNKNOWN, [], False),                                    # not known at preview
])
def test_workload_images_come_from_a_platform_image_resource(
    analyzer: AnalyzerClient, image: Any, deps: list[str] | None, violates: bool
) -> None:
    report = analyzer.analyze_stack(_stack(image, deps))
    if not violates:
        assert report.findings == []
        return
    (finding,) = report.findings
    assert finding.policy == WORKLOAD_IMAGE_PINNED
    assert finding.level == "advisory"
    assert finding.urn == urn(NOTEBOOK_TYPE, "dev")
    assert "without a PlatformImage resource" in finding.message
    assert "img = tione.PlatformImage(...) and pass image=img" in finding.message


def test_the_stack_policy_can_be_made_mandatory(analyzer: AnalyzerClient) -> None:
    analyzer.configure({WORKLOAD_IMAGE_PINNED: "mandatory"})
    (finding,) = analyzer.analyze_stack(_stack(PLATFORM, [])).findings
    assert finding.level == "mandatory"


INFERENCE = {"kind": "platform", "image_id": "0cc081a2-6706-565b-8bcc-ccdf855f4c85",
             "image_name": "pytorch1.12-py3.8-cuda11.3-inference-gpu",
             "image_url": "tione.tencentcloudcr.com/qcloud-ti-platform/pytorch-inference:1.12-gpu-py38-cu113",
             "image_range": ["Inference"]}


def model_service(**overrides: Any) -> dict[str, Any]:
    """ModelService inputs that every policy accepts (HPA autoscaling), with ``overrides``."""
    return {"name": "serve", "charge_type": "POSTPAID_BY_HOUR", "image": INFERENCE,
            "instance_type": "TI.S.MEDIUM.POST", "scale_mode": "AUTO", "scale_strategy": "HPA",
            "horizontal_pod_autoscaler": {"min_replicas": 1.0, "max_replicas": 4.0,
                                          "hpa_metrics": [{"name": "cpu-util", "value": 60.0}]},
            "tags": {"team": "ml"}, "running": True, **overrides}


def test_a_compliant_model_service_passes(analyzer: AnalyzerClient) -> None:
    assert analyzer.analyze(MODEL_SERVICE_TYPE, "s", model_service()).findings == []
    stops = model_service(scale_mode="MANUAL", replicas=2.0, horizontal_pod_autoscaler=None,
                          scheduled_action={"schedule_stop": True,
                                            "schedule_stop_time": "2026-01-26T19:46:22+08:00"})
    assert analyzer.analyze(MODEL_SERVICE_TYPE, "s", stops).findings == []


@pytest.mark.parametrize(("overrides", "message"), [
    ({"scale_mode": "MANUAL", "replicas": 2.0}, 'keeps a fixed number of replicas billing'),
    ({"horizontal_pod_autoscaler": {"min_replicas": 1.0, "max_replicas": 40.0,
                                    "hpa_metrics": [{"name": "cpu-util", "value": 60.0}]}},
     "may run 40 replicas (horizontal_pod_autoscaler.max_replicas), above maxReplicas 10"),
])
def test_a_model_service_that_bills_idle_replicas_is_reported(
    analyzer: AnalyzerClient, overrides: dict[str, Any], message: str
) -> None:
    [finding] = analyzer.analyze(MODEL_SERVICE_TYPE, "s", model_service(**overrides)).findings
    assert finding.policy == SERVICE_IDLE_COST
    assert message in finding.message


def test_a_model_service_on_an_unpinned_custom_image_is_refused(analyzer: AnalyzerClient) -> None:
    props = model_service(image=custom("docker.io/x/y:1"))
    findings = analyzer.analyze(MODEL_SERVICE_TYPE, "s", props).findings
    assert [f.policy for f in findings] == [WORKLOAD_IMAGE_SOURCE]
