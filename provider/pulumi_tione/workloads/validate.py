"""Validate notebook and training task arguments: every problem at once, each on its argument.

``parse_notebook``/``parse_training_task`` turn a mapping of snake_case arguments into a spec or
raise ``InvalidWorkloadError``. Beyond types, enums and lengths (the models), the rules here are
the API's documented constraints and the image's fit for the workload:

- ``name``: at most 60 characters of letters (including CJK), digits, ``_`` and ``-``, starting
  with a letter or digit (the API's rule);
- ``charge_type="POSTPAID_BY_HOUR"`` needs an ``instance_type`` (``TI.``..., the API's list of
  billing specs); ``"PREPAID"`` needs ``resource_group_id`` and cpu/memory, both > 0
  (``_api_facts``, the fact the emulator enforces too), and a notebook's
  ``gpu`` needs its ``gpu_type``;
- ``log_enable`` needs ``log_config`` (``InvalidParameterValue.ClsConfigRequired``);
- notebook storage: ``FREE`` only with PREPAID; a cloud disk (``CLOUD_PREMIUM``, the
  pay-as-you-go default, or ``CLOUD_SSD``) is at least 10 GB in steps of 10 (NotebookDetail's
  documentation); CFS/CFS_TURBO need ``volume_source_cfs``, GooseFSx ``volume_source_goose_fs``
  (``InvalidParameterValue.GooseFSConfigCannotEmpty``);
- ``additional_code_repo_ids``: each once, not the default one (``CodeRepoDuplicated``);
- a custom image's ``image_url`` is not empty and has no blanks (``ImageAddressIllegal``);
- a platform image must list ``Notebook`` (notebook) or ``Train`` (training task) in its
  ImageRange, support every requested ``gpu_type`` (SupportGpuList; an empty list is a CPU
  image, which supports none) and, for a training task, the ``training_mode`` (its
  ``TrainingModes`` attribute, when it lists any) and have a framework and image name.

The emulator enforces the same rules (README, "The emulator"); a property test holds the two
to each other. Nothing the API allows is refused beyond the models' shapes.

Arguments listed in ``unknown`` (not known yet at preview) are not reported as missing, and the
rules that need them are skipped. Messages never echo a value of a secret argument.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from pulumi_tione._api_facts import prepaid_compute_complete
from pulumi_tione._spelling import argument as spell
from pulumi_tione._spelling import current as front_end
from pulumi_tione._spelling import type_name
from pulumi_tione._spelling import value as spell_value
from pulumi_tione.errors import InvalidWorkloadError, Problem

from .models import (
    CustomImage,
    ModelServiceSpec,
    NotebookSpec,
    PlatformImageRef,
    TrainingTaskSpec,
)

__all__ = ["NAME_MAX", "parse_notebook", "parse_training_task", "valid_name"]

NAME_MAX = 60
_NAME = re.compile(r"[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z_\-\u4e00-\u9fff]*")
_SECRET_PATHS = ("image", "envs")
_IMAGE_URL = re.compile(r"\S+")
CLOUD_DISKS = ("CLOUD_PREMIUM", "CLOUD_SSD")
_S = TypeVar("_S", NotebookSpec, TrainingTaskSpec, ModelServiceSpec)


def valid_name(name: str) -> str | None:
    """Why ``name`` is not a valid TI-ONE notebook/task name, or None when it is."""
    if len(name) > NAME_MAX:
        return f"must be at most {NAME_MAX} characters (it has {len(name)})"
    if not _NAME.fullmatch(name):
        return ("may contain only letters, digits, '_' and '-' and must start with a letter or a "
                f"digit, got {name!r}")
    return None


def parse_notebook(args: Mapping[str, Any], unknown: Collection[str] = ()) -> NotebookSpec:
    """A validated ``NotebookSpec``; raises InvalidWorkloadError listing every problem."""
    spec, problems, skipped = _validate(NotebookSpec, args, unknown)
    problems += _name_rules(args, unknown)
    if spec is not None:
        problems += _common_rules(spec, skipped)
        problems += _notebook_rules(spec, skipped)
    return _result("notebook", spec, problems)


def parse_training_task(args: Mapping[str, Any], unknown: Collection[str] = ()) -> TrainingTaskSpec:
    """A validated ``TrainingTaskSpec``; raises InvalidWorkloadError listing every problem."""
    spec, problems, skipped = _validate(TrainingTaskSpec, args, unknown)
    problems += _name_rules(args, unknown)
    if spec is not None:
        problems += _common_rules(spec, skipped)
        problems += _task_rules(spec, skipped)
    return _result("training task", spec, problems)


def _name_rules(args: Mapping[str, Any], unknown: Collection[str]) -> list[Problem]:
    """The API's name rule, checked on the raw arguments so it is reported with every other problem."""
    problems: list[Problem] = []
    name = args.get("name")
    if isinstance(name, str) and "name" not in unknown and name and (why := valid_name(name)):
        problems.append(Problem("name", why))
    return problems


