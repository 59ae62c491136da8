"""``AwsContext``: what the aws handlers use (clients and settings), instead of the
provider object, so that the provider module imports the handlers and nothing imports
the provider back."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from mlinfra.providers import Context

if TYPE_CHECKING:
    from mlinfra_provider_aws.clients import AwsClients


class AwsContext(Context):
    def __init__(self) -> None:
        super().__init__()
        # Set by configure; None until then.
        self.clients: AwsClients | None = None

    def notify(self, message: str) -> None:
        """Say what a call waits for: beside the resource during an operation, else on
        stderr (a plan or refresh that cannot reach AWS is not silent)."""
        if getattr(self._op, "progress", None) is not None:
            self.progress(message)
        else:
            print(f"aws: {message}", file=sys.stderr, flush=True)
