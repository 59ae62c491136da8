"""Pipelines as SageMaker runs them: definitions valid against the published schema,
metrics only where the definition declares them, terminal statuses, the failing step's
own reason, one execution per apply whatever the retries, and re-attaching to a run an
interrupted apply left behind."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import aws_moto_support as patched
import jsonschema
import pytest
from aws_driver import Driver
from botocore.session import get_session
from test_aws_pipeline import TRAINER, churn_csv, pipeline_args

from mlinfra.conformance.driver import ApplyFailed

SCHEMA = json.loads((Path(__file__).parent / "data" / "pipeline-definition.schema.json").read_text())


def definition(driver: Driver, name: str = "train") -> dict[str, Any]:
    return json.loads(driver.sm.describe_pipeline(PipelineName=name)["PipelineDefinition"])  # type: ignore[no-any-return]


def schema_with_container_entrypoint() -> dict[str, Any]:
    """The published schema predates AlgorithmSpecification.ContainerEntrypoint; the API
    has it (botocore's model says so), so the schema is extended by exactly that."""
    shape = get_session().get_service_model("sagemaker").shape_for("AlgorithmSpecification")
    assert "ContainerEntrypoint" in shape.members
    schema = copy.deepcopy(SCHEMA)
    algo = schema["definitions"]["TrainingStep"]["properties"]["Arguments"]["properties"]["AlgorithmSpecification"]
    algo["properties"]["ContainerEntrypoint"] = {"type": "array", "items": {"type": "string"}}
    return schema


def test_an_estimator_pipeline_definition_is_valid_against_the_published_schema(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", churn_csv())
    args = {
        "inputs": {"train": "s3://data/churn/train.csv"},
        "step": {
            "prep": {"image": TRAINER, "command": ["python", "prep.py"]},
            "fit": {"estimator": "sklearn.ensemble.RandomForestClassifier", "params": {"n_estimators": 5}, "depends_on": ["prep"]},
        },
        "metrics": ["accuracy"],
        "gates": {"min_f1": 0.5},
    }
    driver.create("pipeline", "pipeline.train", args)
    body = definition(driver)
    jsonschema.validate(body, SCHEMA)
    fit = body["Steps"][1]["Arguments"]
    assert [m["Name"] for m in fit["AlgorithmSpecification"]["MetricDefinitions"]] == ["accuracy", "f1"]


def test_a_container_pipeline_definition_is_valid_against_the_schema_and_the_api(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    driver.create("pipeline", "pipeline.train", pipeline_args(run="never"))
    jsonschema.validate(definition(driver), schema_with_container_entrypoint())


def test_metrics_are_what_the_definition_declares_and_the_job_printed(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    patched.CONTAINER_LOGS[TRAINER] = "accuracy=0.91 auc=0.84\n"
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args(metrics=["auc"]))
    assert attrs["metrics"] == {"auc": 0.84}
    [job] = patched.TRAINING.values()
    assert job["FinalMetricDataList"] == [{"MetricName": "auc", "Value": 0.84}]


def test_a_gate_on_a_metric_the_job_never_printed_fails_with_none(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    patched.CONTAINER_LOGS[TRAINER] = "loss=0.3\n"
    with pytest.raises(ApplyFailed) as err:
        driver.create("pipeline", "pipeline.train", pipeline_args(gates={"min_accuracy": 0.5}))
    assert "accuracy = None" in err.value.diagnostics[0].detail


def test_completed_with_failures_is_a_failure_at_once_with_the_steps_reason(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    args = pipeline_args()
    args["step"]["fit"]["image"] = TRAINER + "-partial"
    driver.provider.config.wait_timeout = 3600
    with pytest.raises(ApplyFailed) as err:
        driver.create("pipeline", "pipeline.train", args)
    [diag] = err.value.diagnostics
    assert "CompletedWithFailures" in diag.summary
    assert "step fit: ClientError: Failed to pull the image" in diag.detail
    assert patched.CALLS.count("DescribePipelineExecution") == 2


def test_a_lost_reply_to_start_pipeline_execution_does_not_start_a_second_run(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    patched.CONTAINER_LOGS[TRAINER] = "accuracy=0.9\n"
    patched.LOSE_RESPONSE["StartPipelineExecution"] = 1
    driver.create("pipeline", "pipeline.train", pipeline_args())

    runs = driver.sm.list_pipeline_executions(PipelineName="train", MaxResults=100)["PipelineExecutionSummaries"]
    assert len(runs) == 1
    tokens = [p["ClientRequestToken"] for a, p in patched.REQUESTS if a == "StartPipelineExecution"]
    assert len(tokens) == 2 and tokens[0] == tokens[1]


def test_each_create_and_delete_of_a_pipeline_gets_its_own_token(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    for _ in range(2):
        attrs = driver.create("pipeline", "pipeline.train", pipeline_args(run="never"))
        driver.delete("pipeline", "pipeline.train", attrs)
    tokens = [p["ClientRequestToken"] for a, p in patched.REQUESTS if a in ("CreatePipeline", "DeletePipeline")]
    assert len(tokens) == 4 and len(set(tokens)) == 4


def test_an_apply_after_a_timed_out_run_attaches_to_it_instead_of_starting_another(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    patched.CONTAINER_LOGS[TRAINER] = "accuracy=0.9\n"
    args = pipeline_args()
    driver.provider.config.wait_timeout = 0.001
    with pytest.raises(ApplyFailed) as err:
        driver.create("pipeline", "pipeline.train", args)
    partial = err.value.resp.attributes
    driver.provider.config.wait_timeout = 20

    _, after = driver.change("pipeline", "pipeline.train", partial, args)

    assert patched.CALLS.count("StartPipelineExecution") == 1
    assert after["run_id"] == partial["run_id"] and after["metrics"] == {"accuracy": 0.9}


def test_a_long_pipeline_finds_its_model_step_beyond_the_first_page_of_steps(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    patched.CONTAINER_LOGS[TRAINER] = "accuracy=0.9\n"
    steps = {f"s{i}": {"image": TRAINER, "command": ["run"], **({"depends_on": [f"s{i - 1}"]} if i else {})} for i in range(5)}
    attrs = driver.create("pipeline", "pipeline.train", {"inputs": {"train": "s3://data/churn/train.csv"}, "step": steps, "metrics": ["accuracy"]})
    assert attrs["artifact"] and attrs["metrics"] == {"accuracy": 0.9}
