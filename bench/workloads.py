"""Workloads: 20 notebooks, 20 training tasks and 20 model services created and destroyed in one
deployment.

A real provider process (``python -m pulumi.dynamic``) gets ``check`` + ``create`` for every
resource, then ``delete``, from four concurrent callers (the engine's four provider workers),
against the emulator with its default status step (2 s per transitional status), its 20
requests/s limit and the benchmark's injected latency. Measured: API requests (the emulator's
count) and wall time of each phase, throttled requests, failures, objects left.

The floor is what no client can beat, per object: one create, one delete, the stop the API
requires before a delete, and one poll per status transition it must see (create: Starting ->
Running or SUBMITTING -> PENDING; delete: Stopping/STOPPING -> Stopped/STOPPED, then gone) — 6
requests. A model service: one create, one poll that sees it Normal and one
DescribeModelServiceCallInfo (its call addresses are outputs), one delete (TI-ONE deletes a
service in any status, and the group it made goes with its last version) — 4 requests.
For wall time, every object waits at least one status step to come up and one to stop, four at a
time.
"""

from __future__ import annotations

import math
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pulumi_tione.emulator import Emulator
from pulumi_tione.stack.workload_provider import ModelServiceProvider, NotebookProvider, TrainingTaskProvider
from tests.support.config import stack_config
from tests.support.engine import PROVIDER_KEY, ProviderClient, ProviderProcess, provider_string, urn
from tests.support.env import provider_env
from tests.support.seed import SEED_ID, SEED_NAME, SEED_URL

WORKERS = 4
FLOOR_REQUESTS_PER_OBJECT = 6
FLOOR_PER_SERVICE = {"create": 3, "destroy": 1}
"""A model service's floor per phase (see the module docstring)."""
INSTANCE = "TI.GN10.2XLARGE40.POST"
IMAGE = {"kind": "platform", "image_id": SEED_ID, "image_name": SEED_NAME, "image_url": SEED_URL,
         "framework": "PYTORCH", "framework_version": "2.3", "image_range": ["Notebook", "Train"],
         "support_gpu_list": ["A10", "V100", "T4"], "training_modes": ["DDP"]}
NOTEBOOK_TYPE = "pulumi-python:dynamic/tione:Notebook"
TASK_TYPE = "pulumi-python:dynamic/tione:TrainingTask"
SERVICE_TYPE = "pulumi-python:dynamic/tione:ModelService"
SERVE_IMAGE = {"kind": "custom", "image_type": "CCR", "image_url": "ccr.ccs.tencentyun.com/bench/serve:1"}


@dataclass
class Phase:
    """One phase (create or destroy): requests, wall seconds, failures."""

    name: str
    requests: int = 0
    wall_s: float = 0.0
    failures: list[str] = field(default_factory=list)


@dataclass
class WorkloadRun:
    """The whole deployment: both phases, throttles, objects left, the floor."""

    notebooks: int
    tasks: int
    step_s: float
    latency_ms: float
    phases: list[Phase]
    throttled: int
    left: int
    services: int = 0

    @property
    def objects(self) -> int:
        """Notebooks plus tasks plus services."""
        return self.notebooks + self.tasks + self.services

    def floor_requests(self, phase: str) -> int:
        """The floor of one phase: create + 1 poll, or stop + poll + delete + poll, per notebook or
        task; create + 1 poll + call info, or delete, per service."""
        per_object = 2 if phase == "create" else FLOOR_REQUESTS_PER_OBJECT - 2
        return per_object * (self.notebooks + self.tasks) + FLOOR_PER_SERVICE[phase] * self.services

    def floor_wall_s(self) -> float:
        """Per phase: each round of four objects waits at least one status step."""
        return math.ceil(self.objects / WORKERS) * self.step_s


def _resources(notebooks: int, tasks: int, services: int) -> list[tuple[str, str, dict[str, Any]]]:
    nb = {"image": IMAGE, "charge_type": "POSTPAID_BY_HOUR", "resource_conf": {"instance_type": INSTANCE},
          PROVIDER_KEY: provider_string(NotebookProvider)}
    task = {"image": IMAGE, "charge_type": "POSTPAID_BY_HOUR", "training_mode": "DDP",
            "resource_config_infos": [{"role": "WORKER", "instance_type": INSTANCE}],
            "start_cmd_info": {"start_cmd": "torchrun train.py"},
            PROVIDER_KEY: provider_string(TrainingTaskProvider)}
    service = {"image": SERVE_IMAGE, "charge_type": "POSTPAID_BY_HOUR", "instance_type": "TI.S.MEDIUM.POST",
               "replicas": 1, PROVIDER_KEY: provider_string(ModelServiceProvider)}
    return ([(NOTEBOOK_TYPE, f"nb{i}", {**nb, "name_prefix": f"nb{i}"}) for i in range(notebooks)]
            + [(TASK_TYPE, f"task{i}", {**task, "name_prefix": f"task{i}"}) for i in range(tasks)]
            + [(SERVICE_TYPE, f"svc{i}", {**service, "name_prefix": f"svc{i}"}) for i in range(services)])


def run_workloads(emu: Emulator, notebooks: int = 20, tasks: int = 20, services: int = 20) -> WorkloadRun:
    """Create then destroy ``notebooks`` + ``tasks`` + ``services`` through one fresh provider process."""
    created: list[tuple[str, str, dict[str, Any]]] = []
    phases = [Phase("create"), Phase("destroy")]
    with tempfile.TemporaryDirectory(prefix="bench-workloads-") as home:
        env = provider_env(HOME=home, TIONE_CVM_METADATA_ENDPOINT="http://127.0.0.1:9")
        with ProviderProcess(env) as process, ProviderClient(process.address) as client:
            client.configure(stack_config(emu))
            throttled_before = int(emu.stats()["throttled"])

            def create(item: tuple[str, str, dict[str, Any]]) -> None:
                type_token, name, news = item
                try:
                    checked = client.check(urn(type_token, name), {}, news)
                    id_, outs = client.create(urn(type_token, name), checked.inputs)
                    created.append((type_token, id_, outs))
                except Exception as e:
                    phases[0].failures.append(f"{name}: {e}")

            def destroy(item: tuple[str, str, dict[str, Any]]) -> None:
                type_token, id_, outs = item
                try:
                    client.delete(id_, urn(type_token, id_), outs)
                except Exception as e:
                    phases[1].failures.append(f"{id_}: {e}")

            for phase, work, items in ((phases[0], create, _resources(notebooks, tasks, services)),
                                       (phases[1], destroy, None)):
                before, started = int(emu.stats()["total"]), time.perf_counter()
                with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                    list(pool.map(work, items if items is not None else list(created)))
                phase.wall_s = time.perf_counter() - started
                phase.requests = int(emu.stats()["total"]) - before
            throttled = int(emu.stats()["throttled"]) - throttled_before
    return WorkloadRun(notebooks, tasks, float(emu.options.step_seconds), float(emu.options.latency_ms),
                       phases, throttled, len(emu.objects()), services)
