"""Images a team's stack depends on, pinned; `ci-drift-check.sh` fails CI when the catalog moves one.

Pinned images (policy "pin", the default) never change on `pulumi up` by themselves. A scheduled
CI job runs `pulumi preview --refresh --expect-no-changes`: refresh re-reads each pinned ImageId,
and a changed ImageUrl (or a vanished image) makes the preview show changes and the job fail.
"""

import pulumi

import pulumi_tione as tione

train = tione.PlatformImage("train", name="tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu")
notebook = tione.PlatformImage(
    "notebook", name_regex=r"^tilearn-llm0\.9-.*-notebook$", image_range="Notebook"
)
inference = tione.PlatformImages("inference", framework="TRITON", image_range="Inference")

pulumi.export("train_image_url", train.image_url)
pulumi.export("notebook_image_url", notebook.image_url)
pulumi.export("inference_image_ids", inference.ids)
