"""Pick a training image by filters and build a TI-ONE `CreateTrainingTask` definition around it.

The image is the highest FrameworkVersion among the tilearn LLM images for PyTorch that train with
DDP on the configured GPU (`select="highest_version"`); it is pinned in state, so the task keeps
the same image until you change the query or `pulumi refresh` shows the platform moved it.
`image_info` is TI-ONE's `ImageInfo` request struct, used as is. Submit the definition with:

    pulumi stack output training_task --json > task.json
    tccli tione CreateTrainingTask --cli-input-json file://task.json

Config: `gpu` (default A10), `workers` (default 2), `startCmd` (default `torchrun train.py`).
"""

from typing import Any

import pulumi

import pulumi_tione as tione

config = pulumi.Config()
gpu = config.get("gpu") or "A10"
workers = config.get_int("workers") or 2
start_cmd = config.get("startCmd") or "torchrun --nproc_per_node=1 train.py"

image = tione.PlatformImage(
    "llm-train-image",
    name_regex=r"^tilearn-llm\d",
    framework="PyTorch",
    image_range="Train",
    gpu=gpu,
    training_mode="DDP",
    select="highest_version",
)


def training_task(image_info: dict[str, str]) -> dict[str, Any]:
    """A `CreateTrainingTask` request body running on the picked image."""
    return {
        "Name": f"{pulumi.get_stack()}-llm-finetune",
        "ChargeType": "POSTPAID_BY_HOUR",
        "TrainingMode": "DDP",
        "ImageInfo": image_info,
        "ResourceConfigInfos": [
            {"Role": "WORKER", "InstanceNum": workers, "GpuType": gpu, "Gpu": 100, "Cpu": 8000,
             "Memory": 32768},
        ],
        "StartCmdInfo": {"StartCmd": start_cmd},
        "Tags": [{"TagKey": "managed-by", "TagValue": "pulumi"}],
    }


pulumi.export("image_name", image.image_name)
pulumi.export("framework_version", image.framework_version)
pulumi.export("image_info", image.image_info)
pulumi.export("training_task", image.image_info.apply(training_task))
