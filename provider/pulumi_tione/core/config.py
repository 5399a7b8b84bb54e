"""The provider's configuration, written once: every setting, its key in each way in, its meaning.

``SETTINGS`` is the one table. Each ``Setting`` has the key the process settings read
(``catalog.PROCESS``, ``api.credentials``: the stack-config names the dynamic resources have
always used, e.g. ``tencentcloud:region``), the key of the native ``tione`` plugin
(``tione:region``; the engine gives a plugin only its own package's keys), its schema type,
whether it is secret, and its description (the native schema's ``config.variables`` derive from
it). Values not set fall back, as always, to the environment and the profile files
(``api.credentials``, ``images.catalog``): nothing here re-implements that chain.

``configure`` hands one way in's configuration to the process (never to a provider instance,
which is pickled into state): the dynamic resources pass the whole stack config, the native
plugin its ``tione:*`` variables (``native_config`` maps them, labelled so that messages name
the key the user really sets).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TextIO

from pulumi_tione.api.credentials import SourcedConfig
from pulumi_tione.images.catalog import PROCESS

__all__ = ["CONFIG_KEYS", "SETTINGS", "WORKSPACE_KEY", "Setting", "configure", "native_config"]

WORKSPACE_KEY = "tione:workspace"


@dataclass(frozen=True)
class Setting:
    """One provider setting (see the module docstring)."""

    key: str
    native: str
    type: Literal["string", "number"]
    description: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("tencentcloud:region", "tione:region", "string",
            "Region of the TI-ONE API (e.g. ap-guangzhou) when a resource gives no `region`; "
            "default: env TENCENTCLOUD_REGION."),
    Setting("tencentcloud:secretId", "tione:secretId", "string",
            "SecretId of the Tencent Cloud API key; default: env TENCENTCLOUD_SECRET_ID, the "
            "profile files, the CVM role.", secret=True),
    Setting("tencentcloud:secretKey", "tione:secretKey", "string",
            "SecretKey of the Tencent Cloud API key; default: env TENCENTCLOUD_SECRET_KEY, the "
            "profile files, the CVM role.", secret=True),
    Setting("tencentcloud:securityToken", "tione:securityToken", "string",
            "Security token of temporary credentials; default: env TENCENTCLOUD_SECURITY_TOKEN.",
            secret=True),
    Setting("tione:endpoint", "tione:endpoint", "string",
            "TI-ONE API endpoint URL; default: env TIONE_ENDPOINT, else "
            "https://tione.tencentcloudapi.com (http:// only for loopback hosts, e.g. the emulator)."),
    Setting(WORKSPACE_KEY, WORKSPACE_KEY, "string",
            "Default TI-ONE workspace (TiProjectId) of resources and lookups that give no `workspace`."),
    Setting("tione:maxRequestsPerSecond", "tione:maxRequestsPerSecond", "number",
            "Client-side rate limit per SecretId, requests per second (default 20, the API's; "
            "env TIONE_MAX_RPS)."),
    Setting("tione:maxCatalogImages", "tione:maxCatalogImages", "number",
            "Most images a catalog listing may hold (default 10000; env TIONE_MAX_CATALOG_IMAGES)."),
    Setting("tione:listingTimeout", "tione:listingTimeout", "number",
            "Seconds a catalog listing may take (default 300; env TIONE_LISTING_TIMEOUT)."),
)
CONFIG_KEYS = tuple(s.key for s in SETTINGS)
"""The stack-config keys the dynamic resources read."""


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def native_config(variables: Mapping[str, Any]) -> SourcedConfig:
    """The native plugin's ``tione:*`` variables under the process keys, labelled with their own."""
    values: dict[str, str] = {}
    for setting in SETTINGS:
        value = _text(variables.get(setting.native))
        if value is not None:
            values[setting.key] = value
    labels: dict[str, str | None] = {s.key: f"provider config {s.native}" for s in SETTINGS}
    hints = {s.key: f"`pulumi config set {'--secret ' if s.secret else ''}{s.native} ...`" for s in SETTINGS}
    return SourcedConfig(values, labels=labels, hints=hints)


def configure(config: Mapping[str, Any]) -> None:
    """Hand ``config`` (process keys; a ``SourcedConfig`` keeps its labels) to the process state."""
    _log_level_from_env()
    values = {key: _text(config.get(key)) for key in CONFIG_KEYS}
    given = {k: v for k, v in values.items() if v is not None}
    if isinstance(config, SourcedConfig):
        PROCESS.configure(SourcedConfig(given, labels=config.labels, hints=config.hints))
    else:
        PROCESS.configure(given)


def _log_level_from_env() -> None:
    """Log to stderr at ``TIONE_LOG_LEVEL`` (if set) for our loggers and the SDK's (redacted) one."""
    raw = os.environ.get("TIONE_LOG_LEVEL", "").strip().upper()
    if not raw:
        return
    level = logging.getLevelName(raw)
    if not isinstance(level, int):
        print(f"pulumi-tione: ignoring TIONE_LOG_LEVEL={raw!r}; use DEBUG, INFO, WARNING or ERROR",
              file=sys.stderr)
        return
    for name in ("pulumi_tione", "tencentcloud_sdk_common"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
            logger.addHandler(_StderrHandler())


class _StderrHandler(logging.StreamHandler[TextIO]):
    """The stderr handler ``TIONE_LOG_LEVEL`` installs (once per logger)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
