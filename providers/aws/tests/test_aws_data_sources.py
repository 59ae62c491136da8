"""Data sources of the aws provider against moto: a model package group's newest
(approved) package, an existing endpoint's status and configuration, an S3 prefix's
digest, a query that finds nothing, and the conformance suite's data-source case."""

from __future__ import annotations

from aws_driver import IMAGE, Driver

from mlinfra.conformance.steps import data_source


def registered(stage: str) -> dict[str, object]:
    return {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "registry": {"group": "churn", "stage": stage}}


def test_the_newest_package_of_a_group_and_the_newest_approved_one(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    driver.create("model", "model.a", registered("Approved"))
    driver.put("s3://data/m.tar.gz", b"v2")
    driver.create("model", "model.b", registered("PendingManualApproval"))

    newest = driver.read_data("model", "data.model.latest", {"name": "churn"})
    approved = driver.read_data("model", "data.model.approved", {"name": "churn", "stage": "approved"})

    assert not newest.diagnostics and newest.attributes is not None
    assert newest.attributes["version"] == 2
    assert not approved.diagnostics and approved.attributes is not None
    assert approved.attributes["version"] == 1
    packages = driver.sm.list_model_packages(ModelPackageGroupName="churn")["ModelPackageSummaryList"]
    (v1,) = [p["ModelPackageArn"] for p in packages if p["ModelPackageVersion"] == 1]
    assert approved.attributes["id"] == v1
    assert approved.attributes["uri"].startswith("s3://")
    nothing = driver.read_data("model", "data.model.none", {"name": "churn", "stage": "rejected"})
    assert nothing.attributes is None and not nothing.diagnostics.has_errors
    bad = driver.read_data("model", "data.model.bad", {"name": "churn", "stage": "shipped"})
    assert bad.diagnostics.has_errors and bad.diagnostics.errors[0].attribute == ("stage",)


def test_an_existing_endpoint_and_an_s3_prefix(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    driver.put("s3://data/train/part-0.csv", b"a\n1\n")
    model = driver.create("model", "model.m", {"artifact": "s3://data/m.tar.gz", "image": IMAGE})
    endpoint = driver.create("endpoint", "endpoint.e", {"variant": {"blue": {"model": model["id"]}}})

    found = driver.read_data("endpoint", "data.endpoint.e", {"name": endpoint["id"]})
    assert found.attributes is not None
    assert (found.attributes["status"], found.attributes["url"]) == ("InService", endpoint["url"])
    assert found.attributes["endpoint_config"]

    digest = driver.read_data("dataset", "data.dataset.d", {"source": "s3://data/train/"}).attributes
    assert digest is not None and len(digest["digest"]) == 64
    driver.put("s3://data/train/part-1.csv", b"a\n2\n")
    again = driver.read_data("dataset", "data.dataset.d", {"source": "s3://data/train/"}).attributes
    assert again is not None and again["digest"] != digest["digest"]

    data_source(driver.provider, "endpoint", {"name": endpoint["id"]}, {"status": "InService"}, {"name": "nothing-here"})
    data_source(driver.provider, "dataset", {"source": "s3://data/train/"}, {}, {"source": "s3://data/nothing/"})
    driver.create("model", "model.r", {**registered("Approved"), "registry": {"group": "ready", "stage": "Approved"}})
    data_source(driver.provider, "model", {"name": "ready", "stage": "approved"}, {"version": 1}, {"name": "no-such-group"})
