"""Property-based: ``check()`` answers any inputs with a CheckResult (failures or resolved inputs)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import CheckResult, ResourceProvider
from pulumi.output import Unknown, contains_unknowns

from pulumi_tione.images.models import ImageQuery
from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider
from tests.support.engine import PROVIDER_KEY, ProviderMocks, provider_string
from tests.support.seed import SEED_NAME

ARGUMENTS = (*ImageQuery.model_fields, "policy")
PLAUSIBLE = {
    "name": st.sampled_from([SEED_NAME, "nope", ""]),
    "image_range": st.sampled_from(["Train", "inference", "Training"]),
    "framework": st.sampled_from(["PYTORCH", "pytorch", "TENSORFLOW"]),
    "framework_version": st.sampled_from(["2.3", ">=2.1,<3", ">=2..1"]),
    "select": st.sampled_from(["unique", "highest_version", "newest"]),
    "policy": st.sampled_from(["pin", "track", "always"]),
    "region": st.sampled_from(["ap-guangzhou", "ap-shanghai", "mars"]),
}
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=20) | st.just(Unknown()))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
keys = st.sampled_from(ARGUMENTS) | st.text(max_size=12)
plausible = st.fixed_dictionaries({}, optional={k: v | values for k, v in PLAUSIBLE.items()})
inputs = st.one_of(st.dictionaries(keys, values, max_size=6), plausible)


def check(provider: ResourceProvider, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
    return provider.check(olds, {**news, PROVIDER_KEY: "serialized"})


@pytest.mark.parametrize("provider_class", [PlatformImageProvider, PlatformImagesProvider])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(news=inputs, olds=st.one_of(st.just({}), st.dictionaries(keys, values, max_size=4), plausible))
def test_check_never_raises(
    mocks: ProviderMocks, provider_class: type[ResourceProvider], olds: dict[str, Any], news: dict[str, Any]
) -> None:
    provider = mocks.provider(provider_string(provider_class))
    result = check(provider, olds, news)
    assert isinstance(result, CheckResult)
    assert all(isinstance(f.property, str) and f.reason for f in result.failures)
    if not result.failures and not contains_unknowns(news):
        assert "query" in result.inputs
        assert isinstance(result.inputs.get("image_id", result.inputs.get("ids")), str | list)
