"""``get_platform_image[s][_output]`` in Pulumi programs under ``set_mocks``, against the emulator."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from pulumi_tione.images.catalog import PROCESS
from tests.support.config import stack_config
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL

SECRET_ID = "AKIDpulumitionefunctions000000000001"
SECRET_KEY = "sk-functions-0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a"


def requests_served(server: Emulator) -> int:
    """Requests the emulator answered, read from its admin endpoint ``GET /_emulator/stats``."""
    with urllib.request.urlopen(f"{server.url}/_emulator/stats", timeout=10) as response:
        return int(json.load(response)["total"])


def observe(output: pulumi.Output[Any], into: dict[str, Any], key: str) -> None:
    """Record whether ``output`` is known and secret, and its value when known, into ``into[key]``."""
    async def probe() -> None:
        into[key] = {"known": await output.is_known(), "secret": await output.is_secret()}
        if into[key]["known"]:
            into[key]["value"] = await output.future()

    pulumi.export(f"{key}-probe", pulumi.Output.from_input(probe()))


def test_function_result_matches_the_resource_outputs(mocks: ProviderMocks, emu: Emulator) -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        resource = tione.PlatformImage("pinned", name=SEED_NAME)
        seen["plain"] = tione.get_platform_image(name=SEED_NAME)
        pulumi.export("resource", pulumi.Output.all(**{
            f.name: getattr(resource, f.name) for f in dataclasses.fields(tione.GetPlatformImageResult)}))

    exports = run_program(program, mocks, project="p")
    result = seen["plain"]
    assert isinstance(result, tione.GetPlatformImageResult)
    assert (result.image_id, result.image_url, result.image_name) == (SEED_ID, SEED_URL, SEED_NAME)
    resource = exports["resource"]
    for f in dataclasses.fields(result):
        mine = json.loads(json.dumps(getattr(result, f.name), default=dict))
        if f.name == "query":
            assert {**mine, "policy": "pin"} == resource["query"]
        else:
            assert mine == resource.get(f.name), f.name
    assert requests_served(emu) == 2  # the resource and the function share one paged fetch


def test_any_number_of_calls_share_one_catalog_fetch(mocks: ProviderMocks, emu: Emulator) -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        listing = tione.get_platform_images(framework="PYTORCH")
        outputs = [tione.get_platform_image_output(image_id=i) for i in listing.ids]
        tilearn = tione.get_platform_images_output(name_regex=pulumi.Output.from_input("^tilearn"))
        seen["sync"] = [tione.get_platform_image(image_id=i).image_id for i in listing.ids]
        seen["listing"] = listing
        pulumi.export("ids", pulumi.Output.all(*outputs).apply(lambda rs: [r.image_id for r in rs]))
        pulumi.export("tilearn", tilearn.count)

    exports = run_program(program, mocks, project="p")
    listing = seen["listing"]
    assert listing.count == len(listing.ids) == len(listing.images) > 10
    assert exports["ids"] == seen["sync"] == list(listing.ids)
    assert exports["tilearn"] > 0
    assert requests_served(emu) == 2  # ceil(140 / 100) pages, once for ~50 lookups


def test_output_variant_is_unknown_at_preview_without_an_api_call(
    mocks: ProviderMocks, emu: Emulator
) -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        upstream = pulumi.CustomResource("test:index:Thing", "upstream", {"image_name": None})
        unknown_name = upstream.image_name  # type: ignore[attr-defined]
        observe(tione.get_platform_image_output(name=unknown_name), seen, "one")
        observe(tione.get_platform_images_output(framework=unknown_name), seen, "many")

    run_program(program, mocks, project="p", preview=True)
    assert seen["one"] == {"known": False, "secret": False}
    assert seen["many"] == {"known": False, "secret": False}
    assert requests_served(emu) == 0


def test_known_inputs_resolve_at_preview_and_secrets_stay_secret(mocks: ProviderMocks) -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        observe(tione.get_platform_image_output(name=pulumi.Output.secret(SEED_NAME)), seen, "secret")
        observe(tione.get_platform_image_output(name=SEED_NAME, image_range="Train"), seen, "plain")

    run_program(program, mocks, project="p", preview=True)
    assert seen["secret"]["known"]
    assert seen["secret"]["secret"]
    assert seen["plain"]["secret"] is False
    for key in ("secret", "plain"):
        value = seen[key]["value"]
        assert type(value) is tione.GetPlatformImageResult  # the plain result, not the awaitable
        assert value.image_id == SEED_ID


def test_results_are_typed_frozen_and_awaitable(mocks: ProviderMocks) -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        one = tione.get_platform_image(framework="PYTORCH", image_range="Train", training_mode="DDP",
                                       gpu="A100", select="highest_version")
        many = tione.get_platform_images(framework="SPARK")
        seen["one"], seen["many"] = one, many

    run_program(program, mocks, project="p")
    one, many = seen["one"], seen["many"]
    assert isinstance(one, tione.AwaitableGetPlatformImageResult)
    assert isinstance(many, tione.AwaitableGetPlatformImagesResult)
    assert one.query == {"framework": "PYTORCH", "image_range": "Train", "training_mode": "DDP",
                         "gpu": "A100", "select": "highest_version"}
    assert one.region == "ap-guangzhou"
    assert set(one.image_info) == {"ImageType", "ImageUrl", "RegistryRegion", "RegistryId"}
    assert "DDP" in (one.extra_attributes["TrainingModes"] or ())
    assert many.count == len(many.names) == 7
    assert all(isinstance(img, tione.GetPlatformImagesImageResult) for img in many.images)
    assert many.query == {"framework": "SPARK"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.image_id = "other"  # type: ignore[misc]
    loop = asyncio.new_event_loop()  # not asyncio.run: it would unset the loop Pulumi's runtime uses
    try:
        awaited_one, awaited_many = loop.run_until_complete(_await(one, many))
    finally:
        loop.close()
    assert type(awaited_one) is tione.GetPlatformImageResult
    assert dataclasses.asdict(awaited_one) == dataclasses.asdict(one)
    assert type(awaited_many) is tione.GetPlatformImagesResult
    assert awaited_many.ids == many.ids
    assert hash(awaited_one) == hash(awaited_one)


async def _await(one: Any, many: Any) -> tuple[Any, Any]:
    return await one, await many


def test_a_miss_raises_the_library_error(mocks: ProviderMocks) -> None:
    def sync_program() -> None:
        tione.get_platform_image(name=SEED_NAME.replace("0.9", "9.0"))

    with pytest.raises(tione.ImageNotFoundError, match="no TI-ONE platform image matches") as caught:
        run_program(sync_program, mocks, project="p")
    assert SEED_NAME in str(caught.value)  # the nearest name is suggested

    def output_program() -> None:
        pulumi.export("x", tione.get_platform_image_output(framework="PYTORCH").image_id)

    with pytest.raises(tione.AmbiguousImageError, match="highest_version"):
        run_program(output_program, mocks, project="p")


def test_invalid_arguments_are_all_reported(mocks: ProviderMocks) -> None:
    def program() -> None:
        tione.get_platform_images(image_range="Training", framework_version=">=2..1", region="Guangzhou")

    with pytest.raises(tione.InvalidQueryError) as caught:
        run_program(program, mocks, project="p")
    assert {p.argument for p in caught.value.problems} == {"image_range", "framework_version", "region"}
    with pytest.raises(TypeError, match="policy"):
        tione.get_platform_image(name=SEED_NAME, policy="pin")  # type: ignore[call-arg]


def test_stack_config_is_honoured_and_secrets_never_leak(
    emulator_factory: Callable[..., Emulator], mocks: ProviderMocks
) -> None:
    server = emulator_factory(secret_id=SECRET_ID, secret_key=SECRET_KEY, rate_limit=0)
    mocks.config = stack_config(server, secret_id=SECRET_ID, secret_key=SECRET_KEY, region="ap-shanghai")
    seen: dict[str, Any] = {}

    def program() -> None:
        seen["config"] = tione.get_platform_image(name=SEED_NAME)
        seen["argument"] = tione.get_platform_image(name=SEED_NAME, region="ap-beijing")

    run_program(program, mocks, project="p")
    assert seen["config"].region == "ap-shanghai"
    assert seen["argument"].region == "ap-beijing"
    assert requests_served(server) == 4  # one paged fetch per region
    assert SECRET_KEY not in repr(seen)
    assert SECRET_ID not in repr(seen)

    mocks.config = {**mocks.config, "tencentcloud:secretKey": SECRET_KEY[::-1]}
    with pytest.raises(tione.AuthError) as caught:
        run_program(program, mocks, project="p")
    assert SECRET_KEY[::-1] not in str(caught.value)


@pytest.mark.parametrize(("secret_id", "setting"), [
    ("AKIDpulumitionefunctionsrate00000001", "7"), ("AKIDpulumitionefunctionsrate00000002", "fast")])
def test_max_requests_per_second_is_read_from_stack_config(
    emulator_factory: Callable[..., Emulator], mocks: ProviderMocks, secret_id: str, setting: str
) -> None:
    """The limiter of a SecretId is made on its first request, with the program's setting."""
    server = emulator_factory(secret_id=secret_id, secret_key=SECRET_KEY, rate_limit=0)
    mocks.config = {**stack_config(server, secret_id=secret_id, secret_key=SECRET_KEY),
                    "tione:maxRequestsPerSecond": setting}

    def program() -> None:
        tione.get_platform_images(framework="SPARK")

    if setting == "fast":
        with pytest.raises(tione.ConfigurationError, match="tione:maxRequestsPerSecond"):
            run_program(program, mocks, project="p")
    else:
        run_program(program, mocks, project="p")
        assert PROCESS.limiter(secret_id).rate == 7.0


