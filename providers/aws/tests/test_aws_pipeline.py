"""The pipeline kind against moto: a definition generated from the steps, an execution
awaited on change, and the trained artifact feeding a model."""

from __future__ import annotations

import io
import json
import tarfile
from typing import Any

import aws_moto_support as patched
import pytest
from aws_driver import IMAGE, Driver

from mlinfra.conformance.driver import ApplyFailed

TRAINER = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"


def churn_csv(rows: int = 80, shift: float = 0.0) -> bytes:
    """A small, learnable table: churned when usage is low."""
    lines = ["usage,tenure,churned"]
    for i in range(rows):
        usage = (i * 37 % 100) / 10 + shift
        lines.append(f"{usage:.1f},{i % 24},{int(usage < 5)}")
    return ("\n".join(lines) + "\n").encode()


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


def test_the_definition_has_a_processing_step_whose_output_feeds_the_training_step(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args())

    body = json.loads(driver.sm.describe_pipeline(PipelineName="train")["PipelineDefinition"])
    assert [(s["Name"], s["Type"]) for s in body["Steps"]] == [("prep", "Processing"), ("fit", "Training")]
    prep, fit = body["Steps"]
    assert prep["Arguments"]["ProcessingInputs"][0]["S3Input"]["S3Uri"] == "s3://data/churn/train.csv"
    assert fit["DependsOn"] == ["prep"]
    assert fit["Arguments"]["AlgorithmSpecification"]["ContainerEntrypoint"] == ["python", "fit.py"]
    [channel] = fit["Arguments"]["InputDataConfig"]
    assert channel["ChannelName"] == "prep"
    assert channel["DataSource"]["S3DataSource"]["S3Uri"] == {"Get": "Steps.prep.ProcessingOutputConfig.Outputs['output'].S3Output.S3Uri"}
    assert attrs["id"] == "train"


def test_an_on_change_pipeline_runs_and_its_artifact_and_metrics_are_outputs(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"a,b\n1,2\n")
    patched.CONTAINER_LOGS[TRAINER] = "epoch 1 accuracy=0.71\nepoch 2 accuracy=0.93\nloss: 0.2\n"
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
    assert "step fit: ClientError: Failed to pull the image" in diag.detail
    partial = err.value.resp.attributes
    assert partial["id"] == "train" and partial["digest"] is None
    assert driver.plan("pipeline", "pipeline.train", partial, args).planned["run_id"] is not partial["run_id"]


def test_a_never_run_pipeline_is_defined_but_not_executed(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args(run="never"))
    assert attrs["run_id"] is None and "StartPipelineExecution" not in patched.CALLS


def test_an_estimator_step_trains_in_script_mode_on_the_frameworks_image(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", churn_csv())
    args = {"inputs": {"train": "s3://data/churn/train.csv"}, "step": {"fit": {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"C": 0.5}}}}
    attrs = driver.create("pipeline", "pipeline.train", args)

    [step] = json.loads(driver.sm.describe_pipeline(PipelineName="train")["PipelineDefinition"])["Steps"]
    assert step["Type"] == "Training"
    assert "sagemaker-scikit-learn" in step["Arguments"]["AlgorithmSpecification"]["TrainingImage"]
    hyper = {k: json.loads(v) for k, v in step["Arguments"]["HyperParameters"].items()}
    assert hyper["mlinfra_estimator"] == "sklearn.linear_model.LogisticRegression" and hyper["mlinfra_params"] == {"C": 0.5}
    assert hyper["sagemaker_program"] == "mlinfra_train.py"
    code = hyper["sagemaker_submit_directory"]
    assert code.startswith("s3://mlinfra-artifacts/mlinfra/code/") and driver.s3.head_object(Bucket="mlinfra-artifacts", Key=code.split("/", 3)[3])
    # What the script printed, matched by the declared MetricDefinitions: a real score.
    assert 0.5 < attrs["metrics"]["accuracy"] <= 1.0 and set(attrs["metrics"]) >= {"accuracy", "f1"}
    body = driver.s3.get_object(Bucket="mlinfra-artifacts", Key=attrs["artifact"].split("/", 3)[3])["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as tar:
        assert tar.getnames() == ["model.joblib"]


def test_a_missed_quality_gate_fails_the_apply(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    patched.CONTAINER_LOGS[TRAINER] = "accuracy=0.93\n"
    with pytest.raises(ApplyFailed) as err:
        driver.create("pipeline", "pipeline.train", pipeline_args(gates={"min_accuracy": 0.99}))
    assert "accuracy = 0.93" in err.value.diagnostics[0].detail


def test_destroy_deletes_the_pipeline_and_read_then_finds_nothing(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    attrs = driver.create("pipeline", "pipeline.train", pipeline_args(run="never"))
    driver.delete("pipeline", "pipeline.train", attrs)
    assert driver.read("pipeline", "pipeline.train", attrs) is None


def test_a_pipeline_tag_changed_out_of_band_is_drift_the_next_apply_reverts(driver: Driver) -> None:
    driver.put("s3://data/churn/train.csv", b"x")
    args = pipeline_args(run="never", tags={"owner": "ana"})
    attrs = driver.create("pipeline", "pipeline.train", args)
    arn = driver.sm.describe_pipeline(PipelineName="train")["PipelineArn"]
    driver.sm.add_tags(ResourceArn=arn, Tags=[{"Key": "owner", "Value": "bob"}])

    refreshed = driver.read("pipeline", "pipeline.train", attrs)
    assert refreshed is not None and refreshed["tags"] == {"owner": "bob"}
    driver.change("pipeline", "pipeline.train", refreshed, args)
    assert {t["Key"]: t["Value"] for t in driver.sm.list_tags(ResourceArn=arn)["Tags"]}["owner"] == "ana"
