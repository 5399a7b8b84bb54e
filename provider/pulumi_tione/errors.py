"""The exception tree of pulumi-tione.

Every error the library raises is a :class:`TioneError`; its message has a one-line summary and,
where there is one, what to do next. Messages never contain a secret key or token.

::

    TioneError
    ├── ConfigurationError            region, endpoint or settings are missing or invalid
    │   └── CredentialsNotFoundError  no credential source had a key pair (lists every place looked)
    ├── InvalidQueryError             the query arguments are invalid (one Problem per argument)
    ├── InvalidExportError            the drift input is not a `pulumi stack export` document
    ├── InvalidStateError             a resource's state cannot be read (e.g. a newer state schema)
    ├── LookupFailedError             the query is valid but does not pick exactly one image
    │   ├── ImageNotFoundError        no image matches (nearest names and why they were excluded)
    │   └── AmbiguousImageError       several images match (candidates and how to narrow)
    ├── WorkloadError                 a notebook or training task operation failed
    │   ├── InvalidWorkloadError      its arguments are invalid (one Problem per argument)
    │   ├── WorkloadFailedError       TI-ONE reports it Failed/SubmitFailed/FAILED/... (FailureReason)
    │   ├── WaitTimeoutError          it did not reach the wanted status within the timeout
    │   └── NameConflictError         another object already has the name
    └── ApiError                      the TI-ONE API failed (code, request id, endpoint)
        ├── AuthError                 AuthFailure.*, UnauthorizedOperation.*: fix credentials/CAM
        ├── RequestRejectedError      InvalidParameter*, MissingParameter, UnknownParameter, ...
        ├── ResourceNotFoundError     ResourceNotFound*, FailedOperation.RecordNotFound
        ├── TransientApiError         worth retrying: the retry budget was spent
        │   ├── ThrottledError        RequestLimitExceeded.*
        │   ├── ServiceError          InternalError, ServiceUnavailable, HTTP 5xx
        │   └── NetworkError          connection refused/reset/dropped, timeouts
        ├── UnreachableEndpointError  no retry can help: nothing listens on a loopback endpoint,
        │                             or the TLS handshake failed (http/https mismatch, certificate)
        ├── MalformedResponseError    the response is not a valid TI-ONE envelope
        ├── InconsistentCatalogError  the catalog kept changing while it was paged
        └── ListingLimitError         a listing passed its bound: too many images, or too long

The SDK's ``TencentCloudSDKException`` is translated into this tree in exactly one place,
``pulumi_tione.api.client``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AmbiguousImageError",
    "ApiError",
    "AuthError",
    "ConfigurationError",
    "CredentialsNotFoundError",
    "ImageNotFoundError",
    "InconsistentCatalogError",
    "InvalidExportError",
    "InvalidQueryError",
    "InvalidStateError",
    "InvalidWorkloadError",
    "ListingLimitError",
    "LookupFailedError",
    "MalformedResponseError",
    "NameConflictError",
    "NetworkError",
    "Problem",
    "RequestRejectedError",
    "ResourceNotFoundError",
    "ServiceError",
    "ThrottledError",
    "TioneError",
    "TransientApiError",
    "UnreachableEndpointError",
    "WaitTimeoutError",
    "WorkloadError",
    "WorkloadFailedError",
]


class TioneError(Exception):
    """Base of every error raised by pulumi-tione."""


class ConfigurationError(TioneError):
    """Region, endpoint or another setting is missing or invalid."""


class CredentialsNotFoundError(ConfigurationError):
    """No credential source yielded a SecretId/SecretKey pair."""


@dataclass(frozen=True)
class Problem:
    """One invalid argument: the argument's name and what is wrong with it / what is allowed."""

    argument: str
    message: str

    def __str__(self) -> str:
        return f"{self.argument}: {self.message}"


class InvalidQueryError(TioneError):
    """The query arguments are invalid; ``problems`` lists every bad argument at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid image query ({len(self.problems)} problem(s)):\n{lines}")


class InvalidExportError(TioneError):
    """The drift input is not a ``pulumi stack export`` document (deployment version 3)."""


class InvalidStateError(TioneError):
    """A resource's recorded state cannot be read (written by a newer version, or damaged)."""


class LookupFailedError(TioneError):
    """A valid query that does not select exactly one image.

    ``argument`` names the query argument that excluded the image, when a single one did (the
    provider reports the failure on it); None when the failure belongs to the query as a whole.
    """

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        self.argument = argument
        super().__init__(message)


class ImageNotFoundError(LookupFailedError):
    """No image in the catalog satisfies the query."""


class AmbiguousImageError(LookupFailedError):
    """More than one image satisfies a query with ``select="unique"``."""


class WorkloadError(TioneError):
    """A notebook or training task could not be validated, created, changed, read or deleted."""


class InvalidWorkloadError(WorkloadError):
    """The arguments of a notebook or training task are invalid; ``problems`` lists every one."""

    def __init__(self, kind: str, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid {kind} ({len(self.problems)} problem(s)):\n{lines}")


class WorkloadFailedError(WorkloadError):
    """TI-ONE reports the object in a terminal failure status; carries its FailureReason."""

    def __init__(self, message: str, *, object_id: str, status: str, failure_reason: str | None) -> None:
        self.object_id = object_id
        self.status = status
        self.failure_reason = failure_reason
        super().__init__(message)


class WaitTimeoutError(WorkloadError):
    """The object did not reach the wanted status before the operation's timeout."""


class NameConflictError(WorkloadError):
    """Another notebook or training task (not created by this operation) already has the name."""


class ApiError(TioneError):
    """The TI-ONE API call failed; carries the API error code, RequestId and endpoint."""

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        request_id: str | None = None,
        endpoint: str | None = None,
    ) -> None:
        self.summary = message
        self.code = code
        self.request_id = request_id
        self.endpoint = endpoint
        details = [f"code {code}" if code else None, f"endpoint {endpoint}" if endpoint else None,
                   f"RequestId {request_id}" if request_id else None]
        suffix = ", ".join(d for d in details if d)
        super().__init__(f"{message} ({suffix})" if suffix else message)


class AuthError(ApiError):
    """Authentication or authorisation failed: fix the credentials or the CAM policy."""


class RequestRejectedError(ApiError):
    """The API rejected the request's parameters or action."""


class ResourceNotFoundError(ApiError):
    """The object the request names does not exist (ResourceNotFound*, FailedOperation.RecordNotFound)."""


class TransientApiError(ApiError):
    """A failure that is worth retrying; raised once the retry budget is spent."""


class ThrottledError(TransientApiError):
    """The API's rate limit was exceeded (RequestLimitExceeded and its sub-codes)."""


class ServiceError(TransientApiError):
    """The service failed (InternalError, ServiceUnavailable, HTTP 5xx)."""


class NetworkError(TransientApiError):
    """The endpoint could not be reached or the connection broke or timed out."""


class MalformedResponseError(ApiError):
    """The endpoint answered with something that is not a valid TI-ONE response."""


class InconsistentCatalogError(ApiError):
    """The catalog changed while it was being paged, on every allowed attempt."""


class ListingLimitError(ApiError):
    """A catalog listing passed its bound (``ListingLimits``): too many images, or too long."""


class UnreachableEndpointError(ApiError):
    """The endpoint cannot be used and retrying cannot help (refused on loopback, TLS mismatch)."""
