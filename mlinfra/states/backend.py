"""The backend contract: where a state lives, how it is locked, and how it is opened.

``Backend`` is the interface every state store implements for one workspace's state;
``StateStore`` is a configured backend as a whole: its workspaces. The factory that picks
an implementation by name is ``mlinfra.states.open_backend``; ``StateError`` and
``LockInfo`` live in ``mlinfra.states.errors`` and are re-exported here. This module does
no I/O itself.
"""

from __future__ import annotations

import abc
from pathlib import Path
from typing import Any, Protocol

from mlinfra.config.model import BACKEND_TYPES
from mlinfra.states.errors import LockInfo, StateError, state_error
from mlinfra.states.model import OutputState, ResourceState, State

__all__ = ["BACKEND_TYPES", "Backend", "ChangeJournal", "LockInfo", "StateError", "StateStore", "check_successor", "state_error"]


class ChangeJournal(Protocol):
    """Per-change persistence during an apply; ``close`` compacts into one full write."""

    @property
    def state(self) -> State: ...

    def get(self, address: str) -> ResourceState | None: ...

    def put(self, rs: ResourceState) -> None: ...

    def remove(self, address: str) -> None: ...

    def set_outputs(self, outputs: dict[str, OutputState]) -> None: ...

    def close(self) -> State: ...


class StateLockLike(Protocol):
    """A state lock: a flock on the state file, or a lock kept by a remote service."""

    @property
    def held(self) -> LockInfo | None: ...

    def acquire(self, operation: str, timeout: float = 0.0) -> LockInfo: ...

    def release(self, info: LockInfo) -> None: ...

    def current(self) -> LockInfo | None: ...

    def force_unlock(self, lock_id: str) -> None: ...


class Backend(abc.ABC):
    """A place a workspace's state is stored.

    ``read`` never needs the lock; ``write`` and ``journal`` are meant to be called
    while holding it (``lock``), which keeps two applies from interleaving.
    """

    path: Path
    workspace: str
    #: Whether a lock outlives a holder killed with SIGKILL (object-store locks do; a
    #: flock or a PostgreSQL session lock is released by the kernel or the server).
    lock_survives_crash: bool = False

    @property
    def location(self) -> str:
        """Where the state lives, for messages (a path or a URL)."""
        return str(self.path)

    def exists(self) -> bool:
        """Whether a state has been stored here yet."""
        return self.path.exists()

    @abc.abstractmethod
    def read(self) -> State:
        """The current state: an empty one when none exists yet, upgraded when older."""

    @abc.abstractmethod
    def write(self, state: State) -> State:
        """Replace the whole state atomically, keeping the previous one as a backup.

        The serial written is one more than both ``state.serial`` and the stored serial,
        so it only ever grows. Returns the state as written (sharing ``state``'s records).
        """

    @abc.abstractmethod
    def journal(self, state: State) -> ChangeJournal:
        """Start persisting each resource change on top of ``state``, the current state.

        ``state`` should be the state as read: a change made to it in memory before this
        call is written only when the journal is closed; make it through the journal
        (``put``) to have it durable at once.
        """

    def recovering(self) -> bool:
        """True while changes an interrupted apply journaled are not yet in the state
        file itself: the next apply must compact them, even with nothing to change."""
        return False

    # The lock: each backend sets ``_lock`` to its state lock (a flock, or a lock kept
    # by its service), or overrides these.
    _lock: StateLockLike

    def lock(self, operation: str, timeout: float = 0.0) -> LockInfo:
        """Take the state lock, waiting up to ``timeout`` seconds for another holder."""
        return self._lock.acquire(operation, timeout)

    def unlock(self, info: LockInfo) -> None:
        """Release a lock taken by ``lock``."""
        self._lock.release(info)

    def lock_info(self) -> LockInfo | None:
        """Who holds the lock now, or None when nobody does."""
        return self._lock.current()

    def force_unlock(self, lock_id: str) -> None:
        """Clear a lock whose holder is gone; refuses while the holder still runs here."""
        self._lock.force_unlock(lock_id)


def stored_header(doc: Any) -> tuple[str | None, int, bool]:
    """(lineage, serial, empty) of a stored document for ``check_successor``; a document
    that is no readable state (damaged, foreign) has no lineage: a write may replace it,
    as ``state push`` of a good copy does."""
    if not isinstance(doc, dict):
        return None, 0, False
    lineage, serial = doc.get("lineage"), doc.get("serial")
    if not isinstance(lineage, str) or type(serial) is not int or serial < 0:
        return None, 0, False
    empty = not doc.get("resources") and not doc.get("outputs") and "ciphertext" not in doc
    return lineage, serial, empty


def check_successor(
    where: str, stored_lineage: str | None, stored_serial: int, stored_empty: bool, state: State
) -> None:
    """Refuse to write ``state`` over a stored state it does not descend from.

    A different lineage is refused unless the stored state is empty; an older serial of
    the same lineage is refused: the write was based on a state another writer replaced.
    """
    if stored_lineage is None:
        return
    if stored_lineage != state.lineage:
        if stored_empty:
            return
        raise state_error(
            "State lineage mismatch",
            f"{where} holds a state of lineage {stored_lineage}, and the state being written "
            f"has lineage {state.lineage}: they belong to different configurations. Check "
            "the backend settings and the workspace; nothing was written.",
        )
    if stored_serial > state.serial:
        raise state_error(
            "State serial is stale",
            f"{where} has serial {stored_serial}, newer than the serial {state.serial} this "
            "write is based on: another operation changed the state meanwhile. Nothing was "
            "written; run the command again to work from the current state.",
        )


class StateStore(abc.ABC):
    """A configured backend as a whole: the states of every workspace."""

    kind: str

    @abc.abstractmethod
    def workspaces(self) -> list[str]:
        """Every workspace's name, sorted; ``default`` is always there."""

    @abc.abstractmethod
    def backend(self, workspace: str) -> Backend:
        """The state of ``workspace`` (which need not exist yet)."""

    def create_workspace(self, workspace: str) -> None:
        """Make ``workspace`` exist, with an empty state."""
        backend = self.backend(workspace)
        if not backend.exists():
            backend.write(State())

    @abc.abstractmethod
    def delete_workspace(self, workspace: str) -> None:
        """Remove ``workspace``'s state and everything stored beside it."""
