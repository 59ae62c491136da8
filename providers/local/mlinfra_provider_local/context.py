"""``LocalContext``: what the local provider's handlers use (the store and settings).

Handlers are given this context, never the provider object, so that the provider
module imports the handlers and nothing imports the provider back.
"""

from __future__ import annotations

from mlinfra.providers import Context
from mlinfra_provider_local.store import Store

DEFAULT_PREFIXES = ("sklearn.",)


class LocalContext(Context):
    def __init__(self) -> None:
        super().__init__()
        self.store = Store(self.workdir)

    @property
    def estimator_prefixes(self) -> tuple[str, ...]:
        """Dotted-path prefixes of the estimators a pipeline may use."""
        allowed = getattr(self.settings, "allowed_estimator_prefixes", None) or []
        extra = tuple(p if p.endswith(".") else p + "." for p in allowed)
        return DEFAULT_PREFIXES + extra
