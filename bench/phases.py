"""Where a plan's CPU time goes, phase by phase: ``python bench/phases.py DIR [--no-refresh]``;
and where start-up goes: ``python bench/phases.py DIR --imports [COMMAND...]``.

Runs one ``mlinfra plan`` in-process in DIR (a work dir made by ``compare.py``) and prints
the CPU seconds of each phase: imports, loading the configuration (parse or parse cache),
reading the state, refreshing, planning, rendering the plan text. Used for the notes in
RESULTS.md on what stands between the figures and the targets.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def imports(workdir: Path, command: list[str], runs: int = 5) -> int:
    """``python -X importtime -m mlinfra COMMAND`` in ``workdir``: the import time of each
    group of modules (top-level package; mlinfra's own by subpackage), the run with the
    smallest total of ``runs``."""
    import subprocess
    from collections import Counter

    best: tuple[int, Counter[str]] | None = None
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "mlinfra", *command],
            cwd=workdir, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        ).stderr
        groups: Counter[str] = Counter()
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, _, name = line[len("import time:"):].split("|")
            parts = name.strip().split(".")
            group = ".".join(parts[:2]) if parts[0] == "mlinfra" else parts[0]
            groups[group] += int(own)
        total = sum(groups.values())
        if best is None or total < best[0]:
            best = (total, groups)
    assert best is not None
    total, groups = best
    print(f"mlinfra {' '.join(command)}: {total / 1e6:.3f} s of imports (self times, least of {runs} runs)")
    for group, us in groups.most_common(25):
        print(f"  {group:40s} {us / 1e3:7.1f} ms")
    return 0


def main() -> int:
    workdir = Path(sys.argv[1]).resolve()
    if "--imports" in sys.argv:
        rest = sys.argv[sys.argv.index("--imports") + 1 :]
        return imports(workdir, rest or ["validate"])
    refresh = "--no-refresh" not in sys.argv
    os.chdir(workdir)
    marks: list[tuple[str, float]] = [("start", time.process_time())]

    def mark(name: str) -> None:
        marks.append((name, time.process_time()))

    from mlinfra.cli import actions, fast  # noqa: F401 - what ``mlinfra plan`` imports
    from mlinfra.cli.views.plan_text import render_plan
    from mlinfra.engine import Engine, RunOptions, gc_paused
    from mlinfra.plans import refresh as refresh_mod

    mark("imports")
    engine = Engine(workdir)
    config = engine.load()
    mark("load configuration")
    backend = engine.backend(config)
    paused = gc_paused()  # as Engine.plan does around reading the state and planning
    paused.__enter__()
    state = backend.read()
    mark("read state")

    original = refresh_mod.Refresher.refresh

    def timed_refresh(self: refresh_mod.Refresher) -> list[object]:
        mark("prepare plan")
        out = original(self)
        mark("refresh")
        return out  # type: ignore[return-value]

    refresh_mod.Refresher.refresh = timed_refresh  # type: ignore[assignment,method-assign]
    from mlinfra.providers.manager import ProviderManager

    providers = ProviderManager(config, workdir)
    plan = engine._plan(config, state, RunOptions(refresh=refresh), providers)
    paused.__exit__(None, None, None)
    mark("plan (diff, evaluate, provider plans)")
    text = render_plan(plan, color=False)
    mark("render plan text")
    providers.close()
    total = marks[-1][1] - marks[0][1]
    print(f"{workdir.parent.name}: {len(state.resources)} resources in state, refresh={refresh}")
    for (_, a), (name, b) in zip(marks, marks[1:], strict=False):
        print(f"  {name:40s} {b - a:6.3f} s CPU")
    print(f"  {'total (in-process)':40s} {total:6.3f} s CPU, {len(text)} characters of plan text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
