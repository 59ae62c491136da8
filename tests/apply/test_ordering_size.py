"""The order of an apply's operations is built in time linear in the plan: N counted
objects depending on N others cost about 2N edges (through one join), not N x N, and
the order is still right."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from clirun import cli, write

from mlinfra.apply.ops import build_ops
from mlinfra.plans.model import Mode

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))

import destroy_order  # noqa: E402


@pytest.mark.parametrize("mode", [Mode.DESTROY, Mode.NORMAL])
@pytest.mark.parametrize("shape", ["chain", "count"])
def test_edges_grow_linearly_with_the_number_of_objects(shape: str, mode: Mode) -> None:
    for n in (100, 1000):
        ops = build_ops(destroy_order.plan_of(n, shape, mode))
        edges = sum(len(o.deps) for o in ops.values())
        assert len(ops) <= n + 2 and edges <= 2 * n, (n, len(ops), edges)


def test_destroying_a_counted_block_waits_for_every_dependent_of_it() -> None:
    ops = build_ops(destroy_order.plan_of(20, "count", Mode.DESTROY))
    (join,) = [o for o in ops.values() if o.kind == "join"]
    assert join.deps == {f"destroy:model.m[{i}]" for i in range(10)}
    for i in range(10):
        assert ops[f"destroy:dataset.d[{i}]"].deps == {join.id}
        assert ops[f"destroy:model.m[{i}]"].deps == set()


COUNTED = """
provider "fake" {}

dataset "d" {
  count  = 4
  source = "fake://d/${count.index}"
}

model "m" {
  count    = 4
  artifact = dataset.d[count.index].uri
}
"""


def test_counted_dependents_are_created_after_and_destroyed_before_what_they_use(tmp_path: Path, capsys) -> None:
    write(tmp_path, COUNTED)
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--parallelism", "3")
    assert r.code == 0, r.err
    done = [ln.split(":")[0] for ln in r.out.splitlines() if "complete after" in ln]
    assert max(done.index(f"dataset.d[{i}]") for i in range(4)) < min(done.index(f"model.m[{i}]") for i in range(4))

    r = cli(capsys, tmp_path, "destroy", "--auto-approve", "--parallelism", "3")
    assert r.code == 0, r.err
    gone = [ln.split(":")[0] for ln in r.out.splitlines() if "Destruction complete" in ln]
    assert max(gone.index(f"model.m[{i}]") for i in range(4)) < min(gone.index(f"dataset.d[{i}]") for i in range(4))
    assert "join" not in r.out


def test_a_failed_destroy_of_one_dependent_keeps_every_object_of_the_block_it_uses(tmp_path: Path, capsys) -> None:
    write(tmp_path, COUNTED.replace('artifact = dataset.d[count.index].uri', 'artifact = dataset.d[count.index].uri\n  fake { fail = count.index == 2 ? "delete" : "none" }'))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "destroy", "--auto-approve", "--parallelism", "1")
    assert r.code == 1
    assert r.err.count("Error:") == 1
    assert sorted(cli(capsys, tmp_path, "state", "list").out.split()) == [
        "dataset.d[0]", "dataset.d[1]", "dataset.d[2]", "dataset.d[3]", "model.m[2]",
    ]
    assert "dataset.d[0]: not applied because model.m[2] failed" in r.out
