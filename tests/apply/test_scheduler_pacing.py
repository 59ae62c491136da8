"""The apply's pacing: a provider whose operations are cheap has only a few of them in
threads at once (ten would only take turns at the interpreter lock); once its operations
turn out slow, ``parallelism`` alone bounds them. Held-back operations still fail,
skip and stop as every other one does."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any

from mlinfra.apply import scheduler as s
from mlinfra.apply.interrupt import Interrupt
from mlinfra.apply.ops import Op, OpKind


def _ops(n: int, provider: Any = lambda i: "local", deps: Any = lambda i: set()) -> dict[str, Op]:
    return {
        f"o{i:03}": Op(f"o{i:03}", OpKind.APPLY, SimpleNamespace(provider=provider(i)), deps(i))  # type: ignore[arg-type]
        for i in range(n)
    }


class _Calls:
    """Runs operations, sleeping ``delay(op)`` seconds, and notes the most in flight at
    once, per provider."""

    def __init__(self, delay: Any = lambda op: 0.0, fail: Any = lambda op: False) -> None:
        self.delay, self.fail = delay, fail
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.ran: list[str] = []

    def __call__(self, op: Op) -> bool:
        p = op.change.provider
        with self.lock:
            self.now[p] = self.now.get(p, 0) + 1
            self.most[p] = max(self.most.get(p, 0), self.now[p])
        time.sleep(self.delay(op))
        with self.lock:
            self.now[p] -= 1
            self.ran.append(op.id)
        if self.fail(op) == "raise":
            raise RuntimeError("boom")
        return not self.fail(op)


def test_a_cheap_providers_operations_are_few_in_flight() -> None:
    calls = _Calls(delay=lambda op: 0.001)
    out = s.run_ops(_ops(60), calls, parallelism=10)
    assert sorted(calls.ran) == sorted(_ops(60)) and not out.failed and not out.stalled
    assert calls.most["local"] <= s.CHEAP_IN_FLIGHT


def test_a_slow_providers_operations_take_every_worker_and_a_cheap_one_stays_paced() -> None:
    calls = _Calls(delay=lambda op: 0.1 if op.change.provider == "cloud" else 0.0)
    out = s.run_ops(_ops(80, provider=lambda i: "cloud" if i % 2 else "local"), calls, parallelism=10)
    assert len(calls.ran) == 80 and not out.failed and not out.stalled
    assert calls.most["cloud"] > s.CHEAP_IN_FLIGHT
    assert calls.most["local"] <= s.CHEAP_IN_FLIGHT


def test_held_back_operations_fail_skip_and_go_on_as_others_do() -> None:
    # o010 fails, o020 raises; o030 depends on o010: it is skipped, the rest run.
    errors: list[str] = []
    calls = _Calls(fail=lambda op: {"o010": True, "o020": "raise"}.get(op.id, False))
    out = s.run_ops(
        _ops(40, deps=lambda i: {"o010"} if i == 30 else set()), calls, parallelism=10,
        on_error=lambda op, exc: errors.append(op.id),
    )  # fmt: skip
    assert sorted(o.id for o in out.failed) == ["o010", "o020"] and errors == ["o020"]
    assert list(out.skipped) == ["o030"]
    assert len(calls.ran) == 39 and "o030" not in calls.ran


def test_a_graceful_stop_reports_held_back_operations_as_not_started() -> None:
    interrupt = Interrupt()
    gate = threading.Event()

    def run(op: Op) -> bool:
        if op.id == "o000":
            interrupt.request()
            gate.set()
        else:
            gate.wait(5)
        return True

    out = s.run_ops(_ops(20), run, parallelism=10, interrupt=interrupt)
    assert len(out.not_started) == 20 - s.CHEAP_IN_FLIGHT
    assert not out.abandoned and not out.failed and not out.stalled
