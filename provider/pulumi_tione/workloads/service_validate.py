"""Validate ``ModelService`` arguments: every problem at once, each on its argument.

``parse_model_service`` turns snake_case arguments into a ``ModelServiceSpec`` or raises
``InvalidWorkloadError``. Types, enums and bounds come from the definitions (``fields``, through
the generated model); the rules here are TI-ONE's documented conditions, the ones the emulator
holds CreateModelService to (``emulator.service_rules``; a property test keeps the two equal):

- ``charge_type="POSTPAID_BY_HOUR"`` needs an ``instance_type`` (``TI.``...); ``"PREPAID"`` needs
  ``resource_group_id`` and ``resources`` (cpu and memory of at least 1);
- ``scale_mode="AUTO"`` needs ``horizontal_pod_autoscaler`` (``scale_strategy`` HPA, the default)
  or ``cron_scale_jobs`` (CRON); an autoscaler's ``min_replicas`` is not above ``max_replicas``
  and each metric's value is in its documented range; a cron ``schedule`` has 5 fields;
- ``log_enable`` needs ``log_config``; ``scheduled_action.schedule_stop`` its time; each enabled
  ``service_limit`` its limit; a CFS ``volume_mount(s)`` its ``cfs_config``;
- ``service_port`` is not one of the reserved 8501-8510, 6006, 9092;
- ``name`` follows the group-name rule; with ``service_group_id`` (a new version of an existing
  group) there is no name to give: the group has one;
- a platform image lists ``Inference`` in its ImageRange (the message shows its ranges; unlike
  notebooks and tasks, no GPU-type rule: CreateModelService documents none); a custom image's (and
  the sidecar's) address has no blanks.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from pulumi_tione._spelling import argument as spell
from pulumi_tione.errors import Problem

from .models import CustomImage, ModelServiceSpec, PlatformImageRef
from .validate import _common_rules, _name_rules, _platform_fit, _result, _validate

__all__ = ["HPA_RANGES", "RESERVED_PORTS", "parse_model_service"]

RESERVED_PORTS = frozenset({*range(8501, 8511), 6006, 9092})
HPA_RANGES = {"gpu-util": (10, 100), "cpu-util": (10, 100), "memory-util": (10, 100),
              "service-qps": (1, 5000), "concurrency-util": (1, 100000)}
"""Each autoscaling metric's documented range (HorizontalPodAutoscaler.HpaMetrics)."""


def parse_model_service(args: Mapping[str, Any], unknown: Collection[str] = ()) -> ModelServiceSpec:
    """A validated ``ModelServiceSpec``; raises InvalidWorkloadError listing every problem."""
    spec, problems, skipped = _validate(ModelServiceSpec, args, unknown)
    if not args.get("service_group_id"):
        problems += _name_rules(args, unknown)
    elif args.get("name") is not None and "name" not in unknown:
        problems.append(Problem("name", f"a service added to {spell('service_group_id')} joins that group "
                                "under its name; leave the name out (it names a new group)"))
    if spec is not None:
        problems += _common_rules(spec, skipped)
        problems += _billing_rules(spec, skipped)
        problems += _scaling_rules(spec, skipped)
        problems += _switch_rules(spec, skipped)
        problems += _image_rules(spec, skipped)
    return _result("model service", spec, problems)


def _billing_rules(spec: ModelServiceSpec, unknown: Collection[str]) -> list[Problem]:
    if "charge_type" in unknown:
        return []
    if spec.charge_type == "PREPAID":
        if spec.resources is None and "resources" not in unknown:
            return [Problem("resources", f"required with {spell('charge_type')} PREPAID: {{{spell('cpu')}: "
                            f"1/1000 cores, {spell('memory')}: MB}} of one replica")]
        return []
    instance_type = spec.instance_type or ""
    if "instance_type" in unknown:
        return []
    if not instance_type:
        return [Problem("instance_type", f"required with {spell('charge_type')} POSTPAID_BY_HOUR, e.g. "
                        "'TI.S.MEDIUM.POST' (see DescribeBillingSpecs)")]
    if not instance_type.startswith("TI."):
        return [Problem("instance_type", f"{instance_type!r} is not a TI-ONE billing spec; they look like "
                        "'TI.S.MEDIUM.POST' (see DescribeBillingSpecs)")]
    return []


