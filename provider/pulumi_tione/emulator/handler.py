"""The emulator's HTTP surface (the moto "responses" half): wire format in, backend call, envelope out.

API requests (``POST /`` with a JSON body, or ``GET /?Filters.0.Name=...`` with the flattened
form-encoded parameters the SDK sends for ``HttpProfile(reqMethod="GET")``) pass, in order: fault
injection, the common parameters (Action, Version, Region), TC3 verification, the security token,
the per-SecretId rate limit, the action's request definition (`schema`), and finally the backend
method named by ``X-TC-Action``. A mutating action that succeeded may then lose its answer
(``lost_response_rate``): the connection closes without one. Every answer is an API 3.0 envelope
with HTTP 200 and ``Content-Type: application/json`` exactly, except injected HTTP 503s and
dropped connections. ``/_emulator/...`` admin endpoints answer only loopback clients and need no
signature.
"""

from __future__ import annotations

import hmac
import json
import re
import time
import traceback
import urllib.parse
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from pulumi_tione._net import is_loopback_host

from .apierror import ApiError
from .backend import API_VERSION, Backend, check_number
from .schema import check_request, coerce_form
from .signing import AuthError, verify_request

JSON_CONTENT_TYPE = "application/json"
MAX_BODY_BYTES = 10 * 1024 * 1024
REGION_RE = re.compile(r"^[a-z]{2}-[a-z]+(-[a-z0-9]+)?$")
ADMIN_PREFIX = "/_emulator/"
CONTENT_LENGTH_RE = re.compile(r"[0-9]{1,12}")
MAX_FORM_DEPTH = 8
WORKLOAD_ACTIONS = (
    "CreateNotebook", "DescribeNotebook", "DescribeNotebooks", "ModifyNotebook", "ModifyNotebookTags",
    "StartNotebook", "StopNotebook", "DeleteNotebook", "CreateTrainingTask", "DescribeTrainingTask",
    "DescribeTrainingTasks", "StartTrainingTask", "StopTrainingTask", "DeleteTrainingTask",
    "CreateModelService", "DescribeModelService", "DescribeModelServiceGroups", "DescribeModelServiceGroup",
    "ModifyModelService", "DeleteModelService", "DeleteModelServiceGroup", "DescribeModelServiceCallInfo",
    "ModifyModelServiceAuthorization",
)
IMPLEMENTED_ACTIONS = ("DescribePlatformImages", *WORKLOAD_ACTIONS)
MUTATING_ACTIONS = frozenset(a for a in WORKLOAD_ACTIONS if not a.startswith("Describe"))

TIONE_ACTIONS = frozenset(
    {
        "ChatCompletion",
        "CreateDataSource",
        "CreateDataset",
        "CreateExport",
        "CreateModelService",
        "CreateModelServiceAuthToken",
        "CreateMountLimit",
        "CreateNotebook",
        "CreateNotebookImage",
        "CreatePresignedNotebookUrl",
        "CreateTrainingModel",
        "CreateTrainingTask",
        "DeleteDataSource",
        "DeleteDataset",
        "DeleteExport",
        "DeleteModelService",
        "DeleteModelServiceAuthToken",
        "DeleteModelServiceGroup",
        "DeleteMountLimit",
        "DeleteNotebook",
        "DeleteTrainingModel",
        "DeleteTrainingModelVersion",
        "DeleteTrainingTask",
        "DescribeAnnotatedTaskList",
        "DescribeBillingResourceGroup",
        "DescribeBillingResourceGroupAttachedWorkspaces",
        "DescribeBillingResourceGroups",
        "DescribeBillingResourceInstanceRunningJobs",
        "DescribeBillingSpecs",
        "DescribeBillingSpecsPrice",
        "DescribeBuildInImages",
        "DescribeDataSource",
        "DescribeDataSources",
        "DescribeDatasets",
        "DescribeEvents",
        "DescribeExport",
        "DescribeInferTemplates",
        "DescribeLogs",
        "DescribeModelAccelerateTask",
        "DescribeModelAccelerateVersions",
        "DescribeModelService",
        "DescribeModelServiceCallInfo",
        "DescribeModelServiceGroup",
        "DescribeModelServiceGroups",
        "DescribeModelServiceHotUpdated",
        "DescribeMountInstance",
        "DescribeMountInstances",
        "DescribeMountLimits",
        "DescribeNotebook",
        "DescribeNotebooks",
        "DescribePlatformImages",
        "DescribePresetImageList",
        "DescribePublicAlgoVersionList",
        "DescribeSubAccountLinuxUserInfos",
        "DescribeTrainingModelVersion",
        "DescribeTrainingModelVersions",
        "DescribeTrainingTask",
        "DescribeTrainingTaskPodUrl",
        "DescribeTrainingTaskPods",
        "DescribeTrainingTasks",
        "DescribeWorkspaces",
        "EnableTrainingTaskClsConfig",
        "ModifyModelService",
        "ModifyModelServiceAuthToken",
        "ModifyModelServiceAuthorization",
        "ModifyNotebook",
        "ModifyNotebookTags",
        "ModifyServiceGroupWeights",
        "PushTrainingMetrics",
        "StartNotebook",
        "StartTrainingTask",
        "StopModelAccelerateTask",
        "StopNotebook",
        "StopTrainingTask",
        "UpdateDataSource",
        "UpdateMountLimit",
        "UpdateSubAccountLinuxUserInfo",
    }
)


