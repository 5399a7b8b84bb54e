"""A local stand-in for the TI-ONE API 3.0 endpoint (DescribePlatformImages only).

Real clients, the official Python SDK and tccli, work against it unchanged: it verifies
TC3-HMAC-SHA256 signatures against its configured key pair (by default the public, fake
`DEFAULT_SECRET_ID` / `DEFAULT_SECRET_KEY`), answers in the API 3.0 envelope, rate-limits per
SecretId and can inject latency and faults. It does not import tencentcloud nor the rest of
pulumi_tione::

    with Emulator(rate_limit=0) as emu:
        profile = HttpProfile(endpoint=emu.host_port, protocol="http")

Modules: `backend` (state and rules), `handler` (HTTP wire format), `signing` (TC3), `server`
(threads, foreground runner).
"""

from .backend import bundled_catalog, load_catalog
from .server import (
    DEFAULT_REGION,
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    EmulatorOptions,
    serve,
)

__all__ = [
    "DEFAULT_REGION",
    "DEFAULT_SECRET_ID",
    "DEFAULT_SECRET_KEY",
    "Emulator",
    "EmulatorOptions",
    "bundled_catalog",
    "load_catalog",
    "serve",
]
