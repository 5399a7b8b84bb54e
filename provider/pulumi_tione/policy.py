"""Policies (Pulumi CrossGuard) for stacks that use TI-ONE (needs the ``policy`` extra: pulumi-policy).

``policies()`` returns them for a ``pulumi_policy.PolicyPack`` (``examples/policy-pack`` is a
ready pack). Each reports what to change; each enforcement level is set here by default and can be
changed in the pack's policy config (``{"tione-required-tags": "mandatory"}`` or
``{"tione-required-tags": {"enforcementLevel": "advisory", "requiredTags": [...]}}``).

=================================  ========  =========  =================================================
policy                             kind      default    checks
=================================  ========  =========  =================================================
``tione-images-pinned``            resource  mandatory  ``PlatformImage``/``PlatformImages`` keep
                                                        ``policy="pin"`` (the default)
``tione-workload-image-source``    resource  mandatory  a ``Notebook``/``TrainingTask`` image is a platform
                                                        image, or a custom image under
                                                        ``allowedRegistries`` / in ``allowedImages``
``tione-workload-image-pinned``    stack     advisory   a platform image comes from a ``PlatformImage``
                                                        (or ``PlatformImages``) resource, where the
                                                        engine records the ``image`` dependencies
``tione-notebook-auto-stop``       resource  mandatory  ``auto_stopping=True`` and ``automatic_stop_time``
                                                        between 1 and ``maxAutomaticStopTime`` hours
``tione-required-tags``            resource  advisory   ``Notebook``/``TrainingTask``/``ModelService``
                                                        carry every tag key of ``requiredTags`` with a
                                                        non-empty value
``tione-service-idle-cost``        resource  advisory   a ``ModelService`` does not bill a fixed set of
                                                        replicas forever: it autoscales
                                                        (``scale_mode="AUTO"``) or stops at a time
                                                        (``scheduled_action``), and never runs more
                                                        than ``maxReplicas`` (default 10)
=================================  ========  =========  =================================================

The image policies cover every workload kind, ``ModelService`` included: its platform image (an
Inference one) comes from a pinned ``PlatformImage``, a custom one from an allowed registry.

Each policy judges the dynamic resources (``pulumi-python:dynamic/tione:*``) and the native
plugin's (``tione:index:*``) alike: the type tokens come from ``core.tokens``, and a native
resource's camelCase properties (``autoStopping``, ``image.imageUrl``) are read as their
snake_case arguments; messages name them as that resource spells them.

Resource policies see the inputs the engine sends; a value the engine does not know yet (at
preview, an output of a resource not created yet) makes pulumi-policy report "can't run policy
during preview" (advisory) for that resource, and the policy runs on the known value at ``up``.
Where the decision does not need the unknown value (e.g. the image kind is known), it is made.
Messages never quote secret values (``image_secret``, private envs): only names, URLs and tags.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pulumi_tione.core import tokens

try:
    from pulumi_policy import (
        EnforcementLevel,
        Policy,
        PolicyConfigSchema,
        PolicyResource,
        ReportViolation,
        ResourceValidationArgs,
        ResourceValidationPolicy,
        StackValidationArgs,
        StackValidationPolicy,
    )
    from pulumi_policy.proxy import UnknownValueError
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "pulumi_tione.policy needs the pulumi-policy package; install it in the policy pack's "
        "environment with `pip install 'pulumi-policy>=1.18,<2'` (or install pulumi-tione with its "
        "`policy` extra: examples/policy-pack/requirements.txt)"
    ) from e

__all__ = [
    "AUTO_STOP",
    "IMAGES_PINNED",
    "IMAGES_TYPE",
    "IMAGE_TYPE",
    "MODEL_SERVICE_TYPE",
    "NOTEBOOK_TYPE",
    "REQUIRED_TAGS",
    "SERVICE_IDLE_COST",
    "TRAINING_TASK_TYPE",
    "WORKLOAD_IMAGE_PINNED",
    "WORKLOAD_IMAGE_SOURCE",
    "policies",
]

IMAGE_TYPE = tokens.dynamic_token("PlatformImage")
IMAGES_TYPE = tokens.dynamic_token("PlatformImages")
NOTEBOOK_TYPE = tokens.dynamic_token("Notebook")
TRAINING_TASK_TYPE = tokens.dynamic_token("TrainingTask")
MODEL_SERVICE_TYPE = tokens.dynamic_token("ModelService")
_WORKLOADS = tokens.tokens(*tokens.WORKLOAD_KINDS)
_IMAGE_SOURCES = tokens.tokens(*tokens.IMAGE_KINDS)
_NOTEBOOKS = tokens.tokens("Notebook")
_SERVICES = tokens.tokens("ModelService")

IMAGES_PINNED = "tione-images-pinned"
WORKLOAD_IMAGE_SOURCE = "tione-workload-image-source"
WORKLOAD_IMAGE_PINNED = "tione-workload-image-pinned"
AUTO_STOP = "tione-notebook-auto-stop"
REQUIRED_TAGS = "tione-required-tags"
SERVICE_IDLE_COST = "tione-service-idle-cost"
DEFAULT_MAX_REPLICAS = 10

DEFAULT_MAX_STOP_HOURS = 24
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}


def _native(resource_type: str) -> bool:
    """Whether ``resource_type`` is a native plugin token (camelCase properties)."""
    return resource_type == tokens.native_token(resource_type.rsplit(":", 1)[-1])


def _spelled(resource_type: str, name: str) -> str:
    """The property ``name`` (snake_case) as a resource of ``resource_type`` spells it."""
    if not _native(resource_type):
        return name
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _prop(props: Mapping[str, Any], resource_type: str, name: str) -> Any:
    """The value of argument ``name`` (snake_case) in ``props`` of a ``resource_type`` resource."""
    return props.get(_spelled(resource_type, name))


def _label(resource_type: str, name: str) -> str:
    """``Notebook "dev"`` for a resource of ``resource_type`` named ``name``."""
    return f'{resource_type.rsplit(":", 1)[-1]} "{name}"'


def _strings(config: Mapping[str, Any], policy: str, key: str) -> list[str]:
    """A list-of-strings setting of ``policy``'s config (empty when unset); ValueError if malformed."""
    value = config.get(key, [])
    if not isinstance(value, Sequence) or isinstance(value, str) or not all(
            isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"policy config {policy}.{key} must be a list of non-empty strings, got {value!r}")
    return [v.strip() for v in value]


