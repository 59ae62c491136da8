"""``LocalResource``: the handler base shared by the four kinds.

It is typed against ``LocalProvider`` so handlers reach the store and the provider's
settings directly, and it holds what every kind does alike: the object's name is derived
from its address, and ``find`` reads back the JSON records that name the address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.providers import Resource
from mlinfra_provider_local.store import RECORD_KEY, Store, object_name, read_json

if TYPE_CHECKING:
    from mlinfra_provider_local.provider import LocalProvider


class LocalResource(Resource):
    provider: LocalProvider

    @property
    def store(self) -> Store:
        return self.provider.store

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return object_name(address)

    def records(
        self, folder: Path, pattern: str, address: str
    ) -> Iterator[tuple[Path, dict[str, Any]]]:
        """(record path, record) of each JSON record under ``folder`` matching ``pattern``
        that was written for ``address`` and carries attributes, in path order."""
        for path in sorted(folder.glob(pattern)):
            record = read_json(path)
            if (
                isinstance(record, dict)
                and record.get("address") == address
                and isinstance(record.get(RECORD_KEY), dict)
            ):
                yield path, record

    @staticmethod
    def attributes(record: dict[str, Any]) -> dict[str, Any]:
        attrs: dict[str, Any] = record[RECORD_KEY]
        return attrs
