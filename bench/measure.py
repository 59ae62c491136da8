"""Running one command and measuring it: wall time, CPU time and peak RSS of that child.

``os.wait4`` gives the resource usage of exactly the child waited for (and of the
children it waited for in turn), so every run gets its own user+sys CPU time and its own
peak RSS, with no difference of cumulative ``RUSAGE_CHILDREN`` figures needed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + sys seconds
    rss_mb: float  # peak resident set size


@dataclass
class Series:
    """Several runs of the same measurement."""

    runs: list[Run] = field(default_factory=list)

    def stat(self, what: str) -> tuple[float, float, float] | None:
        """(median, min, max) of ``wall``, ``cpu`` or ``rss_mb``; None without runs."""
        if not self.runs:
            return None
        xs = [getattr(r, what) for r in self.runs]
        return statistics.median(xs), min(xs), max(xs)

    def to_json(self) -> list[list[float]]:
        return [[r.wall, r.cpu, r.rss_mb] for r in self.runs]

    @staticmethod
    def from_json(raw: list[list[float]]) -> Series:
        return Series([Run(*x) for x in raw])


class CommandFailed(RuntimeError):
    pass


def run(cmd: list[str], cwd: Path, env: dict[str, str], log: Path, ok: tuple[int, ...] = (0,)) -> Run:
    """Run ``cmd`` in ``cwd`` with output to ``log``; raise CommandFailed on a bad exit."""
    with log.open("wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        tail = log.read_text(errors="replace")[-3000:]
        raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited {proc.returncode}:\n{tail}")
    # ru_maxrss is in kilobytes on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