def _result(kind: str, spec: _S | None, problems: list[Problem]) -> _S:
    if problems or spec is None:
        raise InvalidWorkloadError(kind, problems)
    return spec


_STAND_INS: dict[str, Any] = {
    "charge_type": "POSTPAID_BY_HOUR",
    "image": {"kind": "custom", "image_url": "unknown", "image_type": "CUSTOM"},
    "resource_conf": {},
    "resource_config_infos": [{"role": "WORKER"}],
}


def _validate(
    model: type[_S], args: Mapping[str, Any], unknown: Collection[str]
) -> tuple[_S | None, list[Problem], set[str]]:
    """The model from the known, valid arguments, the problems, and the arguments left out.

    Unknown arguments and arguments with problems are left out (required ones get a stand-in), so
    the rules can still check everything else: every problem is reported at once.
    """
    skipped = set(unknown)
    problems: list[Problem] = []
    for _ in range(2):
        data = {k: v for k, v in args.items() if k not in skipped}
        data.update({k: v for k, v in _STAND_INS.items() if k in skipped and k in model.model_fields})
        try:
            return model.model_validate(data), problems, skipped
        except ValidationError as e:
            found = [_problem(model, err) for err in e.errors()]
            problems += [p for p in found if p.argument.split(".")[0] not in unknown]
            skipped |= {p.argument.split(".")[0] for p in found}
    return None, problems, skipped


def _problem(model: type[_S], err: Any) -> Problem:
    loc = [str(p) for p in err.get("loc") or ()]
    loc = [p for p in loc if p not in ("platform", "custom")]
    argument = ".".join(loc) or "(resource)"
    kind = str(err.get("type", ""))
    message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    if kind == "missing":
        message = "required"
    elif kind == "extra_forbidden":
        if len(loc) == 1:
            allowed = ", ".join(spell(name) for name in sorted(model.model_fields))
            message = f"unknown argument; allowed: {allowed}"
        else:
            struct = _struct_at(model, [str(p) for p in err.get("loc") or ()][:-1])
            members = ", ".join(spell(name) for name in sorted(struct.model_fields)) if struct else ""
            message = f"unknown field; allowed: {members}" if members else "unknown field"
    elif kind in {"union_tag_invalid", "union_tag_not_found"}:
        message = _IMAGE_SHAPES[front_end() == "native"]
    elif kind == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        if front_end() == "native" and expected:
            message = f"must be one of {expected.replace(chr(39), chr(34))}"
        if loc[0] not in _SECRET_PATHS:  # values under these may be secret: never echoed
            message = f"{message}, got {spell_value(err.get('input'))}"
    elif kind.endswith("_type"):
        message = f"{message}, got {type_name(err.get('input'))}"
        if front_end() == "native":
            message = re.sub(r"\b(a valid) (str|int|float|bool|dict|list)\b",
                             lambda m: f"{m[1]} {_JSON_WORDS[m[2]]}", message)
    return Problem(argument, message)


_JSON_WORDS = {"str": "string", "int": "integer", "float": "number", "bool": "boolean",
               "dict": "object", "list": "array"}
_IMAGE_SHAPES = {
    False: ("give a PlatformImage resource, or a custom image {'image_url', 'image_type': "
            "'TCR'|'CCR'|'CUSTOM', 'registry_region', 'registry_id', 'image_secret'}"),
    True: ('give a platform image {kind: "platform", imageId: <a PlatformImage\'s imageId>} (the '
           "provider completes imageName, imageUrl, framework, ... from the catalog), or a custom "
           'image {kind: "custom", imageUrl, imageType: "TCR"|"CCR"|"CUSTOM", registryRegion, '
           "registryId, imageSecret}"),
}


