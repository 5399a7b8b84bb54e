"""An empty string for an optional text member is that member not set, everywhere, as TI-ONE reads it.

Walks the definitions (``workloads.fields``): every string member that is not required, at the
top level of both kinds and in every nested struct, is accepted as ``""`` by the models and
left out of what is sent; ``name`` and required members keep refusing ``""``.
"""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_tione.workloads.fields import NOTEBOOK, STRUCTS, TRAINING_TASK, WorkloadFields
from pulumi_tione.workloads.models import SPEC_MODELS, STRUCT_MODELS, TrainingTaskSpec

_BASE: dict[str, dict[str, Any]] = {
    "Notebook": {"charge_type": "POSTPAID_BY_HOUR", "resource_conf": {"instance_type": "TI.S.MEDIUM.POST"},
                 "image": {"kind": "custom", "image_type": "CUSTOM", "image_url": "docker.io/me/img:1"}},
    "TrainingTask": {"charge_type": "POSTPAID_BY_HOUR",
                     "resource_config_infos": [{"role": "WORKER", "instance_type": "TI.S.MEDIUM.POST"}],
                     "image": {"kind": "custom", "image_type": "CUSTOM", "image_url": "docker.io/me/img:1"}},
}
_REQUIRED_STUB = {"string": "x", "integer": 10, "[string]": ["x"], "boolean": True}


def _optional_strings(fields: WorkloadFields) -> list[str]:
    return [m.name for m in fields.members
            if m.type == "string" and not m.required and m.default is None and m.name != "name"]


@pytest.mark.parametrize("fields", [NOTEBOOK, TRAINING_TASK], ids=lambda f: f.kind)
def test_an_empty_optional_argument_is_not_set(fields: WorkloadFields) -> None:
    names = _optional_strings(fields)
    assert {"vpc_id", "subnet_id", "workspace"} <= set(names)
    model = SPEC_MODELS[fields.kind]
    for name in names:
        spec = model.model_validate({**_BASE[fields.kind], name: ""})
        default = fields.member(name).default
        assert getattr(spec, name) == default, name
        assert name not in spec.model_dump(exclude_none=True) or default is not None, name


@pytest.mark.parametrize("struct", sorted(STRUCT_MODELS))
def test_an_empty_optional_struct_member_is_not_set(struct: str) -> None:
    members = STRUCTS[struct].members
    required = {m.name: _REQUIRED_STUB.get(m.type, "x") for m in members
                if m.required and m.enum == ()}
    required.update({m.name: m.enum[0] for m in members if m.required and m.enum})
    if any(m.required and m.struct for m in members):
        pytest.skip("a required nested struct")
    for m in members:
        if m.type != "string" or m.required:
            continue
        value = STRUCT_MODELS[struct].model_validate({**required, m.name: ""})
        assert getattr(value, m.name) in (None, m.default, ""), (struct, m.name)
        assert m.api is None or (value.api().get(m.api) or "") == "", (struct, m.name)


def test_name_and_required_members_still_refuse_an_empty_string() -> None:
    with pytest.raises(ValueError, match="at least 1 character"):
        SPEC_MODELS["Notebook"].model_validate({**_BASE["Notebook"], "name": ""})
    with pytest.raises(ValueError, match="at least 1 character"):
        STRUCT_MODELS["LogConfig"].model_validate({"logset_id": "", "topic_id": "t"})


def test_an_env_var_without_a_name_is_accepted_and_sends_only_its_value() -> None:
    spec = TrainingTaskSpec.model_validate(
        {**_BASE["TrainingTask"], "envs": [{"name": "", "value": "1"}, {"value": "2", "is_private": True}]})
    assert [e.api() for e in spec.envs or []] == [{"Value": "1"}, {"Value": "2", "IsPrivate": True}]
