"""A SageMaker double: moto 5.2 patched in-process (the threaded server) to behave as
SageMaker does where the provider depends on it. moto answers every endpoint InService
at once, deletes at once, lacks ``UpdateEndpoint``, ``DeleteModelPackage(Group)`` and
``ListPipelineExecutionSteps``, finishes pipeline executions instantly, and checks no
name or tag pattern. With these patches:

- every request is checked as SageMaker checks it (``moto_rules``: tag and name
  patterns, variant count, token shapes), and listings come in pages of two;
- endpoints pass through Creating/Updating for a couple of polls before InService;
  ``DeleteEndpoint`` leaves them ``Deleting`` for two polls (a create of the same name
  meanwhile is refused); an endpoint that is not InService refuses updates;
- the instance type ``ml.fail.large`` makes a create end Failed and an update roll
  back, each with a FailureReason; ``ml.slow.large`` keeps an endpoint Creating;
- ``UpdateEndpoint`` swaps onto the new configuration after an Updating phase, refuses
  a DeploymentConfig when the variant names change (deployment guardrails), refuses to
  remove a variant or change its instance type under a scalable target, and honours
  ``RetainAllVariantProperties`` / ``ExcludeRetainedVariantProperties``;
- ``UpdateEndpointWeightsAndCapacities`` on an endpoint in ``ROLL_BACK_WEIGHTS`` goes
  RollingBack, then InService on the old weights with a FailureReason;
- ``DeleteModelPackage`` and ``DeleteModelPackageGroup`` exist (a group with versions
  refuses deletion);
- pipeline executions run their definition (``moto_pipelines``);
- Model Monitor schedules exist, with their statuses and rules (``moto_monitoring``);
- a ClientToken / ClientRequestToken seen before replays the first answer;
- ``ml.stuck.large`` makes an update end UpdateRollbackFailed;
- ``REFUSE[action] = (code, message)`` refuses the next call of that action;
- ``THROTTLE[action] = n`` answers the next n calls with ThrottlingException, and
  ``LOSE_RESPONSE[action] = n`` does the next n calls but answers 500 (a lost reply);
- ``CALLS`` records every SageMaker action, ``REQUESTS`` their parameters and
  ``UPDATES`` the UpdateEndpoint requests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import moto_monitoring
import moto_pipelines
import moto_rules
from moto.applicationautoscaling.models import applicationautoscaling_backends
from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse, _build_target
from moto.core.exceptions import JsonRESTError
from moto.sagemaker import models as sm_models
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse

FAIL_INSTANCE = "ml.fail.large"
SLOW_INSTANCE = "ml.slow.large"  # stays Creating (for a thousand polls)
STUCK_INSTANCE = "ml.stuck.large"  # an update whose rollback fails too
STUCK_REASON = "Rolling back failed: the previous fleet could not be restored."
FAIL_REASON = "Insufficient capacity for instance type ml.fail.large in the requested zones."
ROLLBACK_REASON = "Rolled back: the new fleet failed its health checks (ml.fail.large)."
WEIGHTS_REASON = "Failed to update the variant weights: insufficient capacity; rolled back."
GUARDRAIL_REASON = "The new endpoint configuration must have the same variant names as the current one for a blue/green or rolling deployment."
CONTAINER_LOGS = moto_pipelines.CONTAINER_LOGS
TRAINING = moto_pipelines.TRAINING

CALLS: list[str] = []
REQUESTS: list[tuple[str, dict[str, Any]]] = []
UPDATES: list[dict[str, Any]] = []
THROTTLE: dict[str, int] = {}
LOSE_RESPONSE: dict[str, int] = {}
REFUSE: dict[str, tuple[str, str]] = {}
ROLL_BACK_WEIGHTS: set[str] = set()
# Endpoint name -> statuses still to report, then a final step.
PENDING: dict[str, tuple[list[str], Callable[[FakeEndpoint], None]]] = {}
EXECUTIONS: dict[str, dict[str, Any]] = {}
TOKENS: dict[tuple[str, str], Any] = {}
_lock = threading.RLock()
_JSON = {"Content-Type": "application/x-amz-json-1.1"}


def clear() -> None:
    with _lock:
        for store in (CALLS, REQUESTS, UPDATES, THROTTLE, LOSE_RESPONSE, REFUSE, ROLL_BACK_WEIGHTS, PENDING, EXECUTIONS, TOKENS):
            store.clear()
        CONTAINER_LOGS.clear()
        TRAINING.clear()


def _fails(variants: list[dict[str, Any]]) -> bool:
    return any(v.get("InstanceType") == FAIL_INSTANCE for v in variants)


def _error(code: str, message: str, status: int = 400) -> tuple[int, dict[str, str], str]:
    return status, _JSON, JsonRESTError(code, message).description


# -- every request: log, throttle, rules, paging, tokens, lost replies ---------------------
_original_call_action = SageMakerResponse.call_action


def _call_action(self: SageMakerResponse) -> Any:
    action = self._get_action()
    params = self.params if isinstance(getattr(self, "params", None), dict) else {}
    with _lock:
        CALLS.append(action)
        REQUESTS.append((action, json.loads(json.dumps(params, default=str))))
        if THROTTLE.get(action, 0) > 0:
            THROTTLE[action] -= 1
            return _error("ThrottlingException", "Rate exceeded")
        if action in REFUSE:
            return _error(*REFUSE.pop(action))
    problem = moto_rules.check(action, params)
    if problem:
        return _error("ValidationException", problem)
    token = params.get("ClientToken") or params.get("ClientRequestToken")
    if token and (action, token) in TOKENS:
        return TOKENS[(action, token)]  # idempotent: the first answer again
    key = moto_rules.PAGED.get(action)
    offset = moto_rules.take_page(params) if key else 0
    status, headers, body = _original_call_action(self)
    if key and status == 200:
        body = moto_rules.repage(body, key, offset)
    if token and status == 200:
        TOKENS[(action, token)] = (status, headers, body)
    with _lock:
        if LOSE_RESPONSE.get(action, 0) > 0:
            LOSE_RESPONSE[action] -= 1
            return _error("InternalFailure", "We encountered an internal error. Please try again.", 500)
    return status, headers, body


def _describe_scalable_targets(self: ApplicationAutoScalingResponse) -> str:
    """AWS pages these (50 at most); here two per page, to catch one-page readers."""
    targets = self.applicationautoscaling_backend.describe_scalable_targets(
        self._get_param("ServiceNamespace"), self._get_param("ResourceIds"), self._get_param("ScalableDimension")
    )
    body = json.dumps({"ScalableTargets": [_build_target(t) for t in targets]}, default=str)
    token = self._get_param("NextToken")
    return moto_rules.repage(body, "ScalableTargets", int(token.removeprefix("page-")) if token else 0, self._get_int_param("MaxResults"))


def _targets(backend: SageMakerModelBackend, endpoint: str) -> dict[str, Any]:
    aas = applicationautoscaling_backends[backend.account_id][backend.region_name]
    prefix = f"endpoint/{endpoint}/variant/"
    out = {}
    for by_id in aas.targets.values():
        for rid, target in by_id.items():
            if rid.startswith(prefix):
                out[rid[len(prefix) :]] = target
    return out


# -- endpoint phases -----------------------------------------------------------------------
_original_create_endpoint = SageMakerModelBackend.create_endpoint
_original_describe_endpoint = SageMakerModelBackend.describe_endpoint
_original_weights = SageMakerModelBackend.update_endpoint_weights_and_capacities


def _create_endpoint(self: SageMakerModelBackend, endpoint_name: str, endpoint_config_name: str, tags: Any) -> FakeEndpoint:
    if endpoint_name in self.endpoints:
        raise sm_models.ValidationError(message=f'Cannot create already existing endpoint "{endpoint_name}".')
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


def _delete_endpoint(self: SageMakerModelBackend, endpoint_name: str) -> None:
    endpoint = self.endpoints.get(endpoint_name)
    if endpoint is None:
        raise sm_models.ValidationError(message=f"Could not find endpoint '{endpoint_name}'.")
    if endpoint.endpoint_status == "Deleting":
        raise sm_models.ValidationError(message=f"Cannot delete endpoint '{endpoint_name}': it is already being deleted.")
    endpoint.endpoint_status = "Deleting"
    PENDING[endpoint_name] = (["Deleting", "Deleting"], lambda e: self.endpoints.pop(endpoint_name, None))


def _ready_for_update(endpoint: FakeEndpoint | None, name: str) -> FakeEndpoint:
    if endpoint is None:
        raise sm_models.ValidationError(message=f"Could not find endpoint '{name}'.")
    if endpoint.endpoint_status != "InService":
        raise sm_models.ValidationError(message=f"Cannot update in-progress endpoint '{name}' ({endpoint.endpoint_status}).")
    return endpoint


def _update_weights(self: SageMakerModelBackend, endpoint_name: str, desired_weights_and_capacities: Any) -> str:
    endpoint = _ready_for_update(self.endpoints.get(endpoint_name), endpoint_name)
    before = json.loads(json.dumps(endpoint.production_variants))
    arn = _original_weights(self, endpoint_name, desired_weights_and_capacities)
    for item in desired_weights_and_capacities:
        for v in endpoint.production_variants:
            if v["VariantName"] == item["VariantName"] and item.get("DesiredInstanceCount") is None:
                # moto blanks the count when only the weight is sent; SageMaker keeps it.
                old = next(b for b in before if b["VariantName"] == v["VariantName"])
                for k in ("DesiredInstanceCount", "CurrentInstanceCount"):
                    if k in old:
                        v[k] = old[k]
                    else:
                        v.pop(k, None)
    endpoint.endpoint_status = "Updating"
    if endpoint_name in ROLL_BACK_WEIGHTS:

        def roll_back(e: FakeEndpoint) -> None:
            e.production_variants, e.endpoint_status, e.failure_reason = before, "InService", WEIGHTS_REASON

        PENDING[endpoint_name] = (["Updating", "RollingBack"], roll_back)
    else:
        PENDING[endpoint_name] = (["Updating"], lambda e: setattr(e, "endpoint_status", "InService"))
    return arn  # type: ignore[no-any-return]


def _update_endpoint(self: SageMakerModelBackend, endpoint_name: str, endpoint_config_name: str, request: dict[str, Any]) -> str:
    endpoint = _ready_for_update(self.endpoints.get(endpoint_name), endpoint_name)
    config = self.endpoint_configs.get(endpoint_config_name)
    if config is None:
        raise sm_models.ValidationError(message=f"Could not find endpoint configuration '{endpoint_config_name}'.")
    current = self.endpoint_configs[endpoint.endpoint_config_name].production_variants
    old = {v["VariantName"]: v for v in current}
    new = {v["VariantName"]: v for v in config.production_variants}
    if request.get("DeploymentConfig") and set(old) != set(new):
        raise sm_models.ValidationError(message=GUARDRAIL_REASON)
    for variant in _targets(self, endpoint_name):
        if variant in old and (variant not in new or new[variant].get("InstanceType") != old[variant].get("InstanceType")):
            raise sm_models.ValidationError(
                message=f"The update would remove or change the instance type of variant {variant}, which is a target for auto scaling. Deregister it first."
            )
    endpoint.endpoint_status = "Updating"
    variants = config.production_variants
    retained = {v["VariantName"]: v for v in endpoint.production_variants}
    excluded = {x.get("VariantPropertyType") for x in request.get("ExcludeRetainedVariantProperties") or []}

    def finish(e: FakeEndpoint) -> None:
        e.endpoint_status = "InService"
        if any(v.get("InstanceType") == STUCK_INSTANCE for v in variants):
            e.endpoint_status, e.failure_reason = "UpdateRollbackFailed", STUCK_REASON
            return
        if _fails(variants):
            e.failure_reason = ROLLBACK_REASON
            return
        e.failure_reason = None
        e.endpoint_config_name = endpoint_config_name
        e.production_variants = e._process_production_variants(variants)
        if request.get("RetainAllVariantProperties"):
            for v in e.production_variants:
                kept = retained.get(v["VariantName"], {})
                for prop, keys in (("DesiredInstanceCount", ("DesiredInstanceCount", "CurrentInstanceCount")), ("DesiredWeight", ("DesiredWeight", "CurrentWeight"))):
                    if prop not in excluded and kept.get(keys[0]) is not None:
                        for k in keys:
                            v[k] = kept[keys[0]]

    failing = _fails(variants) or any(v.get("InstanceType") == STUCK_INSTANCE for v in variants)
    phases = ["Updating", "RollingBack"] if failing else ["Updating", "Updating"]
    PENDING[endpoint_name] = (phases, finish)
    return endpoint.arn


def _update_endpoint_response(self: SageMakerResponse) -> str:
    request = {
        "EndpointName": self._get_param("EndpointName"),
        "EndpointConfigName": self._get_param("EndpointConfigName"),
        "DeploymentConfig": self._get_param("DeploymentConfig"),
        "RetainAllVariantProperties": self._get_param("RetainAllVariantProperties"),
        "ExcludeRetainedVariantProperties": self._get_param("ExcludeRetainedVariantProperties"),
    }
    UPDATES.append(request)
    arn = self.sagemaker_backend.update_endpoint(request["EndpointName"], request["EndpointConfigName"], request)
    return json.dumps({"EndpointArn": arn})


_original_validate_instance_type = FakeEndpointConfig.validate_instance_type


def _validate_instance_type(self: FakeEndpointConfig, instance_type: str) -> None:
    if instance_type not in (FAIL_INSTANCE, SLOW_INSTANCE, STUCK_INSTANCE):
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
    if any(p.model_package_group_name == name for p in backend.model_packages.values()):
        raise sm_models.ValidationError(message=f"Model package group {name} still has model packages.")
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
    status, reason, steps = moto_pipelines.run(self, arn, json.loads(pipeline.pipeline_definition))
    execution = pipeline.pipeline_executions[arn]
    execution.pipeline_execution_status = "Executing"
    EXECUTIONS[arn] = {"phases": ["Executing"], "status": status, "reason": reason, "steps": steps}
    return out


def _describe_execution(self: SageMakerModelBackend, pipeline_execution_arn: str) -> dict[str, Any]:
    out = _original_describe_execution(self, pipeline_execution_arn)
    run = EXECUTIONS.get(pipeline_execution_arn)
    if run is None:
        return out
    status = run["phases"].pop(0) if run["phases"] else run["status"]
    for p in self.pipelines.values():
        if pipeline_execution_arn in p.pipeline_executions:
            p.pipeline_executions[pipeline_execution_arn].pipeline_execution_status = status
    out["PipelineExecutionStatus"] = status
    if status == run["status"] and run["reason"]:
        out["FailureReason"] = run["reason"]
    return out


def _list_executions(self: SageMakerResponse) -> str:
    pipeline = self.sagemaker_backend.pipelines[self._get_param("PipelineName")]
    runs = sorted(pipeline.pipeline_executions.values(), key=lambda e: e.creation_time, reverse=self._get_param("SortOrder", "Descending") == "Descending")
    summaries = [
        {
            "PipelineExecutionArn": e.arn,
            "PipelineExecutionStatus": e.pipeline_execution_status,
            "PipelineExecutionDescription": e.pipeline_execution_description,
        }
        for e in runs
    ]
    return json.dumps({"PipelineExecutionSummaries": summaries})


def _list_steps(self: SageMakerResponse) -> str:
    arn = self._get_param("PipelineExecutionArn")
    if arn not in EXECUTIONS:
        raise sm_models.ValidationError(message=f"Could not find pipeline execution '{arn}'.")
    token = self._get_param("NextToken")
    body = json.dumps({"PipelineExecutionSteps": EXECUTIONS[arn]["steps"]})
    return moto_rules.repage(body, "PipelineExecutionSteps", int(token.removeprefix("page-")) if token else 0)


def _describe_training(self: SageMakerModelBackend, training_job_name: str) -> dict[str, Any]:
    if training_job_name in TRAINING:
        return dict(TRAINING[training_job_name])
    return _original_describe_training(self, training_job_name)  # type: ignore[no-any-return]


def install() -> None:
    """Apply every patch (idempotent)."""
    if getattr(SageMakerResponse, "_mlinfra_patched", False):
        return
    SageMakerResponse.call_action = _call_action  # type: ignore[method-assign]
    ApplicationAutoScalingResponse.describe_scalable_targets = _describe_scalable_targets  # type: ignore[method-assign]
    SageMakerModelBackend.create_endpoint = _create_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.describe_endpoint = _describe_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.delete_endpoint = _delete_endpoint  # type: ignore[method-assign]
    SageMakerModelBackend.update_endpoint_weights_and_capacities = _update_weights  # type: ignore[method-assign]
    SageMakerModelBackend.update_endpoint = _update_endpoint  # type: ignore[attr-defined]
    SageMakerResponse.update_endpoint = _update_endpoint_response  # type: ignore[attr-defined]
    FakeEndpointConfig.validate_instance_type = _validate_instance_type  # type: ignore[method-assign]
    SageMakerResponse.delete_model_package = _delete_model_package  # type: ignore[attr-defined]
    SageMakerResponse.delete_model_package_group = _delete_model_package_group  # type: ignore[attr-defined]
    SageMakerModelBackend.start_pipeline_execution = _start_execution  # type: ignore[method-assign]
    SageMakerModelBackend.describe_pipeline_execution = _describe_execution  # type: ignore[method-assign]
    SageMakerResponse.list_pipeline_executions = _list_executions  # type: ignore[method-assign]
    SageMakerResponse.list_pipeline_execution_steps = _list_steps  # type: ignore[attr-defined]
    SageMakerModelBackend.describe_training_job = _describe_training  # type: ignore[method-assign]
    moto_monitoring.install()
    SageMakerResponse._mlinfra_patched = True  # type: ignore[attr-defined]
