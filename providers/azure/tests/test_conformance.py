"""The core's conformance suite, run against the azure provider: the real MLClient
against the Azure ML fake, data in Azurite, pipeline jobs run on this machine.

Pipelines are not owned the way the other kinds are: a job is a record of a run, and
Azure ML archives it rather than deleting it, so a read after destroy still finds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from azure_driver import Driver, provider_class, provider_config, put_blob
from azureml_fake import AzureMLFake
from azureml_jobs import LocalJobRunner
from test_azure_pipeline import iris_csv

from mlinfra.conformance import (
    DriftCase,
    ImportCase,
    InterruptedCase,
    Invalid,
    KindSuite,
    check_provider,
)
from mlinfra.conformance.driver import full


def archive(fake: AzureMLFake, ref: str, kind: str) -> None:
    _, name, version = ref.split(":")
    fake.edit(f"{kind}/{name}/versions/{version}", {"isArchived": True})


def test_the_azure_provider_passes_the_conformance_suite(blob_driver: Driver, fake: AzureMLFake, azurite: Any, tmp_path: Path) -> None:
    model_uri = put_blob(azurite, fake, "models/base/model.pkl", b"weights")
    data_uri = put_blob(azurite, fake, "data/train.csv", b"a,b\n1,2\n")
    train_uri = put_blob(azurite, fake, "iris/train.csv", iris_csv())
    served = fake.seed_model("served", "1", model_uri)
    fake.seed_compute()
    fake.runner = LocalJobRunner(fake, azurite.endpoint, azurite.account, azurite.key)

    def version_exists(attrs: dict[str, Any]) -> None:
        _, name, version = attrs["id"].split(":")
        assert fake.get(f"models/{name}/versions/{version}") is not None

    model = {"artifact": model_uri, "framework": "sklearn", "registry": {"group": "g", "stage": "Staging"}, "azure": {"keep_versions": False}}
    endpoint = {"variant": {"blue": {"model": served, "weight": 80}, "green": {"model": served, "weight": 20}}}
    endpoint_update = {"variant": {"blue": {"model": served, "weight": 50}, "green": {"model": served, "weight": 50}}}
    dataset = {"source": data_uri, "format": "csv"}
    pipeline = {"inputs": {"train": train_uri}, "step": {"fit": {"estimator": "sklearn.tree.DecisionTreeClassifier"}},
                "azure": {"target": "species"}}
    suites = [
        KindSuite(
            "dataset",
            valid=[full("dataset", dataset)],
            update=full("dataset", {**dataset, "tags": {"team": "data"}}),
            invalid=[Invalid('  source = "s3://elsewhere/x.csv"'), Invalid('  source = "x.csv"\n  azure {\n    nam = "x"\n  }', line=3)],
            imports=ImportCase(full("dataset", dataset)),
            drift=DriftCase(full("dataset", dataset), lambda a: archive(fake, a["id"], "data")),
            interrupted=InterruptedCase(full("dataset", dataset)),
        ),
        KindSuite(
            "model",
            valid=[full("model", model)],
            update=full("model", {**model, "registry": {"group": "g", "stage": "Production"}}),
            check_created=version_exists,
            invalid=[Invalid('  artifact = "s3://bucket/model.tar.gz"'),
                     Invalid(f'  artifact = "{model_uri}"\n  azure {{\n    type = "onnx_model"\n  }}', line=3)],
            imports=ImportCase(full("model", model)),
            drift=DriftCase(full("model", model), lambda a: archive(fake, a["id"], "models")),
            interrupted=InterruptedCase(full("model", model)),
        ),
        KindSuite(
            "endpoint",
            valid=[full("endpoint", endpoint)],
            update=full("endpoint", endpoint_update),
            invalid=[Invalid(f'  variant "blue" {{ model = "{served}" }}\n  azure {{\n    instance_typ = "Standard_DS3_v2"\n  }}', line=3),
                     Invalid(f'  variant "blue" {{\n    model = "{served}"\n    shadow = true\n  }}')],
            imports=ImportCase(full("endpoint", endpoint)),
            drift=DriftCase(full("endpoint", endpoint), lambda a: fake.remove(f"onlineEndpoints/{a['id']}")),
            interrupted=InterruptedCase(full("endpoint", endpoint)),
        ),
        KindSuite(
            "pipeline",
            valid=[full("pipeline", pipeline)],
            update=full("pipeline", {**pipeline, "step": {"fit": {"estimator": "sklearn.tree.DecisionTreeClassifier", "params": {"max_depth": 3}}}}),
            invalid=[Invalid('  step "prep" {\n    image = "busybox"\n  }\n  inputs = { train = "azureml://datastores/d/paths/x.csv" }')],
            imports=ImportCase(full("pipeline", pipeline), id_of=lambda a: str(a["run_id"])),
            drift=DriftCase(full("pipeline", pipeline), lambda a: fake.remove(f"jobs/{a['run_id']}")),
            interrupted=InterruptedCase(full("pipeline", pipeline)),
            owned=False,
        ),
    ]
    check_provider(provider_class(fake), provider_config(fake, storage_url=azurite.endpoint), tmp_path, suites)
