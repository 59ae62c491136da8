"""The state journal: every resource change made durable at the cost of that change alone.

An apply persists each change as one appended line of ``<state>.journal`` (flushed and
fdatasync'd before ``put`` returns; the ready record of a finished create only written,
its intent being durable already) instead of rewriting the whole state, so an apply of
N resources writes O(N) bytes, not O(N^2). ``close`` compacts: one full atomic write of
the state (serial ``base_serial + 1``), then the journal is removed.

Format: JSON lines, each ``<crc32 of body, 8 hex digits> <body>\\n``. The first line is the
header ``{"journal": "mlinfra-state", "format_version", "lineage", "base_serial"}``, the
serial of the state file the entries apply on top of. Then entries:
``{"op": "put", "resource": {...}}``, ``{"op": "remove", "address": ...}`` and
``{"op": "outputs", "outputs": {...}}``. Reading stops at the first line without its
newline or whose checksum fails, so a line torn by a crash is ignored (its ``put`` never
returned). A journal applies only to the file whose lineage and serial match its header;
``read`` then reports serial ``base_serial + 1``, which is what compaction would have
written, so a plan made before the crash is seen as stale. A journal whose base is older
than the file is left over from a finished compaction and is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.records import frozen
from mlinfra.states import documents, local_files
from mlinfra.states.errors import state_error
from mlinfra.states.model import FORMAT_VERSION, OutputState, ResourceState, State

_fdatasync: Callable[[int], None] = getattr(os, "fdatasync", os.fsync)


def journal_path(state_path: Path) -> Path:
    return state_path.with_name(state_path.name + ".journal")


def encode_line(body: dict[str, Any]) -> bytes:
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )
    return b"%08x " % zlib.crc32(raw) + raw + b"\n"


def decode_lines(data: bytes) -> list[dict[str, Any]]:
    """The intact lines of a journal, up to the first torn or corrupt one."""
    out: list[dict[str, Any]] = []
    start = 0
    while True:
        end = data.find(b"\n", start)
        if end < 0:
            return out
        line = data[start:end]
        start = end + 1
        crc, _, raw = line.partition(b" ")
        try:
            if int(crc, 16) != zlib.crc32(raw) or len(crc) != 8:
                return out
            body = documents.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return out
        if not isinstance(body, dict) or documents.too_deep(body, documents.MAX_DEPTH):
            return out
        out.append(body)


@frozen
class Header:
    lineage: str
    base_serial: int
    format_version: int


def read_journal(path: Path) -> tuple[Header, list[dict[str, Any]]] | None:
    """The header and entries of the journal at ``path``; None when absent or headless."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    lines = decode_lines(data)
    if not lines or lines[0].get("journal") != "mlinfra-state":
        return None
    head = lines[0]
    try:
        header = Header(str(head["lineage"]), int(head["base_serial"]), int(head["format_version"]))
    except (KeyError, TypeError, ValueError):
        return None
    return header, lines[1:]


def apply_entry(state: State, entry: dict[str, Any]) -> None:
    op = entry.get("op")
    if op == "put":
        rs = ResourceState.from_json(entry["resource"])
        state.resources[rs.address] = rs
    elif op == "remove":
        state.resources.pop(entry["address"], None)
    elif op == "outputs":
        state.outputs = {
            k: OutputState(v.get("value"), bool(v.get("sensitive")))
            for k, v in entry["outputs"].items()
        }


class JournalBase:
    """What every state journal does alike: the change records (``put``, ``remove``,
    ``set_outputs``), each handed to ``_write``, and reading the state they build.
    Subclasses set ``_state``, ``_lock`` and ``_snapshot`` and persist in ``_write``."""

    _state: State
    _lock: threading.Lock
    _snapshot: State | None

    def _write(self, body: dict[str, Any]) -> None:
        raise NotImplementedError

    def put(self, rs: ResourceState) -> None:
        """Record ``rs`` (replacing any record at its address); durable on return (the
        local journal leaves the ready record of a finished create to the next sync: see
        ``Journal._settles_intent``)."""
        self._write({"op": "put", "resource": rs.to_json()})

    def remove(self, address: str) -> None:
        """Forget the record at ``address``; durable on return."""
        self._write({"op": "remove", "address": address})

    def set_outputs(self, outputs: dict[str, OutputState]) -> None:
        """Replace all outputs; durable on return."""
        self._write({"op": "outputs", "outputs": {k: v.to_json() for k, v in outputs.items()}})

    @property
    def state(self) -> State:
        """The state including every change so far.

        A snapshot that later changes do not alter, safe to iterate while other threads
        put. It shares records with the journal: treat them as read-only. Taking one costs
        a copy of the address index when something changed since the last one; to look up
        one record per change, ``get`` is cheaper.
        """
        with self._lock:
            if self._snapshot is None:
                s = self._state
                self._snapshot = State(
                    s.lineage,
                    s.serial,
                    s.mlinfra_version,
                    s.format_version,
                    dict(s.resources),
                    dict(s.outputs),
                )
            return self._snapshot

    def get(self, address: str) -> ResourceState | None:
        """The current record at ``address`` (read-only), in constant time."""
        with self._lock:
            return self._state.resources.get(address)


