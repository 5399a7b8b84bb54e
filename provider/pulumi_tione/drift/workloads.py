"""Drift of ``Notebook``, ``TrainingTask`` and ``ModelService`` resources: the live object against
the exported state.

``check_workload`` reads the object with ``Describe*`` (by the resource's id, in its recorded
region and workspace) and reports, most severe first:

- ``gone``: TI-ONE no longer has the object (deleted outside Pulumi);
- ``status-changed``: a notebook is not in the state its ``running`` argument declares (stopped or
  started outside Pulumi, or Failed), or a training task failed or was stopped since it was
  recorded;
- ``image-changed``: TI-ONE reports another ImageUrl than the notebook's declared image (not for
  a training task: it cannot be modified, so its report only names the framework image another
  way, and ``diff`` does not replace it for that either);
- ``settings-changed``: a declared setting differs (resources, volume, tags, flags, data mounts,
  SSH, ...: every argument ``workloads.fields`` marks reported, compared by ``workloads.compare``),
  numbers shown as written (``50``, not ``50.0``);
- ``ok``.

It loads neither ``pulumi`` nor ``grpc`` (``tione-images drift`` promises that).
``pulumi refresh`` followed by ``pulumi up`` puts a drifted notebook back as declared; a gone
object is created again by the next ``up``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_tione.core.workload_state import WorkloadDocument
from pulumi_tione.errors import TioneError
from pulumi_tione.images.catalog import ProcessState
from pulumi_tione.workloads.compare import live_changes, shown
from pulumi_tione.workloads.ops import KINDS, Kind, Workloads, reported_image
from pulumi_tione.workloads.services import MODEL_SERVICE, ModelServices

__all__ = ["WorkloadFinding", "check_workload"]

_TASK_ENDS = ("FAILED", "SUBMIT_FAILED", "STOPPED")
_NOT_SETTINGS = ("running", "image")
_KINDS: dict[str, tuple[Kind, type[Workloads]]] = {
    **{name: (kind, Workloads) for name, kind in KINDS.items()},
    MODEL_SERVICE.name: (MODEL_SERVICE, ModelServices)}
_AT_REST = {"Running": ("Running", "Starting"), "Stopped": ("Stopped", "Stopping"),
            "Normal": ("Normal", "Waiting", "Pending")}
"""The declared stable status, and the statuses on the way to it that are not drift."""


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
    kind_name: str, object_id: str | None, outputs: Mapping[str, Any], config: Mapping[str, str],
    state: ProcessState,
) -> WorkloadFinding:
    """Compare one Notebook/TrainingTask/ModelService's recorded outputs with the live object."""
    finding = WorkloadFinding(object_id)
    if not object_id:
        finding.add("error", "no id recorded for the resource (was it ever created?)")
        return finding
    kind, ops = _KINDS[kind_name]
    region = outputs.get("region") if isinstance(outputs.get("region"), str) else None
    workspace = outputs.get("workspace") if isinstance(outputs.get("workspace"), str) else None
    try:
        detail = ops(state.client_for(config, region), workspace=workspace).describe(kind, object_id)
    except TioneError as e:
        finding.add("error", f"cannot read {object_id}: {e}")
        return finding
    if detail is None:
        finding.add("gone", f"{object_id} no longer exists in TI-ONE (deleted outside Pulumi)")
        return finding
    finding.live_status = str(detail.get("Status") or "")
    _status(kind, outputs, finding)
    if kind.modifiable:
        _image(outputs, detail, finding)
    _settings(kind, outputs, detail, finding)
    return finding


def _status(kind: Kind, outputs: Mapping[str, Any], finding: WorkloadFinding) -> None:
    live, recorded = finding.live_status or "", outputs.get("status")
    if kind.running:
        want = outputs.get("running", True) is not False
        declared = next(status for status, running in kind.running.items() if running == want)
        at_rest = _AT_REST[declared]
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


def _settings(
    kind: Kind, outputs: Mapping[str, Any], detail: Mapping[str, Any], finding: WorkloadFinding
) -> None:
    """Declared settings that differ (the image is compared above; a custom one is a secret output,
    encrypted in a plain export, so it is not needed here)."""
    try:
        declared = WorkloadDocument.read(outputs).arguments
    except TioneError:
        return
    changes = {k: v for k, v in live_changes(kind.fields, declared, detail).items() if k not in _NOT_SETTINGS}
    if changes:
        finding.add("settings-changed", "changed outside Pulumi: " + ", ".join(
            f"{k} {shown(declared.get(k))} -> {shown(v)}" for k, v in sorted(changes.items())))
