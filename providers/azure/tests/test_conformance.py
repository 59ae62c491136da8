"""The core's conformance suite, run against the azure provider: the real MLClient
against the Azure ML fake, data in Azurite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from azure_driver import Driver, full, make_provider, provider_config
from azureml_fake import AzureMLFake
from conftest import put_blob

from mlinfra.providers.conformance import ConformanceCase, check_provider


def test_the_azure_provider_passes_the_conformance_suite(blob_driver: Driver, fake: AzureMLFake, azurite: Any, tmp_path: Path) -> None:
    model_uri = put_blob(azurite, fake, "models/base/model.pkl", b"weights")
    data_uri = put_blob(azurite, fake, "data/train.csv", b"a,b\n1,2\n")
    served = fake.seed_model("served", "1", model_uri)

    def version_exists(attrs: dict[str, Any]) -> None:
        name, version = attrs["id"].split(":")[1:]
        assert fake.get(f"models/{name}/versions/{version}") is not None

    model = {"artifact": model_uri, "framework": "sklearn", "registry": {"group": "g", "stage": "Staging"}, "azure": {"keep_versions": False}}
    endpoint = {"variant": {"blue": {"model": served, "weight": 80}, "green": {"model": served, "weight": 20}}}
    endpoint_update = {"variant": {"blue": {"model": served, "weight": 50}, "green": {"model": served, "weight": 50}}}
    cases = [
        ConformanceCase("model", full("model", model),
                        update=full("model", {**model, "registry": {"group": "g", "stage": "Production"}}),
                        check_created=version_exists),
        ConformanceCase("endpoint", full("endpoint", endpoint), update=full("endpoint", endpoint_update)),
        ConformanceCase("dataset", full("dataset", {"source": data_uri, "format": "csv"}),
                        update=full("dataset", {"source": data_uri, "format": "csv", "tags": {"team": "data"}})),
    ]
    check_provider(lambda: make_provider(fake), provider_config(fake, storage_url=azurite.endpoint), tmp_path, cases)
