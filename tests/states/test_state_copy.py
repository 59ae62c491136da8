"""``State.copy`` is the JSON round trip ``State.from_json(state.to_json())`` without the
JSON form in between: the same records, fields and order, new records and lists, the
attribute values shared as the round trip shares them."""

from __future__ import annotations

import dataclasses

from mlinfra.states.model import Deposed, OutputState, ResourceState, State


def _state() -> State:
    return State(
        lineage="L",
        serial=7,
        mlinfra_version="0.1.0",
        resources={
            "model.b": ResourceState(
                "model.b", "model", "local", "b/v1", {"id": "b/v1", "tags": {"k": [1, 2]}},
                sensitive_paths=[["tags", "k"]], schema_version=2,
                dependencies=["dataset.z", "dataset.a"], status="tainted",
                deposed=[Deposed("d1", "old", {"id": "old"}, {"p": 1})], private={"locator": {"name": "b"}},
            ),
            "dataset.a": ResourceState("dataset.a", "dataset", "local.eu", None, {}, status="creating"),
            # Kept among the managed records although it is a data source's read: the
            # round trip files it with the data sources, and so does a copy.
            "data.dataset.x": ResourceState("data.dataset.x", "dataset", "local", "x", {"id": "x"}, mode="data"),
        },
        outputs={"z": OutputState("v", True), "a": OutputState([1], False)},
        data={"data.model.m": ResourceState("data.model.m", "model", "local", "m", {"id": "m"}, mode="data")},
    )


def _round_trip(s: State) -> State:
    return State.from_json(s.to_json())


def test_a_copy_is_the_round_trip_field_for_field_and_in_order() -> None:
    s = _state()
    copy, expected = s.copy(), _round_trip(s)
    assert copy == expected
    assert list(copy.resources) == list(expected.resources) == ["dataset.a", "model.b"]
    assert list(copy.data) == list(expected.data)
    assert list(copy.outputs) == list(expected.outputs) == ["a", "z"]
    for a, b in zip(copy.resources.values(), expected.resources.values(), strict=True):
        assert dataclasses.asdict(a) == dataclasses.asdict(b)


def test_a_copy_is_new_records_sharing_values_as_the_round_trip_does() -> None:
    s = _state()
    for copy in (s.copy(), _round_trip(s)):
        old, new = s.resources["model.b"], copy.resources["model.b"]
        assert new is not old and new.deposed[0] is not old.deposed[0]
        assert new.dependencies is not old.dependencies and new.dependencies == ["dataset.a", "dataset.z"]
        assert new.attributes is old.attributes and new.private is old.private
        new.status = "ready"
        new.deposed.clear()
        assert old.status == "tainted" and len(old.deposed) == 1


def test_a_copy_of_an_empty_state_is_empty() -> None:
    s = State(lineage="L")
    assert s.copy() == _round_trip(s) == State(lineage="L", serial=0)
