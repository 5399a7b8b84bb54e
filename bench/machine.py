"""Facts about the machine a benchmark runs on (the README's table cites them)."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    """What `nproc`, `free -h`, /proc/cpuinfo and the interpreter say about this machine."""

    cpus: int
    memory: str
    cpu_model: str
    python: str
    pulumi: str
    system: str

    def lines(self) -> list[str]:
        """The facts as printable lines."""
        return [
            f"machine: {self.cpu_model}, {self.cpus} CPUs (nproc), {self.memory} RAM (free -h)",
            f"         {self.system}, Python {self.python}, pulumi {self.pulumi}",
        ]


def _memory() -> str:
    try:
        out = subprocess.run(["free", "-h"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    for line in out.splitlines():
        if line.startswith("Mem:"):
            return line.split()[1]
    return "?"


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown CPU"
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def machine() -> Machine:
    """Collect the facts for this machine and interpreter."""
    return Machine(
        cpus=len(os.sched_getaffinity(0)),
        memory=_memory(),
        cpu_model=_cpu_model(),
        python=platform.python_version(),
        pulumi=metadata.version("pulumi"),
        system=f"{platform.system()} {platform.release()}",
    )
