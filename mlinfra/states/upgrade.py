"""Upgrades of state documents from earlier formats, one version step at a time.

``UPGRADES[n]`` turns a format-``n`` document into a format-``n+1`` one; ``upgrade``
applies the steps in order up to ``FORMAT_VERSION``, in memory (the file is rewritten in
the current format on the next write). Each step is a pure function of plain JSON data.

Format 0, the first format, looked like this::

    {
      "version": 0,
      "mlinfra_version": "0.0.1",
      "serial": 3,
      "lineage": "8f0c...",
      "outputs": {"url": {"value": "http://...", "sensitive": false}},
      "resources": {
        "endpoint.iris": {
          "kind": "endpoint", "provider": "local", "id": "ep-1",
          "attributes": {...}, "schema_version": 0,
          "dependencies": ["model.iris"], "tainted": false, "private": {}
        }
      }
    }

that is: the version field was named ``version``; ``resources`` was an object keyed by
address, whose records did not repeat the address; a record had a boolean ``tainted``
(optional, default false) instead of ``status``, and had no ``deposed`` and no
``sensitive_paths``. Format 1 is ``State.to_json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.states import documents
from mlinfra.states.backend import state_error
from mlinfra.states.model import FORMAT_VERSION

Document = dict[str, Any]


def _v0_to_v1(doc: Document) -> Document:
    resources = []
    for address in sorted(doc.get("resources") or {}):
        old = doc["resources"][address]
        resources.append(
            {
                "address": address,
                "kind": old["kind"],
                "provider": old["provider"],
                "id": old.get("id"),
                "attributes": old.get("attributes") or {},
                "sensitive_paths": [],
                "schema_version": int(old.get("schema_version") or 0),
                "dependencies": sorted(old.get("dependencies") or []),
                "status": "tainted" if old.get("tainted") else "ready",
                "deposed": [],
                "private": old.get("private") or {},
            }
        )
    return {
        "format_version": 1,
        "mlinfra_version": doc.get("mlinfra_version", ""),
        "serial": doc["serial"],
        "lineage": doc["lineage"],
        "outputs": doc.get("outputs") or {},
        "resources": resources,
    }


UPGRADES: dict[int, Callable[[Document], Document]] = {
    0: _v0_to_v1,
}


def document_version(path: Path, doc: Document, advice: str | None = None) -> int:
    """The format version a state document declares."""
    raw = doc.get("format_version", doc.get("version"))
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise state_error(
            "Failed to load state",
            f"{path} has no integer format_version, so it is not an mlinfra state file. "
            "Check the backend's path setting. "
            + (documents.restore_advice(path) if advice is None else advice),
        )
    return raw


def upgrade(path: Path, doc: Document, advice: str | None = None) -> Document:
    """``doc`` in the current format; raises a ``StateError`` when it is newer or unknown.
    ``advice`` (by default: restore the backup, when there is one) ends a malformed
    document's error."""
    version = document_version(path, doc, advice)
    if version > FORMAT_VERSION:
        raise state_error(
            "State file was written by a newer mlinfra",
            f"{path} has format version {version}, written by mlinfra "
            f"{doc.get('mlinfra_version') or '(unknown version)'}; this mlinfra reads format "
            f"versions up to {FORMAT_VERSION}. Upgrade mlinfra to use this state.",
        )
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise state_error(
                "Failed to load state",
                f"{path} has format version {version}, which this mlinfra cannot upgrade "
                f"(it upgrades from versions {', '.join(map(str, sorted(UPGRADES)))}).",
            )
        try:
            doc = step(doc)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise state_error(
                "Failed to load state",
                f"{path} could not be upgraded from format version {version}: malformed "
                f"field {e}. " + (documents.restore_advice(path) if advice is None else advice),
            ) from None
        version = document_version(path, doc, advice)
    return doc
