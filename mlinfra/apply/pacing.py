"""How many threads a provider's calls are worth, learnt from how long they take.

A call that reads or writes local files costs less than handing it to a thread, and
many such calls running at once only take turns at the interpreter lock. A call that
waits on a network (or blocks) is worth a thread of its own. So a provider's calls are
taken as cheap until several of them turned out slow, and most of them so far: one slow
call (a thread preempted on a busy machine, a first call importing what it uses) does
not change the pace. The refresh reads cheap providers in the planning thread; the apply
keeps only a few of a cheap provider's operations in flight.
"""

from __future__ import annotations

from collections import Counter

SLOW_CALLS = 3


def go_parallel(slow: int, done: int) -> bool:
    """Whether a provider is slow, ``slow`` of the ``done`` calls it made so far having
    been slow: a provider calling a network is slow every time, one reading local files
    now and then."""
    return slow >= SLOW_CALLS and 2 * slow > done


class Pacing:
    """Per provider, whether its calls are slow (longer than ``slow_seconds``)."""

    def __init__(self, slow_seconds: float) -> None:
        self.slow_seconds = slow_seconds
        self._slow: Counter[str] = Counter()
        self._done: Counter[str] = Counter()
        self._parallel: set[str] = set()

    def note(self, provider: str, seconds: float) -> bool:
        """Count one call of ``provider`` that took ``seconds``; True the first time the
        provider turns out slow (it stays so)."""
        self._done[provider] += 1
        if seconds <= self.slow_seconds or provider in self._parallel:
            return False
        self._slow[provider] += 1
        if go_parallel(self._slow[provider], self._done[provider]):
            self._parallel.add(provider)
            return True
        return False

    def slow(self, provider: str) -> bool:
        return provider in self._parallel