@dataclass(frozen=True)
class Reply:
    """One HTTP answer; `drop` means close the connection without answering at all."""

    status: int
    body: bytes = b""
    content_type: str = JSON_CONTENT_TYPE
    drop: bool = False


def _json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def envelope(result: Mapping[str, Any]) -> Reply:
    """A success envelope around `result`, with a fresh RequestId."""
    return Reply(200, _json_bytes({"Response": {**result, "RequestId": str(uuid.uuid4())}}))


def error_envelope(code: str, message: str) -> Reply:
    """An error envelope (HTTP 200, as the real endpoint answers)."""
    error = {"Error": {"Code": code, "Message": message}, "RequestId": str(uuid.uuid4())}
    return Reply(200, _json_bytes({"Response": error}))


def _run(backend: Backend, action: str, params: dict[str, Any], region: str) -> dict[str, Any]:
    if action == "DescribePlatformImages":
        return backend.describe_platform_images(params, region)
    return backend.workloads.call(action, params, region)


def _check_common(backend: Backend, method: str, action: str, headers: Mapping[str, str]) -> str:
    """Check Action, Version and Region; returns the region."""
    if method not in ("POST", "GET"):
        raise ApiError(
            "UnsupportedOperation",
            f"The HTTP method {method} is not supported; use POST with a JSON body or GET with a "
            "query string, signed with TC3-HMAC-SHA256.",
        )
    if not action:
        raise ApiError("MissingParameter", "The request is missing a required parameter `Action`.")
    version = headers.get("x-tc-version", "").strip()
    if not version:
        raise ApiError("MissingParameter", "The request is missing a required parameter `Version`.")
    if version != API_VERSION:
        raise ApiError(
            "NoSuchVersion",
            f"The requested version `{version}` of service `tione` does not exist; use `{API_VERSION}`.",
        )
    if action not in TIONE_ACTIONS:
        raise ApiError("InvalidAction", f"The requested action `{action}` does not exist.")
    if action not in IMPLEMENTED_ACTIONS:
        raise ApiError(
            "InvalidAction",
            f"The action `{action}` exists in TI-ONE but is not implemented by the emulator, which "
            f"implements {', '.join(IMPLEMENTED_ACTIONS)}.",
        )
    region = headers.get("x-tc-region", "").strip()
    if not region:
        raise ApiError("MissingParameter", "The request is missing a required parameter `Region`.")
    if not REGION_RE.match(region) or region not in backend.regions:
        raise ApiError(
            "UnsupportedRegion", f"The action `{action}` is not supported in the region `{region[:40]}`."
        )
    return region


