"""The SageMaker model registry: model package groups, versioned packages and their
approval status (the portable ``registry { group, stage }``)."""

from __future__ import annotations

from typing import Any

from mlinfra.providers import ResourceError
from mlinfra_provider_aws.clients import AwsClients

STATUSES = ("Approved", "PendingManualApproval", "Rejected")
_ALIASES = {
    "approved": "Approved",
    "production": "Approved",
    "pendingmanualapproval": "PendingManualApproval",
    "pending": "PendingManualApproval",
    "staging": "PendingManualApproval",
    "rejected": "Rejected",
    "archived": "Rejected",
}


def approval_status(stage: str | None) -> str:
    """``stage`` as a ModelApprovalStatus; ValueError listing the accepted values."""
    if stage is None:
        return "PendingManualApproval"
    key = stage.replace("_", "").replace("-", "").replace(" ", "").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    raise ValueError(
        f'"{stage}" is not a SageMaker approval status; use one of {", ".join(STATUSES)} '
        f"(or {', '.join(sorted(k for k in _ALIASES if k not in {s.lower() for s in STATUSES}))})."
    )


def stage_of(status: str | None, configured: str | None) -> str | None:
    """The configured spelling of ``status`` when they agree, else the service's value."""
    if configured is not None and approval_status(configured) == status:
        return configured
    if configured is None and status == "PendingManualApproval":
        return None
    return status


def ensure_group(aws: AwsClients, address: str, group: str, tags: list[dict[str, str]]) -> None:
    if aws.try_call("sagemaker", "describe_model_package_group", address, ModelPackageGroupName=group) is not None:
        return
    try:
        aws.call(
            "sagemaker",
            "create_model_package_group",
            address,
            ModelPackageGroupName=group,
            ModelPackageGroupDescription="Created by mlinfra",
            Tags=tags,
        )
    except ResourceError:
        # Two models of one group applied in parallel: the other one created it.
        if aws.try_call("sagemaker", "describe_model_package_group", address, ModelPackageGroupName=group) is None:
            raise


def register(
    aws: AwsClients,
    address: str,
    reg: dict[str, Any],
    image: str,
    data_url: str,
    model_name: str,
    tags: list[dict[str, str]],
) -> dict[str, Any]:
    """Create a package version in ``reg["group"]``; its ARN and version number."""
    group = reg["group"]
    ensure_group(aws, address, group, tags)
    resp = aws.call(
        "sagemaker",
        "create_model_package",
        address,
        ModelPackageGroupName=group,
        ModelPackageDescription=f"{address} ({model_name})",
        InferenceSpecification={
            "Containers": [{"Image": image, "ModelDataUrl": data_url}],
            "SupportedContentTypes": ["text/csv", "application/json"],
            "SupportedResponseMIMETypes": ["text/csv", "application/json"],
        },
        ModelApprovalStatus=approval_status(reg.get("stage")),
        CustomerMetadataProperties={"mlinfra:address": address, "mlinfra:model": model_name},
        Tags=tags,
    )
    arn = resp["ModelPackageArn"]
    pkg = aws.call("sagemaker", "describe_model_package", address, ModelPackageName=arn)
    return {"arn": arn, "version": pkg.get("ModelPackageVersion")}


def unregister(aws: AwsClients, address: str, package_arn: str) -> None:
    aws.try_call("sagemaker", "delete_model_package", address, ModelPackageName=package_arn)
