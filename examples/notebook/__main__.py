"""A TI-ONE notebook on a pinned platform notebook image.

`tione.PlatformImage` resolves the image at preview and pins it; `tione.Notebook` creates the
notebook with it (sent as `ImageInfo {ImageType: SYSTEM, ImageUrl, ImageName}`, the way
CreateNotebook takes a platform image) and `pulumi up` returns once it is Running (`running=False`:
Stopped). Changing the volume size, auto-stop or resources updates it in place (stop, modify,
start); changing only tags does not stop it; changing the charge type, VPC or volume type replaces
it. `pulumi refresh` shows what was changed outside Pulumi (e.g. stopped in the console).

Config: `imageName` (default tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu), `instanceType`
(default TI.GN10.2XLARGE40.POST), `volumeGb` (default 50), `running` (default true).
"""

import pulumi

import pulumi_tione as tione

config = pulumi.Config()

image = tione.PlatformImage(
    "notebook-image",
    name=config.get("imageName") or "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu",
    image_range="Notebook",
)

notebook = tione.Notebook(
    "dev",
    image=image,
    charge_type="POSTPAID_BY_HOUR",
    resource_conf={"instance_type": config.get("instanceType") or "TI.GN10.2XLARGE40.POST"},
    volume_source_type="CLOUD_PREMIUM",
    volume_size_in_gb=config.get_int("volumeGb") or 50,
    auto_stopping=True,
    automatic_stop_time=2,
    running=config.get_bool("running") is not False,
    tags={"team": "ml", "managed-by": "pulumi"},
)

pulumi.export("notebook_id", notebook.id)
pulumi.export("notebook_name", notebook.name)
pulumi.export("status", notebook.status)
pulumi.export("image", notebook.reported_image)