def _struct_at(model: type[BaseModel], path: list[str]) -> type[BaseModel] | None:
    """The struct model reached from ``model`` through the fields ``path`` (pydantic's ``loc``:
    list indexes skipped, optionals unwrapped, the image union's member named by its tag)."""
    current: list[type[BaseModel]] = [model]
    for name in path:
        if name.isdigit():
            continue
        tagged = [m for m in current if name in get_args(m.model_fields.get("kind", _NO_KIND).annotation)]
        if tagged:
            current = tagged
            continue
        fields = current[0].model_fields if current else {}
        if name not in fields:
            return None
        current = _models_in(fields[name].annotation)
    return current[0] if current else None


class _NoKind:
    annotation = None


_NO_KIND: Any = _NoKind()


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _common_rules(
    spec: NotebookSpec | TrainingTaskSpec | ModelServiceSpec, unknown: Collection[str]
) -> list[Problem]:
    problems: list[Problem] = []
    if "charge_type" in unknown:
        unknown = {*unknown, "resource_conf", "resource_config_infos", "resource_group_id"}
    if spec.charge_type == "PREPAID" and not spec.resource_group_id and "resource_group_id" not in unknown:
        problems.append(Problem("resource_group_id", f"required with {spell('charge_type')} PREPAID (the "
                                "prepaid resource group to run in)"))
    if spec.log_enable and spec.log_config is None and not {"log_enable", "log_config"} & set(unknown):
        problems.append(Problem("log_config", f"required with {spell('log_enable', True)}: "
                                f"{{{spell('logset_id')}: ..., {spell('topic_id')}: ...}} "
                                "(the CLS logset and topic), "
                                f"or set {spell('log_enable', False)}"))
    image = spec.image
    if "image" not in unknown and isinstance(image, CustomImage) \
            and not _IMAGE_URL.fullmatch(image.image_url):
        problems.append(Problem("image", f"{spell('image_url')} must be a registry path such as "
                                "'ccr.ccs.tencentyun.com/ns/repo:tag', not empty and without blanks"))
    return problems


