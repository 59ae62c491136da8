"""``LocalProvider``: the provider class the ``mlinfra.providers`` entry point names.

It holds the provider block's settings (``provider "local" { ... }``) and the on-disk
store, and lists one handler per kind. Importing it imports no scikit-learn, numpy or
uvicorn.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from mlinfra import diagnostics as d
from mlinfra.providers import CrudProvider
from mlinfra.providers.protocol import ReadRequest, ReadResponse
from mlinfra_provider_local.base import LocalResource
from mlinfra_provider_local.datasets import DatasetResource
from mlinfra_provider_local.endpoints import EndpointResource
from mlinfra_provider_local.models import ModelResource
from mlinfra_provider_local.pipelines import DEFAULT_PREFIXES, PipelineResource
from mlinfra_provider_local.store import Store


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
    config_model = LocalConfig
    resources = (DatasetResource, PipelineResource, ModelResource, EndpointResource)

    def __init__(self) -> None:
        super().__init__()
        self.config = LocalConfig()
        self.store = Store(self.workdir)
        # ``mlinfra validate`` asks an unconfigured instance: checks that depend on the
        # provider block (the allowed estimators) wait for a configured one.
        self.configured = False

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        assert isinstance(config, LocalConfig)
        self.store = Store(self.workdir, config.state_dir, self.workspace)
        self.configured = True
        return []

    def read(self, req: ReadRequest) -> ReadResponse:
        # An import reads with the object's id and no attributes; the CRUD base hands
        # handlers only the attributes, so the id travels in them.
        handler = self.handlers.get(req.kind)
        if req.id is None or req.attributes or not isinstance(handler, LocalResource):
            return super().read(req)
        resp = ReadResponse(attributes=None, private=dict(req.private))
        try:
            resp.attributes = handler.read_or_adopt(req.address, {"id": req.id})
        except Exception as e:  # noqa: BLE001 - reported like any read failure
            resp.diagnostics.add(
                d.error(f"Cannot import {req.address}", str(e), address=req.address)
            )
        return resp

    @property
    def estimator_prefixes(self) -> tuple[str, ...]:
        extra = tuple(
            p if p.endswith(".") else p + "." for p in self.config.allowed_estimator_prefixes
        )
        return DEFAULT_PREFIXES + extra
