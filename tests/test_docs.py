"""The README and docs/ stay true (issue 16 §4): every relative link resolves (file and heading),
and every code block marked runnable runs.

A block is runnable when the line before its opening fence is ``<!-- runnable -->``. It runs in
``bash -euo pipefail`` from the repository root, as a user would paste it, in its own process
group; what it starts in the background (the emulator) it must stop itself before it ends — the
test fails when a process of the group is left running (and stops it) — with
the test's isolated environment (no credentials, a temporary HOME and TMPDIR) and a PATH without
the project venv: the block must activate it itself.

A block marked ``<!-- runnable: continues -->`` goes on in the shell of the runnable block above it,
as a user pastes both into one shell (the README's ``pulumi login --local … pulumi destroy`` block
uses the emulator the offline block started): the pair runs as one script, the first block alone
too. The pinned Pulumi engine (``make engine``) comes first on PATH, offline (no update check, no
plugin download); the pair's stack lives in the temporary HOME (``pulumi login --local``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.pulumi_cli import ENGINE_BIN, require_engine
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "CHANGELOG.md"]
MARKER = "<!-- runnable -->"
CONTINUES = "<!-- runnable: continues -->"
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^(```+|~~~+)")
README_LINES_TOP = 130


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _prose(text: str) -> list[str]:
    """The lines outside fenced code blocks."""
    lines, fence = [], None
    for line in text.splitlines():
        opened = _FENCE.match(line.strip())
        if opened and (fence is None or opened.group(1).startswith(fence)):
            fence = None if fence else opened.group(1)
            continue
        if fence is None:
            lines.append(line)
    return lines


def _anchors(path: Path) -> set[str]:
    lines = _prose(path.read_text(encoding="utf-8"))
    return {_slug(line.lstrip("#")) for line in lines if line.startswith("#")}


def _links(path: Path) -> list[str]:
    prose = "\n".join(_prose(path.read_text(encoding="utf-8")))
    prose = re.sub(r"`[^`\n]*`", "", prose)  # code spans are not links
    return _LINK.findall(prose)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(document: Path) -> None:
    broken = []
    for target in _links(document):
        if re.match(r"^[a-z]+:", target):
            continue  # https://, mailto: ... are not checked offline
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {linked.relative_to(ROOT)}")
    assert not broken, f"{document.relative_to(ROOT)}: " + "; ".join(broken)


def _runnable_blocks(path: Path) -> list[str]:
    """The runnable blocks of ``path``; a continuing block is appended to the one above it (both
    run in one shell), after that one alone."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[str] = []
    for i, line in enumerate(lines):
        if line.strip() in (MARKER, CONTINUES):
            assert lines[i + 1].startswith("```bash"), f"{path.name}:{i + 1}: {line.strip()} precedes ```bash"
            end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith("```"))
            block = "\n".join(lines[i + 2:end])
            if line.strip() == CONTINUES:
                assert blocks, f"{path.name}:{i + 1}: {CONTINUES} needs a runnable block above it"
                block = f"{blocks[-1]}\n{block}"
            blocks.append(block)
    return blocks


def _engine_env() -> dict[str, str]:
    """The pinned engine first on PATH, offline: what a block running ``pulumi`` needs."""
    require_engine()
    return {"PULUMI_SKIP_UPDATE_CHECK": "true", "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_DISABLE_REGISTRY_RESOLVE": "true", "PULUMI_COPILOT": "false", "NO_COLOR": "1"}


def test_readme_has_a_runnable_offline_block_and_a_short_top() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(_runnable_blocks(ROOT / "README.md")) >= 1
    assert "make demo" in text
    assert "make test" in text
    top = text.split("\n## Documentation", 1)[0]
    assert top.count("\n") <= README_LINES_TOP, "the README's top must fit on two screens"


