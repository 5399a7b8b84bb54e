"""The error every emulator rule raises: an API 3.0 error code and message, as the cloud answers it."""

from __future__ import annotations

from typing import Any

from pulumi_tione._echo import clause


class ApiError(Exception):
    """An API 3.0 error answered in the envelope: ``{"Error": {"Code": code, "Message": message}}``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def type_name(value: Any) -> str:
    """The API's name for the JSON type of `value` (``String``, ``Integer``, ``Array``...)."""
    names = {bool: "Boolean", int: "Integer", float: "Float", str: "String", list: "Array", dict: "Object"}
    return "Null" if value is None else names.get(type(value), type(value).__name__)


def invalid_type(name: str, expected: str, value: Any) -> ApiError:
    """``InvalidParameter``: parameter `name` has the wrong JSON type."""
    return ApiError(
        "InvalidParameter",
        f"The parameter `{name}` must be of type {expected}, got {type_name(value)}.",
    )


def invalid_value(name: str, value: Any, why: str, code: str = "InvalidParameterValue") -> ApiError:
    """``InvalidParameterValue`` (or a sub-code): the value of `name` breaks a rule; long values are cut."""
    shown = str(value)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return ApiError(code, f"The value `{shown}` of parameter `{name}` is invalid: {clause(why)}.")


def missing(name: str) -> ApiError:
    """``MissingParameter`` for `name` (a dotted path for nested members)."""
    return ApiError("MissingParameter", f"The request is missing a required parameter `{name}`.")


def unknown(name: str) -> ApiError:
    """``UnknownParameter`` for `name`, as the API gateway answers a member it does not define."""
    return ApiError("UnknownParameter", f"The parameter `{name}` is not recognized.")
