"""How long ordering an apply's operations takes: ``python bench/destroy_order.py [N ...]``.

Builds, in memory, the plan of destroying N recorded objects and times
``mlinfra.apply.ops.build_ops`` on it (the CPU time of ordering the deletes, before any
provider is called), for two shapes of state:

- ``chain``: groups of five single resources, each depending on the one before (as in
  ``generate.py``), so every record names one dependency;
- ``count``: two counted blocks of N/2 instances, every ``model.m[i]`` depending on the
  block ``dataset.d`` (as ``count`` records it), so a naive ordering is N/2 x N/2 edges.

It also times the ordering of the plan that creates the same objects. Prints one line
per (shape, N, plan); the lines for N = 10,000 are quoted in RESULTS.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlinfra.apply.ops import build_ops  # noqa: E402
from mlinfra.plans.model import Action, Mode, Plan, ResourceChange  # noqa: E402

GROUP = 5


def records(n: int, shape: str) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        if shape == "chain":
            g, k = divmod(i, GROUP)
            kind = "dataset" if k == 0 else "model"
            address = f"{kind}.g{g}_{k}"
            deps = [] if k == 0 else [f"{'dataset' if k == 1 else 'model'}.g{g}_{k - 1}"]
        else:
            half = i >= n // 2
            kind = "model" if half else "dataset"
            address = f"{kind}.{kind[0]}[{i - n // 2 if half else i}]"
            deps = ["dataset.d"] if half else []
        out.append({"address": address, "kind": kind, "dependencies": deps})
    return out


def plan_of(n: int, shape: str, mode: Mode) -> Plan:
    recs = records(n, shape)
    action = Action.DELETE if mode is Mode.DESTROY else Action.CREATE
    changes = []
    for r in recs:
        kind, _, rest = r["address"].partition(".")
        name, _, key = rest.partition("[")
        changes.append(
            ResourceChange(
                address=r["address"], kind=kind, name=name, index=int(key[:-1]) if key else None,
                provider="local", action=action, before={"id": r["address"]} if mode is Mode.DESTROY else None,
                after=None if mode is Mode.DESTROY else {}, dependencies=[d.split("[")[0] for d in r["dependencies"]],
            )
        )
    prior = {"resources": recs if mode is Mode.DESTROY else []}
    return Plan(mode=mode, changes=changes, lineage="bench", serial=1, prior_state=prior)


def measure(n: int, shape: str, mode: Mode) -> tuple[float, int, int]:
    plan = plan_of(n, shape, mode)
    t0 = time.process_time()
    ops = build_ops(plan)
    cpu = time.process_time() - t0
    return cpu, len(ops), sum(len(o.deps) for o in ops.values())


def main(argv: list[str]) -> int:
    sizes = [int(x) for x in argv] or [1000, 4000, 10000]
    for shape in ("chain", "count"):
        for n in sizes:
            for mode, what in ((Mode.DESTROY, "destroy"), (Mode.NORMAL, "create")):
                cpu, n_ops, n_edges = measure(n, shape, mode)
                print(f"{shape:5} N={n:>6} {what:7} ordering: {cpu:7.3f} s CPU, {n_ops} operations, {n_edges} edges")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
