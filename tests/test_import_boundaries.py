"""Each way in loads only what it needs: checked in fresh interpreters through ``sys.modules``.

- the plain library (``lookup_platform_image``/``list_platform_images``, doing real lookups) and
  the CLI (``tione-images resolve --emulator``, and ``drift`` of an export holding notebooks and
  training tasks, compared live) never import ``pulumi`` or ``grpc``;
- the emulator, serving requests, imports none of ``pulumi``, ``grpc``, ``tencentcloud``;
- a Pulumi program that declares resources (the provider not run) never imports ``tencentcloud``;
- ``import pulumi_tione`` alone imports none of them (every public name loads on first use);
- the one-shot ``tione-images resolve --name`` (the installed console script, run for real) loads
  just the image layer, the API layer and the SDK's ``common`` package: no other layer of this
  package, no ``tione`` models module of the SDK, nothing only an error message needs.

These are run-time checks of what each way in loads; the static layer order (which module may
import which) is ``tests/test_layers.py``'s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from tests.support.config import stack_config
from tests.support.env import provider_env
from tests.support.seed import SEED_ID, SEED_NAME

HEAVY = ("pulumi", "grpc", "tencentcloud")

_REPORT = """
import json as _json, sys as _sys
_json.dump(sorted({m.split(".")[0] for m in _sys.modules}), _sys.stdout)
"""


def loaded_after(code: str, home: Path, **env: str) -> set[str]:
    """The top-level packages in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code) + _REPORT],
        env=provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9", **env),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_package_loads_no_layer(isolated_env: Path) -> None:
    loaded = loaded_after("import pulumi_tione", isolated_env)
    assert loaded.isdisjoint({*HEAVY, "pydantic", "packaging"})


def test_plain_library_lookups_import_neither_pulumi_nor_grpc(emu: Emulator, isolated_env: Path) -> None:
    code = f"""
    from pulumi_tione import list_platform_images, lookup_platform_image
    config = {stack_config(emu)!r}
    assert lookup_platform_image(name={SEED_NAME!r}, config=config).image_id == {SEED_ID!r}
    assert list_platform_images(framework_version=">=2.1,<3", config=config)
    """
    loaded = loaded_after(code, isolated_env)
    assert "tencentcloud" in loaded
    assert loaded.isdisjoint({"pulumi", "grpc"})


def test_cli_resolve_imports_neither_pulumi_nor_grpc(isolated_env: Path) -> None:
    code = f"""
    import contextlib, io
    from pulumi_tione.cli import main
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["resolve", "--emulator", "--name", {SEED_NAME!r}, "--output", "json"]) == 0
    assert {SEED_ID!r} in out.getvalue()
    """
    loaded = loaded_after(code, isolated_env)
    assert loaded.isdisjoint({"pulumi", "grpc"})


ONE_SHOT_NEEDS_NOT = (
    "pulumi", "grpc", "packaging", "difflib", "concurrent.futures", "tencentcloud.tione",
    "pulumi_tione.stack", "pulumi_tione.emulator", "pulumi_tione.workloads", "pulumi_tione.native",
    "pulumi_tione.core", "pulumi_tione.policy", "pulumi_tione.dynamic",
)
"""What a one-shot exact lookup must not import: other layers, the SDK's 1 MB models module, the
PEP 440 parser (no version specifier), the closest-name search of a not-found message, the
single-flight cache of a shared listing."""


def imported_by(argv: list[str], home: Path, **env: str) -> tuple[set[str], str]:
    """Every module the installed ``tione-images`` imports running ``argv`` (its ``-X importtime``
    report: the console script ends with ``os._exit``, so nothing can run after it), and stdout."""
    script = Path(sys.executable).with_name("tione-images")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), *argv],
        env=provider_env(HOME=str(home), TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9", **env),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {line.split("|")[2].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:") and line.count("|") == 2}
    return modules - {"package"}, done.stdout


def test_one_shot_cli_lookup_imports_only_what_it_needs(emu: Emulator, isolated_env: Path) -> None:
    modules, out = imported_by(
        ["resolve", "--name", SEED_NAME, "--endpoint", emu.url, "--output", "json"], isolated_env,
        TENCENTCLOUD_REGION=DEFAULT_REGION, TENCENTCLOUD_SECRET_ID=DEFAULT_SECRET_ID,
        TENCENTCLOUD_SECRET_KEY=DEFAULT_SECRET_KEY)
    assert json.loads(out)["image_id"] == SEED_ID
    assert emu.stats()["total"] == 1
    assert {"pulumi_tione.images.models", "pulumi_tione.api.client", "tencentcloud.common.common_client",
            "pydantic"} <= modules
    unwanted = sorted(m for m in modules for cut in ONE_SHOT_NEEDS_NOT if m == cut or m.startswith(cut + "."))
    assert not unwanted


