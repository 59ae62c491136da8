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
from mlinfra.providers import CrudProvider, Resource
from mlinfra.providers.protocol import ReadRequest, ReadResponse
from mlinfra_provider_gcp import naming
from mlinfra_provider_gcp.clients import GcpClients
from mlinfra_provider_gcp.config import ProviderConfig
from mlinfra_provider_gcp.dataset import DatasetResource
from mlinfra_provider_gcp.endpoint import EndpointResource
from mlinfra_provider_gcp.model import ModelResource
from mlinfra_provider_gcp.pipeline import PipelineResource


class GcpProvider(CrudProvider):
    """GCS datasets and Vertex AI pipeline jobs, models and endpoints."""

    name: ClassVar[str] = "gcp"
    config_model: ClassVar[type[ProviderConfig]] = ProviderConfig
    resources: ClassVar[tuple[type[Resource], ...]] = (
        DatasetResource,
        PipelineResource,
        ModelResource,
        EndpointResource,
    )

    def __init__(self) -> None:
        super().__init__()
        self.clients: GcpClients | None = None

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        problems = naming.label_problems(config.labels, "Default")
        if config.staging_bucket is not None and not config.staging_bucket.startswith("gs://"):
            problems.append(f'staging_bucket = "{config.staging_bucket}" is not a gs:// URI; write "gs://BUCKET".')
        clients = GcpClients(config, self.workdir)
        try:
            problems += clients.check()
        except DiagnosticsError as e:
            return list(e.diagnostics.items)
        except Exception as e:  # noqa: BLE001 - e.g. an unreadable key file
            return [d.error('Cannot configure provider "gcp"', f"{type(e).__name__}: {e}")]
        if not problems:
            self.clients = clients
        return [d.error('Provider "gcp" is not ready', p) for p in problems]

    def read(self, req: ReadRequest) -> ReadResponse:
        # Import: the handlers read by the id, which an import request carries apart.
        if req.id is not None and not req.attributes.get("id"):
            req = ReadRequest(req.kind, req.address, req.id, {**req.attributes, "id": req.id}, req.private)
        return super().read(req)
