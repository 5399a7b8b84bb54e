"""Builders for the credential-chain tests: profile files, a CVM metadata stub, one source at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from .wire import Reply, Request, ScriptedServer

ROLE_PATH = "/latest/meta-data/cam/security-credentials/"


def write_ini(home: Path, text: str) -> Path:
    """Write ``~/.tencentcloud/credentials``."""
    path = home / ".tencentcloud" / "credentials"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_tccli(home: Path, profile: str, document: object) -> Path:
    """Write ``~/.tccli/<profile>.credential`` (a JSON document, or raw text)."""
    path = home / ".tccli" / f"{profile}.credential"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def cvm_stub(role: str = "tione-role", secret_id: str = "AKIDcvm", secret_key: str = "cvm-secret-key",
             token: str | None = "cvm-token", *, slow: float = 0.0, drip: bool = False) -> ScriptedServer:
    """A CVM metadata service on loopback serving one role's temporary credentials."""
    creds = {"TmpSecretId": secret_id, "TmpSecretKey": secret_key, "Token": token,
             "ExpiredTime": 4102444800, "Code": "Success"}

    def answer(req: Request, n: int) -> Reply:
        if req.path == ROLE_PATH:
            return Reply(body=f"{role}\n".encode(), content_type="text/plain", delay=slow, drip=drip)
        if req.path == ROLE_PATH + role:
            return Reply(body=json.dumps(creds).encode(), content_type="text/plain", delay=slow, drip=drip)
        return Reply(status=404, body=b"not found", content_type="text/plain")

    return ScriptedServer(answer)


SOURCES = ("stack-config", "env-security-token", "env-session-token", "env-token", "ini-profile",
           "tccli-profile", "cvm-role")


@dataclass(frozen=True)
class Source:
    """One credential source set up for a test: the stack config to pass and the expected secrets."""

    config: dict[str, str]
    secret_id: str
    secret_key: str
    token: str


@contextmanager
def credential_source(name: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Source]:
    """Put a distinct key pair and token in source ``name`` (env, files or a CVM stub) only."""
    tag = name.replace("-", "")
    sid, key, token = f"AKID{tag}", f"SECRETKEY-{tag}-do-not-leak", f"TOKEN-{tag}-do-not-leak"
    config: dict[str, str] = {}
    if name == "stack-config":
        config = {"tencentcloud:secretId": sid, "tencentcloud:secretKey": key,
                  "tencentcloud:securityToken": token}
    elif name.startswith("env-"):
        monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", sid)
        monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", key)
        monkeypatch.setenv("TENCENTCLOUD_" + name.removeprefix("env-").replace("-", "_").upper(), token)
    elif name == "ini-profile":
        monkeypatch.setenv("TENCENTCLOUD_PROFILE", "ci")
        write_ini(home, f"[ci]\nsecret_id = {sid}\nsecret_key = {key}\ntoken = {token}\n")
    elif name == "tccli-profile":
        monkeypatch.setenv("TCCLI_PROFILE", "ci")
        write_tccli(home, "ci", {"secretId": sid, "secretKey": key, "token": token})
    if name != "cvm-role":
        yield Source(config, sid, key, token)
        return
    with cvm_stub(secret_id=sid, secret_key=key, token=token) as stub:
        monkeypatch.setenv("TIONE_CVM_METADATA_ENDPOINT", stub.url)
        yield Source(config, sid, key, token)
