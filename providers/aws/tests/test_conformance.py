"""The core's conformance suite, run against the aws provider on moto: every kind's
valid, invalid, import, drift and interrupted-create cases (monitors on the Model Monitor
schedules of the moto double).

Datasets are not owned: the provider reads S3 data but does not create or delete it, so
a read after "delete" still finds the data (the suite is told with ``owned=False``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_driver import IMAGE, Driver, provider_config
from mlinfra_provider_aws import AwsProvider

from mlinfra.conformance import (
    DataCase,
    DriftCase,
    ImportCase,
    InterruptedCase,
    Invalid,
    KindSuite,
    check_provider,
)
from mlinfra.conformance.driver import full


def test_the_aws_provider_passes_the_conformance_suite(driver: Driver, moto: str, tmp_path: Path) -> None:
    driver.put("s3://data/model.tar.gz", b"weights")
    driver.put("s3://data/train.csv", b"a,b\n1,2\n")
    model_id = driver.create("model", "model.base", {"artifact": "s3://data/model.tar.gz", "image": IMAGE})["id"]

    def model_exists(attrs: dict[str, Any]) -> None:
        assert driver.sm.describe_model(ModelName=attrs["id"])["ModelName"] == attrs["id"]

    def remove_data(attrs: dict[str, Any]) -> None:
        driver.s3.delete_object(Bucket="data", Key="drift.csv")

    endpoint = {"variant": {"blue": {"model": model_id, "weight": 80}, "green": {"model": model_id, "weight": 20}}}
    endpoint_update = {"variant": {"blue": {"model": model_id, "weight": 50}, "green": {"model": model_id, "weight": 50}}}
    pipeline = {"inputs": {"train": "s3://data/train.csv"}, "step": {"fit": {"image": IMAGE, "command": ["train"]}}}
    model = {"artifact": "s3://data/model.tar.gz", "image": IMAGE, "registry": {"group": "conformance", "stage": "PendingManualApproval"}}
    plain_model = {"artifact": "s3://data/model.tar.gz", "image": IMAGE, "tags": {"case": "other"}}
    driver.put("s3://data/drift.csv", b"x\n1\n")
    monitor = {"endpoint": "served", "baseline": "s3://data/train.csv", "schedule": "every 1h"}
    suites = [
        KindSuite(
            "dataset",
            valid=[full("dataset", {"source": "s3://data/train.csv"})],
            invalid=[Invalid('  source = "gs://elsewhere/x.csv"'), Invalid('  source = "s3://data/x.csv"\n  aws {\n    name = "x"\n  }', line=2)],
            imports=ImportCase(full("dataset", {"source": "s3://data/train.csv"}), id_of=lambda a: str(a["source"])),
            drift=DriftCase(full("dataset", {"source": "s3://data/drift.csv"}), remove_data),
            interrupted=InterruptedCase(full("dataset", {"source": "s3://data/train.csv"})),
            owned=False,
        ),
        KindSuite(
            "model",
            valid=[full("model", model)],
            update=full("model", {**model, "registry": {"group": "conformance", "stage": "Approved"}}),
            check_created=model_exists,
            invalid=[
                Invalid('  artifact = "s3://data/model.tar.gz"\n  aws {\n    execution_role = "r"\n  }', line=3),
                Invalid('  artifact = "s3://data/model.tar.gz"\n  registry {\n    group = "g"\n    stage = "Shipped"\n  }'),
            ],
            imports=ImportCase(full("model", plain_model)),
            drift=DriftCase(full("model", plain_model), lambda a: driver.sm.delete_model(ModelName=a["id"])),
            interrupted=InterruptedCase(full("model", plain_model)),
        ),
        KindSuite(
            "endpoint",
            valid=[full("endpoint", endpoint)],
            update=full("endpoint", endpoint_update),
            invalid=[Invalid(f'  variant "blue" {{ model = "{model_id}" }}\n  aws {{\n    instance_typ = "ml.m5.large"\n  }}', line=3)],
            imports=ImportCase(full("endpoint", endpoint)),
            drift=DriftCase(full("endpoint", endpoint), lambda a: driver.sm.delete_endpoint(EndpointName=a["id"])),
            interrupted=InterruptedCase(full("endpoint", endpoint)),
        ),
        KindSuite(
            "pipeline",
            valid=[full("pipeline", pipeline)],
            update=full("pipeline", {**pipeline, "step": {"fit": {"image": IMAGE, "command": ["train"], "instance_type": "ml.m5.xlarge"}}}),
            invalid=[Invalid(f'  step "fit" {{ image = "{IMAGE}" }}\n  aws {{\n    rol = "x"\n  }}', line=3)],
            imports=ImportCase(full("pipeline", pipeline)),
            drift=DriftCase(full("pipeline", pipeline), lambda a: driver.sm.delete_pipeline(PipelineName=a["id"], ClientRequestToken="drift-drift-drift-drift-drift-drift0")),
            interrupted=InterruptedCase(full("pipeline", pipeline)),
        ),
        KindSuite(
            "monitor",
            valid=[full("monitor", monitor)],
            update=full("monitor", {**monitor, "schedule": "daily"}),
            invalid=[
                Invalid('  endpoint = "e"\n  baseline = "s3://data/train.csv"\n  aws {\n    instance_typ = "ml.m5.large"\n  }', line=4),
                Invalid('  endpoint = "e"\n  baseline = "s3://data/train.csv"\n  schedule = "every 5m"', line=3),
            ],
            imports=ImportCase(full("monitor", monitor)),
            drift=DriftCase(full("monitor", monitor), lambda a: driver.sm.delete_monitoring_schedule(MonitoringScheduleName=a["id"])),
            interrupted=InterruptedCase(full("monitor", monitor)),
        ),
    ]
    data = [
        DataCase("dataset", {"source": "s3://data/train.csv"}, {"id": "s3://data/train.csv"}, {"source": "s3://data/nothing.csv"}),
        DataCase("model", {"name": "conformance"}, {}, {"name": "no-such-group"}),
    ]
    check_provider(AwsProvider, provider_config(moto), tmp_path, suites, data)
