"""The pipeline kind against moto: a definition generated from the steps, an execution
awaited on change, and the trained artifact feeding a model."""

from __future__ import annotations

import json
from typing import Any

import aws_moto_support as patched
import pytest
from aws_driver import IMAGE, ApplyFailed, Driver

TRAINER = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"


def pipeline_args(**over: Any) -> dict[str, Any]:
    return {
        "inputs": {"train": "s3://data/churn/train.csv"},
        "step": {
            "prep": {"image": TRAINER, "command": ["python", "prep.py"]},
            "fit": {"image": TRAINER, "command": "python fit.py", "depends_on": ["prep"], "params": {"C": 1.0}},
        },
        "metrics": ["accuracy"],
        **over,
    }


def test_the_definition_has_a_processing_step_then_the_training_step_that_makes_the_model(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args())

    body = json.loads(driver.sm.describe_pipeline(PipelineName="train")["PipelineDefinition"])
    assert [(s["Name"], s["Type"]) for s in body["Steps"]] == [("prep", "Processing"), ("fit", "Training")]
    fit = body["Steps"][1]
    assert fit["DependsOn"] == ["prep"]
    assert fit["Arguments"]["AlgorithmSpecification"]["ContainerEntrypoint"] == ["python", "fit.py"]
    assert fit["Arguments"]["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"] == "s3://data/churn/train.csv"
    assert attrs["id"] == "train"


def test_an_on_change_pipeline_runs_and_its_artifact_and_metrics_are_outputs(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args())

    assert attrs["run_id"].startswith("arn:aws:sagemaker:us-east-1:")
    assert attrs["artifact"].startswith("s3://mlinfra-artifacts/mlinfra/pipelines/train/fit/")
    assert attrs["artifact"].endswith("/output/model.tar.gz")
    assert attrs["metrics"] == {"accuracy": 0.93}
    assert any("Executing" in p for p in driver.progress)


def test_the_trained_artifact_feeds_a_model(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    trained = driver.create("pipeline", "pipeline.train", pipeline_args())

    model = driver.create("model", "model.churn", {"artifact": trained["artifact"], "image": IMAGE})
    url = driver.sm.describe_model(ModelName=model["id"])["PrimaryContainer"]["ModelDataUrl"]
    assert url == trained["artifact"]


def test_an_unchanged_pipeline_plans_no_change_and_does_not_run_again(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    args = pipeline_args()
    attrs = driver.create("pipeline", "pipeline.train", args)
    refreshed = driver.read("pipeline", "pipeline.train", attrs)

    assert refreshed == attrs
    assert driver.plan("pipeline", "pipeline.train", refreshed, args).planned == attrs


def test_new_training_data_under_the_same_key_runs_the_pipeline_again(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    args = pipeline_args()
    attrs = driver.create("pipeline", "pipeline.train", args)
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n3,4\n")

    plan, after = driver.change("pipeline", "pipeline.train", attrs, args)

    assert plan.reason == "pipeline inputs changed"
    assert after["run_id"] != attrs["run_id"] and after["artifact"] != attrs["artifact"]
    assert patched.CALLS.count("StartPipelineExecution") == 2


def test_a_failed_run_is_an_error_with_the_reason_and_is_retried_next_time(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    args = pipeline_args()
    args["step"]["fit"]["image"] = TRAINER + "-fail"
    with pytest.raises(ApplyFailed) as err:
        driver.create("pipeline", "pipeline.train", args)

    [diag] = err.value.diagnostics
    assert "image pull failed" in diag.detail
    partial = err.value.resp.attributes
    assert partial["id"] == "train" and partial["digest"] is None
    assert driver.plan("pipeline", "pipeline.train", partial, args).planned["run_id"] is not partial["run_id"]


def test_a_never_run_pipeline_is_defined_but_not_executed(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args(run="never"))
    assert attrs["run_id"] is None and "StartPipelineExecution" not in patched.CALLS


def test_an_estimator_step_trains_on_the_frameworks_image(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    args = {"inputs": {"train": "s3://data/churn/train.csv"}, "step": {"fit": {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"C": 0.5}}}}
    driver.create("pipeline", "pipeline.train", args)

    [step] = json.loads(driver.sm.describe_pipeline(PipelineName="train")["PipelineDefinition"])["Steps"]
    assert step["Type"] == "Training"
    assert "sagemaker-scikit-learn" in step["Arguments"]["AlgorithmSpecification"]["TrainingImage"]
    assert step["Arguments"]["HyperParameters"]["mlinfra_estimator"] == "sklearn.linear_model.LogisticRegression"


def test_a_missed_quality_gate_fails_the_apply(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    with pytest.raises(ApplyFailed) as err:
        driver.create("pipeline", "pipeline.train", pipeline_args(gates={"min_accuracy": 0.99}))
    assert "accuracy = 0.93" in err.value.diagnostics[0].detail


def test_destroy_deletes_the_pipeline_and_read_then_finds_nothing(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args(run="never"))
    driver.delete("pipeline", "pipeline.train", attrs)
    assert driver.read("pipeline", "pipeline.train", attrs) is None
