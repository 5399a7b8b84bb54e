"""Typed data: catalog entries as the API returns them, and validated image queries.

``PlatformImageInfo`` mirrors TI-ONE's ``PlatformImageInfo`` with snake_case fields and the API's field
names as aliases; every field but ``image_id`` may be null, as the API documents. ``ImageFilter`` is
a validated set of criteria (possibly empty, for listing); ``ImageQuery`` adds ``select`` and
requires at least one criterion (for picking one image). ``policy`` (pin or track) is not a query
argument: it belongs to the Pulumi resources (``stack.state``), and a lookup rejects it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from pulumi_tione._echo import echo
from pulumi_tione.errors import InvalidQueryError, Problem

from .pattern import check_pattern

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet

__all__ = [
    "IMAGE_RANGES",
    "NOT_CRITERIA",
    "ExtraAttribute",
    "ImageFilter",
    "ImageQuery",
    "PlatformImageInfo",
]

IMAGE_RANGES = ("Train", "Inference", "Notebook")
_SPECIFIER_START = ("<", ">", "=", "!", "~")

NOT_CRITERIA = frozenset({"policy", "select", "region", "workspace"})
"""Arguments that say where to look or how to pick, not what to match (``policy`` belongs to the
Pulumi resources, not to the query, and is listed for their checks)."""

ImageRange = Literal["Train", "Inference", "Notebook"]
SelectMode = Literal["unique", "highest_version"]
_M = TypeVar("_M", bound="ImageFilter")
_POLICY_IS_NOT_A_QUERY = (
    "not a lookup argument: policy ('pin' or 'track') belongs to the Pulumi resources "
    "PlatformImage/PlatformImages; a lookup always asks the catalog, so drop it"
)


class ExtraAttribute(BaseModel):
    """One ``Attribute`` of ``ExtraAttributes``: ``Values`` when ``Type`` is ``List``, else ``Value``."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    type: str | None = Field(default=None, alias="Type")
    key: str = Field(alias="Key")
    value: str | None = Field(default=None, alias="Value")
    values: list[str] | None = Field(default=None, alias="Values")

    @property
    def data(self) -> str | list[str] | None:
        """The attribute's value: the list for ``Type == "List"``, the scalar otherwise."""
        if self.type == "List" or (self.value is None and self.values is not None):
            return list(self.values or [])
        return self.value


