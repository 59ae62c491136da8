"""``LocalProvider``: the provider class the ``mlinfra.providers`` entry point names.

It validates the provider block (``provider "local" { ... }``), sets up the handlers'
context (the on-disk store) and lists each kind (``kinds``) with the handler that
serves it, imported the first time an object of that kind is read, planned or changed:
the schema and ``mlinfra validate`` load none of the handlers, a plan only those of the
kinds it has. Importing it imports no scikit-learn, numpy or uvicorn.
"""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra.providers import PROTOCOL_VERSION, CrudProvider
from mlinfra_provider_local.blocks import LocalConfig
from mlinfra_provider_local.context import DEFAULT_PREFIXES, LocalContext
from mlinfra_provider_local.data_sources import DATA_SOURCES
from mlinfra_provider_local.kinds import HANDLERS, KINDS
from mlinfra_provider_local.store import Store

__all__ = ["DEFAULT_PREFIXES", "LocalConfig", "LocalProvider"]


class LocalProvider(CrudProvider):
    """Datasets, training, a model registry and endpoints on this machine."""

    name = "local"
    protocol_version = PROTOCOL_VERSION
    config_model = LocalConfig
    context_class = LocalContext
    resources = KINDS
    lazy_handlers = HANDLERS
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
