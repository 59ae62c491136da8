"""``AzureProvider``: the provider "azure" block, its configure step and the handlers.

Configuring checks the workspace coordinates and that the chosen credential can get a
token before any resource is touched, so a missing setting or credential is one clear
error with the fix instead of a failure halfway through an apply. A credential and an
azure-core transport may be injected (tests, embedders); otherwise the credential is a
service principal, the Azure CLI or ``DefaultAzureCredential``, as the block says.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.providers import PROTOCOL_VERSION, CrudProvider, Resource
from mlinfra_provider_azure import clients
from mlinfra_provider_azure.config import ProviderConfig
from mlinfra_provider_azure.context import AzureContext
from mlinfra_provider_azure.dataset import DatasetResource
from mlinfra_provider_azure.endpoint import EndpointResource
from mlinfra_provider_azure.model import ModelResource
from mlinfra_provider_azure.pipeline import PipelineResource

NOT_READY = 'Provider "azure" is not ready'


class AzureProvider(CrudProvider):
    """Azure ML data assets, model versions, managed online endpoints and pipeline jobs."""

    name: ClassVar[str] = "azure"
    protocol_version: ClassVar[int] = PROTOCOL_VERSION
    context_class: ClassVar[type[AzureContext]] = AzureContext
    config_model: ClassVar[type[ProviderConfig]] = ProviderConfig
    resources: ClassVar[tuple[type[Resource], ...]] = (
        DatasetResource,
        PipelineResource,
        ModelResource,
        EndpointResource,
    )

    def __init__(self, credential: Any = None, transport: Any = None, blob_credential: Any = None) -> None:
        super().__init__()
        self._credential = credential
        self._transport = transport
        self.ctx.blob_credential = blob_credential

    ctx: AzureContext

    @property
    def clients(self) -> clients.AzureClients | None:
        return self.ctx.clients

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        workspace, problems = clients.settings_problems(config)
        if workspace is None:
            return [d.error(NOT_READY, p) for p in problems]
        try:
            credential = self._credential or clients.make_credential(config)
            problem = None if self._credential is not None else clients.credential_problem(config, credential)
            if problem:
                return [d.error(NOT_READY, problem)]
            self.ctx.clients = clients.AzureClients(config, workspace, credential, self._transport)
        except DiagnosticsError as e:
            return list(e.diagnostics.items)
        return []
