"""Real programs (set_mocks, the real providers on the emulator) judged by the example pack: the
analyzer gets what the engine would send — checked inputs, unknowns at preview, dependencies."""

from __future__ import annotations

from collections.abc import Iterator

import pulumi
import pytest

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from pulumi_tione.images.catalog import PROCESS
from pulumi_tione.policy import IMAGES_PINNED
from tests.support.analyzer import AnalyzerClient, RecordingMonitor, Report
from tests.support.config import stack_config
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import SEED_NAME


@pytest.fixture
def mocks(emu: Emulator) -> Iterator[ProviderMocks]:
    """Mocks running the real providers in this process against the emulator (cold cache)."""
    PROCESS.clear()
    yield ProviderMocks(stack_config(emu))
    PROCESS.configure({})
    PROCESS.clear()


def analyze_all(analyzer: AnalyzerClient, monitor: RecordingMonitor) -> dict[str, Report]:
    """Analyze every registered resource with the inputs the engine would send, by name."""
    return {r.name: analyzer.analyze(r.type, r.name, monitor.checked_inputs(r))
            for r in monitor.registrations}


def test_only_the_tracking_references_violate(mocks: ProviderMocks, analyzer: AnalyzerClient) -> None:
    monitor = RecordingMonitor(mocks)

    def program() -> None:
        pinned = tione.PlatformImage("pinned", name=SEED_NAME)
        tione.PlatformImage("tracked", name=SEED_NAME, policy="track")
        tione.PlatformImages("listing", framework="SPARK", policy="track")
        tione.PlatformImages("all-pinned", framework="SPARK", policy="pin")
        pulumi.export("url", pinned.image_url)

    run_program(program, mocks, project="p", monitor=monitor)
    reports = analyze_all(analyzer, monitor)
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
    (finding,) = analyze_all(analyzer, monitor)["later"].findings
    assert finding.policy == IMAGES_PINNED
    assert finding.level == "advisory"
    assert "during preview" in finding.message
