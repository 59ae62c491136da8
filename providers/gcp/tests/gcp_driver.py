"""A stand-in for the engine in the gcp provider tests: configure, plan, apply and read
through the provider protocol, with the portable defaults filled in as the engine fills
them, plus the real aiplatform_v1 clients on the same fake to look behind the provider;
``start_vertex`` starts a fake whose pipeline steps run on this machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gcsfake import GcsFake
from google.auth.credentials import AnonymousCredentials
from google.cloud import aiplatform_v1
from localcontainer import LocalContainer
from mlinfra_provider_gcp import GcpProvider
from vertexfake import VertexFake

from mlinfra.conformance.driver import ProviderDriver
from mlinfra.providers.protocol import (
    ImportRequest,
    ReadRequest,
)

PROJECT = "proj"
REGION = "us-central1"
PARENT = f"projects/{PROJECT}/locations/{REGION}"
IMAGE = "us-docker.pkg.dev/proj/serving/churn:1"


def provider_config(url: str, **over: Any) -> dict[str, Any]:
    return {
        "project": PROJECT,
        "region": REGION,
        "credentials": "anonymous",
        "api_endpoint": url,
        "poll_interval": 0.01,
        "retry_timeout": 5,
        "wait_timeout": 20,
        "labels": {"team": "ml"},
        **over,
    }


def deployed_variants(fake: VertexFake, endpoint: str) -> dict[str, tuple[str, int]]:
    """variant -> (model@version, percent of traffic) as the service has them deployed."""
    ep = fake.endpoints.get(endpoint)
    split = ep.get("trafficSplit", {})
    return {
        dm["displayName"]: (f"{dm['model'].rsplit('/', 1)[1]}@{dm['modelVersionId']}", split.get(dm["id"], 0))
        for dm in ep.get("deployedModels", [])
    }


class Driver(ProviderDriver):
    def __init__(self, fake: VertexFake, workdir: Path, gcs: Any, **over: Any) -> None:
        self.fake = fake
        self.gcs = gcs
        over = {"storage_endpoint": gcs.url, "staging_bucket": "gs://mlinfra-staging", **over}
        super().__init__(GcpProvider(), provider_config(fake.url, **over), workdir)
        options = {"api_endpoint": fake.url}
        self.models = aiplatform_v1.ModelServiceClient(transport="rest", credentials=AnonymousCredentials(), client_options=options)
        self.endpoints = aiplatform_v1.EndpointServiceClient(transport="rest", credentials=AnonymousCredentials(), client_options=options)
        self.pipelines = aiplatform_v1.PipelineServiceClient(transport="rest", credentials=AnonymousCredentials(), client_options=options)

    def upload_model(self, model_id: str, image: str = IMAGE, parent_model: bool = False) -> str:
        """A model version made behind the provider's back; its versioned name."""
        model = aiplatform_v1.Model(display_name=model_id, artifact_uri=f"gs://data/{model_id}/", container_spec={"image_uri": image})
        req: dict[str, Any] = {"parent": PARENT, "model": model}
        if parent_model:
            req["parent_model"] = f"{PARENT}/models/{model_id}"
        else:
            req["model_id"] = model_id
        op = self.models.upload_model(request=req)
        resp = op.result(timeout=10, polling=_fast())
        return f"{PARENT}/models/{model_id}@{resp.model_version_id}"

    def put(self, uri: str, body: bytes) -> None:
        bucket, _, key = uri[5:].partition("/")
        self.gcs.insert(bucket, key, body, "application/octet-stream", {})

    def endpoint(self, endpoint_id: str) -> dict[str, Any]:
        """The endpoint as the service holds it (its JSON)."""
        return self.fake.endpoints.get(f"projects/123456789012/locations/{REGION}/endpoints/{endpoint_id}")

    def variants(self, endpoint_id: str) -> dict[str, tuple[str, int]]:
        return deployed_variants(self.fake, f"projects/123456789012/locations/{REGION}/endpoints/{endpoint_id}")

    def read(self, kind: str, address: str, attrs: dict[str, Any], id: str | None = None) -> dict[str, Any] | None:
        rid = id if id is not None else attrs.get("id")
        resp = self.provider.read(ReadRequest(kind, address, rid, attrs))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        return resp.attributes

    def import_(self, kind: str, address: str, object_id: str) -> dict[str, Any] | None:
        resp = self.provider.import_resource(ImportRequest(kind, address, object_id))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        return resp.attributes


def _fast() -> Any:
    from google.api_core.future import polling

    return polling.DEFAULT_POLLING.with_delay(initial=0.01, maximum=0.01, multiplier=1)


def start_vertex(gcs: GcsFake, project_numbers: dict[str, str] | None = None) -> VertexFake:
    """A Vertex AI fake whose pipeline steps on the prebuilt scikit-learn training images
    (any region) or on python images run here, on the Cloud Storage fake."""
    f = VertexFake(project_numbers, gcs=gcs).start()
    runner = LocalContainer(gcs)
    for region in ("us", "europe", "asia"):
        f.pipelines.runners[f"{region}-docker.pkg.dev/vertex-ai/training/sklearn-cpu"] = runner
    f.pipelines.runners["python:"] = runner
    return f
