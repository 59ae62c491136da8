"""The whole life of a configuration through the command line, against the fake provider."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402
from configs import CHAIN as CONFIG  # noqa: E402
from fakeprovider import cloud  # noqa: E402


def test_plan_apply_noop_edit_apply_destroy(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 2, r.err
    assert "Plan: 3 to add, 0 to change, 0 to destroy." in r.out

    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    assert "Apply complete! Resources: 3 added, 0 changed, 0 destroyed." in r.out
    assert 'url = "http://fake/' in r.out
    with cloud(tmp_path) as db:
        assert sorted(o["address"] for o in db.values()) == ["dataset.d", "endpoint.e", "model.m"]

    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 0, r.out + r.err
    assert "No changes." in r.out

    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode", "--var", "weight=50")
    assert r.code == 2
    assert "# endpoint.e will be updated in-place" in r.out
    assert "weight = 90 -> 50" in r.out
    assert "Plan: 0 to add, 1 to change, 0 to destroy." in r.out

    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--var", "weight=50")
    assert r.code == 0, r.err
    assert "0 added, 1 changed, 0 destroyed" in r.out
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode", "--var", "weight=50")
    assert r.code == 0

    r = cli(capsys, tmp_path, "output", "url", "--raw")
    assert r.out.strip().startswith("http://fake/endpoint.e")
    r = cli(capsys, tmp_path, "state", "list")
    assert r.out.split() == ["dataset.d", "endpoint.e", "model.m"]

    r = cli(capsys, tmp_path, "destroy", "--auto-approve")
    assert r.code == 0, r.err
    assert "Destroy complete! Resources: 3 destroyed." in r.out
    with cloud(tmp_path) as db:
        assert db == {}
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    assert state["resources"] == []
    assert state["outputs"] == {}


def test_saved_plan_applies_exactly_and_then_is_stale(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    plan_file = tmp_path / "p.plan"
    assert cli(capsys, tmp_path, "plan", "--out", str(plan_file)).code == 0
    # Editing the configuration after the plan does not change what the plan applies.
    write(tmp_path, CONFIG.replace("default = 90", "default = 10"))
    r = cli(capsys, tmp_path, "apply", str(plan_file))
    assert r.code == 0, r.err
    with cloud(tmp_path) as db:
        ep = next(o for o in db.values() if o["address"] == "endpoint.e")
        assert ep["config"]["variant"]["blue"]["weight"] == 90
    r = cli(capsys, tmp_path, "apply", str(plan_file))
    assert r.code == 1
    assert "Saved plan is stale" in r.err


def test_corrupt_saved_plan_is_a_located_error(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    bad = tmp_path / "bad.plan"
    bad.write_text("{ not a plan")
    r = cli(capsys, tmp_path, "apply", str(bad))
    assert r.code == 1
    assert "Failed to read plan file" in r.err
    assert "Traceback" not in r.err


def test_apply_refuses_without_a_terminal_or_auto_approve(tmp_path: Path, capsys, monkeypatch) -> None:
    write(tmp_path, CONFIG)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    r = cli(capsys, tmp_path, "apply")
    assert r.code == 1
    assert "--auto-approve" in r.err
    assert not (tmp_path / "fake-cloud.json").exists()


def test_orphans_are_deleted_in_reverse_dependency_order(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    write(tmp_path, 'provider "fake" {}\n\ndataset "other" {\n  source = "fake://x"\n}\n')
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--parallelism", "1")
    assert r.code == 0, r.err
    lines = [ln for ln in r.out.splitlines() if "Destruction complete" in ln]
    order = [ln.split(":")[0] for ln in lines]
    assert order == ["endpoint.e", "model.m", "dataset.d"]
    assert "because it is not in the configuration" in r.out


def test_json_plan_is_terraform_shaped(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--json")
    doc = json.loads(r.out)
    rc = {c["address"]: c for c in doc["resource_changes"]}
    assert rc["endpoint.e"]["change"]["actions"] == ["create"]
    assert rc["endpoint.e"]["type"] == "endpoint"
    assert rc["model.m"]["change"]["after_unknown"]["id"] is True


def test_validate_json_reports_every_error_with_ranges(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace("weight = var.weight", "wieght = var.weight").replace("model.m.id", "model.nope.id"))
    r = cli(capsys, tmp_path, "validate", "--json")
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["valid"] is False
    summaries = sorted(x["summary"] for x in doc["diagnostics"])
    assert summaries == ["Reference to undeclared resource", "Unsupported argument"]
    assert all(x["range"]["filename"] == "main.hcl" for x in doc["diagnostics"])


def test_graph_formats(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    dot = cli(capsys, tmp_path, "graph").out
    assert '"dataset.d" -> "model.m";' in dot
    mer = cli(capsys, tmp_path, "graph", "--format", "mermaid").out
    assert mer.startswith("graph LR")
    js = json.loads(cli(capsys, tmp_path, "graph", "--format", "json").out)
    assert {"from": "model.m", "to": "endpoint.e"} in js["edges"]
