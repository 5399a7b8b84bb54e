"""Drift of ``Notebook`` and ``TrainingTask`` resources: the live object against the exported state.

``check_workload`` reads the object with ``Describe*`` (by the resource's id, in its recorded
region and workspace) and reports, most severe first:

- ``gone``: TI-ONE no longer has the object (deleted outside Pulumi);
- ``status-changed``: a notebook is not in the state its ``running`` argument declares (stopped or
  started outside Pulumi, or Failed), or a training task failed or was stopped since it was
  recorded;
- ``image-changed``: TI-ONE reports another ImageUrl than the notebook's declared image (not for
  a training task: it cannot be modified, so its report only names the framework image another
  way, and ``diff`` does not replace it for that either);
- ``settings-changed``: a declared notebook setting differs (resources, volume, tags, flags, ...);
- ``ok``.

``pulumi refresh`` followed by ``pulumi up`` puts a drifted notebook back as declared; a gone
object is created again by the next ``up``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_tione.api.client import TioneClient
from pulumi_tione.core.workloads import NotebookCore, norm
from pulumi_tione.errors import TioneError
from pulumi_tione.images.catalog import ProcessState
from pulumi_tione.workloads.ops import NOTEBOOK, TRAINING_TASK, Workloads, reported_image
from pulumi_tione.workloads.validate import parse_notebook

from .workload_state import WorkloadDocument

__all__ = ["WorkloadFinding", "check_workload"]

_TASK_ENDS = ("FAILED", "SUBMIT_FAILED", "STOPPED")


class WorkloadFinding:
    """What the live object says: statuses (most severe first), reasons, live status and id."""

    def __init__(self, object_id: str | None) -> None:
        self.object_id = object_id
        self.statuses: list[str] = []
        self.reasons: list[str] = []
        self.live_status: str | None = None

    def add(self, status: str, reason: str) -> None:
        """Record one finding."""
        self.statuses.append(status)
        self.reasons.append(reason)


def check_workload(
    kind: str, object_id: str | None, outputs: Mapping[str, Any], config: Mapping[str, str],
    state: ProcessState,
) -> WorkloadFinding:
    """Compare one Notebook/TrainingTask's recorded outputs with the live object."""
    finding = WorkloadFinding(object_id)
    if not object_id:
        finding.add("error", "no id recorded for the resource (was it ever created?)")
        return finding
    region = outputs.get("region") if isinstance(outputs.get("region"), str) else None
    workspace = outputs.get("workspace") if isinstance(outputs.get("workspace"), str) else None
    try:
        settings = state.settings(config, region)
        client = TioneClient(settings, limiter=state.limiter(settings.credentials.secret_id))
        detail = Workloads(client, workspace=workspace).describe(
            NOTEBOOK if kind == "Notebook" else TRAINING_TASK, object_id)
    except TioneError as e:
        finding.add("error", f"cannot read {object_id}: {e}")
        return finding
    if detail is None:
        finding.add("gone", f"{object_id} no longer exists in TI-ONE (deleted outside Pulumi)")
        return finding
    finding.live_status = str(detail.get("Status") or "")
    _status(kind, outputs, finding)
    if kind == "Notebook":
        _image(outputs, detail, finding)
        _settings(outputs, detail, finding)
    return finding


def _status(kind: str, outputs: Mapping[str, Any], finding: WorkloadFinding) -> None:
    live, recorded = finding.live_status or "", outputs.get("status")
    if kind == "Notebook":
        declared = "Running" if outputs.get("running", True) is not False else "Stopped"
        at_rest = {"Running": ("Running", "Starting"), "Stopped": ("Stopped", "Stopping")}[declared]
        if live not in at_rest:
            finding.add("status-changed", f"declared {declared}, but TI-ONE says {live}")
    elif live in _TASK_ENDS and live != recorded:
        finding.add("status-changed", f"recorded {recorded}, now {live}")


def _image(outputs: Mapping[str, Any], detail: Mapping[str, Any], finding: WorkloadFinding) -> None:
    image = outputs.get("image")
    declared = image.get("image_url") if isinstance(image, dict) else None
    live = reported_image(detail).get("image_url")
    if isinstance(declared, str) and live and live != declared:
        finding.add("image-changed", f"declared image {declared}, TI-ONE reports {live}")


def _settings(outputs: Mapping[str, Any], detail: Mapping[str, Any], finding: WorkloadFinding) -> None:
    try:
        old = WorkloadDocument.read(outputs).arguments
        # The image is not compared here, and a custom one is a secret output (encrypted in a
        # plain export): parse with a stand-in, or a custom-image notebook is never checked.
        spec = parse_notebook(old, {"image"})
    except TioneError:
        return
    refreshed = NotebookCore().refreshed(old, spec, detail)
    changed = sorted(k for k in old if k not in ("running", "image")
                     and norm(refreshed.get(k)) != norm(old.get(k)))
    if changed:
        finding.add("settings-changed", "changed outside Pulumi: " + ", ".join(
            f"{k} {old.get(k)!r} -> {refreshed.get(k)!r}" for k in changed))
