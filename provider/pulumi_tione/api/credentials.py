"""Region, endpoint and credential resolution (first hit wins, as DESIGN.md § Configuration says).

- region: explicit argument > stack config ``tencentcloud:region`` > env ``TENCENTCLOUD_REGION``.
- credentials: stack config ``tencentcloud:secretId``/``secretKey``/``securityToken`` > env
  ``TENCENTCLOUD_SECRET_ID``/``TENCENTCLOUD_SECRET_KEY`` (+ ``TENCENTCLOUD_SECURITY_TOKEN``,
  ``TENCENTCLOUD_SESSION_TOKEN`` or ``TENCENTCLOUD_TOKEN``) > ``~/.tencentcloud/credentials``
  (INI section = profile) > ``~/.tccli/<profile>.credential`` > CVM role metadata (2 s overall, no proxy).
  The profile is ``TENCENTCLOUD_PROFILE``, else ``TCCLI_PROFILE``, else ``default``.
- endpoint: stack config ``tione:endpoint`` > env ``TIONE_ENDPOINT`` > https://tione.tencentcloudapi.com.
  ``http://`` is only allowed for loopback hosts.

Every message names where the value it talks about came from (``--endpoint``, stack config
``tione:endpoint``, env ``TIONE_ENDPOINT``) and how to set a missing one: a ``SourcedConfig``
carries those labels for callers that are not a Pulumi stack (the CLI); a plain mapping is stack
config. Secrets are held in ``Credentials`` whose repr hides them; no message here ever contains one.
"""

from __future__ import annotations

import configparser
import hashlib
import http.client
import json
import os
import threading
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from pulumi_tione._echo import echo
from pulumi_tione._net import is_loopback_host
from pulumi_tione.errors import ConfigurationError, CredentialsNotFoundError

__all__ = [
    "PUBLIC_ENDPOINT",
    "Credentials",
    "Endpoint",
    "Settings",
    "SourcedConfig",
    "resolve_credentials",
    "resolve_endpoint",
    "resolve_region",
    "resolve_settings",
]

PUBLIC_ENDPOINT = "https://tione.tencentcloudapi.com"
CVM_METADATA_DEFAULT = "http://metadata.tencentyun.com"
CVM_TIMEOUT_S = 1.0
CVM_DEADLINE_S = 2.0
_TOKEN_ENV = ("TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN")


_HINTS = {
    "tencentcloud:region": "`pulumi config set tencentcloud:region ap-guangzhou`",
    "tencentcloud:secretKey": "`pulumi config set --secret tencentcloud:secretKey ...`",
}


class SourcedConfig(dict[str, str]):
    """Settings under stack-config keys, labelled with where they really came from.

    ``labels`` maps a key to the place a user sets it in this context (``"--endpoint"``), or to
    None when this context has no such place (the CLI reads no stack config); ``"region"`` labels
    the explicit region. ``hints`` maps a key to how to set it when it is missing. Keys without a
    label are stack config, as in a plain mapping.
    """

    def __init__(self, values: Mapping[str, str], *, labels: Mapping[str, str | None] | None = None,
                 hints: Mapping[str, str] | None = None) -> None:
        super().__init__(values)
        self.labels: dict[str, str | None] = dict(labels or {})
        self.hints: dict[str, str] = dict(hints or {})

    def cache_key(self) -> tuple[tuple[str, str | None], ...]:
        """The labels and hints, for caches whose entries hold messages."""
        return tuple(sorted({**self.labels, **{f"hint:{k}": v for k, v in self.hints.items()}}.items()))


def label(config: Mapping[str, str], key: str) -> str | None:
    """Where ``key`` is set in the context of ``config`` (None: nowhere in this context)."""
    labels = getattr(config, "labels", {})
    if key in labels:
        return labels[key]  # type: ignore[no-any-return]
    return "the region argument" if key == "region" else f"stack config {key}"


EMULATOR_ROUTE = ("start `tione-images emulator` and run the `export` lines it prints (TIONE_ENDPOINT, "
                  "TENCENTCLOUD_REGION and its fake key pair)")
"""How any front end reaches the local emulator; ``hints["offline"]`` of a ``SourcedConfig`` may say
more for its own front end (the CLI adds ``--emulator``)."""


def offline_hint(config: Mapping[str, str]) -> str:
    """How to try without an account (the emulator route), in the context of ``config``."""
    hints = getattr(config, "hints", {})
    route = hints.get("offline") or f"{EMULATOR_ROUTE}, as the README's \"Offline, on the emulator\" shows"
    return f"to try offline without an account, {route}"


def hint(config: Mapping[str, str], key: str) -> str:
    """How to set ``key`` in the context of ``config``."""
    hints = getattr(config, "hints", {})
    return str(hints.get(key) or _HINTS.get(key) or f"`pulumi config set {key} ...`")


