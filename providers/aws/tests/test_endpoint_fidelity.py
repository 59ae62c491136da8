"""Endpoint behaviours that moto alone lets pass and SageMaker does not: each test here
fails against a provider that trusts moto's leniency (see aws_moto_support)."""

from __future__ import annotations

from typing import Any

import aws_moto_support as patched
import pytest
from aws_driver import Driver
from test_aws_endpoint import configs, make_models, two_variants

from mlinfra.conformance.driver import ApplyFailed
from mlinfra.providers.protocol import ValidateRequest

CANARY = {"strategy": "canary", "steps": 10, "interval": "5m", "gates": {"alarms": ["churn-5xx"]}}
SCALING = {"min": 1, "max": 4, "target_rps": 10}


def targets(driver: Driver) -> dict[str, tuple[int, int]]:
    aas = driver.client("application-autoscaling")
    found, token = {}, None
    while True:
        page = aas.describe_scalable_targets(ServiceNamespace="sagemaker", **({"NextToken": token} if token else {}))
        found.update({t["ResourceId"]: (t["MinCapacity"], t["MaxCapacity"]) for t in page["ScalableTargets"]})
        token = page.get("NextToken")
        if not token:
            return found


def live_counts(driver: Driver, name: str = "churn") -> dict[str, Any]:
    live = driver.sm.describe_endpoint(EndpointName=name)
    return {v["VariantName"]: v.get("DesiredInstanceCount") for v in live["ProductionVariants"]}


def test_an_endpoint_at_an_indexed_address_carries_an_address_tag_sagemaker_accepts(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    address = 'module.eu.endpoint.churn["west"]'
    attrs = driver.create("endpoint", address, two_variants(models))

    arn = driver.sm.describe_endpoint(EndpointName=attrs["id"])["EndpointArn"]
    tags = {t["Key"]: t["Value"] for t in driver.sm.list_tags(ResourceArn=arn)["Tags"]}
    assert tags["mlinfra:address"] == "module.eu.endpoint.churn@5B@22west@22@5D"
    found = driver.read("endpoint", address, {}, id=None)  # type: ignore[arg-type]
    assert found is not None and found["id"] == attrs["id"]


def test_tags_sagemaker_would_refuse_are_an_error_at_validate(driver: Driver) -> None:
    resp = driver.provider.validate(
        ValidateRequest("endpoint", "endpoint.churn", {"variant": {"blue_v2": {"model": "m"}}, "tags": {"owner": "ana<ml>"}})
    )
    details = " ".join(d.detail for d in resp.diagnostics.errors)
    assert 'Variant name "blue_v2"' in details and '"blue-v2"' in details
    assert 'Tag value "ana<ml>"' in details


def test_a_weight_change_sagemaker_rolls_back_is_an_error_and_state_keeps_the_old_weights(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    patched.ROLL_BACK_WEIGHTS.add("churn")

    with pytest.raises(ApplyFailed) as err:
        driver.change("endpoint", "endpoint.churn", attrs, two_variants(models, blue=50, green=50))

    [diag] = err.value.diagnostics
    assert "rolled back" in diag.summary and patched.WEIGHTS_REASON in diag.detail
    assert err.value.resp.attributes["variant"]["blue"]["weight"] == 90
    refreshed = driver.read("endpoint", "endpoint.churn", attrs)
    assert refreshed is not None and refreshed["variant"]["blue"]["weight"] == 90
    plan = driver.plan("endpoint", "endpoint.churn", refreshed, two_variants(models, blue=50, green=50))
    assert plan.reason == "weights shift in place"


def test_a_refused_update_endpoint_keeps_autoscaling_and_leaves_no_new_config(driver: Driver) -> None:
    models = make_models(driver, "a", "b", "c")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models, autoscaling=SCALING))
    before_targets, before_configs = targets(driver), configs(driver)
    bigger = two_variants(models, autoscaling=SCALING)
    bigger["variant"]["blue"]["instance_type"] = "ml.m5.xlarge"
    patched.REFUSE["UpdateEndpoint"] = ("AccessDeniedException", "User is not authorized to perform sagemaker:UpdateEndpoint")

    with pytest.raises(ApplyFailed) as err:
        driver.change("endpoint", "endpoint.churn", attrs, bigger)

    assert "not authorized" in err.value.diagnostics[0].detail
    assert targets(driver) == before_targets and len(before_targets) == 2
    assert configs(driver) == before_configs


