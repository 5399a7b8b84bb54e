"""The ways a user would look images up without this project: one API call per lookup.

(b) the official SDK, one ``DescribePlatformImages`` call with an ImageName filter per lookup, in
sequence; (c) ``tccli`` once per lookup, a fresh process each time, as a shell script would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tione.v20211111 import models, tione_client

from measure import Run, emulator_env, lookups
from pulumi_tione.emulator import DEFAULT_REGION, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator


def sdk_client(emu: Emulator) -> tione_client.TioneClient:
    """An official SDK client for `emu`, as its docs show (no retryer, no extras)."""
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=emu.host_port, protocol="http"))
    return tione_client.TioneClient(
        credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY), DEFAULT_REGION, profile
    )


def _by_name(name: str) -> models.DescribePlatformImagesRequest:
    request = models.DescribePlatformImagesRequest()
    request.from_json_string(json.dumps({"Filters": [{"Name": "ImageName", "Values": [name]}]}))
    return request


def sdk_lookups(emu: Emulator, n: int) -> Run:
    """N sequential SDK calls, one per distinct image name; counts wrong and failed answers."""
    client = sdk_client(emu)
    before = emu.stats()["total"]
    wrong = failed = 0
    started = time.perf_counter()
    for name, image_id, image_url in lookups(n):
        try:
            response = client.DescribePlatformImages(_by_name(name))
        except TencentCloudSDKException:
            failed += 1
            continue
        infos = response.PlatformImageInfos or []
        if len(infos) != 1 or (infos[0].ImageId, infos[0].ImageUrl) != (image_id, image_url):
            wrong += 1
    wall = time.perf_counter() - started
    return Run("(b) naive: SDK call per lookup", n, emu.stats()["total"] - before, wall,
               wrong=wrong, failed=failed)


def request_floor_ms(n: int = 20) -> float:
    """Milliseconds one SDK call costs against an emulator with no injected latency (client + emulator)."""
    with Emulator(rate_limit=0) as emu:
        return sdk_lookups(emu, n).per_lookup_ms


def _tccli() -> str:
    candidate = Path(sys.executable).with_name("tccli")
    return str(candidate) if candidate.exists() else "tccli"


def tccli_lookups(emu: Emulator, n: int) -> Run:
    """N `tccli tione DescribePlatformImages` processes in sequence, HOME in a scratch directory."""
    before = emu.stats()["total"]
    wrong = failed = 0
    with tempfile.TemporaryDirectory(prefix="bench-tccli-") as home:
        env = emulator_env(emu, home)
        started = time.perf_counter()
        for name, image_id, image_url in lookups(n):
            filters = json.dumps([{"Name": "ImageName", "Values": [name]}])
            done = subprocess.run(
                [_tccli(), "tione", "DescribePlatformImages", "--endpoint", emu.url,
                 "--region", DEFAULT_REGION, "--Filters", filters],
                env=env, capture_output=True, text=True, check=False,
            )
            if done.returncode != 0:
                failed += 1
                continue
            infos = json.loads(done.stdout).get("PlatformImageInfos") or []
            if len(infos) != 1 or (infos[0]["ImageId"], infos[0]["ImageUrl"]) != (image_id, image_url):
                wrong += 1
        wall = time.perf_counter() - started
    return Run("(c) naive: tccli per lookup", n, emu.stats()["total"] - before, wall,
               wrong=wrong, failed=failed)
