"""The README and docs/ stay true (issue 16 §4): every relative link resolves (file and heading),
and every code block marked runnable runs.

A block is runnable when the line before its opening fence is ``<!-- runnable -->``. It runs in
``bash -euo pipefail`` from the repository root, as a user would paste it, in its own process
group; what it starts in the background (the emulator) it must stop itself before it ends — the
test fails when a process of the group is left running (and stops it) — with
the test's isolated environment (no credentials, a temporary HOME and TMPDIR) and a PATH without
the project venv: the block must activate it itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.seed import SEED_NAME, SEED_URL

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "CHANGELOG.md"]
MARKER = "<!-- runnable -->"
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
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    for i, line in enumerate(lines):
        if line.strip() == MARKER:
            assert lines[i + 1].startswith("```bash"), f"{path.name}:{i + 1}: {MARKER} must precede ```bash"
            end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith("```"))
            blocks.append("\n".join(lines[i + 2:end]))
    return blocks


def test_readme_has_a_runnable_offline_block_and_a_short_top() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(_runnable_blocks(ROOT / "README.md")) >= 1
    assert "make demo" in text
    assert "make test" in text
    top = text.split("\n## Documentation", 1)[0]
    assert top.count("\n") <= README_LINES_TOP, "the README's top must fit on two screens"


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
    out_file, err_file = tmp_path / "stdout", tmp_path / "stderr"
    with out_file.open("w") as out_f, err_file.open("w") as err_f:
        # files, not pipes: a background process the block starts holds them open after bash exits
        proc = subprocess.Popen(["bash", "-euo", "pipefail", "-c", block], cwd=ROOT, env=env, text=True,
                                stdout=out_f, stderr=err_f, start_new_session=True)
        try:
            proc.wait(timeout=120)
            left = _left_running(proc.pid)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)  # what the block left running, if it failed to stop it
    out, err = out_file.read_text(), err_file.read_text()
    assert proc.returncode == 0, f"{path.name} block failed:\n{block}\n--- stdout\n{out}\n--- stderr\n{err}"
    # run as a script, what the block starts in the background (the emulator) must end with it
    assert not left, f"{path.name} block left processes running (parent 1): {left}\n{block}"
    if "tione-images resolve --name" in block:
        assert SEED_NAME in out
        assert SEED_URL in out
