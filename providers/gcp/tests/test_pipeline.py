"""The pipeline kind: a PipelineJob from a generated KFP pipeline spec, its estimator step
run by the provider's trainer (really run, on the fake, with this machine's Python), the
trained artifact feeding a model, metrics from the job gating the apply, reruns only
when the spec or the data changes, and a failing step reported with the service's
reason."""

from __future__ import annotations

import csv
import io

import pytest
from gcp_driver import PARENT, Driver

from mlinfra.conformance.driver import ApplyFailed, full
from mlinfra.providers.protocol import RecoverRequest, ValidateRequest
from mlinfra.values import UNKNOWN, changed_paths

ADDR = "pipeline.train"


def iris_csv() -> bytes:
    from sklearn.datasets import load_iris

    data = load_iris()
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([*data.feature_names, "target"])
    for row, label in zip(data.data.tolist(), data.target.tolist(), strict=True):
        w.writerow([*row, label])
    return out.getvalue().encode()


def pipeline(**extra: object) -> dict[str, object]:
    return {
        "inputs": {"train": "gs://data/iris/train.csv"},
        "step": {"fit": {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"max_iter": 500}}},
        "metrics": ["accuracy", "f1_macro"],
        **extra,
    }


@pytest.fixture()
def data(driver: Driver) -> Driver:
    driver.put("gs://data/iris/train.csv", iris_csv())
    return driver


def test_a_run_trains_with_the_uploaded_trainer_and_reports_the_artifact_and_metrics(data: Driver) -> None:
    driver = data
    plan = driver.plan("pipeline", ADDR, None, pipeline())
    assert plan.planned["id"] is UNKNOWN and plan.planned["artifact"] is UNKNOWN and plan.planned["digest"]

    attrs = driver.create("pipeline", ADDR, pipeline(gates={"min_accuracy": 0.8}))

    assert attrs["id"].startswith(f"{PARENT}/pipelineJobs/train-") and attrs["run_id"] == attrs["id"]
    assert attrs["metrics"]["accuracy"] >= 0.8 and set(attrs["metrics"]) == {"accuracy", "f1_macro"}
    assert attrs["artifact"].startswith("gs://mlinfra-staging/mlinfra/pipelines/train/")
    assert any(n.endswith("/model/model.joblib") for n in driver.gcs.buckets["mlinfra-staging"])
    job = next(r for r in driver.fake.requests if r.action == "CreatePipelineJob").body
    spec = job["pipelineSpec"]
    assert spec["schemaVersion"] == "2.1.0" and list(spec["root"]["dag"]["tasks"]) == ["fit"]
    container = spec["deploymentSpec"]["executors"]["exec-fit"]["container"]
    assert container["image"] == "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-3:latest"
    assert container["command"][1].startswith("/gcs/mlinfra-staging/mlinfra/trainer/")


def test_an_unchanged_pipeline_does_not_run_again_and_new_data_does(data: Driver) -> None:
    driver = data
    attrs = driver.create("pipeline", ADDR, pipeline())
    read = driver.read("pipeline", ADDR, attrs)
    assert read is not None
    plan = driver.plan("pipeline", ADDR, read, pipeline())
    assert not list(changed_paths(read, plan.planned))

    driver.put("gs://data/iris/train.csv", iris_csv() + b"5.0,3.4,1.5,0.2,0\n")
    plan, after = driver.change("pipeline", ADDR, read, pipeline())
    assert plan.reason == "pipeline inputs changed" and plan.planned["artifact"] is UNKNOWN
    assert after["run_id"] != attrs["run_id"]
    assert driver.fake.actions().count("CreatePipelineJob") == 2


def test_the_trained_artifact_feeds_a_model_and_an_endpoint(data: Driver) -> None:
    driver = data
    run = driver.create("pipeline", ADDR, pipeline())
    model = driver.create("model", "model.iris", {"artifact": run["artifact"], "framework": "sklearn"})
    upload = next(r for r in driver.fake.requests if r.action == "UploadModel").body
    assert upload["model"]["artifactUri"] == run["artifact"]
    driver.create("endpoint", "endpoint.iris", {"variant": {"main": {"model": model["id"]}}})
    assert driver.variants("iris") == {"main": ("iris@1", 100)}


