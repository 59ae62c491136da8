"""``values.changed_paths``: the leaves that differ between two values, with the quick
answer for identical plain data (most of a no-op plan) agreeing with the walk."""

from __future__ import annotations

from typing import Any

import pytest

from mlinfra.values import UNKNOWN, Sensitive, _changed_paths, _identical, changed_paths


class Text(str):
    """A str subclass: never taken for plain data by the quick answer."""


CASES: list[tuple[Any, Any, list[tuple[Any, ...]]]] = [
    ({"a": "x", "b": {"c": "y"}}, {"a": "x", "b": {"c": "y"}}, []),
    ({"a": "x"}, {"a": "z"}, [("a",)]),
    ({"a": "1"}, {"a": 1}, [("a",)]),
    ({"a": 1}, {"a": "1"}, [("a",)]),
    ({"a": 1}, {"a": 1.0}, []),
    ({"a": True}, {"a": 1}, [("a",)]),
    ({"a": "x", "t": {"k": "v"}}, {"a": "x", "t": {"k": "w"}}, [("t", "k")]),
    ({"a": "x"}, {"a": "x", "b": "y"}, [("b",)]),
    ({"a": "x"}, {"a": UNKNOWN}, [("a",)]),
    ({"a": "x"}, {"a": Sensitive("x")}, []),
    ({"a": Text("x")}, {"a": "x"}, []),
    ({"l": ["a", "b"]}, {"l": ["a", "c"]}, [("l", 1)]),
    ({"l": ["a", {"k": "v"}]}, {"l": ["a", {"k": "v"}]}, []),
    ("x", "x", []),
    ("x", "y", [()]),
]


@pytest.mark.parametrize(("before", "after", "expected"), CASES)
def test_changed_paths(before: Any, after: Any, expected: list[tuple[Any, ...]]) -> None:
    assert sorted(changed_paths(before, after), key=repr) == sorted(expected, key=repr)
    # The quick answer only ever says "identical" when the walk finds nothing.
    if _identical(before, after):
        assert list(_changed_paths(before, after)) == []


def test_identical_is_exact_about_types() -> None:
    assert _identical({"a": "x", "b": ["y", {"c": None}]}, {"a": "x", "b": ["y", {"c": None}]})
    assert not _identical({"a": "x"}, {"a": Text("x")})
    assert not _identical({"a": Text("x")}, {"a": Text("x")})  # in doubt: left to the walk
    assert not _identical({"a": 1}, {"a": True})
    assert not _identical({"a": "x"}, {"b": "x"})
