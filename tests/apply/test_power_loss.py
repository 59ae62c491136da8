"""The ready record of a finished create is written without waiting for the disk: its
intent, already durable, finds the object if the machine goes down before that line
reaches the disk. Simulated here by keeping, of the journal, only what a sync covered:
at every sync, each object that exists then must be recorded in what the previous sync
made durable, and a plan from the last durable journal must create nothing again."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402
from fakeprovider import cloud  # noqa: E402

from mlinfra.states import journal as journal_mod  # noqa: E402
from mlinfra.states.journal import decode_lines  # noqa: E402


def _config(n: int) -> str:
    parts = ['provider "fake" {}\n']
    for i in range(n):
        dep = f"model.m{i - 1}.uri" if i else '"fake://start"'
        parts.append(f'model "m{i}" {{\n  artifact = {dep}\n}}\n')
    parts.append('model "alone" {\n  artifact = "fake://alone"\n}\n')
    return "\n".join(parts)


def test_losing_every_unsynced_journal_line_loses_no_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, _config(4))
    journal_file = tmp_path / "mlinfra.state.json.journal"
    state_file = tmp_path / "mlinfra.state.json"
    base: list[bytes] = []
    durable: list[bytes] = [b""]
    real_sync = journal_mod._fdatasync
    unrecorded: list[set[str]] = []

    def recorded(journal: bytes) -> set[str]:
        return {e["resource"]["address"] for e in decode_lines(journal)[1:] if e.get("op") == "put"}

    def sync(fd: int) -> None:
        # A machine lost now keeps only what the previous sync covered.
        with cloud(tmp_path) as db:
            existing = {o["address"] for o in db.values()}
        unrecorded.append(existing - recorded(durable[-1]))
        if not base:  # the state file the journal applies on top of, as the apply began
            base.append(state_file.read_bytes())
        size = os.fstat(fd).st_size  # everything written before this sync starts
        real_sync(fd)
        durable.append(journal_file.read_bytes()[:size])

    monkeypatch.setattr(journal_mod, "_fdatasync", sync)
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    assert len(durable) > 1, "the apply synced nothing"
    assert not any(unrecorded), f"objects existed with no durable record: {unrecorded}"
    with cloud(tmp_path) as db:
        objects = {o["address"] for o in db.values()}
    assert len(objects) == 5

    # Power lost after the last sync, before compaction: no state file, the durable journal.
    lost = durable[-1]
    assert recorded(lost) == objects, "an object was created without a durable record"
    state_file.write_bytes(base[0])
    journal_file.write_bytes(lost)

    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 0, r.out + r.err  # the intents found every object: nothing to create
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    with cloud(tmp_path) as db:
        assert sorted(o["address"] for o in db.values()) == sorted(objects), "an object was created twice"


def test_a_ready_record_over_no_intent_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mlinfra.states.local import LocalBackend
    from mlinfra.states.model import ResourceState

    syncs: list[int] = []
    real_sync = journal_mod._fdatasync
    monkeypatch.setattr(journal_mod, "_fdatasync", lambda fd: (syncs.append(fd), real_sync(fd)))
    backend = LocalBackend(tmp_path / "mlinfra.state.json")
    j = backend.journal(backend.read())
    intent = ResourceState("model.a", "model", "fake", id="a", status="creating", private={"locator": {"name": "a"}})
    j.put(intent)
    assert len(syncs) == 1
    j.put(ResourceState("model.a", "model", "fake", id="a", attributes={"id": "a"}))
    assert len(syncs) == 1  # settles a durable intent: written, synced by the next change
    j.put(ResourceState("model.b", "model", "fake", id="b", attributes={"id": "b"}))
    assert len(syncs) == 2  # an update or import: durable on return
    j.put(ResourceState("model.c", "model", "fake", id="c", status="creating", private={}))
    j.put(ResourceState("model.c", "model", "fake", id="c", attributes={"id": "c"}))
    assert len(syncs) == 4  # an intent without a locator cannot find the object: waited for
    j.put(ResourceState("model.d", "model", "fake", id="d", status="creating", private={"locator": {"name": "d"}}))
    j.put(ResourceState("model.d", "model", "fake", id="d", status="tainted", attributes={"id": "d"}))
    assert len(syncs) == 6  # a failed create's tainted record is waited for
    j.close()
    assert {a: r.status for a, r in backend.read().resources.items()} == {
        "model.a": "ready", "model.b": "ready", "model.c": "ready", "model.d": "tainted",
    }
