"""Adapter parity: the same operation through the dynamic resources' provider process and through
the native plugin gives the same outputs (the native ones read back in the core's names).

Both processes run the same core against the same emulator; only the adapters differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_tione.emulator import Emulator
from pulumi_tione.native.names import snake, snake_props
from tests.native.conftest import Plugin
from tests.native.programs import camel
from tests.support import workloads as wl
from tests.support.engine import PROVIDER_KEY
from tests.support.engine import urn as dynamic_urn
from tests.support.native import urn as native_urn
from tests.support.provider import Engine, start_engine
from tests.support.seed import IMAGE, SEED_NAME

IMAGES = "pulumi-python:dynamic/tione:PlatformImages"
NAMED = ("name", "name_prefix")


def core_view(token: str, props: dict[str, Any], *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """Properties in the core's names, without ``__provider`` and the ``drop``ped keys."""
    view = snake_props(token, props) if token.startswith("tione:") else dict(props)
    return {k: v for k, v in view.items() if k != PROVIDER_KEY and k not in drop}


@pytest.fixture
def dynamic(native_emu: Emulator, tmp_path: Path) -> Iterator[Engine]:
    """The dynamic resources' provider process (``python -m pulumi.dynamic``) on the same emulator."""
    engine = start_engine(native_emu, tmp_path, None, {"TIONE_POLL_SECONDS": "0.02"})
    yield engine
    engine.close()


@pytest.mark.parametrize(("kind", "args"), [
    ("PlatformImage", {"name": SEED_NAME, "image_range": "Train"}),
    ("PlatformImage", {"framework": "PYTORCH", "framework_version": ">=2.1,<3", "select": "highest_version",
                       "policy": "track"}),
    ("PlatformImages", {"framework": "PYTORCH"}),
])
def test_image_resources_agree(dynamic: Engine, plugin: Plugin, kind: str, args: dict[str, Any]) -> None:
    token = f"tione:index:{kind}"
    props = dynamic.image(**args) if kind == "PlatformImage" else dynamic.images(**args)
    d_id, d_out = dynamic.up(IMAGE if kind == "PlatformImage" else IMAGES, "r", props)
    n_id, n_in, n_out = plugin.client.up(native_urn("r", kind), camel(args))
    assert n_id == d_id
    assert core_view(token, n_out) == core_view("", d_out)
    dyn_type = IMAGE if kind == "PlatformImage" else IMAGES
    d_checked = dynamic.client.check(dynamic_urn(dyn_type, "r"), {}, props)
    assert core_view(token, n_in) == core_view("", d_checked.inputs)


@pytest.mark.parametrize("kind", ["Notebook", "TrainingTask"])
def test_workloads_agree(dynamic: Engine, plugin: Plugin, native_emu: Emulator, kind: str) -> None:
    token = f"tione:index:{kind}"
    program = wl.notebook if kind == "Notebook" else wl.task
    dyn_type = wl.NOTEBOOK if kind == "Notebook" else wl.TASK
    args = program(name=f"dyn-{kind.lower()}", tags={"team": "ml"})
    d_id, d_out = dynamic.up(dyn_type, "w", args)
    plain = {k: v for k, v in program(name=f"nat-{kind.lower()}", tags={"team": "ml"}).items()
             if k not in (PROVIDER_KEY, "name_prefix")}
    native_args = {**camel({k: v for k, v in plain.items() if k != "tags"}), "tags": plain["tags"]}
    n_id, _, n_out = plugin.client.up(native_urn("w", kind), native_args)
    assert d_id != n_id
    assert core_view(token, n_out, drop=NAMED) == core_view("", d_out, drop=NAMED)
    # the same change diffs the same through both
    d_new = dynamic.client.check(dynamic_urn(dyn_type, "w"), d_out, {**args, "tags": {"team": "cv"}})
    n_new, _ = plugin.client.check(native_urn("w", kind), n_out, {**native_args, "tags": {"team": "cv"}})
    d_diff = dynamic.client.diff(d_id, dynamic_urn(dyn_type, "w"), d_out, d_new.inputs)
    n_diff = plugin.client.diff(n_id, native_urn("w", kind), n_out, n_new)
    assert (d_diff.changes, d_diff.replaces) == (n_diff.changes, [snake(token, k) for k in n_diff.replaces])
