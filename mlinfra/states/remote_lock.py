"""A state lock kept by a remote service: a lock object, a blob lease or an advisory lock.

``RemoteLock`` gives every remote backend the local lock's behaviour from four
operations of its service: take the lock with a holder record (or say it is taken), read
the holder record (None when free), release it, and break it. Waiting up to a timeout,
the error naming the holder with the fix, and the force-unlock checks (matching ID, not
a holder still running on this host) are the same for all of them.
"""

from __future__ import annotations

import datetime
import os
import time
import uuid
from collections.abc import Callable

from mlinfra.states.errors import LockInfo, StateError, state_error

POLL_SECONDS = 0.2
FIX = (
    "State locking keeps two operations from changing the same state at "
    "once. Wait for the other operation to finish, retry with --lock-timeout SECONDS to "
    "wait for it, or, if no other mlinfra is running: mlinfra force-unlock {id}"
)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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


class RemoteLock:
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
        from mlinfra.states.lock import whoami

        if self.held is not None:
            raise state_error(
                "Error acquiring the state lock",
                f"This process already holds the lock on {self.location}.\n\n"
                + self.held.describe(),
            )
        info = LockInfo(
            id=str(uuid.uuid4()),
            operation=operation,
            who=whoami(),
            pid=os.getpid(),
            created=_now(),
            path=self.location,
        )
        deadline = time.monotonic() + max(timeout, 0.0)
        while not self._take(info):
            if time.monotonic() >= deadline:
                holder = self._read()
                for _ in range(5):  # the holder records itself just after taking the lock
                    if holder is not None:
                        break
                    time.sleep(0.05)
                    holder = self._read()
                raise busy_error(self.location, holder)
            time.sleep(POLL_SECONDS)
        self.held = info
        return info

    def release(self, info: LockInfo) -> None:
        if self.held is None or self.held.id != info.id:
            raise state_error(
                "Error releasing the state lock",
                f"The lock {info.id} on {self.location} is not held by this process.",
            )
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
        from mlinfra.states.lock import whoami

        info = self._read()
        if info is None:
            raise state_error(
                "Failed to unlock state",
                f"The state {self.location} is not locked: there is nothing to unlock.",
            )
        if info.id != lock_id:
            raise state_error(
                "Failed to unlock state",
                f'The lock ID "{lock_id}" does not match the lock on {self.location}.\n\n'
                f"{info.describe()}\n\nCheck the ID and retry: mlinfra force-unlock {info.id}",
            )
        if info.who == whoami() and _pid_alive(info.pid) and info.pid != os.getpid():
            raise state_error(
                "Refusing to unlock a running operation",
                f"Process {info.pid} on this host still holds the lock on {self.location} "
                f'for "{info.operation}".\n\n{info.describe()}\n\nWait for it to finish, or '
                "stop it, then force-unlock.",
            )
        self._break(info)
