"""Pure translations of the portable endpoint arguments into SageMaker shapes:
production variants, data capture, the blue/green DeploymentConfig of a rollout, and
Application Auto Scaling targets and policies."""

from __future__ import annotations

from typing import Any

from mlinfra_provider_aws import naming
from mlinfra_provider_aws.clients import AwsClients
from mlinfra_provider_aws.config import EndpointBlock

SCALABLE_DIMENSION = "sagemaker:variant:DesiredInstanceCount"
ROLLOUT_GATE_KEYS = frozenset({"alarms"})


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
        pct = max(1, min(100, 100 // int(steps or 4)))
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


def register_autoscaling(aws: AwsClients, address: str, endpoint: str, config: dict[str, Any], block: EndpointBlock) -> None:
    scaling = config.get("autoscaling")
    if not scaling:
        return
    for variant in sorted(config.get("variant") or {}):
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


def scalable_targets(aws: AwsClients, address: str, endpoint: str) -> dict[str, dict[str, int]]:
    """{variant: {"min": n, "max": n}} of the targets registered on ``endpoint``."""
    resp = aws.call(
        "application-autoscaling",
        "describe_scalable_targets",
        address,
        ServiceNamespace="sagemaker",
        ScalableDimension=SCALABLE_DIMENSION,
    )
    out = {}
    prefix = f"endpoint/{endpoint}/variant/"
    for t in resp.get("ScalableTargets", []):
        if t["ResourceId"].startswith(prefix):
            out[t["ResourceId"][len(prefix) :]] = {"min": t["MinCapacity"], "max": t["MaxCapacity"]}
    return out


def deregister_autoscaling(aws: AwsClients, address: str, endpoint: str) -> None:
    """Remove every target on ``endpoint`` (SageMaker refuses config swaps under them)."""
    for variant in scalable_targets(aws, address, endpoint):
        aws.try_call(
            "application-autoscaling",
            "deregister_scalable_target",
            address,
            ServiceNamespace="sagemaker",
            ResourceId=resource_id(endpoint, variant),
            ScalableDimension=SCALABLE_DIMENSION,
        )
