"""The props and options a workload resource class sends, derived from ``workloads.fields``.

The generated classes (``stack.workload_resources``) pass their keyword arguments here:

- ``image`` (the ``Image`` member): a ``PlatformImage`` becomes the reference its outputs make
  (the contract in docs/workloads.md); a custom image mapping gets ``kind: custom`` and its
  ``image_secret`` wrapped as a secret, and the ``image`` output is then an additional secret;
- every other member the definition marks ``secret``: the secret scalar members of its structs
  (each item of a list) are wrapped as secrets and the argument's output is an additional
  secret (``envs`` values: private ones must never leak);
- ``name_prefix``: the resource name (the prefix of a generated TI-ONE name);
- ``__urn`` (``dynamic_adapter.URN_KEY``): the resource's URN, computed here because a dynamic
  provider is never told it; with it the provider tags what it creates with the resource's owner
  and adopts the object of a create that a killed ``pulumi up`` interrupted (``core.ownership``);
- the outputs of the kind are declared (None) so the engine knows them at preview.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from pulumi_tione.core.tokens import dynamic_token
from pulumi_tione.core.workload_state import SECRET_OUTPUTS
from pulumi_tione.workloads.fields import STRUCTS, Member, WorkloadFields

from .dynamic_adapter import URN_KEY
from .image_resources import PlatformImage
from .resource_support import props
from .workload_provider import NOTEBOOK_OUTPUTS, SERVICE_OUTPUTS, TASK_OUTPUTS

__all__ = ["ImageInput", "image_input", "workload_inputs"]

ImageInput = PlatformImage | Mapping[str, Any] | pulumi.Output[Mapping[str, Any]]
"""A ``PlatformImage`` resource, or a custom image ``{"image_url", "image_type": "TCR"|"CCR"|"CUSTOM",
"registry_region", "registry_id", "image_secret": {"username", "password", "key_id", "secret_id"}}``."""

_OUTPUTS = {"Notebook": NOTEBOOK_OUTPUTS, "TrainingTask": TASK_OUTPUTS,
            "ModelService": ("name", "region", *SERVICE_OUTPUTS)}
_SECRET_OUTPUTS = {"ModelService": SECRET_OUTPUTS}
"""Outputs that are always secret (a ModelService's call credentials)."""


def _training_modes(attributes: Mapping[str, Any] | None) -> list[str] | None:
    value = (attributes or {}).get("TrainingModes")
    if value is None:
        return None
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _not_an_image(image: object) -> TypeError:
    hint = ("; a get_platform_image result is looked up anew on every run, not pinned: declare "
            "img = tione.PlatformImage(...) and pass image=img") if hasattr(image, "image_info") else ""
    return TypeError("image must be a PlatformImage or a custom image dict {'image_url', 'image_type', ...}, "
                     f"not {type(image).__name__}{hint}")


def _custom_image(image: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(image, Mapping):
        raise _not_an_image(image)
    doc = {"kind": "custom", **image}
    if doc.get("image_secret") is not None:
        doc["image_secret"] = pulumi.Output.secret(doc["image_secret"])
    return doc


def image_input(image: ImageInput) -> Any:
    """The ``image`` property as the engine sees it (the contract in the README's workload section)."""
    if isinstance(image, PlatformImage):
        return {
            "kind": "platform", "image_id": image.image_id, "image_name": image.image_name,
            "image_url": image.image_url, "framework": image.framework,
            "framework_version": image.framework_version, "image_range": image.image_range,
            "support_gpu_list": image.support_gpu_list,
            "training_modes": image.extra_attributes.apply(_training_modes),
        }
    if isinstance(image, pulumi.Output):
        return image.apply(_custom_image)
    if isinstance(image, Mapping):
        return _custom_image(image)
    raise _not_an_image(image)


def _secret_members(member: Member) -> tuple[str, ...]:
    """The scalar members of ``member``'s struct that are secret (wrapped one by one)."""
    struct = STRUCTS.get(member.struct or "")
    return tuple(m.name for m in struct.members if m.secret and not m.struct) if struct else ()


def _wrap(item: Any, names: tuple[str, ...]) -> Any:
    if not isinstance(item, Mapping):
        return item
    return {**item, **{n: pulumi.Output.secret(item.get(n)) for n in names if n in item}}


def _secret_value(member: Member, value: Any) -> Any:
    """``value`` with the secret members of its struct (or of each item) wrapped as secrets."""
    names = _secret_members(member)
    if member.is_list:
        return pulumi.Output.from_input(value).apply(lambda items: [_wrap(i, names) for i in items or []])
    return pulumi.Output.from_input(value).apply(lambda item: _wrap(item, names))


def workload_inputs(
    fields: WorkloadFields, resource_name: str, args: Mapping[str, Any], opts: pulumi.ResourceOptions | None
) -> tuple[dict[str, Any], pulumi.ResourceOptions]:
    """The props and the resource options a ``fields.kind`` resource sends for ``args``."""
    values = dict(args)
    secret: list[str] = []
    for m in fields.members:
        value: Any = values.get(m.name)
        if m.type == "Image":
            values[m.name] = image_input(value)
            if not isinstance(value, PlatformImage):
                secret.append(m.name)
        elif m.secret and value is not None:
            values[m.name] = _secret_value(m, value)
            secret.append(m.name)
    values["name_prefix"] = resource_name
    secret += _SECRET_OUTPUTS.get(fields.kind, ())
    parent = opts.parent if opts is not None else None
    values[URN_KEY] = pulumi.resource.create_urn(resource_name, dynamic_token(fields.kind), parent)
    extra = pulumi.ResourceOptions(additional_secret_outputs=secret) if secret else None
    return props(_OUTPUTS[fields.kind], values), pulumi.ResourceOptions.merge(opts, extra)
