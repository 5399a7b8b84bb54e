"""Real programs (set_mocks, the real providers on the emulator) judged by the example pack: the
analyzer gets what the engine would send — checked inputs, unknowns at preview, dependencies."""

from __future__ import annotations

import pulumi

import pulumi_tione as tione
from pulumi_tione.policy import IMAGES_PINNED
from tests.support.analyzer import AnalyzerClient, RecordingMonitor
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import SEED_NAME


def test_only_the_tracking_references_violate(mocks: ProviderMocks, analyzer: AnalyzerClient) -> None:
    monitor = RecordingMonitor(mocks)

    def program() -> None:
        pinned = tione.PlatformImage("pinned", name=SEED_NAME)
        tione.PlatformImage("tracked", name=SEED_NAME, policy="track")
        tione.PlatformImages("listing", framework="SPARK", policy="track")
        tione.PlatformImages("all-pinned", framework="SPARK", policy="pin")
        pulumi.export("url", pinned.image_url)

    run_program(program, mocks, project="p", monitor=monitor)
    reports = analyzer.analyze_all(monitor)
    flagged = {name for name, report in reports.items() if report.by(IMAGES_PINNED)}
    assert flagged == {"tracked", "listing"}
    assert all(f.level == "mandatory" for r in reports.values() for f in r.findings)
    assert analyzer.analyze_stack(monitor.stack()).findings == []


def test_an_input_unknown_at_preview_defers_the_check(mocks: ProviderMocks, analyzer: AnalyzerClient) -> None:
    monitor = RecordingMonitor(mocks)

    def program() -> None:
        upstream = pulumi.CustomResource("test:index:Settings", "settings", {"image_policy": None})
        tione.PlatformImage("later", name=SEED_NAME, policy=upstream.image_policy)  # type: ignore[attr-defined]

    run_program(program, mocks, project="p", preview=True, monitor=monitor)
    later = next(r for r in monitor.registrations if r.name == "later")
    assert later.property_dependencies["policy"] == [monitor.registrations[0].urn]
    (finding,) = analyzer.analyze_all(monitor)["later"].findings
    assert finding.policy == IMAGES_PINNED
    assert finding.level == "advisory"
    assert "during preview" in finding.message
