"""``AwsProvider``: the provider "aws" block, its configure step and the handlers.

Configuring checks the region and the credentials (boto3's normal chain, an optional
profile and role to assume) before any resource is touched, so a missing one is one
clear error with the fix instead of a failure halfway through an apply.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.providers import PROTOCOL_VERSION, CrudProvider, Resource, ResourceError
from mlinfra_provider_aws.clients import AwsClients
from mlinfra_provider_aws.config import ProviderConfig
from mlinfra_provider_aws.context import AwsContext
from mlinfra_provider_aws.data_sources import DATA_SOURCES
from mlinfra_provider_aws.dataset import DatasetResource
from mlinfra_provider_aws.endpoint import EndpointResource
from mlinfra_provider_aws.model import ModelResource
from mlinfra_provider_aws.monitor import MonitorResource
from mlinfra_provider_aws.pipeline import PipelineResource


class AwsProvider(CrudProvider):
    """S3 datasets and SageMaker pipelines, models, endpoints and Model Monitor schedules."""

    name: ClassVar[str] = "aws"
    protocol_version: ClassVar[int] = PROTOCOL_VERSION
    context_class: ClassVar[type[AwsContext]] = AwsContext
    config_model: ClassVar[type[ProviderConfig]] = ProviderConfig
    resources: ClassVar[tuple[type[Resource], ...]] = (
        DatasetResource,
        PipelineResource,
        ModelResource,
        EndpointResource,
        MonitorResource,
    )
    data_sources = DATA_SOURCES

    ctx: AwsContext

    @property
    def clients(self) -> AwsClients | None:
        return self.ctx.clients

    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        clients = AwsClients(config, notify=self.ctx.notify)
        try:
            problems = clients.check()
        except DiagnosticsError as e:
            return list(e.diagnostics.items)
        except ResourceError as e:
            return [d.error(e.summary, e.detail)]
        except Exception as e:  # noqa: BLE001 - e.g. an unknown profile
            return [d.error('Cannot configure provider "aws"', f"{type(e).__name__}: {e}")]
        self.ctx.clients = clients
        return [d.error('Provider "aws" is not ready', p) for p in problems]
