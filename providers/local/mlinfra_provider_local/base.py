"""``LocalResource``: the handler base shared by the four kinds.

Handlers reach the store and the provider's settings through their ``LocalContext``.
It holds what every kind does alike: the object's name is derived from its address
(the core's shared rule), and ``find`` reads back the JSON records that name the
address. An import (``mlinfra import ADDR ID``) is each kind's ``import_object``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from mlinfra.providers import Resource
from mlinfra_provider_local.context import LocalContext
from mlinfra_provider_local.store import RECORD_KEY, Store, object_name, read_json


class LocalResource(Resource):
    ctx: LocalContext

    @property
    def store(self) -> Store:
        return self.ctx.store

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

    def process_folder(self, raw: Any, prefix: str) -> Path | None:
        """The folder a locator names, when it is one of this store's folders whose name
        starts with ``prefix`` (a server's or a monitor's); None otherwise."""
        if not isinstance(raw, str):
            return None
        folder = Path(raw)
        return folder if self.store.is_managed(folder) and folder.name.startswith(prefix) else None

    def recover_process(
        self,
        address: str,
        folder: Path | None,
        record_file: str,
        marker: str,
        pid: Any,
        alive: Callable[[dict[str, Any]], bool],
    ) -> dict[str, Any] | None:
        """An interrupted create of a kind that runs a process in a folder of its own: the
        folder's object when its record names ``address`` and its process runs; otherwise
        every process started for the folder (found by its ``marker`` file) is stopped and
        the folder removed. Without a folder (an older locator) it is looked for by address."""
        if folder is None:
            return self.find(address)
        record = read_json(folder / record_file)
        attrs = record.get(RECORD_KEY) if isinstance(record, dict) else None
        if isinstance(attrs, dict) and record.get("address") == address and alive(attrs):
            return attrs
        from mlinfra_provider_local import processes

        processes.stop_marked(str(folder / marker), pid)
        self.store.remove(folder)
        return None
