"""The SageMaker model registry: model package groups, versioned packages and their
approval status (the portable ``registry { group, stage, delete_versions_on_destroy }``).

Registry versions are audit data (who approved what, when): they outlive the model that
registered them unless ``delete_versions_on_destroy = true``. A group mlinfra creates is
tagged as mlinfra's, and deleted with the last of its versions when versions are deleted.
"""

from __future__ import annotations

from typing import Any

from mlinfra.providers import ResourceError
from mlinfra_provider_aws import naming
from mlinfra_provider_aws.clients import AwsClients, token

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
        CustomerMetadataProperties={"mlinfra:address": naming.encode_address(address), "mlinfra:model": model_name},
        Tags=tags,
        ClientToken=token(),  # one version per apply, whatever the retries
    )
    arn = resp["ModelPackageArn"]
    pkg = aws.call("sagemaker", "describe_model_package", address, ModelPackageName=arn)
    return {"arn": arn, "version": pkg.get("ModelPackageVersion")}


def deletes_versions(reg: Any) -> bool:
    return isinstance(reg, dict) and bool(reg.get("delete_versions_on_destroy"))


def fate(reg: Any) -> str:
    """What a destroy or replacement does to the registered version, as the plan says it."""
    group = reg.get("group") if isinstance(reg, dict) else None
    if deletes_versions(reg):
        return f"its version in model package group {group} is deleted with it (delete_versions_on_destroy)"
    return f"its version in model package group {group} is kept (registry versions outlive the model)"


def unregister(aws: AwsClients, address: str, package_arn: str, group: str | None) -> None:
    """Delete a package version, then its group if mlinfra made it and it is now empty."""
    aws.try_call("sagemaker", "delete_model_package", address, ModelPackageName=package_arn)
    if not group:
        return
    if next(iter(aws.pages("sagemaker", "list_model_packages", "ModelPackageSummaryList", address, ModelPackageGroupName=group)), None):
        return
    live = aws.try_call("sagemaker", "describe_model_package_group", address, ModelPackageGroupName=group)
    if live is None:
        return
    tags = aws.call("sagemaker", "list_tags", address, ResourceArn=live["ModelPackageGroupArn"]).get("Tags", [])
    if naming.tag_value(tags, naming.MANAGED_BY[0]) == naming.MANAGED_BY[1]:
        aws.try_call("sagemaker", "delete_model_package_group", address, ModelPackageGroupName=group)
