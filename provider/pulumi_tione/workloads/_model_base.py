"""The hand-written base of the generated workload models (``workloads._generated``).

Numbers arrive from the Pulumi engine as floats: integer fields (``Int``) accept whole floats.
Booleans are never taken for numbers. Every model forbids unknown fields, so a typo is reported,
not ignored, and is frozen. Field names are snake_case; each field's ``serialization_alias`` is
the API's member name, so ``api()`` gives the API's shape.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

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


def _is_text(annotation: object) -> bool:
    """Whether a field's type is a string (``str``, ``Text``, a ``Literal`` of strings), optional or not."""
    if annotation is str:
        return True
    args = get_args(annotation)
    if get_origin(annotation) is Literal:
        return all(isinstance(a, str) for a in args)
    return get_origin(annotation) not in (list, dict) and any(_is_text(a) for a in args)


class ApiModel(BaseModel):
    """A struct of the API: snake_case fields, serialised under the API's names.

    An empty string given for an optional text member (``vpc_id=""``, ``training_mode=""``,
    ``envs=[{"name": "", ...}]``, any struct's) is that member not set, as TI-ONE reads it: its
    rules take an empty optional string for an absent one, and an empty choice for the default.
    So it is neither refused nor sent, nor kept in the checked inputs (docs/development.md,
    "Decisions"). Required members and the members in ``blank_is_a_value`` keep their own rules.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)
    api_struct: ClassVar[str] = ""
    """The struct's name in ``workloads.fields.STRUCTS`` (api.json's object name where it is one)."""
    blank_is_a_value: ClassVar[frozenset[str]] = frozenset()
    """Optional text fields whose empty string is not "not set" (see ``WorkloadSpec``)."""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "" not in data.values():
            return data
        fields, keep = cls.model_fields, cls.blank_is_a_value
        return {k: v for k, v in data.items()
                if not (v == "" and k in fields and k not in keep and fields[k].default is None
                        and not fields[k].is_required() and _is_text(fields[k].annotation))}

    def api(self) -> dict[str, Any]:
        """The struct in the API's field names, without unset fields."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class WorkloadSpec(ApiModel):
    """The checked arguments of one workload kind (``workloads.fields.KINDS[workload_kind]``)."""

    workload_kind: ClassVar[str] = ""
    blank_is_a_value: ClassVar[frozenset[str]] = frozenset({"name"})
    """``name`` is the API's required ``Name`` (optional here only because the provider generates
    one when it is left out), so ``name=""`` stays refused."""
