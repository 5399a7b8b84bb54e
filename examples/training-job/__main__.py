"""Pick a training image by filters and run a TI-ONE training task on it, declaratively.

The image is the highest FrameworkVersion among the tilearn LLM images for PyTorch that train with
DDP on the configured GPU (`select="highest_version"`); it is pinned in state, so the task keeps
the same image until you change the query or `pulumi refresh` shows the platform moved it.
`tione.TrainingTask` sends it the way CreateTrainingTask expects a platform image
(FrameworkName + FrameworkEnvironment + FrameworkVersion) and `pulumi up` returns once TI-ONE has
accepted the task (`wait_for="submitted"`; "running" and "finished" wait longer). A training
task cannot be modified: changing any argument replaces it; `pulumi destroy` stops and deletes it.

Config: `gpu` (default A10), `instanceType` (default TI.GN10.2XLARGE40.POST), `workers`
(default 2), `startCmd` (default `torchrun --nproc_per_node=1 train.py`), `outputBucket`
(default my-bucket-1250000000), `waitFor` (default submitted).
"""

import pulumi

import pulumi_tione as tione

config = pulumi.Config()
gpu = config.get("gpu") or "A10"
instance_type = config.get("instanceType") or "TI.GN10.2XLARGE40.POST"
workers = config.get_int("workers") or 2
start_cmd = config.get("startCmd") or "torchrun --nproc_per_node=1 train.py"
bucket = config.get("outputBucket") or "my-bucket-1250000000"

image = tione.PlatformImage(
    "llm-train-image",
    name_regex=r"^tilearn-llm\d",
    framework="PyTorch",
    image_range="Train",
    gpu=gpu,
    training_mode="DDP",
    select="highest_version",
)

task = tione.TrainingTask(
    "llm-finetune",
    image=image,
    charge_type="POSTPAID_BY_HOUR",
    training_mode="DDP",
    resource_config_infos=[{"role": "WORKER", "instance_type": instance_type, "instance_num": workers}],
    start_cmd_info={"start_cmd": start_cmd},
    output={"bucket": bucket, "region": "ap-guangzhou", "paths": ["llm-finetune/"]},
    tags={"managed-by": "pulumi"},
    wait_for=config.get("waitFor") or "submitted",
)

pulumi.export("image_name", image.image_name)
pulumi.export("framework_version", image.framework_version)
pulumi.export("task_id", task.id)
pulumi.export("task_name", task.name)
pulumi.export("task_status", task.status)
pulumi.export("task_image", task.reported_image)