class Journal(JournalBase):
    """Per-change persistence of one state; safe to call from several threads.

    Writes happen in order under a lock; the fdatasync that makes them durable runs
    outside it, and one sync covers every line written before it (group commit).
    """

    def __init__(
        self,
        path: Path,
        state: State,
        compact: Callable[[State], State],
        seal: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """Open the journal at ``path`` (header already written) over ``state``.

        ``seal`` turns each entry into what is written (encryption); the header stays plain.
        """
        self.path = path
        self._seal = seal
        self._state = state
        self._compact = compact
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        self._size = os.fstat(self._fd).st_size
        self._synced = self._size
        self._closed = False
        self._failure: str | None = None
        self._snapshot: State | None = None

    @staticmethod
    def create(
        path: Path,
        state: State,
        base_serial: int,
        compact: Callable[[State], State],
        seal: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> Journal:
        """Start a journal over ``state`` as stored with serial ``base_serial``."""
        header = {
            "journal": "mlinfra-state",
            "format_version": FORMAT_VERSION,
            "lineage": state.lineage,
            "base_serial": base_serial,
        }
        local_files.atomic_write(path, encode_line(header), 0o600)
        state.serial = base_serial + 1
        return Journal(path, state, compact, seal)

    def _write(self, body: dict[str, Any]) -> None:
        self._append(encode_line(body))

    def _fail(self, what: str, err: OSError) -> None:
        self._failure = f"{what} {self.path} failed: {err.strerror or err}"
        raise state_error(
            "Failed to persist state",
            f"{self._failure}. The changes recorded so far are in the journal and are "
            "recovered by the next mlinfra run; free disk space or fix permissions, then "
            "run plan again to reconcile.",
        ) from err

    def _check_usable(self) -> None:
        if self._closed:
            raise RuntimeError(f"state journal {self.path} is closed")
        if self._failure is not None:
            raise state_error(
                "Failed to persist state", f"{self._failure}; the journal accepts no more changes."
            )

    def _settles_intent(self, entry: dict[str, Any]) -> bool:
        """Whether ``entry`` puts the ready record of an object whose intent (status
        ``creating``, with the locator that finds it) is the record in place, and durable.
        Such a line is written at once but not waited for: it is made durable by the next
        change that is (every sync covers all lines before it) or by ``close``. Were it
        lost with the machine, the intent still finds the object, and the next plan adopts
        what it reads back, as after an apply killed during the create."""
        rec = entry.get("resource") if entry.get("op") == "put" else None
        if not isinstance(rec, dict) or rec.get("status") != "ready":
            return False
        prev = self._state.resources.get(str(rec.get("address")))
        return (
            prev is not None
            and prev.status == "creating"
            and bool(prev.private.get("locator"))
            and [x.key for x in prev.deposed] == [x.get("key") for x in rec.get("deposed") or []]
        )

    def _append(self, line: bytes) -> None:
        entry = json.loads(line[9:])  # a private copy, exactly as a replay would see it
        if self._seal is not None:
            line = encode_line(self._seal(entry))
        with self._lock:
            self._check_usable()
            lazy = self._settles_intent(entry)
            offset = self._size
            try:
                local_files.write_all(self._fd, line)
            except OSError as e:
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, offset)  # never leave a torn line before later ones
                self._fail("Appending to", e)
            self._size = end = offset + len(line)
            apply_entry(self._state, entry)
            self._snapshot = None
        if not lazy:
            self._sync(end)

    def _sync(self, end: int) -> None:
        with self._sync_lock:
            if self._synced >= end:
                return
            target = self._size
            try:
                _fdatasync(self._fd)
            except OSError as e:
                self._fail("Syncing", e)
            self._synced = max(self._synced, target)

    def close(self) -> State:
        """Compact: write the whole state once (serial ``base_serial + 1``), drop the journal."""
        with self._lock, self._sync_lock:
            if self._closed:
                raise RuntimeError(f"state journal {self.path} is closed")
            self._closed = True
            try:
                written = self._compact(self._state)
            finally:
                os.close(self._fd)
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            local_files.fsync_dir(self.path.parent)
            return written
