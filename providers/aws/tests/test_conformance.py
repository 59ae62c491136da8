"""The core's conformance suite, run against the aws provider on moto.

Datasets are left out on purpose: the provider reads S3 data but does not own it, so
"delete" leaves the object in place and a read afterwards still finds it, which the
suite (rightly, for owned objects) treats as a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_driver import IMAGE, Driver, full, provider_config
from mlinfra_provider_aws import AwsProvider

from mlinfra.providers.conformance import ConformanceCase, check_provider


def test_the_aws_provider_passes_the_conformance_suite(driver: Driver, moto: str, tmp_path: Path) -> None:
    driver.put("s3://data/model.tar.gz", b"weights")
    driver.put("s3://data/train.csv", b"a,b\n1,2\n")
    model_id = driver.create("model", "model.base", {"artifact": "s3://data/model.tar.gz", "image": IMAGE})["id"]

    def model_exists(attrs: dict[str, Any]) -> None:
        assert driver.sm.describe_model(ModelName=attrs["id"])["ModelName"] == attrs["id"]

    endpoint = {"variant": {"blue": {"model": model_id, "weight": 80}, "green": {"model": model_id, "weight": 20}}}
    endpoint_update = {"variant": {"blue": {"model": model_id, "weight": 50}, "green": {"model": model_id, "weight": 50}}}
    pipeline = {"inputs": {"train": "s3://data/train.csv"}, "step": {"fit": {"image": IMAGE, "command": ["train"]}}}
    model = {"artifact": "s3://data/model.tar.gz", "image": IMAGE, "registry": {"group": "conformance", "stage": "PendingManualApproval"}}
    cases = [
        ConformanceCase(
            "model",
            full("model", model),
            update=full("model", {**model, "registry": {"group": "conformance", "stage": "Approved"}}),
            check_created=model_exists,
        ),
        ConformanceCase("endpoint", full("endpoint", endpoint), update=full("endpoint", endpoint_update)),
        ConformanceCase("pipeline", full("pipeline", pipeline), update=full("pipeline", {**pipeline, "step": {"fit": {"image": IMAGE, "command": ["train"], "instance_type": "ml.m5.xlarge"}}})),
    ]
    check_provider(AwsProvider, provider_config(moto), tmp_path, cases)
