"""State in an object store (s3, gcs, azurerm): the state object, a lock, journal objects.

``ObjectStore`` is what a service driver implements: get an object with its version
token (ETag or generation), put one only if its version still matches (or only if it is
absent), delete, list by prefix, and a lock (by default an object created only when
absent; Azure overrides it with a blob lease). ``ObjectBackend`` builds the backend
contract on it: reads replay journal objects, every full write is a compare-and-swap on
the version read (a state replaced meanwhile is refused, never overwritten), and the
serial and lineage are checked before writing. Objects of one workspace's state::

    <state>                                   the state document (JSON, maybe sealed)
    <state>.lock                              the lock and its holder (LockInfo JSON)
    <state>.journal/<lineage>/<serial>/<seq>  one change each, during an apply

The drivers live in ``s3``, ``gcs`` and ``azurerm``, each importing its SDK when opened;
``mlinfra.states.open_store`` picks one.
"""

from __future__ import annotations

import abc
import json
from pathlib import Path
from typing import Any

import mlinfra
from mlinfra import diagnostics
from mlinfra.states import documents, upgrade
from mlinfra.states.backend import (
    Backend,
    ChangeJournal,
    StateStore,
    check_successor,
    stored_header,
)
from mlinfra.states.crypto import Codec
from mlinfra.states.documents import REMOTE_ADVICE
from mlinfra.states.errors import LockInfo, StateError, state_error
from mlinfra.states.model import FORMAT_VERSION, State
from mlinfra.states.remote_journal import RemoteJournal, replay
from mlinfra.states.remote_lock import RemoteLock


class PreconditionFailed(Exception):
    """A conditional write or delete found another version than the one it expected."""


class ObjectStore(abc.ABC):
    """One bucket or container of a service, as the object backends use it."""

    kind: str

    @abc.abstractmethod
    def get(self, name: str) -> tuple[bytes, str] | None:
        """The object's bytes and version token, or None when it does not exist."""

    @abc.abstractmethod
    def put(self, name: str, data: bytes, *, match: str | None = None, absent: bool = False) -> str:
        """Store ``data`` only if the object is at version ``match`` (or ``absent``)."""

    @abc.abstractmethod
    def delete(self, name: str) -> None:
        """Remove the object; nothing happens when it does not exist."""

    @abc.abstractmethod
    def listing(self, prefix: str) -> list[str]:
        """Names of the objects starting with ``prefix``, sorted."""

    @abc.abstractmethod
    def url(self, name: str) -> str:
        """The object's address for messages, e.g. s3://bucket/key."""

    @abc.abstractmethod
    def state_name(self, workspace: str) -> str:
        """The name of the state object of ``workspace``."""

    @abc.abstractmethod
    def workspace_names(self) -> list[str]:
        """The workspaces that have a state object (``default`` need not)."""

    def delete_many(self, names: list[str]) -> None:
        """Remove every object in ``names``, several requests at a time."""
        if len(names) <= 1:
            for name in names:
                self.delete(name)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(16, len(names))) as pool:
            list(pool.map(self.delete, names))

    # The lock: an object created only when absent. Azure uses a lease instead.
    def lock_take(self, name: str, info: LockInfo) -> bool:
        try:
            self.put(name, info.to_json().encode("utf-8"), absent=True)
        except PreconditionFailed:
            return False
        return True

    def lock_read(self, name: str) -> LockInfo | None:
        got = self.get(name)
        if got is None:
            return None
        try:
            return LockInfo.from_json(got[0].decode("utf-8"))
        except (ValueError, KeyError, TypeError):
            return LockInfo("LOCK_ID", "unknown", "unknown", 0, "", self.url(name))

    def lock_release(self, name: str, info: LockInfo) -> None:
        self.delete(name)

    def lock_break(self, name: str, info: LockInfo) -> None:
        self.delete(name)


def settings_error(kind: str, key: str, allowed: tuple[str, ...]) -> Exception:
    return state_error(
        "Unsupported backend setting",
        f'The {kind} backend has no setting "{key}"; its settings are: {", ".join(allowed)}.'
        f"{diagnostics.suggestion(key, allowed)}",
    )


def check_settings(
    kind: str, settings: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Any]:
    """``settings`` validated: known names only, required ones present as strings."""
    for key in settings:
        if key not in allowed:
            raise settings_error(kind, key, allowed)
    for key in required:
        value = settings.get(key)
        if not isinstance(value, str) or not value.strip():
            raise state_error(
                "Missing backend setting",
                f'The {kind} backend needs "{key}" (a non-empty string): set it in the backend '
                f"block or pass it with mlinfra init -backend-config {key}=VALUE.",
            )
    return settings


