"""The endpoint kind against the Vertex AI fake, through the real aiplatform_v1 clients:
create with one deployed model per variant, a no-op plan, weight changes in place, a new
model version deployed beside the old and shifted onto, variant removal, rollouts in
steps with rollback, failed deployments reported with the service's reason, destroy."""

from __future__ import annotations

from typing import Any

import pytest
from gcp_driver import PARENT, Driver

from mlinfra.conformance.driver import ApplyFailed, full
from mlinfra.values import UNKNOWN, changed_paths

ADDR = "endpoint.churn"


def config(blue: str, green: str | None = None, blue_weight: float = 80, green_weight: float = 20, **extra: Any) -> dict[str, Any]:
    variants: dict[str, Any] = {"blue": {"model": blue, "weight": blue_weight}}
    if green is not None:
        variants["green"] = {"model": green, "weight": green_weight}
    return {"variant": variants, **extra}


@pytest.fixture()
def models(driver: Driver) -> tuple[str, str]:
    return driver.upload_model("champion"), driver.upload_model("challenger")


def test_create_deploys_one_model_per_variant_and_splits_traffic_by_weight(driver: Driver, models: tuple[str, str]) -> None:
    champion, challenger = models
    plan = driver.plan("endpoint", ADDR, None, config(champion, challenger))
    assert plan.planned["id"] == f"{PARENT}/endpoints/churn"
    assert plan.planned["url"] == f"{driver.fake.url}/v1/{PARENT}/endpoints/churn:predict"

    attrs = driver.create("endpoint", ADDR, config(champion, challenger))

    assert attrs["status"] == "deployed" and attrs["id"] == plan.planned["id"]
    assert driver.variants("churn") == {"blue": ("champion@1", 80), "green": ("challenger@1", 20)}
    ep = driver.endpoint("churn")
    assert ep["labels"]["managed-by"] == "mlinfra" and ep["labels"]["mlinfra-address"] == "endpoint_2echurn"
    assert ep["labels"]["team"] == "ml"
    assert driver.fake.actions().count("DeployModel") == 2
    assert all(dm["dedicatedResources"]["machineSpec"]["machineType"] == "n1-standard-2" for dm in ep["deployedModels"])


def test_a_plan_of_unchanged_configuration_is_a_no_op(driver: Driver, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, config(*models))
    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None
    assert not list(changed_paths(attrs, read))
    plan = driver.plan("endpoint", ADDR, read, config(*models))
    assert not list(changed_paths(read, plan.planned)) and not plan.requires_replace


def test_a_weight_change_is_one_patch_of_the_traffic_split(driver: Driver, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, config(*models))
    before = {dm["id"] for dm in driver.endpoint("churn")["deployedModels"]}
    driver.fake.requests.clear()

    plan, attrs = driver.change("endpoint", ADDR, attrs, config(*models, blue_weight=50, green_weight=50))

    assert not plan.requires_replace
    assert [a for a in driver.fake.actions() if a != "GetEndpoint"] == ["UpdateEndpoint"]
    assert driver.fake.requests[-1].query["updateMask"] == "trafficSplit"
    assert {dm["id"] for dm in driver.endpoint("churn")["deployedModels"]} == before
    assert driver.variants("churn") == {"blue": ("champion@1", 50), "green": ("challenger@1", 50)}


def test_a_new_model_version_deploys_beside_the_old_shifts_traffic_then_undeploys_the_old(
    driver: Driver, models: tuple[str, str]
) -> None:
    champion, challenger = models
    attrs = driver.create("endpoint", ADDR, config(champion, challenger))
    old_blue = next(dm["id"] for dm in driver.endpoint("churn")["deployedModels"] if dm["displayName"] == "blue")
    champion_v2 = driver.upload_model("champion", parent_model=True)
    assert champion_v2.endswith("@2")
    driver.fake.requests.clear()

    plan, attrs = driver.change("endpoint", ADDR, attrs, config(champion_v2, challenger))

    assert not plan.requires_replace and plan.planned["id"] == attrs["id"]
    mutating = [a for a in driver.fake.actions() if a in ("DeployModel", "UpdateEndpoint", "UndeployModel")]
    assert mutating == ["DeployModel", "UpdateEndpoint", "UndeployModel"]
    undeploy = next(r for r in driver.fake.requests if r.action == "UndeployModel")
    assert undeploy.body["deployedModelId"] == old_blue
    assert driver.variants("churn") == {"blue": ("champion@2", 80), "green": ("challenger@1", 20)}