def test_autoscaling_removed_out_of_band_is_drift_and_the_next_apply_restores_it(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    args = two_variants(models, autoscaling=SCALING)
    attrs = driver.create("endpoint", "endpoint.churn", args)
    driver.client("application-autoscaling").deregister_scalable_target(
        ServiceNamespace="sagemaker", ResourceId="endpoint/churn/variant/blue", ScalableDimension="sagemaker:variant:DesiredInstanceCount"
    )

    refreshed = driver.read("endpoint", "endpoint.churn", attrs)
    assert refreshed is not None and refreshed["autoscaling"] is None
    _, after = driver.change("endpoint", "endpoint.churn", refreshed, args)
    assert set(targets(driver)) == {"endpoint/churn/variant/blue", "endpoint/churn/variant/green"}
    assert driver.read("endpoint", "endpoint.churn", after) == after


def test_adding_a_variant_under_a_canary_rollout_swaps_all_at_once_as_sagemaker_requires(driver: Driver) -> None:
    models = make_models(driver, "a", "b", "c")
    one = {"variant": {"blue": {"model": models["a"], "instance_type": "ml.m5.large"}}, "rollout": CANARY}
    attrs = driver.create("endpoint", "endpoint.churn", one)
    two = two_variants(models, rollout=CANARY)

    plan, after = driver.change("endpoint", "endpoint.churn", attrs, two)

    assert plan.reason == "all-at-once swap"
    [update] = patched.UPDATES
    assert update["DeploymentConfig"] is None
    assert set(after["variant"]) == {"blue", "green"}
    plan = driver.plan("endpoint", "endpoint.churn", after, two_variants({"a": models["c"], "b": models["b"]}, rollout=CANARY))
    assert plan.reason == "blue/green canary swap"


def test_a_model_swap_keeps_autoscaled_capacity_and_its_targets(driver: Driver) -> None:
    models = make_models(driver, "a", "b", "c")
    args = two_variants(models, autoscaling=SCALING)
    attrs = driver.create("endpoint", "endpoint.churn", args)
    # The autoscaler has grown blue to 3 instances.
    driver.sm.update_endpoint_weights_and_capacities(
        EndpointName="churn", DesiredWeightsAndCapacities=[{"VariantName": "blue", "DesiredWeight": 90, "DesiredInstanceCount": 3}]
    )
    driver.sm.describe_endpoint(EndpointName="churn")
    driver.sm.describe_endpoint(EndpointName="churn")
    before_targets = targets(driver)

    driver.change("endpoint", "endpoint.churn", attrs, two_variants({"a": models["c"], "b": models["b"]}, autoscaling=SCALING))

    assert live_counts(driver)["blue"] == 3
    assert patched.UPDATES[0]["RetainAllVariantProperties"] is True
    assert targets(driver) == before_targets


def test_an_instance_type_change_under_autoscaling_lifts_only_that_variants_target(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models, autoscaling=SCALING))
    bigger = two_variants(models, autoscaling=SCALING)
    bigger["variant"]["green"]["instance_type"] = "ml.m5.xlarge"

    _, after = driver.change("endpoint", "endpoint.churn", attrs, bigger)

    assert after["variant"]["green"]["instance_type"] == "ml.m5.xlarge"
    assert set(targets(driver)) == {"endpoint/churn/variant/blue", "endpoint/churn/variant/green"}


def test_targets_of_other_endpoints_on_earlier_pages_do_not_hide_this_ones(driver: Driver) -> None:
    aas = driver.client("application-autoscaling")
    for i in range(5):
        aas.register_scalable_target(
            ServiceNamespace="sagemaker", ResourceId=f"endpoint/aaa{i}/variant/x", ScalableDimension="sagemaker:variant:DesiredInstanceCount", MinCapacity=1, MaxCapacity=2
        )
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models, autoscaling=SCALING))
    driver.delete("endpoint", "endpoint.churn", attrs)

    assert not [t for t in targets(driver) if "churn" in t]
    assert configs(driver) == []


