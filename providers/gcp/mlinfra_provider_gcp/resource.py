"""The base of the gcp handlers: access to the clients and settings (through the
handler's ``GcpContext``), labels, attribute assembly, waiting for long-running
operations with progress (as steps the engine polls), and import by the id a user types."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.providers import Resource, ResourceError, Steps
from mlinfra_provider_gcp import naming
from mlinfra_provider_gcp.context import GcpContext

if TYPE_CHECKING:
    from mlinfra_provider_gcp.clients import GcpClients
    from mlinfra_provider_gcp.config import ProviderConfig


def clients_of(ctx: GcpContext) -> GcpClients:
    """The configured provider's clients (a handler's or a data source's)."""
    if ctx.clients is None:
        raise ResourceError("The gcp provider is not configured", "configure() was not called.")
    return ctx.clients


class GcpResource(Resource):
    """A handler with the configured provider's clients at hand."""

    ctx: GcpContext

    @property
    def gcp(self) -> GcpClients:
        return clients_of(self.ctx)

    @property
    def settings(self) -> ProviderConfig:
        return self.ctx.settings  # type: ignore[no-any-return]

    @property
    def workdir(self) -> Path:
        return self.ctx.workdir

    def progress(self, message: str) -> None:
        self.ctx.progress(message)

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

    def wait_steps(self, operation: Any, what: str, address: str) -> Steps[Any]:
        """Wait for a long-running operation as steps the engine polls (``yield from``)."""
        return self.gcp.wait_steps(operation, what, address, self.progress)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """``mlinfra import ADDRESS ID``: read the object by its resource name (or URI);
        a read of a state without arguments reports them all as they are."""
        return self.read(address, {"id": object_id})

    def ours(self, labels: dict[str, str], address: str) -> bool:
        return naming.address_of(dict(labels)) == address
