"""Pure translations and names: rollouts to DeploymentConfig, data capture, durations,
generated names and the prebuilt image table."""

from __future__ import annotations

import pytest
from mlinfra_provider_aws import images, naming, serving
from mlinfra_provider_aws.config import EndpointBlock

from mlinfra.values import UNKNOWN


def routing(rollout: dict[str, object]) -> dict[str, object]:
    config = serving.deployment_config({"rollout": rollout}, EndpointBlock())
    assert config is not None
    return config["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]  # type: ignore[no-any-return]


def test_a_linear_rollout_shifts_equal_steps_at_the_interval() -> None:
    assert routing({"strategy": "linear", "steps": 4, "interval": 120}) == {
        "Type": "LINEAR",
        "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 25},
        "WaitIntervalInSeconds": 120,
    }


def test_a_canary_is_never_more_than_half_the_fleet() -> None:
    assert routing({"strategy": "canary", "steps": 1})["CanarySize"] == {"Type": "CAPACITY_PERCENT", "Value": 50}


def test_all_at_once_waits_nothing_by_default_and_no_rollout_means_no_deployment_config() -> None:
    assert routing({"strategy": "all_at_once"}) == {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}
    assert serving.deployment_config({"rollout": None}, EndpointBlock()) is None


def test_data_capture_goes_to_the_artifact_bucket_unless_told_otherwise() -> None:
    config = {"data_capture": {"enabled": True, "sample_percent": 20}}
    capture = serving.data_capture(config, EndpointBlock(), "churn", "bucket")
    assert capture is not None
    assert capture["DestinationS3Uri"] == "s3://bucket/mlinfra/data-capture/churn/"
    assert capture["InitialSamplingPercentage"] == 20
    with pytest.raises(ValueError, match="data_capture_uri"):
        serving.data_capture(config, EndpointBlock(), "churn", None)


def test_variants_without_an_instance_type_take_the_blocks_default() -> None:
    config = {"variant": {"b": {"model": "m2", "weight": 1}, "a": {"model": "m1", "weight": 3, "instance_type": "ml.c5.large"}}}
    variants = serving.production_variants(config, EndpointBlock(instance_type="ml.t2.medium"))
    assert [(v["VariantName"], v["InstanceType"], v["InitialVariantWeight"]) for v in variants] == [
        ("a", "ml.c5.large", 3.0),
        ("b", "ml.t2.medium", 1.0),
    ]


def test_durations_read_seconds_minutes_and_hours() -> None:
    assert [naming.seconds(v, 0) for v in (90, "30s", "5m", "1h", None)] == [90, 30, 300, 3600, 0]
    with pytest.raises(ValueError, match="not a duration"):
        naming.seconds("soon", 0)


def test_generated_names_are_valid_sagemaker_names_and_unknown_until_known() -> None:
    name = naming.hashed_name(naming.base_name('module.eu.model.churn["big"]'), {"a": 1})
    assert name is not None and name.startswith("eu-churn-big-") and len(name) <= 63
    assert naming.hashed_name("churn", {"a": UNKNOWN}) is None
    assert len(naming.hashed_name("x" * 100, {}) or "") == 63


def test_a_framework_without_a_prebuilt_image_asks_for_one() -> None:
    with pytest.raises(ValueError, match="set `image`"):
        images.framework_image("tensorflow", None, "us-east-1")
    with pytest.raises(ValueError, match="region"):
        images.framework_image("sklearn", None, "mars-north-1")
    assert images.framework_image("pytorch", "2.1", "eu-west-1").startswith("763104351884.dkr.ecr.eu-west-1")
