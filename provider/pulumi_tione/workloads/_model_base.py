"""The hand-written base of the generated workload models (``workloads._generated``).

Numbers arrive from the Pulumi engine as floats: integer fields (``Int``) accept whole floats.
Booleans are never taken for numbers. Every model forbids unknown fields, so a typo is reported,
not ignored, and is frozen. Field names are snake_case; each field's ``serialization_alias`` is
the API's member name, so ``api()`` gives the API's shape.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

__all__ = ["WHOLE", "ApiModel", "Int", "Text", "WorkloadSpec"]


def _whole(value: object) -> object:
    """Whole floats (the engine's numbers) become ints; bools are refused as numbers."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not a boolean")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WHOLE = BeforeValidator(_whole)
Int = Annotated[int, WHOLE]
"""An integer member (``type="integer"``)."""
Text = Annotated[str, Field(min_length=1)]
"""A string member that must not be empty (``min_length=1``)."""


class ApiModel(BaseModel):
    """A struct of the API: snake_case fields, serialised under the API's names."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)
    api_struct: ClassVar[str] = ""
    """The struct's name in ``workloads.fields.STRUCTS`` (api.json's object name where it is one)."""

    def api(self) -> dict[str, Any]:
        """The struct in the API's field names, without unset fields."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class WorkloadSpec(ApiModel):
    """The checked arguments of one workload kind (``workloads.fields.KINDS[workload_kind]``)."""

    workload_kind: ClassVar[str] = ""
