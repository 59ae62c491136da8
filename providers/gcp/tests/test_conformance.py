"""The core's conformance suite, run against the gcp provider on the Vertex AI and Cloud
Storage fakes: every kind's valid, invalid, import, drift and interrupted-create cases.

Datasets are not owned: the provider reads Cloud Storage data but does not create or
delete it, so a read after "delete" still finds the data (``owned=False``). Pipeline
steps here are python containers, which the fake runs on this machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gcp_driver import IMAGE, PARENT, Driver, provider_config
from mlinfra_provider_gcp import GcpProvider

from mlinfra.conformance import (
    DriftCase,
    ImportCase,
    InterruptedCase,
    Invalid,
    KindSuite,
    check_provider,
)
from mlinfra.conformance.driver import full

LIVE = "projects/123456789012/locations/us-central1"


def test_the_gcp_provider_passes_the_conformance_suite(driver: Driver, tmp_path: Path) -> None:
    driver.put("gs://data/base/model.joblib", b"weights")
    driver.put("gs://data/conformance/model.joblib", b"weights")
    driver.put("gs://data/train.csv", b"a,b,target\n1,2,0\n2,1,1\n")
    driver.put("gs://data/drift.csv", b"x\n1\n")
    model_id = driver.create("model", "model.base", {"artifact": "gs://data/base/model.joblib", "image": IMAGE})["id"]

    def model_exists(attrs: dict[str, Any]) -> None:
        assert driver.models.get_model(name=attrs["id"]).version_id == "1"

    def remove_endpoint(attrs: dict[str, Any]) -> None:
        name = f"{LIVE}/endpoints/{attrs['id'].rsplit('/', 1)[1]}"
        for dm in list(driver.fake.endpoints.get(name).get("deployedModels", [])):
            driver.fake.endpoints.console_undeploy(name, dm["id"])
        driver.endpoints.delete_endpoint(name=attrs["id"]).result(timeout=10)

    def remove_model(attrs: dict[str, Any]) -> None:
        driver.models.delete_model(name=attrs["uri"]).result(timeout=10)

    def remove_job(attrs: dict[str, Any]) -> None:
        driver.pipelines.delete_pipeline_job(name=attrs["id"]).result(timeout=10)

    def remove_data(attrs: dict[str, Any]) -> None:
        driver.gcs.delete("data", "drift.csv", {})

    endpoint = {"variant": {"blue": {"model": model_id, "weight": 80}, "green": {"model": model_id, "weight": 20}}}
    endpoint_update = {"variant": {"blue": {"model": model_id, "weight": 50}, "green": {"model": model_id, "weight": 50}}}
    model = {"artifact": "gs://data/conformance/model.joblib", "image": IMAGE}
    pipeline = {"inputs": {"train": "gs://data/train.csv"}, "step": {"fit": {"image": "python:3.11", "command": ["python3", "-c", "print(1)"]}}}
    suites = [
        KindSuite(
            "dataset",
            valid=[full("dataset", {"source": "gs://data/train.csv"})],
            invalid=[Invalid('  source = "s3://elsewhere/x.csv"'), Invalid('  source = "gs://data/x.csv"\n  gcp {\n    name = "x"\n  }', line=2)],
            imports=ImportCase(full("dataset", {"source": "gs://data/train.csv"}), id_of=lambda a: str(a["source"])),
            drift=DriftCase(full("dataset", {"source": "gs://data/drift.csv"}), remove_data),
            interrupted=InterruptedCase(full("dataset", {"source": "gs://data/train.csv"})),
            owned=False,
        ),
        KindSuite(
            "model",
            valid=[full("model", model)],
            update=full("model", {**model, "tags": {"stage": "prod"}}),
            check_created=model_exists,
            invalid=[
                Invalid('  artifact = "gs://data/m.joblib"\n  framework = "sklearn"\n  gcp {\n    imag = "x"\n  }', line=4),
                Invalid('  artifact = "gs://data/m.joblib"\n  framework = "caffe"'),
                Invalid(f'  artifact = "gs://data/m.joblib"\n  image = "{IMAGE}"\n  tags = {{ Team = "ML" }}'),
            ],
            imports=ImportCase(full("model", {**model, "tags": {"case": "import"}})),
            drift=DriftCase(full("model", model), remove_model),
            interrupted=InterruptedCase(full("model", model)),
        ),
        KindSuite(
            "endpoint",
            valid=[full("endpoint", endpoint)],
            update=full("endpoint", endpoint_update),
            invalid=[
                Invalid(f'  variant "blue" {{ model = "{model_id}" }}\n  gcp {{\n    machine_typ = "n1-standard-2"\n  }}', line=3),
                Invalid(f'  variant "blue" {{\n    model         = "{model_id}"\n    instance_type = "ml.m5.large"\n  }}'),
            ],
            imports=ImportCase(full("endpoint", endpoint)),
            drift=DriftCase(full("endpoint", endpoint), remove_endpoint),
            interrupted=InterruptedCase(full("endpoint", endpoint)),
        ),
        KindSuite(
            "pipeline",
            valid=[full("pipeline", pipeline)],
            update=full("pipeline", {**pipeline, "seed": 1}),
            invalid=[
                Invalid('  step "fit" { image = "python:3.11" }\n  gcp {\n    targt = "y"\n  }', line=3),
                Invalid('  inputs = { train = "s3://data/train.csv" }\n  step "fit" { image = "python:3.11" }'),
            ],
            imports=ImportCase(full("pipeline", pipeline)),
            drift=DriftCase(full("pipeline", pipeline), remove_job),
            interrupted=InterruptedCase(full("pipeline", pipeline)),
        ),
    ]
    assert PARENT in model_id
    config = provider_config(driver.fake.url, storage_endpoint=driver.gcs.url, staging_bucket="gs://mlinfra-staging")
    check_provider(GcpProvider, config, tmp_path, suites)
