"""The stack config (namespaced keys) and resolved settings that aim a provider or the library at a
server: an ``Emulator`` (its URL and default key pair) or any loopback URL."""

from __future__ import annotations

from typing import Any

from pulumi_tione.api.credentials import Settings, resolve_settings
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator


def stack_config(
    target: Emulator | str,
    *,
    secret_id: str = DEFAULT_SECRET_ID,
    secret_key: str = DEFAULT_SECRET_KEY,
    token: str | None = None,
    region: str = DEFAULT_REGION,
) -> dict[str, str]:
    """What a user sets with ``pulumi config set`` to point a stack at ``target``."""
    config = {
        "tione:endpoint": target if isinstance(target, str) else target.url,
        "tencentcloud:region": region,
        "tencentcloud:secretId": secret_id,
        "tencentcloud:secretKey": secret_key,
    }
    if token is not None:
        config["tencentcloud:securityToken"] = token
    return config


def settings_for(target: Emulator | str, **kwargs: Any) -> Settings:
    """Settings resolved through the real chain from :func:`stack_config` (no environment)."""
    return resolve_settings(stack_config(target, **kwargs), env={})
