"""The endpoint kind against moto: creation waits for InService, weight changes shift
traffic in place, fleet changes swap configurations blue/green, failures carry
SageMaker's reason, and out-of-band deletion is drift."""

from __future__ import annotations

import re
from typing import Any

import aws_moto_support as patched
import pytest
from aws_driver import IMAGE, Driver

from mlinfra.conformance.driver import ApplyFailed, full
from mlinfra.providers.protocol import IntentRequest, RecoverRequest


def make_models(driver: Driver, *names: str) -> dict[str, str]:
    out = {}
    for n in names:
        driver.put(f"s3://data/{n}.tar.gz", n.encode())
        out[n] = driver.create("model", f"model.{n}", {"artifact": f"s3://data/{n}.tar.gz", "image": IMAGE})["id"]
    return out


def two_variants(models: dict[str, str], blue: float = 90, green: float = 10, **extra: Any) -> dict[str, Any]:
    return {
        "variant": {
            "blue": {"model": models["a"], "weight": blue, "instance_type": "ml.m5.large"},
            "green": {"model": models["b"], "weight": green, "instance_type": "ml.m5.large"},
        },
        **extra,
    }


def configs(driver: Driver) -> list[str]:
    return sorted(c["EndpointConfigName"] for c in driver.sm.list_endpoint_configs()["EndpointConfigs"])


def test_an_endpoint_is_created_and_apply_waits_until_it_is_in_service(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))

    assert attrs["id"] == "churn" and attrs["status"] == "InService"
    assert attrs["url"] == "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/churn/invocations"
    assert patched.CALLS.count("DescribeEndpoint") >= 3  # Creating, Creating, InService
    assert any("Creating" in p for p in driver.progress)
    live = driver.sm.describe_endpoint_config(EndpointConfigName=configs(driver)[0])
    weights = {v["VariantName"]: v["InitialVariantWeight"] for v in live["ProductionVariants"]}
    assert weights == {"blue": 90, "green": 10}
    tags = driver.sm.list_tags(ResourceArn=driver.sm.describe_endpoint(EndpointName="churn")["EndpointArn"])["Tags"]
    assert {"Key": "mlinfra:address", "Value": "endpoint.churn"} in tags


