"""Install paths that work before pulumi-tione is on PyPI (issue 16 §1).

An example's ``requirements.txt`` is installed the way its README tells a user to: ``pip install -r
requirements.txt`` run in the example's folder, by the pip of a fresh virtualenv. To stay cheap and
offline-friendly the fresh venv sees the project venv's site-packages as a plain path entry (a
``.pth`` line), so pip finds ``pulumi``, ``pydantic``, the Tencent Cloud SDK... already satisfied
and checks their versions against the requirements instead of downloading them; pulumi-tione
itself is not importable from there (the project's editable install is a ``.pth`` of that
directory, which a plain path entry does not process) until pip installs it from the checkout.
The build backend comes from the pip cache or the registry, as on a user's machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")  # before isolation


def _fresh_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, capture_output=True, timeout=120)
    python = where / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    (Path(purelib) / "_project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@pytest.mark.slow
def test_an_example_requirements_file_installs_from_the_checkout(tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    probe = [str(python), "-c", "import pulumi_tione"]
    assert subprocess.run(probe, capture_output=True, timeout=60, check=False).returncode != 0
    env = {**os.environ, "PIP_CACHE_DIR": PIP_CACHE, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    folder = ROOT / "examples" / "quickstart"
    done = subprocess.run([str(python), "-m", "pip", "install", "-r", "requirements.txt"], cwd=folder,
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Successfully installed pulumi-tione-" in done.stdout
    shown = subprocess.run(
        [str(python), "-c", "import pulumi, pulumi_tione as t; from pulumi_tione.stack.resources import "
         "PlatformImage; print(t.__file__)"], capture_output=True, text=True, timeout=120, check=False)
    assert shown.returncode == 0, shown.stderr
    assert Path(shown.stdout.strip()).is_relative_to(ROOT / "provider")
    script = tmp_path / "venv" / "bin" / "tione-images"
    helped = subprocess.run([str(script), "--help"], capture_output=True, timeout=60, check=False)
    assert helped.returncode == 0
