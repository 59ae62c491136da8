"""Running an apply's operations in dependency order, in parallel threads.

Each operation waits on a count of unfinished dependencies; the ready ones sit in a heap
in (destroys first, then by id) order, so the walk stays linear in the number of
operations (``join`` operations, which only wait for a group, complete inline). When an
operation fails, everything that depends on it (directly or not)
is skipped and reported as such, while independent operations go on, as in Terraform.
An ``Interrupt`` stops the walk: gracefully (nothing new starts, running operations
finish) or at once (running operations are abandoned).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from mlinfra import diagnostics as d
from mlinfra.apply.interrupt import Interrupt
from mlinfra.apply.ops import Op, ready_key

# How often a walk that can be interrupted looks at its interrupt while operations run.
POLL_SECONDS = 0.2


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
    run: Callable[[Op], bool],
    *,
    parallelism: int,
    interrupt: Interrupt | None = None,
    on_error: Callable[[Op, BaseException], None] = lambda op, exc: None,
    on_skip: Callable[[Op, Op], None] = lambda op, cause: None,
) -> Outcome:
    """Run every operation (``run`` returns False when it failed) and say what happened."""
    out = Outcome()
    pending = dict(ops)
    waiting = {o.id: len(o.deps) for o in ops.values()}
    dependents: dict[str, list[str]] = {}
    for o in ops.values():
        for dep in o.deps:
            dependents.setdefault(dep, []).append(o.id)
    ready = [ready_key(o) for o in ops.values() if not o.deps]
    heapq.heapify(ready)

    def skip_dependents(failed: Op) -> None:
        stack = [failed.id]
        while stack:
            for other in dependents.get(stack.pop(), ()):
                op = pending.pop(other, None)
                if op is not None:
                    stack.append(op.id)
                    if op.kind != "join":
                        out.skipped[op.id] = failed
                        on_skip(op, failed)

    def done(op: Op) -> None:
        for other in dependents.get(op.id, ()):
            waiting[other] -= 1
            if waiting[other] == 0 and other in pending:
                heapq.heappush(ready, ready_key(pending[other]))

    running: dict[Future[bool], Op] = {}
    pool = ThreadPoolExecutor(parallelism)
    try:
        while pending or running:
            if interrupt is not None and interrupt.graceful:
                out.not_started.extend(o for o in pending.values() if o.kind != "join")
                pending.clear()
                if interrupt.immediate:
                    out.abandoned.extend(running.values())
                    return out
            while ready and len(running) < parallelism:
                op = pending.pop(heapq.heappop(ready)[1], None)
                if op is None:
                    continue
                if op.kind == "join":  # a group all done: nothing to run
                    done(op)
                else:
                    running[pool.submit(run, op)] = op
            if not running:
                if pending:
                    out.stalled = sorted(pending)
                    return out
                continue
            timeout = POLL_SECONDS if interrupt is not None else None
            finished, _ = wait(list(running), timeout=timeout, return_when=FIRST_COMPLETED)
            for fut in finished:
                op = running.pop(fut)
                exc = fut.exception()
                if exc is not None:
                    on_error(op, exc)
                if exc is not None or not fut.result():
                    out.failed.append(op)
                    skip_dependents(op)
                else:
                    done(op)
        return out
    finally:
        abandon = bool(out.abandoned)
        pool.shutdown(wait=not abandon, cancel_futures=True)
