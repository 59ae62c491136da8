"""The pipeline kind: a pipeline job of command components running mlinfra's trainer,
submitted through the real MLClient and run by the fake on this machine with its data in
Azurite; metrics feed gates, the artifact feeds a model."""

from __future__ import annotations

from typing import Any

import pytest
from azure_driver import Driver, put_blob
from azureml_fake import AzureMLFake
from azureml_jobs import LocalJobRunner

from mlinfra.conformance.driver import ApplyFailed

ADDR = "pipeline.train"


def iris_csv(rows: int = 150) -> bytes:
    from sklearn.datasets import load_iris

    iris = load_iris()
    lines = ["sepal_length,sepal_width,petal_length,petal_width,species"]
    for x, y in list(zip(iris.data, iris.target, strict=True))[:rows]:
        lines.append(",".join(f"{v:.1f}" for v in x) + f",{y}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture()
def data(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> str:
    fake.seed_compute()
    fake.runner = LocalJobRunner(fake, azurite.endpoint, azurite.account, azurite.key)
    return put_blob(azurite, fake, "iris/train.csv", iris_csv())


def pipeline(uri: str, **extra: Any) -> dict[str, Any]:
    return {"inputs": {"train": uri},
            "step": {"fit": {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"max_iter": 300}}},
            "metrics": ["accuracy"], "azure": {"target": "species"}, **extra}


def test_a_pipeline_job_trains_and_reports_the_artifact_and_metrics(blob_driver: Driver, fake: AzureMLFake, data: str) -> None:
    attrs = blob_driver.create("pipeline", ADDR, pipeline(data, gates={"min_accuracy": 0.8}))

    assert attrs["run_id"].startswith("train-") and fake.get(f"jobs/{attrs['run_id']}")["properties"]["status"] == "Completed"  # type: ignore[index]
    assert attrs["metrics"]["accuracy"] > 0.8
    assert attrs["artifact"].startswith("azureml://datastores/workspaceblobstore/paths/mlinfra/pipelines/train/")
    job = fake.get(f"jobs/{attrs['run_id']}")["properties"]  # type: ignore[index]
    assert job["jobType"] == "Pipeline" and "fit" in job["jobs"]

    model = blob_driver.create("model", "model.iris", {"artifact": attrs["artifact"], "framework": "sklearn"})
    assert model["id"] == "azureml:iris:1"

    read = blob_driver.read("pipeline", ADDR, attrs)
    assert blob_driver.plan("pipeline", ADDR, read, pipeline(data, gates={"min_accuracy": 0.8})).planned == attrs


def test_new_training_data_runs_the_job_again(blob_driver: Driver, fake: AzureMLFake, azurite: Any, data: str) -> None:
    attrs = blob_driver.create("pipeline", ADDR, pipeline(data))
    put_blob(azurite, fake, "iris/train.csv", iris_csv(120))

    plan, after = blob_driver.change("pipeline", ADDR, attrs, pipeline(data))

    assert plan.reason == "pipeline inputs changed"
    assert after["run_id"] != attrs["run_id"] and after["artifact"] != attrs["artifact"]


def test_a_missed_gate_fails_the_apply_and_keeps_the_run(blob_driver: Driver, data: str) -> None:
    with pytest.raises(ApplyFailed) as e:
        blob_driver.create("pipeline", ADDR, pipeline(data, gates={"min_accuracy": 1.01}))
    assert "Quality gate missed" in str(e.value)
    partial = e.value.resp.attributes
    assert partial is not None and partial["run_id"] and partial["digest"] is None


def test_a_failing_step_is_an_apply_error(blob_driver: Driver, fake: AzureMLFake, data: str) -> None:
    cfg = pipeline(data)
    cfg["step"]["fit"]["estimator"] = "sklearn.linear_model.NoSuchEstimator"
    with pytest.raises(ApplyFailed) as e:
        blob_driver.create("pipeline", ADDR, cfg)
    assert "failed" in str(e.value)
    assert any("NoSuchEstimator" in m for m in fake.job_errors.values())


def test_container_steps_are_refused_at_validation(blob_driver: Driver) -> None:
    from mlinfra.conformance.driver import full
    from mlinfra.providers.protocol import ValidateRequest

    cfg = {"inputs": {"train": "azureml://datastores/workspaceblobstore/paths/x.csv"}, "step": {"prep": {"image": "busybox", "command": ["true"]}}}
    diags = blob_driver.provider.validate(ValidateRequest("pipeline", ADDR, full("pipeline", cfg))).diagnostics
    assert any("estimator steps" in x.detail for x in diags)
