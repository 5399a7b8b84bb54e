"""Drift under the real engine, after the emulator's catalog moved a pinned image (a new ImageUrl).

- ``pulumi refresh`` reports the new ImageUrl, and once accepted the state holds it;
- ``pulumi stack export | tione-images drift -`` and ``tione-images drift <the backend's state
  file>`` report it (exit 1), and nothing before the move (exit 0);
- ``examples/drift-check-ci/ci-drift-check.sh`` run as a CI job: passes on a clean catalog, fails
  after the move.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from pulumi_tione.emulator import Emulator
from tests.support import stack_export as sx
from tests.support.pulumi_cli import Pulumi, mutating, project, resources
from tests.support.seed import IMAGE, SEED_ID, SEED_URL

NEW_URL = SEED_URL.replace("v1.8.0", "v1.8.1")


def _move(emu: Emulator) -> None:
    """The platform re-tags the pinned image: same ImageId, a new ImageUrl."""
    emu.set_catalog(sx.catalog_with(lambda c: sx.entry(c, SEED_ID).update(ImageUrl=NEW_URL)))


@pytest.fixture
def deployed(cli: Pulumi, workdir: Path) -> Path:
    """The drift-check-ci example, up on the emulator."""
    proj = project("drift-check-ci", workdir)
    cli.stack_init(proj)
    cli.run("up", "--yes", cwd=proj)
    return proj


def _drift(cli: Pulumi, proj: Path, source: str) -> tuple[int, dict[str, object]]:
    """``tione-images drift`` on the export piped in (``-``) or on a file; exit status and report."""
    if source == "-":
        script = "pulumi stack export --stack e2e | tione-images drift - --output json"
    else:
        script = f"tione-images drift {shlex.quote(source)} --output json"
    result = cli.shell(script, cwd=proj, check=False)
    assert result.returncode in (0, 1), result.output
    return result.returncode, json.loads(result.stdout)


def _seed_report(report: dict[str, object]) -> dict[str, object]:
    found = [r for r in report["resources"] if r.get("image_id") == SEED_ID]  # type: ignore[attr-defined]
    assert found, report
    return dict(found[0])


@pytest.mark.parametrize("source", ["export", "state-file"])
def test_drift_reads_the_engine_state(cli: Pulumi, deployed: Path, emu: Emulator, source: str) -> None:
    path = "-" if source == "export" else str(cli.state_file("pulumi-tione-drift-check"))
    code, report = _drift(cli, deployed, path)
    assert (code, report["drift"]) == (0, False), report

    _move(emu)
    code, report = _drift(cli, deployed, path)
    assert (code, report["drift"]) == (1, True), report
    seed = _seed_report(report)
    assert seed["status"] == "url-changed"
    assert (seed["image_url"], seed["current_image_url"]) == (SEED_URL, NEW_URL)


def test_refresh_reports_the_moved_image(cli: Pulumi, deployed: Path, emu: Emulator) -> None:
    quiet = cli.run("refresh", "--yes", "--diff", "--expect-no-changes", cwd=deployed)
    assert NEW_URL not in quiet.output

    _move(emu)
    emu.reset_stats()
    seen = cli.run("refresh", "--yes", "--diff", cwd=deployed)
    assert NEW_URL in seen.output, seen.output
    assert SEED_URL in seen.output, seen.output  # the diff shows old and new
    assert "1 updated" in seen.output, seen.output
    assert mutating(emu.stats()) == {}

    images = resources(cli.export(deployed), IMAGE)
    urls = {r["outputs"]["image_id"]: r["outputs"]["image_url"] for r in images}
    assert urls[SEED_ID] == NEW_URL
    code, report = _drift(cli, deployed, "-")
    assert (code, report["drift"]) == (0, False), "refresh accepted the move"
    cli.run("destroy", "--yes", cwd=deployed)


def test_ci_drift_check_script(cli: Pulumi, deployed: Path, emu: Emulator) -> None:
    script = f"{shlex.quote(str(deployed / 'ci-drift-check.sh'))} e2e"
    clean = cli.shell(script, cwd=deployed.parent, check=False)
    assert clean.returncode == 0, clean.output
    assert "no drift" in clean.output

    _move(emu)
    moved = cli.shell(script, cwd=deployed.parent, check=False)
    assert moved.returncode != 0, moved.output
    assert NEW_URL in moved.output, moved.output
    assert "drift (or an error) in stack e2e" in moved.output
    assert mutating(emu.stats()) == {}
    cli.run("destroy", "--yes", cwd=deployed)
