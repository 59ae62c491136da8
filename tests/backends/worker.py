"""A second mlinfra process working on a backend's state, for the contract tests.

Usage: worker.py SPEC_JSON ACTION [COUNT]. SPEC_JSON is {"kind", "settings", "workdir",
"workspace"}. ACTION ``hold``: take the lock, print its info as one JSON line, release on
a line on stdin (or at end of input). ACTION ``apply``: take the lock, start a journal
and put COUNT records one by one, printing "ack N" after each put returned; it is meant
to be killed part way.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from mlinfra.states import open_store
from mlinfra.states.model import ResourceState


def main() -> None:
    spec = json.loads(sys.argv[1])
    action = sys.argv[2]
    store = open_store(Path(spec["workdir"]), spec["kind"], spec["settings"])
    backend = store.backend(spec.get("workspace", "default"))
    info = backend.lock(action)
    print(json.dumps(dataclasses.asdict(info)), flush=True)
    if action == "hold":
        sys.stdin.readline()
        backend.unlock(info)
        print("released", flush=True)
        return
    journal = backend.journal(backend.read())
    for i in range(int(sys.argv[3])):
        address = f"model.m{i:04d}"
        journal.put(ResourceState(address, "model", "local", id=str(i), attributes={"n": i}))
        print(f"ack {i}", flush=True)
    journal.close()
    backend.unlock(info)
    print("done", flush=True)


if __name__ == "__main__":
    main()
