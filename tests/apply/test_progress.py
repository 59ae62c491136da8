"""Progress reported by a provider reaches the resource being applied, also when
several resources are applied at once in threads."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import write  # noqa: E402
from hookrecorder import Recorder  # noqa: E402

from mlinfra.engine import Engine  # noqa: E402


def test_parallel_progress_goes_to_the_right_resource(tmp_path: Path) -> None:
    blocks = ['provider "fake" {}']
    for i in range(6):
        blocks.append(f'dataset "d{i}" {{\n  source = "fake://d{i}"\n  fake {{ slow = 0.2 }}\n}}')
    write(tmp_path, "\n\n".join(blocks) + "\n")
    rec = Recorder()
    _, result = Engine(tmp_path, parallelism=6).apply(confirm=lambda p: True, hooks=rec)
    assert result is not None and not result.diagnostics.has_errors
    progress = [(a, m) for kind, a, m in rec.events if kind == "progress"]
    assert len(progress) == 12
    for address, message in progress:
        name = address.split(".")[1]
        assert message in (f"creating {address}", f"still working on fake://{name}")
    assert sorted(a for k, a, _ in rec.events if k == "finish") == [f"dataset.d{i}" for i in range(6)]


def test_the_hooks_hear_which_operations_were_skipped_and_why(tmp_path: Path) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n  fake { fail = "create" }\n}\n\n'
        'model "m" {\n  artifact = dataset.d.uri\n}\n\nmodel "free" {\n  artifact = "fake://free"\n}\n',
    )
    rec = Recorder()
    _, result = Engine(tmp_path, parallelism=1).apply(confirm=lambda p: True, hooks=rec)
    assert result is not None and result.diagnostics.has_errors
    assert ("skip", "model.m", "dataset.d failed") in rec.events
    assert ("finish", "model.free", "ok") in rec.events
    assert not any(kind == "start" and address == "model.m" for kind, address, _ in rec.events)
