"""Import cost of the resources a program declares (`pulumi_tione.stack.resources`, what
`import pulumi_tione` loads on first use of `PlatformImage`), in fresh interpreters (median)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass

_PROBE = """
import json, time
t0 = time.perf_counter()
import pulumi
t1 = time.perf_counter()
import {module}
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1]))
"""


@dataclass(frozen=True)
class ImportCost:
    """Median seconds of `import pulumi` and of `module` imported on top of it."""

    module: str
    pulumi_s: float
    module_s: float
    repetitions: int


def import_cost(module: str = "pulumi_tione.stack.resources", repetitions: int = 7) -> ImportCost:
    """Time `import pulumi` then `import <module>` in `repetitions` fresh interpreters."""
    samples: list[tuple[float, float]] = []
    for _ in range(repetitions):
        out = subprocess.run([sys.executable, "-c", _PROBE.format(module=module)],
                             capture_output=True, text=True, check=True).stdout
        base, extra = json.loads(out.strip().splitlines()[-1])
        samples.append((base, extra))
    return ImportCost(
        module,
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        repetitions,
    )
