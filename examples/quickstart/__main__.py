"""Quickstart: name a TI-ONE platform image; `pulumi preview` shows its ImageId and ImageUrl.

    pulumi config set tencentcloud:region ap-guangzhou
    pulumi config set tencentcloud:secretId AKID...
    pulumi config set --secret tencentcloud:secretKey ...
    pulumi up

Offline, against the bundled emulator: run `tione-images emulator` and set
`pulumi config set tione:endpoint http://127.0.0.1:PORT` with the emulator's documented key pair.
Optional config `imageName` picks another image.
"""

import pulumi

import pulumi_tione as tione

config = pulumi.Config()

image = tione.PlatformImage(
    "train-image",
    name=config.get("imageName") or "tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu",
    image_range="Train",
)

pulumi.export("image_id", image.image_id)
pulumi.export("image_url", image.image_url)
pulumi.export("image_info", image.image_info)
