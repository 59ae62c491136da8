"""The scheduler's timer heap: an operation that returns ``Deferred`` is resumed when due,
counts as running for Ctrl-C (a graceful stop lets it finish, an immediate one abandons
it at once), and a step that raises fails it and skips its dependents."""

from __future__ import annotations

import threading
import time
from typing import Any

from mlinfra.apply.interrupt import Interrupt
from mlinfra.apply.ops import Op, OpKind
from mlinfra.apply.scheduler import Deferred, Step, run_ops


def _ops(*specs: tuple[str, set[str]]) -> dict[str, Op]:
    return {i: Op(i, OpKind.APPLY, None, set(deps)) for i, deps in specs}  # type: ignore[arg-type]


def test_a_graceful_stop_lets_pending_waits_finish_and_starts_nothing_new() -> None:
    interrupt = Interrupt()
    resumed: list[str] = []

    def run(op: Op) -> Step:
        if op.id == "a":
            interrupt.request()

            def resume() -> Step:
                resumed.append(op.id)
                return True

            return Deferred(time.monotonic(), resume)
        return True

    out = run_ops(_ops(("a", set()), ("b", set()), ("c", {"a"})), run, parallelism=1, interrupt=interrupt)
    assert resumed == ["a"]
    assert sorted(o.id for o in out.not_started) == ["b", "c"]
    assert not out.abandoned and not out.failed


def test_an_immediate_stop_abandons_pending_waits_without_waiting_for_them() -> None:
    interrupt = Interrupt()
    resumed = threading.Event()

    def run(op: Op) -> Step:
        interrupt.request()
        interrupt.request()

        def resume() -> Step:
            resumed.set()
            return True

        return Deferred(time.monotonic() + 3600, resume)

    out = run_ops(_ops(("a", set())), run, parallelism=2, interrupt=interrupt)
    assert [o.id for o in out.abandoned] == ["a"]
    assert not resumed.is_set()


def test_a_step_that_raises_fails_its_operation_and_skips_what_depends_on_it() -> None:
    errors: list[tuple[str, Any]] = []
    skipped: list[str] = []
    steps: dict[str, int] = {}

    def run(op: Op) -> Step:
        def resume() -> Step:
            steps[op.id] = steps.get(op.id, 0) + 1
            if op.id == "bad":
                raise RuntimeError("lost while waiting")
            return True if steps[op.id] == 3 else Deferred(time.monotonic(), resume)

        return Deferred(time.monotonic(), resume)

    out = run_ops(
        _ops(("bad", set()), ("after", {"bad"}), ("free", set())), run, parallelism=1,
        on_error=lambda op, exc: errors.append((op.id, str(exc))), on_skip=lambda op, cause: skipped.append(op.id),
    )
    assert errors == [("bad", "lost while waiting")]
    assert [o.id for o in out.failed] == ["bad"] and skipped == ["after"]
    assert steps == {"bad": 1, "free": 3}


def test_operations_polling_all_the_time_do_not_starve_new_ones() -> None:
    started: list[str] = []
    polls = 0

    def run(op: Op) -> Step:
        started.append(op.id)
        if op.id != "a":
            return True

        def resume() -> Step:
            nonlocal polls
            polls += 1
            if {"b", "c"} <= set(started):
                return True
            # Always due again at once; give up (fail) if the others never get a worker.
            return False if polls > 100 else Deferred(time.monotonic(), resume)

        return Deferred(time.monotonic(), resume)

    out = run_ops(_ops(("a", set()), ("b", set()), ("c", set())), run, parallelism=1)
    assert not out.failed and started == ["a", "b", "c"] and polls <= 3


def test_operations_finishing_together_are_all_taken_in_one_wake_up_and_each_once() -> None:
    # Twenty independent operations, released at once: every one runs exactly once and
    # the walk ends, however their completions bunch up.
    gate = threading.Event()
    ran: list[str] = []
    lock = threading.Lock()

    def run(op: Op) -> Step:
        gate.wait(5)
        with lock:
            ran.append(op.id)
        return True

    ops = _ops(*[(f"op{i}", set()) for i in range(20)], ("last", {f"op{i}" for i in range(20)}))
    threading.Timer(0.1, gate.set).start()
    out = run_ops(ops, run, parallelism=8)
    assert not out.failed and not out.stalled and not out.not_started
    assert sorted(ran) == sorted(ops) and ran[-1] == "last"


def test_waiting_for_finished_operations_gives_none_when_the_timeout_passes_first() -> None:
    import queue
    from concurrent.futures import Future

    from mlinfra.apply.scheduler import _finished

    q: queue.SimpleQueue[Future[Step]] = queue.SimpleQueue()
    t0 = time.monotonic()
    assert _finished(q, 0.05) == []
    assert time.monotonic() - t0 >= 0.04
    a: Future[Step] = Future()
    b: Future[Step] = Future()
    for f in (a, b):
        f.add_done_callback(q.put)
        f.set_result(True)
    assert _finished(q, 0.05) == [a, b]
    assert _finished(q, 0.0) == []
