"""The workload resource classes (``Notebook``, ``TrainingTask``, ``ModelService``):
one keyword argument per defined argument.

Generated from ``workloads/fields.py`` by ``python -m pulumi_tione.workloads.fields --write``: do not edit.

The work is ``stack.workload_inputs``' (image and secret handling, props, options).
"""

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
from pulumi.dynamic import Resource

from pulumi_tione.workloads import fields

from .resource_support import arguments, pickler_guard
from .workload_inputs import ImageInput, workload_inputs
from .workload_provider import ModelServiceProvider, NotebookProvider, TrainingTaskProvider

__all__ = ["ModelService", "Notebook", "TrainingTask"]


class Notebook(Resource, module="tione", name="Notebook"):
    """A TI-ONE notebook on a platform image (a ``PlatformImage``) or a custom image.

    Arguments are those of ``CreateNotebook``/``ModifyNotebook`` in snake_case (each documented in
    ``docs/arguments.md``, generated from ``workloads.fields``). Updates happen in place where the API
    allows it; ``charge_type``, ``vpc_id``, ``subnet_id``, ``volume_source_type``, ``volume_source_cfs``,
    ``volume_source_goose_fs``, ``region``, ``workspace`` and a smaller ``volume_size_in_gb`` replace it.
    ``running`` (default ``True``): Keep it Running (true) or Stopped (false).
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
        volume_source_goose_fs: pulumi.Input[Mapping[str, Any]] | None = None,
        log_config: pulumi.Input[Mapping[str, Any]] | None = None,
        lifecycle_script_id: pulumi.Input[str] | None = None,
        default_code_repo_id: pulumi.Input[str] | None = None,
        additional_code_repo_ids: pulumi.Input[Sequence[str]] | None = None,
        data_configs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        ssh_config: pulumi.Input[Mapping[str, Any]] | None = None,
        description: pulumi.Input[str] | None = None,
        tags: pulumi.Input[Mapping[str, str]] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, Any]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props, options = workload_inputs(fields.KINDS["Notebook"],
                                         resource_name, arguments(locals()), opts)
        with pickler_guard():
            super().__init__(NotebookProvider(), resource_name, props, options)


class TrainingTask(Resource, module="tione", name="TrainingTask"):
    """A TI-ONE training task on a platform image (a ``PlatformImage``) or a custom image.

    Arguments are those of ``CreateTrainingTask`` in snake_case (each documented in ``docs/arguments.md``,
    generated from ``workloads.fields``). It cannot be modified: a change of any API argument replaces it.
    ``wait_for`` (default ``'submitted'``): What ``up`` waits for: submitted, running or finished.
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
        start_cmd_info: pulumi.Input[Mapping[str, Any]] | None = None,
        code_package_path: pulumi.Input[Mapping[str, Any]] | None = None,
        output: pulumi.Input[Mapping[str, Any]] | None = None,
        data_configs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        data_source: pulumi.Input[str] | None = None,
        envs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        resource_group_id: pulumi.Input[str] | None = None,
        vpc_id: pulumi.Input[str] | None = None,
        subnet_id: pulumi.Input[str] | None = None,
        log_enable: pulumi.Input[bool] | None = None,
        log_config: pulumi.Input[Mapping[str, Any]] | None = None,
        tuning_parameters: pulumi.Input[str] | None = None,
        remark: pulumi.Input[str] | None = None,
        callback_url: pulumi.Input[str] | None = None,
        code_repos: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        expose_network_config: pulumi.Input[Mapping[str, Any]] | None = None,
        train_tool_config: pulumi.Input[Mapping[str, Any]] | None = None,
        resource_supply_attribute: pulumi.Input[Mapping[str, Any]] | None = None,
        queues: pulumi.Input[Sequence[str]] | None = None,
        wait_for: pulumi.Input[str] | None = None,
        tags: pulumi.Input[Mapping[str, str]] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, Any]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props, options = workload_inputs(fields.KINDS["TrainingTask"],
                                         resource_name, arguments(locals()), opts)
        with pickler_guard():
            super().__init__(TrainingTaskProvider(), resource_name, props, options)


