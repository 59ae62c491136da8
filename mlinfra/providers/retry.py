"""Retrying cloud calls and waiting for long-running work, for provider plugins.

``Backoff`` gives the delays (exponential with full jitter); ``retrying`` calls a function
until it succeeds, the error is not one to retry, or the time budget is spent; ``poll``
waits for a condition with progress reports and a timeout. Each provider says which of its
SDK's errors it handles and retries: nothing here imports an SDK.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Backoff:
    """Delays of exponential backoff with full jitter; ``base`` and ``cap`` in seconds."""

    base: float = 0.5
    cap: float = 20.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.cap, self.base * (2**attempt)))


def retrying(
    fn: Callable[[], T],
    backoff: Backoff,
    *,
    handles: Callable[[Exception], bool],
    deadline: Callable[[Exception], float | None],
    fail: Callable[[Exception, int], Exception],
    on_retryable: Callable[[Exception, int], None] | None = None,
) -> T:
    """``fn()``, retried. An error ``handles`` refuses is raised as it is; one whose
    ``deadline`` (a ``time.monotonic()`` instant) is None, or whose next attempt would
    start after it, is raised as ``fail(error, attempts made)``."""
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - classified by the caller
            if not handles(e):
                raise
            until = deadline(e)
            if until is not None:
                pause = backoff.delay(attempt)
                if on_retryable is not None:
                    on_retryable(e, attempt)
                if time.monotonic() + pause < until:
                    attempt += 1
                    time.sleep(pause)
                    continue
            raise fail(e, attempt) from e


def poll(
    step: Callable[[], T | None],
    *,
    interval: float,
    timeout: float,
    on_timeout: Callable[[], Exception],
    progress: Callable[[int], None] | None = None,
) -> T:
    """Call ``step`` every ``interval`` seconds until it returns something other than
    None, and return that; raise ``on_timeout()`` once ``timeout`` seconds have passed.
    ``progress`` hears the seconds elapsed after each step that found the work unfinished."""
    begin = time.monotonic()
    while True:
        result = step()
        if result is not None:
            return result
        elapsed = time.monotonic() - begin
        if progress is not None:
            progress(int(elapsed))
        if elapsed > timeout:
            raise on_timeout()
        time.sleep(interval)
