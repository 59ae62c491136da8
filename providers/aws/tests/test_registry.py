"""The registry against the SageMaker double: versions outlive the model unless asked
otherwise, the group mlinfra creates is tracked by its tags, one version per apply
whatever the retries, and indexed addresses fit SageMaker's metadata pattern."""

from __future__ import annotations

from typing import Any

import aws_moto_support as patched
from aws_driver import IMAGE, Driver

from mlinfra.providers.protocol import ValidateRequest


def versions(driver: Driver, group: str = "churn") -> list[int]:
    found = driver.sm.list_model_packages(ModelPackageGroupName=group, MaxResults=100)["ModelPackageSummaryList"]
    return sorted(p["ModelPackageVersion"] for p in found)


def registered(stage: str = "Approved", **reg: Any) -> dict[str, Any]:
    return {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "registry": {"group": "churn", "stage": stage, **reg}}


def test_replacing_a_model_keeps_its_previous_registry_version_and_the_plan_says_so(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    first = driver.create("model", "model.churn", registered())
    driver.put("s3://data/m.tar.gz", b"v2")

    plan, second = driver.change("model", "model.churn", first, registered())

    assert plan.reason is not None and "version in model package group churn is kept" in plan.reason
    assert versions(driver) == [1, 2]
    driver.delete("model", "model.churn", second)
    assert versions(driver) == [1, 2]
    assert driver.sm.list_models()["Models"] == []


def test_the_plan_says_what_happens_to_registry_versions(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    assert driver.plan("model", "model.churn", None, registered()).reason == "registers a new version in model package group churn"
    attrs = driver.create("model", "model.churn", registered(delete_versions_on_destroy=True))
    driver.put("s3://data/m.tar.gz", b"v2")
    reason = driver.plan("model", "model.churn", attrs, registered(delete_versions_on_destroy=True)).reason
    assert reason is not None and "is deleted with it (delete_versions_on_destroy)" in reason


def test_delete_versions_on_destroy_removes_the_versions_and_the_group_mlinfra_made(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    attrs = driver.create("model", "model.churn", registered(delete_versions_on_destroy=True))
    assert versions(driver) == [1]

    driver.delete("model", "model.churn", attrs)

    assert versions(driver) == []
    assert driver.sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []


def test_a_group_made_elsewhere_stays_when_its_last_mlinfra_version_goes(driver: Driver) -> None:
    driver.sm.create_model_package_group(ModelPackageGroupName="churn")
    driver.put("s3://data/m.tar.gz", b"v1")
    attrs = driver.create("model", "model.churn", registered(delete_versions_on_destroy=True))
    driver.delete("model", "model.churn", attrs)
    assert [g["ModelPackageGroupName"] for g in driver.sm.list_model_package_groups()["ModelPackageGroupSummaryList"]] == ["churn"]


def test_a_lost_reply_to_create_model_package_does_not_register_a_second_version(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    patched.LOSE_RESPONSE["CreateModelPackage"] = 1
    attrs = driver.create("model", "model.churn", registered())

    assert versions(driver) == [1] and attrs["version"] == 1
    tokens = [p["ClientToken"] for a, p in patched.REQUESTS if a == "CreateModelPackage"]
    assert len(tokens) == 2 and tokens[0] == tokens[1]


def test_a_model_at_an_indexed_address_registers_with_metadata_sagemaker_accepts(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    attrs = driver.create("model", 'model.churn["eu-west"]', registered())
    pkg = driver.sm.describe_model_package(ModelPackageName=attrs["uri"])
    assert pkg["CustomerMetadataProperties"]["mlinfra:address"] == "model.churn@5B@22eu-west@22@5D"
    assert driver.read("model", 'model.churn["eu-west"]', {}, id=None) is not None  # type: ignore[arg-type]


def test_a_group_name_sagemaker_refuses_is_an_error_at_validate(driver: Driver) -> None:
    resp = driver.provider.validate(ValidateRequest("model", "model.churn", {"artifact": "s3://x/y", "registry": {"group": "churn_models"}}))
    [diag] = resp.diagnostics.errors
    assert 'Model package group "churn_models"' in diag.detail and '"churn-models"' in diag.detail