class PlatformImageInfo(BaseModel):
    """One TI-ONE platform image (``PlatformImageInfo``); only ``image_id`` is guaranteed."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    image_id: str = Field(alias="ImageId", min_length=1)
    image_name: str | None = Field(default=None, alias="ImageName")
    image_url: str | None = Field(default=None, alias="ImageUrl")
    image_type: str | None = Field(default=None, alias="ImageType")
    framework: str | None = Field(default=None, alias="Framework")
    framework_version: str | None = Field(default=None, alias="FrameworkVersion")
    support_gpu_list: list[str] | None = Field(default=None, alias="SupportGpuList")
    image_range: list[str] | None = Field(default=None, alias="ImageRange")
    registry_region: str | None = Field(default=None, alias="RegistryRegion")
    registry_id: str | None = Field(default=None, alias="RegistryId")
    description: str | None = Field(default=None, alias="Description")
    extra_attributes: list[ExtraAttribute] | None = Field(default=None, alias="ExtraAttributes")
    support_distributed_deploy: bool | None = Field(default=None, alias="SupportDistributedDeploy")
    region_scope: str | None = Field(default=None, alias="RegionScope")

    @property
    def attributes(self) -> dict[str, str | list[str] | None]:
        """``extra_attributes`` as a dict: key -> value, or list of values for List attributes."""
        return {a.key: a.data for a in self.extra_attributes or []}

    def flag(self, key: str) -> bool:
        """A boolean extra attribute ("true"/"false", case-insensitive); missing counts as false."""
        value = self.attributes.get(key)
        return isinstance(value, str) and value.strip().lower() == "true"

    def attribute_list(self, key: str) -> list[str]:
        """A list-valued extra attribute; a scalar becomes a one-element list, missing is empty."""
        value = self.attributes.get(key)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    def outputs(self) -> dict[str, Any]:
        """The snake_case output document (``extra_attributes`` flattened to a dict)."""
        data = self.model_dump(mode="json")
        data["extra_attributes"] = self.attributes
        return data


class ImageFilter(BaseModel):
    """Validated criteria for listing images; all given criteria must hold (empty lists all)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: str | None = None
    image_id: str | None = None
    name_regex: str | None = None
    image_range: ImageRange | None = None
    framework: str | None = None
    framework_version: str | None = None
    gpu: str | None = None
    support_data_pipeline: bool | None = None
    allow_save_all_content: bool | None = None
    training_mode: str | None = None
    support_distributed_deploy: bool | None = None
    region: str | None = None
    workspace: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _strip(cls, data: Any) -> Any:
        """One whitespace rule for every argument: surrounding whitespace is removed."""
        if isinstance(data, dict):
            return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return data

    @field_validator(
        "name", "image_id", "name_regex", "framework", "framework_version", "gpu",
        "training_mode", "region", "workspace",
    )
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty; omit the argument instead")
        return value

    @field_validator("image_range", mode="before")
    @classmethod
    def _image_range_case(cls, value: object) -> object:
        if isinstance(value, str):
            for allowed in IMAGE_RANGES:
                if value.strip().lower() == allowed.lower():
                    return allowed
            raise ValueError(f"{echo(value)} is not an ImageRange; allowed: {', '.join(IMAGE_RANGES)}")
        return value

    @field_validator("name_regex")
    @classmethod
    def _valid_regex(cls, value: str | None) -> str | None:
        if value is not None:
            check_pattern(value)
        return value

    @field_validator("framework_version")
    @classmethod
    def _valid_version(cls, value: str | None) -> str | None:
        if value is not None and value.strip().startswith(_SPECIFIER_START):
            from packaging.specifiers import InvalidSpecifier, SpecifierSet

            try:
                SpecifierSet(value)
            except InvalidSpecifier:
                raise ValueError(
                    f"{echo(value)} is not a PEP 440 version specifier; use an exact FrameworkVersion "
                    "such as '2.3' or a specifier such as '>=2.1,<3'"
                ) from None
        return value

    @field_validator("region")
    @classmethod
    def _valid_region(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z]{2}-[a-z]+(-[a-z0-9]+)?", value):
            raise ValueError(f"{echo(value)} is not a Tencent Cloud region such as 'ap-guangzhou'")
        return value

    @property
    def version_specifier(self) -> SpecifierSet | None:
        """``framework_version`` as a specifier set, or None when it is an exact version."""
        fv = self.framework_version
        if fv is not None and fv.strip().startswith(_SPECIFIER_START):
            from packaging.specifiers import SpecifierSet

            return SpecifierSet(fv)
        return None

    def criteria(self) -> dict[str, Any]:
        """The matching criteria that are set (no select/region/workspace)."""
        return {k: v for k, v in self.model_dump().items() if v is not None and k not in NOT_CRITERIA}

    def describe(self) -> str:
        """A short human description of the criteria, e.g. ``name='x', image_range='Train'``."""
        return ", ".join(f"{k}={echo(v)}" for k, v in self.criteria().items()) or "(no criteria)"

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> ImageFilter:
        """Validate ``args``; raise InvalidQueryError listing every bad argument at once."""
        return _parse(cls, args)


class ImageQuery(ImageFilter):
    """Validated criteria that must pick exactly one image (``select`` says how)."""

    select: SelectMode = "unique"

    @field_validator("select", mode="before")
    @classmethod
    def _select_default(cls, value: object) -> object:
        return "unique" if value is None else value

    @model_validator(mode="after")
    def _has_criterion(self) -> ImageQuery:
        if not self.criteria():
            raise ValueError(
                "at least one criterion is required: name, image_id, name_regex, image_range, "
                "framework, framework_version, gpu, support_data_pipeline, "
                "allow_save_all_content, training_mode or support_distributed_deploy"
            )
        return self

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> ImageQuery:
        """Validate ``args``; raise InvalidQueryError listing every bad argument at once."""
        return _parse(cls, args)


def _parse(model: type[_M], args: Mapping[str, Any]) -> _M:
    try:
        return model.model_validate(dict(args))
    except ValidationError as e:
        raise InvalidQueryError([_problem(model, err) for err in e.errors()]) from None


def _problem(model: type[ImageFilter], err: Any) -> Problem:
    loc = tuple(err.get("loc") or ())
    key = loc[0] if loc else "query"
    argument = str(key) if str(key).isidentifier() and len(str(key)) <= 64 else echo(key)
    kind = err.get("type", "")
    if kind == "invalid_key":
        return Problem(argument, "argument names must be strings")
    if kind == "extra_forbidden" and argument == "policy":
        return Problem(argument, _POLICY_IS_NOT_A_QUERY)
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(model.model_fields))
        return Problem(argument, f"unknown argument; allowed: {allowed}")
    message = str(err.get("msg", "invalid value"))
    message = message.removeprefix("Value error, ")
    if kind == "literal_error":
        message = f"{message}, got {echo(err.get('input'))}"
    elif kind.endswith("_type"):
        message = f"{message}, got {type(err.get('input')).__name__} {echo(err.get('input'))}"
    return Problem(argument, message)
