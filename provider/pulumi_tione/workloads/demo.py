"""The workload half of ``tione-images demo``: a notebook and a training task on a platform image,
and a model service on an Inference image.

``run_workloads`` creates them on the given endpoint (the demo's in-process emulator) through
``Workloads``/``ModelServices`` — the code ``tione.Notebook``/``tione.TrainingTask``/
``tione.ModelService`` run in ``pulumi up`` and ``pulumi destroy`` — waits for them, then tears
them down, and reports what happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pulumi_tione.images.catalog import ProcessState
from pulumi_tione.images.models import PlatformImageInfo

from .bodies import notebook_body, training_task_body
from .models import ModelServiceSpec, NotebookSpec, TrainingTaskSpec, platform_image_ref
from .ops import Workloads
from .services import ModelServices, service_body

__all__ = ["DemoObject", "DemoResult", "run_workloads"]

INSTANCE_TYPE = "TI.GN10.2XLARGE40.POST"


@dataclass(frozen=True)
class DemoObject:
    """One object the demo created: kind, name, id, the status create waited for, the image sent."""

    kind: str
    name: str
    object_id: str
    status: str
    image_sent: str


@dataclass(frozen=True)
class DemoResult:
    """What the demo did: the objects, and the requests that creating and deleting them took."""

    objects: list[DemoObject]
    requests: int


def _image_sent(body: Mapping[str, Any]) -> str:
    if "ImageInfo" in body:
        return ", ".join(f"{k}={v}" for k, v in body["ImageInfo"].items())
    keys = ("FrameworkName", "FrameworkEnvironment", "FrameworkVersion")
    return ", ".join(f"{k}={body[k]}" for k in keys if k in body)


def run_workloads(config: Mapping[str, str], image: PlatformImageInfo, state: ProcessState,
                  inference: PlatformImageInfo | None = None) -> DemoResult:
    """Create a notebook and a training task on ``image`` (and a model service on ``inference``),
    wait, delete them all; report."""
    client = state.client_for(config, None)
    workloads = Workloads(client)
    services = ModelServices(client)
    ref = platform_image_ref(image)
    notebook = NotebookSpec(name="demo-notebook", charge_type="POSTPAID_BY_HOUR", image=ref,
                            resource_conf={"instance_type": INSTANCE_TYPE}, volume_size_in_gb=50,
                            tags={"demo": "pulumi-tione"})
    task = TrainingTaskSpec(name="demo-finetune", charge_type="POSTPAID_BY_HOUR", image=ref,
                            training_mode="DDP", start_cmd_info={"start_cmd": "torchrun train.py"},
                            resource_config_infos=[{"role": "WORKER", "instance_type": INSTANCE_TYPE,
                                                    "instance_num": 2}])
    with ThreadPoolExecutor(max_workers=2) as pool:
        made_notebook = pool.submit(workloads.create_notebook, notebook)
        made_task = pool.submit(workloads.create_training_task, task)
        nb, tt = made_notebook.result(), made_task.result()
        objects = [
            DemoObject("notebook", notebook.name or "", str(nb["Id"]), str(nb["Status"]),
                       _image_sent(notebook_body(notebook))),
            DemoObject("training task", task.name or "", str(tt["Id"]), str(tt["Status"]),
                       _image_sent(training_task_body(task))),
        ]
        deleted = [pool.submit(workloads.delete_notebook, str(nb["Id"])),
                   pool.submit(workloads.delete_training_task, str(tt["Id"]))]
        if inference is not None:
            objects.append(_serve(services, inference))
        for future in deleted:
            future.result()
    return DemoResult(objects, client.stats.requests)


def _serve(services: ModelServices, image: PlatformImageInfo) -> DemoObject:
    """Create a one-replica service on ``image`` (a new group), wait until Normal, delete it and its group."""
    spec = ModelServiceSpec(name="demo-serve", charge_type="POSTPAID_BY_HOUR",
                            image=platform_image_ref(image), instance_type="TI.S.MEDIUM.POST", replicas=1,
                            tags={"demo": "pulumi-tione"})
    made = services.create_service(spec)
    body = service_body(spec.model_dump(exclude_none=True, mode="json"))
    services.delete_service(str(made["Id"]), str(made["ServiceGroupId"]), drop_group=True)
    return DemoObject("model service", spec.name or "", str(made["Id"]), str(made["Status"]),
                      _image_sent(body))
