"""``python -m mlinfra`` on the vertex-endpoint example in a subprocess, against the
Vertex AI and Cloud Storage fakes: the plan reads right, apply creates and waits, a
second plan is empty, a weight change is one traffic PATCH, a new champion artifact is a
new model version rolled out in canary steps, destroy cleans up, and a missing project
is one clear error without a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_run
import pytest
from gcp_driver import deployed_variants, start_vertex
from vertexfake import VertexFake

OBJECTS = ("models/champion/model.joblib",)
LIVE = "projects/987654321098/locations/us-central1/endpoints/churn"

pytestmark = pytest.mark.cli


@pytest.fixture()
def vertex(gcs_server: Any) -> Iterator[VertexFake]:
    f = start_vertex(gcs_server, {"churn-ml": "987654321098"})
    yield f
    f.stop()


@pytest.fixture()
def example(gcs_server: object, tmp_path: Path, copy_example: Any) -> Path:
    """A copy of the example, with its buckets and objects in the Cloud Storage fake."""
    gcs = gcs_server
    gcs.reset()  # type: ignore[attr-defined]
    for bucket in ("churn-ml-data", "churn-ml-staging"):
        gcs.create_bucket(bucket)  # type: ignore[attr-defined]
    for key in OBJECTS:
        gcs.insert("churn-ml-data", key, key.encode(), "application/octet-stream", {})  # type: ignore[attr-defined]
    gcs.insert("churn-ml-data", "churn/train.csv", churn_csv(), "text/csv", {})  # type: ignore[attr-defined]
    work = tmp_path / "example"
    copy_example("vertex-endpoint", work)
    main = work / "main.hcl"
    text = main.read_text().replace('interval = "5m"', 'interval = "0s"')
    main.write_text(text.replace("  region           = var.region\n", "  region           = var.region\n  poll_interval    = 0.02\n"))
    return work


def churn_csv(rows: int = 200) -> bytes:
    """Customers who churn when their tenure is short and their bill high: learnable."""
    lines = ["tenure,monthly,churned"]
    for i in range(rows):
        tenure, monthly = (i * 7) % 60, 20 + (i * 13) % 80
        lines.append(f"{tenure},{monthly},{int(tenure < 20 and monthly > 50)}")
    return ("\n".join(lines) + "\n").encode()


def mlinfra(workdir: Path, vertex: VertexFake, gcs: object, *args: str, expect: int = 0) -> str:
    # The fakes, through the example's own variables.
    env = {
        "MLINFRA_VAR_api_endpoint": vertex.url,
        "MLINFRA_VAR_storage_endpoint": gcs.url,  # type: ignore[attr-defined]
        "MLINFRA_VAR_credentials": "anonymous",
    }
    return cli_run.mlinfra(workdir, env, *args, expect=expect)


def variants(vertex: VertexFake) -> dict[str, tuple[str, int]]:
    return deployed_variants(vertex, LIVE)


def test_the_example_plans_against_the_fakes_and_the_plan_reads_right(example: Path, vertex: VertexFake, gcs_server: object) -> None:
    out = mlinfra(example, vertex, gcs_server, "plan")
    for line in (
        "# dataset.churn will be created",
        "# model.champion will be created",
        "# endpoint.churn will be created",
        'variant "champion" {',
        'strategy = "canary"',
        "# pipeline.challenger will be created",
        'uri       = "projects/churn-ml/locations/us-central1/models/churn-challenger"',
        "Plan: 5 to add, 0 to change, 0 to destroy.",
    ):
        assert line in out, f"{line!r} not in plan:\n{out}"
    assert "Error" not in out


def test_apply_then_no_changes_then_a_weight_change_then_a_new_version_then_destroy(
    example: Path, vertex: VertexFake, gcs_server: object
) -> None:
    out = mlinfra(example, vertex, gcs_server, "apply", "--auto-approve")
    assert "Apply complete! Resources: 5 added, 0 changed, 0 destroyed." in out
    assert "challenger_accuracy = " in out
    assert variants(vertex) == {"champion": ("champion@1", 90), "challenger": ("churn-challenger@1", 10)}

    assert "No changes." in mlinfra(example, vertex, gcs_server, "plan", "--detailed-exitcode")

    vertex.requests.clear()
    out = mlinfra(example, vertex, gcs_server, "apply", "--auto-approve", "--var", "challenger_share=50")
    assert "1 changed" in out
    assert [a for a in vertex.actions() if not a.startswith(("Get", "List"))] == ["UpdateEndpoint"]
    assert variants(vertex) == {"champion": ("champion@1", 50), "challenger": ("churn-challenger@1", 50)}

    gcs_server.insert("churn-ml-data", "models/champion/model.joblib", b"retrained", "application/octet-stream", {})  # type: ignore[attr-defined]
    plan = mlinfra(example, vertex, gcs_server, "plan", "--var", "challenger_share=50")
    assert "# model.champion will be updated in-place" in plan and "# endpoint.churn will be updated in-place" in plan
    vertex.requests.clear()
    out = mlinfra(example, vertex, gcs_server, "apply", "--auto-approve", "--var", "challenger_share=50")
    assert "Apply complete!" in out
    assert variants(vertex) == {"champion": ("champion@2", 50), "challenger": ("churn-challenger@1", 50)}
    steps = [r.body["trafficSplit"] for r in vertex.requests if r.action == "UpdateEndpoint"]
    assert len(steps) == 2, steps  # the canary step, then the rest
    assert vertex.actions().count("UndeployModel") == 1

    out = mlinfra(example, vertex, gcs_server, "destroy", "--auto-approve")
    assert "Destroy complete!" in out
    assert vertex.endpoints.endpoints == {} and vertex.models.models == {} and vertex.pipelines.jobs == {}


def test_a_failed_deployment_is_reported_with_the_services_reason(example: Path, vertex: VertexFake, gcs_server: object) -> None:
    vertex.endpoints.failing_images.add("us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-5:latest")
    out = mlinfra(example, vertex, gcs_server, "apply", "--auto-approve", expect=1)
    assert "Model server never became ready" in out and 'in endpoint "churn"' in out
    assert "Traceback" not in out
    assert vertex.endpoints.endpoints == {}


def test_a_missing_project_is_one_clear_error_without_a_traceback(example: Path, vertex: VertexFake, gcs_server: object) -> None:
    main = example / "main.hcl"
    main.write_text(main.read_text().replace("  project          = var.project\n", ""))
    out = mlinfra(example, vertex, gcs_server, "plan", expect=1)
    assert "No Google Cloud project is set" in out and 'provider "gcp"' in out and "Traceback" not in out


def test_drift_shows_in_the_plan_an_import_converges_and_a_removed_variant_is_drained_first(
    example: Path, vertex: VertexFake, gcs_server: object
) -> None:
    mlinfra(example, vertex, gcs_server, "apply", "--auto-approve")
    ids = {dm["displayName"]: dm["id"] for dm in vertex.endpoints.get(LIVE)["deployedModels"]}
    vertex.endpoints.console_set_traffic(LIVE, {ids["champion"]: 50, ids["challenger"]: 50})

    plan = mlinfra(example, vertex, gcs_server, "plan")
    assert "Objects have changed outside of mlinfra" in plan and "# endpoint.churn will be updated in-place" in plan
    mlinfra(example, vertex, gcs_server, "apply", "--auto-approve")
    assert variants(vertex) == {"champion": ("champion@1", 90), "challenger": ("churn-challenger@1", 10)}

    # Import: the endpoint as it is, by its resource name; the next apply redeploys nothing.
    mlinfra(example, vertex, gcs_server, "state", "rm", "endpoint.churn")
    mlinfra(example, vertex, gcs_server, "import", "endpoint.churn", "projects/churn-ml/locations/us-central1/endpoints/churn")
    plan = mlinfra(example, vertex, gcs_server, "plan")
    assert "must be replaced" not in plan and "will be created" not in plan
    vertex.requests.clear()
    mlinfra(example, vertex, gcs_server, "apply", "--auto-approve")
    assert not {"DeployModel", "UndeployModel", "CreateEndpoint", "DeleteEndpoint"} & set(vertex.actions())

    main = example / "main.hcl"
    text = main.read_text()
    start = text.index('  variant "challenger" {')
    main.write_text(text[:start] + text[text.index("}\n", start) + 2 :])
    vertex.requests.clear()
    mlinfra(example, vertex, gcs_server, "apply", "--auto-approve")
    mutating = [r.action for r in vertex.requests if r.action in ("UpdateEndpoint", "UndeployModel")]
    assert mutating == ["UpdateEndpoint", "UndeployModel"]
    assert variants(vertex) == {"champion": ("champion@1", 100)}


def test_data_sources_read_cloud_storage_and_say_what_they_do_not_read_yet(example: Path, vertex: VertexFake, gcs_server: object) -> None:
    main = example / "main.hcl"
    lines = main.read_text().count("\n")
    main.write_text(main.read_text() + 'data "dataset" "train" {\n  source = "gs://churn-ml-data/churn/"\n}\n'
                    'output "train_digest" { value = data.dataset.train.digest }\n')  # fmt: skip
    out = mlinfra(example, vertex, gcs_server, "plan")
    assert re.search(r'\+ train_digest += "[0-9a-f]{64}"', out), out
    main.write_text(main.read_text() + 'data "model" "champion" {\n  name = "churn"\n}\n')
    out = mlinfra(example, vertex, gcs_server, "plan", expect=1)
    assert "The gcp provider does not read model data sources yet; it reads dataset, endpoint." in out, out
    assert f'on main.hcl line {lines + 5}, in data "model" "champion"' in out and "Traceback" not in out
