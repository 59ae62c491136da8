"""Checking a resource's arguments looks through sensitive marks without copying
arguments that hold none, and without walking a marked value more than once per level."""

from __future__ import annotations

from typing import Any

from mlinfra.config import bodies
from mlinfra.diagnostics import Diagnostics, SourceRange
from mlinfra.values import UNKNOWN, Sensitive


def test_a_value_without_marks_is_returned_itself() -> None:
    value = {"a": "x", "tags": {"k": "v", "n": None}, "items": [1, {"b": True}], "u": UNKNOWN}
    assert bodies._strip_sensitive(value) is value


def test_marks_are_stripped_at_any_depth_and_the_input_is_left_as_it_was() -> None:
    value = {
        "a": "x",
        "tags": {"k": "v", "secret": Sensitive("s"), "z": "after"},
        "items": [1, [Sensitive(2), 3], {"b": Sensitive({"c": Sensitive("d")})}],
        "top": Sensitive(Sensitive("t")),
    }
    before = repr(value)
    out = bodies._strip_sensitive(value)
    assert out == {
        "a": "x",
        "tags": {"k": "v", "secret": "s", "z": "after"},
        "items": [1, [2, 3], {"b": {"c": "d"}}],
        "top": "t",
    }
    assert list(out["tags"]) == ["k", "secret", "z"]  # the order of the keys is kept
    assert repr(value) == before
    assert out["a"] is value["a"]


def test_a_mark_deep_in_a_long_chain_is_stripped() -> None:
    value: Any = Sensitive("leaf")
    for i in range(60):
        value = {"k": value, "i": i} if i % 2 else [i, value]
    out = bodies._strip_sensitive(value)
    for i in reversed(range(60)):
        out = out["k"] if i % 2 else out[1]
    assert out == "leaf"


def test_a_sensitive_argument_is_checked_as_its_plain_value() -> None:
    rng = SourceRange("main.hcl", 1)
    diags = Diagnostics()
    value = {"source": Sensitive("file://data.csv"), "tags": {"k": Sensitive("v")}}
    out = bodies.check_arguments("dataset", value, {}, rng, "dataset.d", diags)
    assert not diags.items
    assert out["source"] == Sensitive("file://data.csv") and out["tags"] == {"k": Sensitive("v")}
    diags = Diagnostics()
    bodies.check_arguments("dataset", {"source": Sensitive(5)}, {}, rng, "dataset.d", diags)
    assert diags.has_errors
