"""The journal of a remote state: one small record per resource change, replayed on read.

A remote backend cannot append to an object, so each change is stored as its own record
(an object ``<state>.journal/<lineage>/<base serial>/<seq>``, or a row), written before
``put`` returns; the cost of a change is that record alone. Records are numbered in the
order changes were made; changes from parallel workers touch different addresses, so a
replay applies every record present in number order, and one missing because its write
never returned is simply absent. ``close`` compacts: one full write of the state with
serial ``base + 1`` (a compare-and-swap on the stored version) and the records removed.
Each record is a journal line (``journal.encode_line``), sealed when the state is
encrypted.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from mlinfra.states import documents
from mlinfra.states.crypto import Codec, is_sealed
from mlinfra.states.errors import state_error
from mlinfra.states.journal import JournalBase, apply_entry, decode_lines, encode_line
from mlinfra.states.model import State

Persist = Callable[[int, bytes], None]

JOURNAL_ADVICE = "Remove the journal records to load the state without the changes they record."


def replay(state: State, records: list[bytes], codec: Codec, where: str) -> int:
    """Apply the journal ``records`` (in order) to ``state``; returns how many applied."""
    count = 0
    for data in records:
        for entry in decode_lines(data)[:1]:
            if is_sealed(entry):
                entry = codec.open(entry, where)
            documents.check_entry(entry, f"The journal of {where}", JOURNAL_ADVICE)
            try:
                apply_entry(state, entry)
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                raise state_error(
                    "Failed to load state",
                    f"The journal of {where} has a malformed entry ({e}); it was written by "
                    "a different program. Remove the journal records to load the state "
                    "without them.",
                ) from None
            count += 1
    return count


class RemoteJournal(JournalBase):
    """Per-change persistence of a remote state; safe to call from several threads."""

    def __init__(
        self,
        state: State,
        base_serial: int,
        persist: Persist,
        compact: Callable[[State], State],
        codec: Codec,
        where: str,
    ) -> None:
        self._state = state
        state.serial = base_serial + 1
        self._persist, self._compact, self._codec, self._where = persist, compact, codec, where
        self._lock = threading.Lock()
        self._seq = 0
        self._closed = False
        self._failure: str | None = None
        self._snapshot: State | None = None

    def _write(self, body: dict[str, Any]) -> None:
        entry = json.loads(json.dumps(body))  # a private copy, as a replay would see it
        line = encode_line(self._codec.seal(entry, self._where) if self._codec.encrypts else entry)
        with self._lock:
            if self._closed:
                raise RuntimeError(f"the state journal of {self._where} is closed")
            if self._failure is not None:
                raise state_error(
                    "Failed to persist state",
                    f"{self._failure}; the journal accepts no more changes.",
                )
            self._seq += 1
            seq = self._seq
        try:
            self._persist(seq, line)
        except Exception as e:
            with self._lock:
                self._failure = f"Recording a change of {self._where} failed"
            raise state_error(
                "Failed to persist state",
                f"Recording a change of {self._where} failed: {e}. The changes recorded so "
                "far are kept and recovered by the next mlinfra run; run plan again to "
                "reconcile.",
            ) from None
        with self._lock:
            apply_entry(self._state, entry)
            self._snapshot = None

    def close(self) -> State:
        with self._lock:
            if self._closed:
                raise RuntimeError(f"the state journal of {self._where} is closed")
            self._closed = True
            return self._compact(self._state)
