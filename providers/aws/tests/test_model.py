"""The model kind against moto: SageMaker models named by content, local artifacts
uploaded by digest, and registry versions with approval status."""

from __future__ import annotations

from pathlib import Path

from aws_driver import IMAGE, Driver


def test_a_model_is_created_from_an_s3_artifact_and_tagged_with_its_address(driver: Driver) -> None:
    driver.put("s3://data/models/iris/model.tar.gz", b"weights-1")
    attrs = driver.create("model", "model.iris", {"artifact": "s3://data/models/iris/model.tar.gz", "image": IMAGE})

    assert attrs["id"].startswith("iris-")
    live = driver.sm.describe_model(ModelName=attrs["id"])
    assert live["PrimaryContainer"]["ModelDataUrl"] == "s3://data/models/iris/model.tar.gz"
    assert live["PrimaryContainer"]["Image"] == IMAGE
    tags = {t["Key"]: t["Value"] for t in driver.sm.list_tags(ResourceArn=live["ModelArn"])["Tags"]}
    assert tags == {"managed-by": "mlinfra", "mlinfra:address": "model.iris", "team": "ml"}
    assert attrs["uri"] == live["ModelArn"]


def test_reading_an_unchanged_model_back_plans_no_change(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    args = {"artifact": "s3://data/m.tar.gz", "framework": "sklearn"}
    attrs = driver.create("model", "model.iris", args)
    refreshed = driver.read("model", "model.iris", attrs)

    assert refreshed == attrs
    plan = driver.plan("model", "model.iris", refreshed, args)
    assert plan.planned == attrs
    assert plan.requires_replace == []


def test_a_known_framework_gets_the_regions_prebuilt_image(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    attrs = driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "framework": "sklearn"})

    image = driver.sm.describe_model(ModelName=attrs["id"])["PrimaryContainer"]["Image"]
    assert image == "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"


def test_new_content_at_the_same_uri_replaces_the_model_under_a_new_name(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"weights-1")
    args = {"artifact": "s3://data/m.tar.gz", "image": IMAGE}
    old = driver.create("model", "model.iris", args)
    driver.put("s3://data/m.tar.gz", b"weights-2")

    plan, new = driver.change("model", "model.iris", old, args)

    assert plan.requires_replace == [("artifact",)]
    assert plan.reason == "artifact content changed"
    assert new["id"] != old["id"] and new["digest"] != old["digest"]
    names = [m["ModelName"] for m in driver.sm.list_models()["Models"]]
    assert names == [new["id"]]


def test_a_changed_image_forces_replacement(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    old = driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "image": IMAGE})
    plan = driver.plan("model", "model.iris", old, {"artifact": "s3://data/m.tar.gz", "image": IMAGE + "b"})
    assert plan.requires_replace == [("image",)]


def test_a_local_artifact_is_uploaded_to_the_artifact_bucket_under_its_digest(driver: Driver, tmp_path: Path) -> None:
    (tmp_path / "model.joblib").write_bytes(b"local weights")
    attrs = driver.create("model", "model.local", {"artifact": "file://model.joblib", "image": IMAGE})

    url = driver.sm.describe_model(ModelName=attrs["id"])["PrimaryContainer"]["ModelDataUrl"]
    assert url == f"s3://mlinfra-artifacts/mlinfra/artifacts/{attrs['digest']}/model.joblib"
    body = driver.s3.get_object(Bucket="mlinfra-artifacts", Key=url.split("/", 3)[3])["Body"].read()
    assert body == b"local weights"