def test_a_removed_variant_gets_no_traffic_first_and_is_undeployed_after(driver: Driver, models: tuple[str, str]) -> None:
    champion, challenger = models
    attrs = driver.create("endpoint", ADDR, config(champion, challenger))
    driver.fake.requests.clear()

    driver.change("endpoint", ADDR, attrs, config(champion))

    mutating = [r for r in driver.fake.requests if r.action in ("UpdateEndpoint", "UndeployModel")]
    assert [r.action for r in mutating] == ["UpdateEndpoint", "UndeployModel"]
    assert list(mutating[0].body["trafficSplit"].values()) == [100]
    assert driver.variants("churn") == {"blue": ("champion@1", 100)}


def test_the_service_refuses_to_undeploy_a_model_that_still_has_traffic(driver: Driver, models: tuple[str, str]) -> None:
    driver.create("endpoint", ADDR, config(*models))
    green = next(dm["id"] for dm in driver.endpoint("churn")["deployedModels"] if dm["displayName"] == "green")
    with pytest.raises(Exception, match="has 20% of the Endpoint's traffic"):
        driver.endpoints.undeploy_model(endpoint=f"{PARENT}/endpoints/churn", deployed_model_id=green)


def test_a_failed_deployment_is_an_error_with_the_services_reason_and_changes_nothing(
    driver: Driver, models: tuple[str, str]
) -> None:
    champion, challenger = models
    attrs = driver.create("endpoint", ADDR, config(champion, challenger))
    broken = driver.upload_model("broken", image="us-docker.pkg.dev/proj/serving/broken:1")
    driver.fake.endpoints.failing_images.add("us-docker.pkg.dev/proj/serving/broken:1")

    with pytest.raises(ApplyFailed) as err:
        driver.change("endpoint", ADDR, attrs, config(broken, challenger))

    assert "Model server never became ready" in str(err.value)
    assert err.value.diagnostics[0].address == ADDR
    assert driver.variants("churn") == {"blue": ("champion@1", 80), "green": ("challenger@1", 20)}


def test_a_failed_create_leaves_no_endpoint_behind(driver: Driver) -> None:
    broken = driver.upload_model("broken", image="us-docker.pkg.dev/proj/serving/broken:1")
    driver.fake.endpoints.failing_images.add("us-docker.pkg.dev/proj/serving/broken:1")
    with pytest.raises(ApplyFailed, match="never became ready"):
        driver.create("endpoint", ADDR, config(broken))
    assert driver.fake.endpoints.endpoints == {}


def test_a_canary_rollout_shifts_traffic_in_timed_steps(driver: Driver, models: tuple[str, str]) -> None:
    champion, challenger = models
    rollout = {"strategy": "canary", "steps": 10, "interval": "0s"}
    attrs = driver.create("endpoint", ADDR, config(champion, rollout=rollout))
    v2 = driver.upload_model("champion", parent_model=True)
    driver.fake.requests.clear()

    driver.change("endpoint", ADDR, attrs, config(v2, rollout=rollout))

    splits = [sorted(r.body["trafficSplit"].values()) for r in driver.fake.requests if r.action == "UpdateEndpoint"]
    assert splits == [[10, 90], [100]]
    assert driver.variants("churn") == {"blue": ("champion@2", 100)}