@pytest.mark.parametrize("argv", [["--help"], ["emulator", "--help"], ["drift", "--help"]])
def test_cli_help_imports_no_layer(isolated_env: Path, argv: list[str]) -> None:
    code = f"""
    import contextlib, io
    from pulumi_tione.cli import main
    with contextlib.redirect_stdout(io.StringIO()):
        assert main({argv!r}) == 0
    """
    assert loaded_after(code, isolated_env).isdisjoint({*HEAVY, "pydantic"})


def test_emulator_serving_requests_imports_no_pulumi_grpc_or_sdk(isolated_env: Path) -> None:
    code = """
    import json, urllib.request
    from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with Emulator() as emu:
        request = urllib.request.Request(emu.url + "/", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "X-TC-Action": "DescribePlatformImages",
                                                  "X-TC-Version": "2021-11-11",
                                                  "X-TC-Region": "ap-guangzhou"})
        answer = json.load(opener.open(request, timeout=10))
        assert answer["Response"]["Error"]["Code"].startswith("AuthFailure"), answer
        assert emu.stats()["total"] == 1
    """
    assert loaded_after(code, isolated_env).isdisjoint(HEAVY)


def test_declaring_resources_does_not_import_the_sdk(isolated_env: Path) -> None:
    code = f"""
    import pulumi

    class Echo(pulumi.runtime.Mocks):
        def new_resource(self, args):
            return args.name + "-id", dict(args.inputs)

        def call(self, args):
            return {{}}, None

    pulumi.runtime.set_mocks(Echo(), project="p", stack="s", preview=False)
    import pulumi_tione as tione

    image = tione.PlatformImage("img", name={SEED_NAME!r}, image_range="Train")
    images = tione.PlatformImages("imgs", framework="PYTORCH")
    pulumi.export("urn", image.urn)
    pulumi.export("n", images.urn)
    """
    loaded = loaded_after(code, isolated_env)
    assert {"pulumi", "grpc"} <= loaded
    assert "tencentcloud" not in loaded


def test_the_0_1_0_provider_path_still_loads_the_providers(isolated_env: Path) -> None:
    code = """
    import pulumi_tione.dynamic as legacy
    from pulumi_tione.stack.image_provider import PlatformImageProvider, PlatformImagesProvider
    assert legacy.PlatformImageProvider is PlatformImageProvider
    assert legacy.PlatformImagesProvider is PlatformImagesProvider
    """
    assert "tencentcloud" not in loaded_after(code, isolated_env)


def test_cli_drift_of_notebooks_and_tasks_imports_neither_pulumi_nor_grpc(
    emulator_factory: Callable[..., Emulator], isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tione-images drift`` on an export that holds a Notebook and a TrainingTask (made here by
    the real providers) compares them live in a fresh interpreter without ``pulumi`` or ``grpc``."""
    from pulumi_tione.stack.workload_provider import NotebookProvider, TrainingTaskProvider
    from tests.support import stack_export as sx
    from tests.support.workloads import INSTANCE, NOTEBOOK, SEED_IMAGE, TASK

    emu = emulator_factory(rate_limit=0, step_seconds=0.0, run_seconds=3600.0)
    env = {"TENCENTCLOUD_REGION": DEFAULT_REGION, "TENCENTCLOUD_SECRET_ID": DEFAULT_SECRET_ID,
           "TENCENTCLOUD_SECRET_KEY": DEFAULT_SECRET_KEY, "TIONE_ENDPOINT": emu.url,
           "TIONE_POLL_SECONDS": "0.02"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    notebook = sx.workload(NOTEBOOK, "dev", NotebookProvider(), image=SEED_IMAGE,
                           charge_type="POSTPAID_BY_HOUR", resource_conf={"instance_type": INSTANCE},
                           data_configs=[{"mapping_path": "/data", "data_source_type": "COS",
                                          "cos_source": {"bucket": "b-1250000000", "region": DEFAULT_REGION,
                                                         "paths": ["in/"]}}])
    task = sx.workload(TASK, "train", TrainingTaskProvider(), image=SEED_IMAGE,
                       charge_type="POSTPAID_BY_HOUR",
                       resource_config_infos=[{"role": "WORKER", "instance_type": INSTANCE}])
    path = sx.write(isolated_env / "export.json", sx.export(notebook, task))
    code = f"""
    import contextlib, io, json
    from pulumi_tione.cli import main
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["drift", {str(path)!r}, "--output", "json"]) == 0, out.getvalue()
    found = {{r["name"]: r for r in json.loads(out.getvalue())["resources"]}}
    assert found["dev"]["status"] == found["train"]["status"] == "ok", found
    assert found["dev"]["live_status"] == "Running", found
    """
    loaded = loaded_after(code, isolated_env, **env)
    assert "tencentcloud" in loaded
    assert loaded.isdisjoint({"pulumi", "grpc"})