def test_endpoint_comes_from_stack_config(mocks: ProviderMocks) -> None:
    mocks.config = {**mocks.config, "tione:endpoint": "http://tione.example.com"}

    def program() -> None:
        tione.get_platform_images()

    with pytest.raises(tione.ConfigurationError, match=r"stack config tione:endpoint .* plain http"):
        run_program(program, mocks, project="p")


def test_the_readme_example_runs(mocks: ProviderMocks, emu: Emulator) -> None:
    def program() -> None:
        img = tione.get_platform_image(name="tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu")
        pulumi.export("image_url", img.image_url)

        cfg = pulumi.Config()
        newest = tione.get_platform_image_output(
            framework=cfg.require("framework"), image_range="Train", select="highest_version")
        pulumi.export("newest_url", newest.image_url)

        spark = tione.get_platform_images(framework="SPARK")
        pulumi.export("spark", {"ids": spark.ids, "names": spark.names, "count": spark.count})

    exports = run_program(program, mocks, project="p", config={"p:framework": "PYTORCH"})
    assert exports["image_url"] == SEED_URL
    assert exports["newest_url"].startswith("tione.tencentcloudcr.com/")
    assert exports["spark"]["count"] == len(exports["spark"]["ids"]) == 7
    assert requests_served(emu) == 2


