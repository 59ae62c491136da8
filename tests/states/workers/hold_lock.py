"""Takes the lock of a state file and holds it until told to release it.

Usage: hold_lock.py STATE_PATH [SECONDS]. Prints the lock info as one JSON line once the
lock is held. Releases on a "release" line on stdin, at end of input, or after SECONDS.
"""

from __future__ import annotations

import dataclasses
import json
import select
import sys
from pathlib import Path

from mlinfra.states.local import LocalBackend


def main() -> None:
    backend = LocalBackend(Path(sys.argv[1]))
    hold_for = float(sys.argv[2]) if len(sys.argv) > 2 else None
    info = backend.lock("apply")
    print(json.dumps(dataclasses.asdict(info)), flush=True)
    ready, _, _ = select.select([sys.stdin], [], [], hold_for)
    if ready:
        sys.stdin.readline()
    backend.unlock(info)
    print("released", flush=True)


if __name__ == "__main__":
    main()
