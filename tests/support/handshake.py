"""The port handshake every Pulumi plugin makes: it prints its gRPC port as its first stdout line."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def await_port(proc: subprocess.Popen[bytes], stdout: Path, timeout: float, poll: float = 0.02) -> int | None:
    """The port ``proc`` printed as the first line of ``stdout`` (a file it writes), or None when
    it exited or ``timeout`` seconds passed first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        first = stdout.read_text().split("\n", 1)
        if len(first) == 2:
            return int(first[0])
        if proc.poll() is not None:
            return None
        time.sleep(poll)
    return None
