"""Preview and the service agree: for generated argument sets, preview passes <=> the create is accepted.

Each example is a valid baseline (pay-as-you-go or prepaid, on a real catalog image: GPU, CPU,
or not made for the workload) with some arguments changed to values near the documented rules:
prepaid cpu/memory of 0, regions TI-ONE does not serve, empty strings for optional text members
(top level and nested). Preview is the provider core's ``check()`` (``workloads.validate`` and the
region question it asks the endpoint); acceptance is the emulator answering the create body built
from the same arguments, as given (``workloads.bodies``), over the real wire in the arguments'
region. The arguments stay within the models' shapes (types, enums, lengths), whose refusals are
the models' and are covered elsewhere; this holds the rules to each other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_tione.api.client import TioneClient
from pulumi_tione.api.credentials import resolve_settings
from pulumi_tione.core.workloads import NotebookCore, TrainingTaskCore, WorkloadCore
from pulumi_tione.emulator import (
    DEFAULT_REGION,
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    bundled_catalog,
)
from pulumi_tione.errors import ApiError
from pulumi_tione.images.catalog import PROCESS
from pulumi_tione.images.models import PlatformImageInfo
from pulumi_tione.workloads.bodies import request_body
from pulumi_tione.workloads.models import platform_image_ref
from pulumi_tione.workloads.ops import KINDS, Kind

INSTANCE = "TI.GN10.2XLARGE40.POST"
_NAMES = itertools.count()


def _ref(name: str) -> dict[str, Any]:
    entry = next(e for e in bundled_catalog() if e.get("ImageName") == name)
    ref = platform_image_ref(PlatformImageInfo.model_validate(entry))
    return ref.model_dump(exclude_none=True, mode="json")


IMAGES_ = [
    _ref("tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu"),  # A10, V100, T4; DDP
    _ref("pytorch1.9.1-py3.8-cpu"),  # empty SupportGpuList: a CPU image; DDP, MPI
    _ref("pytorch1.9.1-py3.8-cuda11.1-inference-gpu"),  # neither Notebook nor Train
    {"kind": "custom", "image_type": "CUSTOM", "image_url": "docker.io/me/img:1"},
    {"kind": "custom", "image_type": "TCR", "image_url": "team.tencentcloudcr.com/ns/img:1"},
    {"kind": "custom", "image_type": "CCR", "image_url": "has blank:1"},
    {"kind": "custom", "image_type": "CUSTOM", "image_url": ""},
]
IMAGES = st.sampled_from(IMAGES_)
GPU_TYPES = st.sampled_from(["T4", "H800"])
COS = {"bucket": "b-1250000000", "region": DEFAULT_REGION, "paths": ["in/"]}
LOG = {"logset_id": "ls-1", "topic_id": "tp-1"}
NEW_REGION = "ap-newtown"
"""Not in TI-ONE's known regions but served: preview must ask the endpoint, not refuse it."""
BLANK = ""
"""An empty optional string: TI-ONE takes it for the member not set."""
COMMON = {
    "image": IMAGES,
    "charge_type": st.sampled_from(["PREPAID", "POSTPAID_BY_HOUR"]),
    "resource_group_id": st.sampled_from(["rg-1", BLANK]),
    "vpc_id": st.sampled_from(["vpc-1", BLANK]),
    "subnet_id": st.sampled_from(["subnet-1", BLANK]),
    "workspace": st.sampled_from(["12345", BLANK]),
    "region": st.sampled_from([DEFAULT_REGION, "ap-shanghai", "ap-mars", "xx-nowhere-1", NEW_REGION]),
    "log_enable": st.booleans(),
    "log_config": st.just(LOG),
    "tags": st.sampled_from([{"team": "ml"}, {f"k{i}": "v" for i in range(51)}, {"empty": ""}]),
    "data_configs": st.sampled_from([
        [{"mapping_path": "/data", "cos_source": COS}],
        [{"cfs_turbo_source": {"id": "cfst-1", "path": "/"}, "public_data_source": {"data_source_id": "d"}}],
        [{"mapping_path": BLANK, "data_source_type": BLANK, "cfs_source": {"id": "cfs-1", "path": "/",
                                                                           "mount_type": BLANK}}],
    ]),
}
NOTEBOOK = {
    **COMMON,
    "resource_conf": st.sampled_from([
        {"instance_type": INSTANCE}, {"instance_type": "GN10.2XLARGE40"}, {"cpu": 1000, "memory": 2048},
        {"cpu": 1000, "memory": 2048, "gpu": 100},
        {"cpu": 1000, "memory": 2048, "gpu": 100, "gpu_type": "T4"},
        {"cpu": 1000, "memory": 2048, "gpu": 100, "gpu_type": "H800"}, {"cpu": 1000}, {},
        {"cpu": 0, "memory": 2048}, {"cpu": 1000, "memory": 0}, {"cpu": 0, "memory": 0, "gpu": 0},
        {"instance_type": BLANK}, {"cpu": 1000, "memory": 2048, "gpu_type": BLANK},
    ]),
    "auto_stopping": st.booleans(),
    "automatic_stop_time": st.sampled_from([0, 1, 5]),
    "volume_source_type": st.sampled_from(
        ["FREE", "CLOUD_PREMIUM", "CLOUD_SSD", "CFS", "CFS_TURBO", "GooseFSx", BLANK]),
    "volume_size_in_gb": st.sampled_from([1, 9, 10, 15, 50, 16000]),
    "volume_source_cfs": st.just({"id": "cfs-1", "path": "/", "mount_type": "STORAGE", "protocol": "NFS"}),
    "volume_source_goose_fs": st.just({"id": "goosefs-1", "type": "GooseFSx", "path": "/"}),
    "additional_code_repo_ids": st.sampled_from([["a"], ["a", "a"], ["a", "b", "c"], ["b", "c"]]),
    "default_code_repo_id": st.sampled_from(["a", BLANK]),
    "lifecycle_script_id": st.sampled_from(["ls-1", BLANK]),
    "description": st.just(BLANK),
    "ssh_config": st.sampled_from([{"enable": True, "port": 22, "login_command": "ssh root@host"},
                                   {"enable": True, "public_key": BLANK, "login_command": BLANK}]),
}
POST = {"role": "WORKER", "instance_type": INSTANCE}
PRE = {"role": "WORKER", "cpu": 1000, "memory": 2048}
TASK = {
    **COMMON,
    "resource_config_infos": st.sampled_from([
        [POST], [PRE], [{**POST, "instance_type": "S.MEDIUM"}], [{"role": "PS", **POST}, POST], [POST, POST],
        [{**PRE, "gpu_type": "H800", "gpu": 100}], [{**PRE, "gpu_type": "T4", "gpu": 100}],
        [{**POST, "instance_num": 2, "instance_type_alias": "8C40G V100*1", "rdma_config": {"enable": True}}],
        [{"role": "DRIVER"}], [{**PRE, "cpu": 0}], [{**PRE, "memory": 0}], [POST, {**PRE, "role": "PS"}],
        [{**POST, "instance_type": BLANK}], [{**POST, "gpu_type": BLANK, "instance_type_alias": BLANK}],
    ]),
    "training_mode": st.sampled_from(["PS_WORKER", "DDP", "MPI", "HOROVOD", BLANK]),
    "start_cmd_info": st.sampled_from([{"start_cmd": "torchrun train.py"}, {"start_cmd": BLANK}]),
    "data_source": st.sampled_from(["COS", BLANK]),
    "callback_url": st.sampled_from(["https://example.com/hook", BLANK]),
    "remark": st.just(BLANK),
    "output": st.just(COS),
    "code_repos": st.just([{"id": "cr-1", "target_path": "/code"}]),
    "expose_network_config": st.just(
        {"ssh_config": {"enable": True}, "expose_port_config": {"enable": False}}),
    "train_tool_config": st.just({"enable_hang_monitor": True, "log_hang_timeout_in_minute": 30}),
    "resource_supply_attribute": st.just({"supply_type": "SPOT", "cluster_type": "DEFAULT"}),
    "queues": st.just(["q-1"]),
    "envs": st.sampled_from([
        [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}], [{"name": BLANK, "value": "1"}],
        [{"value": "1", "is_private": True}], [{"name": "A", "value": BLANK}]]),
}
BASELINES: dict[str, list[dict[str, Any]]] = {
    "Notebook": [
        {"charge_type": "POSTPAID_BY_HOUR", "resource_conf": {"instance_type": INSTANCE}},
        {"charge_type": "PREPAID", "resource_group_id": "rg-1",
         "resource_conf": {"cpu": 1000, "memory": 2048}},
    ],
    "TrainingTask": [
        {"charge_type": "POSTPAID_BY_HOUR", "resource_config_infos": [POST]},
        {"charge_type": "PREPAID", "resource_group_id": "rg-1", "resource_config_infos": [PRE]},
    ],
}


