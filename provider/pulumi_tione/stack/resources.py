"""TI-ONE as Pulumi resources: ``PlatformImage``/``PlatformImages``, and the workloads
``Notebook``/``TrainingTask``/``ModelService``.

All are ``pulumi.dynamic.Resource`` subclasses. The image resources (``image_resources``, over
``image_provider``) hold no cloud object: they resolve a query at preview, pin the result in
state and report drift on ``pulumi refresh``. ``Notebook`` and ``TrainingTask``
(``workload_resources``, generated from ``workloads.fields``; over ``workload_provider``) create,
change and delete real TI-ONE objects that run on such an image. Constructing thousands of them
is safe (``resource_support.pickler_guard``).

This module is the public path of the four classes (``pulumi_tione.stack.resources``).
"""

from .image_resources import PlatformImage, PlatformImages
from .workload_inputs import ImageInput
from .workload_resources import ModelService, Notebook, TrainingTask

__all__ = ["ImageInput", "ModelService", "Notebook", "PlatformImage", "PlatformImages", "TrainingTask"]
