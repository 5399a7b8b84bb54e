"""Lifecycle of notebooks and training tasks: create (never twice), wait, update, delete.

``Workloads`` drives one TI-ONE endpoint/region/workspace through a ``TioneClient`` (so every
request shares the process's rate limiter and retry rules). Its promises:

- **Never a duplicate.** ``Create*`` takes no client token, so a create whose answer is lost
  (network error, dropped connection, timeout, 5xx, InternalError) may or may not have happened.
  The name is unique per kind, so the create is recovered by looking the name up
  (``Describe*s`` with a Name filter) and adopting the object; it is sent again only when the
  name is certainly absent, and a re-sent create answered ``DuplicateName`` adopts the object
  too; a re-sent create refused for any other reason (a quota the lost create used up, say)
  looks the name up once more and adopts what it finds before the refusal is raised. A
  ``DuplicateName`` on the first attempt means someone else owns the name: ``NameConflictError``.
  At most ``CREATE_ATTEMPTS`` creates are sent.
- **Never an orphan.** When a created object then fails (Failed, SubmitFailed, FAILED,
  SUBMIT_FAILED), does not reach its status in time, or cannot be waited for (the API fails), it
  is deleted again (within the delete timeout) before the error is raised; the error says so, with
  TI-ONE's FailureReason — or names the Id to delete when even that fails.
- **Bounded waits.** Every wait polls ``Describe*`` with backoff (``WaitPolicy``: first poll
  after ``initial`` seconds, then ×``factor`` up to ``max_interval``; the interval restarts when
  the status changes) until a deadline: the operation's timeout (``DEFAULT_TIMEOUTS``, or the
  resource's ``timeouts``). ``TIONE_POLL_SECONDS`` in the environment sets ``initial``.
- **Convergence, not scripts.** Start/Stop/Delete are sent only when ``Describe*`` shows a
  stable status that needs them; a lost or refused answer is followed by a fresh ``Describe*``
  (at most ``MAX_ACTION_ERRORS`` refusals in a row in one status; refusals while the object is
  in a status it leaves by itself — ``Kind.moving``: a Starting notebook, a PENDING or STARTING
  task — are waited out until the deadline), so lost responses cannot make them wrong.
  A notebook is stopped before it is modified or deleted; a running training task is stopped
  before it is deleted. An object that is already gone is deleted successfully.

Error messages never contain the values in ``secrets`` (image credentials, private env values).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pulumi_tione._echo import clause
from pulumi_tione.api.client import TioneClient
from pulumi_tione.errors import (
    ApiError,
    AuthError,
    MalformedResponseError,
    NameConflictError,
    RequestRejectedError,
    ResourceNotFoundError,
    ThrottledError,
    TioneError,
    TransientApiError,
    WaitTimeoutError,
    WorkloadError,
    WorkloadFailedError,
)

from . import fields
from .bodies import notebook_body, tags_body, training_task_body
from .models import NOTEBOOK_FAILED, TASK_FAILED, NotebookSpec, TrainingTaskSpec
from .validate import parse_notebook, parse_training_task

__all__ = [
    "CREATE_ATTEMPTS",
    "DEFAULT_TIMEOUTS",
    "GONE",
    "KINDS",
    "MAX_ACTION_ERRORS",
    "NOTEBOOK",
    "TRAINING_TASK",
    "Kind",
    "WaitPolicy",
    "Workloads",
    "reported_image",
]

log = logging.getLogger("pulumi_tione.workloads")

CREATE_ATTEMPTS = 4
MAX_ACTION_ERRORS = 8
GONE = "gone"
DEFAULT_TIMEOUTS: dict[str, float] = {
    "notebook.create": 1800.0, "notebook.update": 1800.0, "notebook.delete": 1200.0,
    "task.submitted": 600.0, "task.running": 3600.0, "task.finished": 86400.0,
    "task.delete": 1200.0,
    "service.create": 1800.0, "service.update": 1800.0, "service.delete": 1200.0,
}
_DUPLICATE_CODES = ("InvalidParameterValue.DuplicateName", "FailedOperation.DuplicateName",
                    "FailedOperation.DuplicateNameTaskIsCreating")
_STATE_REFUSALS = ("FailedOperation", "InternalError.UnSubmittedStatusNotAllowStop")
_DONE, _WAIT, _FAIL = "done", "wait", "fail"


@dataclass(frozen=True)
class WaitPolicy:
    """Backoff polling: ``initial`` seconds, then ×``factor``, at most ``max_interval``."""

    initial: float = 1.0
    factor: float = 1.5
    max_interval: float = 10.0

    @classmethod
    def from_env(cls) -> WaitPolicy:
        """The default policy, with ``TIONE_POLL_SECONDS`` (if set and valid) as ``initial``."""
        raw = os.environ.get("TIONE_POLL_SECONDS", "").strip()
        try:
            initial = float(raw) if raw else cls.initial
        except ValueError:
            initial = cls.initial
        if not 0 < initial <= 60:
            initial = cls.initial
        return cls(initial=initial, max_interval=max(initial, cls.max_interval))


@dataclass(frozen=True)
class Kind:
    """One kind of workload: its fields, how its arguments are checked, its actions and statuses."""

    name: str
    """The resource's name: ``Notebook`` or ``TrainingTask``."""
    fields: fields.WorkloadFields
    parse: Callable[..., Any]
    """``parse(args, unknown=())`` -> the validated spec (``workloads.validate``)."""
    modifiable: bool
    """Whether the object can be changed in place (else every API argument replaces it)."""
    running: Mapping[str, bool]
    """Stable statuses that say whether a ``running`` argument holds (empty: no such argument)."""
    label: str
    create: str
    describe: str
    detail_key: str
    list: str
    set_key: str
    page: int
    start: str
    stop: str
    delete: str
    failed: frozenset[str]
    plan: Callable[[str, str], str]
    moving: frozenset[str] = frozenset()
    """Statuses the object leaves by itself, in which an action may be refused for a while."""
    created_id: Callable[[Mapping[str, Any]], Any] = lambda answer: answer.get("Id")
    """The new object's id in the create's answer."""


