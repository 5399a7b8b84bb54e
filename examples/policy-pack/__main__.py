"""A policy pack for stacks that use TI-ONE (pulumi-tione's policies, at their default levels).

    pulumi preview --policy-pack examples/policy-pack \
        --policy-pack-config examples/policy-pack/policy-config.json

Change a level or a setting in the config file, e.g. ``"tione-required-tags": "mandatory"`` or
``"tione-workload-image-source": {"allowedRegistries": ["ccr.ccs.tencentyun.com/my-team"]}``.
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from pulumi_tione.policy import policies

PolicyPack(
    name="tione-guardrails",
    description="Pinned TI-ONE platform images, allowed workload images, auto-stopping notebooks, tags.",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=policies(),
)
