"""The workload half of ``tione-images demo``: a notebook and a training task on a platform image,
and a model service on an Inference image.

``run_workloads`` creates them on the given endpoint (the demo's in-process emulator) through
``Workloads``/``ModelServices`` — the code ``tione.Notebook``/``tione.TrainingTask``/
``tione.ModelService`` run in ``pulumi up`` and ``pulumi destroy`` — waits for them, then tears
them down, and reports what happened.

``run_stack`` is the stack half: where a Pulumi CLI is at hand (``find_pulumi``: ``--pulumi``, env
``TIONE_DEMO_PULUMI``, the pinned ``.engine/bin/pulumi`` that ``make engine`` builds, or ``pulumi``
on PATH), it deploys and destroys the quickstart stack for real on the same emulator, with a local
file backend and a PULUMI_HOME in a temporary directory, every step bounded in time.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi_tione.images.catalog import ProcessState
from pulumi_tione.images.models import PlatformImageInfo

from .bodies import notebook_body, training_task_body
from .models import ModelServiceSpec, NotebookSpec, TrainingTaskSpec, platform_image_ref
from .ops import Workloads
from .services import ModelServices, service_body

__all__ = [
    "DemoObject", "DemoResult", "DemoStackError", "FoundPulumi", "StackResult", "checkout_root",
    "find_pulumi", "run_stack", "run_workloads", "stack_environment",
]

INSTANCE_TYPE = "TI.GN10.2XLARGE40.POST"


@dataclass(frozen=True)
class DemoObject:
    """One object the demo created: kind, name, id, the status create waited for, the image sent."""

    kind: str
    name: str
    object_id: str
    status: str
    image_sent: str


@dataclass(frozen=True)
class DemoResult:
    """What the demo did: the objects, and the requests that creating and deleting them took."""

    objects: list[DemoObject]
    requests: int


def _image_sent(body: Mapping[str, Any]) -> str:
    if "ImageInfo" in body:
        return ", ".join(f"{k}={v}" for k, v in body["ImageInfo"].items())
    keys = ("FrameworkName", "FrameworkEnvironment", "FrameworkVersion")
    return ", ".join(f"{k}={body[k]}" for k in keys if k in body)


def run_workloads(config: Mapping[str, str], image: PlatformImageInfo, state: ProcessState,
                  inference: PlatformImageInfo | None = None) -> DemoResult:
    """Create a notebook and a training task on ``image`` (and a model service on ``inference``),
    wait, delete them all; report."""
    client = state.client_for(config, None)
    workloads = Workloads(client)
    services = ModelServices(client)
    ref = platform_image_ref(image)
    notebook = NotebookSpec(name="demo-notebook", charge_type="POSTPAID_BY_HOUR", image=ref,
                            resource_conf={"instance_type": INSTANCE_TYPE}, volume_size_in_gb=50,
                            tags={"demo": "pulumi-tione"})
    task = TrainingTaskSpec(name="demo-finetune", charge_type="POSTPAID_BY_HOUR", image=ref,
                            training_mode="DDP", start_cmd_info={"start_cmd": "torchrun train.py"},
                            resource_config_infos=[{"role": "WORKER", "instance_type": INSTANCE_TYPE,
                                                    "instance_num": 2}])
    with ThreadPoolExecutor(max_workers=2) as pool:
        made_notebook = pool.submit(workloads.create_notebook, notebook)
        made_task = pool.submit(workloads.create_training_task, task)
        nb, tt = made_notebook.result(), made_task.result()
        objects = [
            DemoObject("notebook", notebook.name or "", str(nb["Id"]), str(nb["Status"]),
                       _image_sent(notebook_body(notebook))),
            DemoObject("training task", task.name or "", str(tt["Id"]), str(tt["Status"]),
                       _image_sent(training_task_body(task))),
        ]
        deleted = [pool.submit(workloads.delete_notebook, str(nb["Id"])),
                   pool.submit(workloads.delete_training_task, str(tt["Id"]))]
        if inference is not None:
            objects.append(_serve(services, inference))
        for future in deleted:
            future.result()
    return DemoResult(objects, client.stats.requests)


def _serve(services: ModelServices, image: PlatformImageInfo) -> DemoObject:
    """Create a one-replica service on ``image`` (a new group), wait until Normal, delete it and its group."""
    spec = ModelServiceSpec(name="demo-serve", charge_type="POSTPAID_BY_HOUR",
                            image=platform_image_ref(image), instance_type="TI.S.MEDIUM.POST", replicas=1,
                            tags={"demo": "pulumi-tione"})
    made = services.create_service(spec)
    body = service_body(spec.model_dump(exclude_none=True, mode="json"))
    services.delete_service(str(made["Id"]), str(made["ServiceGroupId"]), drop_group=True)
    return DemoObject("model service", spec.name or "", str(made["Id"]), str(made["Status"]),
                      _image_sent(body))


# -- the stack half: the quickstart stack under a real Pulumi CLI -----------------------------

PULUMI_ENV = "TIONE_DEMO_PULUMI"
"""Environment variable naming the ``pulumi`` executable the demo uses (like ``--pulumi``)."""
ENGINE_PULUMI = Path(".engine") / "bin" / "pulumi"
"""Where ``make engine`` puts the pinned Pulumi CLI, relative to the checkout."""
STACK = "demo"
STEP_TIMEOUTS: dict[str, float] = {"stack init": 60, "up": 300, "stack output": 60, "destroy": 300,
                                   "stack rm": 60}
"""The bound, in seconds, on each ``pulumi`` step (a step that overruns is killed and reported)."""


class DemoStackError(Exception):
    """The stack half of the demo could not run or failed; the message says which step and why."""


@dataclass(frozen=True)
class FoundPulumi:
    """The ``pulumi`` the demo will run (``path`` None: none found) and where it was found."""

    path: str | None
    source: str


def checkout_root() -> Path | None:
    """The checkout holding the quickstart stack (``Pulumi.yaml`` and ``examples/quickstart``): the
    current directory or the one this package was installed from in editable mode; None for a
    wheel install run elsewhere."""
    for root in (Path.cwd(), Path(__file__).resolve().parents[3]):
        program = root / "examples" / "quickstart" / "__main__.py"
        if (root / "Pulumi.yaml").is_file() and program.is_file():
            return root
    return None


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_pulumi(given: str | None, root: Path | None) -> FoundPulumi:
    """The ``pulumi`` to run: ``given`` (``--pulumi``), else env ``TIONE_DEMO_PULUMI``, else the
    pinned one ``make engine`` builds (``.engine/bin/pulumi`` in the checkout), else ``pulumi`` on
    PATH. A given path that is not an executable is an error (DemoStackError), not a fallback."""
    from_env = os.environ.get(PULUMI_ENV) or None
    for value, source in ((given, "--pulumi"), (from_env, f"env {PULUMI_ENV}")):
        if value is None:
            continue
        path = shutil.which(value) if os.sep not in value else value
        if path is None or not _executable(path):
            raise DemoStackError(f"{source} is {value!r}, which is not an executable file; give the "
                                 "path of a `pulumi` binary (`make engine` builds one in .engine/bin)")
        return FoundPulumi(os.path.abspath(path), source)
    if root is not None and _executable(str(root / ENGINE_PULUMI)):
        return FoundPulumi(str(root / ENGINE_PULUMI), f"the pinned engine ({ENGINE_PULUMI})")
    on_path = shutil.which("pulumi")
    return FoundPulumi(on_path, "PATH") if on_path else FoundPulumi(None, "")


def _project(root: Path, into: Path) -> Path:
    """A copy of the quickstart project in ``into``: the repository's ``Pulumi.yaml`` runs
    ``examples/quickstart`` with ``.venv``; the copy runs the same program with this interpreter's
    environment, so nothing is written into the checkout (no ``Pulumi.<stack>.yaml``)."""
    project = into / "project"
    project.mkdir()
    shutil.copy(root / "examples" / "quickstart" / "__main__.py", project / "__main__.py")
    options = "    toolchain: pip\n"
    if sys.prefix != sys.base_prefix:  # a virtualenv: the language host runs its python
        options += f"    virtualenv: {json.dumps(sys.prefix)}\n"
    (project / "Pulumi.yaml").write_text(
        "name: pulumi-tione-quickstart\n"
        "description: The quickstart stack (examples/quickstart), deployed by `tione-images demo`.\n"
        f"runtime:\n  name: python\n  options:\n{options}", encoding="utf-8")
    return project


def stack_environment(pulumi: str, home: Path, backend: Path,
                      emulator: Mapping[str, str]) -> dict[str, str]:
    """The environment of every ``pulumi`` step: a local file backend and a PULUMI_HOME of its
    own (no Pulumi Cloud, no login), a passphrase for the stack's secrets, no update check, no
    plugin download, and the emulator's endpoint, region and fake key pair for the provider."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "TENCENTCLOUD_", "TIONE_"))}
    path = os.pathsep.join([os.path.dirname(pulumi), os.path.dirname(sys.executable), env.get("PATH", "")])
    env.update({
        "PATH": path,  # the language hosts next to the CLI, and this environment's python
        "PULUMI_BACKEND_URL": backend.as_uri(),
        "PULUMI_HOME": str(home),
        "PULUMI_CONFIG_PASSPHRASE": "tione-demo",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_PYTHON_CMD": sys.executable,
        **emulator,
    })
    return env


