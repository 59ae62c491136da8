"""Apply ordering: create-before-destroy keeps the old object until every create and
update is done; delete-then-create deletes first; errors stop new work but keep state."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402
from fakeprovider import cloud  # noqa: E402

BASE = """
provider "fake" {}

variable "image" { default = "v1" }

model "m" {
  artifact = "s3://bucket/model.tar.gz"
  fake { image = var.image }
  lifecycle { create_before_destroy = CBD }
}

endpoint "e" {
  variant "blue" {
    model = model.m.id
  }
}
"""


def _events(out: str) -> list[str]:
    return [ln.strip() for ln in out.splitlines() if ": " in ln and ("complete" in ln or "..." in ln)]


def test_create_before_destroy_deletes_the_old_object_last(tmp_path: Path, capsys) -> None:
    write(tmp_path, BASE.replace("CBD", "true"))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    with cloud(tmp_path) as db:
        old = [n for n, o in db.items() if o["address"] == "model.m"]
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--var", "image=v2")
    assert r.code == 0, r.err
    assert "+/- model" in r.out and "(create_before_destroy)" in r.out
    ev = _events(r.out)
    created = ev.index("model.m: Creation complete" + ev[ev.index("model.m: Creating...") + 1].split("complete")[1])
    updated = next(i for i, e in enumerate(ev) if e.startswith("endpoint.e: Modifications complete"))
    deposed = next(i for i, e in enumerate(ev) if "(deposed" in e and "Destruction complete" in e)
    assert created < updated < deposed
    with cloud(tmp_path) as db:
        now = [n for n, o in db.items() if o["address"] == "model.m"]
    assert len(now) == 1 and now != old
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    assert all(r["deposed"] == [] for r in state["resources"])


def test_delete_then_create_deletes_first(tmp_path: Path, capsys) -> None:
    write(tmp_path, BASE.replace("CBD", "false"))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--var", "image=v2")
    assert r.code == 0, r.err
    ev = _events(r.out)
    assert ev.index("model.m: Destroying...") < ev.index("model.m: Creating...")
    assert "-/+ model" in r.out and "# forces replacement" in r.out


def test_prevent_destroy_blocks_a_replacing_plan(tmp_path: Path, capsys) -> None:
    write(tmp_path, BASE.replace("create_before_destroy = CBD", "prevent_destroy = true"))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "plan", "--var", "image=v2")
    assert r.code == 1
    assert "Instance cannot be destroyed" in r.err


FAILING = """
provider "fake" {}

dataset "ok" {
  source = "fake://ok"
}

model "bad" {
  artifact = dataset.ok.uri
  fake { fail = "create" }
}

endpoint "after_bad" {
  variant "a" {
    model = model.bad.id
  }
}
"""


def test_a_failed_create_stops_dependents_and_keeps_the_rest(tmp_path: Path, capsys) -> None:
    write(tmp_path, FAILING)
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 1
    assert "Fake create failure" in r.err
    assert 'on main.hcl line 8, in model "bad":' in r.err
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    addrs = [x["address"] for x in state["resources"]]
    assert "dataset.ok" in addrs and "endpoint.after_bad" not in addrs
    with cloud(tmp_path) as db:
        assert "endpoint.after_bad" not in {o["address"] for o in db.values()}


def test_count_and_for_each_expand_instances(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\nvariable "n" { default = 3 }\n\n'
        'dataset "shard" {\n  count  = var.n\n  source = "fake://shard/${count.index}"\n}\n\n'
        'model "region" {\n  for_each = { eu = "a", us = "b" }\n  artifact = "fake://${each.key}/${each.value}"\n}\n\n'
        'output "shards" { value = length(dataset.shard) }\n',
    )
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    listed = cli(capsys, tmp_path, "state", "list").out.split()
    assert listed == ["dataset.shard[0]", "dataset.shard[1]", "dataset.shard[2]", 'model.region["eu"]', 'model.region["us"]']
    r = cli(capsys, tmp_path, "plan", "--var", "n=2")
    assert "# dataset.shard[2] will be destroyed" in r.out
    assert "Plan: 0 to add, 0 to change, 1 to destroy." in r.out


def test_target_limits_the_plan_to_the_target_and_its_dependencies(tmp_path: Path, capsys) -> None:
    write(tmp_path, FAILING.replace('fake { fail = "create" }', ""))
    r = cli(capsys, tmp_path, "plan", "--target", "model.bad")
    assert "dataset.ok will be created" in r.out
    assert "model.bad will be created" in r.out
    assert "endpoint.after_bad" not in r.out


def test_drift_deleted_outside_is_shown_and_recreated(tmp_path: Path, capsys) -> None:
    write(tmp_path, FAILING.replace('fake { fail = "create" }', ""))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    with cloud(tmp_path) as db:
        for name in [n for n, o in db.items() if o["address"] == "endpoint.after_bad"]:
            del db[name]
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 2
    assert "has been deleted" in r.out
    assert "# endpoint.after_bad will be created" in r.out
    r = cli(capsys, tmp_path, "plan", "--refresh-only")
    assert "has been deleted" in r.out
    assert "will be created" not in r.out


def test_a_failed_create_before_destroy_keeps_the_old_object_current(tmp_path: Path, capsys) -> None:
    write(tmp_path, BASE.replace("CBD", "true"))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    old = next(r for r in state["resources"] if r["address"] == "model.m")
    write(tmp_path, BASE.replace("CBD", "true").replace("fake { image = var.image }", 'fake {\n    image = var.image\n    fail  = "create"\n  }'))
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--var", "image=v2")
    assert r.code == 1 and "Fake create failure" in r.err
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    now = next(r for r in state["resources"] if r["address"] == "model.m")
    assert now["id"] == old["id"] and now["deposed"] == [] and now["status"] == "ready"
    with cloud(tmp_path) as db:
        assert [n for n, o in db.items() if o["address"] == "model.m"] == [old["id"]]
    # Back to the old configuration: nothing to do, nothing deleted.
    write(tmp_path, BASE.replace("CBD", "true"))
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 0, r.out
