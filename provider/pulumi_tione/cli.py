"""``tione-images``: list, resolve and drift-check TI-ONE platform images; run the emulator; a demo.

Exit codes: ``resolve`` 0 found, 2 not found, 3 ambiguous, 1 any other error; ``drift`` 0 no drift,
1 drift, 2 error; ``list``, ``emulator`` and ``demo`` 0 or 1. Usage errors (unknown flag, missing
value) exit 2 as argparse does, except for ``resolve`` (1, since 2 means not found); an unknown flag
is answered with the subcommand's usage and the closest flags. Global options ``--region``,
``--endpoint`` and ``--emulator`` are accepted before or after the subcommand (``demo``, on its own
emulator, takes no ``--endpoint``); a flag of another subcommand is named as such. Errors are one
``error: ...`` message on stderr, never a traceback (``TIONE_DEBUG=1`` shows one for bugs); hints
name arguments as flags (``_spelling``: the same errors name them as Python arguments elsewhere).
A reader that closes stdout early (``| head -1``) is no error: the command finishes silently and
exits with its own status.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, NoReturn

from ._echo import clip
from ._spelling import front_end
from .errors import AmbiguousImageError, ImageNotFoundError, InvalidExportError, InvalidQueryError, TioneError

if TYPE_CHECKING:
    from .api.credentials import SourcedConfig
    from .drift import ResourceDrift
    from .images.models import PlatformImageInfo

__all__ = ["main"]

PROG = "tione-images"
SEED_NAME = "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"
DEMO_STEP_SECONDS = 1.0
DEMO_FILTERS: dict[str, str] = {"framework": "PYTORCH", "image_range": "Train", "training_mode": "DDP",
                                "gpu": "A100", "select": "highest_version"}
_QUERY_COMMANDS = ("list", "resolve")
_GLOBAL_ARGUMENTS = ("region",)
_ERROR_CODE = {"drift": 2}
_USAGE_CODE = {"resolve": 1}
_COMMANDS = ("list", "resolve", "drift", "emulator", "demo")
_LABELS: dict[str, str | None] = {"tione:endpoint": "--endpoint", "tencentcloud:region": "--region",
                                  "tencentcloud:secretId": None}
_ONE_SHOT = ("list", "resolve", "drift")


def _hints() -> dict[str, str]:
    """How to set what is missing, in flag syntax (``SourcedConfig`` hints)."""
    from .api.credentials import EMULATOR_ROUTE

    return {"tencentcloud:region": "--region ap-guangzhou (or env TENCENTCLOUD_REGION)",
            "tencentcloud:secretKey": "env TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or "
                                      "`tccli configure`",
            "offline": f"add --emulator (the bundled catalog, in-process), or {EMULATOR_ROUTE}"}


class UsageError(Exception):
    """A command line argparse rejected (raised instead of argparse's exit)."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class CliError(Exception):
    """A problem with the command line's values, reported as ``error: <message>``."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {_clip_words(message)}", self.format_usage())


def _clip_words(message: str, limit: int = 80) -> str:
    """``message`` with every run of more than ``limit`` non-blank characters cut (argparse quotes
    the offending argument in full: a 100,000-character one must not flood the terminal)."""
    return re.sub(r"\S{" + str(limit + 1) + ",}",
                  lambda m: f"{m.group(0)[:limit]}... ({len(m.group(0))} characters)", message)


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _add_globals(parser: argparse.ArgumentParser, *, top: bool, endpoint: bool = True) -> None:
    """--region/--endpoint/--emulator; on subcommands they only override when given. ``demo`` runs
    on its own emulator: it takes no --endpoint (``endpoint=False``)."""
    group = parser.add_argument_group("global options (before or after the subcommand)")
    unset: Any = None if top else argparse.SUPPRESS
    group.add_argument("--region", default=unset, metavar="REGION",
                       help="Tencent Cloud region, e.g. ap-guangzhou (else env TENCENTCLOUD_REGION)")
    if endpoint:
        group.add_argument("--endpoint", default=unset, metavar="URL",
                           help="TI-ONE endpoint (else env TIONE_ENDPOINT, else the public endpoint)")
    group.add_argument("--emulator", action="store_true", default=False if top else argparse.SUPPRESS,
                       help="serve the bundled catalog in-process and use it (offline, no account)")


def query_arguments(*, select: bool) -> dict[str, tuple[bool, str]]:
    """The query flags of ``list`` (``select=False``) or ``resolve``, derived from the model's fields:
    argument name -> (is a ``--[no-]`` boolean flag, help). ``--region`` is a global option."""
    from .images.models import ImageFilter, ImageQuery

    fields = (ImageQuery if select else ImageFilter).model_fields
    return {name: (bool in typing.get_args(field.annotation), (field.description or "").replace("`", ""))
            for name, field in fields.items() if name not in _GLOBAL_ARGUMENTS}


def query_choices(name: str) -> tuple[str, ...]:
    """The values a query argument allows when its type lists them (``Literal``), else ``()``."""
    from .images.models import ImageQuery

    field = ImageQuery.model_fields.get(name)
    annotation = field.annotation if field is not None else None
    for part in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(part) is typing.Literal:
            return tuple(str(v) for v in typing.get_args(part))
    return ()


def _add_query(parser: argparse.ArgumentParser, *, select: bool) -> None:
    group = parser.add_argument_group("query (all given criteria must hold)")
    for name, (boolean, help_text) in query_arguments(select=select).items():
        if boolean:
            group.add_argument(_flag(name), dest=name, action=argparse.BooleanOptionalAction, default=None,
                               help=help_text)
            continue
        choices = query_choices(name)
        metavar = "{" + ",".join(choices) + "}" if choices else name.split("_")[-1].upper()
        group.add_argument(_flag(name), dest=name, metavar=metavar, help=help_text)


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", choices=("table", "json"), default="table",
                        help="table (default) or json (snake_case field names)")


def build_parser(*, query: bool = True) -> argparse.ArgumentParser:
    """The ``tione-images`` argument parser; ``query=False`` leaves out the query flags of ``list``
    and ``resolve`` (they come from the query model, which a command line without those commands
    need not load)."""
    parser = _Parser(prog=PROG, description="Look up Tencent Cloud TI-ONE platform images.")
    _add_globals(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cmds = {
        "list": ("list the images matching the filters (all without filters)", _cmd_list),
        "resolve": ("resolve a query to exactly one image", _cmd_resolve),
        "drift": ("compare the images pinned in `pulumi stack export` output with the catalog", _cmd_drift),
        "emulator": ("serve a local TI-ONE API emulator in the foreground", _cmd_emulator),
        "demo": ("resolve two queries, then create and delete a notebook, a training task and a model "
                 "service, on an in-process emulator", _cmd_demo),
    }
    for name, (summary, func) in cmds.items():
        cmd = sub.add_parser(name, help=summary, description=summary)
        cmd.set_defaults(func=func)
        _add_globals(cmd, top=False, endpoint=name != "demo")
        if name in _QUERY_COMMANDS and query:
            _add_query(cmd, select=name == "resolve")
        if name in ("list", "resolve", "drift"):
            _add_output(cmd)
    sub.choices["drift"].add_argument("file", nargs="?", default="-", metavar="FILE|-",
                                      help="`pulumi stack export` output, or a local backend's state "
                                           "file (.pulumi/stacks/PROJECT/STACK.json[.gz]); - (default) "
                                           "reads stdin")
    _add_emulator_options(sub.choices["emulator"])
    _add_demo_options(sub.choices["demo"])
    return parser


def _bounded(kind: type[int] | type[float], low: float, high: float | None = None) -> Callable[[str], Any]:
    """Argparse type: a finite `kind` in [low, high]; the error names the range (argparse adds the flag)."""
    allowed = f">= {low:g}" if high is None else f"between {low:g} and {high:g}"
    noun = "an integer" if kind is int else "a number"

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {noun} {allowed}, got {text!r}") from None
        if not math.isfinite(value) or value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be {noun} {allowed}, got {text!r}")
        return value

    return parse


def _region_name(text: str) -> str:
    """Argparse type: a region name such as ap-guangzhou."""
    if not re.fullmatch(r"[a-z]{2}-[a-z]+(-[a-z0-9]+)?", text):
        raise argparse.ArgumentTypeError(f"must be a region name such as ap-guangzhou, got {text[:80]!r}")
    return text


def _add_demo_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--pulumi", metavar="PATH",
                     help="the Pulumi CLI that deploys and destroys the quickstart stack (else env "
                          "TIONE_DEMO_PULUMI, else .engine/bin/pulumi from `make engine`, else pulumi on "
                          "PATH)")
    cmd.add_argument("--no-stack", action="store_true",
                     help="skip the quickstart stack even where a Pulumi CLI is at hand")


def _add_emulator_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--host", default="127.0.0.1", help="listen address (loopback unless --allow-remote)")
    cmd.add_argument("--port", type=_bounded(int, 0, 65535), default=0,
                     help="TCP port; 0 (default) picks a free one")
    cmd.add_argument("--catalog", metavar="FILE", help="JSON catalog (default: the bundled one)")
    cmd.add_argument("--secret-id", metavar="ID", help="accepted SecretId (default: the documented fake)")
    cmd.add_argument("--secret-key", metavar="KEY", help="accepted SecretKey (with --secret-id)")
    cmd.add_argument("--latency-ms", type=_bounded(float, 0), default=0.0, metavar="N",
                     help="added latency per request (>= 0)")
    cmd.add_argument("--error-rate", type=_bounded(float, 0, 1), default=0.0, metavar="P",
                     help="probability 0..1 of an injected fault (InternalError, HTTP 503, dropped "
                          "connection)")
    cmd.add_argument("--lost-response-rate", type=_bounded(float, 0, 1), default=0.0, metavar="P",
                     help="probability 0..1 that a create/modify/start/stop/delete takes effect and its "
                          "answer is lost")
    cmd.add_argument("--rate-limit", type=_bounded(int, 0), default=20, metavar="N",
                     help="requests/s per SecretId; 0 = off")
    cmd.add_argument("--seed", type=int, metavar="N", help="seed for fault injection and lost responses")
    cmd.add_argument("--step-seconds", type=_bounded(float, 0), default=2.0, metavar="S",
                     help="how long each transitional status lasts (Starting, PENDING...); default 2, 0 = "
                          "the next request sees the next status")
    cmd.add_argument("--run-seconds", type=_bounded(float, 0), default=60.0, metavar="R",
                     help="how long a training task runs before SUCCEED; default 60")
    cmd.add_argument("--accept-region", action="append", default=[], metavar="REGION", type=_region_name,
                     help="also serve this region (repeatable); TI-ONE's regions are always served")
    cmd.add_argument("--allow-remote", action="store_true", help="allow a non-loopback --host")


def _query(args: argparse.Namespace, *, select: bool) -> dict[str, Any]:
    names = query_arguments(select=select)
    return {n: v for n in names if (v := getattr(args, n, None)) is not None}


def _invalid_query(e: InvalidQueryError) -> CliError:
    from .images.models import CRITERIA

    lines = []
    for p in e.problems:
        if p.argument == "query":
            flags = ", ".join(_flag(n) for n in CRITERIA)
            lines.append(f"  - give at least one criterion: {flags}")
        else:
            lines.append(f"  - {_flag(p.argument)}: {p.message}")
    return CliError(f"invalid image query ({len(lines)} problem(s)):\n" + "\n".join(lines))


@contextmanager
def _lookup_config(args: argparse.Namespace, *, needs_region: bool = True) -> Iterator[SourcedConfig]:
    """The settings for lookups, labelled with their flags (the CLI reads no stack config); with
    --emulator, one serving for the duration of the block."""
    if args.emulator:
        if args.endpoint:
            raise CliError("--emulator and --endpoint exclude each other; give one of them")
        from .emulator import Emulator

        with Emulator() as emu:
            yield _emulator_config(emu.url, args.region)
        return
    config = {"tione:endpoint": args.endpoint} if args.endpoint else {}
    if args.region:
        config["tencentcloud:region"] = args.region
    elif needs_region and not os.environ.get("TENCENTCLOUD_REGION"):
        raise CliError("no region set: pass --region (e.g. --region ap-guangzhou) or set env "
                       f"TENCENTCLOUD_REGION; to try offline without an account, {_hints()['offline']}")
    from .api.credentials import SourcedConfig

    yield SourcedConfig(config, labels=_LABELS, hints=_hints())


def _emulator_config(url: str, region: str | None) -> SourcedConfig:
    from .api.credentials import SourcedConfig
    from .emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

    values = {"tione:endpoint": url, "tencentcloud:region": region or DEFAULT_REGION,
              "tencentcloud:secretId": DEFAULT_SECRET_ID, "tencentcloud:secretKey": DEFAULT_SECRET_KEY}
    labels = {**_LABELS, "tione:endpoint": "--emulator", "tencentcloud:secretId": "--emulator"}
    return SourcedConfig(values, labels=labels, hints=_hints())


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in [headers, *rows]]
    return "\n".join(lines)


def _image_row(img: PlatformImageInfo, *, url: bool) -> list[str]:
    row = [img.image_name or "-", img.image_id, img.framework or "-", img.framework_version or "-",
           ",".join(img.image_range or []) or "-"]
    return [*row, img.image_url or "-"] if url else [*row, ",".join(img.support_gpu_list or []) or "-"]


_IMAGE_HEADERS = ["IMAGE NAME", "IMAGE ID", "FRAMEWORK", "VERSION", "IMAGE RANGE"]


def _say(text: str) -> None:
    """Print ``text`` on stdout. Once the reader has closed the pipe (``| head -1``), stdout is
    pointed at /dev/null: the command finishes silently and exits with its own status, like the
    Unix filters it is piped into (``set -o pipefail`` scripts see no failure)."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        _stdout_to_devnull()


def _stdout_to_devnull() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    finally:
        os.close(devnull)


def _print_json(document: Any) -> None:
    _say(json.dumps(document, indent=2, ensure_ascii=False))


def _cmd_list(args: argparse.Namespace) -> int:
    from .images.catalog import ProcessState, fetch_catalog, list_platform_images
    from .images.models import ImageFilter
    from .images.resolve import hints

    filters = _query(args, select=False)
    notes: list[str] = []
    with _lookup_config(args) as config:
        state = ProcessState()
        try:
            images = list_platform_images(config=config, state=state, **filters)
        except InvalidQueryError as e:
            raise _invalid_query(e) from None
        if not images:  # the listing is cached: the hints cost no request
            parsed = ImageFilter.parse(filters)
            catalog = fetch_catalog(state.settings(config, parsed.region), parsed.workspace, state=state)
            notes = hints(parsed, catalog.images)
    if args.output == "json":
        _print_json([img.outputs() for img in images])
    elif images:
        _say(_table([*_IMAGE_HEADERS, "GPUS"], [_image_row(img, url=False) for img in images]))
        _say(f"({len(images)} image{'s' if len(images) != 1 else ''})")
    else:
        _say("no images match the filters")
    for line in notes:
        print(line, file=sys.stderr)
    return 0


def _cmd_resolve(args: argparse.Namespace) -> int:
    from .images.catalog import ProcessState, lookup_once

    query = _query(args, select=True)
    with _lookup_config(args) as config:
        try:
            image = lookup_once(config=config, state=ProcessState(), **query)
        except InvalidQueryError as e:
            raise _invalid_query(e) from None
        except (ImageNotFoundError, AmbiguousImageError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2 if isinstance(e, ImageNotFoundError) else 3
    if args.output == "json":
        _print_json(image.outputs())
    else:
        out = image.outputs()
        rows = [[k, _cell(v)] for k, v in out.items() if v not in (None, [], {})]
        _say(_table(["FIELD", "VALUE"], rows))
    return 0


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return str(value).lower() if isinstance(value, bool) else str(value)


def _read_export(path: str) -> str:
    import gzip  # only here: the CLI's start-up imports stay small
    import zlib

    try:
        if path != "-":
            with open(path, "rb") as f:
                raw = f.read()
            if raw[:2] == b"\x1f\x8b":  # a gzipped state file (PULUMI_SELF_MANAGED_STATE_GZIP)
                raw = gzip.decompress(raw)
            return raw.decode("utf-8")
        if sys.stdin is None or sys.stdin.isatty():
            raise InvalidExportError(
                "no input: pipe the export in (`pulumi stack export | tione-images drift -`) or pass a FILE")
        return sys.stdin.read()
    except (OSError, UnicodeDecodeError, EOFError, zlib.error) as e:
        where = "stdin" if path == "-" else clip(path)
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise InvalidExportError(f"cannot read {where}: {why}") from None


def _cmd_drift(args: argparse.Namespace) -> int:
    from . import drift
    from .images.catalog import ProcessState

    resources = drift.parse_export(_read_export(args.file))
    with _lookup_config(args, needs_region=False) as config, front_end("python"):
        # the reasons are about resources of a Pulumi program: they name its (Python) arguments
        report = drift.check(resources, config, state=ProcessState())
    if args.output == "json":
        _print_json(report.document())
        return report.exit_code
    if not report.resources:
        _say("no PlatformImage, PlatformImages, Notebook or TrainingTask resources in the export: "
             "nothing to check")
        return 0
    rows = [[r.name, r.kind, r.status.value, r.region or "-", _pinned(r), r.reasons[0].splitlines()[0]
             if r.reasons else ""] for r in report.resources]
    _say(_table(["RESOURCE", "KIND", "STATUS", "REGION", "PINNED", "DETAIL"], rows))
    for r in report.resources:
        if r.status is not drift.DriftStatus.OK and (len(r.reasons) > 1 or any("\n" in x for x in r.reasons)):
            _say(f"\n{r.urn} ({r.status.value}):")
            _say("\n".join("  " + line for reason in r.reasons for line in reason.splitlines()))
    summary = ", ".join(f"{n} {s}" for s, n in sorted(report.summary().items()))
    _say(f"\n{len(report.resources)} resource(s): {summary}")
    return report.exit_code


def _pinned(r: ResourceDrift) -> str:
    if r.kind in ("Notebook", "TrainingTask"):
        return f"{r.object_id or '-'} ({r.live_status or '?'})"
    if r.kind == "PlatformImage":
        return r.image_id or "-"
    return f"{len(r.ids)} image(s)"


def _cmd_emulator(args: argparse.Namespace) -> int:
    from .emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, EmulatorOptions, load_catalog, serve

    if (args.secret_id is None) != (args.secret_key is None):
        raise CliError("--secret-id and --secret-key go together; give both or neither")
    try:
        options = EmulatorOptions(
            host=args.host, port=args.port, catalog=load_catalog(args.catalog) if args.catalog else None,
            secret_id=args.secret_id or DEFAULT_SECRET_ID, secret_key=args.secret_key or DEFAULT_SECRET_KEY,
            latency_ms=args.latency_ms, error_rate=args.error_rate, rate_limit=args.rate_limit,
            seed=args.seed, allow_remote=args.allow_remote, step_seconds=args.step_seconds,
            run_seconds=args.run_seconds, lost_response_rate=args.lost_response_rate,
            extra_regions=tuple(args.accept_region))
    except ValueError as e:
        raise CliError(str(e)) from None
    return serve(options)


def _cmd_demo(args: argparse.Namespace) -> int:
    from .emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, bundled_catalog
    from .images.catalog import ProcessState, lookup_platform_image
    from .workloads import demo

    if args.endpoint:
        raise CliError("demo runs on its own in-process emulator and takes no --endpoint; to try an "
                       "emulator or endpoint of yours, use `tione-images resolve --endpoint URL ...` or "
                       "`tione-images list --endpoint URL ...`")
    root = demo.checkout_root()
    try:
        found = None if args.no_stack else demo.find_pulumi(args.pulumi, root)
    except demo.DemoStackError as e:
        raise CliError(str(e)) from None
    with Emulator(step_seconds=DEMO_STEP_SECONDS) as emu:
        config, state = _emulator_config(emu.url, args.region), ProcessState()
        by_name = lookup_platform_image(config=config, state=state, name=SEED_NAME)
        by_filter = lookup_platform_image(config=config, state=state, **DEMO_FILTERS)
        requests = int(emu.stats().get("total", 0))
        serve = lookup_platform_image(config=config, state=state, image_range="Inference",
                                      framework="PyTorch", select="highest_version")
        _say(f"Resolving TI-ONE platform images against a local emulator at {emu.url} (offline, no "
             "account).\n")
        filters = ", ".join(f"{k}={v}" for k, v in DEMO_FILTERS.items())
        _say(f"  query 1: name={SEED_NAME}\n  query 2: {filters}\n")
        rows = [["1", *_image_row(by_name, url=True)], ["2", *_image_row(by_filter, url=True)]]
        _say(_table(["#", *_IMAGE_HEADERS, "IMAGE URL"], rows))
        size = len(bundled_catalog())
        _say(f"\n2 lookups cost {requests} DescribePlatformImages request(s): the catalog of {size} images "
             "is fetched once (100 images a page) and every query is resolved locally against it.")
        _say("In a Pulumi program, tione.PlatformImage(..., name=...) pins this ImageId/ImageUrl in the "
             "stack state; `tione-images drift` later tells you when the platform moved.")
        _say(f"\nThen a notebook and a training task on image 1, and a model service on the newest PyTorch "
             f"Inference image ({serve.image_name}), created, waited for and deleted through the code "
             f"tione.Notebook / tione.TrainingTask / tione.ModelService run in `pulumi up` and "
             f"`pulumi destroy` (each emulated status step lasts {DEMO_STEP_SECONDS:g} s):\n")
        result = demo.run_workloads(config, by_name, state, serve)
        rows = [[o.kind, o.name, o.object_id, o.status, o.image_sent] for o in result.objects]
        _say(_table(["KIND", "NAME", "ID", "STATUS AFTER CREATE", "IMAGE SENT AS"], rows))
        _say(f"\nCreating, waiting for and deleting them took {result.requests} API requests; "
             f"{len(emu.objects())} object(s) left in the emulator.")
        if found is None:
            return 0
        if found.path is None or root is None:
            why = ("no Pulumi CLI found (looked at --pulumi, env TIONE_DEMO_PULUMI, .engine/bin/pulumi "
                   "and PATH)" if found.path is None else
                   "the quickstart stack needs a checkout of the repository (Pulumi.yaml, "
                   "examples/quickstart): run the demo from one")
            _say(f"\nSkipped: deploying the quickstart stack with the real Pulumi engine: {why}. "
                 "`make engine` builds the pinned Pulumi CLI into .engine/bin (or install `pulumi`, or "
                 "pass --pulumi PATH); then `make demo` deploys and destroys the stack too.")
            return 0
        _say(f"\nFinally the quickstart stack (examples/quickstart) deployed and destroyed for real by "
             f"{found.path} (found through {found.source}) on the same emulator, with a local file "
             "backend in a temporary directory:\n")
        emulator_env = {"TIONE_ENDPOINT": emu.url, "TENCENTCLOUD_REGION": args.region or DEFAULT_REGION,
                        "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
                        "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY}
        try:
            stack = demo.run_stack(found.path, root, emulator_env, _say,
                                   lambda: int(emu.stats().get("total", 0)))
        except demo.DemoStackError as e:
            raise CliError(f"the quickstart stack: {e}") from None
        _say(f"\nThe stack pinned image_url {stack.image_url}; its up and destroy took {stack.requests} "
             f"API request(s); {len(emu.objects())} object(s) left in the emulator.")
    return 0


def _command_of(argv: Sequence[str]) -> str | None:
    return next((a for a in argv if a in _COMMANDS), None)


def _tolerant_streams() -> None:
    """Echoed input may hold what the terminal cannot encode (lone surrogates from argv or a file):
    print it escaped rather than fail on it (stdout and stderr alike)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _parse(argv: list[str]) -> argparse.Namespace:
    """``argv`` parsed; an unknown argument is answered with its subcommand's usage and the closest
    flags of that subcommand (argparse itself would print the top-level usage, with no hint)."""
    parser = build_parser(query=any(a in _QUERY_COMMANDS for a in argv))
    args, extras = parser.parse_known_args(argv)
    if not extras:
        return args
    sub = _subparser(parser, getattr(args, "command", None)) or parser
    unknown = extras[0].split("=", 1)[0]
    message = f"unrecognized argument{'s' if len(extras) > 1 else ''}: {' '.join(extras)}"
    if unknown.startswith("-"):
        owners = _commands_with(parser, unknown)
        flags = [o for a in sub._actions for o in a.option_strings if o.startswith("--")]
        close = _closest(unknown, flags)
        if unknown == "--endpoint" and sub.prog.endswith(" demo"):
            message += ("; demo runs on its own in-process emulator (--endpoint is for list, resolve "
                        "and drift)")
        elif owners and sub is not parser:
            listed = " and ".join(f"`{PROG} {c}`" for c in owners)
            message += f"; {unknown} is an option of {listed}, not of `{sub.prog}`"
            if unknown == "--select":
                message += " (list shows every match; resolve picks one)"
        elif close:
            message += f"; did you mean {' or '.join(close)}?"
    raise UsageError(f"{sub.prog}: error: {_clip_words(message)}", sub.format_usage())


def _commands_with(parser: argparse.ArgumentParser, flag: str) -> list[str]:
    """The subcommands that take ``flag``."""
    return [name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name, cmd in action.choices.items()
            if any(flag in a.option_strings for a in cmd._actions)]


def _subparser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return None


def _closest(word: str, flags: Sequence[str]) -> list[str]:
    """The flags nearest to ``word`` (difflib): the best one, and any others about as close."""
    import difflib

    scored = sorted(((difflib.SequenceMatcher(None, word, f).ratio(), f) for f in set(flags)), reverse=True)
    if not scored or scored[0][0] < 0.6:
        return []
    best = scored[0][0]
    return [f for score, f in scored[:3] if score >= max(0.6, best - 0.15)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``tione-images`` with ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = _command_of(args_list) or ""
    _tolerant_streams()
    try:
        with front_end("cli"):
            args = _parse(args_list)
            return int(args.func(args))
    except UsageError as e:
        print(f"{e.usage.rstrip()}\n{e}", file=sys.stderr)
        return _USAGE_CODE.get(command, 2)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0 if e.code is None else 2
    except (TioneError, CliError) as e:
        print(f"error: {e}", file=sys.stderr)
        return _ERROR_CODE.get(command, 1)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _stdout_to_devnull()  # the reader went away: nothing more to say, and no failure
        return 0
    except Exception as e:
        if os.environ.get("TIONE_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        print(f"error: internal error ({type(e).__name__}: {e}); this is a bug in pulumi-tione, please "
              "report it (set TIONE_DEBUG=1 for a traceback)", file=sys.stderr)
        return _ERROR_CODE.get(command, 1)


def run() -> NoReturn:
    """The ``tione-images`` console script: ``main()``, then end the process at once.

    Once the answer is flushed nothing is left to do: the interpreter's orderly teardown (freeing
    every module pydantic and the Tencent Cloud SDK loaded, ~30 ms) would only delay the prompt, so
    the process ends with ``os._exit``. The CLI registers no atexit hook, and every thread it starts
    is done (or a daemon) when ``main`` returns.

    A one-shot command (``list``, ``resolve``, ``drift``) is a short process that mostly imports:
    it runs without the cyclic garbage collector (whose passes over the freshly imported modules
    cost ~10% of the start-up and free nothing: the process ends next) and without scanning the
    installed distributions for pydantic plugins (``PYDANTIC_DISABLE_PLUGINS``, unless set; the
    CLI validates its own arguments and answers, where no plugin has a say). The long-running
    ``emulator`` and ``demo`` keep both.
    """
    if _command_of(sys.argv[1:]) in _ONE_SHOT:
        gc.disable()
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: what was not read is not needed
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
