"""A local stand-in for the TI-ONE API 3.0 endpoint: DescribePlatformImages, notebooks, training tasks.

Real clients, the official Python SDK and tccli, work against it unchanged: it verifies
TC3-HMAC-SHA256 signatures against its configured key pair (by default the public, fake
`DEFAULT_SECRET_ID` / `DEFAULT_SECRET_KEY`), answers in the API 3.0 envelope, rate-limits per
SecretId, advances workload statuses with (an injectable) time and can inject latency, faults and
lost responses. It does not import tencentcloud, pulumi nor grpc::

    with Emulator(rate_limit=0, step_seconds=0) as emu:
        profile = HttpProfile(endpoint=emu.host_port, protocol="http")

Modules (moto's shape): `backend` (catalog, faults, stats), `workloads` with `notebooks` and
`training` (the workload state and each kind's rules; `rules` and `listing` are shared), `schema`
(request definitions, held to tccli's api.json by a test), `apierror`, `regions`, `handler` (HTTP
wire format, a thin action -> backend mapping), `signing` (TC3), `server` (threads, options,
foreground runner).
"""

from .backend import bundled_catalog, load_catalog
from .regions import TIONE_REGIONS
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
    "TIONE_REGIONS",
    "Emulator",
    "EmulatorOptions",
    "bundled_catalog",
    "load_catalog",
    "serve",
]