def test_a_security_token_from_stack_config_is_sent(
    emulator_factory: Callable[..., Emulator], mocks: ProviderMocks
) -> None:
    token = "tok-functions-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b"
    server = emulator_factory(secret_id=SECRET_ID, secret_key=SECRET_KEY, token=token, rate_limit=0)

    def program() -> None:
        pulumi.export("id", tione.get_platform_image(name=SEED_NAME).image_id)

    mocks.config = stack_config(server, secret_id=SECRET_ID, secret_key=SECRET_KEY, token=token)
    assert run_program(program, mocks, project="p") == {"id": SEED_ID}
    mocks.config = stack_config(server, secret_id=SECRET_ID, secret_key=SECRET_KEY, token=token[::-1])
    with pytest.raises(tione.AuthError) as caught:  # other credentials: not served from the cache
        run_program(program, mocks, project="p")
    assert token[::-1] not in str(caught.value)


@pytest.mark.parametrize("output", [False, True])
def test_a_function_result_is_not_a_workload_image(mocks: ProviderMocks, output: bool) -> None:
    def program() -> None:
        image = (tione.get_platform_image_output(name=SEED_NAME) if output
                 else tione.get_platform_image(name=SEED_NAME))
        tione.Notebook("nb", image=image,  # type: ignore[arg-type]
                       charge_type="POSTPAID_BY_HOUR",
                       resource_conf={"instance_type": "TI.GN10.2XLARGE40.POST"})

    with pytest.raises(TypeError, match=r"must be a PlatformImage .* declare img = tione.PlatformImage"):
        run_program(program, mocks, project="p")
