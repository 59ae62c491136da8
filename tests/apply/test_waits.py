"""Objects that take a while to become ready are waited for without holding a worker:
the walk polls them from a timer heap, ``--parallelism`` bounds the provider calls in
flight, throttled calls are retried, a failure during a wait fails that object alone,
and an apply killed during the waits is recovered by the next one."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, kill_9_when, write  # noqa: E402
from fakeprovider import STATS, cloud, objects  # noqa: E402
from hookrecorder import Recorder  # noqa: E402

from mlinfra.engine import Engine  # noqa: E402
from mlinfra.providers import Resource, Wait, run_inline  # noqa: E402


@pytest.fixture(autouse=True)
def _stats() -> None:
    STATS.reset()


def _endpoints(n: int, fake: str, provider: str = "") -> str:
    parts = [f'provider "fake" {{\n{provider}}}\n']
    for i in range(n):
        parts.append(
            f'endpoint "e{i}" {{\n  variant "main" {{\n    model = "fake://m{i}"\n  }}\n  fake {{ {fake} }}\n}}\n'
        )
    return "\n".join(parts)


def test_waits_do_not_hold_workers_or_threads(tmp_path: Path) -> None:
    n, parallelism = 20, 2
    # Each object becomes ready only once all n exist: a walk that held a worker per
    # wait would never create more than two and time out.
    write(tmp_path, _endpoints(n, f"ready_with = {n}"))
    rec = Recorder()
    before = threading.active_count()
    _, result = Engine(tmp_path, parallelism=parallelism).apply(confirm=lambda p: True, hooks=rec)
    assert result is not None and not result.diagnostics.has_errors, result.diagnostics if result else None
    assert result.added == n
    assert STATS.max_waiting == n
    assert STATS.max_in_flight <= parallelism
    assert STATS.max_threads <= before + parallelism
    # The waiting objects are shown as such, and each finishes once.
    assert any(kind == "progress" and msg == "Creating" for kind, _, msg in rec.events)
    assert sorted(a for k, a, _ in rec.events if k == "finish") == sorted(f"endpoint.e{i}" for i in range(n))
    assert Engine(tmp_path).plan().changes == [] or all(c.action.name == "NOOP" for c in Engine(tmp_path).plan().changes)


def test_a_throttled_provider_backs_off_and_the_apply_succeeds(tmp_path: Path, capsys) -> None:
    write(tmp_path, _endpoints(5, "ready_after = 0.05", "  throttle = 2\n"))
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--parallelism", "2")
    assert r.code == 0, r.err
    assert STATS.throttled == 10
    with cloud(tmp_path) as db:
        assert sorted(o["address"] for o in db.values()) == sorted(f"endpoint.e{i}" for i in range(5))


def test_a_failure_while_waiting_fails_that_object_and_skips_its_dependents(tmp_path: Path) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\n'
        'endpoint "bad" {\n  variant "main" {\n    model = "fake://m"\n  }\n  fake {\n    ready_after = 0.05\n    fail = "wait"\n  }\n}\n\n'
        'endpoint "after" {\n  variant "main" {\n    model = endpoint.bad.url\n  }\n}\n\n'
        'endpoint "free" {\n  variant "main" {\n    model = "fake://m"\n  }\n  fake { ready_after = 0.05 }\n}\n',
    )
    rec = Recorder()
    _, result = Engine(tmp_path, parallelism=4).apply(confirm=lambda p: True, hooks=rec)
    assert result is not None and result.diagnostics.has_errors
    assert any("failed while becoming ready" in x.detail for x in result.diagnostics)
    assert ("finish", "endpoint.bad", "error") in rec.events
    assert ("skip", "endpoint.after", "endpoint.bad failed") in rec.events
    assert ("finish", "endpoint.free", "ok") in rec.events
    state = Engine(tmp_path).read_state()
    assert sorted(state.resources) == ["endpoint.free"]
    with cloud(tmp_path) as db:
        assert [o["address"] for o in db.values()] == ["endpoint.free"]


def test_kill_9_during_the_waits_then_apply_recovers_without_duplicates(tmp_path: Path, capsys) -> None:
    n = 6
    write(tmp_path, _endpoints(n, "ready_after = 2"))
    # Killed once every object exists and is being waited for: more waits than workers.
    kill_9_when(tmp_path, lambda: len(objects(tmp_path)) >= n, "--parallelism", "2")
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0
    objs = objects(tmp_path)
    assert sorted(objs.values()) == sorted(f"endpoint.e{i}" for i in range(n)), "an object was leaked or duplicated"


class _Slow(Resource):
    kind = "endpoint"

    def create(self, address: str, config: dict[str, object], planned: dict[str, object]):  # type: ignore[no-untyped-def]
        yield Wait(0, "Creating")
        yield Wait(0, "Creating")
        return {"id": "x"}


def test_steps_run_inline_where_nothing_polls() -> None:
    from mlinfra.providers import Context

    assert run_inline(_Slow(Context()).create("endpoint.e", {}, {})) == {"id": "x"}
