"""Data sources on the local provider, through the Engine and the command line: a
registered model's latest (production) version, a running endpoint's url, a dataset's
digest; a read deferred to apply when its arguments are unknown; what was read kept in
the state with mode "data"; and located errors for a kind that does not exist, a missing
argument, a query that finds nothing and a data source that refers to itself."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_support import IRIS_SERVING, Cli, stop_every_server

from mlinfra.engine import Engine

READS = """
data "model" "prod" {
  name  = "iris"
  stage = "production"
}

data "endpoint" "serving" {
  name = "iris"
}

data "dataset" "csv" {
  source = "file://data.csv"
}

# Known only once the model is registered again: read during apply.
data "model" "fresh" {
  name = model.iris.id != "" ? "iris" : "none"
}

# Read after the training it depends on, whenever that changes.
data "dataset" "after_training" {
  source     = "file://data.csv"
  depends_on = [pipeline.train]
}

output "prod_version" { value = data.model.prod.version }
output "url" { value = data.endpoint.serving.url }
output "status" { value = data.endpoint.serving.status }
output "digest" { value = data.dataset.csv.digest }
output "fresh" { value = data.model.fresh.version }
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(IRIS_SERVING)
    (tmp_path / "data.csv").write_text("a,target\n1,0\n2,1\n")
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_data_sources_read_what_exists_defer_what_is_unknown_and_are_kept_in_state(cli: Cli, workdir: Path) -> None:
    cli("apply", "--auto-approve")
    (workdir / "reads.hcl").write_text(READS)

    plan = Engine(workdir).plan()
    reads = {r.address: r for r in plan.data_reads}
    assert reads["data.model.prod"].attributes is not None and reads["data.model.prod"].attributes["version"] == 1
    assert not reads["data.model.fresh"].deferred  # nothing changes: the id is known

    out = cli("plan", "--var", "C=2")
    assert " <= read (data resources)" in out
    assert "# data.model.fresh will be read during apply" in out
    assert ' <= data "model" "fresh" {' in out
    assert "# (depends on a resource with changes pending: pipeline.train)" in out
    doc = json.loads(cli("plan", "--var", "C=2", "--json"))
    reads = {c["address"]: c for c in doc["resource_changes"] if c["mode"] == "data"}
    assert sorted(reads) == ["data.dataset.after_training", "data.model.fresh"]
    assert (reads["data.model.fresh"]["change"]["actions"], reads["data.model.fresh"]["type"]) == (["read"], "model")
    assert reads["data.dataset.after_training"]["action_reason"] == "read_because_dependency_pending"

    out = cli("apply", "--auto-approve", "--var", "C=2")
    outputs = json.loads(cli("output", "--json"))
    assert outputs["fresh"]["value"] == 2  # read after the apply registered version 2
    assert outputs["prod_version"]["value"] == 1  # read while planning, before version 2
    assert outputs["status"]["value"] == "InService" and outputs["url"]["value"].startswith("http://127.0.0.1:")
    assert outputs["digest"]["value"] == hashlib.sha256((workdir / "data.csv").read_bytes()).hexdigest()

    state = json.loads(cli("state", "pull"))
    data = {r["address"]: r for r in state["resources"] if r.get("mode") == "data"}
    assert sorted(data) == [
        "data.dataset.after_training", "data.dataset.csv", "data.endpoint.serving", "data.model.fresh", "data.model.prod",
    ]  # fmt: skip
    assert data["data.model.fresh"]["attributes"]["version"] == 2
    assert "data.model.prod" not in cli("state", "list")  # managed resources only

    cli("destroy", "--auto-approve")
    state = json.loads(cli("state", "pull"))
    assert state["resources"] == []


@pytest.mark.parametrize(
    ("block", "words", "line"),
    [
        ('data "modle" "m" {\n  name = "x"\n}\n', 'There is no data source kind "modle"', 1),
        ('data "model" "m" {\n  stage = "production"\n}\n', 'The argument "name" is required', 1),
        ('data "model" "m" {\n  name = "x"\n  stag = "p"\n}\n', 'Did you mean "stage"?', 3),
        ('data "model" "m" {\n  name = data.model.m.name\n}\n', "may not refer to itself", 2),
        ('data "model" {\n  name = "x"\n}\n', "takes two labels", 1),
    ],
)
def test_misused_data_blocks_are_located_errors_at_validate(cli: Cli, tmp_path: Path, block: str, words: str, line: int) -> None:
    (tmp_path / "main.hcl").write_text(block)
    out = cli("validate", expect=1)
    assert words in out and f"on main.hcl line {line}" in out and "Traceback" not in out


def test_a_data_source_that_finds_nothing_names_its_query(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(
        'data "dataset" "d" {\n  source = "file://missing.csv"\n}\n'
        'data "model" "prod" {\n  name  = "nothing"\n  stage = "production"\n}\n'
        'output "d" { value = data.dataset.d.digest }\n'
        'output "typo" { value = data.model.prd.version }\n'
    )
    out = cli("plan", expect=1)
    assert "Error: No dataset found" in out and 'source = "file://missing.csv"' in out
    assert 'no model matching name = "nothing", stage = "production"' in out
    assert 'on main.hcl line 4, in data "model" "prod"' in out
    assert 'A data source "model" "prd" has not been declared. Did you mean "prod"?' in out
    assert "Traceback" not in out
