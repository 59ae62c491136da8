"""``GcpProvider``: the provider "gcp" block, its configure step and the handlers.

Configuring checks the project, the region and the credentials (Application Default
Credentials, a service-account key file, or anonymous for emulators and tests) before
any resource is touched, so a missing one is one clear error with the fix instead of a
failure halfway through an apply.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.providers import PROTOCOL_VERSION, CrudProvider, Resource
from mlinfra_provider_gcp import naming
from mlinfra_provider_gcp.clients import GcpClients
from mlinfra_provider_gcp.config import ProviderConfig
from mlinfra_provider_gcp.context import GcpContext
from mlinfra_provider_gcp.data_sources import DATA_SOURCES
from mlinfra_provider_gcp.dataset import DatasetResource
from mlinfra_provider_gcp.endpoint import EndpointResource
from mlinfra_provider_gcp.model import ModelResource
from mlinfra_provider_gcp.pipeline import PipelineResource


class GcpProvider(CrudProvider):
    """GCS datasets and Vertex AI pipeline jobs, models and endpoints."""

    name: ClassVar[str] = "gcp"
    protocol_version: ClassVar[int] = PROTOCOL_VERSION
    context_class: ClassVar[type[GcpContext]] = GcpContext
    config_model: ClassVar[type[ProviderConfig]] = ProviderConfig
    resources: ClassVar[tuple[type[Resource], ...]] = (
        DatasetResource,
        PipelineResource,
        ModelResource,
        EndpointResource,
    )
    data_sources = DATA_SOURCES

    ctx: GcpContext

    @property
    def clients(self) -> GcpClients | None:
        return self.ctx.clients

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        problems = naming.label_problems(config.labels, "Default")
        if config.staging_bucket is not None and not config.staging_bucket.startswith("gs://"):
            problems.append(f'staging_bucket = "{config.staging_bucket}" is not a gs:// URI; write "gs://BUCKET".')
        clients = GcpClients(config, self.ctx.workdir)
        try:
            problems += clients.check()
        except DiagnosticsError as e:
            return list(e.diagnostics.items)
        except Exception as e:  # noqa: BLE001 - e.g. an unreadable key file
            return [d.error('Cannot configure provider "gcp"', f"{type(e).__name__}: {e}")]
        if not problems:
            self.ctx.clients = clients
        return [d.error('Provider "gcp" is not ready', p) for p in problems]
