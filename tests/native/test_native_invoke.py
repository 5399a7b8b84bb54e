"""Functions as real invokes: ``getPlatformImage(s)`` through the plugin's ``Invoke`` RPC.

Many calls (and resources) in one plugin process share one paged catalog fetch; a miss is an
invoke failure on the argument that excluded the image; ``tione:workspace`` is the default
workspace of a lookup.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.native.conftest import PluginFactory, native_config
from tests.support.native import urn
from tests.support.seed import SEED_ID, SEED_NAME

GET = "tione:index:getPlatformImage"
LIST = "tione:index:getPlatformImages"


def test_many_invokes_and_resources_cost_one_catalog_fetch(
    plugin_factory: PluginFactory, emu: Emulator
) -> None:
    client = plugin_factory(emu).client
    named = [e for e in bundled_catalog() if e.get("ImageName")][:60]

    def get(entry: dict[str, str]) -> str:
        result, failures = client.invoke(GET, {"name": entry["ImageName"]})
        assert failures == []
        return str(result["imageId"])

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(get, named))
    assert ids == [e["ImageId"] for e in named]
    listed, failures = client.invoke(LIST, {"framework": "PYTORCH", "imageRange": "Train"})
    assert failures == []
    assert listed["count"] == len(listed["ids"]) == len(listed["images"]) > 0
    assert all("Train" in image["imageRange"] for image in listed["images"])
    id_, _, _ = client.up(urn("img", "PlatformImage"), {"name": SEED_NAME})
    assert id_ == SEED_ID
    pages = math.ceil(len(bundled_catalog()) / 100)
    assert emu.stats()["actions"]["DescribePlatformImages"] == {"ok": pages}


def test_an_invoke_result_has_the_resources_output_shape(
    plugin_factory: PluginFactory, emu: Emulator
) -> None:
    client = plugin_factory(emu).client
    result, _ = client.invoke(GET, {"name": SEED_NAME, "imageRange": "train"})
    assert result["imageId"] == SEED_ID
    assert result["imageRange"] == ["Notebook", "Train"]
    assert result["imageInfo"]["ImageUrl"] == result["imageUrl"]
    assert result["query"]["imageRange"] == "Train"
    assert result["region"] == "ap-guangzhou"


def test_a_miss_is_a_failure_on_the_argument(plugin_factory: PluginFactory, emu: Emulator) -> None:
    client = plugin_factory(emu).client
    result, failures = client.invoke(GET, {"name": SEED_NAME, "gpu": "H100"})
    assert dict(result) == {}
    assert [p for p, _ in failures] == ["gpu"]
    _, failures = client.invoke(GET, {"imageRange": "Trian"})
    assert [p for p, _ in failures] == ["imageRange"]
    _, failures = client.invoke(GET, {})
    assert failures
    assert "at least one criterion" in failures[0][1]


def test_the_workspace_setting_is_the_default_workspace(plugin_factory: PluginFactory, emu: Emulator) -> None:
    client = plugin_factory(emu, {**native_config(emu), "tione:workspace": "12345"}).client
    result, failures = client.invoke(GET, {"name": SEED_NAME})
    assert failures == []
    assert result["query"]["workspace"] == "12345"