@dataclass(frozen=True)
class Credentials:
    """A key pair (and optional token) plus where it came from; repr never shows the secrets."""

    secret_id: str
    secret_key: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    source: str = "explicit"

    def fingerprint(self) -> str:
        """A one-way digest identifying these credentials (for cache keys, never for display)."""
        material = "\0".join((self.secret_id, self.secret_key, self.token or ""))
        return hashlib.sha256(material.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Endpoint:
    """Where the TI-ONE API is served: scheme plus ``host[:port]``."""

    scheme: str
    netloc: str

    @property
    def url(self) -> str:
        """The base URL, e.g. ``https://tione.tencentcloudapi.com``."""
        return f"{self.scheme}://{self.netloc}"

    @property
    def is_loopback(self) -> bool:
        """True for 127.0.0.0/8, ::1 and localhost (a local emulator)."""
        return is_loopback_host(urlsplit(self.url).hostname or "")


@dataclass(frozen=True)
class Settings:
    """Everything needed to call the API: endpoint, region and credentials."""

    endpoint: Endpoint
    region: str
    credentials: Credentials


def _valid_port(netloc: str) -> bool:
    try:
        port = urlsplit(f"//{netloc}").port
    except ValueError:
        return False
    return port is None or port > 0


def parse_endpoint(value: str, *, origin: str) -> Endpoint:
    """Validate an endpoint URL (``https://host[:port]`` or loopback ``http://``)."""
    raw = value.strip()
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or not host or parts.path not in ("", "/")
            or parts.query or parts.fragment or "@" in parts.netloc or not _valid_port(parts.netloc)):
        raise ConfigurationError(
            f"{origin} = {echo(value)} is not a valid endpoint; use https://HOST[:PORT] "
            "(or http://127.0.0.1:PORT for a local emulator)"
        )
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ConfigurationError(
            f"{origin} = {echo(value)} uses plain http to a non-loopback host, which would send "
            "signed requests unencrypted; use https, or http only for 127.0.0.1/localhost"
        )
    return Endpoint(parts.scheme, parts.netloc)


def resolve_endpoint(config: Mapping[str, str], env: Mapping[str, str] | None = None) -> Endpoint:
    """Endpoint from ``tione:endpoint`` > ``TIONE_ENDPOINT`` > the public endpoint."""
    env = os.environ if env is None else env
    if config.get("tione:endpoint"):
        origin = label(config, "tione:endpoint") or "tione:endpoint"
        return parse_endpoint(config["tione:endpoint"], origin=origin)
    if env.get("TIONE_ENDPOINT"):
        return parse_endpoint(env["TIONE_ENDPOINT"], origin="env TIONE_ENDPOINT")
    return parse_endpoint(PUBLIC_ENDPOINT, origin="default endpoint")


def resolve_region(
    explicit: str | None, config: Mapping[str, str], env: Mapping[str, str] | None = None
) -> str:
    """Region from the argument > ``tencentcloud:region`` > ``TENCENTCLOUD_REGION``."""
    env = os.environ if env is None else env
    places = (("region", explicit), ("tencentcloud:region", config.get("tencentcloud:region")))
    sources = [(label(config, key), raw) for key, raw in places]
    sources.append(("env TENCENTCLOUD_REGION", env.get("TENCENTCLOUD_REGION")))
    for origin, raw in sources:
        value = raw.strip() if raw else None
        if value and any(c.isspace() or not c.isprintable() for c in value):
            raise ConfigurationError(
                f"{origin} = {echo(raw)} is not a Tencent Cloud region such as 'ap-guangzhou'"
            )
        if value:
            return value
    looked = [origin for origin, _ in sources if origin]
    raise ConfigurationError(
        f"no region set; looked at {', '.join(looked[:-1])} and {looked[-1]}. Set one, e.g. "
        f"{hint(config, 'tencentcloud:region')}; {offline_hint(config)}"
    )


def _clean(origin: str, name: str, value: str | None) -> str | None:
    """``value`` without surrounding whitespace; one with whitespace or control characters inside
    is refused by name only (it would break the request headers, whose errors quote the value)."""
    value = value.strip() if value else None
    if value and any(c.isspace() or not c.isprintable() for c in value):
        raise ConfigurationError(
            f"{name} in {origin} contains whitespace or control characters; set it to the bare value"
        )
    return value or None


def _pair(
    origin: str, names: tuple[str, str, str], secret_id: str | None, secret_key: str | None,
    token: str | None,
) -> Credentials | None:
    values = (secret_id, secret_key, token)
    secret_id, secret_key, token = (_clean(origin, n, v) for n, v in zip(names, values, strict=True))
    if secret_id and secret_key:
        return Credentials(secret_id, secret_key, token, origin)
    if secret_id or secret_key:
        missing = names[1] if secret_id else names[0]
        raise CredentialsNotFoundError(
            f"incomplete credentials in {origin}: {missing} is not set; set both "
            f"{names[0]} and {names[1]}"
        )
    return None


