"""The blocks the local provider owns: ``provider "local" { ... }`` and the ``local { ...
}`` block inside an endpoint, a pipeline and a monitor.

They are the provider's schema, read by ``mlinfra validate`` and by every plan, so they
are shapes (``mlinfra.shapes``, no pydantic) and this module imports none of the
handlers (and no HTTP, process or report code).
"""

from __future__ import annotations

from mlinfra.shapes import Shape, field
from mlinfra_provider_local.instances import DEFAULT_MAX_BATCH, DEFAULT_MAX_REQUEST_BYTES

__all__ = ["EndpointBlock", "LocalConfig", "MonitorBlock", "PipelineBlock"]


class LocalConfig(Shape):
    """The ``provider "local" {}`` block."""

    allowed_estimator_prefixes: list[str] = field(
        default_factory=list,
        description="Dotted-path prefixes of estimators allowed besides sklearn.* (e.g. xgboost.).",
    )
    state_dir: str = field(
        default=".mlinfra/local",
        description=(
            "Where datasets, runs, the registry and endpoints live, relative to the configuration "
            "directory. The default workspace uses this folder; workspace W uses <state_dir>.d/W."
        ),
    )


class EndpointBlock(Shape):
    """``local { ... }`` inside an endpoint."""

    port: int | None = field(
        default=None, ge=1, le=65535, description="Port on 127.0.0.1 (default: a free one)."
    )
    startup_timeout: float = field(
        default=60, gt=0, description="Seconds to wait for /health after start."
    )
    max_request_bytes: int = field(
        default=DEFAULT_MAX_REQUEST_BYTES,
        ge=1,
        le=1 << 30,
        description="The largest request body the server takes; a larger one gets 413.",
    )
    max_batch_size: int = field(
        default=DEFAULT_MAX_BATCH,
        ge=1,
        le=1_000_000,
        description="The most rows (instances) one prediction request may hold.",
    )


class PipelineBlock(Shape):
    """``local { ... }`` inside a pipeline."""

    timeout: float = field(default=3600, gt=0, description="Seconds a training run may take.")


class MonitorBlock(Shape):
    """``local { ... }`` inside a monitor."""

    min_samples: int = field(
        default=30, ge=1, description="Fewest live rows to compare; fewer is status no_data."
    )
