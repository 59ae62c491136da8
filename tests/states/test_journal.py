"""The journal makes each change durable at the cost of that change, and survives reopening."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from mlinfra.states import StateError, local_files
from mlinfra.states.journal import decode_lines, encode_line
from mlinfra.states.local import LocalBackend
from mlinfra.states.model import OutputState, State


def _journal_lines(backend: LocalBackend) -> list[bytes]:
    return backend.journal_path.read_bytes().splitlines(keepends=True)


def test_puts_removes_and_outputs_survive_reopening_before_compaction(
    backend: LocalBackend, make_resource
) -> None:
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a", v=1))
    journal.put(make_resource("model.b", v=1))
    journal.put(make_resource("model.a", v=2))
    journal.remove("model.b")
    journal.set_outputs({"url": OutputState("http://x"), "key": OutputState("k", sensitive=True)})
    reopened = LocalBackend(backend.path).read()
    assert {a: r.attributes for a, r in reopened.resources.items()} == {"model.a": {"v": 2}}
    assert reopened.outputs == {
        "url": OutputState("http://x"),
        "key": OutputState("k", sensitive=True),
    }
    assert reopened.to_json() == journal.state.to_json()


def test_a_replayed_journal_reads_one_serial_past_the_file_so_older_plans_are_stale(
    backend: LocalBackend, make_resource
) -> None:
    first = backend.write(State())
    journal = backend.journal(backend.read())
    assert backend.read().serial == first.serial + 1
    journal.put(make_resource("model.a"))
    assert backend.read().serial == journal.state.serial == first.serial + 1
    assert journal.close().serial == first.serial + 1
    assert backend.read().serial == first.serial + 1


def test_closing_compacts_into_one_full_write_and_removes_the_journal(
    backend: LocalBackend, make_resource
) -> None:
    backend.write(State())
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a", v=1))
    before = backend.path.read_bytes()
    written = journal.close()
    assert not backend.journal_path.exists()
    assert backend.backup_path.read_bytes() == before
    assert backend.read().to_json() == written.to_json()
    assert written.resources["model.a"].attributes == {"v": 1}


def test_a_journal_over_no_state_file_writes_the_initial_state_first(
    backend: LocalBackend, make_resource
) -> None:
    state = backend.read()
    journal = backend.journal(state)
    assert backend.path.exists() and backend.read().lineage == state.lineage
    journal.put(make_resource("model.a"))
    assert journal.close().serial == 2
    assert list(backend.read().resources) == ["model.a"]


def test_a_journal_over_the_state_as_read_costs_no_full_write(
    backend: LocalBackend, make_resource
) -> None:
    backend.write(State())
    stamp = backend.path.stat().st_ino
    backend.journal(backend.read()).put(make_resource("model.a"))
    assert backend.path.stat().st_ino == stamp


def test_a_torn_last_line_is_ignored(backend: LocalBackend, make_resource) -> None:
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a"))
    journal.put(make_resource("model.b"))
    with backend.journal_path.open("ab") as f:
        f.write(encode_line({"op": "put", "resource": make_resource("model.c").to_json()})[:-20])
    assert sorted(backend.read().resources) == ["model.a", "model.b"]


def test_a_line_with_a_bad_checksum_ends_the_replay(backend: LocalBackend, make_resource) -> None:
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a"))
    journal.put(make_resource("model.b"))
    lines = _journal_lines(backend)
    lines[2] = lines[2].replace(b'"model.b"', b'"model.x"')
    backend.journal_path.write_bytes(b"".join(lines))
    assert sorted(backend.read().resources) == ["model.a"]


def test_a_journal_left_after_a_finished_compaction_is_ignored_then_removed(
    backend: LocalBackend, make_resource
) -> None:
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a"))
    leftover = backend.journal_path.read_bytes()
    journal.close()
    backend.journal_path.write_bytes(leftover + encode_line({"op": "remove", "address": "model.a"}))
    assert list(backend.read().resources) == ["model.a"]
    assert backend.journal_path.exists()  # only a lock holder removes it
    info = backend.lock("apply")
    assert list(backend.read().resources) == ["model.a"]
    assert not backend.journal_path.exists()
    backend.unlock(info)


def test_a_journal_of_another_lineage_is_ignored(backend: LocalBackend, make_resource) -> None:
    backend.journal(backend.read()).put(make_resource("model.a"))
    fresh = State()
    fresh.serial = 5
    backend.write(fresh)
    assert backend.read().is_empty


def test_a_new_journal_after_a_crash_carries_the_recovered_changes(
    backend: LocalBackend, make_resource
) -> None:
    backend.journal(backend.read()).put(make_resource("model.a"))  # never closed: a crash
    recovered = backend.read()
    journal = backend.journal(recovered)
    journal.put(make_resource("model.b"))
    assert sorted(backend.read().resources) == ["model.a", "model.b"]
    assert sorted(journal.close().resources) == ["model.a", "model.b"]


def test_a_put_costs_the_same_bytes_in_a_large_state_as_in_a_small_one(
    tmp_path: Path, make_resource
) -> None:
    def bytes_for_one_put(size: int) -> int:
        backend = LocalBackend(tmp_path / f"s{size}" / "mlinfra.state.json")
        state = State()
        state.resources = {
            f"model.m{i}": make_resource(f"model.m{i}", i=i, pad="p" * 200) for i in range(size)
        }
        journal = backend.journal(state)
        before = backend.journal_path.stat().st_size
        journal.put(make_resource("model.new", size=1, pad="q" * 300))
        return backend.journal_path.stat().st_size - before

    small, large = bytes_for_one_put(5), bytes_for_one_put(5000)
    assert small == large < 700


def test_journal_growth_is_linear_in_the_records_put(backend: LocalBackend, make_resource) -> None:
    journal = backend.journal(backend.read())
    sizes = []
    for i in range(200):
        journal.put(make_resource(f"model.m{i:04d}", pad="x" * 100))
        sizes.append(backend.journal_path.stat().st_size)
    steps = {b - a for a, b in zip(sizes, sizes[1:], strict=False)}
    assert steps == {sizes[1] - sizes[0]}


def test_threads_putting_at_once_lose_nothing(backend: LocalBackend, make_resource) -> None:
    journal = backend.journal(backend.read())

    def work(t: int) -> None:
        for i in range(150):
            journal.put(make_resource(f"model.t{t}_{i}", t=t, i=i))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(journal.state.resources) == 1200
    assert len(decode_lines(backend.journal_path.read_bytes())) == 1201
    assert len(backend.read().resources) == 1200
    assert len(journal.close().resources) == 1200


def test_a_record_changed_after_its_put_is_not_changed_in_the_journal(
    backend: LocalBackend, make_resource
) -> None:
    journal = backend.journal(backend.read())
    rs = make_resource("model.a", v=1)
    journal.put(rs)
    rs.attributes["v"] = 2
    assert journal.state.resources["model.a"].attributes == {"v": 1}


def test_a_closed_journal_accepts_no_more_changes(backend: LocalBackend, make_resource) -> None:
    journal = backend.journal(backend.read())
    journal.close()
    with pytest.raises(RuntimeError):
        journal.put(make_resource("model.a"))


def test_a_journal_from_a_newer_mlinfra_is_refused(backend: LocalBackend) -> None:
    backend.write(State())
    state = backend.read()
    backend.journal_path.write_bytes(
        encode_line(
            {
                "journal": "mlinfra-state",
                "format_version": 99,
                "lineage": state.lineage,
                "base_serial": state.serial,
            }
        )
    )
    with pytest.raises(Exception, match="newer mlinfra"):
        backend.read()


def test_a_state_snapshot_does_not_change_under_later_puts(
    backend: LocalBackend, make_resource
) -> None:
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a"))
    snapshot = journal.state
    journal.put(make_resource("model.b"))
    assert list(snapshot.resources) == ["model.a"]
    assert sorted(journal.state.resources) == ["model.a", "model.b"]
    assert journal.get("model.b") == make_resource("model.b")
    assert journal.get("model.zzz") is None


def test_a_failed_append_leaves_no_torn_line_and_stops_the_journal(
    backend: LocalBackend, make_resource, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = backend.journal(backend.read())
    journal.put(make_resource("model.a"))
    real_write = local_files.write_all

    def disk_full(fd: int, data: bytes) -> None:
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(local_files, "write_all", disk_full)
    with pytest.raises(StateError, match="Failed to persist state") as caught:
        journal.put(make_resource("model.b"))
    assert "No space left on device" in caught.value.diagnostics.items[0].detail
    monkeypatch.setattr(local_files, "write_all", real_write)
    with pytest.raises(StateError) as refused:
        journal.put(make_resource("model.c"))
    assert "accepts no more changes" in refused.value.diagnostics.items[0].detail
    assert backend.journal_path.read_bytes().endswith(b"\n")
    assert list(backend.read().resources) == ["model.a"]
    assert list(journal.close().resources) == ["model.a"]
