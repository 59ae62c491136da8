"""The dataset kind: a Cloud Storage object or prefix whose digest comes from the objects'
checksums, so new data under the same name plans as a change; import by URI."""

from __future__ import annotations

import pytest
from gcp_driver import Driver

from mlinfra.conformance.driver import ApplyFailed, full
from mlinfra.providers.protocol import ValidateRequest
from mlinfra.values import changed_paths

ADDR = "dataset.churn"


def test_an_object_is_read_with_a_digest_and_a_version(driver: Driver) -> None:
    driver.put("gs://data/churn/train.csv", b"a,b\n1,2\n")
    attrs = driver.create("dataset", ADDR, {"source": "gs://data/churn/train.csv"})
    assert attrs["id"] == attrs["uri"] == "gs://data/churn/train.csv"
    assert len(attrs["digest"]) == 64 and attrs["version"] == attrs["digest"][:12]
    read = driver.read("dataset", ADDR, attrs)
    assert read is not None
    assert not list(changed_paths(read, driver.plan("dataset", ADDR, read, {"source": "gs://data/churn/train.csv"}).planned))


def test_new_data_under_the_same_name_is_a_change(driver: Driver) -> None:
    driver.put("gs://data/churn/train.csv", b"a,b\n1,2\n")
    attrs = driver.create("dataset", ADDR, {"source": "gs://data/churn/train.csv"})
    driver.put("gs://data/churn/train.csv", b"a,b\n1,2\n3,4\n")
    plan = driver.plan("dataset", ADDR, attrs, {"source": "gs://data/churn/train.csv"})
    assert plan.reason == "new data under the same URI" and plan.planned["digest"] != attrs["digest"]


def test_a_prefix_digest_covers_every_object_under_it(driver: Driver) -> None:
    driver.put("gs://data/shards/part-0.csv", b"a\n1\n")
    driver.put("gs://data/shards/part-1.csv", b"a\n2\n")
    first = driver.create("dataset", ADDR, {"source": "gs://data/shards/"})["digest"]
    driver.put("gs://data/shards/part-2.csv", b"a\n3\n")
    assert driver.plan("dataset", ADDR, None, {"source": "gs://data/shards/"}).planned["digest"] != first


def test_missing_data_is_a_plan_error_and_reads_as_gone(driver: Driver) -> None:
    with pytest.raises(ApplyFailed, match="No data at gs://data/none.csv"):
        driver.plan("dataset", ADDR, None, {"source": "gs://data/none.csv"})
    assert driver.read("dataset", ADDR, {"source": "gs://data/none.csv", "digest": "x"}, id="gs://data/none.csv") is None


def test_a_dataset_imports_by_uri(driver: Driver) -> None:
    driver.put("gs://data/churn/train.csv", b"a,b\n1,2\n")
    imported = driver.import_("dataset", ADDR, "gs://data/churn/train.csv")
    assert imported is not None and imported["source"] == "gs://data/churn/train.csv" and imported["digest"]


def test_a_source_that_is_not_in_cloud_storage_is_a_located_error(driver: Driver) -> None:
    diags = driver.provider.validate(ValidateRequest("dataset", ADDR, full("dataset", {"source": "s3://b/k"}))).diagnostics.items
    assert diags and diags[0].address == ADDR and "gs://" in diags[0].detail
