"""The credential chain (issue 5 §6), source by source, with precedence and the not-found message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pulumi_tione.api.credentials import resolve_credentials
from pulumi_tione.errors import ConfigurationError, CredentialsNotFoundError
from tests.support.creds import cvm_stub, write_ini, write_tccli
from tests.support.env import base_env
from tests.support.wire import Reply, ScriptedServer

CONFIG = {"tencentcloud:secretId": "AKIDconfig", "tencentcloud:secretKey": "config-key"}
ENV = {"TENCENTCLOUD_SECRET_ID": "AKIDenv", "TENCENTCLOUD_SECRET_KEY": "env-key"}
INI = ("[default]\nsecret_id = AKIDini\nsecret_key = ini-key\n\n"
       "[work]\nsecret_id = AKIDwork\nsecret_key = work-key\ntoken = work-token\n")


def test_stack_config(tmp_path: Path) -> None:
    creds = resolve_credentials({**CONFIG, "tencentcloud:securityToken": "cfg-token"}, base_env(tmp_path))
    assert (creds.secret_id, creds.secret_key, creds.token, creds.source) == (
        "AKIDconfig", "config-key", "cfg-token", "stack config")


@pytest.mark.parametrize("token_name", ["TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_SESSION_TOKEN",
                                        "TENCENTCLOUD_TOKEN"])
def test_env_with_each_token_name(tmp_path: Path, token_name: str) -> None:
    creds = resolve_credentials({}, base_env(tmp_path, **ENV, **{token_name: "env-token"}))
    assert (creds.secret_id, creds.secret_key, creds.token, creds.source) == (
        "AKIDenv", "env-key", "env-token", "environment")


def test_env_without_token(tmp_path: Path) -> None:
    assert resolve_credentials({}, base_env(tmp_path, **ENV)).token is None


def test_env_token_names_in_order(tmp_path: Path) -> None:
    env = base_env(tmp_path, **ENV, TENCENTCLOUD_TOKEN="third", TENCENTCLOUD_SESSION_TOKEN="second",
                   TENCENTCLOUD_SECURITY_TOKEN="first")
    assert resolve_credentials({}, env).token == "first"


def test_ini_default_profile(tmp_path: Path) -> None:
    path = write_ini(tmp_path, INI)
    creds = resolve_credentials({}, base_env(tmp_path))
    assert (creds.secret_id, creds.secret_key, creds.token, creds.source) == (
        "AKIDini", "ini-key", None, str(path))


@pytest.mark.parametrize("variable", ["TENCENTCLOUD_PROFILE", "TCCLI_PROFILE"])
def test_ini_profile_from_env(tmp_path: Path, variable: str) -> None:
    write_ini(tmp_path, INI)
    creds = resolve_credentials({}, base_env(tmp_path, **{variable: "work"}))
    assert (creds.secret_id, creds.token) == ("AKIDwork", "work-token")


def test_tencentcloud_profile_wins_over_tccli_profile(tmp_path: Path) -> None:
    write_ini(tmp_path, INI)
    env = base_env(tmp_path, TENCENTCLOUD_PROFILE="work", TCCLI_PROFILE="default")
    assert resolve_credentials({}, env).secret_id == "AKIDwork"


def test_ini_without_the_profile_falls_through(tmp_path: Path) -> None:
    write_ini(tmp_path, INI)
    write_tccli(tmp_path, "other", {"secretId": "AKIDtccli", "secretKey": "tccli-key"})
    assert resolve_credentials({}, base_env(tmp_path, TENCENTCLOUD_PROFILE="other")).secret_id == "AKIDtccli"


def test_tccli_credential_file(tmp_path: Path) -> None:
    document = {"secretId": "AKIDtccli", "secretKey": "tccli-key", "token": "tk"}
    path = write_tccli(tmp_path, "default", document)
    creds = resolve_credentials({}, base_env(tmp_path))
    assert (creds.secret_id, creds.secret_key, creds.token, creds.source) == (
        "AKIDtccli", "tccli-key", "tk", str(path))


def test_tccli_profile(tmp_path: Path) -> None:
    write_tccli(tmp_path, "prod", {"secretId": "AKIDprod", "secretKey": "prod-key"})
    assert resolve_credentials({}, base_env(tmp_path, TCCLI_PROFILE="prod")).secret_id == "AKIDprod"


def test_cvm_role(tmp_path: Path) -> None:
    with cvm_stub() as stub:
        creds = resolve_credentials({}, base_env(tmp_path, cvm=stub.url))
    assert (creds.secret_id, creds.secret_key, creds.token, creds.source) == (
        "AKIDcvm", "cvm-secret-key", "cvm-token", "CVM role tione-role")
    assert [r.path for r in stub.requests] == ["/latest/meta-data/cam/security-credentials/",
                                               "/latest/meta-data/cam/security-credentials/tione-role"]


@pytest.mark.parametrize(("status", "body"), [(404, b"no role"), (200, b""), (200, b"{not json")])
def test_cvm_without_a_usable_role_is_skipped(tmp_path: Path, status: int, body: bytes) -> None:
    reply = Reply(status=status, body=body, content_type="text/plain")
    with ScriptedServer(lambda req, n: reply) as stub, \
            pytest.raises(CredentialsNotFoundError, match="no Tencent Cloud credentials found"):
        resolve_credentials({}, base_env(tmp_path, cvm=stub.url))


@pytest.mark.parametrize("stub_kwargs", [{"slow": 30.0}, {"drip": True}])
def test_cvm_lookup_is_bounded(tmp_path: Path, stub_kwargs: dict[str, object]) -> None:
    with cvm_stub(**stub_kwargs) as stub:  # type: ignore[arg-type]
        started = time.monotonic()
        with pytest.raises(CredentialsNotFoundError, match="CVM instance role"):
            resolve_credentials({}, base_env(tmp_path, cvm=stub.url))
        assert time.monotonic() - started < 2.5


def test_precedence_config_env_ini_tccli_cvm(tmp_path: Path) -> None:
    write_ini(tmp_path, INI)
    write_tccli(tmp_path, "default", {"secretId": "AKIDtccli", "secretKey": "tccli-key"})
    with cvm_stub() as stub:
        env = base_env(tmp_path, cvm=stub.url, **ENV)
        assert resolve_credentials(CONFIG, env).secret_id == "AKIDconfig"
        assert resolve_credentials({}, env).secret_id == "AKIDenv"
        del env["TENCENTCLOUD_SECRET_ID"], env["TENCENTCLOUD_SECRET_KEY"]
        assert resolve_credentials({}, env).secret_id == "AKIDini"
        (tmp_path / ".tencentcloud" / "credentials").unlink()
        assert resolve_credentials({}, env).secret_id == "AKIDtccli"
        (tmp_path / ".tccli" / "default.credential").unlink()
        assert resolve_credentials({}, env).secret_id == "AKIDcvm"
    assert len(stub.requests) == 2


@pytest.mark.parametrize(("config", "env_extra", "missing"), [
    ({"tencentcloud:secretId": "AKIDx"}, {}, "tencentcloud:secretKey"),
    ({"tencentcloud:secretKey": "lonely-secret"}, {}, "tencentcloud:secretId"),
    ({}, {"TENCENTCLOUD_SECRET_ID": "AKIDx"}, "TENCENTCLOUD_SECRET_KEY"),
    ({}, {"TENCENTCLOUD_SECRET_KEY": "lonely-secret"}, "TENCENTCLOUD_SECRET_ID"),
])
def test_incomplete_pairs_say_what_is_missing(tmp_path: Path, config: dict[str, str],
                                              env_extra: dict[str, str], missing: str) -> None:
    with pytest.raises(CredentialsNotFoundError, match=f"{missing} is not set") as info:
        resolve_credentials(config, base_env(tmp_path, **env_extra))
    assert "lonely-secret" not in str(info.value)


def test_incomplete_profile_files(tmp_path: Path) -> None:
    write_ini(tmp_path, "[default]\nsecret_key = lonely-secret\n")
    with pytest.raises(CredentialsNotFoundError, match=r"credentials: secret_id is not set") as info:
        resolve_credentials({}, base_env(tmp_path))
    assert "lonely-secret" not in str(info.value)
    (tmp_path / ".tencentcloud" / "credentials").unlink()
    write_tccli(tmp_path, "default", {"secretId": "AKIDx"})
    with pytest.raises(CredentialsNotFoundError, match=r"default.credential: secretKey is not set"):
        resolve_credentials({}, base_env(tmp_path))


def test_unreadable_profile_files_name_the_file_not_the_content(tmp_path: Path) -> None:
    write_ini(tmp_path, "secret_key = lonely-secret\n[broken")
    with pytest.raises(CredentialsNotFoundError, match=r"cannot read credentials file .*credentials") as info:
        resolve_credentials({}, base_env(tmp_path))
    assert "lonely-secret" not in str(info.value)
    (tmp_path / ".tencentcloud" / "credentials").unlink()
    write_tccli(tmp_path, "default", '{"secretKey": "lonely-secret",')
    with pytest.raises(CredentialsNotFoundError, match="not valid JSON") as info:
        resolve_credentials({}, base_env(tmp_path))
    assert "lonely-secret" not in str(info.value)


def test_non_object_tccli_file_is_skipped(tmp_path: Path) -> None:
    write_tccli(tmp_path, "default", ["AKIDx", "key"])
    with pytest.raises(CredentialsNotFoundError, match="no Tencent Cloud credentials found"):
        resolve_credentials({}, base_env(tmp_path))


def test_nothing_found_lists_every_place(tmp_path: Path) -> None:
    with pytest.raises(CredentialsNotFoundError) as info:
        resolve_credentials({}, base_env(tmp_path, TENCENTCLOUD_PROFILE="ci"))
    message = str(info.value)
    for place in ("tencentcloud:secretId", "tencentcloud:secretKey", "tencentcloud:securityToken",
                  "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN",
                  "TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN",
                  f"{tmp_path}/.tencentcloud/credentials [section ci]", f"{tmp_path}/.tccli/ci.credential",
                  "CVM instance role", "pulumi config set --secret", "tione-images emulator", "export"):
        assert place in message, place


def test_empty_values_count_as_unset(tmp_path: Path) -> None:
    env = base_env(tmp_path, TENCENTCLOUD_SECRET_ID="", TENCENTCLOUD_SECRET_KEY="", **{})
    with pytest.raises(CredentialsNotFoundError, match="no Tencent Cloud credentials found"):
        resolve_credentials({"tencentcloud:secretId": "", "tencentcloud:secretKey": ""}, env)


def test_surrounding_whitespace_is_trimmed(tmp_path: Path) -> None:
    config = {"tencentcloud:secretId": " AKIDconfig\n", "tencentcloud:secretKey": "config-key\n",
              "tencentcloud:securityToken": "\tcfg-token\r\n"}
    creds = resolve_credentials(config, base_env(tmp_path))
    assert (creds.secret_id, creds.secret_key, creds.token) == ("AKIDconfig", "config-key", "cfg-token")
    env = base_env(tmp_path, TENCENTCLOUD_SECRET_ID="AKIDenv ", TENCENTCLOUD_SECRET_KEY=" env-key",
                   TENCENTCLOUD_TOKEN="env-token\n")
    assert resolve_credentials({}, env).token == "env-token"
    write_tccli(tmp_path, "default", {"secretId": "AKIDx\n", "secretKey": "key\n", "token": " tok"})
    assert resolve_credentials({}, base_env(tmp_path)).token == "tok"


@pytest.mark.parametrize(("config", "env_extra", "name"), [
    ({**CONFIG, "tencentcloud:securityToken": "tok\r\nX-Injected: lonely-secret"}, {},
     "tencentcloud:securityToken in stack config"),
    ({"tencentcloud:secretId": "AKID x", "tencentcloud:secretKey": "lonely-secret"}, {},
     "tencentcloud:secretId in stack config"),
    ({}, {**ENV, "TENCENTCLOUD_SESSION_TOKEN": "lonely-secret\x00"},
     "TENCENTCLOUD_SESSION_TOKEN in environment"),
])
def test_inner_whitespace_or_control_characters_are_refused_by_name(
    tmp_path: Path, config: dict[str, str], env_extra: dict[str, str], name: str,
) -> None:
    with pytest.raises(ConfigurationError, match=f"{name} contains whitespace or control characters") as info:
        resolve_credentials(config, base_env(tmp_path, **env_extra))
    assert "lonely-secret" not in str(info.value)