def test_an_unchanged_endpoint_reads_back_to_a_no_op_plan(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    args = two_variants(models)
    attrs = driver.create("endpoint", "endpoint.churn", args)
    refreshed = driver.read("endpoint", "endpoint.churn", attrs)

    assert refreshed == attrs
    plan = driver.plan("endpoint", "endpoint.churn", refreshed, args)
    assert plan.planned == attrs and plan.requires_replace == []


def test_a_weight_change_shifts_traffic_in_place_without_a_new_config(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    before = configs(driver)

    plan, after = driver.change("endpoint", "endpoint.churn", attrs, two_variants(models, blue=50, green=50))

    assert plan.requires_replace == []
    assert "UpdateEndpointWeightsAndCapacities" in patched.CALLS
    assert "UpdateEndpoint" not in patched.CALLS
    assert configs(driver) == before
    live = driver.sm.describe_endpoint(EndpointName="churn")
    assert {v["VariantName"]: v["DesiredWeight"] for v in live["ProductionVariants"]} == {"blue": 50, "green": 50}
    assert driver.read("endpoint", "endpoint.churn", after) == after


def test_a_new_model_swaps_to_a_new_config_and_deletes_the_old_one_after_in_service(driver: Driver) -> None:
    models = make_models(driver, "a", "b", "c")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    [old_config] = configs(driver)

    swapped = two_variants({"a": models["a"], "b": models["c"]})
    plan, after = driver.change("endpoint", "endpoint.churn", attrs, swapped)

    assert plan.requires_replace == []
    [update] = patched.UPDATES
    new_config = update["EndpointConfigName"]
    assert new_config != old_config and new_config.startswith("churn-")
    assert configs(driver) == [new_config]
    live = driver.sm.describe_endpoint(EndpointName="churn")
    assert live["EndpointConfigName"] == new_config and live["EndpointStatus"] == "InService"
    # The old config outlived both Updating polls: it was deleted only after InService.
    calls = patched.CALLS
    swap = calls.index("UpdateEndpoint")
    deleted = calls.index("DeleteEndpointConfig", swap)
    assert calls[swap:deleted].count("DescribeEndpoint") >= 3
    assert driver.read("endpoint", "endpoint.churn", after) == after


def test_an_instance_type_change_is_a_config_swap_not_a_replace(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    bigger = two_variants(models)
    bigger["variant"]["blue"]["instance_type"] = "ml.m5.xlarge"

    plan, after = driver.change("endpoint", "endpoint.churn", attrs, bigger)

    assert plan.requires_replace == []
    cfg = driver.sm.describe_endpoint_config(EndpointConfigName=patched.UPDATES[0]["EndpointConfigName"])
    assert {v["VariantName"]: v["InstanceType"] for v in cfg["ProductionVariants"]}["blue"] == "ml.m5.xlarge"
    assert after["variant"]["blue"]["instance_type"] == "ml.m5.xlarge"


def test_a_canary_rollout_becomes_a_blue_green_deployment_config_with_alarms(driver: Driver) -> None:
    models = make_models(driver, "a", "b", "c")
    rollout = {"strategy": "canary", "steps": 10, "interval": "5m", "gates": {"alarms": ["churn-5xx"]}}
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models, rollout=rollout))
    driver.change("endpoint", "endpoint.churn", attrs, two_variants({"a": models["c"], "b": models["b"]}, rollout=rollout))

    deployment = patched.UPDATES[0]["DeploymentConfig"]
    routing = deployment["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]
    assert routing == {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}, "WaitIntervalInSeconds": 300}
    assert deployment["AutoRollbackConfiguration"] == {"Alarms": [{"AlarmName": "churn-5xx"}]}


def test_a_failed_endpoint_is_an_error_with_sagemakers_reason_and_leaves_nothing(driver: Driver) -> None:
    models = make_models(driver, "a")
    with pytest.raises(ApplyFailed) as err:
        driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": models["a"], "instance_type": "ml.fail.large"}}})

    [diag] = err.value.diagnostics
    assert diag.address == "endpoint.churn"
    assert patched.FAIL_REASON in diag.detail
    assert driver.sm.list_endpoints()["Endpoints"] == [] and configs(driver) == []


def test_a_rolled_back_update_is_an_error_and_the_endpoint_stays_on_its_config(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    [old_config] = configs(driver)
    failing = two_variants(models)
    failing["variant"]["green"]["instance_type"] = "ml.fail.large"

    with pytest.raises(ApplyFailed) as err:
        driver.change("endpoint", "endpoint.churn", attrs, failing)

    [diag] = err.value.diagnostics
    assert "rolled back" in diag.summary and patched.ROLLBACK_REASON in diag.detail
    assert err.value.resp.attributes == attrs
    assert driver.sm.describe_endpoint(EndpointName="churn")["EndpointConfigName"] == old_config
    assert configs(driver) == [old_config]


def test_an_endpoint_deleted_out_of_band_reads_as_gone(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    driver.sm.delete_endpoint(EndpointName="churn")
    assert driver.read("endpoint", "endpoint.churn", attrs) is None


def test_a_weight_changed_out_of_band_is_drift(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    args = two_variants(models)
    attrs = driver.create("endpoint", "endpoint.churn", args)
    driver.sm.update_endpoint_weights_and_capacities(
        EndpointName="churn", DesiredWeightsAndCapacities=[{"VariantName": "blue", "DesiredWeight": 1}]
    )
    refreshed = driver.read("endpoint", "endpoint.churn", attrs)
    assert refreshed is not None and refreshed["variant"]["blue"]["weight"] == 1
    assert driver.plan("endpoint", "endpoint.churn", refreshed, args).planned["variant"]["blue"]["weight"] == 90


def test_autoscaling_registers_targets_and_the_live_instance_count_is_not_drift(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    args = two_variants(models, autoscaling={"min": 1, "max": 4, "target_rps": 10})
    attrs = driver.create("endpoint", "endpoint.churn", args)
    aas = driver.client("application-autoscaling")

    targets = aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert sorted(t["ResourceId"] for t in targets) == ["endpoint/churn/variant/blue", "endpoint/churn/variant/green"]
    policies = aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
    assert {p["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] for p in policies} == {600.0}

    # The autoscaler grows the fleet: no drift, no plan.
    driver.sm.update_endpoint_weights_and_capacities(
        EndpointName="churn", DesiredWeightsAndCapacities=[{"VariantName": "blue", "DesiredWeight": 90, "DesiredInstanceCount": 3}]
    )
    refreshed = driver.read("endpoint", "endpoint.churn", attrs)
    assert refreshed == attrs
    assert driver.plan("endpoint", "endpoint.churn", refreshed, args).planned == attrs


def test_destroy_deletes_the_endpoint_its_config_and_scaling_targets(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models, autoscaling={"min": 1, "max": 2}))
    driver.delete("endpoint", "endpoint.churn", attrs)

    assert driver.sm.list_endpoints()["Endpoints"] == [] and configs(driver) == []
    aas = driver.client("application-autoscaling")
    assert aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"] == []


def test_an_existing_endpoint_is_imported_with_its_variants(driver: Driver) -> None:
    models = make_models(driver, "a")
    driver.sm.create_endpoint_config(
        EndpointConfigName="legacy-config",
        ProductionVariants=[{"VariantName": "main", "ModelName": models["a"], "InstanceType": "ml.m5.large", "InitialInstanceCount": 2, "InitialVariantWeight": 1.0}],
    )
    driver.sm.create_endpoint(EndpointName="legacy", EndpointConfigName="legacy-config")

    attrs = driver.read("endpoint", "endpoint.legacy", {}, id="legacy")
    assert attrs is not None
    assert attrs["id"] == "legacy"
    assert attrs["variant"] == {"main": {"model": models["a"], "weight": 1.0, "instance_type": "ml.m5.large", "instance_count": 2}}


def test_find_locates_an_endpoint_left_by_an_interrupted_apply(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    found = driver.read("endpoint", "endpoint.churn", {}, id=None)  # type: ignore[arg-type]
    assert found is not None and found["id"] == attrs["id"]


def test_the_endpoint_name_is_known_before_create(driver: Driver) -> None:
    planned = {"variant": {"blue": {"model": "m"}}, "aws": {"name": "churn-prod"}}
    assert driver.provider.intent(IntentRequest("endpoint", "endpoint.churn", planned)).locator == {"name": "churn-prod"}
    in_module = driver.provider.intent(IntentRequest("endpoint", 'module.eu.endpoint.churn["a"]', {})).locator["name"]
    # the module path in front, a hash of the address behind: never a root endpoint's name
    assert re.fullmatch(r"eu-churn-a-[0-9a-f]{8}", in_module)


def test_create_adopts_an_endpoint_an_interrupted_apply_left_behind(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    driver.create("endpoint", "endpoint.churn", two_variants(models))
    # The state never learnt of it; the next apply creates again and must not collide.
    again = driver.create("endpoint", "endpoint.churn", two_variants(models, blue=70, green=30))
    assert again["id"] == "churn"
    live = driver.sm.describe_endpoint(EndpointName="churn")
    assert {v["VariantName"]: v["DesiredWeight"] for v in live["ProductionVariants"]} == {"blue": 70, "green": 30}


def test_an_untagged_endpoint_of_the_same_name_is_not_taken_over(driver: Driver) -> None:
    models = make_models(driver, "a")
    variants = [{"VariantName": "x", "ModelName": models["a"], "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}]
    driver.sm.create_endpoint_config(EndpointConfigName="theirs", ProductionVariants=variants)
    driver.sm.create_endpoint(EndpointName="churn", EndpointConfigName="theirs")
    with pytest.raises(ApplyFailed) as err:
        driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": models["a"]}}})
    assert "already exists" in err.value.diagnostics[0].summary


def test_data_capture_is_part_of_the_endpoint_config(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    driver.create("endpoint", "endpoint.churn", two_variants(models, data_capture={"enabled": True, "sample_percent": 25}))
    cfg = driver.sm.describe_endpoint_config(EndpointConfigName=configs(driver)[0])
    assert cfg["DataCaptureConfig"]["DestinationS3Uri"] == "s3://mlinfra-artifacts/mlinfra/data-capture/churn/"
    assert cfg["DataCaptureConfig"]["InitialSamplingPercentage"] == 25


def test_an_update_waits_for_a_busy_endpoint_before_changing_it(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    # Someone else's change is still rolling out.
    driver.sm.update_endpoint_weights_and_capacities(
        EndpointName="churn", DesiredWeightsAndCapacities=[{"VariantName": "blue", "DesiredWeight": 90}]
    )
    patched.CALLS.clear()

    driver.change("endpoint", "endpoint.churn", attrs, two_variants(models, blue=60, green=40))

    calls = patched.CALLS
    before_update = calls[: calls.index("UpdateEndpointWeightsAndCapacities")]
    assert before_update.count("DescribeEndpoint") >= 2  # saw Updating, then waited for InService


def test_waiting_is_bounded_and_a_timeout_says_how_to_wait_longer(driver: Driver) -> None:
    models = make_models(driver, "a")
    driver.provider.config.wait_timeout = 0.1
    with pytest.raises(ApplyFailed) as err:
        driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": models["a"], "instance_type": "ml.slow.large"}}})
    [diag] = err.value.diagnostics
    assert "Timed out waiting for endpoint churn" in diag.summary
    assert "Still Creating" in diag.detail and "wait_timeout" in diag.detail


def test_a_create_killed_before_the_endpoint_exists_leaves_no_endpoint_configuration(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    recorded: list[dict[str, Any]] = []
    handler = driver.provider.handlers["endpoint"]
    # The create got as far as the endpoint configuration, then the process died.
    with driver.provider.ctx.operation(record=recorded.append, locator={"name": "churn"}):
        handler.create_config("endpoint.churn", "churn", full("endpoint", two_variants(models)), None)  # type: ignore[attr-defined]
    assert len(configs(driver)) == 1 and recorded[-1]["endpoint_config"] == configs(driver)[0]
    resp = driver.provider.recover(RecoverRequest("endpoint", "endpoint.churn", recorded[-1]))
    assert resp.attributes is None and not resp.diagnostics.has_errors
    assert configs(driver) == []
