"""``python -m mlinfra`` on the aws-sagemaker example, against the strict SageMaker
double through AWS_ENDPOINT_URL with dummy credentials: the plan reads right, apply
creates and waits, a second plan is empty, a weight change shifts traffic in place, a new
model swaps blue/green, a variant comes and goes all at once, and destroy leaves nothing
but the registry versions the plan said it would keep."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_moto_support as patched
import pytest
from aws_driver import REGION, Driver
from test_endpoint_fidelity import targets

OBJECTS = ("churn/train.csv", "models/champion/model.tar.gz", "models/challenger/model.tar.gz")


def mlinfra(workdir: Path, moto: str, *args: str, expect: int = 0, region: str | None = REGION) -> str:
    env = {**os.environ, "AWS_ENDPOINT_URL": moto, "NO_COLOR": "1"}
    if region:
        env["AWS_DEFAULT_REGION"] = region
    proc = subprocess.run(
        [sys.executable, "-m", "mlinfra", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == expect, f"mlinfra {' '.join(args)} exited {proc.returncode}:\n{out}"
    return out


@pytest.fixture()
def example(driver: Driver, tmp_path: Path, copy_example: Any) -> Path:
    """A copy of the example's source, with its buckets and objects in moto."""
    work = copy_example("aws-sagemaker", tmp_path / "example")
    driver.s3.create_bucket(Bucket="churn-ml-data")
    driver.s3.create_bucket(Bucket="churn-ml-artifacts")
    for key in OBJECTS:
        driver.s3.put_object(Bucket="churn-ml-data", Key=key, Body=key.encode())
    return work


def test_the_example_plans_against_moto_and_the_plan_reads_right(example: Path, moto: str) -> None:
    out = mlinfra(example, moto, "plan")

    for line in (
        "# dataset.churn will be created",
        "# model.champion will be created",
        "# endpoint.churn will be created",
        'variant "champion" {',
        'variant "challenger" {',
        'strategy = "canary"',
        '= "Approved"',
        'url    = "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/churn/invocations"',
        "Plan: 4 to add, 0 to change, 0 to destroy.",
    ):
        assert line in out, f"{line!r} not in plan:\n{out}"
    assert "Error" not in out


def test_a_missing_region_is_one_clear_error_without_a_traceback(example: Path, moto: str) -> None:
    main = example / "main.hcl"
    main.write_text(main.read_text().replace("region             = var.region\n", ""))

    out = mlinfra(example, moto, "plan", expect=1, region=None)

    assert "No AWS region is set" in out and "Traceback" not in out


TRAINING = """
provider "aws" {
  region             = "us-east-1"
  execution_role_arn = "arn:aws:iam::123456789012:role/sagemaker-execution"
  artifact_bucket    = "churn-ml-artifacts"
  poll_interval      = 0.05
}

dataset "churn" {
  provider = aws
  source   = "s3://churn-ml-data/churn/train.csv"
}

pipeline "train" {
  provider = aws
  inputs   = { train = dataset.churn.uri }
  step "fit" {
    image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1"
    command = ["python", "train.py"]
  }
  metrics = ["accuracy"]
}

model "churn" {
  provider = aws
  artifact = pipeline.train.artifact
  image    = "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1"
  lifecycle {
    create_before_destroy = true
  }
}

endpoint "churn" {
  provider = aws
  variant "main" {
    model = model.churn.id
  }
}

output "artifact" {
  value = pipeline.train.artifact
}
"""


def test_new_training_data_retrains_and_swaps_the_endpoint_onto_the_new_model(example: Path, moto: str, driver: Driver) -> None:
    work = example.parent / "training"
    work.mkdir()
    (work / "main.hcl").write_text(TRAINING)
    out = mlinfra(work, moto, "apply", "--auto-approve")
    assert "Apply complete! Resources: 4 added" in out
    assert 'artifact = "s3://churn-ml-artifacts/mlinfra/pipelines/train/fit/' in out
    first_model = driver.sm.describe_endpoint_config(
        EndpointConfigName=driver.sm.describe_endpoint(EndpointName="churn")["EndpointConfigName"]
    )["ProductionVariants"][0]["ModelName"]

    driver.s3.put_object(Bucket="churn-ml-data", Key="churn/train.csv", Body=b"more rows")
    plan = mlinfra(work, moto, "plan")
    assert "# pipeline.train will be updated in-place" in plan
    assert "# model.churn must be replaced" in plan
    assert "# endpoint.churn will be updated in-place" in plan

    out = mlinfra(work, moto, "apply", "--auto-approve")
    assert "Apply complete!" in out
    assert patched.CALLS.count("StartPipelineExecution") == 2 and "UpdateEndpoint" in patched.CALLS
    live = driver.sm.describe_endpoint(EndpointName="churn")
    model = driver.sm.describe_endpoint_config(EndpointConfigName=live["EndpointConfigName"])["ProductionVariants"][0]["ModelName"]
    assert model != first_model
    assert [m["ModelName"] for m in driver.sm.list_models()["Models"]] == [model]
    assert "No changes." in mlinfra(work, moto, "plan")


