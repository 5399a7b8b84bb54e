"""What the lookup scenarios share: the result record, the names looked up, a clean environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

from pulumi_tione.emulator import (
    DEFAULT_REGION,
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    bundled_catalog,
)


@dataclass(frozen=True)
class Run:
    """One way of looking images up, at one N: API requests the emulator saw, wall time, answers."""

    label: str
    n: int
    requests: int
    wall_s: float
    wrong: int = 0
    failed: int = 0

    @property
    def per_lookup_ms(self) -> float:
        """Wall milliseconds per lookup."""
        return 1000.0 * self.wall_s / self.n if self.n else 0.0


def lookups(n: int) -> list[tuple[str, str, str]]:
    """`n` lookups by name, (ImageName, ImageId, ImageUrl), cycling through the bundled catalog."""
    catalog = bundled_catalog()
    entries = (catalog[i % len(catalog)] for i in range(n))
    return [(e["ImageName"], e["ImageId"], e["ImageUrl"]) for e in entries]


def emulator_env(emu: Emulator, home: str) -> dict[str, str]:
    """A clean environment pointing the SDK, tccli and pulumi_tione at `emu` with its key pair."""
    passed = ("PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")
    keep = {k: v for k, v in os.environ.items() if k in passed}
    return {
        **keep,
        "HOME": home,
        "NO_PROXY": "127.0.0.1,localhost",
        "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY,
        "TENCENTCLOUD_REGION": DEFAULT_REGION,
        "TIONE_ENDPOINT": emu.url,
        "TIONE_CVM_METADATA_ENDPOINT": "http://127.0.0.1:9",
    }
