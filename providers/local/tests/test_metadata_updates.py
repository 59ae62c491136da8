"""A change of a dataset's tags is a metadata-only update: its data, digest and URI stay,
so the plan claims no retrain and no new model version, and apply writes only the
record beside the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_support import Cli, Driver, full_config, stop_every_server
from mlinfra_provider_local.datasets import METADATA_ONLY, RECORD_FILE
from mlinfra_provider_local.store import read_json

from mlinfra.values import contains_unknown


def test_a_tag_change_on_a_generated_dataset_keeps_every_output_known(driver: Driver) -> None:
    ds = driver.dataset(tags={"env": "dev"})
    retagged = full_config("dataset", source="sklearn:iris", tags={"env": "staging"})
    plan = driver.plan("dataset", "dataset.iris", ds, retagged)
    assert not contains_unknown(plan.planned) and plan.reason == METADATA_ONLY
    assert {k: plan.planned[k] for k in ("uri", "digest", "version")} == {
        k: ds[k] for k in ("uri", "digest", "version")
    }
    data = Path(ds["uri"].removeprefix("file://"))
    written = data.stat().st_mtime_ns
    after = driver.apply("dataset", "dataset.iris", retagged, prior=ds)
    assert after == {**ds, "tags": {"env": "staging"}}
    assert data.stat().st_mtime_ns == written  # not materialised again
    record = read_json(data.parent / RECORD_FILE)
    assert record["attributes"]["tags"] == {"env": "staging"}


def test_a_new_source_is_still_new_data(driver: Driver) -> None:
    ds = driver.dataset()
    wine = full_config("dataset", source="sklearn:wine")
    assert contains_unknown(driver.plan("dataset", "dataset.iris", ds, wine).planned["digest"])


CONFIG = """
provider "local" {}
variable "env" { default = "dev" }

dataset "houses" {
  provider = local
  source   = "synthetic:regression?n_samples=120&n_features=3&seed=1"
  tags     = { env = var.env }
}

pipeline "ridge" {
  provider = local
  inputs   = { train = dataset.houses.uri }
  step "fit" { estimator = "sklearn.linear_model.Ridge" }
}

model "price" {
  provider = local
  artifact = pipeline.ridge.artifact
}
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(CONFIG)
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_the_plan_of_a_tag_change_claims_no_retrain_and_apply_keeps_the_model(cli: Cli) -> None:
    cli("apply", "--auto-approve")
    run_id = cli.attributes("pipeline.ridge")["run_id"]
    out = cli("plan", "--var", "env=staging")
    assert "Plan: 0 to add, 1 to change, 0 to destroy." in out
    assert "runs again" not in out and "known after apply" not in out
    assert "pipeline.ridge" not in out and "model.price" not in out
    out = cli("apply", "--auto-approve", "--var", "env=staging")
    assert "Resources: 0 added, 1 changed, 0 destroyed." in out
    assert cli.attributes("pipeline.ridge")["run_id"] == run_id
    assert cli.attributes("model.price")["id"] == "price/v1"
    assert cli.attributes("dataset.houses")["tags"] == {"env": "staging"}
    cli("plan", "--detailed-exitcode", "--var", "env=staging")