def _validate_images_pinned(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type not in _IMAGE_SOURCES:
        return
    policy = args.props.get("policy")
    if policy is None or (isinstance(policy, str) and policy.strip() == "pin"):
        return
    report(
        f'{_label(args.resource_type, args.name)} uses policy={policy!r}, so the image it resolves can '
        "change on any preview or up without review. Remove the policy argument (\"pin\" is the "
        "default) or set policy=\"pin\"; to move to another image, change the query and review the "
        "diff.", None)


def _repository(reference: str) -> str:
    """An image reference without ``:tag`` and ``@digest``: ``host:port/ns/img:1`` -> ``host:port/ns/img``."""
    name = reference.split("@", 1)[0]
    head, _, last = name.rpartition("/")
    if ":" in last:
        last = last.split(":", 1)[0]
    return f"{head}/{last}" if head else last


def _allowed(url: str, registries: list[str], images: list[str]) -> bool:
    """Whether ``url`` is under one of ``registries`` (path prefixes) or one of ``images``
    (a repository: any tag or digest; or one exact reference)."""
    under = any(url.startswith(r.rstrip("/") + "/") for r in registries)
    return under or any(i in (url, url.split("@", 1)[0], _repository(url)) for i in images)


def _validate_image_source(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type not in _WORKLOADS:
        return
    image = args.props.get("image")
    if not isinstance(image, Mapping) or image.get("kind") == "platform":
        return
    config = args.get_config() or {}
    registries = _strings(config, WORKLOAD_IMAGE_SOURCE, "allowedRegistries")
    images = _strings(config, WORKLOAD_IMAGE_SOURCE, "allowedImages")
    url = _prop(image, args.resource_type, "image_url")
    if isinstance(url, str) and _allowed(url.strip(), registries, images):
        return
    what = (f"the custom image {url!r}" if isinstance(url, str)
            else f"a custom image without {_spelled(args.resource_type, 'image_url')}")
    allowed = (f"allowedRegistries {registries} or allowedImages {images}" if registries or images
               else "no custom image (allowedRegistries and allowedImages are empty)")
    report(
        f"{_label(args.resource_type, args.name)} runs {what}, and the policy config allows {allowed}. "
        "Take the image from a platform image (img = tione.PlatformImage(...); image=img), or add "
        f"its registry to allowedRegistries or the image to allowedImages in the config of "
        f"{WORKLOAD_IMAGE_SOURCE}.", None)


def _validate_image_pinned(args: StackValidationArgs, report: ReportViolation) -> None:
    for resource in args.resources:
        if resource.resource_type not in _WORKLOADS or "image" not in resource.property_dependencies:
            continue
        try:
            image = resource.props.get("image")
            platform = isinstance(image, Mapping) and image.get("kind") == "platform"
        except UnknownValueError:
            continue
        if platform and not _from_image_resource(resource):
            report(
                f"{_label(resource.resource_type, resource.name)} names its platform image without a "
                "PlatformImage resource (the image was written out, or came from get_platform_image), "
                "so nothing pins it in state and a catalog change goes unnoticed. Declare "
                "img = tione.PlatformImage(...) and pass image=img.", resource.urn)


def _from_image_resource(resource: PolicyResource) -> bool:
    return any(dep.resource_type in _IMAGE_SOURCES for dep in resource.property_dependencies["image"])


def _validate_auto_stop(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type not in _NOTEBOOKS:
        return
    config = args.get_config() or {}
    limit = config.get("maxAutomaticStopTime", DEFAULT_MAX_STOP_HOURS)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or limit < 1:
        raise ValueError(f"policy config {AUTO_STOP}.maxAutomaticStopTime must be a number of hours "
                         f">= 1, got {limit!r}")
    label = _label(args.resource_type, args.name)
    auto, stop = (_spelled(args.resource_type, n) for n in ("auto_stopping", "automatic_stop_time"))
    yes = "true" if _native(args.resource_type) else "True"
    fix = f"set {auto}={yes} and {stop}=<hours, 1 to {limit:g}>"
    if _prop(args.props, args.resource_type, "auto_stopping") is not True:
        report(f"{label} does not stop by itself ({auto} is not {yes}), so an idle notebook "
               f"keeps billing: {fix}.", None)
        return
    hours = _prop(args.props, args.resource_type, "automatic_stop_time")
    if isinstance(hours, bool) or not isinstance(hours, int | float):
        report(f"{label} sets {auto} but no {stop}: {fix}.", None)
    elif not 1 <= hours <= limit:
        report(f"{label} stops only after {stop}={hours:g} hours, outside 1 to "
               f"{limit:g} (maxAutomaticStopTime of {AUTO_STOP}): {fix}.", None)


def _validate_service_cost(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type not in _SERVICES:
        return
    config = args.get_config() or {}
    limit = config.get("maxReplicas", DEFAULT_MAX_REPLICAS)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or limit < 1:
        raise ValueError(f"policy config {SERVICE_IDLE_COST}.maxReplicas must be a number >= 1, "
                         f"got {limit!r}")
    label, rt = _label(args.resource_type, args.name), args.resource_type
    auto = _prop(args.props, rt, "scale_mode") == "AUTO"
    action = _prop(args.props, rt, "scheduled_action")
    stops = isinstance(action, Mapping) and _prop(action, rt, "schedule_stop") is True
    if not auto and not stops:
        mode, sched = _spelled(rt, "scale_mode"), _spelled(rt, "scheduled_action")
        report(f"{label} keeps a fixed number of replicas billing until it is deleted: set {mode}=\"AUTO\" "
               f"(with an autoscaler or cron jobs) or {sched} with a stop time.", None)
    hpa = _prop(args.props, rt, "horizontal_pod_autoscaler")
    counts = [("replicas", _prop(args.props, rt, "replicas"))]
    if isinstance(hpa, Mapping):
        counts.append((f"{_spelled(rt, 'horizontal_pod_autoscaler')}.{_spelled(rt, 'max_replicas')}",
                       _prop(hpa, rt, "max_replicas")))
    for name, value in counts:
        if isinstance(value, int | float) and not isinstance(value, bool) and value > limit:
            report(f"{label} may run {value:g} replicas ({_spelled(rt, name)}), above maxReplicas "
                   f"{limit:g} of {SERVICE_IDLE_COST}.", None)


def _validate_required_tags(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type not in _WORKLOADS:
        return
    required = _strings(args.get_config() or {}, REQUIRED_TAGS, "requiredTags")
    if not required:
        args.not_applicable(f"no requiredTags in the config of {REQUIRED_TAGS}")
        return
    tags = args.props.get("tags")
    missing = [key for key in required if not _has_tag(tags, key)]
    if missing:
        report(f"{_label(args.resource_type, args.name)} is missing the required tag(s) "
               f"{', '.join(missing)}: add them with non-empty values to tags={{...}} (required by "
               f"requiredTags of {REQUIRED_TAGS}).", None)


def _has_tag(tags: object, key: str) -> bool:
    """``tags[key]`` is a non-empty string, or not known yet (at preview; checked again at up)."""
    if not isinstance(tags, Mapping):
        return False
    try:
        value = tags[key]
    except KeyError:
        return False
    except UnknownValueError:
        return True
    return isinstance(value, str) and bool(value.strip())


def _resource_policy(
    name: str, description: str, validate: Callable[[ResourceValidationArgs, ReportViolation], None],
    level: EnforcementLevel, schema: PolicyConfigSchema | None = None,
) -> ResourceValidationPolicy:
    return ResourceValidationPolicy(name=name, description=description, validate=validate,
                                    enforcement_level=level, config_schema=schema)


def policies(*, enforcement_level: EnforcementLevel | None = None) -> list[Policy]:
    """The TI-ONE policies, each at its default enforcement level (or all at ``enforcement_level``).

    The pack's policy config overrides either per policy; it also carries each policy's settings
    (``allowedRegistries``, ``allowedImages``, ``maxAutomaticStopTime``, ``requiredTags``).
    """
    def level(default: EnforcementLevel) -> EnforcementLevel:
        return default if enforcement_level is None else enforcement_level

    mandatory, advisory = level(EnforcementLevel.MANDATORY), level(EnforcementLevel.ADVISORY)
    return [
        _resource_policy(
            IMAGES_PINNED, "TI-ONE platform image references are pinned (policy=\"pin\").",
            _validate_images_pinned, mandatory),
        _resource_policy(
            WORKLOAD_IMAGE_SOURCE,
            "TI-ONE workloads run a platform image or an allowed custom image.",
            _validate_image_source, mandatory,
            PolicyConfigSchema({"allowedRegistries": _STRINGS, "allowedImages": _STRINGS})),
        StackValidationPolicy(
            name=WORKLOAD_IMAGE_PINNED,
            description="TI-ONE workloads take their platform image from a PlatformImage resource.",
            validate=_validate_image_pinned, enforcement_level=advisory),
        _resource_policy(
            AUTO_STOP, "TI-ONE notebooks stop by themselves after a bounded time.",
            _validate_auto_stop, mandatory,
            PolicyConfigSchema({"maxAutomaticStopTime": {
                "type": "number", "minimum": 1, "default": DEFAULT_MAX_STOP_HOURS}})),
        _resource_policy(
            REQUIRED_TAGS, "TI-ONE workloads carry the required tags.",
            _validate_required_tags, advisory, PolicyConfigSchema({"requiredTags": _STRINGS})),
        _resource_policy(
            SERVICE_IDLE_COST, "TI-ONE model services autoscale or stop at a time, within maxReplicas.",
            _validate_service_cost, advisory,
            PolicyConfigSchema({"maxReplicas": {"type": "number", "minimum": 1,
                                                "default": DEFAULT_MAX_REPLICAS}})),
    ]
