"""The state lock: an advisory ``flock`` on ``<state>.lock`` plus who holds it.

The kernel releases a ``flock`` when its holder dies, however it dies, so a crashed apply
never leaves the state locked. Who holds the lock is written to ``<state>.lock.info``
(JSON) once the lock is taken, for the error a second apply shows. ``force_unlock``
handles what the kernel cannot: a holder on another host sharing the file system, or a
lock inherited by a stray child process; it removes the lock file so the next ``lock``
takes a fresh one. After taking the ``flock`` the holder checks that the file it locked
is still the one at the path, so a concurrent force-unlock cannot let two holders in.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import getpass
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mlinfra.states import local_files
from mlinfra.states.errors import LockInfo, StateError, state_error
from mlinfra.states.model import random_uuid

T = TypeVar("T")
POLL_SECONDS = 0.1
FIX = (
    "State locking keeps two operations from changing the same state at "
    "once. Wait for the other operation to finish, retry with --lock-timeout SECONDS to "
    "wait for it, or, if no other mlinfra is running: mlinfra force-unlock {id}"
)


def whoami() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return f"{user}@{os.uname().nodename}"  # socket.gethostname(), without importing socket


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _started_at(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), where /proc tells."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(
            float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime ")
        )
        ticks = float(stat.rsplit(")", 1)[1].split()[19])
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def holder_alive(info: LockInfo) -> bool:
    """Whether the process that took the lock still runs: same host, its pid alive and
    not a newer process that was given the same pid since."""
    if info.who != whoami() or not pid_alive(info.pid):
        return info.who != whoami()
    started = _started_at(info.pid)
    try:
        created = datetime.datetime.strptime(info.created, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.UTC)
    except ValueError:
        return True
    return started is None or started <= created.timestamp() + 2.0


def read_soon(read: Callable[[], LockInfo | None], pause: float) -> LockInfo | None:
    """The holder record, read again a few times while it is missing: a holder records
    itself just after taking the lock."""
    info = read()
    for _ in range(5):
        if info is not None:
            break
        time.sleep(pause)
        info = read()
    return info


class LockBase:
    """What every state lock does alike: one lock held at a time, the holder record, the
    wait up to a timeout, and the errors and checks of release and force-unlock, worded
    alike for a state file and a remote state. ``location`` names the state."""

    location: str

    def _check_free(self, held: LockInfo | None) -> None:
        if held is not None:
            raise state_error(
                "Error acquiring the state lock",
                f"This process already holds the lock on {self.location}.\n\n" + held.describe(),
            )

    def _new_info(self, operation: str) -> LockInfo:
        return LockInfo(
            id=random_uuid(),
            operation=operation,
            who=whoami(),
            pid=os.getpid(),
            created=_now(),
            path=self.location,
        )

    @staticmethod
    def _wait(take: Callable[[], T | None], timeout: float, poll: float, busy: Callable[[], StateError]) -> T:
        """``take()`` until it gives something, for up to ``timeout`` seconds."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            got = take()
            if got is not None:
                return got
            if time.monotonic() >= deadline:
                raise busy()
            time.sleep(poll)

    def _not_held(self, info: LockInfo) -> StateError:
        return state_error(
            "Error releasing the state lock",
            f"The lock {info.id} on {self.location} is not held by this process.",
        )

    def _check_unlockable(self, info: LockInfo | None, lock_id: str) -> LockInfo:
        """The recorded holder when ``lock_id`` names it; the error otherwise."""
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
        return info


