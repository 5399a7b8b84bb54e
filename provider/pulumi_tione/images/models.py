"""Typed data: catalog entries as the API returns them, and validated image queries.

``PlatformImageInfo`` mirrors TI-ONE's ``PlatformImageInfo`` with snake_case fields and the API's field
names as aliases; every field but ``image_id`` may be null, as the API documents. ``ImageFilter`` is
a validated set of criteria (possibly empty, for listing); ``ImageQuery`` adds ``select`` and
requires at least one criterion (for picking one image). ``policy`` (pin or track) is not a query
argument: it belongs to the Pulumi resources (``stack.state``), and a lookup rejects it.

The query arguments are written out once, here: each ``ImageFilter``/``ImageQuery`` field carries
its documentation (``description``: when an image passes it, as docs/library.md's table and the CLI's
help show it) and whether it is a matching criterion. ``CRITERIA``, ``CONTROLS``, the CLI flags, the
error messages and docs/library.md's table all derive from (or are tested against) these fields; the
Pulumi resources and functions keep explicit typed signatures, held to the same fields by a test.
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
from pulumi_tione._spelling import argument, arguments
from pulumi_tione._spelling import argument as spell
from pulumi_tione.errors import InvalidQueryError, Problem

from .pattern import check_pattern

if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet

__all__ = [
    "CONTROLS",
    "CRITERIA",
    "IMAGE_RANGES",
    "ExtraAttribute",
    "ImageFilter",
    "ImageQuery",
    "PlatformImageInfo",
]

IMAGE_RANGES = ("Train", "Inference", "Notebook")
_SPECIFIER_START = ("<", ">", "=", "!", "~")


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


def _criterion(matches: str) -> Any:
    """An optional matching criterion; ``matches`` says when an image passes it."""
    return Field(default=None, description=matches, json_schema_extra={"criterion": True})


def _control(meaning: str) -> Any:
    """An optional argument that is not a criterion (where and how to look)."""
    return Field(default=None, description=meaning)


class ImageFilter(BaseModel):
    """Validated criteria for listing images; all given criteria must hold (empty lists all)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: str | None = _criterion("ImageName equals it exactly")
    image_id: str | None = _criterion("ImageId equals it")
    name_regex: str | None = _criterion(
        "Python `re.search` finds it in ImageName (within a time bound: docs/reliability.md)")
    image_range: ImageRange | None = _criterion(
        "`Train`, `Inference` or `Notebook` (any case) is listed in the image's ImageRange")
    framework: str | None = _criterion("Framework equals it, case-insensitively")
    framework_version: str | None = _criterion(
        "FrameworkVersion equals it exactly, or — when it starts with `<>=!~` — satisfies the PEP 440 "
        "specifier (`\">=2.1,<3\"`); versions that are not PEP 440 never satisfy a specifier")
    gpu: str | None = _criterion("it is in SupportGpuList")
    support_data_pipeline: bool | None = _criterion(
        "the SupportDataPipeline extra attribute (`\"true\"`/`\"false\"`; missing counts as false) equals it")
    allow_save_all_content: bool | None = _criterion(
        "the AllowSaveAllContent extra attribute (`\"true\"`/`\"false\"`; missing counts as false) equals it")
    training_mode: str | None = _criterion("it is in the `TrainingModes` extra attribute (e.g. `DDP`)")
    support_distributed_deploy: bool | None = _criterion(
        "SupportDistributedDeploy (null counts as false) equals it")
    region: str | None = _control("the region of the catalog (overrides the configured one)")
    workspace: str | None = _control("the TI-ONE workspace (`TiProjectId`) to list")

    @model_validator(mode="before")
    @classmethod
    def _strip(cls, data: Any) -> Any:
        """One whitespace rule for every argument: surrounding whitespace is removed."""
        if isinstance(data, dict):
            return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return data

    @field_validator("*")
    @classmethod
    def _not_blank(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
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
        return {k: v for k in CRITERIA if (v := getattr(self, k)) is not None}

    def describe(self) -> str:
        """A short human description of the criteria, e.g. ``name='x', image_range='Train'`` (as
        flags, ``--name x --image-range Train``, for the CLI: ``_spelling``)."""
        return arguments(self.criteria()) or "(no criteria)"

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> ImageFilter:
        """Validate ``args``; raise InvalidQueryError listing every bad argument at once."""
        return _parse(cls, args)


CRITERIA: tuple[str, ...] = tuple(
    name for name, field in ImageFilter.model_fields.items()
    if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("criterion"))
"""The matching criteria, in argument order (the order failures and flags are listed in)."""


class ImageQuery(ImageFilter):
    """Validated criteria that must pick exactly one image (``select`` says how)."""

    select: SelectMode = Field(
        default="unique",
        description='`"unique"` (default): more than one match is an error; `"highest_version"`: highest '
                    "FrameworkVersion, ties broken by natural sort of ImageName, descending")

    @field_validator("select", mode="before")
    @classmethod
    def _select_default(cls, value: object) -> object:
        return "unique" if value is None else value

    @model_validator(mode="after")
    def _has_criterion(self) -> ImageQuery:
        if not self.criteria():
            listed = f"{', '.join(argument(c) for c in CRITERIA[:-1])} or {argument(CRITERIA[-1])}"
            raise ValueError(f"at least one criterion is required: {listed}")
        return self

    @classmethod
    def parse(cls, args: Mapping[str, Any]) -> ImageQuery:
        """Validate ``args``; raise InvalidQueryError listing every bad argument at once."""
        return _parse(cls, args)


CONTROLS: tuple[str, ...] = tuple(name for name in ImageQuery.model_fields if name not in CRITERIA)
"""The arguments that say where and how to look (``select``, ``region``, ``workspace``)."""


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
        allowed = ", ".join(spell(name) for name in sorted(model.model_fields))
        return Problem(argument, f"unknown argument; allowed: {allowed}")
    message = str(err.get("msg", "invalid value"))
    message = message.removeprefix("Value error, ")
    if kind == "literal_error":
        message = f"{message}, got {echo(err.get('input'))}"
    elif kind.endswith("_type"):
        message = f"{message}, got {type(err.get('input')).__name__} {echo(err.get('input'))}"
    return Problem(argument, message)
