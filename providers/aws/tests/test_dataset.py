"""The dataset kind against moto: S3 objects and prefixes identified by content."""

from __future__ import annotations

import pytest
from aws_driver import Driver

from mlinfra.conformance.driver import ApplyFailed
from mlinfra.providers.protocol import ValidateRequest


def test_an_object_dataset_records_its_uri_and_a_content_digest(driver: Driver) -> None:
    driver.put("s3://data/iris.csv", b"a,b\n")
    attrs = driver.create("dataset", "dataset.iris", {"source": "s3://data/iris.csv", "format": "csv"})
    assert attrs["uri"] == attrs["id"] == "s3://data/iris.csv"
    assert len(attrs["digest"]) == 64 and attrs["version"]


def test_new_data_under_the_same_key_is_a_planned_change(driver: Driver) -> None:
    driver.put("s3://data/iris.csv", b"a,b\n")
    args = {"source": "s3://data/iris.csv"}
    attrs = driver.create("dataset", "dataset.iris", args)
    refreshed = driver.read("dataset", "dataset.iris", attrs)
    assert driver.plan("dataset", "dataset.iris", refreshed, args).planned == attrs

    driver.put("s3://data/iris.csv", b"a,b\n1,2\n")
    plan = driver.plan("dataset", "dataset.iris", refreshed, args)
    assert plan.planned["digest"] != attrs["digest"]
    assert plan.reason == "new data under the same URI"


def test_a_prefix_digest_changes_when_any_object_under_it_changes(driver: Driver) -> None:
    driver.put("s3://data/parts/1.csv", b"1")
    driver.put("s3://data/parts/2.csv", b"2")
    attrs = driver.create("dataset", "dataset.parts", {"source": "s3://data/parts/"})
    driver.put("s3://data/parts/3.csv", b"3")
    plan = driver.plan("dataset", "dataset.parts", attrs, {"source": "s3://data/parts/"})
    assert plan.planned["digest"] != attrs["digest"]


def test_a_missing_object_is_a_plan_error_naming_the_uri(driver: Driver) -> None:
    with pytest.raises(ApplyFailed) as err:
        driver.plan("dataset", "dataset.iris", None, {"source": "s3://data/missing.csv"})
    assert "s3://data/missing.csv" in err.value.diagnostics[0].summary


def test_a_deleted_object_reads_as_gone(driver: Driver) -> None:
    driver.put("s3://data/iris.csv", b"a")
    attrs = driver.create("dataset", "dataset.iris", {"source": "s3://data/iris.csv"})
    driver.s3.delete_object(Bucket="data", Key="iris.csv")
    assert driver.read("dataset", "dataset.iris", attrs) is None


def test_a_non_s3_source_is_a_validation_error(driver: Driver) -> None:
    resp = driver.provider.validate(ValidateRequest("dataset", "dataset.iris", {"source": "sklearn:iris"}))
    assert resp.diagnostics.has_errors
    assert "s3://" in resp.diagnostics.errors[0].detail
