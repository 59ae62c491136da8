"""Data blocks as the loader, the evaluator, the state and saved plans see them: what a
data source depends on becomes a dependency of whatever reads it, validate sees unknown
attributes, and data records and reads survive the state file and the plan file."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import cli, write

from mlinfra.config import loader
from mlinfra.engine import Engine
from mlinfra.plans.model import DataRead, Mode, Plan
from mlinfra.plans.planfile import load_plan, save_plan
from mlinfra.states import documents
from mlinfra.states.errors import StateError
from mlinfra.states.model import ResourceState, State

CONFIG = """
provider "fake" {}

dataset "d" {
  source = "fake://d"
}

locals {
  version = data.model.m.version
}

data "model" "m" {
  name = dataset.d.id
}

data "endpoint" "e" {
  name = "e-${data.model.m.version}"
}

model "x" {
  artifact = "fake://m/${local.version}"
}

model "y" {
  artifact = "fake://m/${data.endpoint.e.url}"
}
"""


def test_readers_depend_on_what_their_data_sources_depend_on(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    config, diags = loader.load_dir(tmp_path)
    assert not diags.has_errors, diags
    m, e = config.data["model.m"], config.data["endpoint.e"]
    assert (m.address, m.provider, m.dependencies) == ("data.model.m", "fake", frozenset({"dataset.d"}))
    assert e.data_dependencies == frozenset({"model.m"})
    assert "dataset.d" in config.resources["model.x"].dependencies  # through local.version
    assert "dataset.d" in config.resources["model.y"].dependencies  # through data.endpoint.e
    assert "fake" in config.provider_names()


def test_validate_sees_data_attributes_as_unknown(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 0, r.err
    assert Engine(tmp_path).validate().errors == []


def test_data_records_round_trip_through_the_state_file_form() -> None:
    state = State()
    state.resources["dataset.d"] = ResourceState("dataset.d", "dataset", "fake", "d", {"id": "d"})
    state.data["data.model.m"] = ResourceState("data.model.m", "model", "fake", "m/v1", {"id": "m/v1", "version": 1}, mode="data")
    doc = state.to_json()
    assert [(r["address"], r.get("mode")) for r in doc["resources"]] == [("dataset.d", None), ("data.model.m", "data")]
    back = documents.to_state(doc, "mlinfra.state.json")
    assert list(back.resources) == ["dataset.d"]
    assert back.data["data.model.m"].attributes["version"] == 1
    assert back.to_json() == doc


def test_a_data_record_with_a_managed_address_is_refused() -> None:
    doc = State().to_json()
    doc["resources"] = [{"mode": "data", "address": "model.m", "kind": "model", "provider": "fake"}]
    with pytest.raises(StateError) as e:
        documents.to_state(doc, "mlinfra.state.json")
    assert "resources[0].address must be a data source address" in e.value.diagnostics.items[0].detail


def test_a_saved_plan_keeps_its_reads_and_deferred_reads(tmp_path: Path) -> None:
    plan = Plan(Mode.NORMAL, [], "lineage", 0, data_reads=[
        DataRead("data.model.m", "model", "m", "fake", {"name": "m"}, {"id": "m/v1", "version": 1}),
        DataRead("data.endpoint.e", "endpoint", "e", "fake", {"name": None}, None, deferred=True),
    ])  # fmt: skip
    save_plan(plan, tmp_path / "p.plan")
    back = load_plan(tmp_path / "p.plan")
    assert back.data_reads == plan.data_reads
    assert back.has_changes  # a read left for apply is something to apply


def test_a_destroy_reads_no_data_source(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n')
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n\n'
                    'data "model" "m" {\n  name = "gone"\n}\n\noutput "v" { value = data.model.m.version }\n')  # fmt: skip
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1 and "Data sources are not supported by the fake provider yet" in r.err
    assert 'on main.hcl line 7, in data "model" "m"' in r.err
    r = cli(capsys, tmp_path, "destroy", "--auto-approve")
    assert r.code == 0, r.err
    assert "1 destroyed" in r.out