SHADOW = """
  variant "shadow" {
    model          = model.challenger.id
    weight         = 5
    instance_type  = "ml.m5.large"
    instance_count = 1
  }
"""


def test_the_example_through_weights_a_model_swap_and_a_variant_added_and_removed(example: Path, moto: str, driver: Driver) -> None:
    main = example / "main.hcl"
    text = main.read_text().replace("artifact_bucket    = var.artifact_bucket", "artifact_bucket    = var.artifact_bucket\n  poll_interval      = 0.05")
    main.write_text(text)
    out = mlinfra(example, moto, "apply", "--auto-approve")
    assert "Apply complete! Resources: 4 added, 0 changed, 0 destroyed." in out
    live = driver.sm.describe_endpoint(EndpointName="churn")
    assert live["EndpointStatus"] == "InService"
    assert {v["VariantName"]: v["CurrentWeight"] for v in live["ProductionVariants"]} == {"champion": 90, "challenger": 10}
    assert "No changes." in mlinfra(example, moto, "plan", "--detailed-exitcode")

    plan = mlinfra(example, moto, "plan", "--var", "challenger_share=30")
    assert "# endpoint.churn will be updated in-place" in plan and "weights shift in place" in plan
    out = mlinfra(example, moto, "apply", "--auto-approve", "--var", "challenger_share=30")
    assert "1 changed" in out
    assert "UpdateEndpointWeightsAndCapacities" in patched.CALLS and not patched.UPDATES

    driver.s3.put_object(Bucket="churn-ml-data", Key="models/champion/model.tar.gz", Body=b"retrained champion")
    plan = mlinfra(example, moto, "plan", "--var", "challenger_share=30")
    assert "blue/green canary swap" in plan and "version in model package group churn is kept" in plan
    mlinfra(example, moto, "apply", "--auto-approve", "--var", "challenger_share=30")
    assert patched.UPDATES[-1]["DeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]["Type"] == "CANARY"

    main.write_text(text.replace('  rollout {', SHADOW + '\n  rollout {'))
    plan = mlinfra(example, moto, "plan", "--var", "challenger_share=30")
    assert "all-at-once swap" in plan
    mlinfra(example, moto, "apply", "--auto-approve", "--var", "challenger_share=30")
    assert patched.UPDATES[-1]["DeploymentConfig"] is None
    assert "endpoint/churn/variant/shadow" in targets(driver)

    main.write_text(text)
    mlinfra(example, moto, "apply", "--auto-approve", "--var", "challenger_share=30")
    live = driver.sm.describe_endpoint(EndpointName="churn")
    assert {v["VariantName"] for v in live["ProductionVariants"]} == {"champion", "challenger"}
    assert [c["EndpointConfigName"] for c in driver.sm.list_endpoint_configs()["EndpointConfigs"]] == [live["EndpointConfigName"]]
    assert "No changes." in mlinfra(example, moto, "plan", "--var", "challenger_share=30")

    out = mlinfra(example, moto, "destroy", "--auto-approve", "--var", "challenger_share=30")
    assert "destroyed" in out
    assert driver.sm.list_endpoints()["Endpoints"] == [] and driver.sm.list_endpoint_configs()["EndpointConfigs"] == []
    assert driver.sm.list_models()["Models"] == []
    assert targets(driver) == {}
    # The champion's versions are kept, as the plans said; the challenger's went with it.
    kept = driver.sm.list_model_packages(ModelPackageGroupName="churn", MaxResults=100)["ModelPackageSummaryList"]
    described = [driver.sm.describe_model_package(ModelPackageName=p["ModelPackageArn"])["ModelPackageDescription"] for p in kept]
    assert len(described) == 2 and all(d.startswith("model.champion ") for d in described)


def test_endpoints_are_waited_for_together_not_one_worker_each(moto: str, driver: Driver, tmp_path: Path) -> None:
    driver.put("s3://data/m.tar.gz", b"m")
    names = ["e0", "e1", "e2", "e3"]
    parts = [TRAINING.split("dataset")[0], 'model "m" {\n  provider = aws\n  artifact = "s3://data/m.tar.gz"\n'
             '  image    = "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1"\n}\n']
    parts += [f'endpoint "{n}" {{\n  provider = aws\n  variant "main" {{\n    model = model.m.id\n  }}\n}}\n' for n in names]
    (tmp_path / "main.hcl").write_text("\n".join(parts))
    out = mlinfra(tmp_path, moto, "apply", "--auto-approve", "--parallelism", "1")
    assert "Apply complete! Resources: 5 added" in out
    calls = [(a, p.get("EndpointName")) for a, p in patched.REQUESTS if a in ("CreateEndpoint", "DescribeEndpoint")]
    # With one worker, the next endpoint was created before the first was polled again
    # after the look that follows its create (it reports Creating twice, then
    # InService): the wait did not hold the worker.
    assert sorted(n for a, n in calls if a == "CreateEndpoint") == names
    looked = calls.index(("DescribeEndpoint", "e0"), calls.index(("CreateEndpoint", "e0")))
    assert calls.index(("CreateEndpoint", "e1")) < calls.index(("DescribeEndpoint", "e0"), looked + 1)
    mlinfra(tmp_path, moto, "plan", "--detailed-exitcode")  # nothing left to do
