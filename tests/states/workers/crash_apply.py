"""An apply that journals changes in a loop, acknowledging each one, until it is killed.

Usage: crash_apply.py STATE_PATH ROUND COUNT COMPACT_EVERY [PAUSE]. Takes the lock, reads the
state (recovering whatever an earlier killed round left), then performs ``ops(ROUND,
COUNT)`` through a journal, printing ``ack K`` (flushed) once change K has returned.
Every COMPACT_EVERY changes it prints ``compacting``, closes the journal (a full write)
and starts a new one, then prints ``compacted``.

PAUSE, ``replace:NAME:N`` or ``unlink:NAME:N``, stops the process for good just before
its Nth rename onto (or removal of) the file NAME, after printing ``pausing``, so that it
can be killed exactly between two steps of a compaction.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.states.local import LocalBackend
from mlinfra.states.model import ResourceState

Op = tuple[str, str, dict[str, Any]]


def ops(round_no: int, count: int) -> list[Op]:
    """The changes of one round: new records, updates of shared ones, and removals."""
    out: list[Op] = []
    for i in range(count):
        if i % 4 == 3:
            out.append(("remove", f"model.r{round_no}_{i - 3}", {}))
        elif i % 4 == 1:
            out.append(("put", f"model.shared_{i % 7}", {"round": round_no, "i": i}))
        else:
            out.append(
                ("put", f"model.r{round_no}_{i}", {"round": round_no, "i": i, "pad": "x" * 100})
            )
    return out


def pause_before(spec: str) -> None:
    """Make the Nth ``os.replace``/``os.unlink`` of file NAME print ``pausing`` and hang."""
    call, name, nth = spec.split(":")
    real: Callable[..., None] = getattr(os, call)
    seen = 0

    def wrapper(*args: object, **kwargs: object) -> None:
        nonlocal seen
        if Path(str(args[-1] if call == "replace" else args[0])).name == name:
            seen += 1
            if seen == int(nth):
                print("pausing", flush=True)
                time.sleep(60)
        real(*args, **kwargs)

    setattr(os, call, wrapper)


def main() -> None:
    path, round_no, count, compact_every = Path(sys.argv[1]), *map(int, sys.argv[2:5])
    if len(sys.argv) > 5:
        pause_before(sys.argv[5])
    backend = LocalBackend(path)
    info = backend.lock("apply", timeout=10)
    journal = backend.journal(backend.read())
    print("started", flush=True)
    for k, (op, address, attributes) in enumerate(ops(round_no, count)):
        if op == "put":
            journal.put(ResourceState(address, "model", "local", id=address, attributes=attributes))
        else:
            journal.remove(address)
        print(f"ack {k}", flush=True)
        if (k + 1) % compact_every == 0:
            print("compacting", flush=True)
            journal = backend.journal(journal.close())
            print("compacted", flush=True)
    journal.close()
    backend.unlock(info)
    print("done", flush=True)


if __name__ == "__main__":
    main()