def test_a_missed_gate_fails_the_apply_with_the_metric(data: Driver) -> None:
    with pytest.raises(ApplyFailed, match=r"accuracy = .* \(gate min_accuracy = 1.01\)") as err:
        data.create("pipeline", ADDR, pipeline(gates={"min_accuracy": 1.01}))
    partial = err.value.resp.attributes
    assert partial is not None and partial["digest"] is None and partial["metrics"]["accuracy"] > 0


def test_a_failing_step_is_reported_with_the_services_reason(data: Driver) -> None:
    steps = {"step": {"fit": {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"no_such_param": 1}}}}
    with pytest.raises(ApplyFailed) as err:
        data.create("pipeline", ADDR, pipeline(**steps))
    detail = err.value.diagnostics[0].detail
    assert "The failed tasks are: [fit]" in detail and "no_such_param" in detail


def test_a_container_step_runs_its_own_image_and_an_unknown_image_fails_to_pull(data: Driver) -> None:
    script = "import os, pathlib; d = pathlib.Path(os.environ['AIP_MODEL_DIR'].replace('gs://', '/gcs/')); print(d)"
    ok = {"step": {"prep": {"image": "python:3.11", "command": ["python3", "-c", script]}}}
    attrs = data.create("pipeline", ADDR, pipeline(**ok, metrics=[]))
    assert attrs["artifact"].endswith("/prep/model")
    with pytest.raises(ApplyFailed, match='Failed to pull image "us-docker.pkg.dev/proj/nothing:1"'):
        data.create("pipeline", "pipeline.other", pipeline(step={"x": {"image": "us-docker.pkg.dev/proj/nothing:1", "command": ["run"]}}))


def test_run_never_creates_no_job(data: Driver) -> None:
    attrs = data.create("pipeline", ADDR, pipeline(run="never"))
    assert attrs["id"] == "train" and attrs["artifact"] is None
    assert "CreatePipelineJob" not in data.fake.actions()


def test_steps_in_a_cycle_are_a_validation_error(driver: Driver) -> None:
    cfg = full("pipeline", {"step": {"a": {"image": "x", "depends_on": ["b"]}, "b": {"image": "x", "depends_on": ["a"]}}})
    diags = driver.provider.validate(ValidateRequest("pipeline", ADDR, cfg)).diagnostics.items
    assert any("cycle" in d.detail for d in diags)


def test_destroy_deletes_the_job(data: Driver) -> None:
    attrs = data.create("pipeline", ADDR, pipeline())
    data.delete("pipeline", ADDR, attrs)
    assert data.fake.pipelines.jobs == {}
    assert data.read("pipeline", ADDR, attrs) is None


def test_a_run_interrupted_after_its_name_was_recorded_is_found_by_its_labels(data: Driver) -> None:
    attrs = data.create("pipeline", ADDR, pipeline())
    found = data.provider.recover(RecoverRequest("pipeline", ADDR, {"name": "train"})).attributes
    assert found is not None and found["run_id"] == attrs["run_id"] and found["artifact"] == attrs["artifact"]
    assert data.provider.recover(RecoverRequest("pipeline", "pipeline.never_ran", {"name": "never-ran"})).attributes is None


def test_the_generated_job_name_is_recorded_before_the_job_is_created(data: Driver) -> None:
    from mlinfra.providers.protocol import ApplyRequest

    planned = data.plan("pipeline", ADDR, None, pipeline()).planned
    recorded: list[dict[str, object]] = []
    resp = data.provider.apply(
        ApplyRequest("pipeline", ADDR, "create", None, planned, full("pipeline", pipeline()), {}, None, {"name": "train"}, recorded.append)
    )
    assert resp.attributes is not None and recorded and recorded[0]["job"] == resp.attributes["run_id"]
    found = data.provider.recover(RecoverRequest("pipeline", ADDR, recorded[-1])).attributes
    assert found is not None and found["id"] == resp.attributes["id"]