def _parse_body(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        params = json.loads(body)
    except (ValueError, RecursionError) as e:
        raise ApiError("InvalidParameter", f"The request body is not valid JSON: {e}.") from e
    if not isinstance(params, dict):
        raise ApiError("InvalidParameter", "The request body must be a JSON object.")
    return params


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    if node and all(key.isascii() and key.isdigit() for key in node):
        return [_listify(node[key]) for key in sorted(node, key=int)]
    return {key: _listify(value) for key, value in node.items()}


def _parse_query(query: str) -> dict[str, Any]:
    """GET parameters flattened the SDK's way (``Filters.0.Values.1=x``) back into a JSON-like object."""
    params: dict[str, Any] = {}
    for flat, value in urllib.parse.parse_qsl(query, keep_blank_values=True):
        *parents, leaf = flat.split(".")
        if len(parents) > MAX_FORM_DEPTH:
            raise ApiError("InvalidParameter", f"The parameter `{flat[:80]}` is nested too deeply.")
        node = params
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise ApiError("InvalidParameter", f"The parameter `{flat}` conflicts with `{part}`.")
            node = child
        if leaf in node:
            raise ApiError("InvalidParameter", f"The parameter `{flat}` is given more than once.")
        node[leaf] = value
    result = _listify(params)
    if not isinstance(result, dict):
        raise ApiError("InvalidParameter", "The query string must name parameters, not list items.")
    return result


def handle_api(
    backend: Backend, *, method: str, query: str, headers: Mapping[str, str], body: bytes
) -> Reply:
    """Answer one API 3.0 request; `headers` maps lowercased names to raw values. Counts it in the stats."""
    action = headers.get("x-tc-action", "").strip()
    stats_key = action if action in TIONE_ACTIONS else "(none)" if not action else "(other)"
    if backend.latency_ms > 0:
        time.sleep(backend.latency_ms / 1000.0)
    fault = backend.draw_fault()
    if fault == "dropped":
        backend.record(stats_key, None)
        return Reply(0, drop=True)
    if fault == "http_503":
        backend.record(stats_key, None)
        return Reply(
            503, b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", "text/html"
        )
    try:
        if fault == "InternalError":
            raise ApiError(
                "InternalError",
                "An internal error has occurred. Retry your request, but if the problem persists, "
                "contact us with details by filing a ticket.",
            )
        region = _check_common(backend, method, action, headers)
        auth = verify_request(
            method=method,
            uri="/",
            query=query,
            headers=headers,
            body=body,
            lookup_secret_key=backend.secret_key,
            now=time.time(),
            clock_skew_s=backend.clock_skew_s,
        )
        if backend.token is not None and not hmac.compare_digest(
            headers.get("x-tc-token", "").strip().encode(), backend.token.encode()
        ):
            raise ApiError(
                "AuthFailure.TokenFailure",
                "The provided security token is invalid or does not match the SecretId.",
            )
        backend.throttle(auth.secret_id, action)
        params = coerce_form(action, _parse_query(query)) if method == "GET" else _parse_body(body)
        result = _run(backend, action, check_request(action, params), region)
    except (ApiError, AuthError) as e:
        backend.record(stats_key, e.code)
        return error_envelope(e.code, e.message)
    except Exception as e:  # a bug of the emulator: answer as the cloud does, and say so on stderr
        traceback.print_exc()
        backend.record(stats_key, "InternalError")
        return error_envelope(
            "InternalError",
            f"The emulator failed on this request ({type(e).__name__}); this is a bug in "
            "pulumi-tione's emulator, please report it.",
        )
    if action in MUTATING_ACTIONS and backend.draw_lost_response():
        backend.record(stats_key, "lost")
        return Reply(0, drop=True)
    backend.record(stats_key, "ok")
    return envelope(result)


def _admin_error(status: int, message: str) -> Reply:
    return Reply(status, _json_bytes({"error": message}))


ADMIN_ROUTES: dict[str, tuple[str, ...]] = {
    "stats": ("GET",),
    "catalog": ("PUT",),
    "reset": ("POST",),
    "objects": ("GET", "DELETE"),
    "status": ("POST",),
    "faults": ("POST",),
    "timing": ("POST",),
}
"""Admin endpoint (after ``/_emulator/``) -> the methods it accepts."""


def handle_admin(backend: Backend, *, method: str, path: str, body: bytes, client_host: str) -> Reply:
    """Answer a ``/_emulator/...`` request (loopback only): stats, catalog, reset, objects, status."""
    if not is_loopback_host(client_host):
        return _admin_error(403, "admin endpoints answer only loopback clients")
    name = path[len(ADMIN_PREFIX) :]
    if name not in ADMIN_ROUTES:
        endpoints = ", ".join(ADMIN_PREFIX + route for route in ADMIN_ROUTES)
        return _admin_error(404, f"no admin endpoint {path[:80]}; try {endpoints}")
    if method not in ADMIN_ROUTES[name]:
        return _admin_error(405, f"{path} accepts only {' or '.join(ADMIN_ROUTES[name])}")
    if name == "stats":
        return Reply(200, _json_bytes(backend.stats()))
    if name == "reset":
        backend.reset_stats()
        return Reply(200, _json_bytes({"reset": True}))
    if name == "objects":
        if method == "DELETE":
            return Reply(200, _json_bytes({"deleted": backend.workloads.clear()}))
        return Reply(200, _json_bytes({"objects": backend.workloads.objects()}))
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as e:
        return _admin_error(400, f"{path}: the body is not valid JSON: {e}")
    if name == "status":
        return _force_status(backend, document)
    if name in ("faults", "timing"):
        return _settings(backend, name, document)
    try:
        count = backend.set_catalog(document, "PUT /_emulator/catalog")
    except ValueError as e:
        return _admin_error(400, str(e))
    return Reply(200, _json_bytes({"count": count}))


_SETTINGS = {
    "faults": ("latency_ms", "error_rate", "lost_response_rate", "rate_limit", "seed"),
    "timing": ("step_seconds", "run_seconds"),
}


def _settings(backend: Backend, name: str, document: Any) -> Reply:
    """``POST /_emulator/faults`` / ``timing``: change the given settings (others keep theirs)."""
    keys = _SETTINGS[name]
    if not isinstance(document, dict) or set(document) - set(keys):
        return _admin_error(400, f"POST /_emulator/{name}: send an object with some of {', '.join(keys)}")
    try:
        if name == "faults":
            backend.set_faults(**document)
        else:
            backend.workloads.set_timing(**{k: _duration(k, v) for k, v in document.items()})
    except ValueError as e:
        return _admin_error(400, f"POST /_emulator/{name}: {e}")
    return Reply(200, _json_bytes({"updated": sorted(document)}))


def _duration(name: str, value: Any) -> float:
    check_number(name, value, upper=None)
    return float(value)


def _force_status(backend: Backend, document: Any) -> Reply:
    usage = 'send {"Id": "nb-..., train-... or ms-...-1", "Status": "...", "FailureReason": "optional text"}'
    if not isinstance(document, dict) or set(document) - {"Id", "Status", "FailureReason"}:
        return _admin_error(400, f"POST /_emulator/status: {usage}")
    object_id, status = document.get("Id"), document.get("Status")
    reason = document.get("FailureReason", "")
    if not all(isinstance(v, str) for v in (object_id, status, reason)) or not object_id or not status:
        return _admin_error(400, f"POST /_emulator/status: Id and Status are required strings; {usage}")
    try:
        summary = backend.workloads.force_status(object_id, status, reason)
    except KeyError:
        return _admin_error(404, f"POST /_emulator/status: no notebook, training task or model service "
                            f"{object_id[:80]!r}")
    except ValueError as e:
        return _admin_error(400, f"POST /_emulator/status: {e}")
    return Reply(200, _json_bytes(summary))


class RequestHandler(BaseHTTPRequestHandler):
    """Thin glue between `http.server` and `handle_api`/`handle_admin`; the server carries `.backend`."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 60
    server_version = "tione-emulator"
    sys_version = ""

    def handle(self) -> None:
        """Serve the connection; a client that goes away mid-request is not an error worth a traceback."""
        try:
            super().handle()
        except ConnectionError:
            self.close_connection = True

    def do_POST(self) -> None:
        self._dispatch()

    def do_GET(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default per-request stderr log."""

    def _dispatch(self) -> None:
        backend: Backend = self.server.backend  # type: ignore[attr-defined]
        if "Transfer-Encoding" in self.headers:
            self.close_connection = True
            self._send(_admin_error(411, "chunked request bodies are not supported; send a Content-Length"))
            return
        length_header = self.headers.get("Content-Length", "0").strip()
        length = int(length_header) if CONTENT_LENGTH_RE.fullmatch(length_header) else -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self.close_connection = True
            self._send(_admin_error(413, "request body missing a valid Content-Length or larger than 10 MB"))
            return
        body = self.rfile.read(length)
        path, _, query = self.path.partition("?")
        if path.startswith(ADMIN_PREFIX):
            reply = handle_admin(
                backend, method=self.command, path=path, body=body, client_host=str(self.client_address[0])
            )
        elif path == "/":
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = handle_api(backend, method=self.command, query=query, headers=headers, body=body)
        else:
            reply = _admin_error(404, f"no such path {path}; the API is served at /")
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(reply.body)