def _arguments(kind: str, strategies: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid baseline (on the GPU image) with up to three arguments changed."""
    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        args = {"image": IMAGES_[0], **draw(st.sampled_from(BASELINES[kind]))}
        for key in draw(st.lists(st.sampled_from(sorted(strategies)), max_size=3, unique=True)):
            args[key] = draw(strategies[key])
        return args
    return build()


@pytest.fixture(scope="module")
def _emulator() -> Iterator[Emulator]:
    """A fresh emulator (no rate limit, no faults) that also serves a region TI-ONE "opened" since
    our list was written (``NEW_REGION``, as ``--accept-region`` adds one)."""
    with Emulator(rate_limit=0, step_seconds=0.0, extra_regions=(NEW_REGION,)) as emu:
        yield emu


@pytest.fixture
def service(_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """The emulator as the environment's endpoint: preview's settings and catalogs, and the
    clients of the creates, reach it alone (through the library's API layer)."""
    for key, value in (("TENCENTCLOUD_REGION", DEFAULT_REGION), ("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID),
                       ("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY), ("TIONE_ENDPOINT", _emulator.url)):
        monkeypatch.setenv(key, value)
    PROCESS.reset()
    yield _emulator
    PROCESS.reset()


CORES: dict[str, WorkloadCore] = {"Notebook": NotebookCore(), "TrainingTask": TrainingTaskCore()}


def _agree(kind: Kind, args: dict[str, Any]) -> None:
    args = {**args, "name": f"agree-{next(_NAMES)}"}
    checked = CORES[kind.name].check({}, args)
    preview = "; ".join(f"{f.property}: {f.reason}" for f in checked.failures) or None
    client = TioneClient(resolve_settings({}, args.get("region")))
    service = _create(kind, client, args)
    assert (preview is None) == (service is None), (
        f"preview {'passes' if preview is None else 'refuses: ' + preview}, but the emulator "
        f"{'accepts' if service is None else 'refuses: ' + service}\nargs: {args}")
    if preview is None:  # and what `up` sends, the checked inputs, is accepted too
        sent = {**checked.inputs, "name": f"{args['name']}-up"}
        assert _create(kind, client, sent) is None, f"the checked inputs are refused: {sent}"


def _create(kind: Kind, client: TioneClient, args: dict[str, Any]) -> str | None:
    """None when the emulator accepts the create of ``args``, else its error."""
    try:
        client.call(kind.create, request_body(kind.fields, args), idempotent=False)
    except ApiError as e:
        return f"{e.code}: {e}"
    return None


_SETTINGS: Callable[[Any], Any] = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(args=_arguments("Notebook", NOTEBOOK))
def test_notebook_preview_passes_iff_the_create_is_accepted(
    service: Emulator, args: dict[str, Any]
) -> None:
    _agree(KINDS["Notebook"], args)


@_SETTINGS
@given(args=_arguments("TrainingTask", TASK))
def test_training_task_preview_passes_iff_the_create_is_accepted(
    service: Emulator, args: dict[str, Any]
) -> None:
    _agree(KINDS["TrainingTask"], args)


EDGES: list[tuple[str, dict[str, Any]]] = [
    ("Notebook", {"resource_conf": {"cpu": 0, "memory": 2048}}),
    ("Notebook", {"resource_conf": {"cpu": 1000, "memory": 0}}),
    ("TrainingTask", {"resource_config_infos": [{**PRE, "cpu": 0}]}),
    ("TrainingTask", {"resource_config_infos": [{**PRE, "memory": 0}]}),
    ("Notebook", {"region": "ap-mars"}),
    ("TrainingTask", {"region": "xx-nowhere-1"}),
    ("Notebook", {"region": "ap-shanghai"}),
    ("TrainingTask", {"region": NEW_REGION}),
    ("Notebook", {"vpc_id": BLANK, "subnet_id": BLANK, "workspace": BLANK, "volume_source_type": BLANK,
                  "lifecycle_script_id": BLANK, "default_code_repo_id": BLANK, "description": BLANK,
                  "ssh_config": {"enable": True, "public_key": BLANK}}),
    ("TrainingTask", {"vpc_id": BLANK, "subnet_id": BLANK, "workspace": BLANK, "training_mode": BLANK,
                      "data_source": BLANK, "callback_url": BLANK, "remark": BLANK,
                      "envs": [{"name": BLANK, "value": "1"}, {"value": "2"}],
                      "start_cmd_info": {"start_cmd": BLANK}}),
    ("TrainingTask", {"resource_group_id": BLANK, "resource_config_infos": [{**PRE, "gpu_type": BLANK}]}),
]
"""The cases a generator found before: prepaid zeros, unknown regions, empty optional strings."""


@pytest.mark.parametrize(("kind", "changes"), EDGES, ids=[f"{k}-{sorted(c)[0]}-{i}" for i, (k, c) in
                                                          enumerate(EDGES)])
@pytest.mark.parametrize("baseline", [0, 1], ids=["postpaid", "prepaid"])
def test_the_edge_cases_agree(service: Emulator, kind: str, changes: dict[str, Any], baseline: int) -> None:
    _agree(KINDS[kind], {"image": IMAGES_[0], **BASELINES[kind][baseline], **changes})


SERVICE_INSTANCE = "TI.S.MEDIUM.POST"
CFS = {"id": "cfs-1", "path": "/models"}
MODEL_SERVICE = {
    "image": IMAGES,
    "charge_type": st.sampled_from(["PREPAID", "POSTPAID_BY_HOUR"]),
    "resource_group_id": st.just("rg-1"),
    "instance_type": st.sampled_from([SERVICE_INSTANCE, "S.MEDIUM"]),
    "resources": st.sampled_from([
        {"cpu": 1000, "memory": 2048}, {"cpu": 1000, "memory": 2048, "gpu": 100, "gpu_type": "T4"},
        {"cpu": 1000, "memory": 2048, "gpu": 100, "gpu_type": "H800"}]),
    "log_enable": st.booleans(),
    "log_config": st.just(LOG),
    "tags": st.sampled_from([{"team": "ml"}, {"empty": ""}]),
    "replicas": st.sampled_from([0, 1, 3]),
    "scale_mode": st.sampled_from(["AUTO", "MANUAL"]),
    "scale_strategy": st.sampled_from(["HPA", "CRON"]),
    "horizontal_pod_autoscaler": st.sampled_from([
        {"min_replicas": 1, "max_replicas": 3, "hpa_metrics": [{"name": "cpu-util", "value": 60}]},
        {"min_replicas": 4, "max_replicas": 3, "hpa_metrics": [{"name": "service-qps", "value": 100}]},
        {"min_replicas": 1, "max_replicas": 2, "hpa_metrics": [{"name": "gpu-util", "value": 5}]},
        {"min_replicas": 1, "max_replicas": 2, "hpa_metrics": [{"name": "service-qps", "value": 5000}]}]),
    "cron_scale_jobs": st.sampled_from([
        [{"schedule": "0 8 * * *", "target_replicas": 2}], [{"schedule": "0 8 * *"}],
        [{"schedule": "0 20 * * *", "exclude_dates": ["0 0 1 1 *"]}]]),
    "scheduled_action": st.sampled_from([
        {"schedule_stop": True}, {"schedule_stop": True, "schedule_stop_time": "2026-01-26T19:46:22+08:00"},
        {"schedule_stop": False}]),
    "service_limit": st.sampled_from([
        {"enable_instance_rps_limit": True}, {"enable_instance_rps_limit": True, "instance_rps_limit": 0},
        {"enable_instance_req_limit": True, "instance_req_limit": 10}, {"enable_instance_req_limit": True}]),
    "service_port": st.sampled_from([8080, 8500, 8501, 8510, 8511, 6006, 9092]),
    "termination_grace_period_seconds": st.sampled_from([1, 30]),
    "priority": st.sampled_from([0, 9]),
    "volume_mount": st.sampled_from([
        {"cfs_config": CFS}, {"volume_source_type": "CFS"}, {"volume_source_type": "COS", "mount_path": "/m"},
        {"volume_source_type": "PUBLIC_DATA_SOURCE", "public_data_source": {"data_source_id": "d-1"}}]),
    "volume_mounts": st.sampled_from([[{"cfs_config": CFS, "mount_path": "/a"}], [{"mount_path": "/b"}]]),
    "deploy_type": st.sampled_from(["STANDARD", "DIST", "ROLE_SET"]),
    "instance_per_replicas": st.sampled_from([1, 2]),
    "scheduling_strategy": st.sampled_from(["binpack", "spread"]),
    "env": st.just([{"name": "MODE", "value": "fast"},
                    {"name": "TOKEN", "value": "s3cr3t", "is_private": True}]),
    "command": st.sampled_from(["python serve.py", "bash -c 'echo \"hi\" && serve'"]),
    "health_probe": st.just({"liveness_probe": {"probe_action": {
        "action_type": "HTTPGet", "http_get": {"path": "/", "port": 8080}}}}),
    "rolling_update": st.just({"max_surge": {"type": "Percent", "value": 25}}),
    "resource_supply_attribute": st.sampled_from([{"supply_type": "SPOT"}, {"cluster_type": "THIRD"}]),
    "sidecar": st.sampled_from([
        {"image_info": {"kind": "custom", "image_type": "CCR", "image_url": "ccr.ccs.tencentyun.com/a/b:1"}},
        {"image_info": {"kind": "custom", "image_type": "CCR", "image_url": "has blank:1"}}]),
    "model_info": st.just({"model_version_id": "mv-v1-1", "model_source": "COS",
                           "cos_path_info": {**COS, "paths": ["model/"]}}),
    "model_hot_update_enable": st.booleans(),
    "grpc_enable": st.booleans(),
    "authorization_enable": st.booleans(),
    "gateway_config": st.just({"scheduling_algorithm": "consistent_hash", "hash_header_key": "X-User"}),
}
SERVICE_BASELINES = [
    {"charge_type": "POSTPAID_BY_HOUR", "instance_type": SERVICE_INSTANCE},
    {"charge_type": "PREPAID", "resource_group_id": "rg-1", "resources": {"cpu": 1000, "memory": 2048}},
]


@st.composite
def _service_arguments(draw: st.DrawFn) -> dict[str, Any]:
    """A valid baseline (on an Inference image) with up to three arguments changed."""
    args = {"image": IMAGES_[2], **draw(st.sampled_from(SERVICE_BASELINES))}
    for key in draw(st.lists(st.sampled_from(sorted(MODEL_SERVICE)), max_size=3, unique=True)):
        args[key] = draw(MODEL_SERVICE[key])
    return args


@_SETTINGS
@given(args=_service_arguments())
def test_model_service_preview_passes_iff_the_create_is_accepted(
    service: Emulator, args: dict[str, Any]
) -> None:
    from pulumi_tione.core.services import ModelServiceCore
    from pulumi_tione.workloads.services import service_body

    args = {**args, "name": f"agree-{next(_NAMES)}"}
    checked = ModelServiceCore().check({}, args)
    preview = "; ".join(f"{f.property}: {f.reason}" for f in checked.failures) or None
    client = TioneClient(resolve_settings({}, args.get("region")))
    try:
        client.call("CreateModelService", service_body(args), idempotent=False)
        answer: str | None = None
    except ApiError as e:
        answer = f"{e.code}: {e}"
    assert (preview is None) == (answer is None), (
        f"preview {'passes' if preview is None else 'refuses: ' + preview}, but the emulator "
        f"{'accepts' if answer is None else 'refuses: ' + answer}\nargs: {args}")