class ModelService(Resource, module="tione", name="ModelService"):
    """A TI-ONE online inference service on an Inference ``PlatformImage`` or a custom image.

    Arguments are those of ``CreateModelService``/``ModifyModelService`` in snake_case (each documented in
    ``docs/arguments.md``, generated from ``workloads.fields``). Updates happen in place where the API
    allows it; ``charge_type``, ``name``, ``service_group_id``, ``deploy_type``, ``callback_url``,
    ``gateway_config``, ``gateway_log_config``, ``resource_supply_attribute``, ``tags``, ``region`` and
    ``workspace`` replace it.
    ``running`` (default ``True``): Keep it running (true) or stopped (false), through ServiceAction.
    ``timeouts={"create": s, "update": s, "delete": s}`` bounds the waits (seconds).
    """

    name: pulumi.Output[str]
    region: pulumi.Output[str]
    status: pulumi.Output[str]
    failure_reason: pulumi.Output[str]
    reported_image: pulumi.Output[dict[str, str]]
    service_id: pulumi.Output[str]
    group_id: pulumi.Output[str]
    version: pulumi.Output[str]
    call_info: pulumi.Output[dict[str, str]]
    auth_token: pulumi.Output[str]
    app_key: pulumi.Output[str]
    app_secret: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        image: ImageInput,
        charge_type: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        service_group_id: pulumi.Input[str] | None = None,
        running: pulumi.Input[bool] | None = None,
        service_description: pulumi.Input[str] | None = None,
        instance_type: pulumi.Input[str] | None = None,
        resource_group_id: pulumi.Input[str] | None = None,
        resources: pulumi.Input[Mapping[str, Any]] | None = None,
        model_info: pulumi.Input[Mapping[str, Any]] | None = None,
        env: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        command: pulumi.Input[str] | None = None,
        scale_mode: pulumi.Input[str] | None = None,
        replicas: pulumi.Input[int] | None = None,
        scale_strategy: pulumi.Input[str] | None = None,
        horizontal_pod_autoscaler: pulumi.Input[Mapping[str, Any]] | None = None,
        cron_scale_jobs: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        hybrid_billing_prepaid_replicas: pulumi.Input[int] | None = None,
        scheduled_action: pulumi.Input[Mapping[str, Any]] | None = None,
        service_limit: pulumi.Input[Mapping[str, Any]] | None = None,
        log_enable: pulumi.Input[bool] | None = None,
        log_config: pulumi.Input[Mapping[str, Any]] | None = None,
        authorization_enable: pulumi.Input[bool] | None = None,
        model_hot_update_enable: pulumi.Input[bool] | None = None,
        model_turbo_enable: pulumi.Input[bool] | None = None,
        volume_mount: pulumi.Input[Mapping[str, Any]] | None = None,
        volume_mounts: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None,
        service_eip: pulumi.Input[Mapping[str, Any]] | None = None,
        service_port: pulumi.Input[int] | None = None,
        grpc_enable: pulumi.Input[bool] | None = None,
        deploy_type: pulumi.Input[str] | None = None,
        instance_per_replicas: pulumi.Input[int] | None = None,
        termination_grace_period_seconds: pulumi.Input[int] | None = None,
        pre_stop_command: pulumi.Input[Sequence[str]] | None = None,
        health_probe: pulumi.Input[Mapping[str, Any]] | None = None,
        rolling_update: pulumi.Input[Mapping[str, Any]] | None = None,
        sidecar: pulumi.Input[Mapping[str, Any]] | None = None,
        scheduling_strategy: pulumi.Input[str] | None = None,
        infer_template_id: pulumi.Input[str] | None = None,
        priority: pulumi.Input[int] | None = None,
        callback_url: pulumi.Input[str] | None = None,
        gateway_config: pulumi.Input[Mapping[str, Any]] | None = None,
        gateway_log_config: pulumi.Input[Mapping[str, Any]] | None = None,
        resource_supply_attribute: pulumi.Input[Mapping[str, Any]] | None = None,
        tags: pulumi.Input[Mapping[str, str]] | None = None,
        region: pulumi.Input[str] | None = None,
        workspace: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, Any]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props, options = workload_inputs(fields.KINDS["ModelService"],
                                         resource_name, arguments(locals()), opts)
        with pickler_guard():
            super().__init__(ModelServiceProvider(), resource_name, props, options)
