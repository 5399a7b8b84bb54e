"""The workload examples and hand-made workload programs (real Notebook/TrainingTask resources under
set_mocks, on the emulator) judged by the example pack with its example config."""

from __future__ import annotations

import json
from typing import Any

import pulumi

import pulumi_tione as tione
from pulumi_tione.policy import AUTO_STOP, REQUIRED_TAGS, WORKLOAD_IMAGE_PINNED, WORKLOAD_IMAGE_SOURCE
from tests.support.analyzer import PACK, UNKNOWN, AnalyzerClient, RecordingMonitor
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import ROOT, SEED_NAME

EXAMPLES = ROOT / "examples"


def example_config() -> dict[str, Any]:
    """The example pack's ``policy-config.json``."""
    config: dict[str, Any] = json.loads((PACK / "policy-config.json").read_text())
    return config


def test_the_notebook_example_only_misses_a_tag(mocks: ProviderMocks, analyzer: AnalyzerClient) -> None:
    monitor = RecordingMonitor(mocks)
    run_program(EXAMPLES / "notebook" / "__main__.py", mocks, project="pulumi-tione-notebook",
                monitor=monitor)
    analyzer.configure(example_config())
    reports = analyzer.analyze_all(monitor)
    findings = [(name, f.policy, f.level) for name, r in reports.items() for f in r.findings]
    assert findings == [("dev", REQUIRED_TAGS, "advisory")]
    assert "missing the required tag(s) cost-center" in reports["dev"].findings[0].message
    stack = monitor.stack()
    assert analyzer.analyze_stack(stack).findings == []
    (notebook,) = (r for r in stack if r.name == "dev")
    assert [urn.rsplit("::", 1)[-1] for urn in notebook.property_dependencies["image"]] == ["notebook-image"]


def test_the_training_job_example_only_misses_tags(mocks: ProviderMocks, analyzer: AnalyzerClient) -> None:
    monitor = RecordingMonitor(mocks)
    run_program(EXAMPLES / "training-job" / "__main__.py", mocks, project="pulumi-tione-training-job",
                monitor=monitor)
    analyzer.configure(example_config())
    reports = analyzer.analyze_all(monitor)
    (finding,) = (f for r in reports.values() for f in r.findings)
    assert finding.policy == REQUIRED_TAGS
    assert "missing the required tag(s) team, cost-center" in finding.message
    assert analyzer.analyze_stack(monitor.stack()).findings == []


def test_custom_and_unpinned_images_and_idle_notebooks_are_caught(
    mocks: ProviderMocks, analyzer: AnalyzerClient
) -> None:
    monitor = RecordingMonitor(mocks)

    def program() -> None:
        looked_up = tione.get_platform_image(name=SEED_NAME)
        common: dict[str, Any] = {
            "charge_type": "POSTPAID_BY_HOUR", "tags": {"team": "ml", "cost-center": "7"},
            "resource_conf": {"instance_type": "TI.GN10.2XLARGE40.POST"}}
        tione.Notebook("custom", image={"image_url": "docker.io/someone/torch:2.3", "image_type": "CUSTOM"},
                       auto_stopping=True, automatic_stop_time=2, **common)
        tione.Notebook("allowed", image={"image_url": "ccr.ccs.tencentyun.com/my-team/torch:2.3",
                                         "image_type": "CCR", "registry_region": "ap-guangzhou"},
                       auto_stopping=True, automatic_stop_time=2, **common)
        tione.Notebook("unpinned", image={
            "kind": "platform", "image_id": looked_up.image_id, "image_name": looked_up.image_name,
            "image_url": looked_up.image_url, "image_range": list(looked_up.image_range or ())},
            auto_stopping=True, automatic_stop_time=2, **common)
        tione.Notebook("idle", image=tione.PlatformImage("img", name=SEED_NAME), **common)
        pulumi.export("done", True)

    run_program(program, mocks, project="p", monitor=monitor)
    analyzer.configure(example_config())
    reports = analyzer.analyze_all(monitor)
    assert [f.policy for f in reports["custom"].findings] == [WORKLOAD_IMAGE_SOURCE]
    assert reports["allowed"].findings == []
    assert reports["unpinned"].findings == []
    assert [f.policy for f in reports["idle"].findings] == [AUTO_STOP]
    stack = analyzer.analyze_stack(monitor.stack())
    found = [(f.policy, f.urn.rsplit("::", 1)[-1]) for f in stack.findings]
    assert found == [(WORKLOAD_IMAGE_PINNED, "unpinned")]


def test_at_preview_a_notebook_on_an_image_not_resolved_yet_passes(
    mocks: ProviderMocks, analyzer: AnalyzerClient
) -> None:
    monitor = RecordingMonitor(mocks)

    def program() -> None:
        settings = pulumi.CustomResource("test:index:Settings", "settings", {"image_name": None})
        image = tione.PlatformImage("img", name=settings.image_name)  # type: ignore[attr-defined]
        tione.Notebook("dev", image=image, charge_type="POSTPAID_BY_HOUR",
                       resource_conf={"instance_type": "TI.GN10.2XLARGE40.POST"},
                       auto_stopping=True, automatic_stop_time=2, tags={"team": "ml", "cost-center": "7"})

    run_program(program, mocks, project="p", preview=True, monitor=monitor)
    analyzer.configure(example_config())
    dev = next(r for r in monitor.registrations if r.name == "dev")
    assert dev.inputs["image"]["kind"] == "platform"
    assert dev.inputs["image"]["image_id"] == UNKNOWN
    assert all(r.findings == [] for r in analyzer.analyze_all(monitor).values())
    assert analyzer.analyze_stack(monitor.stack()).findings == []
