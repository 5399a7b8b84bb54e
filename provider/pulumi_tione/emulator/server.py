"""Run the emulator: `Emulator` serves in a daemon thread, `serve` in the foreground (the CLI's runner)."""

from __future__ import annotations

import dataclasses
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import Any, TextIO

from pulumi_tione._net import is_loopback_host
from pulumi_tione._spelling import argument

from .backend import Backend, bundled_catalog, check_number
from .handler import REGION_RE, RequestHandler
from .regions import TIONE_REGIONS

DEFAULT_SECRET_ID = "AKIDEMULATOR0000000000000000000000000"
"""The emulator's built-in SecretId: clearly fake, public, accepted only by the emulator."""
DEFAULT_SECRET_KEY = "emulator-secret-key-not-a-real-secret"
"""The emulator's built-in secret key: public by design, never valid on Tencent Cloud."""
DEFAULT_REGION = "ap-guangzhou"
"""The region the demo and tests use against the emulator (one of `TIONE_REGIONS`)."""


@dataclass(frozen=True)
class EmulatorOptions:
    """How an emulator listens and behaves.

    `catalog` None serves the bundled catalog. `token`, when set, must arrive as ``X-TC-Token``.
    `error_rate` is the probability of an injected fault (InternalError envelope, HTTP 503 or a
    dropped connection, chosen evenly by a `seed`-ed generator); `lost_response_rate` the
    probability that a mutating workload action takes effect and its answer is lost (the
    connection closes); `rate_limit` is requests per second per SecretId and action, as Tencent
    Cloud limits each API (0 = unlimited).
    `step_seconds` is how long each transitional status lasts, `run_seconds` how long a training
    task runs before SUCCEED (0: the next request sees the next status); `clock` (seconds since
    the epoch, default `time.time`) drives those statuses, the timestamps and the rate limiter's
    window, so tests can move time without sleeping. Regions outside `TIONE_REGIONS` + `extra_regions` answer
    ``UnsupportedRegion``. A non-loopback `host` requires `allow_remote`. Invalid values raise
    ValueError naming the option and the allowed range.
    """

    host: str = "127.0.0.1"
    port: int = 0
    catalog: list[dict[str, Any]] | None = None
    secret_id: str = DEFAULT_SECRET_ID
    secret_key: str = DEFAULT_SECRET_KEY
    token: str | None = None
    latency_ms: float = 0.0
    error_rate: float = 0.0
    rate_limit: int = 20
    seed: int | None = None
    allow_remote: bool = False
    clock_skew_s: int = 300
    step_seconds: float = 2.0
    run_seconds: float = 60.0
    lost_response_rate: float = 0.0
    extra_regions: tuple[str, ...] = ()
    clock: Callable[[], float] | None = None

    def __post_init__(self) -> None:
        if not self.allow_remote and not is_loopback_host(self.host):
            raise ValueError(
                f"refusing to listen on non-loopback host {self.host!r}: the emulator accepts a "
                f"publicly known key pair; pass {argument('allow_remote', True)} if you really mean it"
            )
        if type(self.port) is not int or not 0 <= self.port <= 65535:
            raise ValueError(f"port must be an integer between 0 and 65535, got {self.port!r}")
        if not self.secret_id or not self.secret_key:
            raise ValueError("secret_id and secret_key must be non-empty")
        if type(self.clock_skew_s) is not int or self.clock_skew_s < 0:
            raise ValueError(f"clock_skew_s must be an integer >= 0, got {self.clock_skew_s!r}")
        for name in ("latency_ms", "step_seconds", "run_seconds"):
            check_number(name, getattr(self, name), upper=None)
        check_number("error_rate", self.error_rate)
        check_number("lost_response_rate", self.lost_response_rate)
        if type(self.rate_limit) is not int or self.rate_limit < 0:
            raise ValueError(f"rate_limit must be an integer >= 0 (0 = unlimited), got {self.rate_limit!r}")
        if self.seed is not None and type(self.seed) is not int:
            raise ValueError(f"seed must be an integer, got {self.seed!r}")
        if not isinstance(self.extra_regions, tuple | list):
            raise ValueError(f"extra_regions must be a tuple of region names, got {self.extra_regions!r}")
        for region in self.extra_regions:
            if not isinstance(region, str) or not REGION_RE.fullmatch(region):
                raise ValueError(f"extra_regions: {region!r} is not a region name such as ap-guangzhou")

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions served: TI-ONE's (`TIONE_REGIONS`) and `extra_regions`."""
        return tuple(dict.fromkeys((*TIONE_REGIONS, *self.extra_regions)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    backend: Backend


class _Server6(_Server):
    address_family = socket.AF_INET6


class Emulator:
    """A TI-ONE API emulator serving in a daemon thread; use as a context manager or start()/stop()."""

    def __init__(self, options: EmulatorOptions | None = None, **overrides: Any) -> None:
        self.options = dataclasses.replace(options or EmulatorOptions(), **overrides)
        opts = self.options
        self.backend = Backend(
            catalog=bundled_catalog() if opts.catalog is None else opts.catalog,
            credentials={opts.secret_id: opts.secret_key},
            token=opts.token,
            clock_skew_s=opts.clock_skew_s,
            latency_ms=opts.latency_ms,
            error_rate=opts.error_rate,
            rate_limit=opts.rate_limit,
            seed=opts.seed,
            regions=opts.regions,
            lost_response_rate=opts.lost_response_rate,
            step_seconds=opts.step_seconds,
            run_seconds=opts.run_seconds,
            **({"workload_clock": opts.clock, "clock": opts.clock} if opts.clock is not None else {}),
        )
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Emulator:
        """Bind and start serving; returns self. OSError if the address cannot be bound."""
        if self._server is not None:
            raise RuntimeError("emulator already started")
        server_class = _Server6 if ":" in self.options.host else _Server
        server = server_class((self.options.host, self.options.port), RequestHandler)
        server.backend = self.backend
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"tione-emulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; safe to call twice."""
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join()

    def __enter__(self) -> Emulator:
        return self.start() if self._server is None else self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port (RuntimeError before start())."""
        if self._server is None:
            raise RuntimeError("emulator not started")
        return int(self._server.server_address[1])

    @property
    def host_port(self) -> str:
        """``HOST:PORT``, the form the SDK's ``HttpProfile(endpoint=..., protocol="http")`` wants."""
        host = self.options.host
        return f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        """The base URL, ``http://HOST:PORT``."""
        return f"http://{self.host_port}"

    def stats(self) -> dict[str, Any]:
        """The same document as ``GET /_emulator/stats``."""
        return self.backend.stats()

    def reset_stats(self) -> None:
        """Zero the statistics (``POST /_emulator/reset``)."""
        self.backend.reset_stats()

    def set_catalog(self, entries: list[dict[str, Any]]) -> None:
        """Replace the catalog atomically (``PUT /_emulator/catalog``); ValueError if invalid."""
        self.backend.set_catalog(entries)

    def set_faults(
        self,
        *,
        latency_ms: float | None = None,
        error_rate: float | None = None,
        rate_limit: int | None = None,
        seed: int | None = None,
        lost_response_rate: float | None = None,
    ) -> None:
        """Change latency, error/lost-response rates, rate limit or reseed faults; None keeps a setting."""
        self.backend.set_faults(
            latency_ms=latency_ms, error_rate=error_rate, rate_limit=rate_limit, seed=seed,
            lost_response_rate=lost_response_rate,
        )

    def objects(self) -> list[dict[str, Any]]:
        """Every live notebook and training task (``GET /_emulator/objects``): Kind, Id, Name, Status..."""
        return self.backend.workloads.objects()

    def set_status(self, object_id: str, status: str, failure_reason: str = "") -> dict[str, Any]:
        """Force an object's status now (``POST /_emulator/status``); KeyError/ValueError if invalid."""
        return self.backend.workloads.force_status(object_id, status, failure_reason)

    def clear_objects(self) -> int:
        """Forget every notebook and training task (``DELETE /_emulator/objects``); returns how many."""
        return self.backend.workloads.clear()

    def set_timing(self, *, step_seconds: float | None = None, run_seconds: float | None = None) -> None:
        """Change how long transitional statuses and training runs last; None keeps a setting."""
        check_number("step_seconds", step_seconds, upper=None)
        check_number("run_seconds", run_seconds, upper=None)
        self.backend.workloads.set_timing(step_seconds=step_seconds, run_seconds=run_seconds)


def banner(emulator: Emulator) -> list[str]:
    """What `serve` prints: the base URL, the environment for clients as ``export`` lines, settings.

    The SecretKey is printed only when it is the built-in one (public, never valid on Tencent
    Cloud); a key given on the command line is never echoed.
    """
    opts = emulator.options
    key = (f"export TENCENTCLOUD_SECRET_KEY={DEFAULT_SECRET_KEY}" if opts.secret_key == DEFAULT_SECRET_KEY
           else "# export TENCENTCLOUD_SECRET_KEY=<the --secret-key you gave; not printed>")
    limit = f"{opts.rate_limit}/s per action" if opts.rate_limit else "off"
    return [
        emulator.url,
        "# a local TI-ONE emulator (no account; the built-in key pair is fake and public); to use it:",
        f"export TIONE_ENDPOINT={emulator.url}",
        f"export TENCENTCLOUD_REGION={DEFAULT_REGION}",
        f"export TENCENTCLOUD_SECRET_ID={opts.secret_id}",
        key,
        f"# statuses: each transitional one lasts {opts.step_seconds:g} s, training runs "
        f"{opts.run_seconds:g} s; error rate {opts.error_rate:g}, lost responses "
        f"{opts.lost_response_rate:g}, rate limit {limit}; admin: {emulator.url}/_emulator/objects",
    ]


class _Stopped(Exception):
    """Raised by ``serve``'s SIGINT/SIGTERM handler to leave its wait."""


def serve(argv_options: EmulatorOptions, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Serve in the foreground until SIGINT/SIGTERM; the base URL is the first line on `out`.

    Then `banner` lines: the ``export`` lines a shell needs to use it (`eval "$(grep ^export ...)"`)
    and a ``#`` comment on its settings. Returns 0 after a signal, 1 (with ``error: ...`` on `err`)
    if the address cannot be bound. Only the built-in key, public by design, is ever printed.
    `out`/`err` default to the current ``sys.stdout``/``sys.stderr``.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    try:
        emulator = Emulator(argv_options).start()
    except OSError as e:
        why = e.strerror or str(e)
        print(f"error: cannot listen on {argv_options.host}:{argv_options.port}: {why}; choose another "
              f"port ({argument('port', 0)} picks a free one)", file=err, flush=True)
        return 1
    previous: dict[signal.Signals, Any] = {}
    signalled: list[int] = []

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        # No lock here (not even Event.set): the handler runs in the main thread between two
        # bytecodes, possibly while that thread holds the very lock (an Event's condition inside
        # wait()), which deadlocked: SIGTERM then never stopped the emulator. Raise instead.
        if not signalled:
            signalled.append(signum)
            raise _Stopped

    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, _on_signal)
    try:
        print("\n".join(banner(emulator)), file=out, flush=True)
        while True:
            time.sleep(3600)  # a signal's handler raises out of it at once
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        emulator.stop()
    return 0
