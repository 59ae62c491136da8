"""The core's conformance suite, run against the gcp provider on the Vertex AI and
Cloud Storage fakes.

Datasets are left out on purpose: the provider reads Cloud Storage data but does not own
it, so "delete" leaves the object in place and a read afterwards still finds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gcp_driver import IMAGE, Driver, full, provider_config
from mlinfra_provider_gcp import GcpProvider

from mlinfra.providers.conformance import ConformanceCase, check_provider


def test_the_gcp_provider_passes_the_conformance_suite(driver: Driver, tmp_path: Path) -> None:
    driver.put("gs://data/base/model.joblib", b"weights")
    driver.put("gs://data/conformance/model.joblib", b"weights")
    model_id = driver.create("model", "model.base", {"artifact": "gs://data/base/model.joblib", "image": IMAGE})["id"]

    def model_exists(attrs: dict[str, Any]) -> None:
        assert driver.models.get_model(name=attrs["id"]).version_id == "1"

    endpoint = {"variant": {"blue": {"model": model_id, "weight": 80}, "green": {"model": model_id, "weight": 20}}}
    endpoint_update = {"variant": {"blue": {"model": model_id, "weight": 50}, "green": {"model": model_id, "weight": 50}}}
    model = {"artifact": "gs://data/conformance/model.joblib", "image": IMAGE}
    driver.put("gs://data/train.csv", b"a,b,target\n1,2,0\n2,1,1\n3,3,0\n4,1,1\n5,2,0\n6,1,1\n7,2,0\n8,1,1\n9,2,0\n10,1,1\n")
    pipeline = {
        "inputs": {"train": "gs://data/train.csv"},
        "step": {"fit": {"estimator": "sklearn.tree.DecisionTreeClassifier"}},
        "test_size": 0.4,
    }
    cases = [
        ConformanceCase("model", full("model", model), update=full("model", {**model, "tags": {"stage": "prod"}}), check_created=model_exists),
        ConformanceCase("endpoint", full("endpoint", endpoint), update=full("endpoint", endpoint_update)),
        ConformanceCase("pipeline", full("pipeline", pipeline), update=full("pipeline", {**pipeline, "seed": 1})),
    ]
    config = provider_config(driver.fake.url, storage_endpoint=driver.gcs.url, staging_bucket="gs://mlinfra-staging")
    check_provider(GcpProvider, config, tmp_path, cases)
