"""examples/multi-cloud: one model, trained once locally, deployed to local, AWS and GCP
from one configuration. The whole example plans against the test doubles (moto for AWS,
the Vertex AI and Cloud Storage fakes for GCP), and the GCP part applies: the local
pipeline's artifact is staged in Cloud Storage and served from a Vertex AI endpoint."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_run
import pytest
from gcp_driver import start_vertex
from vertexfake import VertexFake

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "multi-cloud"

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


def mlinfra(workdir: Path, vertex: VertexFake, gcs: Any, moto: str, *args: str) -> str:
    env = {
        "AWS_ENDPOINT_URL": moto,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(workdir / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(workdir / "no-aws-credentials"),
        "MLINFRA_VAR_gcp_credentials": "anonymous",
        "MLINFRA_VAR_gcp_api_endpoint": vertex.url,
        "MLINFRA_VAR_gcp_storage_endpoint": gcs.url,
    }
    return cli_run.mlinfra(workdir, env, *args)


@pytest.fixture()
def example(gcs_server: Any, tmp_path: Path) -> Path:
    gcs_server.reset()
    gcs_server.create_bucket("iris-ml-staging")
    work = tmp_path / "multi-cloud"
    shutil.copytree(EXAMPLE, work)
    main = work / "main.hcl"
    main.write_text(main.read_text().replace('  region           = var.gcp_region\n', '  region           = var.gcp_region\n  poll_interval    = 0.02\n'))
    return work


def test_one_configuration_plans_the_same_model_on_local_aws_and_gcp(
    example: Path, vertex: VertexFake, gcs_server: Any, moto_url: str
) -> None:
    out = mlinfra(example, vertex, gcs_server, moto_url, "plan")
    for line in (
        "# model.local will be created",
        "# model.aws will be created",
        "# model.gcp will be created",
        "# endpoint.local will be created",
        "# endpoint.aws will be created",
        "# endpoint.gcp will be created",
        '"aws"   = "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/iris/invocations"',
        f'"gcp"   = "{vertex.url}/v1/projects/iris-ml/locations/europe-west4/endpoints/iris:predict"',
        "Plan: 8 to add, 0 to change, 0 to destroy.",
    ):
        assert line in out, f"{line!r} not in plan:\n{out}"
    assert vertex.requests == []  # planning creates nothing and needs no Vertex AI call


def test_the_locally_trained_model_is_served_from_vertex_ai(example: Path, vertex: VertexFake, gcs_server: Any, moto_url: str) -> None:
    out = mlinfra(example, vertex, gcs_server, moto_url, "apply", "--auto-approve", "-target=endpoint.gcp")
    assert "Apply complete! Resources: 4 added" in out
    upload = next(r for r in vertex.requests if r.action == "UploadModel").body
    assert upload["model"]["artifactUri"].startswith("gs://iris-ml-staging/mlinfra/models/")
    assert upload["model"]["containerSpec"]["imageUri"] == "europe-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-5:latest"
    staged = [n for n in gcs_server.buckets["iris-ml-staging"] if n.startswith("mlinfra/models/")]
    assert len(staged) == 1
    ep = vertex.endpoints.get("projects/555555555555/locations/europe-west4/endpoints/iris")
    assert [dm["displayName"] for dm in ep["deployedModels"]] == ["main"]
    assert list(ep["trafficSplit"].values()) == [100]
    mlinfra(example, vertex, gcs_server, moto_url, "destroy", "--auto-approve")
