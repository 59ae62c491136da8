"""The base of the gcp handlers: access to the clients and settings, labels, attribute
assembly and waiting for long-running operations with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.providers import Resource, ResourceError
from mlinfra_provider_gcp import naming

if TYPE_CHECKING:
    from mlinfra_provider_gcp.clients import GcpClients
    from mlinfra_provider_gcp.config import ProviderConfig
    from mlinfra_provider_gcp.provider import GcpProvider


class GcpResource(Resource):
    """A handler with the configured provider's clients at hand."""

    provider: GcpProvider

    @property
    def gcp(self) -> GcpClients:
        clients = self.provider.clients
        if clients is None:
            raise ResourceError("The gcp provider is not configured", "configure() was not called.")
        return clients

    @property
    def settings(self) -> ProviderConfig:
        return self.provider.config  # type: ignore[no-any-return]

    @property
    def workdir(self) -> Path:
        return self.provider.workdir

    def progress(self, message: str) -> None:
        self.provider.progress(message)

    def labels(self, address: str, config: dict[str, Any]) -> dict[str, str]:
        return naming.labels(address, self.settings.labels, config.get("tags") or {})

    def label_diagnostics(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        tags = config.get("tags")
        if not isinstance(tags, dict):
            return []
        return [
            d.error("Invalid label", p + " Vertex AI refuses such labels.", address=address)
            for p in naming.label_problems(tags, "tags")
        ]

    def attributes(self, config: dict[str, Any], outputs: dict[str, Any]) -> dict[str, Any]:
        """Arguments as configured plus the kind's outputs."""
        out = dict(config)
        for o in self.outputs:
            out[o] = outputs.get(o)
        return out

    def wait(self, operation: Any, what: str, address: str) -> Any:
        return self.gcp.wait(operation, what, address, self.progress)

    def ours(self, labels: dict[str, str], address: str) -> bool:
        return naming.address_of(dict(labels)) == address
