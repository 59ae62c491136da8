"""Pure translations of the portable endpoint arguments into SageMaker shapes:
production variants, data capture, the blue/green DeploymentConfig of a rollout, and
Application Auto Scaling targets and policies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlinfra_provider_aws import naming
from mlinfra_provider_aws.clients import AwsClients
from mlinfra_provider_aws.config import EndpointBlock

SCALABLE_DIMENSION = "sagemaker:variant:DesiredInstanceCount"
ROLLOUT_GATE_KEYS = frozenset({"alarms"})
MAX_VARIANTS = 10
# TrafficRoutingConfig: a linear step is 10-50% of the fleet; a canary at most 50%.
LINEAR_STEPS = range(2, 11)
CANARY_STEPS = range(2, 101)

# How an endpoint update reaches the new configuration, as the plan says it.
WEIGHTS_IN_PLACE = "weights shift in place"
CANARY_SWAP = "blue/green canary swap"
LINEAR_SWAP = "blue/green linear swap"
ALL_AT_ONCE_SWAP = "all-at-once swap"


def rollout_problems(config: dict[str, Any]) -> list[str]:
    """What SageMaker would refuse in the variants and rollout, each with the fix."""
    out = []
    variants = config.get("variant")
    if isinstance(variants, dict):
        if len(variants) > MAX_VARIANTS:
            out.append(f"An endpoint has at most {MAX_VARIANTS} variants on SageMaker; this one has {len(variants)}.")
        for vname in sorted(variants):
            problem = naming.name_problem(vname, "Variant name")
            if problem:
                out.append(problem)
    rollout = config.get("rollout")
    if isinstance(rollout, dict) and isinstance(rollout.get("steps"), int):
        strategy, steps = rollout.get("strategy"), rollout["steps"]
        if strategy == "linear" and steps not in LINEAR_STEPS:
            out.append(
                f"A linear rollout in {steps} steps shifts {100 // max(steps, 1)}% at a time; SageMaker needs "
                f"10-50% per step: set steps between {LINEAR_STEPS.start} and {LINEAR_STEPS.stop - 1}."
            )
        if strategy == "canary" and steps not in CANARY_STEPS:
            out.append(
                f"A canary of 1/{steps} of the fleet is not accepted: SageMaker's canary is at most half "
                f"of it: set steps between {CANARY_STEPS.start} and {CANARY_STEPS.stop - 1}."
            )
    return out


def update_path(prior: dict[str, Any], config: dict[str, Any]) -> str | None:
    """Which way an update goes: weights in place, or a swap (canary, linear, all at once)
    onto a new configuration; None when neither variants nor data capture change."""
    before, after = prior.get("variant") or {}, config.get("variant") or {}

    def fleet(variants: dict[str, Any]) -> list[tuple[Any, ...]]:
        return sorted((n, repr(v.get("model")), repr(v.get("instance_type"))) for n, v in variants.items())

    def capacity(variants: dict[str, Any]) -> list[tuple[Any, ...]]:
        return sorted((n, repr(v.get("weight")), repr(v.get("instance_count"))) for n, v in variants.items())

    if fleet(before) == fleet(after) and repr(prior.get("data_capture")) == repr(config.get("data_capture")):
        return WEIGHTS_IN_PLACE if capacity(before) != capacity(after) else None
    strategy = (config.get("rollout") or {}).get("strategy")
    if set(before) != set(after) or strategy not in ("canary", "linear"):
        # Blue/green traffic shifting needs the same variant names on both sides.
        return ALL_AT_ONCE_SWAP
    return CANARY_SWAP if strategy == "canary" else LINEAR_SWAP


def production_variants(config: dict[str, Any], block: EndpointBlock) -> list[dict[str, Any]]:
    out = []
    for name in sorted(config.get("variant") or {}):
        v = config["variant"][name]
        out.append(
            {
                "VariantName": name,
                "ModelName": v["model"],
                "InitialInstanceCount": int(v.get("instance_count", 1)),
                "InstanceType": v.get("instance_type") or block.instance_type,
                "InitialVariantWeight": float(v.get("weight", 100)),
            }
        )
    return out


def data_capture(config: dict[str, Any], block: EndpointBlock, endpoint: str, bucket: str | None) -> dict[str, Any] | None:
    dc = config.get("data_capture")
    if not dc:
        return None
    uri = block.data_capture_uri or (f"s3://{bucket}/mlinfra/data-capture/{endpoint}/" if bucket else None)
    if uri is None:
        raise ValueError(
            "data_capture needs an S3 destination: set `data_capture_uri` in the endpoint's aws block "
            'or `artifact_bucket` in the provider "aws" block.'
        )
    return {
        "EnableCapture": bool(dc.get("enabled", True)),
        "InitialSamplingPercentage": int(dc.get("sample_percent", 100)),
        "DestinationS3Uri": uri,
        "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
    }


def deployment_config(config: dict[str, Any], block: EndpointBlock) -> dict[str, Any] | None:
    """The UpdateEndpoint DeploymentConfig of ``rollout``, None without one."""
    rollout = config.get("rollout")
    if not rollout:
        return None
    strategy = rollout.get("strategy", "all_at_once")
    steps = rollout.get("steps")
    routing: dict[str, Any] = {"WaitIntervalInSeconds": min(3600, naming.seconds(rollout.get("interval"), 0 if strategy == "all_at_once" else 300))}
    if strategy == "canary":
        pct = max(1, min(50, 100 // int(steps or 10)))
        routing.update(Type="CANARY", CanarySize={"Type": "CAPACITY_PERCENT", "Value": pct})
    elif strategy == "linear":
        pct = max(10, min(50, 100 // int(steps or 4)))
        routing.update(Type="LINEAR", LinearStepSize={"Type": "CAPACITY_PERCENT", "Value": pct})
    else:
        routing["Type"] = "ALL_AT_ONCE"
    out: dict[str, Any] = {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": routing,
            "TerminationWaitInSeconds": block.termination_wait,
        }
    }
    alarms = (rollout.get("gates") or {}).get("alarms") or []
    if isinstance(alarms, str):
        alarms = [alarms]
    if alarms:
        out["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": a} for a in alarms]}
    return out


def resource_id(endpoint: str, variant: str) -> str:
    return f"endpoint/{endpoint}/variant/{variant}"


def register_autoscaling(
    aws: AwsClients,
    address: str,
    endpoint: str,
    config: dict[str, Any],
    block: EndpointBlock,
    only: Iterable[str] | None = None,
) -> None:
    """Register (or update) the targets and policies of ``config``'s variants (``only``
    these, when given)."""
    scaling = config.get("autoscaling")
    if not scaling:
        return
    wanted = set(config.get("variant") or {}) if only is None else set(only) & set(config.get("variant") or {})
    for variant in sorted(wanted):
        rid = resource_id(endpoint, variant)
        aws.call(
            "application-autoscaling",
            "register_scalable_target",
            address,
            ServiceNamespace="sagemaker",
            ResourceId=rid,
            ScalableDimension=SCALABLE_DIMENSION,
            MinCapacity=int(scaling.get("min", 1)),
            MaxCapacity=int(scaling.get("max", 1)),
        )
        if scaling.get("target_rps"):
            aws.call(
                "application-autoscaling",
                "put_scaling_policy",
                address,
                PolicyName=f"mlinfra-{variant}-invocations",
                ServiceNamespace="sagemaker",
                ResourceId=rid,
                ScalableDimension=SCALABLE_DIMENSION,
                PolicyType="TargetTrackingScaling",
                TargetTrackingScalingPolicyConfiguration={
                    # The metric counts invocations per instance per minute.
                    "TargetValue": float(scaling["target_rps"]) * 60.0,
                    "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
                    "ScaleInCooldown": block.scale_in_cooldown,
                    "ScaleOutCooldown": block.scale_out_cooldown,
                },
            )


def scalable_targets(aws: AwsClients, address: str, endpoint: str, variants: Iterable[str]) -> dict[str, dict[str, int]]:
    """{variant: {"min": n, "max": n}} of the targets registered on ``endpoint``'s variants:
    asked for by resource id, every page read."""
    ids = sorted({resource_id(endpoint, v) for v in variants})
    out = {}
    prefix = f"endpoint/{endpoint}/variant/"
    for i in range(0, len(ids), 50):
        for t in aws.pages(
            "application-autoscaling",
            "describe_scalable_targets",
            "ScalableTargets",
            address,
            ServiceNamespace="sagemaker",
            ScalableDimension=SCALABLE_DIMENSION,
            ResourceIds=ids[i : i + 50],
        ):
            if t["ResourceId"].startswith(prefix):
                out[t["ResourceId"][len(prefix) :]] = {"min": t["MinCapacity"], "max": t["MaxCapacity"]}
    return out


def target_rps(aws: AwsClients, address: str, endpoint: str, variant: str) -> float | None:
    """The invocations target of the variant's tracking policy, per second."""
    for p in aws.pages(
        "application-autoscaling",
        "describe_scaling_policies",
        "ScalingPolicies",
        address,
        ServiceNamespace="sagemaker",
        ResourceId=resource_id(endpoint, variant),
        ScalableDimension=SCALABLE_DIMENSION,
    ):
        value = (p.get("TargetTrackingScalingPolicyConfiguration") or {}).get("TargetValue")
        if value is not None:
            return float(value) / 60.0
    return None


def deregister_autoscaling(aws: AwsClients, address: str, endpoint: str, variants: Iterable[str]) -> dict[str, dict[str, int]]:
    """Remove the targets on these variants (SageMaker refuses to change the instance
    type of, or remove, a variant under one); the targets that were removed."""
    found = scalable_targets(aws, address, endpoint, variants)
    for variant in sorted(found):
        aws.try_call(
            "application-autoscaling",
            "deregister_scalable_target",
            address,
            ServiceNamespace="sagemaker",
            ResourceId=resource_id(endpoint, variant),
            ScalableDimension=SCALABLE_DIMENSION,
        )
    return found
