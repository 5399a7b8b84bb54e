"""Provider configuration of the plugin: ``tione:*`` variables, an explicit provider's arguments,
the environment/profile fallback, messages that name the key the user sets, no secret in logs;
and the layering: reading native state (``native.names``) imports neither pulumi nor grpc."""

from __future__ import annotations

from pathlib import Path

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from tests.native.conftest import PluginFactory, native_config
from tests.support.native import urn
from tests.support.seed import SEED_ID, SEED_NAME
from tests.test_import_boundaries import loaded_after

IMAGE = urn("img", "PlatformImage")


def test_the_provider_arguments_configure_it(plugin_factory: PluginFactory, emu: Emulator) -> None:
    plugin = plugin_factory(emu, configure=False)
    plugin.client.configure({}, {"endpoint": emu.url, "region": DEFAULT_REGION,
                                 "secretId": DEFAULT_SECRET_ID, "secretKey": DEFAULT_SECRET_KEY})
    checked, failures = plugin.client.check(IMAGE, {}, {"name": SEED_NAME})
    assert failures == []
    assert checked["imageId"] == SEED_ID


def test_unset_keys_fall_back_to_the_environment(plugin_factory: PluginFactory, emu: Emulator) -> None:
    env = {"TENCENTCLOUD_REGION": DEFAULT_REGION, "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
           "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY}
    plugin = plugin_factory(emu, {"tione:endpoint": emu.url}, **env)
    checked, failures = plugin.client.check(IMAGE, {}, {"name": SEED_NAME})
    assert failures == []
    assert checked["imageId"] == SEED_ID


def test_messages_name_the_native_keys_and_never_a_secret(
    plugin_factory: PluginFactory, emu: Emulator
) -> None:
    plugin = plugin_factory(emu, {"tione:endpoint": emu.url, "tione:secretId": DEFAULT_SECRET_ID,
                                  "tione:secretKey": "wrong-key-value-1234567890"})
    _, failures = plugin.client.check(IMAGE, {}, {"name": SEED_NAME})
    assert failures
    assert "tione:region" in failures[0][1]
    plugin = plugin_factory(emu, {**native_config(emu), "tione:secretKey": "wrong-key-value-1234567890"})
    _, failures = plugin.client.check(IMAGE, {}, {"name": SEED_NAME})
    assert failures
    assert "wrong-key-value-1234567890" not in failures[0][1]
    assert "wrong-key-value-1234567890" not in plugin.process.log()
    assert "wrong-key-value" not in "".join(plugin.engine.servicer.logs)


def test_check_config_refuses_a_bad_number(plugin_factory: PluginFactory, emu: Emulator) -> None:
    client = plugin_factory(emu, configure=False).client
    assert client.check_config({"maxCatalogImages": "lots"})
    assert client.check_config({"maxCatalogImages": 500, "endpoint": emu.url}) == []


def test_reading_native_state_imports_neither_pulumi_nor_grpc(isolated_env: Path) -> None:
    code = """
    from pulumi_tione.native.names import snake_props
    assert snake_props("tione:index:Notebook", {"volumeSizeInGb": 1, "tags": {"costCenter": "x"}}) == {
        "volume_size_in_gb": 1, "tags": {"costCenter": "x"}}
    """
    assert loaded_after(code, isolated_env).isdisjoint({"pulumi", "grpc"})
