"""``LocalProvider``: the provider class the ``mlinfra.providers`` entry point names.

It validates the provider block (``provider "local" { ... }``), sets up the handlers'
context (the on-disk store) and lists one handler per kind. Importing it imports no
scikit-learn, numpy or uvicorn.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mlinfra import diagnostics as d
from mlinfra.providers import PROTOCOL_VERSION, CrudProvider
from mlinfra_provider_local.context import DEFAULT_PREFIXES, LocalContext
from mlinfra_provider_local.data_sources import DATA_SOURCES
from mlinfra_provider_local.datasets import DatasetResource
from mlinfra_provider_local.endpoints import EndpointResource
from mlinfra_provider_local.models import ModelResource
from mlinfra_provider_local.monitors import MonitorResource
from mlinfra_provider_local.pipelines import PipelineResource
from mlinfra_provider_local.store import Store

__all__ = ["DEFAULT_PREFIXES", "LocalConfig", "LocalProvider"]


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


class LocalProvider(CrudProvider):
    """Datasets, training, a model registry and endpoints on this machine."""

    name = "local"
    protocol_version = PROTOCOL_VERSION
    config_model = LocalConfig
    context_class = LocalContext
    resources = (DatasetResource, PipelineResource, ModelResource, EndpointResource, MonitorResource)
    data_sources = DATA_SOURCES
    ctx: LocalContext

    def __init__(self) -> None:
        super().__init__()
        self.ctx.settings = LocalConfig()

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        assert isinstance(config, LocalConfig)
        self.ctx.store = Store(self.ctx.workdir, config.state_dir, self.ctx.workspace)
        return []

    @property
    def store(self) -> Store:
        return self.ctx.store
