"""Shapes (``mlinfra.shapes``) of the azure provider block and of each kind's nested ``azure { }``
block. These are the provider's schema: the core reads them without importing Azure."""

from __future__ import annotations

from typing import Any, Literal

from mlinfra.shapes import SecretStr, Shape, field
from mlinfra.values import contains_unknown


class ProviderConfig(Shape):
    """The ``provider "azure" { ... }`` block."""

    subscription_id: str | None = field(default=None, description="Azure subscription; else AZURE_SUBSCRIPTION_ID.")
    resource_group: str | None = field(default=None, description="Resource group of the workspace; else AZURE_RESOURCE_GROUP.")
    workspace: str | None = field(default=None, description="Azure ML workspace name; else AZUREML_WORKSPACE_NAME.")
    client_id: str | None = field(default=None, description="Service principal application id (with tenant_id and client_secret).")
    tenant_id: str | None = field(default=None, description="Microsoft Entra tenant of the service principal.")
    client_secret: SecretStr | None = field(default=None, description="Service principal secret (never shown).")
    use_cli: bool = field(default=False, description="Use the signed-in Azure CLI (az login) for credentials.")
    tags: dict[str, str] = field(default_factory=dict, description="Tags added to every object.")
    endpoint_url: str | None = field(
        default=None,
        description="Azure ML front end for every call (a private or test endpoint); AZUREML_DEV_URL_MFE works too.",
    )
    storage_url: str | None = field(
        default=None, description="Blob endpoint of the default datastore's account (a private or test endpoint)."
    )
    poll_interval: float = field(default=5.0, gt=0, description="Seconds between polls of a long-running operation.")
    wait_timeout: float = field(default=3600.0, gt=0, description="Longest wait for one deployment or job.")
    retry_timeout: float = field(default=120.0, ge=0, description="Longest time spent retrying throttled calls.")


class ModelBlock(Shape):
    """``azure { }`` inside a model."""

    name: str | None = field(default=None, description="Model asset name; default: the resource name.")
    type: Literal["custom_model", "mlflow_model"] = "custom_model"
    keep_versions: bool = field(default=True, description="Keep the model versions in the workspace on destroy.")
    description: str | None = None


class EndpointBlock(Shape):
    """``azure { }`` inside an endpoint."""

    name: str | None = field(default=None, description="Endpoint name; default: the resource name.")
    instance_type: str = field(default="Standard_DS3_v2", description="VM size of variants that set none.")
    auth_mode: Literal["key", "aml_token", "aad_token"] = "key"
    environment: str | None = field(
        default=None, description="Environment (azureml:NAME:VERSION) of custom models; mlflow models need none."
    )
    scoring_script: str | None = field(default=None, description="Scoring script inside `code` for custom models.")
    code: str | None = field(default=None, description="Code asset (azureml:NAME:VERSION) holding the scoring script.")


class DatasetBlock(Shape):
    """``azure { }`` inside a dataset."""

    name: str | None = field(default=None, description="Data asset name; default: the resource name.")
    type: Literal["uri_file", "uri_folder"] | None = field(default=None, description="Default: from the source URI.")


class PipelineBlock(Shape):
    """``azure { }`` inside a pipeline."""

    compute: str = field(default="cpu-cluster", description="Compute cluster the steps run on.")
    experiment: str | None = field(default=None, description="Experiment name; default: the resource name.")
    target: str | None = field(default=None, description="Label column of the training data; default: the last column.")
    environment: str = field(
        default="azureml://registries/azureml/environments/sklearn-1.5/labels/latest",
        description="Environment of estimator steps.",
    )


def parse_block(model: type[Shape], config: dict[str, Any]) -> Any:
    """The resource's azure block, validated (defaults when absent). A value not known
    yet falls back to its default; callers that derive names check first."""
    raw = config.get("azure")
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if not isinstance(raw, dict):
        raw = {}
    return model.model_validate({k: v for k, v in raw.items() if not contains_unknown(v)})
