"""The endpoint kind through the real MLClient against the Azure ML fake: a managed
online endpoint with one deployment per variant, traffic set once the deployments
exist, weight changes as one endpoint update, new model versions as new deployments
with traffic shifted before the old ones go, shadow variants, rollouts, failures,
drift and import."""

from __future__ import annotations

from typing import Any

import pytest
from azure_driver import Driver
from azureml_fake import AzureMLFake

from mlinfra.conformance.driver import ApplyFailed, full

ADDR = "endpoint.iris"


def endpoint(m1: str, m2: str | None = None, blue: float = 90, green: float = 10, **extra: Any) -> dict[str, Any]:
    return {"variant": {"blue": {"model": m1, "weight": blue}, "green": {"model": m2 or m1, "weight": green}}, **extra}


def live_traffic(fake: AzureMLFake, name: str = "iris") -> dict[str, int]:
    ep = fake.get(f"onlineEndpoints/{name}")
    assert ep is not None
    return {k.split("-")[0]: v for k, v in ep["properties"]["traffic"].items()}


def deployments(fake: AzureMLFake, name: str = "iris") -> list[str]:
    return sorted(o["name"] for k, o in fake.objects.items() if f"/onlineendpoints/{name}/deployments/" in k)


@pytest.fixture()
def models(fake: AzureMLFake) -> tuple[str, str]:
    return fake.seed_model("iris", "1"), fake.seed_model("iris", "2")


def test_create_makes_the_endpoint_then_the_deployments_then_the_traffic(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))

    assert attrs["id"] == "iris"
    assert attrs["status"] == "Succeeded"
    assert attrs["url"] == "https://iris.eastus.inference.ml.azure.com/score"
    assert live_traffic(fake) == {"blue": 90, "green": 10}
    ep = fake.get("onlineEndpoints/iris")
    assert ep is not None and ep["tags"]["mlinfra-address"] == ADDR and ep["tags"]["team"] == "ml"
    # Traffic went in only with the last endpoint PUT, after both deployments existed.
    puts = [p for m, p in fake.calls if m == "PUT" and "/onlineEndpoints/" in p]
    assert puts[-1].endswith("/onlineEndpoints/iris")
    assert sum(1 for p in puts if "/deployments/" in p) == 2
    assert any("waiting" in m or "InProgress" in m for m in driver.progress)