def _notebook_rules(spec: NotebookSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "charge_type" in unknown:
        unknown = {*unknown, "resource_conf", "volume_source_type", "volume_size_in_gb"}
    conf = spec.resource_conf
    if "resource_conf" not in unknown:
        problems += _compute_rules("resource_conf", spec.charge_type, conf.instance_type, conf.cpu,
                                   conf.memory)
        if spec.charge_type == "PREPAID" and conf.gpu and not conf.gpu_type:
            problems.append(Problem("resource_conf", f"{spell('gpu')} is set: give {spell('gpu_type')} too "
                                    "(the card type of "
                                    "the resource group, e.g. 'T4')"))
    problems += _volume_rules(spec, unknown)
    repos = spec.additional_code_repo_ids or []
    if "additional_code_repo_ids" not in unknown and (
            len(set(repos)) != len(repos)
            or (spec.default_code_repo_id in repos and "default_code_repo_id" not in unknown)):
        problems.append(Problem("additional_code_repo_ids", "each repository may appear once, and not "
                                f"again as {spell('default_code_repo_id')}"))
    if "image" not in unknown and isinstance(spec.image, PlatformImageRef):
        problems += _platform_fit(spec.image, "Notebook", [conf.gpu_type] if conf.gpu_type else [])
    return problems


def _volume_rules(spec: NotebookSpec, unknown: Collection[str]) -> list[Problem]:
    if "volume_source_type" in unknown:
        return []
    problems: list[Problem] = []
    default = "CLOUD_PREMIUM" if spec.charge_type == "POSTPAID_BY_HOUR" else "FREE"
    volume = spec.volume_source_type or default
    if volume == "FREE" and spec.charge_type != "PREPAID":
        problems.append(Problem("volume_source_type", f"FREE storage exists only with {spell('charge_type')} "
                                "PREPAID; "
                                "use CLOUD_PREMIUM, CLOUD_SSD, CFS, CFS_TURBO or GooseFSx"))
    size = spec.volume_size_in_gb
    if volume in CLOUD_DISKS and size is not None and "volume_size_in_gb" not in unknown \
            and (size < 10 or size % 10):
        problems.append(Problem("volume_size_in_gb", f"a cloud disk is at least 10 GB, in steps of 10 GB "
                                f"(got {size})"))
    if volume in ("CFS", "CFS_TURBO") and spec.volume_source_cfs is None \
            and "volume_source_cfs" not in unknown:
        problems.append(Problem("volume_source_cfs", f"required with {spell('volume_source_type')} {volume}: "
                                "{'id': 'cfs-...', 'path': '/...'}"))
    if volume == "GooseFSx" and spec.volume_source_goose_fs is None \
            and "volume_source_goose_fs" not in unknown:
        problems.append(Problem("volume_source_goose_fs", f"required with {spell('volume_source_type')} "
                                "GooseFSx: "
                                "{'id': ..., 'path': ...}"))
    return problems


def _task_rules(spec: TrainingTaskSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "charge_type" in unknown:
        unknown = {*unknown, "resource_config_infos"}
    if "resource_config_infos" not in unknown:
        for i, info in enumerate(spec.resource_config_infos):
            problems += _compute_rules(f"resource_config_infos.{i}", spec.charge_type,
                                       info.instance_type, info.cpu, info.memory)
    if "image" in unknown:
        return problems
    image = spec.image
    if isinstance(image, PlatformImageRef):
        gpus = [i.gpu_type for i in spec.resource_config_infos if i.gpu_type]
        problems += _platform_fit(image, "Train", gpus)
        modes = image.training_modes or []
        if spec.training_mode and modes and spec.training_mode not in modes \
                and "training_mode" not in unknown:
            problems.append(Problem("training_mode", f"{spec.training_mode!r} is not supported by "
                                    f"image {image.image_name!r}; its TrainingModes: {', '.join(modes)}"))
        if not image.framework or not image.image_name:
            problems.append(Problem("image", "a platform image for a training task needs its framework "
                                    "and image name (FrameworkName/FrameworkEnvironment)"))
    return problems


def _compute_rules(
    where: str, charge_type: str, instance_type: str | None, cpu: int | None, memory: int | None
) -> list[Problem]:
    if charge_type == "POSTPAID_BY_HOUR" and not instance_type:
        return [Problem(where, f"{spell('instance_type')} is required with {spell('charge_type')} "
                        "POSTPAID_BY_HOUR, e.g. "
                        "'TI.GN10.2XLARGE40.POST'")]
    if charge_type == "POSTPAID_BY_HOUR" and instance_type and not instance_type.startswith("TI."):
        return [Problem(where, f"{spell('instance_type')} {instance_type!r} is not a TI-ONE billing spec; "
                        "they look "
                        "like 'TI.S.MEDIUM.POST' (see DescribeBillingSpecs)")]
    if charge_type == "PREPAID" and not prepaid_compute_complete(cpu, memory):
        zero = [spell(n, 0) for n, v in (("cpu", cpu), ("memory", memory)) if v == 0]
        got = f" (got {' and '.join(zero)}: no share of the resource group)" if zero else ""
        return [Problem(where, f"{spell('cpu')} (1/1000 cores) and {spell('memory')} (MB) are required "
                        f"with {spell('charge_type')} PREPAID, both greater than 0{got}; give the "
                        f"share of the resource group to use, e.g. {spell('cpu', 1000)}, "
                        f"{spell('memory', 2048)}")]
    return []


def _platform_fit(image: PlatformImageRef, use: str, gpu_types: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    label = image.image_name or image.image_id or "the image"
    if image.image_range is not None and use not in image.image_range:
        problems.append(Problem("image", f"platform image {label!r} cannot be used for {use}: its "
                                f"ImageRange is [{', '.join(image.image_range)}]; pick an image with "
                                f"{spell('image_range', use)}"))
    supported = image.support_gpu_list
    if supported is not None:
        for gpu in gpu_types:
            if gpu not in supported:
                listed = f"its SupportGpuList: {', '.join(supported)}" if supported else \
                    "its SupportGpuList is empty (a CPU image)"
                problems.append(Problem("image", f"platform image {label!r} does not support GPU type "
                                        f"{gpu!r}; {listed}"))
    if not image.image_url:
        problems.append(Problem("image", f"platform image {label!r} has no ImageUrl"))
    return problems
