"""Data sources of the aws provider, read only:

- ``data "model" "m" { name = "churn", stage = "approved" }``: the newest model package
  of a SageMaker model package group (of that approval status when ``stage`` is given);
  ``id`` is its ARN, ``version`` its ModelPackageVersion;
- ``data "endpoint" "e" { name = "churn" }``: an existing endpoint: its status and its
  endpoint configuration;
- ``data "dataset" "d" { source = "s3://bucket/prefix/" }``: the digest of an object or
  of a prefix's listing, as a dataset of that source records it.
"""

from __future__ import annotations

from typing import Any

from mlinfra.providers import DataSource, ResourceError
from mlinfra_provider_aws import registry, s3
from mlinfra_provider_aws.clients import AwsClients
from mlinfra_provider_aws.context import AwsContext
from mlinfra_provider_aws.resource import clients_of


class _AwsData(DataSource):
    ctx: AwsContext

    @property
    def aws(self) -> AwsClients:
        return clients_of(self.ctx)


class ModelPackageData(_AwsData):
    kind = "model"

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        group, stage = str(config["name"]), config.get("stage")
        try:
            status = registry.approval_status(stage) if stage is not None else None
        except ValueError as e:
            raise ResourceError("Invalid stage", str(e), attribute=("stage",)) from None
        if self.aws.try_call("sagemaker", "describe_model_package_group", address, ModelPackageGroupName=group) is None:
            return None
        filters: dict[str, Any] = {"ModelPackageGroupName": group}
        if status is not None:
            filters["ModelApprovalStatus"] = status
        found = list(self.aws.pages("sagemaker", "list_model_packages", "ModelPackageSummaryList", address, **filters))
        if status is not None:  # the double may not filter; the service does
            found = [p for p in found if p.get("ModelApprovalStatus") == status]
        if not found:
            return None
        newest = max(found, key=lambda p: int(p.get("ModelPackageVersion") or 0))
        pkg = self.aws.call("sagemaker", "describe_model_package", address, ModelPackageName=newest["ModelPackageArn"])
        containers = (pkg.get("InferenceSpecification") or {}).get("Containers") or [{}]
        return {
            "id": pkg["ModelPackageArn"],
            "name": group,
            "version": pkg.get("ModelPackageVersion"),
            "uri": containers[0].get("ModelDataUrl"),
            "digest": None,
            "stage": registry.stage_of(pkg.get("ModelApprovalStatus"), stage),
        }


class EndpointData(_AwsData):
    kind = "endpoint"

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        name = str(config["name"])
        live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live is None or live.get("EndpointStatus") == "Deleting":
            return None
        from mlinfra_provider_aws.endpoint import EndpointResource

        return {
            "id": name,
            "name": name,
            "url": EndpointResource(self.ctx)._url(name),
            "status": live.get("EndpointStatus"),
            "endpoint_config": live.get("EndpointConfigName"),
        }


class DatasetData(_AwsData):
    kind = "dataset"

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        source = str(config["source"])
        if not source.startswith("s3://"):
            raise ResourceError("Invalid source", f'The aws provider reads s3:// sources, not "{source}".', attribute=("source",))
        try:
            digest, version = s3.digest(self.aws, source, address)
        except s3.MissingData:
            return None
        return {"id": source, "source": source, "digest": digest, "version": version or digest[:12]}


DATA_SOURCES: tuple[type[DataSource], ...] = (ModelPackageData, EndpointData, DatasetData)
