"""The pure traffic decisions, from tables: whole percentages from weights, the steps of
a rollout, and which deployed models a change keeps, rescales, deploys and retires."""

from __future__ import annotations

import pytest
from mlinfra_provider_gcp import traffic
from mlinfra_provider_gcp.deployments import same_model
from mlinfra_provider_gcp.traffic import Desired, Live


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"a": 100}, {"a": 100}),
        ({"a": 80, "b": 20}, {"a": 80, "b": 20}),
        ({"a": 2, "b": 1}, {"a": 67, "b": 33}),
        ({"a": 1, "b": 1, "c": 1}, {"a": 34, "b": 33, "c": 33}),
        ({"a": 0.5, "b": 0.5}, {"a": 50, "b": 50}),
        ({"a": 100, "b": 0}, {"a": 100, "b": 0}),
        ({"a": 0, "b": 0}, {}),
    ],
)
def test_weights_become_whole_percentages_that_add_up_to_100(weights: dict[str, float], expected: dict[str, int]) -> None:
    got = traffic.percentages(weights)
    assert got == expected
    assert sum(got.values()) in (0, 100)


@pytest.mark.parametrize(
    ("rollout", "fractions"),
    [
        (None, [1.0]),
        ({"strategy": "all_at_once"}, [1.0]),
        ({"strategy": "canary", "steps": 10}, [0.1, 1.0]),
        ({"strategy": "canary"}, [0.1, 1.0]),
        ({"strategy": "linear", "steps": 4}, [0.25, 0.5, 0.75, 1.0]),
    ],
)
def test_a_rollout_is_a_list_of_steps(rollout: dict[str, object] | None, fractions: list[float]) -> None:
    assert traffic.rollout_fractions(rollout) == fractions


def test_a_blend_moves_part_of_the_traffic_and_drops_empty_entries() -> None:
    assert traffic.blend({"1": 100}, {"2": 100}, 0.1) == {"1": 90, "2": 10}
    assert traffic.blend({"1": 100}, {"2": 100}, 1.0) == {"2": 100}
    assert traffic.blend({"1": 50, "2": 50}, {"1": 50, "3": 50}, 0.5) == {"1": 50, "2": 25, "3": 25}


def want(variant: str, model: str, machine: str = "n1-standard-2", lo: int = 1, hi: int = 1) -> Desired:
    return Desired(variant, model, machine, lo, hi)


def have(id: str, variant: str, model: str, machine: str = "n1-standard-2", lo: int = 1, hi: int = 1) -> Live:
    return Live(id, variant, model, machine, lo, hi)


def test_a_variant_keeps_its_deployed_model_while_model_and_machine_stay() -> None:
    c = traffic.changes({"a": want("a", "models/m@1")}, [have("7", "a", "models/m@1")], same_model)
    assert c.keep == {"a": "7"} and not c.deploy and not c.retire and not c.fleet_changes


def test_a_new_version_or_machine_type_deploys_anew_and_retires_the_old() -> None:
    c = traffic.changes(
        {"a": want("a", "models/m@2"), "b": want("b", "models/n@1", machine="n1-standard-4")},
        [have("7", "a", "models/m@1"), have("8", "b", "models/n@1")],
        same_model,
    )
    assert [d.variant for d in c.deploy] == ["a", "b"] and c.retire == ["7", "8"]


def test_replica_counts_rescale_in_place_and_removed_variants_retire() -> None:
    c = traffic.changes({"a": want("a", "models/m@1", lo=2, hi=4)}, [have("7", "a", "models/m@1"), have("9", "gone", "models/x@1")], same_model)
    assert c.keep == {"a": "7"} and c.rescale == {"7": (2, 4)} and c.retire == ["9"]


def test_a_model_without_a_version_means_whatever_version_is_deployed() -> None:
    assert same_model("models/m", "models/m@3") and not same_model("models/m@2", "models/m@3")
    assert traffic.normalise_model("projects/123/locations/us-central1/models/m@3") == "models/m@3"
