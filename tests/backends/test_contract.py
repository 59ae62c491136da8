"""The contract every state backend keeps: local, s3, gcs, azurerm and pg run the same tests.

Round trip, a lock contended by two real processes (the loser names the holder), waiting
for a lock, stale serials and foreign lineages refused, force-unlock, isolated
workspaces, and an apply killed with SIGKILL part way (every acknowledged change is in
the state the next run reads; a lock that outlives its holder is reported and cleared by
force-unlock).
"""

from __future__ import annotations

import json
import signal
from typing import Any

import pytest
from backend_targets import Target

from mlinfra.diagnostics import DiagnosticsError
from mlinfra.states import StateError
from mlinfra.states.model import OutputState, ResourceState, State


def _text(e: DiagnosticsError) -> str:
    return "\n".join(f"{x.summary}: {x.detail}" for x in e.diagnostics)


def _record(address: str, **attributes: Any) -> ResourceState:
    return ResourceState(address, address.split(".")[0], "local", id=address, attributes=attributes)


def _wait_line(proc: Any, prefix: str = "") -> str:
    while True:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"worker ended early: {proc.stderr.read()}")
        if line.startswith(prefix):
            return str(line)


def test_a_written_state_reads_back_the_same_with_a_growing_serial(target: Target) -> None:
    backend = target.backend()
    assert backend.read().serial == 0 and not backend.exists()
    state = State()
    state.resources["model.m"] = _record("model.m", secret_free="yes", n=[1, 2])
    state.outputs["url"] = OutputState("http://x", False)
    first = backend.write(state)
    back = target.backend().read()
    assert back.to_json() == first.to_json()
    assert back.serial == 1 and back.lineage == state.lineage
    back.resources["model.n"] = _record("model.n")
    assert target.backend().write(back).serial == 2
    assert sorted(target.backend().read().resources) == ["model.m", "model.n"]


def test_a_second_process_fails_on_the_lock_naming_the_holder(target: Target, worker: Any) -> None:
    proc = worker(target, "hold")
    held = json.loads(_wait_line(proc, "{"))
    backend = target.backend()
    with pytest.raises(StateError) as e:
        backend.lock("plan")
    text = _text(e.value)
    assert "Error acquiring the state lock" in text
    assert held["id"] in text and f"PID:       {held['pid']}" in text and "hold" in text
    assert backend.lock_info() is not None and backend.lock_info().id == held["id"]  # type: ignore[union-attr]
    proc.stdin.write("release\n")
    proc.stdin.flush()
    _wait_line(proc, "released")
    info = backend.lock("plan")
    backend.unlock(info)
    assert target.backend().lock_info() is None


def test_a_lock_timeout_waits_for_the_holder_to_finish(target: Target, worker: Any) -> None:
    proc = worker(target, "hold")
    _wait_line(proc, "{")
    proc.stdin.write("release\n")  # the holder lets go while we wait
    proc.stdin.flush()
    backend = target.backend()
    info = backend.lock("apply", timeout=60)
    assert backend.lock_info() == info
    backend.unlock(info)


def test_a_write_based_on_an_older_serial_is_refused(target: Target) -> None:
    backend = target.backend()
    backend.write(State())
    mine = backend.read()
    theirs = target.backend().read()
    theirs.resources["model.theirs"] = _record("model.theirs")
    target.backend().write(theirs)
    mine.resources["model.mine"] = _record("model.mine")
    with pytest.raises(StateError) as e:
        backend.write(mine)
    assert "stale" in _text(e.value)
    assert sorted(target.backend().read().resources) == ["model.theirs"]


def test_a_state_of_another_lineage_is_refused(target: Target) -> None:
    first = State()
    first.resources["model.a"] = _record("model.a")
    target.backend().write(first)
    other = State()
    other.resources["model.b"] = _record("model.b")
    with pytest.raises(StateError) as e:
        target.backend().write(other)
    assert "lineage" in _text(e.value)
    assert list(target.backend().read().resources) == ["model.a"]


def test_workspaces_keep_separate_states(target: Target) -> None:
    store = target.store()
    store.create_workspace("staging")
    assert store.workspaces() == ["default", "staging"]
    staging = State()
    staging.resources["model.s"] = _record("model.s")
    store.backend("staging").write(staging)
    default = State()
    default.resources["model.d"] = _record("model.d")
    store.backend("default").write(default)
    assert list(target.store().backend("staging").read().resources) == ["model.s"]
    assert list(target.store().backend("default").read().resources) == ["model.d"]
    store.delete_workspace("staging")
    assert target.store().workspaces() == ["default"]


def test_an_apply_killed_midway_leaves_every_acknowledged_change_and_a_lock_force_unlock_clears(
    target: Target, worker: Any
) -> None:
    seed = State()
    seed.resources["model.seed"] = _record("model.seed")
    target.backend().write(seed)
    proc = worker(target, "apply", 500)
    held = json.loads(_wait_line(proc, "{"))
    acked = -1
    while acked < 40:
        acked = int(_wait_line(proc, "ack").split()[1])
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for line in proc.stdout:  # acknowledgements already written before the kill
        if line.startswith("ack"):
            acked = int(line.split()[1])
    state = target.backend().read()
    for i in range(acked + 1):
        assert f"model.m{i:04d}" in state.resources, i
    assert "model.seed" in state.resources
    assert state.serial == 2  # the seed's serial + 1, as compaction would have written
    backend = target.backend()
    if backend.lock_survives_crash:
        info = backend.lock_info()
        assert info is not None and info.id == held["id"]
        with pytest.raises(StateError, match="Failed to unlock"):
            backend.force_unlock("not-the-id")
        backend.force_unlock(held["id"])
        assert target.backend().lock_info() is None
    mine = backend.lock("apply", timeout=30)  # a dead holder's session lock is gone
    try:
        journal = backend.journal(backend.read())
        journal.put(_record("model.after"))
        final = journal.close()
    finally:
        backend.unlock(mine)
    again = target.backend().read()
    assert again.serial == final.serial
    assert {"model.seed", "model.after", "model.m0000"} <= set(again.resources)


def test_force_unlock_with_a_wrong_id_changes_nothing(target: Target, worker: Any) -> None:
    proc = worker(target, "hold")
    held = json.loads(_wait_line(proc, "{"))
    backend = target.backend()
    with pytest.raises(StateError) as e:
        backend.force_unlock("00000000-wrong")
    assert held["id"] in _text(e.value)
    assert backend.lock_info() is not None
    proc.stdin.write("release\n")
    proc.stdin.flush()
    _wait_line(proc, "released")
    with pytest.raises(StateError, match="Failed to unlock"):
        backend.force_unlock(held["id"])


def test_journal_records_of_an_interrupted_apply_are_reported_until_compacted(target: Target) -> None:
    backend = target.backend()
    backend.write(State())
    info = backend.lock("apply")
    journal = backend.journal(backend.read())
    journal.put(_record("model.j"))
    assert target.backend().recovering()
    journal.close()
    backend.unlock(info)
    assert not target.backend().recovering()