def test_a_rollout_whose_health_check_fails_is_rolled_back(driver: Driver, models: tuple[str, str]) -> None:
    champion, _ = models
    rollout = {"strategy": "linear", "steps": 4, "interval": "0s", "gates": {"alarms": ["churn-5xx"]}}
    attrs = driver.create("endpoint", ADDR, config(champion, rollout=rollout))
    v2 = driver.upload_model("champion", parent_model=True)
    name = "projects/123456789012/locations/us-central1/endpoints/churn"

    def crash_new_model(req: Any) -> None:
        # The new deployment falls over once it takes traffic.
        new = [dm["id"] for dm in driver.fake.endpoints.endpoints[name]["deployedModels"] if dm["modelVersionId"] == "2"]
        for i in new:
            driver.fake.endpoints.console_undeploy(name, i)

    driver.fake.hooks["UpdateEndpoint"] = crash_new_model
    with pytest.raises(ApplyFailed, match="rolled back"):
        driver.change("endpoint", ADDR, attrs, config(v2, rollout=rollout))
    driver.fake.hooks.clear()
    assert driver.variants("churn") == {"blue": ("champion@1", 100)}


def test_destroy_undeploys_every_model_then_deletes_the_endpoint(driver: Driver, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, config(*models))
    driver.delete("endpoint", ADDR, attrs)
    assert driver.fake.endpoints.endpoints == {}
    assert driver.read("endpoint", ADDR, attrs) is None
    assert driver.fake.actions().count("UndeployModel") == 2


def test_throttled_and_unavailable_calls_are_retried(driver: Driver, models: tuple[str, str]) -> None:
    driver.fake.faults["DeployModel"] = [429, 503]
    driver.fake.faults["GetOperation"] = [503]
    driver.create("endpoint", ADDR, config(models[0]))
    assert driver.variants("churn") == {"blue": ("champion@1", 100)}


def test_throttling_that_outlasts_the_retry_budget_is_an_error_naming_the_call(driver: Driver, fake: Any, tmp_path: Any, models: Any) -> None:
    d = Driver(fake, tmp_path, driver.gcs, retry_timeout=0)
    fake.faults["CreateEndpoint"] = [429] * 3
    with pytest.raises(ApplyFailed) as err:
        d.create("endpoint", ADDR, config(models[0]))
    assert "create_endpoint" in err.value.diagnostics[0].summary and "429" in err.value.diagnostics[0].detail


def test_replica_counts_change_in_place(driver: Driver, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, config(models[0]))
    driver.fake.requests.clear()
    driver.change("endpoint", ADDR, attrs, {"variant": {"blue": {"model": models[0], "weight": 80}}, "autoscaling": {"min": 2, "max": 5}})
    assert "MutateDeployedModel" in driver.fake.actions() and "DeployModel" not in driver.fake.actions()
    res = driver.endpoint("churn")["deployedModels"][0]["dedicatedResources"]
    assert (res["minReplicaCount"], res["maxReplicaCount"]) == (2, 5)


def test_a_sagemaker_instance_type_is_a_located_validation_error(driver: Driver) -> None:
    from mlinfra.providers.protocol import ValidateRequest

    cfg = full("endpoint", {"variant": {"a": {"model": "m", "instance_type": "ml.m5.large"}}})
    diags = driver.provider.validate(ValidateRequest("endpoint", ADDR, cfg)).diagnostics.items
    assert diags and diags[0].address == ADDR and "n1-standard-2" in diags[0].detail


def test_a_new_endpoint_plans_unknown_only_what_the_service_decides(driver: Driver, models: tuple[str, str]) -> None:
    plan = driver.plan("endpoint", ADDR, None, config(*models))
    assert UNKNOWN not in plan.planned.values()


def test_data_capture_is_request_response_logging_to_bigquery(driver: Driver, models: tuple[str, str]) -> None:
    args = config(models[0], data_capture={"enabled": True, "sample_percent": 25})
    attrs = driver.create("endpoint", ADDR, args)
    logging = driver.endpoint("churn")["predictRequestResponseLoggingConfig"]
    assert logging == {"enabled": True, "samplingRate": 0.25, "bigqueryDestination": {"outputUri": "bq://proj"}}
    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None and not list(changed_paths(attrs, read))

    driver.change("endpoint", ADDR, read, config(models[0]))
    assert "predictRequestResponseLoggingConfig" not in driver.endpoint("churn")