def test_a_plan_of_the_unchanged_endpoint_is_a_no_op(driver: Driver, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    read = driver.read("endpoint", ADDR, attrs)
    assert read == attrs

    plan = driver.plan("endpoint", ADDR, read, endpoint(models[0]))
    assert plan.planned == read and not plan.requires_replace


def test_a_weight_change_is_one_endpoint_update_and_no_new_deployment(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    before = deployments(fake)
    puts = fake.count("PUT", "/onlineEndpoints/")

    plan, after = driver.change("endpoint", ADDR, attrs, endpoint(models[0], blue=50, green=50))

    assert not plan.requires_replace
    assert live_traffic(fake) == {"blue": 50, "green": 50}
    assert deployments(fake) == before
    assert fake.count("PUT", "/onlineEndpoints/") == puts + 1
    assert after["variant"]["blue"]["weight"] == 50


def test_relative_weights_become_whole_percents_that_sum_to_100(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    cfg = {"variant": {"a": {"model": models[0], "weight": 1}, "b": {"model": models[0], "weight": 1}, "c": {"model": models[0], "weight": 1}}}
    attrs = driver.create("endpoint", ADDR, cfg)
    assert sorted(live_traffic(fake).values()) == [33, 33, 34]
    assert driver.plan("endpoint", ADDR, driver.read("endpoint", ADDR, attrs), cfg).planned == attrs


def test_a_new_model_version_gets_a_new_deployment_traffic_moves_then_the_old_one_goes(
    driver: Driver, fake: AzureMLFake, models: tuple[str, str]
) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    old_blue = [n for n in deployments(fake) if n.startswith("blue-")]

    plan, after = driver.change("endpoint", ADDR, attrs, endpoint(models[1], models[0]))

    assert not plan.requires_replace
    new_blue = [n for n in deployments(fake) if n.startswith("blue-")]
    assert len(new_blue) == 1 and new_blue != old_blue
    dep = fake.get(f"onlineEndpoints/iris/deployments/{new_blue[0]}")
    assert dep is not None and dep["properties"]["model"].endswith("/models/iris/versions/2")
    assert live_traffic(fake) == {"blue": 90, "green": 10}
    assert after["variant"]["blue"]["model"] == models[1]
    # The old deployment was deleted only after the traffic had left it.
    order = [(m, p.rsplit("/", 1)[-1]) for m, p in fake.calls if m in ("PUT", "DELETE") and "/onlineEndpoints/" in p]
    assert order.index(("DELETE", old_blue[0])) > order.index(("PUT", "iris"), order.index(("PUT", new_blue[0])))


def test_a_canary_rollout_moves_traffic_in_steps(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    cfg = {"variant": {"main": {"model": models[0]}}, "rollout": {"strategy": "canary", "steps": 10, "interval": 0}}
    attrs = driver.create("endpoint", ADDR, cfg)
    cfg2 = {**cfg, "variant": {"main": {"model": models[1]}}}
    driver.progress.clear()

    driver.change("endpoint", ADDR, attrs, cfg2)

    steps = [m for m in driver.progress if "traffic step" in m]
    assert len(steps) == 2 and "=10%" in steps[0] and "=90%" in steps[0]
    assert list(live_traffic(fake).values()) == [100]
    assert len(deployments(fake)) == 1


def test_a_linear_rollout_that_fails_midway_rolls_traffic_back(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    cfg = {"variant": {"main": {"model": models[0]}}, "rollout": {"strategy": "linear", "steps": 4, "interval": "0s"}}
    attrs = driver.create("endpoint", ADDR, cfg)
    old = deployments(fake)
    cfg2 = {**cfg, "variant": {"main": {"model": models[1]}}}
    # The new deployment stops serving after the first step.
    original = fake._operation

    def breaking(op_id: str) -> Any:
        answer = original(op_id)
        ep = fake.get("onlineEndpoints/iris")
        if ep and ep["properties"]["traffic"].get(old[0]) == 75:
            new = [n for n in deployments(fake) if n not in old][0]
            fake.edit(f"onlineEndpoints/iris/deployments/{new}", {"provisioningState": "Failed"})
        return answer

    fake._operation = breaking  # type: ignore[method-assign]
    with pytest.raises(ApplyFailed) as e:
        driver.change("endpoint", ADDR, attrs, cfg2)

    assert "rolled back at step 1 of 4" in str(e.value)
    assert "stopped serving" in str(e.value)
    assert deployments(fake) == old
    assert fake.get("onlineEndpoints/iris")["properties"]["traffic"] == {old[0]: 100}  # type: ignore[index]


def test_a_shadow_variant_gets_mirror_traffic_not_live_traffic(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    cfg = {"variant": {"blue": {"model": models[0], "weight": 100}, "green": {"model": models[1], "weight": 20, "shadow": True}}}
    attrs = driver.create("endpoint", ADDR, cfg)

    props = fake.get("onlineEndpoints/iris")["properties"]  # type: ignore[index]
    assert {k.split("-")[0]: v for k, v in props["traffic"].items()} == {"blue": 100}
    assert {k.split("-")[0]: v for k, v in props["mirrorTraffic"].items()} == {"green": 20}
    assert driver.plan("endpoint", ADDR, driver.read("endpoint", ADDR, attrs), cfg).planned == attrs


def test_more_than_half_mirrored_is_refused_at_validation(driver: Driver, models: tuple[str, str]) -> None:
    from mlinfra.providers.protocol import ValidateRequest

    cfg = {"variant": {"blue": {"model": models[0]}, "green": {"model": models[1], "weight": 60, "shadow": True}}}
    diags = driver.provider.validate(ValidateRequest("endpoint", ADDR, full("endpoint", cfg))).diagnostics
    assert any("at most 50" in x.detail for x in diags)


def test_removing_a_variant_moves_its_traffic_then_deletes_its_deployment(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))

    driver.change("endpoint", ADDR, attrs, {"variant": {"blue": {"model": models[0]}}})

    assert live_traffic(fake) == {"blue": 100}
    assert [n.split("-")[0] for n in deployments(fake)] == ["blue"]


def test_an_instance_count_change_resizes_the_deployment_in_place(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    names = deployments(fake)
    cfg = endpoint(models[0])
    cfg["variant"]["blue"]["instance_count"] = 3

    driver.change("endpoint", ADDR, attrs, cfg)

    assert deployments(fake) == names
    blue = [n for n in names if n.startswith("blue-")][0]
    assert fake.get(f"onlineEndpoints/iris/deployments/{blue}")["sku"]["capacity"] == 3  # type: ignore[index]


def test_a_deployment_that_fails_to_provision_is_an_apply_error_with_the_service_message(
    driver: Driver, fake: AzureMLFake, models: tuple[str, str]
) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    cfg = endpoint(models[1], models[0])
    from mlinfra_provider_azure import deployments as deps
    from mlinfra_provider_azure import traffic
    from mlinfra_provider_azure.config import EndpointBlock

    new_name = traffic.deployment_name("blue", deps.spec(full("endpoint", cfg)["variant"]["blue"], EndpointBlock()))
    fake.fail_deployment(new_name, "Container crashed: ModuleNotFoundError: No module named 'sklearn'")

    with pytest.raises(ApplyFailed) as e:
        driver.change("endpoint", ADDR, attrs, cfg)

    assert "failed to provision" in str(e.value)
    assert "No module named 'sklearn'" in str(e.value)
    assert live_traffic(fake) == {"blue": 90, "green": 10}
    assert new_name not in deployments(fake)  # the failed deployment was removed


def test_a_failed_create_records_the_endpoint_so_the_next_plan_finishes_it(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    from mlinfra_provider_azure import deployments as deps
    from mlinfra_provider_azure import traffic
    from mlinfra_provider_azure.config import EndpointBlock

    cfg = endpoint(models[0])
    fake.fail_deployment(traffic.deployment_name("green", deps.spec(full("endpoint", cfg)["variant"]["green"], EndpointBlock())), "Quota exceeded")
    with pytest.raises(ApplyFailed) as e:
        driver.create("endpoint", ADDR, cfg)
    partial = e.value.resp.attributes
    assert partial is not None and partial["id"] == "iris"
    plan = driver.plan("endpoint", ADDR, partial, cfg)
    assert plan.planned != partial  # the missing variant plans as a change
    driver.apply("endpoint", ADDR, "update", partial, plan.planned, full("endpoint", cfg))
    assert live_traffic(fake) == {"blue": 90, "green": 10}


def test_traffic_edited_in_the_studio_is_drift(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    names = {n.split("-")[0]: n for n in deployments(fake)}
    fake.edit("onlineEndpoints/iris", {"traffic": {names["blue"]: 30, names["green"]: 70}})

    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None
    assert read["variant"]["blue"]["weight"] == 30 and read["variant"]["green"]["weight"] == 70
    plan, _ = driver.change("endpoint", ADDR, read, endpoint(models[0]))
    assert live_traffic(fake) == {"blue": 90, "green": 10}


def test_a_deployment_deleted_outside_is_drift_and_the_plan_puts_it_back(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    names = {n.split("-")[0]: n for n in deployments(fake)}
    fake.edit("onlineEndpoints/iris", {"traffic": {names["blue"]: 100}})
    fake.remove(f"onlineEndpoints/iris/deployments/{names['green']}")

    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None and "green" not in read["variant"]
    driver.change("endpoint", ADDR, read, endpoint(models[0]))
    assert live_traffic(fake) == {"blue": 90, "green": 10}


def test_an_endpoint_deleted_outside_reads_as_gone(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    fake.remove("onlineEndpoints/iris")
    assert driver.read("endpoint", ADDR, attrs) is None


def test_import_adopts_an_endpoint_made_outside_and_plans_no_change(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    made = driver.create("endpoint", "endpoint.elsewhere", {**endpoint(models[0]), "azure": {"name": "iris"}})

    imported = driver.read("endpoint", ADDR, {}, id="iris")

    assert imported is not None and imported["id"] == "iris"
    assert imported["variant"]["blue"]["weight"] == 90 and imported["variant"]["blue"]["model"] == models[0]
    assert imported["variant"]["green"]["instance_type"] == "Standard_DS3_v2"
    cfg = {"variant": {v: {"model": models[0], "weight": w, "instance_type": "Standard_DS3_v2"} for v, w in (("blue", 90), ("green", 10))}}
    plan = driver.plan("endpoint", ADDR, imported, cfg)
    assert not plan.requires_replace
    assert made["url"] == imported["url"]


def test_destroy_deletes_the_endpoint_and_its_deployments(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    driver.delete("endpoint", ADDR, attrs)
    assert fake.get("onlineEndpoints/iris") is None
    assert deployments(fake) == []
    assert driver.read("endpoint", ADDR, attrs) is None


def test_throttled_calls_are_retried_within_the_bound(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    fake.throttle(3)
    attrs = driver.create("endpoint", ADDR, endpoint(models[0]))
    assert attrs["status"] == "Succeeded"


def test_throttling_past_the_bound_fails_with_the_service_message(fake: AzureMLFake, tmp_path: Any, models: tuple[str, str]) -> None:
    from azure_driver import provider_config

    driver = Driver(fake, tmp_path, provider_config(fake, retry_timeout=0))
    fake.throttle(1000)
    with pytest.raises(ApplyFailed) as e:
        driver.create("endpoint", ADDR, endpoint(models[0]))
    assert "Rate limit exceeded" in str(e.value)


def autoscale_settings(fake: AzureMLFake) -> dict[str, dict[str, Any]]:
    return {o["name"]: o for k, o in fake.objects.items() if "/microsoft.insights/autoscalesettings/" in k}


def test_autoscaling_is_an_azure_monitor_setting_per_deployment_and_its_counts_are_not_drift(
    driver: Driver, fake: AzureMLFake, models: tuple[str, str]
) -> None:
    cfg = endpoint(models[0], autoscaling={"min": 1, "max": 4, "target_rps": 20})
    attrs = driver.create("endpoint", ADDR, cfg)

    settings = autoscale_settings(fake)
    assert sorted(n.split("-")[1] for n in settings) == ["blue", "green"]
    one = next(iter(settings.values()))["properties"]
    assert one["profiles"][0]["capacity"] == {"minimum": "1", "maximum": "4", "default": "1"}
    assert one["profiles"][0]["rules"][0]["metricTrigger"]["threshold"] == 1200.0
    assert one["targetResourceUri"].lower() in fake.objects

    # The autoscaler added instances: not a change of ours.
    blue = [n for n in deployments(fake) if n.startswith("blue-")][0]
    fake.objects[f"{fake.workspace_id}/onlineEndpoints/iris/deployments/{blue}".lower()]["sku"]["capacity"] = 3
    read = driver.read("endpoint", ADDR, attrs)
    assert read == attrs
    assert driver.plan("endpoint", ADDR, read, cfg).planned == attrs


def test_new_autoscaling_bounds_update_the_settings_and_removing_autoscaling_deletes_them(
    driver: Driver, fake: AzureMLFake, models: tuple[str, str]
) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0], autoscaling={"min": 1, "max": 4}))
    _, attrs = driver.change("endpoint", ADDR, attrs, endpoint(models[0], autoscaling={"min": 2, "max": 6}))
    caps = {o["properties"]["profiles"][0]["capacity"]["maximum"] for o in autoscale_settings(fake).values()}
    assert caps == {"6"}

    driver.change("endpoint", ADDR, attrs, endpoint(models[0]))
    assert autoscale_settings(fake) == {}


def test_an_autoscale_setting_deleted_outside_is_drift(driver: Driver, fake: AzureMLFake, models: tuple[str, str]) -> None:
    attrs = driver.create("endpoint", ADDR, endpoint(models[0], autoscaling={"min": 1, "max": 2}))
    for k in [k for k in fake.objects if "/autoscalesettings/" in k]:
        del fake.objects[k]
    read = driver.read("endpoint", ADDR, attrs)
    assert read is not None and read["autoscaling"] is None
    driver.change("endpoint", ADDR, read, endpoint(models[0], autoscaling={"min": 1, "max": 2}))
    assert len(autoscale_settings(fake)) == 2