def _from_config(config: Mapping[str, str]) -> Credentials | None:
    keys = ("tencentcloud:secretId", "tencentcloud:secretKey", "tencentcloud:securityToken")
    origin = label(config, keys[0]) or "the given settings"
    return _pair(
        origin.removesuffix(f" {keys[0]}"), keys,
        config.get("tencentcloud:secretId"), config.get("tencentcloud:secretKey"),
        config.get("tencentcloud:securityToken"),
    )


def _from_env(env: Mapping[str, str]) -> Credentials | None:
    token_name = next((n for n in _TOKEN_ENV if env.get(n)), _TOKEN_ENV[0])
    token = env.get(token_name)
    return _pair(
        "environment", ("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", token_name),
        env.get("TENCENTCLOUD_SECRET_ID"), env.get("TENCENTCLOUD_SECRET_KEY"), token,
    )


def _from_ini(path: Path, profile: str) -> Credentials | None:
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError) as e:
        raise CredentialsNotFoundError(f"cannot read credentials file {path}: {type(e).__name__}") from None
    if not parser.has_section(profile):
        return None
    section = parser[profile]
    return _pair(
        str(path), ("secret_id", "secret_key", "token"), section.get("secret_id"),
        section.get("secret_key"), section.get("token"),
    )


def _from_tccli(path: Path) -> Credentials | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CredentialsNotFoundError(f"cannot read tccli credential file {path}: not valid JSON") from None
    if not isinstance(data, dict):
        return None
    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None
    return _pair(str(path), ("secretId", "secretKey", "token"), text("secretId"), text("secretKey"),
                 text("token"))


def _from_cvm_role(env: Mapping[str, str]) -> Credentials | None:
    """The CVM role's temporary credentials, or None; never takes longer than CVM_DEADLINE_S.

    Socket timeouts bound neither DNS nor a server that trickles bytes, so the lookup runs in a
    daemon thread that is abandoned at the deadline.
    """
    found: list[Credentials | None] = []
    worker = threading.Thread(target=lambda: found.append(_query_cvm_role(env)),
                              name="tione-cvm-role", daemon=True)
    worker.start()
    worker.join(CVM_DEADLINE_S)
    return found[0] if found else None


def _query_cvm_role(env: Mapping[str, str]) -> Credentials | None:
    base = env.get("TIONE_CVM_METADATA_ENDPOINT", CVM_METADATA_DEFAULT).rstrip("/")
    root = f"{base}/latest/meta-data/cam/security-credentials/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(root, timeout=CVM_TIMEOUT_S) as resp:
            role = resp.read().decode().strip().splitlines()[0]
        with opener.open(root + quote(role, safe=""), timeout=CVM_TIMEOUT_S) as resp:
            data = json.loads(resp.read().decode())
    except (OSError, ValueError, IndexError, http.client.HTTPException):
        return None
    if not isinstance(data, dict):
        return None
    sid, skey, token = data.get("TmpSecretId"), data.get("TmpSecretKey"), data.get("Token")
    if isinstance(sid, str) and isinstance(skey, str) and sid and skey:
        return Credentials(sid, skey, token if isinstance(token, str) else None, f"CVM role {role}")
    return None


def resolve_credentials(
    config: Mapping[str, str], env: Mapping[str, str] | None = None
) -> Credentials:
    """The first credentials found along the chain, or an error listing every place looked."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())
    profile = env.get("TENCENTCLOUD_PROFILE") or env.get("TCCLI_PROFILE") or "default"
    ini = home / ".tencentcloud" / "credentials"
    tccli = home / ".tccli" / f"{profile}.credential"
    sources: list[Callable[[], Credentials | None]] = [
        lambda: _from_config(config),
        lambda: _from_env(env),
        lambda: _from_ini(ini, profile),
        lambda: _from_tccli(tccli),
        lambda: _from_cvm_role(env),
    ]
    for source in sources:
        creds = source()
        if creds is not None:
            return creds
    places = [
        "env TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (+ TENCENTCLOUD_SECURITY_TOKEN, "
        "TENCENTCLOUD_SESSION_TOKEN or TENCENTCLOUD_TOKEN)",
        f"{ini} [section {profile}]", str(tccli), "the CVM instance role (metadata service)",
    ]
    given = label(config, "tencentcloud:secretId")
    if given is not None:
        places.insert(0, f"{given} / tencentcloud:secretKey (+ tencentcloud:securityToken)")
    listed = "".join(f"  {n}. {place}\n" for n, place in enumerate(places, 1))
    raise CredentialsNotFoundError(
        f"no Tencent Cloud credentials found. Looked at, in order:\n{listed}"
        f"Set one of them, e.g. {hint(config, 'tencentcloud:secretKey')}; {offline_hint(config)}."
    )


def resolve_settings(
    config: Mapping[str, str], region: str | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Endpoint, region and credentials for one call, resolved with DESIGN's precedence."""
    return Settings(
        endpoint=resolve_endpoint(config, env),
        region=resolve_region(region, config, env),
        credentials=resolve_credentials(config, env),
    )
