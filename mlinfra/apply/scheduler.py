"""Running an apply's operations in dependency order, in parallel threads.

Each operation waits on a count of unfinished dependencies; the ready ones sit in a heap
in (destroys first, then by id) order, so the walk stays linear in the number of
operations (``join`` operations, which only wait for a group, complete inline). When an
operation fails, everything that depends on it (directly or not)
is skipped and reported as such, while independent operations go on, as in Terraform.
An ``Interrupt`` stops the walk: gracefully (nothing new starts, running operations
finish) or at once (running operations are abandoned).

An operation waiting on its provider (an endpoint becoming ready) holds no thread:
its step returns a ``Deferred``, which goes on a timer heap, and its next step runs as a
short task when due. So ``parallelism`` bounds the provider calls in flight, not the
objects being waited for, and a thousand waits take no more threads than ten. Pending
waits count as running: a graceful stop lets them finish, an immediate one abandons them.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from mlinfra import diagnostics as d
from mlinfra.apply.interrupt import Interrupt
from mlinfra.apply.ops import Op, OpKind, ready_key

# How often a walk that can be interrupted looks at its interrupt while operations run.
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Deferred:
    """An operation waiting on its provider: run ``resume`` (its next step) at ``at``
    (``time.monotonic()``); it returns what a step returns."""

    at: float
    resume: Callable[[], bool | Deferred]


Step = bool | Deferred


@dataclass
class Outcome:
    failed: list[Op] = field(default_factory=list)
    # Skipped operation -> the failed operation it depends on.
    skipped: dict[str, Op] = field(default_factory=dict)
    # Never started because the apply was interrupted.
    not_started: list[Op] = field(default_factory=list)
    # Still running when the apply was told to stop now.
    abandoned: list[Op] = field(default_factory=list)
    # Operations that could not be ordered (a bug, but never a hang).
    stalled: list[str] = field(default_factory=list)

    def interrupted(self) -> d.Diagnostic:
        """The error that ends an interrupted apply: what finished, what did not."""

        def names(ops: list[Op]) -> str:
            shown = sorted({o.label for o in ops})
            return ", ".join(shown[:10]) + (f" and {len(shown) - 10} more" if len(shown) > 10 else "")

        parts = ["The apply was interrupted."]
        if self.abandoned:
            parts.append(
                f"Operations still in progress were abandoned: {names(self.abandoned)}. The state "
                "records what they had started, and the next plan reads those objects back."
            )
        else:
            parts.append("The operations in progress finished and are recorded in the state.")
        if self.not_started:
            parts.append(f"Not started: {names(self.not_started)}.")
        parts.append("Run mlinfra apply again to finish.")
        return d.error("Apply interrupted", " ".join(parts))


def run_ops(
    ops: dict[str, Op],
    run: Callable[[Op], Step],
    *,
    parallelism: int,
    interrupt: Interrupt | None = None,
    on_error: Callable[[Op, BaseException], None] = lambda op, exc: None,
    on_skip: Callable[[Op, Op], None] = lambda op, cause: None,
) -> Outcome:
    """Run every operation (a step returns False when it failed, True when it is done,
    a ``Deferred`` when it waits) and say what happened."""
    out = Outcome()
    pending = dict(ops)
    waiting = {o.id: len(o.deps) for o in ops.values()}
    dependents: dict[str, list[str]] = {}
    for o in ops.values():
        for dep in o.deps:
            dependents.setdefault(dep, []).append(o.id)
    ready = [ready_key(o) for o in ops.values() if not o.deps]
    heapq.heapify(ready)
    # (when, tie-breaker, operation, its next step): the operations waiting on providers.
    timers: list[tuple[float, int, Op, Callable[[], Step]]] = []
    seq = itertools.count()
    new_turn = True  # whether a new operation has the next free worker, if both wait

    def skip_dependents(failed: Op) -> None:
        stack = [failed.id]
        while stack:
            for other in dependents.get(stack.pop(), ()):
                op = pending.pop(other, None)
                if op is not None:
                    stack.append(op.id)
                    if op.kind is not OpKind.JOIN:
                        out.skipped[op.id] = failed
                        on_skip(op, failed)

    def done(op: Op) -> None:
        for other in dependents.get(op.id, ()):
            waiting[other] -= 1
            if waiting[other] == 0 and other in pending:
                heapq.heappush(ready, ready_key(pending[other]))

    running: dict[Future[Step], Op] = {}
    # Each future hands itself over as it finishes: one queue to wait on, rather than
    # a waiter installed on every running future for each wait.
    finished_q: queue.SimpleQueue[Future[Step]] = queue.SimpleQueue()
    pool = ThreadPoolExecutor(parallelism)

    def submit(op: Op, fn: Callable[..., Step], *args: Op) -> None:
        fut = pool.submit(fn, *args)
        running[fut] = op
        fut.add_done_callback(finished_q.put)
    try:
        while pending or running or timers:
            if interrupt is not None and interrupt.graceful:
                out.not_started.extend(o for o in pending.values() if o.kind is not OpKind.JOIN)
                pending.clear()
                if interrupt.immediate:
                    out.abandoned.extend(running.values())
                    out.abandoned.extend(t[2] for t in sorted(timers))
                    return out
            # Due steps of operations under way (a call the provider timed, a poll) and
            # new operations take the free workers in turn: neither starves the other.
            now = time.monotonic()
            while len(running) < parallelism:
                due = bool(timers) and timers[0][0] <= now
                if ready and (new_turn or not due):
                    nxt = pending.pop(heapq.heappop(ready)[1], None)
                    if nxt is None:
                        continue
                    if nxt.kind is OpKind.JOIN:  # a group all done: nothing to run
                        done(nxt)
                        continue
                    submit(nxt, run, nxt)
                    new_turn = False
                elif due:
                    _, _, op, resume = heapq.heappop(timers)
                    submit(op, resume)
                    new_turn = True
                else:
                    break
            if not running and not timers:
                if pending:
                    out.stalled = sorted(pending)
                    return out
                continue
            # Sleep until an operation finishes, the next poll is due (when a slot is
            # free for it), or it is time to look at the interrupt.
            timeout: float | None = None
            if timers and len(running) < parallelism:
                timeout = max(0.0, timers[0][0] - time.monotonic())
            if interrupt is not None:
                timeout = POLL_SECONDS if timeout is None else min(timeout, POLL_SECONDS)
            if not running:
                time.sleep(timeout or 0.0)
                continue
            for fut in _finished(finished_q, timeout):
                op = running.pop(fut)
                exc = fut.exception()
                if exc is not None:
                    on_error(op, exc)
                    result: Step = False
                else:
                    result = fut.result()
                if isinstance(result, Deferred):
                    heapq.heappush(timers, (result.at, next(seq), op, result.resume))
                elif not result:
                    out.failed.append(op)
                    skip_dependents(op)
                else:
                    done(op)
        return out
    finally:
        abandon = bool(out.abandoned)
        pool.shutdown(wait=not abandon, cancel_futures=True)


def _finished(q: queue.SimpleQueue[Future[Step]], timeout: float | None) -> list[Future[Step]]:
    """The futures that finished: the first to within ``timeout`` (none when it passes
    first), and every other one finished by then."""
    try:
        out = [q.get(timeout=timeout)]
    except queue.Empty:
        return []
    while True:
        try:
            out.append(q.get_nowait())
        except queue.Empty:
            return out
