"""The state lock keeps two processes apart, names the holder, and never outlives a dead one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from mlinfra.states import LockInfo, StateError
from mlinfra.states.local import LocalBackend
from mlinfra.states.lock import whoami


def _started(proc: subprocess.Popen[str]) -> LockInfo:
    line = proc.stdout.readline()
    assert line, "the lock holder exited before taking the lock"
    return LockInfo(**json.loads(line))


def test_a_second_process_is_refused_at_once_with_the_holder_named(
    backend: LocalBackend, start_worker
) -> None:
    holder = start_worker("hold_lock.py", backend.path)
    held = _started(holder)
    with pytest.raises(StateError) as caught:
        backend.lock("apply")
    diag = caught.value.diagnostics.items[0]
    assert diag.summary == "Error acquiring the state lock"
    for expected in (held.id, str(backend.path), "apply", held.who, str(holder.pid), held.created):
        assert expected in diag.detail
    assert "--lock-timeout" in diag.detail and f"mlinfra force-unlock {held.id}" in diag.detail
    assert backend.lock_info() == held


def test_a_lock_timeout_waits_for_the_holder_to_release(
    backend: LocalBackend, start_worker
) -> None:
    holder = start_worker("hold_lock.py", backend.path, 0.3)
    _started(holder)
    info = backend.lock("apply", timeout=30)
    assert holder.stdout.readline().strip() == "released"
    assert backend.lock_info() == info
    backend.unlock(info)
    assert backend.lock_info() is None


def test_a_lock_timeout_that_runs_out_still_names_the_holder(
    backend: LocalBackend, start_worker
) -> None:
    held = _started(start_worker("hold_lock.py", backend.path))
    with pytest.raises(StateError, match="Error acquiring the state lock") as caught:
        backend.lock("plan", timeout=0.25)
    assert held.id in caught.value.diagnostics.items[0].detail


def test_the_lock_is_released_when_its_holder_is_killed(
    backend: LocalBackend, start_worker
) -> None:
    holder = start_worker("hold_lock.py", backend.path)
    _started(holder)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert backend.lock_info() is None
    info = backend.lock("apply")
    assert info.pid == os.getpid() and backend.lock_info() == info
    backend.unlock(info)


def test_the_lock_records_who_holds_it_beside_the_state(backend: LocalBackend) -> None:
    info = backend.lock("destroy")
    assert (info.operation, info.who, info.pid, info.path) == (
        "destroy",
        whoami(),
        os.getpid(),
        str(backend.path),
    )
    assert info.created.endswith("Z") and "T" in info.created
    on_disk = json.loads(Path(f"{backend.path}.lock.info").read_text())
    assert on_disk["id"] == info.id
    backend.unlock(info)
    assert not Path(f"{backend.path}.lock.info").exists()


def test_two_backends_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    a, b = LocalBackend(tmp_path / "s.json"), LocalBackend(tmp_path / "s.json")
    info = a.lock("apply")
    with pytest.raises(StateError):
        b.lock("apply")
    a.unlock(info)
    b.unlock(b.lock("apply"))


def test_unlocking_a_lock_not_held_is_an_error(backend: LocalBackend) -> None:
    info = backend.lock("apply")
    backend.unlock(info)
    with pytest.raises(StateError, match="Error releasing the state lock"):
        backend.unlock(info)


def test_force_unlock_without_a_lock_is_an_error(backend: LocalBackend) -> None:
    with pytest.raises(StateError, match="Failed to unlock state") as caught:
        backend.force_unlock("nope")
    assert "not locked" in caught.value.diagnostics.items[0].detail


def test_force_unlock_with_the_wrong_id_names_the_right_one(
    backend: LocalBackend, start_worker
) -> None:
    held = _started(start_worker("hold_lock.py", backend.path))
    with pytest.raises(StateError, match="Failed to unlock state") as caught:
        backend.force_unlock("not-the-id")
    assert held.id in caught.value.diagnostics.items[0].detail


def test_force_unlock_refuses_while_the_holder_runs_on_this_host(
    backend: LocalBackend, start_worker
) -> None:
    held = _started(start_worker("hold_lock.py", backend.path))
    with pytest.raises(StateError, match="Refusing to unlock a running operation") as caught:
        backend.force_unlock(held.id)
    assert str(held.pid) in caught.value.diagnostics.items[0].detail
    assert backend.lock_info() == held


def test_force_unlock_clears_the_info_a_killed_holder_left(
    backend: LocalBackend, start_worker
) -> None:
    holder = start_worker("hold_lock.py", backend.path)
    held = _started(holder)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    backend.force_unlock(held.id)
    assert not Path(f"{backend.path}.lock.info").exists()
    with pytest.raises(StateError):
        backend.force_unlock(held.id)


def test_force_unlock_breaks_a_lock_held_from_another_host(tmp_path: Path) -> None:
    stuck, fresh = LocalBackend(tmp_path / "s.json"), LocalBackend(tmp_path / "s.json")
    info = stuck.lock("apply")
    remote = LockInfo(info.id, "apply", "ci@build-7", 4242, info.created, info.path)
    Path(f"{stuck.path}.lock.info").write_text(json.dumps(remote.__dict__))
    with pytest.raises(StateError):
        fresh.lock("apply")
    fresh.force_unlock(info.id)
    taken = fresh.lock("apply")
    assert fresh.lock_info() == taken
    fresh.unlock(taken)
    stuck.unlock(info)


def test_taking_the_lock_waits_for_no_disk_sync_and_names_the_holder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The flock is the lock; its record (who holds it) is replaced atomically but not
    synced: a power loss ends every holder, so a lost record is a stale one anyway."""
    from mlinfra.states.lock import StateLock

    syncs: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real(fd))[1])
    first, second = StateLock(tmp_path / "s.json"), StateLock(tmp_path / "s.json")
    info = first.acquire("plan")
    assert syncs == []
    recorded = json.loads((tmp_path / "s.json.lock.info").read_text())
    assert recorded["id"] == info.id and recorded["operation"] == "plan" and recorded["pid"] == os.getpid()
    assert not list(tmp_path.glob(".*.tmp"))
    first.release(info)
    assert not (tmp_path / "s.json.lock.info").exists()
    again = second.acquire("apply")
    assert json.loads((tmp_path / "s.json.lock.info").read_text())["id"] == again.id != info.id
    second.release(again)
