"""The model kind: models:upload with an artifact folder and a serving container, new
artifact content as a new version under the same parent model, local artifacts staged in
Cloud Storage by digest, labels that Vertex AI accepts, and destroy."""

from __future__ import annotations

from pathlib import Path

import pytest
from gcp_driver import IMAGE, PARENT, Driver

from mlinfra.conformance.driver import ApplyFailed, full
from mlinfra.providers.protocol import ValidateRequest
from mlinfra.values import UNKNOWN, changed_paths

ADDR = "model.churn"
SKLEARN_IMAGE = "us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-5:latest"


def uploads(driver: Driver) -> list[dict[str, object]]:
    return [r.body for r in driver.fake.requests if r.action == "UploadModel"]


def test_create_uploads_the_artifact_folder_with_the_prebuilt_sklearn_container(driver: Driver) -> None:
    driver.put("gs://data/churn/v1/model.joblib", b"weights-1")
    plan = driver.plan("model", ADDR, None, {"artifact": "gs://data/churn/v1/model.joblib", "framework": "sklearn"})
    assert plan.planned["id"] is UNKNOWN and plan.planned["uri"] == f"{PARENT}/models/churn"

    attrs = driver.create("model", ADDR, {"artifact": "gs://data/churn/v1/model.joblib", "framework": "sklearn"})

    assert attrs["id"] == f"{PARENT}/models/churn@1" and attrs["version"] == 1
    body = uploads(driver)[0]
    assert body["modelId"] == "churn"
    assert body["model"]["artifactUri"] == "gs://data/churn/v1/"
    assert body["model"]["containerSpec"]["imageUri"] == SKLEARN_IMAGE
    labels = body["model"]["labels"]
    assert labels["managed-by"] == "mlinfra" and labels["mlinfra-address"] == "model_2echurn" and labels["team"] == "ml"


def test_new_artifact_content_uploads_a_new_version_under_the_same_parent(driver: Driver) -> None:
    driver.put("gs://data/churn/model.joblib", b"weights-1")
    args = {"artifact": "gs://data/churn/model.joblib", "image": IMAGE}
    attrs = driver.create("model", ADDR, args)
    read = driver.read("model", ADDR, attrs)
    assert read is not None and not list(changed_paths(attrs, driver.plan("model", ADDR, read, args).planned))

    driver.put("gs://data/churn/model.joblib", b"weights-2")
    plan, attrs2 = driver.change("model", ADDR, read, args)

    assert not plan.requires_replace and plan.planned["id"] is UNKNOWN
    assert plan.reason == "artifact content changed: a new model version"
    assert attrs2["id"] == f"{PARENT}/models/churn@2" and attrs2["uri"] == attrs["uri"]
    assert uploads(driver)[-1]["parentModel"] == f"{PARENT}/models/churn"
    versions = driver.models.list_model_versions(name=f"{PARENT}/models/churn")
    assert sorted(v.version_id for v in versions) == ["1", "2"]


def test_a_label_change_keeps_the_version(driver: Driver) -> None:
    driver.put("gs://data/churn/model.joblib", b"weights-1")
    args = {"artifact": "gs://data/churn/model.joblib", "image": IMAGE}
    attrs = driver.create("model", ADDR, args)
    plan, attrs2 = driver.change("model", ADDR, attrs, {**args, "tags": {"stage": "prod"}})
    assert plan.planned["id"] == attrs["id"] and attrs2["id"] == attrs["id"]
    assert driver.models.get_model(name=attrs["id"]).labels["stage"] == "prod"
    assert len(uploads(driver)) == 1


def test_a_local_artifact_is_staged_in_cloud_storage_by_digest(driver: Driver, tmp_path: Path) -> None:
    (tmp_path / "model.joblib").write_bytes(b"local weights")
    attrs = driver.create("model", ADDR, {"artifact": "model.joblib", "framework": "sklearn"})
    uri = uploads(driver)[0]["model"]["artifactUri"]
    assert isinstance(uri, str) and uri.startswith("gs://mlinfra-staging/mlinfra/models/") and uri.endswith("/")
    staged = [n for n in driver.gcs.buckets["mlinfra-staging"] if n.endswith("/model.joblib")]
    assert len(staged) == 1 and attrs["digest"]


