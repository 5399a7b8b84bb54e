"""Train on a pinned TI-ONE training image, then serve the model on a pinned Inference image.

The whole TI-ONE path in one stack: two `PlatformImage`s (a Train image for the task, an
Inference image for the service; both resolved at preview and pinned in state), a `TrainingTask`
that writes the model to COS, and a `ModelService` that serves it. The service waits for the
task (`depends_on`; with `waitFor=finished`, the default, `up` returns from the task only when
training succeeded), loads the model version `modelVersionId` (TI-ONE's model repository id of
the trained model, `mv-...`) from the task's output path, autoscales on CPU between 1 and
`maxReplicas` replicas, and requires a token (`authorization_enable`): the call addresses are
outputs, the token a secret output. Changing the autoscaler, env or image updates the service in
place (a rolling ModifyModelService); `running=false` stops it; `pulumi destroy` deletes the
service and the group it made, then the task.

Config: `instanceType` (default TI.S.MEDIUM.POST, a CPU spec for the service), `trainInstanceType`
(default TI.GN10.2XLARGE40.POST), `outputBucket` (default my-bucket-1250000000), `modelVersionId`
(default mv-v1-1511805105118762625), `maxReplicas` (default 3), `waitFor` (default finished),
`running` (default true).
"""

import pulumi

import pulumi_tione as tione

config = pulumi.Config()
bucket = config.get("outputBucket") or "my-bucket-1250000000"
output = {"bucket": bucket, "region": "ap-guangzhou", "paths": ["llm-finetune/"]}

train_image = tione.PlatformImage(
    "train-image",
    name_regex=r"^tilearn-llm\d",
    framework="PyTorch",
    image_range="Train",
    training_mode="DDP",
    select="highest_version",
)

task = tione.TrainingTask(
    "finetune",
    image=train_image,
    charge_type="POSTPAID_BY_HOUR",
    training_mode="DDP",
    resource_config_infos=[{"role": "WORKER", "instance_num": 1,
                            "instance_type": config.get("trainInstanceType") or "TI.GN10.2XLARGE40.POST"}],
    start_cmd_info={"start_cmd": "torchrun --nproc_per_node=1 train.py"},
    output=output,
    tags={"managed-by": "pulumi"},
    wait_for=config.get("waitFor") or "finished",
)

serve_image = tione.PlatformImage(
    "serve-image",
    framework="PyTorch",
    image_range="Inference",
    select="highest_version",
)

service = tione.ModelService(
    "llm-serve",
    image=serve_image,
    charge_type="POSTPAID_BY_HOUR",
    instance_type=config.get("instanceType") or "TI.S.MEDIUM.POST",
    model_info={"model_version_id": config.get("modelVersionId") or "mv-v1-1511805105118762625",
                "model_source": "COS", "cos_path_info": output},
    scale_mode="AUTO",
    scale_strategy="HPA",
    horizontal_pod_autoscaler={"min_replicas": 1, "max_replicas": config.get_int("maxReplicas") or 3,
                               "hpa_metrics": [{"name": "cpu-util", "value": 60}]},
    env=[{"name": "MODEL_DIR", "value": "/data/model"}],
    authorization_enable=True,
    running=config.get_bool("running") is not False,
    tags={"managed-by": "pulumi"},
    opts=pulumi.ResourceOptions(depends_on=[task]),
)

pulumi.export("train_image", train_image.image_name)
pulumi.export("serve_image", serve_image.image_name)
pulumi.export("task_id", task.id)
pulumi.export("task_status", task.status)
pulumi.export("service_id", service.service_id)
pulumi.export("service_group_id", service.group_id)
pulumi.export("service_status", service.status)
pulumi.export("service_image", service.reported_image)
pulumi.export("call_info", service.call_info)
pulumi.export("auth_token", service.auth_token)
