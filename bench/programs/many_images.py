"""A Pulumi program with many ``PlatformImage`` resources (``bench:resources``, default 5000).

Each resource names a catalog image, cycling through the bundled catalog; the stack exports how
many were declared and the ImageId of every resource (checked by the benchmark).
"""

import pulumi

import pulumi_tione as tione
from pulumi_tione.emulator import bundled_catalog

count = int(pulumi.Config("bench").get("resources") or 5000)
names = [entry["ImageName"] for entry in bundled_catalog()]
images = [tione.PlatformImage(f"image-{i}", name=names[i % len(names)]) for i in range(count)]
pulumi.export("declared", len(images))
pulumi.export("image_ids", pulumi.Output.all(*[img.image_id for img in images]))
