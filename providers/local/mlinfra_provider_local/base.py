"""``LocalResource``: the handler base shared by the four kinds.

It is typed against ``LocalProvider`` so handlers reach the store and the provider's
settings directly, and it holds what every kind does alike: the object's name is derived
from its address, ``find`` reads back the JSON records that name the address, and an
import (``mlinfra import ADDR ID``, where only the id is known) adopts the object by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
        self, folder: Path, pattern: str, address: str | None
    ) -> Iterator[tuple[Path, dict[str, Any]]]:
        """(record path, record) of each JSON record under ``folder`` matching ``pattern``
        that carries attributes and was written for ``address`` (any, when None), in
        path order."""
        for path in sorted(folder.glob(pattern)):
            record = read_json(path)
            if (
                isinstance(record, dict)
                and (address is None or record.get("address") == address)
                and isinstance(record.get(RECORD_KEY), dict)
            ):
                yield path, record

    @staticmethod
    def attributes(record: dict[str, Any]) -> dict[str, Any]:
        attrs: dict[str, Any] = record[RECORD_KEY]
        return attrs

    def newest(self, found: Iterable[tuple[Path, dict[str, Any]]]) -> dict[str, Any] | None:
        """The attributes of the most recently written record, or None."""
        best = max(found, key=lambda pr: pr[0].stat().st_mtime_ns, default=None)
        return self.attributes(best[1]) if best is not None else None

    # -- import ------------------------------------------------------------------------
    def adopt(self, object_id: str) -> dict[str, Any] | None:
        """The attributes of the object named ``object_id`` (``mlinfra import``)."""
        return None

    def read_or_adopt(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        """``read``, or for an import (only an ``id`` is known) ``adopt``."""
        if set(state) <= {"id"}:
            object_id = state.get("id")
            return self.adopt(object_id) if isinstance(object_id, str) and object_id else None
        return self.read(address, state)
