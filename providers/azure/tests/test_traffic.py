"""The pure traffic decisions: whole percents, deployment names and rollout steps."""

from __future__ import annotations

from mlinfra_provider_azure import traffic


def test_weights_become_whole_percents_summing_to_100() -> None:
    assert traffic.percents({"a": 2, "b": 1}) == {"a": 67, "b": 33}
    assert traffic.percents({"a": 0, "b": 0}) == {"a": 0, "b": 0}
    assert sum(traffic.percents({k: 1 for k in "abcdefg"}).values()) == 100


def test_a_deployment_name_changes_with_the_model_and_fits_the_service_pattern() -> None:
    one = traffic.deployment_name("blue_variant", {"model": "azureml:iris:1", "instance_type": "Standard_DS3_v2"})
    two = traffic.deployment_name("blue_variant", {"model": "azureml:iris:2", "instance_type": "Standard_DS3_v2"})
    assert one != two and one.startswith("blue-variant-") and len(one) <= 32
    assert traffic.deployment_name("9x", {"model": "m"})[0].isalpha()


def test_a_canary_moves_a_small_share_first_then_the_rest() -> None:
    steps = traffic.steps({"old": 100}, {"new": 100}, "canary", 10)
    assert steps == [{"old": 90, "new": 10}, {"new": 100}]


def test_a_linear_rollout_moves_equal_shares() -> None:
    steps = traffic.steps({"old": 100}, {"new": 100}, "linear", 4)
    assert [s.get("new", 0) for s in steps] == [25, 50, 75, 100]


def test_live_percents_matching_the_recorded_weights_keep_them_and_others_are_drift() -> None:
    assert traffic.weights_from_live({"a": 9, "b": 1}, {"a": 90, "b": 10}) == {"a": 9, "b": 1}
    assert traffic.weights_from_live({"a": 9, "b": 1}, {"a": 30, "b": 70}) == {"a": 30.0, "b": 70.0}
