"""Runs ``validate`` and ``plan`` on mutated configurations, one after another, in this
process (with the fake provider), and reports each as a JSON line on stdout:
``{"start": i}`` before and ``{"done": i, "internal": bool, ...}`` after.

Usage: fuzzworker.py MUTANTS_DIR COUNT SECONDS. It stops after COUNT mutants or once
SECONDS have passed, whichever comes first. The test that starts it limits its memory
and watches for a mutant that never finishes.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from fakeprovider import FakeProvider

from mlinfra.cli.app import run
from mlinfra.providers import registry


def _say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    mutants, count, seconds = Path(argv[0]), int(argv[1]), float(argv[2])
    registry.register("fake", FakeProvider)
    stop_at = time.monotonic() + seconds
    for i in range(count):
        if time.monotonic() > stop_at:
            break
        work = mutants / str(i)
        if not work.is_dir():
            break
        _say(start=i)
        internal = []
        for command in ("validate", "plan"):
            sys.stderr = captured = _Capture()
            sys.stdout, real_out = _Capture(), sys.stdout
            try:
                run(["-C", str(work), command, *(("--lock-timeout", "0") if command == "plan" else ())])
            finally:
                sys.stderr, sys.stdout = sys.__stderr__, real_out
            text = captured.text()
            if "internal error" in text or "Traceback" in text:
                internal.append(f"{command}: {text[-1500:]}")
        _say(done=i, internal=internal)


class _Capture:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, s: str | bytes) -> int:
        if sum(map(len, self.parts)) < 1_000_000:
            self.parts.append(s.decode("utf-8", "replace") if isinstance(s, bytes) else s)
        return len(s)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        return "".join(self.parts)


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    main(sys.argv[1:])
