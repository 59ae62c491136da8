"""The nested blocks the installed providers own (``local { port = 8080 }``).

Any provider found through the ``mlinfra.providers`` entry points (or registered in
process) may own a block named after it inside the portable kinds; its schema says
what the block holds for each kind. Schemas are loaded only for the names that appear
in a configuration, once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from mlinfra.providers import registry
from mlinfra.providers.protocol import ProviderSchema
from mlinfra.shapes import ModelClass


class InstalledBlocks:
    """``config.bodies.NestedBlocks`` over the installed providers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # provider name -> (registry generation it was loaded at, schema)
        self._schemas: dict[str, tuple[int, ProviderSchema]] = {}

    def names(self) -> Collection[str]:
        return registry.known_names_set()

    def schema(self, provider: str) -> ProviderSchema:
        with self._lock:
            cached = self._schemas.get(provider)
            if cached is None or cached[0] != registry.generation():
                cached = self._schemas[provider] = (registry.generation(), registry.load(provider).schema())
            return cached[1]

    def model(self, provider: str, kind: str) -> ModelClass | None:
        ks = self.schema(provider).kinds.get(kind)
        return ks.block if ks is not None else None


INSTALLED = InstalledBlocks()
