"""What ``make`` installs and builds (issue 19 §5): the demo gets the package alone, the test and lint
targets add the extras; building the distribution prints no deprecation (the license is an SPDX
expression, and the LICENSE file ships)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _dry_run(target: str, venv: Path) -> str:
    """The commands ``make <target>`` would run for a fresh venv at ``venv`` (``make -n``)."""
    done = subprocess.run(["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_demo_installs_the_package_without_the_extras(tmp_path: Path) -> None:
    commands = _dry_run("demo", tmp_path / "venv")
    assert "pip install --quiet --disable-pip-version-check -e .\n" in commands
    assert "[test" not in commands
    assert "tione-images demo" in commands


@pytest.mark.parametrize("target", ["test", "lint"])
def test_make_test_and_lint_add_the_extras(tmp_path: Path, target: str) -> None:
    commands = _dry_run(target, tmp_path / "venv")
    assert "-e .\n" in commands
    assert "-e '.[test,lint]'" in commands


def test_the_license_is_an_spdx_expression() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "Apache-2.0"
    assert all((ROOT / f).is_file() for f in project["project"]["license-files"])


@pytest.mark.slow
def test_the_build_prints_no_deprecation(tmp_path: Path) -> None:
    pytest.importorskip("build")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "eprecat" not in output, [line for line in output.splitlines() if "eprecat" in line]
    (wheel,) = tmp_path.glob("pulumi_tione-*.whl")
    with zipfile.ZipFile(wheel) as z:
        metadata = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))).decode()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in z.namelist())
    assert "License-Expression: Apache-2.0" in metadata