def _notebook_plan(status: str, target: str) -> str:
    """What to do with a notebook in ``status`` to reach ``target`` (Running, Stopped or gone)."""
    if status == target:
        return _DONE
    if status in NOTEBOOK_FAILED:
        return "DeleteNotebook" if target == GONE else _FAIL
    if status == "Running" or (status == "Starting" and target != "Running"):
        return "StopNotebook"
    if status == "Stopped":
        return "StartNotebook" if target == "Running" else "DeleteNotebook"
    return _WAIT


def _task_plan(status: str, target: str) -> str:
    """What to do with a task in ``status`` to reach ``target`` (submitted, running, finished, gone)."""
    if target == GONE:
        if status in ("PENDING", "STARTING", "RUNNING"):
            return "StopTrainingTask"
        if status in ("STOPPED", "SUCCEED", *TASK_FAILED):
            return "DeleteTrainingTask"
        return _WAIT
    if status in TASK_FAILED or (status in ("STOPPING", "STOPPED") and target != "submitted"):
        return _FAIL
    if target == "submitted":
        return _WAIT if status == "SUBMITTING" else _DONE
    if target == "running":
        return _DONE if status in ("RUNNING", "SUCCEED") else _WAIT
    return _DONE if status == "SUCCEED" else _WAIT


NOTEBOOK = Kind("Notebook", fields.NOTEBOOK, parse_notebook, True, {"Running": True, "Stopped": False},
                "notebook", "CreateNotebook", "DescribeNotebook", "NotebookDetail",
                "DescribeNotebooks", "NotebookSet", 100, "StartNotebook", "StopNotebook",
                "DeleteNotebook", NOTEBOOK_FAILED, _notebook_plan, frozenset({"Starting"}))
TRAINING_TASK = Kind("TrainingTask", fields.TRAINING_TASK, parse_training_task, False, {},
                     "training task", "CreateTrainingTask", "DescribeTrainingTask",
                     "TrainingTaskDetail", "DescribeTrainingTasks", "TrainingTaskSet", 50,
                     "StartTrainingTask", "StopTrainingTask", "DeleteTrainingTask", TASK_FAILED,
                     _task_plan, frozenset({"PENDING", "STARTING"}))
KINDS: dict[str, Kind] = {NOTEBOOK.name: NOTEBOOK, TRAINING_TASK.name: TRAINING_TASK}
"""Each kind by its resource name."""


