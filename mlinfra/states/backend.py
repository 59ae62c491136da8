"""The backend contract: where a state lives, how it is locked, and how it is opened.

``Backend`` is the interface every state store implements (only ``local`` exists so far);
``open_backend`` picks one by name and resolves the workspace. ``StateError`` carries the
diagnostics of anything that goes wrong with a state file, each naming the file and the
fix. ``LockInfo`` describes who holds a state lock. This module does no I/O itself.
"""

from __future__ import annotations

import abc
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics
from mlinfra.diagnostics import DiagnosticsError, SourceRange
from mlinfra.states.model import State

if TYPE_CHECKING:
    from mlinfra.states.journal import Journal

BACKEND_TYPES: tuple[str, ...] = ("local",)


class StateError(DiagnosticsError):
    """A state file could not be read, written, locked or upgraded."""


def state_error(summary: str, detail: str = "", range: SourceRange | None = None) -> StateError:
    """A ``StateError`` holding one error diagnostic."""
    return StateError(diagnostics.error(summary, detail, range))


@dataclass(frozen=True)
class LockInfo:
    """Who holds a state lock; ``who`` is user@host and ``created`` ISO-8601 UTC."""

    id: str
    operation: str
    who: str
    pid: int
    created: str
    path: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @staticmethod
    def from_json(text: str) -> LockInfo:
        o = json.loads(text)
        return LockInfo(
            id=str(o["id"]),
            operation=str(o["operation"]),
            who=str(o["who"]),
            pid=int(o["pid"]),
            created=str(o["created"]),
            path=str(o["path"]),
        )

    def describe(self) -> str:
        """The lock as the indented block shown in lock errors."""
        return "\n".join(
            [
                "Lock Info:",
                f"  ID:        {self.id}",
                f"  Path:      {self.path}",
                f"  Operation: {self.operation}",
                f"  Who:       {self.who}",
                f"  PID:       {self.pid}",
                f"  Created:   {self.created}",
            ]
        )


class Backend(abc.ABC):
    """A place a workspace's state is stored.

    ``read`` never needs the lock; ``write`` and ``journal`` are meant to be called
    while holding it (``lock``), which keeps two applies from interleaving.
    """

    path: Path
    workspace: str

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
    def journal(self, state: State) -> Journal:
        """Start persisting each resource change on top of ``state``, the current state.

        ``state`` should be the state as read: a change made to it in memory before this
        call is written only when the journal is closed; make it through the journal
        (``put``) to have it durable at once.
        """

    def recovering(self) -> bool:
        """True while changes an interrupted apply journaled are not yet in the state
        file itself: the next apply must compact them, even with nothing to change."""
        return False

    @abc.abstractmethod
    def lock(self, operation: str, timeout: float = 0.0) -> LockInfo:
        """Take the state lock, waiting up to ``timeout`` seconds for another holder."""

    @abc.abstractmethod
    def unlock(self, info: LockInfo) -> None:
        """Release a lock taken by ``lock``."""

    @abc.abstractmethod
    def lock_info(self) -> LockInfo | None:
        """Who holds the lock now, or None when nobody does."""

    @abc.abstractmethod
    def force_unlock(self, lock_id: str) -> None:
        """Clear a lock whose holder is gone; refuses while the holder still runs here."""


def open_backend(
    workdir: Path,
    backend_type: str = "local",
    settings: dict[str, Any] | None = None,
    workspace: str | None = None,
) -> Backend:
    """The backend of ``workspace`` (None: the selected one) in ``workdir``."""
    if backend_type not in BACKEND_TYPES:
        raise state_error(
            "Unsupported backend",
            f'There is no backend named "{backend_type}"; the known backends are: '
            f"{', '.join(BACKEND_TYPES)}.{diagnostics.suggestion(backend_type, BACKEND_TYPES)}",
        )
    from mlinfra.states import local, workspaces

    name = workspaces.current(workdir) if workspace is None else workspace
    workspaces.check_exists(workdir, name)
    return local.LocalBackend(workspaces.state_path(workdir, name, settings), name)
