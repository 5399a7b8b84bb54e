"""The source plugin folder ``plugin/`` (``pulumi package add <path or git ref>``), started as the
engine starts it.

Pulumi's Python language host runs a source plugin as ``<plugin venv>/bin/python <folder> <engine
address>`` (its ``__main__.py``) after ``pip install -r requirements.txt`` in the folder. The slow
test does exactly that: a fresh venv (seeing the project venv's third-party packages, as
tests/test_install.py does, so nothing is downloaded but the build backend), the folder's
requirements installed by its pip in the folder, then the plugin started from that venv. The quick
test starts the folder with the project venv's interpreter. Over gRPC: the port handshake,
GetSchema, Configure and a Check against the emulator.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from pulumi_tione.emulator import Emulator
from pulumi_tione.native import package_schema
from tests.native.conftest import native_config
from tests.support.env import CLOSED, provider_env
from tests.support.native import NativeClient, NativeProcess, StubEngine, urn
from tests.support.seed import ROOT, SEED_ID, SEED_NAME
from tests.test_install import PIP_CACHE, _fresh_venv

PLUGIN = ROOT / "plugin"


def _requirements() -> list[str]:
    lines = (PLUGIN / "requirements.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_the_folder_is_a_python_source_plugin() -> None:
    project = yaml.safe_load((PLUGIN / "PulumiPlugin.yaml").read_text())
    assert project["runtime"]["name"] == "python"
    assert project["runtime"]["options"]["toolchain"] == "pip"
    assert (PLUGIN / "__main__.py").is_file()  # the language host runs `python <folder>`


def test_its_requirements_install_this_checkout() -> None:
    editable = [line for line in _requirements() if line.startswith("-e ")]
    assert len(editable) == 1
    # pip resolves the path against its working directory, which Pulumi sets to the plugin folder
    source = (PLUGIN / editable[0].removeprefix("-e ").strip()).resolve()
    project = tomllib.loads((source / "pyproject.toml").read_text())["project"]
    assert project["name"] == "pulumi-tione"
    assert project["scripts"]["pulumi-resource-tione"] == "pulumi_tione.native:main"
    assert any(line.startswith("pulumi>=") for line in _requirements())


def _serve_and_check(python: str, server: Emulator, home: Path) -> None:
    """Start ``python <plugin folder> <engine>`` as the engine does; GetSchema, Configure, Check."""
    engine = StubEngine()
    env = provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT=CLOSED)
    process = NativeProcess(engine, env, command=[python, str(PLUGIN)], cwd=str(PLUGIN))
    try:
        process.start()
        assert process.port > 0
        client = NativeClient(process.address)
        try:
            assert client.schema() == package_schema()
            client.configure(native_config(server))
            checked, failures = client.check(urn("img", "PlatformImage"), {}, {"name": SEED_NAME})
            assert failures == []
            assert checked["imageId"] == SEED_ID
        finally:
            client.close()
    finally:
        process.close()
        engine.close()


def test_the_plugin_starts_as_the_engine_starts_it(native_emu: Emulator, tmp_path: Path) -> None:
    _serve_and_check(sys.executable, native_emu, tmp_path)


@pytest.mark.slow
def test_the_plugin_runs_from_a_venv_built_from_its_requirements(native_emu: Emulator,
                                                                 tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    env = {**os.environ, "PIP_CACHE_DIR": PIP_CACHE, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run([str(python), "-m", "pip", "install", "-r", "requirements.txt"], cwd=PLUGIN,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Successfully installed pulumi-tione-" in done.stdout
    _serve_and_check(str(python), native_emu, tmp_path)
