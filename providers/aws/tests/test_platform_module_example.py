"""The platform-module example through the command line: one serving-stack module used
three times. The two local teams (module.team, for_each over a map) are planned, applied
for real (trained, registered and served) and destroyed; the AWS team (module.aws_team)
is planned against the SageMaker double, with every address carrying its module path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from aws_driver import REGION, Driver


def run(workdir: Path, moto: str, *args: str, expect: int = 0) -> str:
    env = {**os.environ, "AWS_ENDPOINT_URL": moto, "AWS_DEFAULT_REGION": REGION, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mlinfra", *args],
        cwd=workdir, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    out = proc.stdout + proc.stderr
    assert proc.returncode == expect, f"mlinfra {' '.join(args)} exited {proc.returncode}:\n{out}"
    assert "Traceback" not in out
    return out


@pytest.fixture()
def example(driver: Driver, tmp_path: Path, copy_example: Any) -> Path:
    work = copy_example("platform-module", tmp_path / "example")
    driver.s3.create_bucket(Bucket="platform-ml-data")
    driver.s3.create_bucket(Bucket="platform-ml-artifacts")
    driver.s3.put_object(Bucket="platform-ml-data", Key="recs/train.csv", Body=b"a,b\n1,2\n")
    return work


def test_the_platform_module_example_serves_two_local_teams_and_plans_the_aws_one(example: Path, moto: str) -> None:
    out = run(example, moto, "validate")
    assert "valid" in out

    plan = run(example, moto, "plan")
    for team in ("churn", "fraud"):
        for kind, name in (("dataset", "train"), ("pipeline", "train"), ("model", "this"), ("endpoint", "this")):
            assert f'# module.team["{team}"].{kind}.{name} will be created' in plan
    assert "# module.aws_team.endpoint.this will be created" in plan
    assert 'variant "champion" {' in plan and 'variant "challenger" {' in plan
    assert "Plan: 12 to add, 0 to change, 0 to destroy." in plan

    shown = json.loads(run(example, moto, "plan", "--json"))
    changes = {c["address"]: c for c in shown["resource_changes"]}
    assert changes['module.team["churn"].endpoint.this']["module_address"] == 'module.team["churn"]'
    assert changes["module.aws_team.model.this"]["provider_name"] == "aws"
    assert changes['module.team["fraud"].model.this']["provider_name"] == "local"
    children = {m["address"] for m in shown["planned_values"]["root_module"]["child_modules"]}
    assert children == {'module.team["churn"]', 'module.team["fraud"]', "module.aws_team"}

    applied = run(example, moto, "apply", "--auto-approve", "--target", "module.team")
    assert "Apply complete! Resources: 8 added" in applied
    listed = run(example, moto, "state", "list").split()
    assert len(listed) == 8 and all(a.startswith("module.team[") for a in listed)
    state = json.loads((example / "mlinfra.state.json").read_text())
    urls = [r["attributes"]["url"] for r in state["resources"] if r["kind"] == "endpoint"]
    assert len(urls) == 2
    for url in urls:
        with urllib.request.urlopen(url + "/health", timeout=10) as resp:
            assert resp.status == 200
    # A targeted apply records the outputs it can evaluate, as Terraform's does.
    assert sorted(state["outputs"]["urls"]["value"]) == ["churn", "fraud"]

    again = run(example, moto, "plan", "--target", "module.team")
    assert "No changes." in again

    gone = run(example, moto, "destroy", "--auto-approve")
    assert "Destroy complete! Resources: 8 destroyed." in gone
    assert run(example, moto, "state", "list").strip() == ""

    # The module's test file (plan_options targets the local teams) runs and cleans up.
    tested = run(example, moto, "test")
    assert "Success! 4 passed, 0 failed." in tested
    assert run(example, moto, "state", "list").strip() == ""
