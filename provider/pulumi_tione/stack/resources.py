"""TI-ONE as Pulumi resources: ``PlatformImage``/``PlatformImages`` and ``Notebook``/``TrainingTask``.

All are ``pulumi.dynamic.Resource`` subclasses. The image resources (``image_provider``) hold no
cloud object: they resolve a query at preview, pin the result in state and report drift on
``pulumi refresh``. ``Notebook`` and ``TrainingTask`` (``workload_provider``) create, change and
delete real TI-ONE objects that run on such an image. Constructing thousands of them is safe:
each construction undoes the Pulumi SDK's per-resource patching of ``pickle._Pickler``
(pulumi/pulumi#17803), which otherwise nests one wrapper per resource until serialization hits
RecursionError after a few hundred resources.
"""

import pickle
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pulumi
from pulumi.dynamic import Resource

from .image_provider import IMAGE_OUTPUTS, LIST_OUTPUTS, PlatformImageProvider, PlatformImagesProvider
from .workload_provider import NOTEBOOK_OUTPUTS, TASK_OUTPUTS, NotebookProvider, TrainingTaskProvider

__all__ = ["Notebook", "PlatformImage", "PlatformImages", "TrainingTask"]

_PATCHED = ("_batch_setitems", "save_dict")
_GUARD = threading.RLock()


@contextmanager
def _pickler_guard() -> Iterator[None]:
    """Restore ``pickle._Pickler``'s methods that ``serialize_provider`` patches and never restores."""
    with _GUARD:
        saved = {name: vars(pickle._Pickler)[name] for name in _PATCHED}
        try:
            yield
        finally:
            for name, method in saved.items():
                setattr(pickle._Pickler, name, method)


def _arguments(scope: Mapping[str, Any]) -> dict[str, Any]:
    """The query arguments among a constructor's locals (not self, the name, opts or the class cell)."""
    return {k: v for k, v in scope.items() if k not in ("self", "resource_name", "opts", "__class__")}


def _props(outputs: tuple[str, ...], args: Mapping[str, Any]) -> dict[str, Any]:
    """Resource props: every output declared (None), then the arguments that were given."""
    props: dict[str, Any] = dict.fromkeys(outputs)
    props.update({k: v for k, v in args.items() if v is not None})
    return props


class PlatformImage(Resource, module="tione", name="PlatformImage"):
    """One TI-ONE platform image picked by a query, resolved at preview and pinned in state.

    The arguments are ``ImageQuery``'s (each documented on its field; at least one criterion, all
    must hold). ``select`` is ``"unique"`` (default; several matches is an error) or ``"highest_version"``;
    ``policy`` is ``"pin"`` (default; keep the image in state) or ``"track"`` (re-resolve each up).
    """

    image_id: pulumi.Output[str]
    image_url: pulumi.Output[str | None]
    image_name: pulumi.Output[str | None]
    image_type: pulumi.Output[str | None]
    framework: pulumi.Output[str | None]
    framework_version: pulumi.Output[str | None]
    support_gpu_list: pulumi.Output[list[str] | None]
    image_range: pulumi.Output[list[str] | None]
    registry_region: pulumi.Output[str | None]
    registry_id: pulumi.Output[str | None]
    description: pulumi.Output[str | None]
    extra_attributes: pulumi.Output[dict[str, Any]]
    support_distributed_deploy: pulumi.Output[bool | None]
    region_scope: pulumi.Output[str | None]
    region: pulumi.Output[str]
    image_info: pulumi.Output[dict[str, str]]
    query: pulumi.Output[dict[str, Any]]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str] | None = None,
        image_id: pulumi.Input[str] | None = None,
        name_regex: pulumi.Input[str] | None = None,
        image_range: pulumi.Input[str] | None = None,
        framework: pulumi.Input[str] | None = None,
        framework_version: pulumi.Input[str] | None = None,
        gpu: pulumi.Input[str] | None = None,
        support_data_pipeline: pulumi.Input[bool] | None = None,
        allow_save_all_content: pulumi.Input[bool] | None = None,
        training_mode: pulumi.Input[str] | None = None,
        support_distributed_deploy: pulumi.Input[bool] | None = None,
        select: pulumi.Input[str] | None = None,
        policy: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = _arguments(locals())
        with _pickler_guard():
            super().__init__(PlatformImageProvider(), resource_name, _props(IMAGE_OUTPUTS, args), opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> "PlatformImage":
        """Read an existing image reference by ImageId (the way to adopt one; ``pulumi import`` cannot)."""
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return PlatformImage(resource_name, opts=opts)


class PlatformImages(Resource, module="tione", name="PlatformImages"):
    """Every TI-ONE platform image matching the filters (same arguments as ``PlatformImage``, no
    ``select``; no filter at all lists the whole catalog), resolved at preview and pinned in state."""

    images: pulumi.Output[list[dict[str, Any]]]
    ids: pulumi.Output[list[str]]
    names: pulumi.Output[list[str]]
    count: pulumi.Output[int]
    region: pulumi.Output[str]
    query: pulumi.Output[dict[str, Any]]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str] | None = None,
        image_id: pulumi.Input[str] | None = None,
        name_regex: pulumi.Input[str] | None = None,
        image_range: pulumi.Input[str] | None = None,
        framework: pulumi.Input[str] | None = None,
        framework_version: pulumi.Input[str] | None = None,
        gpu: pulumi.Input[str] | None = None,
        support_data_pipeline: pulumi.Input[bool] | None = None,
        allow_save_all_content: pulumi.Input[bool] | None = None,
        training_mode: pulumi.Input[str] | None = None,
        support_distributed_deploy: pulumi.Input[bool] | None = None,
        policy: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = _arguments(locals())
        with _pickler_guard():
            super().__init__(PlatformImagesProvider(), resource_name, _props(LIST_OUTPUTS, args), opts)
        self.count = self.count.apply(lambda n: int(n) if isinstance(n, float) else n)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> "PlatformImages":
        """Read an existing image list by its id (it lists the whole catalog: no filters are known)."""
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return PlatformImages(resource_name, opts=opts)