def reported_image(detail: Mapping[str, Any]) -> dict[str, str]:
    """What ``Describe*`` reports of the image in use: ``{image_type, image_url, image_name}``."""
    info = detail.get("ImageInfo")
    if not isinstance(info, dict):
        return {}
    pairs = (("image_type", "ImageType"), ("image_url", "ImageUrl"), ("image_name", "ImageName"))
    return {k: str(info[a]) for k, a in pairs if isinstance(info.get(a), str) and info[a]}


class Workloads:
    """Notebook and training task operations on one client and workspace (see module docstring)."""

    def __init__(
        self,
        client: TioneClient,
        *,
        workspace: str | None = None,
        wait: WaitPolicy | None = None,
        secrets: Collection[str] = (),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.workspace = workspace
        self.wait = wait or WaitPolicy.from_env()
        self._secrets = tuple(s for s in secrets if s)
        self._sleep = sleep
        self._clock = clock

    # -- notebooks -------------------------------------------------------------------------

    def create_notebook(
        self, spec: NotebookSpec, timeout: float | None = None, delete_timeout: float | None = None,
        *, existing: str | None = None,
    ) -> dict[str, Any]:
        """Create the notebook and wait until it is Running (Stopped with ``running=False``).

        ``delete_timeout`` bounds the cleanup when it fails or times out (default: the delete's).
        ``existing``: the Id of this notebook, already created (adopted): only wait for it.
        """
        timeout = timeout or DEFAULT_TIMEOUTS["notebook.create"]
        target = "Running" if spec.running else "Stopped"
        cleanup = delete_timeout or DEFAULT_TIMEOUTS["notebook.delete"]
        with self._scrubbed():
            return self._create_and_wait(NOTEBOOK, notebook_body(spec), target, timeout, cleanup,
                                         existing=existing)

    def update_notebook(
        self, notebook_id: str, old: NotebookSpec, new: NotebookSpec, timeout: float | None = None
    ) -> dict[str, Any]:
        """Bring the notebook from ``old`` to ``new`` in place; returns its final detail.

        Only tags changed: ``ModifyNotebookTags``. Other fields: stop, ``ModifyNotebook`` with
        the whole object, start again if ``new.running``. ``running`` alone: start or stop.
        """
        timeout = timeout or DEFAULT_TIMEOUTS["notebook.update"]
        deadline = self._clock() + timeout
        target = "Running" if new.running else "Stopped"
        before, after = notebook_body(old, notebook_id), notebook_body(new, notebook_id)
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        with self._scrubbed():
            if changed == {"Tags"}:
                self._call("ModifyNotebookTags", {"Id": notebook_id, "Tags": tags_body(new.tags)})
            elif changed:
                self._converge(NOTEBOOK, notebook_id, "Stopped", deadline, timeout)
                try:
                    self._call("ModifyNotebook", after)
                except TioneError:
                    if old.running:
                        self._restore(notebook_id, deadline, timeout)
                    raise
            return self._require(self._converge(NOTEBOOK, notebook_id, target, deadline, timeout))

    def delete_notebook(self, notebook_id: str, timeout: float | None = None) -> None:
        """Stop (if running) and delete the notebook; return once it is gone."""
        timeout = timeout or DEFAULT_TIMEOUTS["notebook.delete"]
        with self._scrubbed():
            self._converge(NOTEBOOK, notebook_id, GONE, self._clock() + timeout, timeout)

    # -- training tasks --------------------------------------------------------------------

    def create_training_task(
        self, spec: TrainingTaskSpec, timeout: float | None = None, delete_timeout: float | None = None,
        *, existing: str | None = None,
    ) -> dict[str, Any]:
        """Create the task and wait until it reaches ``spec.wait_for`` (cleanup and ``existing``
        as for notebooks)."""
        timeout = timeout or DEFAULT_TIMEOUTS[f"task.{spec.wait_for}"]
        cleanup = delete_timeout or DEFAULT_TIMEOUTS["task.delete"]
        with self._scrubbed():
            return self._create_and_wait(TRAINING_TASK, training_task_body(spec), spec.wait_for, timeout,
                                         cleanup, existing=existing)

    def wait_training_task(self, task_id: str, wait_for: str, timeout: float | None = None) -> dict[str, Any]:
        """Wait until an existing task reaches ``wait_for`` (submitted, running or finished)."""
        timeout = timeout or DEFAULT_TIMEOUTS[f"task.{wait_for}"]
        with self._scrubbed():
            detail = self._converge(TRAINING_TASK, task_id, wait_for, self._clock() + timeout, timeout)
            return self._require(detail)

    def delete_training_task(self, task_id: str, timeout: float | None = None) -> None:
        """Stop (if it runs) and delete the task; return once it is gone."""
        timeout = timeout or DEFAULT_TIMEOUTS["task.delete"]
        with self._scrubbed():
            self._converge(TRAINING_TASK, task_id, GONE, self._clock() + timeout, timeout)

    # -- reading ---------------------------------------------------------------------------

    def describe(self, kind: Kind, object_id: str) -> dict[str, Any] | None:
        """The object's detail, or None when TI-ONE has no object with that id."""
        try:
            response = self._call(kind.describe, {"Id": object_id})
        except ResourceNotFoundError:
            return None
        detail = response.get(kind.detail_key)
        if detail is None:
            return None
        if not isinstance(detail, dict):
            raise MalformedResponseError(f"{kind.describe} returned a {kind.detail_key} that is not "
                                         "an object", endpoint=self.client.endpoint)
        return detail

    def find_tagged(self, kind: Kind, key: str, value: str) -> list[dict[str, Any]]:
        """Every object of ``kind`` carrying tag ``key`` = ``value`` (one page: such tags are unique)."""
        params = {"TagFilters": [{"TagKey": key, "TagValues": [value]}], "Limit": kind.page, "Offset": 0}
        items = self._call(kind.list, params).get(kind.set_key) or []
        if not isinstance(items, list):
            raise MalformedResponseError(f"{kind.list} returned a {kind.set_key} that is not a list",
                                         endpoint=self.client.endpoint)
        return [i for i in items if isinstance(i, dict)]

    def find_by_name(self, kind: Kind, name: str) -> dict[str, Any] | None:
        """The object named exactly ``name`` (names are unique per kind), or None."""
        params = {"Filters": [{"Name": "Name", "Values": [name]}], "Limit": kind.page, "Offset": 0}
        response = self._call(kind.list, params)
        items = response.get(kind.set_key) or []
        if not isinstance(items, list):
            raise MalformedResponseError(f"{kind.list} returned a {kind.set_key} that is not a list",
                                         endpoint=self.client.endpoint)
        return next((i for i in items if isinstance(i, dict) and i.get("Name") == name), None)

    # -- internals -------------------------------------------------------------------------

    def _call(self, action: str, params: Mapping[str, Any], *, idempotent: bool = True) -> dict[str, Any]:
        body = dict(params)
        if self.workspace:
            body.setdefault("TiProjectId", self.workspace)
        return self.client.call(action, body, idempotent=idempotent)

    def _create_and_wait(
        self, kind: Kind, body: dict[str, Any], target: str, timeout: float, cleanup: float,
        *, existing: str | None, name: str | None = None,
    ) -> dict[str, Any]:
        """Create (or adopt ``existing``) and wait for ``target``; ``name``: what a lost answer is
        looked up by (default: the body's ``Name``)."""
        deadline = self._clock() + timeout
        name = name or str(body["Name"])
        object_id = existing or self._create(kind, body, name)
        log.info("%s %s (%s) %s; waiting for %s", kind.label, object_id, name,
                 "adopted" if existing else "created", target)
        try:
            return self._require(self._converge(kind, object_id, target, deadline, timeout, settle=True))
        except TioneError as e:
            raise self._cleaned_up(kind, object_id, e, cleanup) from None

    def _create(self, kind: Kind, body: dict[str, Any], name: str | None = None) -> str:
        """Send the create at most ``CREATE_ATTEMPTS`` times; adopt the object a lost answer made
        (looked up by ``name``, default the body's ``Name``: ``find_by_name``)."""
        name = name or str(body["Name"])
        uncertain: TransientApiError | None = None
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            if uncertain is not None:
                found = self._find_after_lost(kind, name, uncertain)
                if found is not None:
                    return self._adopt(kind, found, name)
                self._sleep(min(self.wait.max_interval, self.wait.initial * attempt))
            try:
                response = self._call(kind.create, body, idempotent=False)
            except ThrottledError:
                if uncertain is None:
                    raise
                continue
            except TransientApiError as e:
                log.info("%s %s: answer lost (%s); looking the name up before anything else",
                         kind.create, name, e.code or type(e).__name__)
                uncertain = e
                continue
            except ApiError as e:
                if e.code not in _DUPLICATE_CODES:
                    if uncertain is not None:
                        found = self._find_after_lost(kind, name, uncertain)
                        if found is not None:
                            return self._adopt(kind, found, name)
                    raise
                if uncertain is not None:
                    return self._adopt_after_duplicate(kind, name)
                raise NameConflictError(
                    f"a {kind.label} named {name!r} already exists and was not created by this "
                    f"operation ({e.code}); choose another name (or omit `name` to get a generated "
                    "one), or delete the existing one") from None
            object_id = kind.created_id(response)
            if not isinstance(object_id, str) or not object_id:
                raise MalformedResponseError(f"{kind.create} answered without an Id",
                                             endpoint=self.client.endpoint)
            return object_id
        assert uncertain is not None
        found = self._find_after_lost(kind, name, uncertain)
        if found is not None:
            return self._adopt(kind, found, name)
        raise type(uncertain)(
            f"{kind.create} for {name!r} failed {CREATE_ATTEMPTS} times ({uncertain.summary}); no "
            f"{kind.label} with that name exists, so nothing was left behind — try again later",
            code=uncertain.code, request_id=uncertain.request_id, endpoint=uncertain.endpoint)

    def _find_after_lost(self, kind: Kind, name: str, lost: TransientApiError) -> dict[str, Any] | None:
        """Look the name up after a create whose answer was lost; if even that fails, say so."""
        try:
            return self.find_by_name(kind, name)
        except TioneError as e:
            raise WorkloadError(
                f"{kind.create} for {name!r} may have created it (its answer was lost: {lost.summary}) "
                f"and TI-ONE could not be asked whether it did ({e}); look for a {kind.label} named "
                f"{name!r} (tccli tione {kind.list} --Filters '[{{\"Name\":\"Name\",\"Values\":"
                f"[\"{name}\"]}}]') and delete it before running the operation again") from None

    def _adopt(self, kind: Kind, found: Mapping[str, Any], name: str) -> str:
        object_id = found.get("Id")
        if not isinstance(object_id, str) or not object_id:
            raise MalformedResponseError(f"{kind.list} listed {name!r} without an Id",
                                         endpoint=self.client.endpoint)
        log.info("adopted %s %s (%s) created by a create whose answer was lost", kind.label, object_id, name)
        return object_id

    def _adopt_after_duplicate(self, kind: Kind, name: str) -> str:
        """A re-sent create says the name exists: it is the earlier attempt's object; find it."""
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            found = self.find_by_name(kind, name)
            if found is not None:
                return self._adopt(kind, found, name)
            self._sleep(min(self.wait.max_interval, self.wait.initial * attempt))
        raise WorkloadError(
            f"TI-ONE says a {kind.label} named {name!r} exists (most likely made by this operation's "
            f"create whose answer was lost), but does not list it; it is not in the stack's state: "
            f"look for it (tccli tione {kind.list} --Filters '[{{\"Name\":\"Name\",\"Values\":"
            f"[\"{name}\"]}}]') and delete it before running the operation again")

    def _converge(
        self, kind: Kind, object_id: str, target: str, deadline: float, timeout: float,
        *, settle: bool = False,
    ) -> dict[str, Any] | None:
        """Poll and act until the object reaches ``target``; None once it is gone (target GONE).

        ``settle``: the object was just created, so the first poll waits one interval.
        """
        interval, last_status, refusals, checked_at_once = self.wait.initial, "", 0, False
        if settle:
            self._sleep(min(interval, max(0.0, deadline - self._clock())))
            interval = min(self.wait.max_interval, interval * self.wait.factor)
        while True:
            detail = self.describe(kind, object_id)
            if detail is None:
                if target == GONE:
                    return None
                raise WorkloadError(f"{kind.label} {object_id} disappeared (deleted outside this "
                                    f"operation?) while waiting for it to be {target}")
            status = str(detail.get("Status") or "")
            if status != last_status:
                if last_status:
                    interval = self.wait.initial
                last_status, refusals = status, 0
            step = kind.plan(status, target)
            if step == _DONE:
                return detail
            if step == _FAIL:
                raise self._failed(kind, object_id, detail, target)
            if step != _WAIT:
                streak = 0 if status in kind.moving else refusals
                refusals, accepted = self._act(kind, step, object_id, streak)
                if accepted and step == kind.delete and not checked_at_once:
                    checked_at_once = True
                    continue
            now = self._clock()
            if now >= deadline:
                raise WaitTimeoutError(
                    f"{kind.label} {object_id} is still {status or 'without a status'} after "
                    f"{timeout:g}s waiting for {target}; raise the resource's timeouts if TI-ONE "
                    "needs longer (capacity shortage keeps objects Starting/PENDING)")
            self._sleep(min(interval, deadline - now))
            interval = min(self.wait.max_interval, interval * self.wait.factor)

    def _act(self, kind: Kind, action: str, object_id: str, refusals: int) -> tuple[int, bool]:
        """Send Start/Stop/Delete; a lost or refused answer is left to the next Describe.

        Returns the refusals in a row so far and whether the action was accepted (a Delete that
        was is checked at once: the object is usually gone already).
        """
        try:
            self._call(action, {"Id": object_id}, idempotent=False)
        except (AuthError, RequestRejectedError):
            raise
        except ResourceNotFoundError:
            return 0, False
        except TransientApiError as e:
            log.info("%s %s: %s; checking the status again", action, object_id, e.code or e)
            return refusals, False
        except ApiError as e:
            if not (e.code or "").startswith(_STATE_REFUSALS) or refusals + 1 >= MAX_ACTION_ERRORS:
                raise
            log.info("%s %s refused (%s); checking the status again", action, object_id, e.code)
            return refusals + 1, False
        return 0, True

    def _failed(
        self, kind: Kind, object_id: str, detail: Mapping[str, Any], target: str
    ) -> WorkloadFailedError:
        status = str(detail.get("Status") or "")
        reason = detail.get("FailureReason") or detail.get("Message") or None
        reason = str(reason) if reason else None
        why = f": {clause(reason)}" if reason else " (TI-ONE gave no FailureReason)"
        return WorkloadFailedError(f"{kind.label} {object_id} is {status} instead of {target}{why}",
                                   object_id=object_id, status=status, failure_reason=reason)

    def _cleaned_up(self, kind: Kind, object_id: str, error: TioneError, timeout: float) -> WorkloadError:
        """Delete the object whose wait failed during create, so that nothing is orphaned."""
        try:
            self._converge(kind, object_id, GONE, self._clock() + timeout, timeout)
        except TioneError as e:
            note = (f"; deleting it failed too ({e}) — delete {object_id} yourself (console or "
                    f"tccli tione {kind.delete} --Id {object_id})")
        else:
            note = "; it was deleted again, so nothing is left behind"
        message = f"{clause(error)}{note}"
        if isinstance(error, WorkloadFailedError):
            return WorkloadFailedError(message, object_id=error.object_id, status=error.status,
                                       failure_reason=error.failure_reason)
        if isinstance(error, WaitTimeoutError):
            return WaitTimeoutError(message)
        return WorkloadError(f"{kind.label} {object_id} was created, but waiting for it failed: {message}")

    def _restore(self, notebook_id: str, deadline: float, timeout: float) -> None:
        """Best effort: start a notebook again after a failed modification stopped it."""
        try:
            self._converge(NOTEBOOK, notebook_id, "Running", deadline, timeout)
        except TioneError as e:
            log.warning("could not start notebook %s again after the failed update: %s", notebook_id, e)

    @staticmethod
    def _require(detail: dict[str, Any] | None) -> dict[str, Any]:
        if detail is None:
            raise WorkloadError("the object disappeared while it was being waited for")
        return detail

    @contextmanager
    def _scrubbed(self) -> Iterator[None]:
        """Re-raise errors whose message contains a secret value with the value redacted."""
        try:
            yield
        except TioneError as e:
            text = str(e)
            if not any(s in text for s in self._secrets):
                raise
            for secret in self._secrets:
                text = text.replace(secret, "<redacted>")
            raise WorkloadError(text) from None
