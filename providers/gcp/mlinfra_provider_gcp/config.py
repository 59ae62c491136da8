"""Shapes (``mlinfra.shapes``) of the gcp provider block and of each kind's nested ``gcp { }`` block.

These are the provider's schema: the core reads them without importing any Google SDK.
"""

from __future__ import annotations

from typing import Any

from mlinfra.shapes import Shape, field
from mlinfra.values import contains_unknown


def one_block(v: Any) -> Any:
    """A nested block may arrive as a one-element list of bodies; take the body."""
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], dict):
        return v[0]
    return v


class ProviderConfig(Shape):
    """The ``provider "gcp" { ... }`` block."""

    project: str | None = field(default=None, description="Project ID; else GOOGLE_CLOUD_PROJECT or the credentials' project.")
    region: str | None = field(default=None, description="Vertex AI region, e.g. us-central1; else GOOGLE_CLOUD_REGION.")
    credentials: str | None = field(
        default=None,
        description='Application Default Credentials when unset; a service-account key file path; or "anonymous" (emulators, tests).',
    )
    api_endpoint: str | None = field(default=None, description="Vertex AI endpoint; default https://REGION-aiplatform.googleapis.com.")
    storage_endpoint: str | None = field(default=None, description="Cloud Storage endpoint (test and private endpoints).")
    labels: dict[str, str] = field(default_factory=dict, description="Labels added to every object.")
    staging_bucket: str | None = field(default=None, description="gs:// bucket where local artifacts are uploaded, keyed by digest.")
    poll_interval: float = field(default=10.0, gt=0, description="Seconds between polls of a long-running operation.")
    wait_timeout: float = field(default=3600.0, gt=0, description="Longest wait for one operation or pipeline run.")
    retry_timeout: float = field(default=120.0, ge=0, description="Longest time spent retrying throttled (429) and unavailable (503) calls.")


class ModelBlock(Shape):
    """``gcp { }`` inside a model."""

    name: str | None = field(default=None, description="Model ID (the parent of every version); default: the resource name.")
    image: str | None = field(default=None, description="Serving container image; overrides the prebuilt one of `framework`.")
    environment: dict[str, str] = field(default_factory=dict, description="Container environment variables.")
    predict_route: str | None = None
    health_route: str | None = None
    port: int | None = field(default=None, gt=0, lt=65536, description="Port the serving container listens on.")


class EndpointBlock(Shape):
    """``gcp { }`` inside an endpoint."""

    name: str | None = field(default=None, description="Endpoint ID; default: the resource name.")
    machine_type: str = field(default="n1-standard-2", description="Machine type of variants that set no instance_type.")
    service_account: str | None = field(default=None, description="Service account the deployed models run as.")
    request_log_table: str | None = field(
        default=None,
        description="BigQuery destination of data_capture (bq://PROJECT[.DATASET[.TABLE]]); default bq://PROJECT, where Vertex AI creates the table.",
    )


class PipelineBlock(Shape):
    """``gcp { }`` inside a pipeline."""

    name: str | None = field(default=None, description="Base of the pipeline job IDs; default: the resource name.")
    pipeline_root: str | None = field(default=None, description="gs:// root of step outputs; default: the staging bucket.")
    service_account: str | None = None
    target: str | None = field(default=None, description='Label column the trainer fits; default "target", else the last column.')
    trainer_image: str | None = field(default=None, description="Image that runs estimator steps; default: the prebuilt scikit-learn training image.")


def parse_block(model: type[Shape], config: dict[str, Any]) -> Any:
    """The resource's gcp block, validated (defaults when absent). At plan time a value not
    known yet falls back to its default; callers that derive names check first."""
    raw = one_block(config.get("gcp"))
    if not isinstance(raw, dict):
        raw = {}
    return model.model_validate({k: v for k, v in raw.items() if not contains_unknown(v)})