class StateLock(LockBase):
    """The lock of one state file; one instance holds at most one lock at a time."""

    def __init__(self, state_path: Path) -> None:
        self.state_path = state_path
        self.lock_path = state_path.with_name(state_path.name + ".lock")
        self.info_path = state_path.with_name(state_path.name + ".lock.info")
        self.location = str(state_path)
        self._fd: int | None = None
        self._held: LockInfo | None = None

    @property
    def held(self) -> LockInfo | None:
        """The lock this instance holds, if any."""
        return self._held

    def _try_flock(self) -> int | None:
        """A descriptor holding the flock on the current lock file, or None when busy."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    return None
                raise
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.lock_path))
            except FileNotFoundError:
                same = False
            if same:
                return fd
            os.close(fd)  # force-unlocked and replaced meanwhile: lock the new file

    def acquire(self, operation: str, timeout: float = 0.0) -> LockInfo:
        self._check_free(self._held)

        def take() -> int | None:
            with local_files.os_errors("Error acquiring the state lock", self.lock_path):
                return self._try_flock()

        fd = self._wait(take, timeout, POLL_SECONDS, self._busy_error)
        info = self._new_info(operation)
        try:
            with local_files.os_errors("Error acquiring the state lock", self.info_path):
                # Who holds the lock, for the messages of a second mlinfra: the flock is
                # the lock, and a power loss ends every holder, so the record need not be
                # durable (two syncs of every command that locks the state).
                local_files.atomic_write(self.info_path, info.to_json().encode("utf-8"), durable=False)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._held = fd, info
        return info

    def _busy_error(self) -> StateError:
        info = read_soon(self._read_info, 0.02)
        if info is None:
            return state_error(
                "Error acquiring the state lock",
                f"The state {self.state_path} is locked, and the holder has not recorded "
                "itself: either an operation has only just started, or the lock is held by a "
                "process left behind by one that was killed (a server or worker it started).\n\n"
                + FIX.format(id=self._file_id()),
            )
        if holder_alive(info):
            return state_error(
                "Error acquiring the state lock",
                f"The state {self.state_path} is locked by another operation.\n\n"
                f"{info.describe()}\n\n" + FIX.format(id=info.id),
            )
        return state_error(
            "Error acquiring the state lock",
            f"The state {self.state_path} is locked by a process that is no longer running: "
            f'process {info.pid} took the lock for "{info.operation}" at {info.created} and has '
            "died (it was killed or crashed), but a process it started still holds the lock "
            f"file open.\n\n{info.describe()}\n\nIf no other mlinfra is running, remove the "
            f"stale lock: mlinfra force-unlock {info.id}",
        )

    def _file_id(self) -> str:
        """An ID for a lock whose holder recorded nothing: the lock file's identity, which
        ``force_unlock`` accepts for exactly that file."""
        try:
            st = os.stat(self.lock_path)
        except OSError:
            return "LOCK_ID"
        return f"file-{st.st_dev:x}-{st.st_ino:x}"

    def release(self, info: LockInfo) -> None:
        if self._held is None or self._held.id != info.id or self._fd is None:
            raise self._not_held(info)
        try:
            current = self._read_info()
            if current is not None and current.id == info.id:
                with contextlib.suppress(FileNotFoundError):
                    self.info_path.unlink()
        finally:
            os.close(self._fd)  # closing drops the flock
            self._fd, self._held = None, None

    def _read_info(self) -> LockInfo | None:
        try:
            return LockInfo.from_json(self.info_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return None

    def _is_locked(self) -> bool:
        if self._held is not None:
            return True
        if not self.lock_path.exists():
            return False
        fd = self._try_flock()
        if fd is None:
            return True
        os.close(fd)
        return False

    def current(self) -> LockInfo | None:
        """Who holds the lock, or None when the lock is free (a dead holder's info is stale)."""
        if not self._is_locked():
            return None
        return self._held or self._read_info()

    def force_unlock(self, lock_id: str) -> None:
        info = self._read_info()
        if info is None and lock_id == self._file_id() and self._is_locked():
            self._remove_lock_files(held=True)
            return
        info = self._check_unlockable(info, lock_id)
        held = self._is_locked()
        if held and info.who == whoami() and holder_alive(info):
            raise state_error(
                "Refusing to unlock a running operation",
                f"Process {info.pid} on this host still holds the lock on {self.state_path} "
                f'for "{info.operation}".\n\n{info.describe()}\n\nWait for it to finish, or '
                "stop it; its lock is released as soon as it exits.",
            )
        self._remove_lock_files(held)

    def _remove_lock_files(self, held: bool) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.info_path.unlink()
        if held:
            with contextlib.suppress(FileNotFoundError):
                self.lock_path.unlink()
        local_files.fsync_dir(self.state_path.parent)
