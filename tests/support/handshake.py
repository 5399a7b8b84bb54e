"""A Pulumi plugin process as the engine (or CLI) runs it: it prints its gRPC port as its first
stdout line. ``PluginProcess`` starts one, waits for that line (bounded), keeps stdout/stderr for
``log()`` and stops it; the dynamic provider server, the native plugin and the policy analyzer
are its subclasses."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Self

__all__ = ["PluginProcess", "await_port"]


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


class PluginProcess:
    """``command`` run in ``cwd`` with ``env`` (None: this process's); see the module docstring."""

    def __init__(self, command: Sequence[str], *, what: str, env: Mapping[str, str] | None = None,
                 cwd: str | Path | None = None, timeout: float = 60.0) -> None:
        self.command = list(command)
        self.what = what
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        self.timeout = timeout
        self.port = 0
        self._dir = TemporaryDirectory(prefix="tione-plugin-")
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        """``127.0.0.1:PORT`` of the gRPC server."""
        return f"127.0.0.1:{self.port}"

    def _path(self, stream: str) -> Path:
        return Path(self._dir.name) / f"{stream}.log"

    def start(self) -> Self:
        """Spawn the process and wait for its port line; on failure raise with its log."""
        with self._path("stdout").open("wb") as out, self._path("stderr").open("wb") as err:
            self._proc = subprocess.Popen(self.command, env=self.env, cwd=self.cwd,
                                          stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        port = await_port(self._proc, self._path("stdout"), self.timeout)
        if port is not None:
            self.port = port
            return self
        log = self.log()
        self.close()
        raise RuntimeError(f"{self.what} did not print its port; log:\n{log}")

    def kill(self) -> None:
        """SIGKILL: the process dies at once, mid-request if one is running."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait(timeout=10)

    def stop(self) -> None:
        """Terminate the process (idempotent, killed after 10 s); the log stays readable."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def close(self) -> None:
        """Stop the process and delete its log files."""
        self.stop()
        self._dir.cleanup()

    def log(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        return "".join(p.read_text(errors="replace") for p in (self._path("stdout"), self._path("stderr"))
                       if p.exists())

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