def test_a_registry_model_gets_increasing_package_versions_in_its_group(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    args = {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "registry": {"group": "churn", "stage": "Approved"}}
    first = driver.create("model", "model.churn", args)
    driver.put("s3://data/m.tar.gz", b"v2")
    _, second = driver.change("model", "model.churn", first, args)

    assert (first["version"], second["version"]) == (1, 2)
    pkg = driver.sm.describe_model_package(ModelPackageName=second["uri"])
    assert pkg["ModelPackageGroupName"] == "churn"
    assert pkg["ModelApprovalStatus"] == "Approved"
    assert driver.sm.describe_model_package_group(ModelPackageGroupName="churn")["ModelPackageGroupName"] == "churn"


def test_a_stage_change_updates_the_approval_status_in_place(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    args = {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "registry": {"group": "churn", "stage": "PendingManualApproval"}}
    attrs = driver.create("model", "model.churn", args)
    args["registry"] = {"group": "churn", "stage": "Approved"}

    plan, after = driver.change("model", "model.churn", attrs, args)

    assert plan.requires_replace == []
    assert after["id"] == attrs["id"] and after["version"] == attrs["version"]
    assert driver.sm.describe_model_package(ModelPackageName=after["uri"])["ModelApprovalStatus"] == "Approved"


def test_an_approval_changed_out_of_band_is_drift_the_plan_reverts(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    args = {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "registry": {"group": "churn", "stage": "Approved"}}
    attrs = driver.create("model", "model.churn", args)
    driver.sm.update_model_package(ModelPackageArn=attrs["uri"], ModelApprovalStatus="Rejected")

    refreshed = driver.read("model", "model.churn", attrs)
    assert refreshed is not None and refreshed["registry"]["stage"] == "Rejected"
    plan = driver.plan("model", "model.churn", refreshed, args)
    assert plan.planned["registry"]["stage"] == "Approved" and plan.requires_replace == []


def test_destroy_removes_the_model_and_its_package(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    args = {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "registry": {"group": "churn"}}
    attrs = driver.create("model", "model.churn", args)
    driver.delete("model", "model.churn", attrs)

    assert driver.sm.list_models()["Models"] == []
    assert driver.read("model", "model.churn", attrs) is None


def test_find_locates_a_model_by_its_address_tag(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    attrs = driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "image": IMAGE})
    found = driver.read("model", "model.iris", {}, id=None)  # type: ignore[arg-type]
    assert found is not None and found["id"] == attrs["id"]
    assert driver.read("model", "model.other", {}, id=None) is None  # type: ignore[arg-type]


def test_an_existing_model_is_imported_by_name(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"v1")
    driver.sm.create_model(
        ModelName="legacy",
        PrimaryContainer={"Image": IMAGE, "ModelDataUrl": "s3://data/m.tar.gz"},
        ExecutionRoleArn="arn:aws:iam::123456789012:role/r",
    )
    attrs = driver.read("model", "model.legacy", {}, id="legacy")
    assert attrs is not None
    assert attrs["id"] == "legacy" and attrs["artifact"] == "s3://data/m.tar.gz" and attrs["image"] == IMAGE
    assert attrs["digest"]


def test_a_models_own_execution_role_overrides_the_providers(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    own = "arn:aws:iam::123456789012:role/churn-serving"
    attrs = driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "aws": {"execution_role_arn": own}})
    assert driver.sm.describe_model(ModelName=attrs["id"])["ExecutionRoleArn"] == own


def test_a_tag_changed_out_of_band_is_drift_the_next_apply_reverts(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    args = {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "tags": {"owner": "ana"}}
    attrs = driver.create("model", "model.iris", args)
    arn = driver.sm.describe_model(ModelName=attrs["id"])["ModelArn"]
    driver.sm.add_tags(ResourceArn=arn, Tags=[{"Key": "owner", "Value": "bob"}])

    refreshed = driver.read("model", "model.iris", attrs)
    assert refreshed is not None and refreshed["tags"] == {"owner": "bob"}
    _, after = driver.change("model", "model.iris", refreshed, args)
    tags = {t["Key"]: t["Value"] for t in driver.sm.list_tags(ResourceArn=arn)["Tags"]}
    assert tags["owner"] == "ana" and driver.read("model", "model.iris", after) == after
