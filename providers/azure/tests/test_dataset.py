"""The dataset kind: data asset versions whose digest comes from the blob MD5s in
Azurite; new content under the same URI plans as a new version; import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from azure_driver import Driver, put_blob
from azureml_fake import AzureMLFake

ADDR = "dataset.train"


def test_a_blob_becomes_a_uri_file_data_asset_version(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "data/train.csv", b"a,b\n1,2\n")
    attrs = blob_driver.create("dataset", ADDR, {"source": uri, "format": "csv"})

    assert attrs["id"] == "azureml:train:1" and attrs["uri"] == uri and attrs["digest"]
    live = fake.get("data/train/versions/1")
    assert live is not None and live["properties"]["dataType"] == "uri_file"
    assert blob_driver.plan("dataset", ADDR, blob_driver.read("dataset", ADDR, attrs), {"source": uri, "format": "csv"}).planned == attrs


def test_new_data_under_the_same_uri_registers_the_next_version(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "data/train.csv", b"a,b\n1,2\n")
    attrs = blob_driver.create("dataset", ADDR, {"source": uri})
    put_blob(azurite, fake, "data/train.csv", b"a,b\n1,2\n3,4\n")

    plan, after = blob_driver.change("dataset", ADDR, attrs, {"source": uri})

    assert plan.reason and "new data" in plan.reason
    assert after["id"] == "azureml:train:2" and after["digest"] != attrs["digest"]


def test_a_folder_is_a_uri_folder_whose_digest_covers_every_blob(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    put_blob(azurite, fake, "data/parts/a.csv", b"1")
    uri = put_blob(azurite, fake, "data/parts/b.csv", b"2").rsplit("/", 1)[0] + "/"
    attrs = blob_driver.create("dataset", ADDR, {"source": uri})
    assert fake.get("data/train/versions/1")["properties"]["dataType"] == "uri_folder"  # type: ignore[index]
    put_blob(azurite, fake, "data/parts/c.csv", b"3")
    assert blob_driver.plan("dataset", ADDR, attrs, {"source": uri}).planned["digest"] != attrs["digest"]


def test_a_local_file_is_uploaded_then_registered(blob_driver: Driver, fake: AzureMLFake, tmp_path: Path) -> None:
    (tmp_path / "train.csv").write_text("a,b\n1,2\n")
    attrs = blob_driver.create("dataset", ADDR, {"source": "train.csv"})
    assert attrs["uri"].startswith("azureml://datastores/workspaceblobstore/paths/mlinfra/data/")


def test_missing_data_is_a_plan_error(blob_driver: Driver, fake: AzureMLFake) -> None:
    import pytest

    from mlinfra.conformance.driver import ApplyFailed

    with pytest.raises(ApplyFailed, match="No data at"):
        blob_driver.plan("dataset", ADDR, None, {"source": "azureml://datastores/workspaceblobstore/paths/nothing.csv"})


def test_import_of_a_data_asset_version(blob_driver: Driver, fake: AzureMLFake, azurite: Any) -> None:
    uri = put_blob(azurite, fake, "data/train.csv", b"x")
    blob_driver.create("dataset", "dataset.elsewhere", {"source": uri, "azure": {"name": "train"}})
    attrs = blob_driver.read("dataset", ADDR, {}, id="azureml:train:1")
    assert attrs is not None and attrs["source"] == uri and attrs["digest"]
