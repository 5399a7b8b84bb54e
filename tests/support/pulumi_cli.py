"""The real Pulumi CLI for end-to-end tests: the pinned engine (``make engine``) on a local backend.

``Pulumi`` runs ``.engine/bin/pulumi`` as a user would, with:

- a temporary ``PULUMI_HOME`` and a ``file://`` backend in a temporary folder, a passphrase, no
  update check, no plugin download, no registry lookups, non-interactive;
- ``PATH`` = the engine's folder, then the project venv's ``bin`` (where ``pip install`` put
  ``pulumi-resource-tione`` and ``tione-images``), then the system's;
- the emulator's client environment (``TIONE_ENDPOINT``, region, its fake key pair) when given.

Every command has a time limit; on expiry the whole process group is killed (the CLI and the
plugins it started, which run in process groups of their own, are found through ``/proc``) and
the test fails with the command's output. ``project`` copies an example into a temporary folder
and points its Python ``virtualenv`` at the project venv, so no example venv has to be built.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.env import provider_env

ROOT = Path(__file__).resolve().parents[2]
ENGINE_BIN = Path(os.environ.get("ENGINE_BIN") or ROOT / ".engine" / "bin")
VENV_BIN = ROOT / ".venv" / "bin"
PASSPHRASE = "e2e-passphrase"
DEFAULT_TIMEOUT = 300.0


def require_engine() -> Path:
    """The pinned ``pulumi``; a missing engine is a failure (``make engine``), never a skip."""
    pulumi = ENGINE_BIN / "pulumi"
    if not os.access(pulumi, os.X_OK):
        raise AssertionError(f"the pinned Pulumi engine is missing ({pulumi}): run `make engine` "
                             "(make test does it first)")
    return pulumi


@dataclass
class Result:
    """A finished CLI command: its arguments, exit status and output."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """stdout and stderr together, for messages and assertions."""
        return self.stdout + self.stderr

    def json(self) -> Any:
        """stdout as JSON (``--json`` commands, ``stack export``)."""
        return json.loads(self.stdout)


class CommandFailed(AssertionError):
    """A CLI command that was expected to succeed failed or timed out."""


def _descendants(pid: int) -> list[int]:
    """Every process whose ancestry reaches ``pid`` (plugins start their own process groups)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_tree(pid: int) -> None:
    """SIGKILL ``pid`` and every process below it."""
    for victim in [pid, *_descendants(pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(victim, signal.SIGKILL)


@dataclass
class Pulumi:
    """The pinned CLI with an isolated home and a local file backend (see the module docstring)."""

    home: Path
    emulator_env: Mapping[str, str] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.binary = require_engine()
        self.state = self.home / "state"
        self.pulumi_home = self.home / "pulumi-home"
        self.state.mkdir(parents=True, exist_ok=True)
        self.pulumi_home.mkdir(parents=True, exist_ok=True)

    @property
    def env(self) -> dict[str, str]:
        """The environment every command runs with."""
        path = os.pathsep.join([str(ENGINE_BIN), str(VENV_BIN), os.environ.get("PATH", "")])
        env = provider_env(
            PATH=path,
            PULUMI_HOME=str(self.pulumi_home),
            PULUMI_BACKEND_URL=f"file://{self.state}",
            PULUMI_CONFIG_PASSPHRASE=PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK="true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
            PULUMI_DISABLE_REGISTRY_RESOLVE="true",
            PULUMI_SKIP_CONFIRMATIONS="true",
            PULUMI_COPILOT="false",
            NO_COLOR="1",
        )
        env.pop("VIRTUAL_ENV", None)
        env.update(self.emulator_env)
        env.update(self.extra_env)
        return env

    def popen(self, *args: str, cwd: Path) -> subprocess.Popen[str]:
        """Start a command without waiting (for the kill tests)."""
        return subprocess.Popen([str(self.binary), *args], cwd=cwd, env=self.env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)

    def run(self, *args: str, cwd: Path, check: bool = True, timeout: float = DEFAULT_TIMEOUT,
            input: str | None = None) -> Result:
        """Run ``pulumi ARGS`` in ``cwd``; ``check``: fail the test on a non-zero exit."""
        proc = subprocess.Popen([str(self.binary), *args], cwd=cwd, env=self.env, text=True,
                                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            stdout, stderr = proc.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(proc.pid)
            stdout, stderr = proc.communicate()
            raise CommandFailed(f"`pulumi {' '.join(args)}` did not finish in {timeout:g} s:\n"
                                f"{stdout}\n{stderr}") from None
        result = Result([*args], proc.returncode, stdout, stderr)
        if check and proc.returncode != 0:
            raise CommandFailed(f"`pulumi {' '.join(args)}` exited {proc.returncode}:\n"
                                f"{stdout}\n{stderr}")
        return result

    def shell(self, script: str, cwd: Path, check: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Result:
        """Run a ``bash -euo pipefail`` script with this CLI's environment (``pulumi`` first on PATH),
        as a CI job or a user's shell would; killed with everything it started on timeout."""
        proc = subprocess.Popen(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=self.env,
                                text=True, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(proc.pid)
            stdout, stderr = proc.communicate()
            raise CommandFailed(f"script did not finish in {timeout:g} s:\n{script}\n{stdout}\n{stderr}"
                                ) from None
        result = Result(["bash", "-c", script], proc.returncode, stdout, stderr)
        if check and proc.returncode != 0:
            raise CommandFailed(f"script exited {proc.returncode}:\n{script}\n{stdout}\n{stderr}")
        return result

    def stack_init(self, cwd: Path, stack: str = "e2e", config: Mapping[str, str] | None = None,
                   secrets: Mapping[str, str] | None = None) -> None:
        """``pulumi stack init`` plus ``config set`` (and ``config set --secret``)."""
        self.run("stack", "init", stack, cwd=cwd)
        for key, value in (config or {}).items():
            self.run("config", "set", key, value, "--stack", stack, cwd=cwd)
        for key, value in (secrets or {}).items():
            self.run("config", "set", "--secret", key, value, "--stack", stack, cwd=cwd)

    def export(self, cwd: Path, stack: str = "e2e") -> dict[str, Any]:
        """``pulumi stack export`` as a document."""
        return dict(self.run("stack", "export", "--stack", stack, cwd=cwd).json())

    def state_file(self, project: str, stack: str = "e2e") -> Path:
        """The backend's checkpoint file of a stack."""
        return self.state / ".pulumi" / "stacks" / project / f"{stack}.json"


def resources(document: Mapping[str, Any], type_: str | None = None) -> list[dict[str, Any]]:
    """The resources of a ``stack export`` document (of one type token when given)."""
    found = document.get("deployment", {}).get("resources") or []
    return [r for r in found if type_ is None or r.get("type") == type_]


_CHANGE = re.compile(r"^\s*([+\-~]|\+-|-\+)\s", re.MULTILINE)


def summary(result: Result) -> dict[str, int]:
    """The change counts of ``preview/up --json`` output (``changeSummary``/``steps``)."""
    document = result.json()
    counts = document.get("changeSummary") or document.get("summary", {}).get("resourceChanges")
    return dict(counts or {})


def project(example: Path | str, dest: Path, *, virtualenv: Path | None = None) -> Path:
    """Copy an example (relative to ``examples/`` or a path) into ``dest``; a Python project's
    ``virtualenv`` option is pointed at ``virtualenv`` (default: the project venv)."""
    source = Path(example) if Path(example).is_absolute() else ROOT / "examples" / str(example)
    target = dest / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(
        "venv", "node_modules", "__pycache__", "Pulumi.*.yaml", "sdks"))
    descriptor = target / "Pulumi.yaml"
    text = descriptor.read_text(encoding="utf-8")
    if re.search(r"^\s*virtualenv:", text, re.MULTILINE):
        venv = virtualenv or ROOT / ".venv"
        text = re.sub(r"^(\s*virtualenv:).*$", rf"\1 {venv}", text, flags=re.MULTILINE)
        descriptor.write_text(text, encoding="utf-8")
    return target


def wait_for(predicate: Any, timeout: float, what: str, interval: float = 0.05) -> Any:
    """Poll ``predicate()`` until it returns a true value (returned) or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


def mutating(stats: Mapping[str, Any]) -> dict[str, int]:
    """The emulator's successful mutating calls (Create*/Modify*/Delete*/Start*/Stop*) by action."""
    out: dict[str, int] = {}
    for action, outcomes in (stats.get("actions") or {}).items():
        if action.startswith(("Create", "Modify", "Delete", "Start", "Stop", "Push")):
            out[action] = sum(outcomes.values())
    return out


def iter_json_lines(text: str) -> Iterator[dict[str, Any]]:
    """The JSON objects of a ``--json`` event stream, one per line (other lines skipped)."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def emulator_env(url: str, region: str, secret_id: str, secret_key: str) -> dict[str, str]:
    """What the emulator's banner exports: a client's environment for it."""
    return {"TIONE_ENDPOINT": url, "TENCENTCLOUD_REGION": region,
            "TENCENTCLOUD_SECRET_ID": secret_id, "TENCENTCLOUD_SECRET_KEY": secret_key}


def args_of(*groups: Sequence[str]) -> list[str]:
    """Flatten argument groups (readability helper for long command lines)."""
    return [arg for group in groups for arg in group]


# -- i-e2eb: killed sessions (tests/e2e/test_kill_engine.py) ---------------------------------

def stack_locks(cli: Pulumi) -> list[Path]:
    """The lock files of the file backend (a killed ``up`` leaves its own behind)."""
    return sorted((cli.state / ".pulumi" / "locks").rglob("*.json"))


def alive_below(pid: int) -> list[int]:
    """The processes still running below ``pid`` (the plugins of a killed session)."""
    return _descendants(pid)


SECRET_SIG = "4dabf18193072939515e22adb298388d"
"""The key that marks a secret value in state (its ciphertext changes at every checkpoint)."""


def outputs_by_urn(document: Mapping[str, Any]) -> dict[str, Any]:
    """Each resource's URN and outputs, every secret shown as ``"[secret]"``: the engine re-encrypts
    secrets with a new nonce at each checkpoint, so equal values have different ciphertexts."""
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            if SECRET_SIG in value:
                return "[secret]"
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value
    return {r["urn"]: plain(r.get("outputs")) for r in resources(document)}
