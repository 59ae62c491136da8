"""``AzureContext``: what the azure handlers use (settings, the MLClient session, the
blob credential, progress) instead of the provider object, so that the provider module
imports the handlers and nothing imports the provider back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlinfra.providers import Context

if TYPE_CHECKING:
    from mlinfra_provider_azure.clients import AzureClients


class AzureContext(Context):
    def __init__(self) -> None:
        super().__init__()
        # Set by configure; None until then.
        self.clients: AzureClients | None = None
        # An injected storage credential (embedders, tests); else the datastore's own.
        self.blob_credential: Any = None
