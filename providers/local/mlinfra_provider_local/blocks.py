"""The blocks the local provider owns: ``provider "local" { ... }`` and the ``local { ...
}`` block inside an endpoint, a pipeline and a monitor.

They are the provider's schema, read by ``mlinfra validate`` and by every plan, so this
module imports none of the handlers (and no HTTP, process or report code).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from mlinfra_provider_local.instances import DEFAULT_MAX_BATCH, DEFAULT_MAX_REQUEST_BYTES

__all__ = ["EndpointBlock", "LocalConfig", "MonitorBlock", "PipelineBlock"]


class LocalConfig(BaseModel):
    """The ``provider "local" {}`` block."""

    model_config = ConfigDict(extra="forbid")

    allowed_estimator_prefixes: list[str] = Field(
        default_factory=list,
        description="Dotted-path prefixes of estimators allowed besides sklearn.* (e.g. xgboost.).",
    )
    state_dir: str = Field(
        default=".mlinfra/local",
        description=(
            "Where datasets, runs, the registry and endpoints live, relative to the configuration "
            "directory. The default workspace uses this folder; workspace W uses <state_dir>.d/W."
        ),
    )


class EndpointBlock(BaseModel):
    """``local { ... }`` inside an endpoint."""

    model_config = ConfigDict(extra="forbid")
    port: int | None = Field(
        default=None, ge=1, le=65535, description="Port on 127.0.0.1 (default: a free one)."
    )
    startup_timeout: float = Field(
        default=60, gt=0, description="Seconds to wait for /health after start."
    )
    max_request_bytes: int = Field(
        default=DEFAULT_MAX_REQUEST_BYTES,
        ge=1,
        le=1 << 30,
        description="The largest request body the server takes; a larger one gets 413.",
    )
    max_batch_size: int = Field(
        default=DEFAULT_MAX_BATCH,
        ge=1,
        le=1_000_000,
        description="The most rows (instances) one prediction request may hold.",
    )


class PipelineBlock(BaseModel):
    """``local { ... }`` inside a pipeline."""

    model_config = ConfigDict(extra="forbid")
    timeout: float = Field(default=3600, gt=0, description="Seconds a training run may take.")


class MonitorBlock(BaseModel):
    """``local { ... }`` inside a monitor."""

    model_config = ConfigDict(extra="forbid")
    min_samples: int = Field(
        default=30, ge=1, description="Fewest live rows to compare; fewer is status no_data."
    )
