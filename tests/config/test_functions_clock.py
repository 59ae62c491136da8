"""timestamp(), uuid() and plantimestamp() as Terraform has them: the first two are
known only when the apply evaluates the configuration, the third is the plan's time."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """
provider "fake" {}

dataset "d" {
  source = "fake://data"
  tags   = { made = timestamp(), run = uuid() }
}

output "planned_at" { value = plantimestamp() }
output "made" { value = dataset.d.tags.made }
"""

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_timestamp_and_uuid_are_known_after_apply_and_plantimestamp_is_the_plans_time(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "validate").code == 0
    r = cli(capsys, tmp_path, "plan", "--json")
    assert r.code == 0, r.err
    plan = json.loads(r.out)
    change = next(c for c in plan["resource_changes"] if c["address"] == "dataset.d")["change"]
    assert change["after_unknown"]["tags"] == {"made": True, "run": True}
    assert plan["output_changes"]["planned_at"]["after"] == plan["timestamp"]
    assert RFC3339.match(plan["timestamp"])

    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    tags = next(x for x in state["resources"] if x["kind"] == "dataset")["attributes"]["tags"]
    assert RFC3339.match(tags["made"]), tags
    assert re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$", tags["run"]), tags
    assert state["outputs"]["made"]["value"] == tags["made"]

    # As in Terraform, a configuration that reads the clock is never settled.
    r = cli(capsys, tmp_path, "plan", "--json")
    again = json.loads(r.out)
    assert [c["change"]["actions"] for c in again["resource_changes"]] == [["update"]]


def test_clock_functions_take_no_arguments(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace("timestamp()", "timestamp(1)"))
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Too many function arguments" in r.err and 'Function "timestamp" expects no arguments.' in r.err
    assert "main.hcl line 6" in r.err or "line 6" in r.err, r.err
