"""SIGKILL ``pulumi up`` while a notebook create is in flight, then recover as documented.

What is simulated: a crash of the user's machine (or a ``kill -9`` of the whole session). The
``pulumi`` CLI, its language host, the program and every provider plugin it started are
SIGKILLed at once (``kill_tree``: the plugins run in process groups of their own, so a SIGKILL
to ``pulumi`` alone would leave them running — they are found through ``/proc``). The kill comes
once ``CreateNotebook`` has reached the emulator, which holds the notebook in its transitional
statuses for a few seconds, so the provider is still waiting and the engine has recorded only a
pending create.

Recovery, as docs/workloads.md ("A killed `pulumi up`") and docs/native-provider.md say:

- native plugin (YAML program): ``pulumi cancel`` if the stack is still locked, ``pulumi up`` (the
  plugin adopts the object it tagged with the resource's owner tag), then ``pulumi refresh
  --clear-pending-creates`` drops the stale pending operation;
- dynamic provider (Python program): the same route. The resource classes send their URN as an
  input, so the dynamic provider tags and names what it creates from it and adopts it on the next
  ``up`` like the native plugin. (``pulumi refresh --import-pending-creates URN
  --import-pending-creates ID`` is no route under Pulumi 3.277: the CLI marks the pending create
  "importing", but no part of the engine reads such an operation and only "creating" ones are
  carried into the new checkpoint, so the refresh drops it with no provider call and no error,
  for any provider — engine/README.md.)

Either way: exactly one notebook in the state and in the emulator, and ``destroy`` leaves none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import Emulator
from tests.support.pulumi_cli import (
    Pulumi,
    alive_below,
    kill_tree,
    project,
    resources,
    stack_locks,
    wait_for,
)

NATIVE = "tione:index:Notebook"
DYNAMIC = "pulumi-python:dynamic/tione:Notebook"
STEP_SECONDS = 4.0
"""How long each transitional status lasts: the create is still waiting when the kill comes."""


def _creates(emu: Emulator) -> int:
    return sum((emu.stats().get("actions") or {}).get("CreateNotebook", {}).values())


def _kill_during_create(cli: Pulumi, proj: Path, emu: Emulator) -> None:
    """Start ``up``, SIGKILL the whole session once CreateNotebook reached the emulator."""
    proc = cli.popen("up", "--yes", "--skip-preview", cwd=proj)
    try:
        wait_for(lambda: _creates(emu) >= 1 or proc.poll() is not None, 240,
                 "CreateNotebook to reach the emulator")
        assert proc.poll() is None, "up finished before the kill:\n" + proc.communicate()[0]
    finally:
        kill_tree(proc.pid)
        proc.communicate(timeout=60)
    assert len(emu.objects()) == 1
    wait_for(lambda: not alive_below(proc.pid), 30, "the killed session's processes to go")


def _pending(cli: Pulumi, proj: Path) -> list[dict[str, Any]]:
    return list(cli.export(proj)["deployment"].get("pending_operations") or [])


def _unlock(cli: Pulumi, proj: Path) -> None:
    """``pulumi cancel`` if the killed update left the stack locked (the CLI says so)."""
    if stack_locks(cli):
        cli.run("cancel", "--yes", cwd=proj)
    assert stack_locks(cli) == []


def _one_notebook(cli: Pulumi, proj: Path, emu: Emulator, type_: str) -> str:
    document = cli.export(proj)
    recorded = resources(document, type_)
    live = emu.objects()
    assert len(recorded) == 1, recorded
    assert [o["Id"] for o in live] == [recorded[0]["id"]], live
    assert not document["deployment"].get("pending_operations")
    return str(recorded[0]["id"])


@pytest.fixture
def slow_emu(emu: Emulator, cli: Pulumi) -> Emulator:
    """The session emulator with notebooks held a few seconds in each transitional status."""
    emu.set_timing(step_seconds=STEP_SECONDS)
    return emu


def test_killed_up_native_yaml_adopts(cli: Pulumi, workdir: Path, slow_emu: Emulator) -> None:
    proj = project("yaml-notebook", workdir)
    cli.stack_init(proj)
    _kill_during_create(cli, proj, slow_emu)
    _unlock(cli, proj)
    pending = _pending(cli, proj)
    assert [p["type"] for p in pending] == ["creating"], pending
    assert pending[0]["resource"]["type"] == NATIVE

    slow_emu.reset_stats()
    cli.run("up", "--yes", "--skip-preview", cwd=proj)
    assert _creates(slow_emu) == 0  # adopted, not created again
    cli.run("refresh", "--yes", "--clear-pending-creates", cwd=proj)
    _one_notebook(cli, proj, slow_emu, NATIVE)
    cli.run("up", "--yes", "--expect-no-changes", cwd=proj)

    cli.run("destroy", "--yes", cwd=proj)
    assert slow_emu.objects() == []


def test_killed_up_dynamic_python_adopts(cli: Pulumi, workdir: Path, slow_emu: Emulator) -> None:
    proj = project("notebook", workdir)
    cli.stack_init(proj)
    _kill_during_create(cli, proj, slow_emu)
    _unlock(cli, proj)
    pending = _pending(cli, proj)
    assert [p["type"] for p in pending] == ["creating"], pending
    assert pending[0]["resource"]["type"] == DYNAMIC
    [orphan] = slow_emu.objects()

    slow_emu.reset_stats()
    cli.run("up", "--yes", "--skip-preview", cwd=proj)
    assert _creates(slow_emu) == 0  # adopted (owner tag from the URN the resource sends), not created again
    cli.run("refresh", "--yes", "--clear-pending-creates", cwd=proj)
    assert _one_notebook(cli, proj, slow_emu, DYNAMIC) == orphan["Id"]
    cli.run("up", "--yes", "--expect-no-changes", cwd=proj)

    cli.run("destroy", "--yes", cwd=proj)
    assert slow_emu.objects() == []