def test_find_reads_every_page_of_endpoints(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    for i in range(3):
        driver.sm.create_endpoint_config(
            EndpointConfigName=f"churn-other-{i}",
            ProductionVariants=[{"VariantName": "x", "ModelName": models["a"], "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}],
        )
        driver.sm.create_endpoint(EndpointName=f"churn-other-{i}", EndpointConfigName=f"churn-other-{i}")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    found = driver.read("endpoint", "endpoint.churn", {}, id=None)  # type: ignore[arg-type]
    assert found is not None and found["id"] == attrs["id"]


def test_a_failed_create_waits_until_the_endpoint_is_gone_so_a_retry_can_create_it(driver: Driver) -> None:
    models = make_models(driver, "a")
    with pytest.raises(ApplyFailed):
        driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": models["a"], "instance_type": "ml.fail.large"}}})
    assert driver.sm.list_endpoints()["Endpoints"] == [] and configs(driver) == []

    attrs = driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": models["a"]}}})
    assert attrs["status"] == "InService"


def test_a_slow_endpoint_is_kept_in_state_after_a_wait_timeout_not_deleted(driver: Driver) -> None:
    models = make_models(driver, "a")
    driver.provider.config.wait_timeout = 0.1
    with pytest.raises(ApplyFailed) as err:
        driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": models["a"], "instance_type": "ml.slow.large"}}})
    partial = err.value.resp.attributes
    assert partial["id"] == "churn" and partial["status"] == "Creating"
    assert [e["EndpointName"] for e in driver.sm.list_endpoints()["Endpoints"]] == ["churn"]
    assert "DeleteEndpoint" not in patched.CALLS


def test_an_update_whose_rollback_fails_is_a_failure_not_a_rollback(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    attrs = driver.create("endpoint", "endpoint.churn", two_variants(models))
    stuck = two_variants(models)
    stuck["variant"]["green"]["instance_type"] = "ml.stuck.large"
    with pytest.raises(ApplyFailed) as err:
        driver.change("endpoint", "endpoint.churn", attrs, stuck)
    [diag] = err.value.diagnostics
    assert "rolled back" not in diag.summary and "failed" in diag.summary
    assert "so did SageMaker's rollback" in diag.detail and patched.STUCK_REASON in diag.detail


def test_tags_and_data_capture_changed_out_of_band_are_drift(driver: Driver) -> None:
    models = make_models(driver, "a", "b")
    args = two_variants(models, data_capture={"enabled": True, "sample_percent": 25}, tags={"owner": "ana"})
    attrs = driver.create("endpoint", "endpoint.churn", args)
    arn = driver.sm.describe_endpoint(EndpointName="churn")["EndpointArn"]
    driver.sm.add_tags(ResourceArn=arn, Tags=[{"Key": "owner", "Value": "bob"}])
    plain = driver.sm.describe_endpoint_config(EndpointConfigName=configs(driver)[0])["ProductionVariants"]
    driver.sm.create_endpoint_config(EndpointConfigName="manual", ProductionVariants=plain)
    driver.sm.update_endpoint(EndpointName="churn", EndpointConfigName="manual")
    for _ in range(3):
        driver.sm.describe_endpoint(EndpointName="churn")

    refreshed = driver.read("endpoint", "endpoint.churn", attrs)
    assert refreshed is not None
    assert refreshed["tags"] == {"owner": "bob"} and refreshed["data_capture"] is None
    plan = driver.plan("endpoint", "endpoint.churn", refreshed, args)
    assert plan.planned["tags"] == {"owner": "ana"} and plan.reason == "all-at-once swap"


def test_the_runtime_url_uses_the_partitions_dns_suffix(moto: str, tmp_path: Any) -> None:
    from aws_driver import provider_config

    d = Driver(provider_config(moto, region="cn-north-1"), tmp_path)
    planned = d.plan("endpoint", "endpoint.churn", None, {"variant": {"blue": {"model": "m"}}}).planned
    assert planned["url"] == "https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/endpoints/churn/invocations"
