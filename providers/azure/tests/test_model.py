"""The model kind: model asset versions, a new version when the artifact's content
changes (local artifacts uploaded to the default datastore in Azurite), the stage as a
tag, versions kept on destroy unless asked otherwise, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from azure_driver import Driver, put_blob
from azureml_fake import AzureMLFake

ADDR = "model.iris"


def versions(fake: AzureMLFake, name: str = "iris") -> list[str]:
    return sorted(o["name"] for k, o in fake.objects.items() if f"/models/{name}/versions/" in k)


def test_a_datastore_artifact_registers_version_1_with_its_digest(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "models/iris/model.pkl", b"weights-1")
    attrs = blob_driver.create("model", ADDR, {"artifact": uri, "framework": "sklearn", "registry": {"group": "iris", "stage": "Staging"}})

    assert attrs["id"] == "azureml:iris:1" and attrs["version"] == "1"
    assert attrs["uri"].endswith("/models/iris/versions/1")
    live = fake.get("models/iris/versions/1")
    assert live is not None and live["properties"]["tags"]["stage"] == "Staging"
    assert live["properties"]["tags"]["mlinfra-digest"] == attrs["digest"]
    read = blob_driver.read("model", ADDR, attrs)
    assert read == attrs
    assert blob_driver.plan("model", ADDR, read, {"artifact": uri, "framework": "sklearn", "registry": {"group": "iris", "stage": "Staging"}}).planned == attrs


def test_new_content_under_the_same_uri_plans_a_new_version(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "models/iris/model.pkl", b"weights-1")
    cfg = {"artifact": uri, "framework": "sklearn"}
    attrs = blob_driver.create("model", ADDR, cfg)
    put_blob(azurite, fake, "models/iris/model.pkl", b"weights-2")

    plan, after = blob_driver.change("model", ADDR, attrs, cfg)

    assert plan.requires_replace == [("artifact",)] and plan.reason and "content changed" in plan.reason
    assert after["id"] == "azureml:iris:2"
    assert versions(fake) == ["1", "2"]  # the old version is kept


def test_a_local_artifact_is_uploaded_to_the_datastore_then_registered(blob_driver: Driver, fake: AzureMLFake, tmp_path: Path) -> None:
    (tmp_path / "model.joblib").write_bytes(b"local-weights")
    attrs = blob_driver.create("model", ADDR, {"artifact": "model.joblib"})

    live = fake.get("models/iris/versions/1")
    assert live is not None and "mlinfra/models/" in live["properties"]["modelUri"]
    assert attrs["digest"] and blob_driver.read("model", ADDR, attrs) == attrs


def test_a_stage_change_is_an_update_in_place(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "models/iris/model.pkl", b"w")
    attrs = blob_driver.create("model", ADDR, {"artifact": uri, "registry": {"group": "iris", "stage": "Staging"}})

    plan, after = blob_driver.change("model", ADDR, attrs, {"artifact": uri, "registry": {"group": "iris", "stage": "Production"}})

    assert not plan.requires_replace and after["id"] == attrs["id"]
    assert fake.get("models/iris/versions/1")["properties"]["tags"]["stage"] == "Production"  # type: ignore[index]


def test_destroy_keeps_the_version_unless_asked_then_archives_it(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "models/iris/model.pkl", b"w")
    kept = blob_driver.create("model", ADDR, {"artifact": uri})
    blob_driver.delete("model", ADDR, kept)
    assert blob_driver.read("model", ADDR, kept) is not None

    gone = blob_driver.create("model", "model.other", {"artifact": uri, "azure": {"keep_versions": False}})
    blob_driver.delete("model", "model.other", gone)
    assert blob_driver.read("model", "model.other", gone) is None


def test_an_interrupted_create_adopts_the_version_it_registered(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "models/iris/model.pkl", b"w")
    first = blob_driver.create("model", ADDR, {"artifact": uri})
    again = blob_driver.create("model", ADDR, {"artifact": uri})
    assert again["id"] == first["id"] and versions(fake) == ["1"]


def test_import_reads_a_version_registered_outside(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "models/other/model.pkl", b"w")
    ref = fake.seed_model("other", "4", uri)
    attrs = blob_driver.read("model", "model.other", {}, id=ref)
    assert attrs is not None and attrs["id"] == "azureml:other:4" and attrs["artifact"] == uri and attrs["digest"]
