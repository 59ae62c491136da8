"""examples/multi-cloud: one model, trained once locally, deployed to local, AWS, GCP and
Azure ML from one configuration. The whole example plans against the test doubles (moto
for AWS, the Vertex AI and Cloud Storage fakes for GCP, the Azure ML fake over HTTPS with
the Azure CLI credential for Azure), and the GCP and Azure parts apply: the local
pipeline's artifact is staged in Cloud Storage and served from a Vertex AI endpoint, and
uploaded to the workspace's datastore (Azurite) and served from an Azure ML endpoint."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cli_run
import pytest
from gcp_driver import start_vertex
from vertexfake import VertexFake

sys.path.append(str(Path(__file__).resolve().parents[2] / "azure" / "tests"))

from azureml_fake import AzureMLFake  # noqa: E402
from azureml_http import HttpsFake, az_cli  # noqa: E402
from azurite import azurite_or_skip, start_azurite  # noqa: E402

AZURE_ENV = ("AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZUREML_WORKSPACE_NAME",
             "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET")

pytestmark = pytest.mark.cli


@pytest.fixture()
def moto_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture()
def vertex(gcs_server: Any) -> Iterator[VertexFake]:
    f = start_vertex(gcs_server, {"iris-ml": "555555555555"})
    yield f
    f.stop()


@dataclass
class Azure:
    """The Azure ML fake served over HTTPS, and the blob endpoint of its default datastore."""

    fake: AzureMLFake
    server: HttpsFake
    storage_url: str | None = None


@pytest.fixture()
def azure(tmp_path: Path) -> Iterator[Azure]:
    fake = AzureMLFake()
    server = HttpsFake(fake, tmp_path)
    yield Azure(fake, server)
    server.stop()


@pytest.fixture(scope="module")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    server = start_azurite(tmp_path_factory.mktemp("azurite"), azurite_or_skip())
    yield server
    server.stop()


@pytest.fixture()
def datastore(azure: Azure, azurite: Any) -> Azure:
    """The workspace's default datastore: a fresh container in Azurite."""
    from azure.storage.blob import BlobServiceClient

    container = f"ws{uuid.uuid4().hex[:12]}"
    service = BlobServiceClient(azurite.endpoint, credential={"account_name": azurite.account, "account_key": azurite.key})
    service.create_container(container)
    azure.fake.seed_datastore(azurite.account, azurite.key, container)
    azure.storage_url = azurite.endpoint
    return azure


def mlinfra(workdir: Path, vertex: VertexFake, gcs: Any, moto: str, azure: Azure, *args: str) -> str:
    env = {
        "AWS_ENDPOINT_URL": moto,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(workdir / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(workdir / "no-aws-credentials"),
        "MLINFRA_VAR_gcp_credentials": "anonymous",
        "MLINFRA_VAR_gcp_api_endpoint": vertex.url,
        "MLINFRA_VAR_gcp_storage_endpoint": gcs.url,
        "PATH": f"{az_cli(workdir.parent / 'bin')}{os.pathsep}{os.environ.get('PATH', '')}",
        "AZUREML_DEV_URL_MFE": azure.server.url,
        "REQUESTS_CA_BUNDLE": str(azure.server.cert),
    }
    if azure.storage_url:
        env["MLINFRA_VAR_azure_storage_url"] = azure.storage_url
    return cli_run.mlinfra(workdir, env, *args)


@pytest.fixture()
def example(gcs_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copy_example: Any) -> Path:
    for var in AZURE_ENV:
        monkeypatch.delenv(var, raising=False)
    gcs_server.reset()
    gcs_server.create_bucket("iris-ml-staging")
    work = tmp_path / "multi-cloud"
    copy_example("multi-cloud", work)
    main = work / "main.hcl"
    main.write_text(main.read_text()
                    .replace('  region           = var.gcp_region\n', '  region           = var.gcp_region\n  poll_interval    = 0.02\n')
                    .replace('  use_cli         = true\n', '  use_cli         = true\n  poll_interval   = 0.01\n'))
    return work


def test_one_configuration_plans_the_same_model_on_local_aws_gcp_and_azure(
    example: Path, vertex: VertexFake, gcs_server: Any, moto_url: str, azure: Azure
) -> None:
    out = mlinfra(example, vertex, gcs_server, moto_url, azure, "plan")
    for line in (
        "# model.local will be created",
        "# model.aws will be created",
        "# model.gcp will be created",
        "# model.azure will be created",
        "# endpoint.local will be created",
        "# endpoint.aws will be created",
        "# endpoint.gcp will be created",
        "# endpoint.azure will be created",
        '"aws"   = "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/iris/invocations"',
        f'"gcp"   = "{vertex.url}/v1/projects/iris-ml/locations/europe-west4/endpoints/iris:predict"',
        "Plan: 10 to add, 0 to change, 0 to destroy.",
    ):
        assert line in out, f"{line!r} not in plan:\n{out}"
    assert vertex.requests == []  # planning creates nothing and needs no Vertex AI call
    assert not [c for c in azure.fake.calls if c[0] != "GET"]  # nor any Azure ML change


def test_the_locally_trained_model_is_served_from_vertex_ai(
    example: Path, vertex: VertexFake, gcs_server: Any, moto_url: str, azure: Azure
) -> None:
    out = mlinfra(example, vertex, gcs_server, moto_url, azure, "apply", "--auto-approve", "-target=endpoint.gcp")
    assert "Apply complete! Resources: 4 added" in out
    upload = next(r for r in vertex.requests if r.action == "UploadModel").body
    assert upload["model"]["artifactUri"].startswith("gs://iris-ml-staging/mlinfra/models/")
    assert upload["model"]["containerSpec"]["imageUri"] == "europe-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-5:latest"
    staged = [n for n in gcs_server.buckets["iris-ml-staging"] if n.startswith("mlinfra/models/")]
    assert len(staged) == 1
    ep = vertex.endpoints.get("projects/555555555555/locations/europe-west4/endpoints/iris")
    assert [dm["displayName"] for dm in ep["deployedModels"]] == ["main"]
    assert list(ep["trafficSplit"].values()) == [100]
    mlinfra(example, vertex, gcs_server, moto_url, azure, "destroy", "--auto-approve")


def test_the_locally_trained_model_is_served_from_azure_ml(
    example: Path, vertex: VertexFake, gcs_server: Any, moto_url: str, datastore: Azure
) -> None:
    azure, fake = datastore, datastore.fake
    out = mlinfra(example, vertex, gcs_server, moto_url, azure, "apply", "--auto-approve", "-target=endpoint.azure")
    assert "Apply complete! Resources: 4 added" in out
    model = fake.get("models/iris/versions/1")
    assert model is not None and model["properties"]["modelType"] == "custom_model"
    assert "/mlinfra/models/" in model["properties"]["modelUri"]  # uploaded to the default datastore
    props = fake.get("onlineEndpoints/iris")["properties"]  # type: ignore[index]
    assert [k.split("-")[0] for k in props["traffic"]] == ["main"] and list(props["traffic"].values()) == [100]
    deployment = fake.get(f"onlineEndpoints/iris/deployments/{next(iter(props['traffic']))}")["properties"]  # type: ignore[index]
    assert deployment["codeConfiguration"]["scoringScript"] == "score.py"
    assert "sklearn-1.5" in deployment["environmentId"]
    assert "No changes." in mlinfra(example, vertex, gcs_server, moto_url, azure, "plan", "-target=endpoint.azure")
    mlinfra(example, vertex, gcs_server, moto_url, azure, "destroy", "--auto-approve")
    assert fake.get("onlineEndpoints/iris") is None
