"""The floor of a native Python provider: a ``pulumi.provider.experimental`` Provider that does nothing.

``python bench/noop_provider.py <engine address>`` serves it exactly as ``pulumi-resource-tione`` is
served (``server.main``: a ``grpc.aio`` server, the port printed on stdout); its ``check`` returns
the inputs it was given. What a Check through it costs is the SDK's gRPC server, the
``PropertyValue`` unmarshalling and marshalling and the event loop — the least any provider
written with the Python SDK pays per call (``bench/native_check.py``).
"""

from __future__ import annotations

import sys

from pulumi.provider.experimental import provider as p
from pulumi.provider.experimental.server import main


class NoopProvider(p.Provider):
    """Every Check succeeds with the new inputs unchanged."""

    async def check(self, request: p.CheckRequest) -> p.CheckResponse:
        return p.CheckResponse(inputs=request.new_inputs, failures=[])


if __name__ == "__main__":
    main(sys.argv[1:], "0.0.1", NoopProvider())
