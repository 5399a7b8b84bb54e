"""Validate notebook and training task arguments: every problem at once, each on its argument.

``parse_notebook``/``parse_training_task`` turn a mapping of snake_case arguments into a spec or
raise ``InvalidWorkloadError``. Beyond types, enums and lengths (the models), the rules here are
the API's documented constraints and the image's fit for the workload:

- ``name``: at most 60 characters of letters (including CJK), digits, ``_`` and ``-``, starting
  with a letter or digit (the API's rule);
- ``charge_type="POSTPAID_BY_HOUR"`` needs an ``instance_type``; ``"PREPAID"`` needs
  ``resource_group_id`` and cpu/memory;
- ``vpc_id`` and ``subnet_id`` come together; ``automatic_stop_time`` needs ``auto_stopping``;
  ``volume_source_type`` CFS needs ``volume_source_cfs``;
- a platform image must list ``Notebook`` (notebook) or ``Train`` (training task) in its
  ImageRange, support every requested ``gpu_type`` (SupportGpuList) and, for a training task,
  the ``training_mode`` (its ``TrainingModes`` attribute) and have a framework and image name;
- environment variable names are unique.

Arguments listed in ``unknown`` (not known yet at preview) are not reported as missing, and the
rules that need them are skipped. Messages never echo a value of a secret argument.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from pulumi_tione.errors import InvalidWorkloadError, Problem

from .models import (
    CustomImage,
    NotebookSpec,
    PlatformImageRef,
    TrainingTaskSpec,
)

__all__ = ["NAME_MAX", "parse_notebook", "parse_training_task", "valid_name"]

NAME_MAX = 60
_NAME = re.compile(r"[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z_\-\u4e00-\u9fff]*")
_SECRET_PATHS = ("image", "envs")
_S = TypeVar("_S", NotebookSpec, TrainingTaskSpec)


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
            allowed = ", ".join(sorted(model.model_fields))
            message = f"unknown argument; allowed: {allowed}"
        else:
            message = "unknown field (check its spelling against the API's fields in snake_case)"
    elif kind in {"union_tag_invalid", "union_tag_not_found"}:
        message = ("give a PlatformImage resource, or a custom image {'image_url', 'image_type': "
                   "'TCR'|'CCR'|'CUSTOM', 'registry_region', 'registry_id', 'image_secret'}")
    elif kind == "literal_error" and loc[0] not in _SECRET_PATHS:
        message = f"{message}, got {err.get('input')!r}"
    elif kind.endswith("_type"):
        message = f"{message}, got {type(err.get('input')).__name__}"
    return Problem(argument, message)


def _common_rules(spec: NotebookSpec | TrainingTaskSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "charge_type" in unknown:
        unknown = {*unknown, "resource_conf", "resource_config_infos", "resource_group_id"}
    if spec.charge_type == "PREPAID" and not spec.resource_group_id and "resource_group_id" not in unknown:
        problems.append(Problem("resource_group_id", "required with charge_type PREPAID (the "
                                "prepaid resource group to run in)"))
    if (spec.vpc_id is None) != (spec.subnet_id is None) and not {"vpc_id", "subnet_id"} & set(unknown):
        missing = "subnet_id" if spec.subnet_id is None else "vpc_id"
        problems.append(Problem(missing, "vpc_id and subnet_id are given together"))
    for key, value in (spec.tags or {}).items():
        if not key.strip():
            problems.append(Problem("tags", "tag keys must not be empty"))
        elif not value:
            problems.append(Problem("tags", f"tag {key!r} needs a value"))
    return problems


def _notebook_rules(spec: NotebookSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "charge_type" in unknown:
        unknown = {*unknown, "resource_conf"}
    conf = spec.resource_conf
    if "resource_conf" not in unknown:
        problems += _compute_rules("resource_conf", spec.charge_type, conf.instance_type, conf.cpu,
                                   conf.memory)
    if spec.automatic_stop_time is not None and not spec.auto_stopping and "auto_stopping" not in unknown:
        problems.append(Problem("automatic_stop_time", "needs auto_stopping=True"))
    if spec.volume_source_type in ("CFS", "CFS_TURBO") and spec.volume_source_cfs is None \
            and "volume_source_cfs" not in unknown:
        problems.append(Problem("volume_source_cfs", f"required with volume_source_type "
                                f"{spec.volume_source_type}: {{'id': 'cfs-...', 'path': '/...'}}"))
    if "image" not in unknown and isinstance(spec.image, PlatformImageRef):
        problems += _platform_fit(spec.image, "Notebook", [conf.gpu_type] if conf.gpu_type else [])
    return problems


def _task_rules(spec: TrainingTaskSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "charge_type" in unknown:
        unknown = {*unknown, "resource_config_infos"}
    if "resource_config_infos" not in unknown:
        for i, info in enumerate(spec.resource_config_infos):
            problems += _compute_rules(f"resource_config_infos.{i}", spec.charge_type,
                                       info.instance_type, info.cpu, info.memory)
    names = [env.name for env in spec.envs or []]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(Problem("envs", f"duplicate names: {', '.join(dupes)}"))
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
    elif isinstance(image, CustomImage) and image.image_type in ("TCR",) and not image.registry_id:
        problems.append(Problem("image", "a TCR image needs registry_id (the TCR instance id) and "
                                "registry_region"))
    return problems


def _compute_rules(
    where: str, charge_type: str, instance_type: str | None, cpu: int | None, memory: int | None
) -> list[Problem]:
    if charge_type == "POSTPAID_BY_HOUR" and not instance_type:
        return [Problem(where, "instance_type is required with charge_type POSTPAID_BY_HOUR, e.g. "
                        "'TI.GN10.2XLARGE40.POST'")]
    if charge_type == "PREPAID" and (cpu is None or memory is None):
        return [Problem(where, "cpu (1/1000 cores) and memory (MB) are required with charge_type "
                        "PREPAID")]
    return []


def _platform_fit(image: PlatformImageRef, use: str, gpu_types: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    label = image.image_name or image.image_id or "the image"
    if image.image_range is not None and use not in image.image_range:
        problems.append(Problem("image", f"platform image {label!r} cannot be used for {use}: its "
                                f"ImageRange is [{', '.join(image.image_range)}]; pick an image with "
                                f"image_range={use!r}"))
    supported = image.support_gpu_list
    if supported:
        for gpu in gpu_types:
            if gpu not in supported:
                problems.append(Problem("image", f"platform image {label!r} does not support GPU type "
                                        f"{gpu!r}; its SupportGpuList: {', '.join(supported)}"))
    if not image.image_url:
        problems.append(Problem("image", f"platform image {label!r} has no ImageUrl"))
    return problems