class ObjectBackend(Backend):
    """One workspace's state in an ``ObjectStore``."""

    lock_survives_crash = True

    def __init__(self, store: ObjectStore, workspace: str, codec: Codec) -> None:
        self.store, self.workspace, self.codec = store, workspace, codec
        self.name = store.state_name(workspace)
        self.path = Path(self.name)
        self.lock_name = self.name + ".lock"
        self._lock = RemoteLock(
            store.url(self.name),
            lambda info: store.lock_take(self.lock_name, info),
            lambda: store.lock_read(self.lock_name),
            lambda info: store.lock_release(self.lock_name, info),
            lambda info: store.lock_break(self.lock_name, info),
        )

    @property
    def location(self) -> str:
        return self.store.url(self.name)

    def exists(self) -> bool:
        return self.store.get(self.name) is not None

    def _journal_root(self) -> str:
        return self.name + ".journal/"

    def _journal_prefix(self, lineage: str, serial: int) -> str:
        return f"{self._journal_root()}{lineage}/{serial:012d}/"

    def _stored(self) -> tuple[Any, str] | None:
        """The stored document (parsed within ``documents``' limits) and its version; a
        ``StateError`` when it is not JSON."""
        got = self.store.get(self.name)
        if got is None:
            return None
        data, version = got
        return documents.decode(data, self.location, REMOTE_ADVICE), version

    def _decode(self, doc: Any) -> State:
        """The state of a stored document, checked as a state file is: nothing in the
        bucket is trusted."""
        if not isinstance(doc, dict):
            raise state_error(
                "Failed to load state",
                f"{self.location} holds a JSON {type(doc).__name__}, not a state object. {REMOTE_ADVICE}",
            )
        plain = upgrade.upgrade(Path(self.location), self.codec.open(doc, self.location))
        return documents.to_state(plain, self.location, REMOTE_ADVICE)

    def read(self) -> State:
        stored = self._stored()
        if stored is None:
            return State(serial=0)
        state = self._decode(stored[0])
        prefix = self._journal_prefix(state.lineage, state.serial)
        names = self.store.listing(prefix)
        if names:
            records = [got[0] for n in names if (got := self.store.get(n)) is not None]
            if replay(state, records, self.codec, self.location):
                state.serial += 1
        return state

    def write(self, state: State) -> State:
        got = self.store.get(self.name)
        previous, version = 0, None
        if got is not None:
            data, version = got
            # A damaged document has no lineage: this may be the ``state push`` that repairs it.
            try:
                doc = documents.decode(data, self.location)
            except StateError:
                doc = None
            lineage, serial, empty = stored_header(doc)
            check_successor(self.location, lineage, serial, empty, state)
            previous = serial if lineage == state.lineage else 0
        written, _ = self._put(state, max(state.serial, previous) + 1, version)
        if self._lock.held is not None:
            self._drop_journals(keep=None)
        return written

    def _put(self, state: State, serial: int, version: str | None) -> tuple[State, str]:
        written = State(
            lineage=state.lineage,
            serial=serial,
            mlinfra_version=mlinfra.__version__,
            format_version=FORMAT_VERSION,
            resources=state.resources,
            outputs=state.outputs,
            data=state.data,
        )
        doc = self.codec.seal(written.to_json(), self.location)
        data = (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
        try:
            new_version = self.store.put(
                self.name, data, match=version, absent=version is None
            )
        except PreconditionFailed:
            raise state_error(
                "State changed by another operation",
                f"{self.location} was replaced by another writer after this operation read "
                "it (its version no longer matches), so it was not overwritten. Was the lock "
                "broken with force-unlock? Run the command again to work from the current "
                "state.",
            ) from None
        return written, new_version

    def _drop_journals(self, keep: str | None) -> None:
        names = [n for n in self.store.listing(self._journal_root()) if keep is None or not n.startswith(keep)]
        self.store.delete_many(names)

    def journal(self, state: State) -> ChangeJournal:
        stored = self._stored()
        header = None
        if stored is not None:
            doc = stored[0]
            lineage, serial, _ = stored_header(doc)
            header = (lineage, serial, doc.get("format_version") if isinstance(doc, dict) else None)
        leftovers = self.store.listing(self._journal_root())
        if header != (state.lineage, state.serial, FORMAT_VERSION) or leftovers:
            state = self.write(state)
            stored = self._stored()
        assert stored is not None
        version = stored[1]
        base = state.serial
        prefix = self._journal_prefix(state.lineage, base)

        def persist(seq: int, line: bytes) -> None:
            self.store.put(f"{prefix}{seq:010d}", line)

        def compact(s: State) -> State:
            written, _ = self._put(s, base + 1, version)
            self._drop_journals(keep=None)
            return written

        return RemoteJournal(state.copy(), base, persist, compact, self.codec, self.location)

    def recovering(self) -> bool:
        """Whether journal objects of an interrupted apply wait to be compacted."""
        return bool(self.store.listing(self._journal_root()))


class ObjectStateStore(StateStore):
    """An object backend as a whole: a workspace per state object."""

    def __init__(self, store: ObjectStore, codec: Codec) -> None:
        self.store, self.codec, self.kind = store, codec, store.kind

    def workspaces(self) -> list[str]:
        return sorted({"default", *self.store.workspace_names()})

    def backend(self, workspace: str) -> Backend:
        return ObjectBackend(self.store, workspace, self.codec)

    def delete_workspace(self, workspace: str) -> None:
        name = self.store.state_name(workspace)
        self.store.delete_many([*self.store.listing(name + ".journal/"), name + ".lock", name])
