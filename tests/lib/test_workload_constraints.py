"""The bounds and enums the definitions (``workloads.fields``) declare reach the models.

Each constraint moved from hand-written models into the definition; these hold the generated
models to the same behaviour: every bound is enforced at its edge, every enum refuses other
values, and secret scalars stay out of ``repr``.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from pulumi_tione.workloads.fields import KINDS, STRUCTS, Member
from pulumi_tione.workloads.models import (
    CosPath,
    EnvVar,
    ImageSecret,
    ResourceConfigInfo,
    Timeouts,
    TrainToolConfig,
)


def _edges(m: Member) -> list[tuple[Any, bool]]:
    """(value, accepted) pairs at each bound ``m`` declares."""
    out: list[tuple[Any, bool]] = []
    if m.minimum is not None:
        out += [(int(m.minimum), True), (int(m.minimum) - 1, False)]
    if m.maximum is not None:
        out += [(m.maximum, True), (m.maximum + 1, False)]
    if m.exclusive_minimum is not None:
        out += [(m.exclusive_minimum, False)]
    if m.min_length and not m.is_list:
        out += [("x" * m.min_length, True), ("x" * (m.min_length - 1), False)]
    if m.max_length and not m.is_list:
        out += [("x" * m.max_length, True), ("x" * (m.max_length + 1), False)]
    if m.enum and not m.is_list:
        out += [(m.enum[0], True), ("NOT-" + m.enum[0], False)]
    return out


def _accepts(model: type[BaseModel], name: str, value: Any) -> bool:
    """Whether ``name=value`` alone passes (errors on other, required fields do not count)."""
    try:
        model.model_validate({name: value})
    except ValidationError as e:
        return not any(err["loc"][:1] == (name,) for err in e.errors())
    return True


def _cases() -> list[Any]:
    from pulumi_tione.workloads.models import SPEC_MODELS, STRUCT_MODELS

    cases = []
    for owner, members, model in [*((n, s.members, STRUCT_MODELS[n]) for n, s in STRUCTS.items()),
                                  *((k, f.members, SPEC_MODELS[k]) for k, f in KINDS.items())]:
        for m in members:
            for value, ok in _edges(m):
                cases.append(pytest.param(model, m.name, value, ok, id=f"{owner}.{m.name}={value!r}"[:80]))
    return cases


@pytest.mark.parametrize(("model", "name", "value", "accepted"), _cases())
def test_every_declared_bound_and_enum_is_enforced_at_its_edge(
    model: type[BaseModel], name: str, value: Any, accepted: bool
) -> None:
    assert _accepts(model, name, value) is accepted


def test_list_bounds() -> None:
    with pytest.raises(ValidationError, match="at most 1 item"):
        CosPath(bucket="b", region="r", paths=["a", "b"])
    with pytest.raises(ValidationError, match="at least 1 character"):
        CosPath(bucket="b", region="r", paths=[""])
    from pulumi_tione.workloads.models import NotebookSpec, TrainingTaskSpec

    assert not _accepts(NotebookSpec, "additional_code_repo_ids", ["a", "b", "c", "d"])
    assert _accepts(NotebookSpec, "additional_code_repo_ids", ["a", "b", "c"])
    assert not _accepts(TrainingTaskSpec, "resource_config_infos", [])
    assert not _accepts(TrainingTaskSpec, "data_configs", [{}] * 11)
    assert _accepts(TrainingTaskSpec, "data_configs", [{}] * 10)


def test_numbers_are_whole_and_bounded() -> None:
    assert ResourceConfigInfo(role="WORKER", cpu=2000.0).cpu == 2000
    with pytest.raises(ValidationError, match="not a boolean"):
        ResourceConfigInfo(role="WORKER", cpu=True)
    assert TrainToolConfig(log_hang_timeout_in_minute=14400).log_hang_timeout_in_minute == 14400
    assert Timeouts(create=7 * 86400).create == 7 * 86400


def test_secret_scalars_stay_out_of_repr() -> None:
    assert "hunter2" not in repr(EnvVar(name="K", value="hunter2"))
    assert "hunter2" not in repr(ImageSecret(password="hunter2", username="u"))
