"""Refresh reads in the planning thread while reads are cheap, and in threads once they
turn out to be slow: one slow read (a preempted thread, a first read's imports) does not
send two thousand cheap local reads through a thread pool."""

from __future__ import annotations

import threading
import time
from typing import Any

from mlinfra.diagnostics import Diagnostics
from mlinfra.plans import refresh as r
from mlinfra.providers.protocol import ReadResponse
from mlinfra.states.model import ResourceState, State


class _Reader:
    """A provider whose read of resource i sleeps ``delays(i)`` seconds, noting its thread."""

    def __init__(self, delays: Any) -> None:
        self.delays = delays
        self.threads: list[int] = []
        self.lock = threading.Lock()

    def read(self, req: Any) -> ReadResponse:
        i = int(req.address.rsplit("_", 1)[1])
        time.sleep(self.delays(i))
        with self.lock:
            self.threads.append(threading.get_ident())
        return ReadResponse(attributes=dict(req.attributes))


class _Providers:
    def __init__(self, reader: _Reader) -> None:
        self.reader = reader

    def get(self, key: str, scope: Any) -> _Reader:
        return self.reader

    def schema_version(self, provider: str, kind: str) -> int:
        return 0


class _Ev:
    scope = None


def _refresh(n: int, delays: Any, provider: Any = lambda i: "local") -> tuple[_Reader, list[Any], State]:
    state = State(
        resources={
            f"model.m_{i}": ResourceState(f"model.m_{i}", "model", provider(i), f"m_{i}", {"id": f"m_{i}", "n": i})
            for i in range(n)
        }
    )
    reader = _Reader(delays)
    return reader, _refresher(state, reader).refresh(), state


def _refresher(state: State, reader: _Reader) -> r.Refresher:
    return r.Refresher(
        None,  # type: ignore[arg-type]  # refresh reads no configuration
        state,
        _Providers(reader),  # type: ignore[arg-type]
        _Ev(),  # type: ignore[arg-type]
        Diagnostics(),
        lambda key: reader,
        10,
    )


def test_the_rule_needs_several_slow_reads_and_most_of_them() -> None:
    assert not r.go_parallel(1, 1)
    assert not r.go_parallel(2, 2)
    assert r.go_parallel(3, 3)
    assert r.go_parallel(3, 5)
    assert not r.go_parallel(3, 6)
    assert not r.go_parallel(40, 2000)


def test_reads_that_are_all_slow_go_to_threads_after_the_first_few() -> None:
    reader, drift, state = _refresh(40, lambda i: 0.01)
    main = threading.get_ident()
    assert reader.threads[: r.SLOW_READS_TO_GO_PARALLEL] == [main] * r.SLOW_READS_TO_GO_PARALLEL
    assert len(set(reader.threads)) > 2
    assert len(reader.threads) == 40 and drift == [] and len(state.resources) == 40


def test_a_last_read_alone_stays_in_the_planning_thread() -> None:
    # Four slow reads (a small configuration's first reads, each importing its kind's
    # handler): after the third only one is left, and a thread would not overlap it.
    reader, drift, state = _refresh(r.SLOW_READS_TO_GO_PARALLEL + 1, lambda i: 0.01)
    assert set(reader.threads) == {threading.get_ident()}
    assert drift == [] and len(state.resources) == r.SLOW_READS_TO_GO_PARALLEL + 1
    reader, _, _ = _refresh(r.SLOW_READS_TO_GO_PARALLEL + 2, lambda i: 0.01)  # two left: threads
    assert reader.threads[: r.SLOW_READS_TO_GO_PARALLEL] == [threading.get_ident()] * r.SLOW_READS_TO_GO_PARALLEL
    assert threading.get_ident() not in reader.threads[r.SLOW_READS_TO_GO_PARALLEL :]


def test_cheap_reads_stay_in_the_planning_thread_after_a_slow_one() -> None:
    # The first read is slow (say, it imports what the provider reads with), and two
    # others are held up: the rest are cheap and read where the plan runs.
    reader, drift, state = _refresh(200, lambda i: 0.01 if i in (0, 50, 120) else 0)
    assert set(reader.threads) == {threading.get_ident()}
    assert len(reader.threads) == 200 and drift == [] and len(state.resources) == 200


def test_a_slow_provider_among_cheap_ones_sends_the_rest_to_threads() -> None:
    # One record in ten is a cloud's (slow every time), the rest local files (cheap):
    # after the cloud's third read the rest are read in parallel, as many of them slow.
    reader, drift, state = _refresh(
        200, lambda i: 0.01 if i % 10 == 0 else 0, provider=lambda i: "aws" if i % 10 == 0 else "local"
    )
    main = threading.get_ident()
    assert reader.threads[:21] == [main] * 21  # up to the cloud's third read (record 20)
    assert len(set(reader.threads)) > 2
    assert len(reader.threads) == 200 and drift == [] and len(state.resources) == 200


def test_a_read_of_the_recorded_values_is_no_drift_and_a_changed_one_is() -> None:
    class _Changing(_Reader):
        def read(self, req: Any) -> ReadResponse:
            resp = super().read(req)
            assert resp.attributes is not None
            if req.address == "model.m_3":
                resp.attributes["n"] = 30  # a new object under a recorded key
            if req.address == "model.m_5":
                resp.attributes["extra"] = None  # a key the record does not have
            return resp

    state = State(
        resources={
            f"model.m_{i}": ResourceState(f"model.m_{i}", "model", "local", f"m_{i}", {"id": f"m_{i}", "n": i, "t": {"a": [i]}})
            for i in range(8)
        }
    )
    drift = _refresher(state, _Changing(lambda i: 0)).refresh()
    assert [c.address for c in drift] == ["model.m_3"]  # an added null is no change
    assert state.resources["model.m_3"].attributes["n"] == 30
