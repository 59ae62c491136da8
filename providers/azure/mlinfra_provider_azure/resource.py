"""The base of the azure handlers: the configured clients and settings, tags and
attribute assembly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlinfra.providers import Resource, ResourceError
from mlinfra_provider_azure import naming
from mlinfra_provider_azure.context import AzureContext

if TYPE_CHECKING:
    from mlinfra_provider_azure.clients import AzureClients
    from mlinfra_provider_azure.config import ProviderConfig


class AzureResource(Resource):
    """A handler with the configured provider's MLClient at hand."""

    ctx: AzureContext

    @property
    def az(self) -> AzureClients:
        clients = self.ctx.clients
        if clients is None:
            raise ResourceError("The azure provider is not configured", "configure() was not called.")
        return clients

    @property
    def settings(self) -> ProviderConfig:
        return self.ctx.settings  # type: ignore[no-any-return]

    def tags(self, address: str, config: dict[str, Any], **extra: str) -> dict[str, str]:
        return naming.tags(address, self.settings.tags, config.get("tags") or {}, **extra)

    def attributes(self, config: dict[str, Any], outputs: dict[str, Any]) -> dict[str, Any]:
        """Arguments as configured plus the kind's outputs."""
        out = dict(config)
        for o in self.outputs:
            out[o] = outputs.get(o)
        return out

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        """What an interrupted create left: the object its locator names, if any."""
        ref = locator.get("ref")
        return self.import_object(address, str(ref)) if ref else self.find(address)

    def progress(self, message: str) -> None:
        self.ctx.progress(message)