def test_a_model_with_traffic_cannot_be_deleted_until_undeployed(driver: Driver) -> None:
    driver.put("gs://data/churn/model.joblib", b"weights-1")
    attrs = driver.create("model", ADDR, {"artifact": "gs://data/churn/model.joblib", "image": IMAGE})
    ep = driver.create("endpoint", "endpoint.churn", {"variant": {"main": {"model": attrs["id"]}}})
    with pytest.raises(ApplyFailed, match="is deployed or being deployed"):
        driver.delete("model", ADDR, attrs)
    driver.delete("endpoint", "endpoint.churn", ep)
    driver.delete("model", ADDR, attrs)
    assert driver.read("model", ADDR, attrs) is None


def test_tags_that_vertex_refuses_are_located_validation_errors(driver: Driver) -> None:
    cfg = full("model", {"artifact": "gs://data/m", "image": IMAGE, "tags": {"Owner": "Data Team"}})
    diags = driver.provider.validate(ValidateRequest("model", ADDR, cfg)).diagnostics.items
    assert diags and all(d.address == ADDR for d in diags)
    assert any('"Owner"' in d.detail for d in diags)


def test_a_model_without_image_or_known_framework_is_a_validation_error(driver: Driver) -> None:
    cfg = full("model", {"artifact": "gs://data/m", "framework": "caffe"})
    diags = driver.provider.validate(ValidateRequest("model", ADDR, cfg)).diagnostics.items
    assert diags and "sklearn" in diags[0].detail


def test_an_artifact_that_is_not_there_is_a_plan_error_naming_it(driver: Driver) -> None:
    with pytest.raises(ApplyFailed, match="No data at gs://data/nothing/"):
        driver.plan("model", ADDR, None, {"artifact": "gs://data/nothing/", "image": IMAGE})


def test_the_registry_stage_is_a_version_alias_that_moves_to_the_newest_version(driver: Driver) -> None:
    driver.put("gs://data/churn/model.joblib", b"weights-1")
    args = {"artifact": "gs://data/churn/model.joblib", "image": IMAGE, "registry": {"group": "churn-models", "stage": "Staging"}}
    attrs = driver.create("model", ADDR, args)
    assert attrs["uri"] == f"{PARENT}/models/churn-models"
    assert list(driver.models.get_model(name=attrs["id"]).version_aliases) == ["default", "staging"]

    plan, attrs = driver.change("model", ADDR, attrs, {**args, "registry": {"group": "churn-models", "stage": "Production"}})
    assert plan.planned["id"] == attrs["id"] and attrs["version"] == 1
    assert list(driver.models.get_model(name=attrs["id"]).version_aliases) == ["default", "production"]

    driver.put("gs://data/churn/model.joblib", b"weights-2")
    _, attrs2 = driver.change("model", ADDR, attrs, {**args, "registry": {"group": "churn-models", "stage": "Production"}})
    assert attrs2["version"] == 2
    assert list(driver.models.get_model(name=attrs2["id"]).version_aliases) == ["default", "production"]
    assert list(driver.models.get_model(name=attrs["id"]).version_aliases) == []
    assert driver.models.get_model(name=f"{PARENT}/models/churn-models@production").version_id == "2"


def test_a_stage_alias_moved_in_the_console_shows_as_drift(driver: Driver) -> None:
    driver.put("gs://data/churn/model.joblib", b"weights-1")
    args = {"artifact": "gs://data/churn/model.joblib", "image": IMAGE, "registry": {"group": "churn", "stage": "Production"}}
    attrs = driver.create("model", ADDR, args)
    driver.models.merge_version_aliases(name=attrs["id"], version_aliases=["-production"])
    read = driver.read("model", ADDR, attrs)
    assert read is not None and read["registry"]["stage"] is None
    driver.change("model", ADDR, read, args)
    assert "production" in driver.models.get_model(name=attrs["id"]).version_aliases
