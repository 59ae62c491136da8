"""``AwsProvider``: the provider "aws" block, its configure step and the handlers.

Configuring checks the region and the credentials (boto3's normal chain, an optional
profile and role to assume) before any resource is touched, so a missing one is one
clear error with the fix instead of a failure halfway through an apply.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.providers import CrudProvider, Resource, ResourceError
from mlinfra.providers.protocol import ReadRequest, ReadResponse
from mlinfra_provider_aws.clients import AwsClients, to_stderr
from mlinfra_provider_aws.config import ProviderConfig
from mlinfra_provider_aws.dataset import DatasetResource
from mlinfra_provider_aws.endpoint import EndpointResource
from mlinfra_provider_aws.model import ModelResource
from mlinfra_provider_aws.pipeline import PipelineResource


class AwsProvider(CrudProvider):
    """S3 datasets and SageMaker pipelines, models and endpoints."""

    name: ClassVar[str] = "aws"
    config_model: ClassVar[type[ProviderConfig]] = ProviderConfig
    resources: ClassVar[tuple[type[Resource], ...]] = (
        DatasetResource,
        PipelineResource,
        ModelResource,
        EndpointResource,
    )

    def __init__(self) -> None:
        super().__init__()
        self.clients: AwsClients | None = None

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        clients = AwsClients(config, notify=self._notify)
        try:
            problems = clients.check()
        except DiagnosticsError as e:
            return list(e.diagnostics.items)
        except ResourceError as e:
            return [d.error(e.summary, e.detail)]
        except Exception as e:  # noqa: BLE001 - e.g. an unknown profile
            return [d.error('Cannot configure provider "aws"', f"{type(e).__name__}: {e}")]
        self.clients = clients
        return [d.error('Provider "aws" is not ready', p) for p in problems]

    def _notify(self, message: str) -> None:
        """Say what a call waits for: beside the resource during apply, else on stderr
        (a plan or refresh that cannot reach AWS is not silent)."""
        if getattr(self._applying, "progress", None) is not None:
            self.progress(message)
        else:
            to_stderr(message)

    def read(self, req: ReadRequest) -> ReadResponse:
        # Import: the handlers read by the id, which an import request carries apart.
        if req.id is not None and not req.attributes.get("id"):
            req = ReadRequest(req.kind, req.address, req.id, {**req.attributes, "id": req.id}, req.private)
        return super().read(req)