def _with_home(home: Path, command: list[str], tmp_path: Path) -> list[str]:
    """``command`` where the current user's home is ``home`` for the Pulumi CLI too.

    ``pulumi login --local`` (``file://~``) and the default ``PULUMI_HOME`` take the home from the
    user database (Go's ``user.Current()``), not from ``$HOME``: run as printed, the block would
    put its stack in the real ``~/.pulumi`` of whoever runs the tests and switch their login. So
    the block runs in a private mount namespace (``unshare -m``) where ``/etc/passwd`` is a copy
    naming ``home`` as this user's home; nothing outside the test's process sees the change.
    """
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("needs `unshare -m` (Linux, root or user namespaces) to give the Pulumi CLI a "
                    "temporary home; run as printed it would use the real ~/.pulumi")
    uid = str(os.getuid())
    lines = []
    for line in Path("/etc/passwd").read_text(encoding="utf-8").splitlines():
        fields = line.split(":")
        if len(fields) == 7 and fields[2] == uid:
            fields[5] = str(home)
        lines.append(":".join(fields))
    passwd = tmp_path / "passwd"
    passwd.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inner = 'mount --bind "$0" /etc/passwd && exec "$@"'
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", inner, str(passwd), *command]


RUNNABLE = [(path, block) for path in DOCUMENTS for block in _runnable_blocks(path)]


def _left_running(group: int, grace: float = 10.0) -> list[str]:
    """The command lines of the processes still in process group ``group`` after ``grace`` seconds
    (a process the block stopped on exit may take a moment to finish); empty when none is left."""
    deadline = time.monotonic() + grace
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, ...
                if int(fields[2]) == group and fields[0] != "Z":
                    alive.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip())
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


@pytest.mark.slow
@pytest.mark.parametrize(("path", "block"), RUNNABLE,
                         ids=[f"{p.relative_to(ROOT)}-{i}" for i, (p, _) in enumerate(RUNNABLE)])
def test_runnable_block_runs(path: Path, block: str, tmp_path: Path) -> None:
    venv_bin = str(Path(sys.executable).parent)
    path_var = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env = {**os.environ, "PATH": path_var, "TMPDIR": str(tmp_path)}
    env.pop("VIRTUAL_ENV", None)
    runs_pulumi = re.search(r"^pulumi ", block, re.MULTILINE) is not None
    command = ["bash", "-euo", "pipefail", "-c", block]
    if runs_pulumi:
        env.update(_engine_env(), PATH=os.pathsep.join([str(ENGINE_BIN), path_var]))
        assert not (ROOT / "Pulumi.dev.yaml").exists(), "a stack config left in the checkout"
        command = _with_home(Path(env["HOME"]), command, tmp_path)
    out_file, err_file = tmp_path / "stdout", tmp_path / "stderr"
    with out_file.open("w") as out_f, err_file.open("w") as err_f:
        # files, not pipes: a background process the block starts holds them open after bash exits
        proc = subprocess.Popen(command, cwd=ROOT, env=env, text=True,
                                stdout=out_f, stderr=err_f, start_new_session=True)
        try:
            proc.wait(timeout=600 if runs_pulumi else 120)
            left = _left_running(proc.pid)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)  # what the block left running, if it failed to stop it
            if runs_pulumi and proc.returncode != 0:
                (ROOT / "Pulumi.dev.yaml").unlink(missing_ok=True)  # a failed block's stack config
    out, err = out_file.read_text(), err_file.read_text()
    assert proc.returncode == 0, f"{path.name} block failed:\n{block}\n--- stdout\n{out}\n--- stderr\n{err}"
    # run as a script, what the block starts in the background (the emulator) must end with it
    assert not left, f"{path.name} block left processes running (parent 1): {left}\n{block}"
    if "tione-images resolve --name" in block:
        assert SEED_NAME in out
        assert SEED_URL in out
    if runs_pulumi:
        assert SEED_ID in out, out  # up showed the pin
        assert SEED_URL in out, out
        assert not (ROOT / "Pulumi.dev.yaml").exists(), "`pulumi stack rm` left its config in the checkout"
        assert (Path(env["HOME"]) / ".pulumi" / "meta.yaml").exists(), "pulumi login --local missed the home"
