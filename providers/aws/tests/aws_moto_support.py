"""Patches that fill moto's SageMaker gaps, applied in-process to the threaded server.

moto 5.2 answers every endpoint InService at once, lacks ``UpdateEndpoint``,
``DeleteModelPackage(Group)`` and ``ListPipelineExecutionSteps``, and finishes pipeline
executions instantly. These patches, and nothing more, make the provider's waits and
swaps real:

- endpoints pass through Creating/Updating for a couple of polls before InService;
- the instance type ``ml.fail.large`` makes a create end Failed and an update roll
  back, each with a FailureReason; ``ml.slow.large`` keeps an endpoint Creating;
- ``UpdateEndpoint`` swaps the endpoint onto a new configuration after an Updating phase;
- ``DeleteModelPackage`` and ``DeleteModelPackageGroup`` exist;
- a pipeline execution is Executing for a poll, then Succeeded, with its training step
  listed by ``ListPipelineExecutionSteps`` and described by ``DescribeTrainingJob``,
  and its model artifact written to S3 (an image containing "fail" makes it Failed);
- ``THROTTLE[action] = n`` answers the next n calls with ThrottlingException;
- ``CALLS`` records every SageMaker action and ``UPDATES`` the UpdateEndpoint requests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.s3.models import s3_backends
from moto.sagemaker import models as sm_models
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse
from moto.sagemaker.utils import arn_formatter
from moto.utilities.utils import get_partition

FAIL_INSTANCE = "ml.fail.large"
SLOW_INSTANCE = "ml.slow.large"  # stays Creating (for a thousand polls)
FAIL_REASON = "Insufficient capacity for instance type ml.fail.large in the requested zones."
ROLLBACK_REASON = "Rolled back: the new fleet failed its health checks (ml.fail.large)."

CALLS: list[str] = []
UPDATES: list[dict[str, Any]] = []
THROTTLE: dict[str, int] = {}
# Endpoint name -> statuses still to report, then a final step.
PENDING: dict[str, tuple[list[str], Callable[[FakeEndpoint], None]]] = {}
EXECUTIONS: dict[str, list[str]] = {}
TRAINING: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


def clear() -> None:
    with _lock:
        CALLS.clear()
        UPDATES.clear()
        THROTTLE.clear()
        PENDING.clear()
        EXECUTIONS.clear()
        TRAINING.clear()


def _fails(variants: list[dict[str, Any]]) -> bool:
    return any(v.get("InstanceType") == FAIL_INSTANCE for v in variants)


# -- request log and throttling ------------------------------------------------------------
_original_call_action = SageMakerResponse.call_action


def _call_action(self: SageMakerResponse) -> Any:
    action = self._get_action()
    with _lock:
        CALLS.append(action)
        if THROTTLE.get(action, 0) > 0:
            THROTTLE[action] -= 1
            err = JsonRESTError("ThrottlingException", "Rate exceeded")
            return 400, {"Content-Type": "application/x-amz-json-1.1"}, err.description
    return _original_call_action(self)


# -- endpoint phases -----------------------------------------------------------------------
_original_create_endpoint = SageMakerModelBackend.create_endpoint
_original_describe_endpoint = SageMakerModelBackend.describe_endpoint
_original_weights = SageMakerModelBackend.update_endpoint_weights_and_capacities


def _create_endpoint(self: SageMakerModelBackend, endpoint_name: str, endpoint_config_name: str, tags: Any) -> FakeEndpoint:
    endpoint = _original_create_endpoint(self, endpoint_name, endpoint_config_name, tags)
    variants = self.endpoint_configs[endpoint_config_name].production_variants
    endpoint.endpoint_status = "Creating"

    def finish(e: FakeEndpoint) -> None:
        if _fails(variants):
            e.endpoint_status, e.failure_reason = "Failed", FAIL_REASON
        else:
            e.endpoint_status = "InService"

    slow = any(v.get("InstanceType") == SLOW_INSTANCE for v in variants)
    PENDING[endpoint_name] = (["Creating"] * (1000 if slow else 2), finish)
    return endpoint


def _describe_endpoint(self: SageMakerModelBackend, endpoint_name: str) -> dict[str, Any]:
    endpoint = self.endpoints.get(endpoint_name)
    if endpoint is not None and endpoint_name in PENDING:
        phases, finish = PENDING[endpoint_name]
        if phases:
            endpoint.endpoint_status = phases.pop(0)
        else:
            del PENDING[endpoint_name]
            finish(endpoint)
    return _original_describe_endpoint(self, endpoint_name)


def _update_weights(self: SageMakerModelBackend, endpoint_name: str, desired_weights_and_capacities: Any) -> str:
    arn = _original_weights(self, endpoint_name, desired_weights_and_capacities)
    for item in desired_weights_and_capacities:
        for v in self.endpoints[endpoint_name].production_variants:
            if v["VariantName"] == item["VariantName"] and item.get("DesiredInstanceCount") is None:
                # moto blanks the count when only the weight is sent; SageMaker keeps it.
                v.pop("DesiredInstanceCount", None)
                v.pop("CurrentInstanceCount", None)
    self.endpoints[endpoint_name].endpoint_status = "Updating"
    PENDING[endpoint_name] = (["Updating"], lambda e: setattr(e, "endpoint_status", "InService"))
    return arn


def _update_endpoint(self: SageMakerModelBackend, endpoint_name: str, endpoint_config_name: str) -> str:
    endpoint = self.endpoints.get(endpoint_name)
    if endpoint is None:
        raise sm_models.ValidationError(message=f"Could not find endpoint '{endpoint_name}'.")
    config = self.endpoint_configs.get(endpoint_config_name)
    if config is None:
        raise sm_models.ValidationError(message=f"Could not find endpoint configuration '{endpoint_config_name}'.")
    endpoint.endpoint_status = "Updating"
    variants = config.production_variants

    def finish(e: FakeEndpoint) -> None:
        e.endpoint_status = "InService"
        if _fails(variants):
            e.failure_reason = ROLLBACK_REASON
            return
        e.failure_reason = None
        e.endpoint_config_name = endpoint_config_name
        e.production_variants = e._process_production_variants(variants)

    phases = ["Updating", "RollingBack"] if _fails(variants) else ["Updating", "Updating"]
    PENDING[endpoint_name] = (phases, finish)
    return endpoint.arn


def _update_endpoint_response(self: SageMakerResponse) -> str:
    UPDATES.append(
        {
            "EndpointName": self._get_param("EndpointName"),
            "EndpointConfigName": self._get_param("EndpointConfigName"),
            "DeploymentConfig": self._get_param("DeploymentConfig"),
        }
    )
    arn = self.sagemaker_backend.update_endpoint(self._get_param("EndpointName"), self._get_param("EndpointConfigName"))
    return json.dumps({"EndpointArn": arn})


_original_validate_instance_type = FakeEndpointConfig.validate_instance_type


def _validate_instance_type(self: FakeEndpointConfig, instance_type: str) -> None:
    if instance_type not in (FAIL_INSTANCE, SLOW_INSTANCE):
        _original_validate_instance_type(self, instance_type)


# -- model registry ------------------------------------------------------------------------
def _delete_model_package(self: SageMakerResponse) -> str:
    backend = self.sagemaker_backend
    name = self._get_param("ModelPackageName")
    arn = backend.model_package_name_mapping.get(name, name)
    if arn not in backend.model_packages:
        raise sm_models.ValidationError(message=f"Model package {name} not found")
    del backend.model_packages[arn]
    return "{}"


def _delete_model_package_group(self: SageMakerResponse) -> str:
    backend = self.sagemaker_backend
    name = self._get_param("ModelPackageGroupName")
    if name not in backend.model_package_groups:
        raise sm_models.ValidationError(message=f"Model package group {name} not found")
    del backend.model_package_groups[name]
    return "{}"


# -- pipelines -----------------------------------------------------------------------------
_original_start = SageMakerModelBackend.start_pipeline_execution
_original_describe_execution = SageMakerModelBackend.describe_pipeline_execution
_original_describe_training = SageMakerModelBackend.describe_training_job


def _start_execution(self: SageMakerModelBackend, pipeline_name: str, *args: Any, **kwargs: Any) -> dict[str, str]:
    out = _original_start(self, pipeline_name, *args, **kwargs)
    arn = out["PipelineExecutionArn"]
    pipeline = self.pipelines[pipeline_name]
    execution = pipeline.pipeline_executions[arn]
    definition = json.loads(pipeline.pipeline_definition)
    execution.pipeline_execution_status = "Executing"
    failing = "fail" in json.dumps(definition)
    steps = []
    for step in definition.get("Steps", []):
        entry: dict[str, Any] = {"StepName": step["Name"], "StepStatus": "Succeeded", "Metadata": {}}
        if step["Type"] == "Training":
            job = f"pipelines-{arn.rsplit('/', 1)[-1]}-{step['Name']}"[:63]
            output = step["Arguments"]["OutputDataConfig"]["S3OutputPath"].rstrip("/")
            artifact = f"{output}/{job}/output/model.tar.gz"
            _write_artifact(self.account_id, artifact, f"trained by {arn}".encode())
            TRAINING[job] = {
                "TrainingJobName": job,
                "TrainingJobStatus": "Completed",
                "ModelArtifacts": {"S3ModelArtifacts": artifact},
                "FinalMetricDataList": [{"MetricName": "accuracy", "Value": 0.93}],
            }
            entry["Metadata"] = {"TrainingJob": {"Arn": arn_formatter("training-job", job, self.account_id, self.region_name)}}
        steps.append(entry)
    EXECUTIONS[arn] = ["Executing"]
    execution.mlinfra_steps = steps
    execution.mlinfra_failing = failing
    return out


def _write_artifact(account_id: str, uri: str, body: bytes) -> None:
    """What the training job would upload: the model, into the (existing) output bucket."""
    bucket, _, key = uri[len("s3://") :].partition("/")
    backend = s3_backends[account_id][get_partition("us-east-1")]
    if bucket in backend.buckets:
        backend.put_object(bucket, key, body)


def _describe_execution(self: SageMakerModelBackend, pipeline_execution_arn: str) -> dict[str, Any]:
    out = _original_describe_execution(self, pipeline_execution_arn)
    phases = EXECUTIONS.get(pipeline_execution_arn)
    if phases:
        out["PipelineExecutionStatus"] = phases.pop(0)
    else:
        failing = False
        for p in self.pipelines.values():
            ex = p.pipeline_executions.get(pipeline_execution_arn)
            if ex is not None:
                failing = getattr(ex, "mlinfra_failing", False)
        out["PipelineExecutionStatus"] = "Succeeded"
        if failing:
            out["PipelineExecutionStatus"] = "Failed"
            out["FailureReason"] = "Step train failed: ClientError: image pull failed"
    return out


def _list_steps(self: SageMakerResponse) -> str:
    arn = self._get_param("PipelineExecutionArn")
    for p in self.sagemaker_backend.pipelines.values():
        ex = p.pipeline_executions.get(arn)
        if ex is not None:
            return json.dumps({"PipelineExecutionSteps": getattr(ex, "mlinfra_steps", [])})
    raise sm_models.ValidationError(message=f"Could not find pipeline execution '{arn}'.")


def _describe_training(self: SageMakerModelBackend, training_job_name: str) -> dict[str, Any]:
    if training_job_name in TRAINING:
        return dict(TRAINING[training_job_name])
    return _original_describe_training(self, training_job_name)


def install() -> None:
    """Apply every patch (idempotent)."""
    if getattr(SageMakerResponse, "_mlinfra_patched", False):
        return
    SageMakerResponse.call_action = _call_action  # type: ignore[method-assign]
    SageMakerModelBackend.create_endpoint = _create_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.describe_endpoint = _describe_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.update_endpoint_weights_and_capacities = _update_weights  # type: ignore[method-assign]
    SageMakerModelBackend.update_endpoint = _update_endpoint  # type: ignore[attr-defined]
    SageMakerResponse.update_endpoint = _update_endpoint_response  # type: ignore[attr-defined]
    FakeEndpointConfig.validate_instance_type = _validate_instance_type  # type: ignore[method-assign]
    SageMakerResponse.delete_model_package = _delete_model_package  # type: ignore[attr-defined]
    SageMakerResponse.delete_model_package_group = _delete_model_package_group  # type: ignore[attr-defined]
    SageMakerModelBackend.start_pipeline_execution = _start_execution  # type: ignore[method-assign]
    SageMakerModelBackend.describe_pipeline_execution = _describe_execution  # type: ignore[method-assign]
    SageMakerResponse.list_pipeline_execution_steps = _list_steps  # type: ignore[attr-defined]
    SageMakerModelBackend.describe_training_job = _describe_training  # type: ignore[method-assign]
    SageMakerResponse._mlinfra_patched = True  # type: ignore[attr-defined]
