"""An apply killed with SIGKILL at any moment leaves a state that loads and lists every
change whose ``put`` or ``remove`` returned.

A worker process journals changes in a loop, printing an acknowledgement after each one
returns; it is killed at varied points (between changes, right at the start, and during
compaction, which rewrites a state of thousands of records). The next round starts from
whatever the killed one left, so recovery itself is exercised too. The only change that
may or may not have landed is the one in flight when the kill came.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from mlinfra.states.local import LocalBackend
from mlinfra.states.model import ResourceState, State

StartWorker = Callable[..., "subprocess.Popen[str]"]
WORKER = Path(__file__).parent / "workers" / "crash_apply.py"
COUNT, COMPACT_EVERY = 200, 25

# (what to wait for, how many of it, extra delay before the kill, where the worker pauses)
KILL_POINTS: list[tuple[str, int, float, str]] = [
    ("started", 1, 0.0, ""),
    ("ack", 1, 0.0, ""),
    ("ack", 38, 0.0, ""),
    ("compacting", 1, 0.0, ""),
    ("compacting", 2, 0.004, ""),
    ("compacting", 1, 0.009, ""),
    ("compacting", 2, 0.015, ""),
    ("compacting", 1, 0.022, ""),
    ("compacting", 2, 0.027, ""),
    ("compacting", 1, 0.033, ""),
    ("compacted", 1, 0.0, ""),
    ("pausing", 1, 0.0, "replace:mlinfra.state.json:2"),
    ("pausing", 1, 0.0, "unlink:mlinfra.state.json.journal:1"),
    ("pausing", 1, 0.0, "replace:mlinfra.state.json.journal:2"),
    ("pausing", 1, 0.0, "replace:mlinfra.state.json.backup:2"),
    ("ack", 90, 0.0, ""),
    ("compacting", 3, 0.03, ""),
    ("ack", 160, 0.0, ""),
]


def _worker_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_apply_worker", WORKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _apply(model: dict[str, Any], op: tuple[str, str, dict[str, Any]]) -> dict[str, Any]:
    kind, address, attributes = op
    out = dict(model)
    if kind == "put":
        out[address] = attributes
    else:
        out.pop(address, None)
    return out


def _big_state(backend: LocalBackend) -> State:
    state = State()
    for i in range(1500):
        address = f"model.base_{i:05d}"
        state.resources[address] = ResourceState(
            address, "model", "local", id=str(i), attributes={"pad": "b" * 1000}
        )
    return backend.write(state)


def _run_until_killed(
    start_worker: StartWorker, path: Path, round_no: int, point: tuple[str, int, float, str]
) -> int:
    """Run one round, kill it at ``point``; the number of the last change acknowledged."""
    wanted, times, delay, pause = point
    proc = start_worker(
        WORKER.name, path, round_no, COUNT, COMPACT_EVERY, *([pause] if pause else [])
    )
    last_ack, seen = -1, 0
    assert proc.stdout is not None
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        if word == "ack":
            last_ack = int(rest)
        if word == wanted:
            seen += 1
            if word != "ack" and seen < times or word == "ack" and last_ack + 1 < times:
                continue
            if delay:
                time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    # The worker ran on while we read: acknowledgements still in the pipe count too.
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        if word == "ack":
            last_ack = int(rest)
    return last_ack


def test_every_acknowledged_change_survives_sigkill_at_varied_moments(
    tmp_path: Path, start_worker: StartWorker
) -> None:
    ops = _worker_module().ops
    backend = LocalBackend(tmp_path / "mlinfra.state.json")
    start = _big_state(backend)
    model = {a: r.attributes for a, r in start.resources.items()}
    serial = start.serial
    for round_no, point in enumerate(KILL_POINTS):
        round_ops = ops(round_no, COUNT)
        last_ack = _run_until_killed(start_worker, backend.path, round_no, point)
        for op in round_ops[: last_ack + 1]:
            model = _apply(model, op)
        state = LocalBackend(backend.path).read()
        actual = {a: r.attributes for a, r in state.resources.items()}
        in_flight = _apply(model, round_ops[last_ack + 1]) if last_ack + 1 < COUNT else model
        assert actual in (model, in_flight), (
            f"round {round_no} killed at {point} after ack {last_ack}"
        )
        assert state.lineage == start.lineage and state.serial >= serial
        model, serial = actual, state.serial
    assert sum(a.startswith("model.base_") for a in model) == 1500