def _scaling_rules(spec: ModelServiceSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    hpa = spec.horizontal_pod_autoscaler
    if spec.scale_mode == "AUTO" and not {"scale_mode", "scale_strategy"} & set(unknown):
        if spec.scale_strategy == "CRON" and not spec.cron_scale_jobs and "cron_scale_jobs" not in unknown:
            problems.append(Problem("cron_scale_jobs", f"required with {spell('scale_strategy')} CRON: "
                                    f"[{{{spell('schedule')}: '0 8 * * *', {spell('target_replicas')}: 2}}]"))
        elif spec.scale_strategy != "CRON" and hpa is None and "horizontal_pod_autoscaler" not in unknown:
            problems.append(Problem("horizontal_pod_autoscaler", f"required with {spell('scale_mode')} AUTO "
                                    f"(or set {spell('scale_strategy')} CRON with "
                                    f"{spell('cron_scale_jobs')})"))
    if hpa is not None and "horizontal_pod_autoscaler" not in unknown:
        if hpa.min_replicas > hpa.max_replicas:
            problems.append(Problem("horizontal_pod_autoscaler", f"{spell('min_replicas')} "
                                    f"({hpa.min_replicas}) "
                                    f"is above {spell('max_replicas')} ({hpa.max_replicas})"))
        for i, metric in enumerate(hpa.hpa_metrics):
            low, high = HPA_RANGES[metric.name]
            if not low <= metric.value <= high:
                problems.append(Problem(f"horizontal_pod_autoscaler.hpa_metrics.{i}",
                                        f"{metric.name} ranges from {low} to {high}, got {metric.value}"))
    if "cron_scale_jobs" not in unknown:
        for i, job in enumerate(spec.cron_scale_jobs or []):
            if len(job.schedule.split()) != 5:
                problems.append(Problem(f"cron_scale_jobs.{i}", f"{spell('schedule')} {job.schedule!r} "
                                        "is not "
                                        "a cron expression to the minute (5 fields)"))
    return problems


def _switch_rules(spec: ModelServiceSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    action = spec.scheduled_action
    if action is not None and action.schedule_stop and not action.schedule_stop_time \
            and "scheduled_action" not in unknown:
        problems.append(Problem("scheduled_action", f"{spell('schedule_stop', True)} needs "
                                f"{spell('schedule_stop_time')}, e.g. '2026-01-26T19:46:22+08:00'"))
    limit = spec.service_limit
    if limit is not None and "service_limit" not in unknown:
        for flag, value in (("enable_instance_rps_limit", "instance_rps_limit"),
                            ("enable_instance_req_limit", "instance_req_limit")):
            if getattr(limit, flag) and getattr(limit, value) is None:
                problems.append(Problem("service_limit", f"{spell(flag, True)} needs {spell(value)}"))
    if spec.service_port in RESERVED_PORTS and "service_port" not in unknown:
        problems.append(Problem("service_port", f"{spec.service_port} is reserved (8501-8510, 6006 and 9092 "
                                "are); pick another port"))
    mounts = [("volume_mount", spec.volume_mount)] if spec.volume_mount is not None else []
    mounts += [(f"volume_mounts.{i}", m) for i, m in enumerate(spec.volume_mounts or [])]
    for where, mount in mounts:
        if (mount.volume_source_type or "CFS") == "CFS" and mount.cfs_config is None \
                and where.split(".")[0] not in unknown:
            problems.append(Problem(where, f"a CFS mount needs {spell('cfs_config')}: {{'id': 'cfs-...', "
                                    "'path': '/...'}"))
    return problems


def _image_rules(spec: ModelServiceSpec, unknown: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    image = spec.image
    if "image" not in unknown and isinstance(image, PlatformImageRef):
        # the ImageRange only: TI-ONE documents no GPU-type rule for a service's image
        problems += _platform_fit(image, "Inference", [])
    sidecar = spec.sidecar.image_info if spec.sidecar is not None else None
    if isinstance(sidecar, CustomImage) and "sidecar" not in unknown \
            and (not sidecar.image_url or any(c.isspace() for c in sidecar.image_url)):
        problems.append(Problem("sidecar", f"{spell('image_url')} must be a registry path such as "
                                "'ccr.ccs.tencentyun.com/ns/repo:tag', not empty and without blanks"))
    return problems
