"""``LocalResource``: the handler base shared by the four kinds, typed against
``LocalProvider`` so handlers reach the store and the provider's settings directly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlinfra.providers import Resource
from mlinfra_provider_local.store import Store

if TYPE_CHECKING:
    from mlinfra_provider_local.provider import LocalProvider


class LocalResource(Resource):
    provider: LocalProvider

    @property
    def store(self) -> Store:
        return self.provider.store

    def progress(self, message: str) -> None:
        self.provider.progress(message)