ImageInput = PlatformImage | Mapping[str, Any] | pulumi.Output[Mapping[str, Any]]
"""A ``PlatformImage`` resource, or a custom image ``{"image_url", "image_type": "TCR"|"CCR"|"CUSTOM",
"registry_region", "registry_id", "image_secret": {"username", "password", "key_id", "secret_id"}}``."""


def _training_modes(attributes: Mapping[str, Any] | None) -> list[str] | None:
    value = (attributes or {}).get("TrainingModes")
    if value is None:
        return None
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _not_an_image(image: object) -> TypeError:
    hint = ("; a get_platform_image result is looked up anew on every run, not pinned: declare "
            "img = tione.PlatformImage(...) and pass image=img") if hasattr(image, "image_info") else ""
    return TypeError("image must be a PlatformImage or a custom image dict {'image_url', 'image_type', ...}, "
                     f"not {type(image).__name__}{hint}")


def _custom_image(image: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(image, Mapping):
        raise _not_an_image(image)
    doc = {"kind": "custom", **image}
    if doc.get("image_secret") is not None:
        doc["image_secret"] = pulumi.Output.secret(doc["image_secret"])
    return doc


def _image_input(image: ImageInput) -> Any:
    """The ``image`` property as the engine sees it (the contract in the README's workload section)."""
    if isinstance(image, PlatformImage):
        return {
            "kind": "platform", "image_id": image.image_id, "image_name": image.image_name,
            "image_url": image.image_url, "framework": image.framework,
            "framework_version": image.framework_version, "image_range": image.image_range,
            "support_gpu_list": image.support_gpu_list,
            "training_modes": image.extra_attributes.apply(_training_modes),
        }
    if isinstance(image, pulumi.Output):
        return image.apply(_custom_image)
    if isinstance(image, Mapping):
        return _custom_image(image)
    raise _not_an_image(image)


def _secret_envs(envs: Any) -> Any:
    """Environment variables with every value wrapped as a secret (private ones must never leak)."""
    if envs is None:
        return None
    return pulumi.Output.from_input(envs).apply(
        lambda items: [{**e, "value": pulumi.Output.secret(e.get("value"))} for e in items or []])


def _workload_opts(
    opts: pulumi.ResourceOptions | None, image: ImageInput, envs: Any
) -> pulumi.ResourceOptions:
    secret = ["envs"] if envs is not None else []
    if not isinstance(image, PlatformImage):
        secret.append("image")
    extra = pulumi.ResourceOptions(additional_secret_outputs=secret) if secret else None
    return pulumi.ResourceOptions.merge(opts, extra)


class Notebook(Resource, module="tione", name="Notebook"):
    """A TI-ONE notebook running on a platform image (a ``PlatformImage``) or a custom image.

    Arguments are ``CreateNotebook``'s in snake_case (each documented in ``docs/arguments.md``,
    generated from ``workloads.fields``); ``running`` (default True) keeps it Running
    or Stopped. ``name`` defaults to the resource name plus a random suffix. Updates happen in
    place where the API allows it; ``charge_type``, ``vpc_id``, ``subnet_id``,
    ``volume_source_type``, ``volume_source_cfs`` and a smaller volume replace it.
    ``timeouts={"create": s, "update": s, "delete": s}`` bounds the waits (seconds).
    """

    name: pulumi.Output[str]
    region: pulumi.Output[str]
    status: pulumi.Output[str]
    failure_reason: pulumi.Output[str]
    reported_image: pulumi.Output[dict[str, str]]

    def __init__(
        self,
        resource_name: str,
        *,
        image: ImageInput,
        charge_type: pulumi.Input[str],
        resource_conf: pulumi.Input[Mapping[str, Any]],
        name: pulumi.Input[str] | None = None,
        running: pulumi.Input[bool] | None = None,
        log_enable: pulumi.Input[bool] | None = None,
        root_access: pulumi.Input[bool] | None = None,
        auto_stopping: pulumi.Input[bool] | None = None,
        direct_internet_access: pulumi.Input[bool] | None = None,
        automatic_stop_time: pulumi.Input[int] | None = None,
        resource_group_id: pulumi.Input[str] | None = None,
        vpc_id: pulumi.Input[str] | None = None,
        subnet_id: pulumi.Input[str] | None = None,
        volume_source_type: pulumi.Input[str] | None = None,
        volume_size_in_gb: pulumi.Input[int] | None = None,
        volume_source_cfs: pulumi.Input[Mapping[str, Any]] | None = None,
        volume_source_goose_fs: pulumi.Input[Mapping[str, str]] | None = None,
        log_config: pulumi.Input[Mapping[str, str]] | None = None,
        lifecycle_script_id: pulumi.Input[str] | None = None,
        default_code_repo_id: pulumi.Input[str] | None = None,
        additional_code_repo_ids: pulumi.Input[Sequence[str]] | None = None,
        data_configs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        ssh_config: pulumi.Input[Mapping[str, Any]] | None = None,
        description: pulumi.Input[str] | None = None,
        tags: pulumi.Input[Mapping[str, str]] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, float]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = _arguments(locals())
        args["image"] = _image_input(image)
        args["name_prefix"] = resource_name
        with _pickler_guard():
            super().__init__(NotebookProvider(), resource_name, _props(NOTEBOOK_OUTPUTS, args),
                             _workload_opts(opts, image, None))


class TrainingTask(Resource, module="tione", name="TrainingTask"):
    """A TI-ONE training task on a platform image (a ``PlatformImage``) or a custom image.

    Arguments are ``CreateTrainingTask``'s in snake_case (``docs/arguments.md``). A task cannot
    be modified: any change replaces it. ``up`` returns when it reached ``wait_for``:
    ``"submitted"`` (default), ``"running"`` or ``"finished"``. ``envs`` values and
    ``image.image_secret`` are secrets.
    ``timeouts={"create": s, "update": s, "delete": s}`` bounds the waits (seconds).
    """

    name: pulumi.Output[str]
    region: pulumi.Output[str]
    status: pulumi.Output[str]
    failure_reason: pulumi.Output[str]
    reported_image: pulumi.Output[dict[str, str]]

    def __init__(
        self,
        resource_name: str,
        *,
        image: ImageInput,
        charge_type: pulumi.Input[str],
        resource_config_infos: pulumi.Input[Sequence[Mapping[str, Any]]],
        name: pulumi.Input[str] | None = None,
        training_mode: pulumi.Input[str] | None = None,
        start_cmd_info: pulumi.Input[Mapping[str, str]] | None = None,
        code_package_path: pulumi.Input[Mapping[str, Any]] | None = None,
        output: pulumi.Input[Mapping[str, Any]] | None = None,
        data_configs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        data_source: pulumi.Input[str] | None = None,
        envs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        resource_group_id: pulumi.Input[str] | None = None,
        vpc_id: pulumi.Input[str] | None = None,
        subnet_id: pulumi.Input[str] | None = None,
        log_enable: pulumi.Input[bool] | None = None,
        log_config: pulumi.Input[Mapping[str, str]] | None = None,
        tuning_parameters: pulumi.Input[str] | None = None,
        remark: pulumi.Input[str] | None = None,
        callback_url: pulumi.Input[str] | None = None,
        code_repos: pulumi.Input[Sequence[Mapping[str, str]]] | None = None,
        expose_network_config: pulumi.Input[Mapping[str, Any]] | None = None,
        train_tool_config: pulumi.Input[Mapping[str, Any]] | None = None,
        resource_supply_attribute: pulumi.Input[Mapping[str, str]] | None = None,
        queues: pulumi.Input[Sequence[str]] | None = None,
        tags: pulumi.Input[Mapping[str, str]] | None = None,
        wait_for: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, float]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = _arguments(locals())
        args["image"] = _image_input(image)
        args["envs"] = _secret_envs(envs)
        args["name_prefix"] = resource_name
        with _pickler_guard():
            super().__init__(TrainingTaskProvider(), resource_name, _props(TASK_OUTPUTS, args),
                             _workload_opts(opts, image, envs))
