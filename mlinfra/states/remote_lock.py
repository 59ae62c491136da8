"""A state lock kept by a remote service: a lock object, a blob lease or an advisory lock.

``RemoteLock`` gives every remote backend the local lock's behaviour from four
operations of its service: take the lock with a holder record (or say it is taken), read
the holder record (None when free), release it, and break it. Waiting up to a timeout,
the error naming the holder with the fix, and the force-unlock checks (matching ID, not
a holder still running on this host) are the same for all of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mlinfra.states.errors import LockInfo, StateError, state_error
from mlinfra.states.lock import FIX, LockBase, pid_alive, read_soon, whoami

POLL_SECONDS = 0.2


def busy_error(location: str, info: LockInfo | None) -> StateError:
    if info is None:
        described = f"Lock Info:\n  Path:      {location}\n  (the holder has not recorded itself)"
        lock_id = "LOCK_ID"
    else:
        described, lock_id = info.describe(), info.id
    return state_error(
        "Error acquiring the state lock",
        f"The state {location} is locked by another operation.\n\n{described}\n\n"
        + FIX.format(id=lock_id),
    )


class RemoteLock(LockBase):
    """The lock of one remote state, from the service's take/read/release/break."""

    def __init__(
        self,
        location: str,
        take: Callable[[LockInfo], bool],
        read: Callable[[], LockInfo | None],
        release: Callable[[LockInfo], None],
        brk: Callable[[LockInfo], None],
    ) -> None:
        self.location = location
        self._take, self._read, self._release, self._break = take, read, release, brk
        self.held: LockInfo | None = None

    def acquire(self, operation: str, timeout: float = 0.0) -> LockInfo:
        self._check_free(self.held)
        info = self._new_info(operation)
        self._wait(
            lambda: True if self._take(info) else None,
            timeout,
            POLL_SECONDS,
            lambda: busy_error(self.location, read_soon(self._read, 0.05)),
        )
        self.held = info
        return info

    def release(self, info: LockInfo) -> None:
        if self.held is None or self.held.id != info.id:
            raise self._not_held(info)
        try:
            current = self._read()
            if current is None or current.id != info.id:
                raise state_error(
                    "Error releasing the state lock",
                    f"The lock {info.id} on {self.location} was broken by another operation "
                    "(mlinfra force-unlock) while this one held it. Check the state with "
                    "mlinfra plan before changing anything else.",
                )
            self._release(info)
        finally:
            self.held = None

    def current(self) -> LockInfo | None:
        return self.held or self._read()

    def force_unlock(self, lock_id: str) -> None:
        info = self._check_unlockable(self._read(), lock_id)
        if info.who == whoami() and pid_alive(info.pid) and info.pid != os.getpid():
            raise state_error(
                "Refusing to unlock a running operation",
                f"Process {info.pid} on this host still holds the lock on {self.location} "
                f'for "{info.operation}".\n\n{info.describe()}\n\nWait for it to finish, or '
                "stop it, then force-unlock.",
            )
        self._break(info)