@dataclass(frozen=True)
class StackResult:
    """The quickstart stack's ``image_url`` output, and the requests its up and destroy took."""

    image_url: str
    requests: int


def run_stack(pulumi: str, root: Path, emulator: Mapping[str, str], say: Callable[[str], None],
              requests: Callable[[], int], *, timeouts: Mapping[str, float] | None = None) -> StackResult:
    """``pulumi stack init``, ``up``, ``stack output``, ``destroy`` and ``stack rm`` of the quickstart
    stack, in a temporary directory (project copy, state, PULUMI_HOME) removed afterwards. Each step
    is printed with its output and bounded (``timeouts``, default ``STEP_TIMEOUTS``); once ``up``
    has started, ``destroy`` runs even if a step fails. Raises DemoStackError naming the step that
    failed."""
    with tempfile.TemporaryDirectory(prefix="tione-demo-") as tmp:
        base = Path(tmp)
        (base / "state").mkdir()
        (base / "home").mkdir()
        project = _project(root, base)
        env = stack_environment(pulumi, base / "home", base / "state", emulator)
        say(f"  project: a copy of examples/quickstart in {project}; state: {env['PULUMI_BACKEND_URL']}\n")
        before = requests()

        def step(*argv: str) -> str:
            name = " ".join(a for a in argv[:2] if not a.startswith("-"))
            command = [pulumi, *argv, "--non-interactive"]
            say("$ pulumi " + " ".join(command[1:]))
            timeout = {**STEP_TIMEOUTS, **(timeouts or {})}.get(name, 60)
            try:  # its own process group: a step that overruns is killed with the hosts it started
                proc = subprocess.Popen(command, cwd=project, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)
            except OSError as e:
                raise DemoStackError(f"cannot run {pulumi}: {e.strerror or e}") from None
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.communicate(timeout=5)  # what it printed before; closes the pipes
                for stream in (proc.stdout, proc.stderr):
                    if stream is not None:
                        stream.close()
                proc.wait()
                raise DemoStackError(
                    f"`pulumi {name}` did not finish within {timeout:g} s (killed)") from None
            output = (out + err).rstrip()
            if output:
                say("\n".join("    " + line for line in output.splitlines()))
            if proc.returncode != 0:
                raise DemoStackError(f"`pulumi {name}` failed (exit {proc.returncode}); its output is above")
            return out.strip()

        step("stack", "init", STACK)
        try:
            step("up", "--yes", "--stack", STACK)
            image_url = step("stack", "output", "image_url", "--stack", STACK)
        finally:
            step("destroy", "--yes", "--stack", STACK)
            step("stack", "rm", STACK, "--yes")
        return StackResult(image_url, requests() - before)
