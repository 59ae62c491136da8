"""``apply --refresh-only`` when objects vanished outside mlinfra: the state forgets them
and every output that referred to one becomes null, as in Terraform."""

from __future__ import annotations

import json
from pathlib import Path

import configs
from clirun import cli, write
from fakeprovider import cloud

CHAIN = configs.CHAIN + 'output "model" { value = model.m.id }\n'


def delete_outside(workdir: Path, address: str) -> None:
    with cloud(workdir) as db:
        for name in [n for n, o in db.items() if o["address"] == address]:
            del db[name]


def state(workdir: Path) -> dict:
    return json.loads((workdir / "mlinfra.state.json").read_text())


def test_refresh_only_apply_records_a_vanished_objects_outputs_as_null(tmp_path: Path, capsys) -> None:
    write(tmp_path, CHAIN)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    model_id = state(tmp_path)["outputs"]["model"]["value"]
    delete_outside(tmp_path, "endpoint.e")

    plan = cli(capsys, tmp_path, "plan", "--refresh-only")
    assert plan.code == 0, plan.err
    assert "# endpoint.e has been deleted" in plan.out
    assert '- url = "http://fake/endpoint.e' in plan.out and "-> null" in plan.out
    assert "(known after apply)" not in plan.out

    r = cli(capsys, tmp_path, "apply", "--refresh-only", "--auto-approve")
    assert r.code == 0, r.err
    assert "internal error" not in r.err
    doc = state(tmp_path)
    assert [x["address"] for x in doc["resources"]] == ["dataset.d", "model.m"]
    assert doc["outputs"]["url"]["value"] is None
    assert doc["outputs"]["model"]["value"] == model_id

    again = cli(capsys, tmp_path, "apply", "--refresh-only", "--auto-approve")
    assert again.code == 0, again.err
    assert json.loads(cli(capsys, tmp_path, "output", "--json").out)["url"]["value"] is None


COUNTED = """
provider "fake" {}

dataset "d" {
  count  = 2
  source = "fake://data/${count.index}"
}

output "uris" { value = dataset.d[*].uri }
"""


def test_refresh_only_keeps_a_counted_resources_remaining_instances_and_nulls_the_gone_one(tmp_path: Path, capsys) -> None:
    write(tmp_path, COUNTED)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    delete_outside(tmp_path, "dataset.d[1]")

    r = cli(capsys, tmp_path, "apply", "--refresh-only", "--auto-approve")
    assert r.code == 0, r.err
    doc = state(tmp_path)
    assert [x["address"] for x in doc["resources"]] == ["dataset.d[0]"]
    uris = doc["outputs"]["uris"]["value"]
    assert uris[0].startswith("fake://dataset/") and uris[1] is None
