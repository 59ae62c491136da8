"""Pydantic models of the aws provider block and of each kind's nested ``aws { }`` block.

These are the provider's schema: the core reads them without importing boto3.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mlinfra.values import contains_unknown


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _one_block(v: Any) -> Any:
    """A nested block may arrive as a one-element list of bodies; take the body."""
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], dict):
        return v[0]
    return v


class AssumeRole(_Strict):
    role_arn: str = Field(description="ARN of the role to assume for every call.")
    session_name: str = Field(default="mlinfra", description="Role session name.")
    external_id: str | None = None


class ProviderConfig(_Strict):
    """The ``provider "aws" { ... }`` block."""

    region: str | None = Field(default=None, description="AWS region; else AWS_REGION / AWS_DEFAULT_REGION / the profile's.")
    profile: str | None = Field(default=None, description="Named profile of the shared config files.")
    assume_role: AssumeRole | None = None
    endpoint_url: str | None = Field(
        default=None,
        description="Endpoint for every service (S3-compatible stores, test servers); AWS_ENDPOINT_URL works too.",
    )
    default_tags: dict[str, str] = Field(default_factory=dict, description="Tags added to every object.")
    execution_role_arn: str | None = Field(
        default=None, description="SageMaker execution role, unless a resource's aws block overrides it."
    )
    artifact_bucket: str | None = Field(default=None, description="S3 bucket where local artifacts are uploaded.")
    poll_interval: float = Field(default=15.0, gt=0, description="Seconds between status polls while waiting.")
    wait_timeout: float = Field(default=3600.0, gt=0, description="Longest wait for an endpoint or a pipeline run.")
    retry_timeout: float = Field(default=120.0, ge=0, description="Longest time spent retrying throttled calls.")

    @field_validator("assume_role", mode="before")
    @classmethod
    def _assume_role_block(cls, v: Any) -> Any:
        return _one_block(v)


class ModelBlock(_Strict):
    """``aws { }`` inside a model."""

    execution_role_arn: str | None = None
    environment: dict[str, str] = Field(default_factory=dict, description="Container environment variables.")
    name: str | None = Field(default=None, description="Base of the generated model name.")


class EndpointBlock(_Strict):
    """``aws { }`` inside an endpoint."""

    name: str | None = Field(default=None, description="Endpoint name; default: the resource name.")
    instance_type: str = Field(default="ml.m5.large", description="Instance type of variants that set none.")
    data_capture_uri: str | None = Field(default=None, description="S3 URI for captured requests.")
    termination_wait: int = Field(default=0, ge=0, description="Seconds the old fleet is kept after a blue/green swap.")
    scale_in_cooldown: int = Field(default=300, ge=0)
    scale_out_cooldown: int = Field(default=60, ge=0)


class PipelineBlock(_Strict):
    """``aws { }`` inside a pipeline."""

    execution_role_arn: str | None = None
    name: str | None = Field(default=None, description="Pipeline name; default: the resource name.")
    output_path: str | None = Field(default=None, description="S3 prefix for step outputs; default: the artifact bucket.")
    instance_type: str = Field(default="ml.m5.large", description="Instance type of steps that set none.")
    max_runtime: int = Field(default=86400, gt=0, description="Longest run of one step, in seconds.")
    volume_size: int = Field(default=30, gt=0, description="Step volume size in GB.")


def parse_block(model: type[BaseModel], config: dict[str, Any]) -> Any:
    """The resource's aws block, validated (defaults when absent). At plan time a value
    not known yet falls back to its default; callers that derive names check first."""
    raw = _one_block(config.get("aws"))
    if not isinstance(raw, dict):
        raw = {}
    return model.model_validate({k: v for k, v in raw.items() if not contains_unknown(v)})
