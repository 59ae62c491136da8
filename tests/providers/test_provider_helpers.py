"""The helpers provider plugins share: retries with backoff, polling, digests, gates."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mlinfra.providers import digest, gates, retry


class Flaky(Exception):
    pass


class Fatal(Exception):
    pass


class Instant(retry.Backoff):
    def delay(self, attempt: int) -> float:
        return 0.0


def test_retrying_retries_what_it_may_and_fails_with_the_attempts_made() -> None:
    calls: list[int] = []

    def fn() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise Flaky()
        return "done"

    far = time.monotonic() + 60
    assert retry.retrying(fn, Instant(), handles=lambda e: True, deadline=lambda e: far, fail=lambda e, n: RuntimeError(n)) == "done"
    assert len(calls) == 3

    def never() -> None:
        raise Flaky()

    # not to be retried: failed at once, as the provider's error
    with pytest.raises(RuntimeError) as e:
        retry.retrying(never, Instant(), handles=lambda e: True, deadline=lambda e: None, fail=lambda e, n: RuntimeError(n))
    assert e.value.args == (0,) and isinstance(e.value.__cause__, Flaky)
    # past the deadline: failed with the attempts made
    with pytest.raises(RuntimeError):
        retry.retrying(never, Instant(), handles=lambda e: True, deadline=lambda e: time.monotonic() - 1, fail=lambda e, n: RuntimeError(n))


def test_retrying_leaves_errors_it_does_not_handle_alone_and_reports_retryable_ones() -> None:
    def fatal() -> None:
        raise Fatal()

    with pytest.raises(Fatal):
        retry.retrying(fatal, Instant(), handles=lambda e: isinstance(e, Flaky), deadline=lambda e: None, fail=lambda e, n: RuntimeError())
    heard: list[int] = []
    seq = iter([Flaky(), Flaky(), None])

    def fn() -> int:
        x = next(seq)
        if x is not None:
            raise x
        return 7

    far = time.monotonic() + 60
    out = retry.retrying(fn, Instant(), handles=lambda e: True, deadline=lambda e: far, fail=lambda e, n: RuntimeError(), on_retryable=lambda e, n: heard.append(n))
    assert out == 7 and heard == [0, 1]


def test_backoff_delays_grow_and_stay_under_the_cap() -> None:
    b = retry.Backoff()
    assert all(0 <= b.delay(a) <= min(b.cap, b.base * 2**a) for a in range(12) for _ in range(20))


def test_poll_returns_the_first_result_and_times_out_with_the_given_error() -> None:
    seq = iter([None, None, "ok"])
    seen: list[int] = []
    assert retry.poll(lambda: next(seq), interval=0, timeout=60, on_timeout=lambda: RuntimeError(), progress=seen.append) == "ok"
    assert len(seen) == 2
    with pytest.raises(TimeoutError):
        retry.poll(lambda: None, interval=0, timeout=0, on_timeout=lambda: TimeoutError("still running"))


def test_digests_are_of_content_in_a_stable_order(tmp_path: Path) -> None:
    assert digest.digest_of({"b": 1, "a": [1, 2]}) == digest.digest_of({"a": [1, 2], "b": 1})
    assert digest.lines_sha256(["x", "y"]) == digest.lines_sha256(["y", "x"]) != digest.lines_sha256(["x"])
    (tmp_path / "f").write_bytes(b"abc")
    assert digest.file_sha256(tmp_path / "f") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_gates_name_each_metric_that_misses_or_was_not_measured() -> None:
    assert gates.missed({"min_accuracy": 0.9, "max_loss": 0.2}, {"accuracy": 0.95, "loss": 0.1}) == []
    assert gates.missed({"min_accuracy": 0.9, "max_loss": 0.2, "min_f1": 0.5}, {"accuracy": 0.8, "loss": 0.3}) == [
        "loss = 0.3 (gate max_loss = 0.2)",
        "accuracy = 0.8 (gate min_accuracy = 0.9)",
        "f1 = None (gate min_f1 = 0.5)",
    ]


def test_a_dataset_source_of_another_scheme_is_an_error_with_the_fix() -> None:
    from mlinfra.providers import datasets

    [e] = datasets.check_scheme("dataset.d", {"source": "gs://b/k"}, "aws", "S3", "s3://", "s3://bucket/key")
    assert e.summary == "Unsupported dataset source" and e.address == "dataset.d"
    assert e.detail == 'The aws provider reads datasets from S3; "gs://b/k" is not an s3:// URI. Write s3://bucket/key.'
    assert datasets.check_scheme("dataset.d", {"source": "s3://b/k"}, "aws", "S3", "s3://", "x") == []
    [e] = datasets.check_scheme("dataset.d", {"source": "x"}, "gcp", "Cloud Storage", "gs://", "gs://b/o")
    assert "is not a gs:// URI" in e.detail
