"""Drift and import of endpoints and models: a traffic split changed in the console or a
model undeployed behind the provider's back shows in the next plan; an endpoint or a
model made elsewhere imports by its resource name and then plans as no change."""

from __future__ import annotations

from gcp_driver import PARENT, Driver

from mlinfra.providers.protocol import IntentRequest, RecoverRequest
from mlinfra.values import changed_paths

ADDR = "endpoint.churn"
LIVE = "projects/123456789012/locations/us-central1/endpoints/churn"


def two_variants(driver: Driver) -> tuple[dict[str, object], dict[str, object]]:
    champion, challenger = driver.upload_model("champion"), driver.upload_model("challenger")
    args = {"variant": {"blue": {"model": champion, "weight": 80}, "green": {"model": challenger, "weight": 20}}}
    return args, driver.create("endpoint", ADDR, args)


def test_a_traffic_split_changed_in_the_console_shows_as_drift_and_is_put_back(driver: Driver) -> None:
    args, attrs = two_variants(driver)
    ids = {dm["displayName"]: dm["id"] for dm in driver.endpoint("churn")["deployedModels"]}
    driver.fake.endpoints.console_set_traffic(LIVE, {ids["blue"]: 50, ids["green"]: 50})

    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None
    assert read["variant"]["blue"]["weight"] == 50 and read["variant"]["green"]["weight"] == 50
    plan, _ = driver.change("endpoint", ADDR, read, args)
    assert list(changed_paths(read, plan.planned)) and not plan.requires_replace
    assert driver.variants("churn") == {"blue": ("champion@1", 80), "green": ("challenger@1", 20)}


def test_a_model_undeployed_behind_our_back_shows_as_drift_and_is_deployed_again(driver: Driver) -> None:
    args, attrs = two_variants(driver)
    green = next(dm["id"] for dm in driver.endpoint("churn")["deployedModels"] if dm["displayName"] == "green")
    driver.fake.endpoints.console_undeploy(LIVE, green)

    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None and set(read["variant"]) == {"blue"}
    plan, _ = driver.change("endpoint", ADDR, read, args)
    assert ("variant", "green") in [tuple(p[:2]) for p in changed_paths(read, plan.planned)]
    assert driver.variants("churn") == {"blue": ("champion@1", 80), "green": ("challenger@1", 20)}


def test_an_endpoint_deleted_outside_reads_as_gone(driver: Driver) -> None:
    _, attrs = two_variants(driver)
    for dm in list(driver.endpoint("churn")["deployedModels"]):
        driver.fake.endpoints.console_undeploy(LIVE, dm["id"])
    driver.fake.endpoints.endpoints.pop(LIVE)
    assert driver.read("endpoint", ADDR, attrs) is None


def test_an_endpoint_imports_by_resource_name_and_then_plans_no_change(driver: Driver) -> None:
    args, attrs = two_variants(driver)
    imported = driver.import_("endpoint", ADDR, LIVE)
    assert imported is not None
    assert imported["id"] == f"{PARENT}/endpoints/churn"
    assert imported["variant"]["blue"]["model"].endswith("models/champion@1")
    assert imported["variant"]["blue"]["weight"] == 80 and imported["variant"]["green"]["weight"] == 20
    assert imported["tags"] == {}
    plan = driver.plan("endpoint", ADDR, imported, args)
    assert not plan.requires_replace
    # Only the spelling of the model names differs (project number vs ID).
    diff = {tuple(p) for p in changed_paths(imported, plan.planned)}
    assert diff <= {("variant", "blue", "model"), ("variant", "green", "model")}


def test_an_endpoint_under_another_id_imports_with_its_name_in_the_gcp_block(driver: Driver) -> None:
    champion = driver.upload_model("champion")
    driver.create("endpoint", "endpoint.other", {"variant": {"main": {"model": champion}}})
    imported = driver.import_("endpoint", ADDR, "projects/proj/locations/us-central1/endpoints/other")
    assert imported is not None and imported["gcp"] == {"name": "other"}


def test_recovery_adopts_an_endpoint_whose_create_was_not_recorded(driver: Driver) -> None:
    _, attrs = two_variants(driver)
    locator = driver.provider.intent(IntentRequest("endpoint", ADDR, attrs)).locator
    found = driver.provider.recover(RecoverRequest("endpoint", ADDR, locator)).attributes
    assert found is not None and found["id"] == attrs["id"]
    nothing = driver.provider.recover(RecoverRequest("endpoint", "endpoint.nothing", {"name": "x"})).attributes
    assert nothing is None


def test_a_model_imports_by_resource_name(driver: Driver) -> None:
    driver.upload_model("churn")
    imported = driver.import_("model", "model.churn", f"{PARENT}/models/churn")
    assert imported is not None
    assert imported["id"] == f"{PARENT}/models/churn@1" and imported["version"] == 1
    assert imported["artifact"] == "gs://data/churn/" and imported["image"]
