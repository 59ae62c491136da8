"""Shapes (``mlinfra.shapes``) of the aws provider block and of each kind's nested ``aws { }`` block.

These are the provider's schema: the core reads them without importing boto3.
"""

from __future__ import annotations

from typing import Any

from mlinfra.shapes import Shape, field, field_validator
from mlinfra.values import contains_unknown
from mlinfra_provider_aws import naming


def _one_block(v: Any) -> Any:
    """A nested block may arrive as a one-element list of bodies; take the body."""
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], dict):
        return v[0]
    return v


class AssumeRole(Shape):
    role_arn: str = field(description="ARN of the role to assume for every call.")
    session_name: str = field(default="mlinfra", description="Role session name.")
    external_id: str | None = None


class ProviderConfig(Shape):
    """The ``provider "aws" { ... }`` block."""

    region: str | None = field(default=None, description="AWS region; else AWS_REGION / AWS_DEFAULT_REGION / the profile's.")
    profile: str | None = field(default=None, description="Named profile of the shared config files.")
    assume_role: AssumeRole | None = None
    endpoint_url: str | None = field(
        default=None,
        description="Endpoint for every service (S3-compatible stores, test servers); AWS_ENDPOINT_URL works too.",
    )
    default_tags: dict[str, str] = field(default_factory=dict, description="Tags added to every object.")
    execution_role_arn: str | None = field(
        default=None, description="SageMaker execution role, unless a resource's aws block overrides it."
    )
    artifact_bucket: str | None = field(default=None, description="S3 bucket where local artifacts are uploaded.")
    poll_interval: float = field(default=15.0, gt=0, description="Seconds between status polls while waiting.")
    wait_timeout: float = field(default=3600.0, gt=0, description="Longest wait for an endpoint or a pipeline run.")
    retry_timeout: float = field(default=120.0, ge=0, description="Longest time spent retrying throttled calls.")
    connect_timeout: float = field(default=5.0, gt=0, description="Seconds to wait for a connection to AWS.")
    read_timeout: float = field(default=60.0, gt=0, description="Seconds to wait for an answer on an open connection.")

    @field_validator("assume_role", mode="before")
    @classmethod
    def _assume_role_block(cls, v: Any) -> Any:
        return _one_block(v)


class ModelBlock(Shape):
    """``aws { }`` inside a model."""

    execution_role_arn: str | None = None
    environment: dict[str, str] = field(default_factory=dict, description="Container environment variables.")
    name: str | None = field(default=None, description="Base of the generated model name (at most 54 characters).")

    @field_validator("name")
    @classmethod
    def _name(cls, v: Any) -> Any:
        # The generated name appends "-" and an 8-character content hash.
        return _checked_name(v, "Model name", naming.MAX_NAME - 9)


class EndpointBlock(Shape):
    """``aws { }`` inside an endpoint."""

    name: str | None = field(default=None, description="Endpoint name; default: the resource name.")
    instance_type: str = field(default="ml.m5.large", description="Instance type of variants that set none.")
    data_capture_uri: str | None = field(default=None, description="S3 URI for captured requests.")
    termination_wait: int = field(default=0, ge=0, description="Seconds the old fleet is kept after a blue/green swap.")
    scale_in_cooldown: int = field(default=300, ge=0)
    scale_out_cooldown: int = field(default=60, ge=0)

    @field_validator("name")
    @classmethod
    def _name(cls, v: Any) -> Any:
        return _checked_name(v, "Endpoint name")


class PipelineBlock(Shape):
    """``aws { }`` inside a pipeline."""

    execution_role_arn: str | None = None
    name: str | None = field(default=None, description="Pipeline name; default: the resource name.")
    output_path: str | None = field(default=None, description="S3 prefix for step outputs; default: the artifact bucket.")
    instance_type: str = field(default="ml.m5.large", description="Instance type of steps that set none.")
    max_runtime: int = field(default=86400, gt=0, description="Longest run of one step, in seconds.")
    volume_size: int = field(default=30, gt=0, description="Step volume size in GB.")
    label: str | None = field(
        default=None,
        description="Column an estimator step predicts; default: a column named target, else the last column.",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, v: Any) -> Any:
        return _checked_name(v, "Pipeline name", 256)


class MonitorBlock(Shape):
    """``aws { }`` inside a monitor."""

    name: str | None = field(default=None, description="Monitoring schedule name; default: the resource name.")
    execution_role_arn: str | None = None
    output_uri: str | None = field(default=None, description="S3 prefix of the reports; default: the artifact bucket.")
    baseline_statistics: str | None = field(
        default=None, description="S3 URI of a baselining job's statistics.json, for distribution drift checks."
    )
    image_uri: str | None = field(default=None, description="Analyzer image; default: SageMaker's for the region.")
    instance_type: str = "ml.m5.xlarge"
    instance_count: int = field(default=1, ge=1)
    volume_size: int = field(default=20, gt=0, description="GB of storage for each run.")
    max_runtime: int = field(default=3600, gt=0, le=3600, description="Longest run, in seconds (at most an hour).")

    @field_validator("name")
    @classmethod
    def _name(cls, v: Any) -> Any:
        return _checked_name(v, "Monitoring schedule name", naming.MAX_NAME - 9)


def _checked_name(v: Any, what: str, limit: int = naming.MAX_NAME) -> Any:
    """A name SageMaker accepts, as written (never silently rewritten); ValueError with the fix."""
    problem = naming.name_problem(v, what, limit) if isinstance(v, str) else None
    if problem:
        raise ValueError(problem)
    return v


def parse_block(model: type[Shape], config: dict[str, Any]) -> Any:
    """The resource's aws block, validated (defaults when absent). At plan time a value
    not known yet falls back to its default; callers that derive names check first."""
    raw = _one_block(config.get("aws"))
    if not isinstance(raw, dict):
        raw = {}
    return model.model_validate({k: v for k, v in raw.items() if not contains_unknown(v)})
