"""``AwsContext``: what the aws handlers use (clients and settings), instead of the
provider object, so that the provider module imports the handlers and nothing imports
the provider back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlinfra.providers import Context

if TYPE_CHECKING:
    from mlinfra_provider_aws.clients import AwsClients


class AwsContext(Context):
    def __init__(self) -> None:
        super().__init__()
        # Set by configure; None until then.
        self.clients: AwsClients | None = None
