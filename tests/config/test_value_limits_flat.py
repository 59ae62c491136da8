"""``limits.value_problem`` answers a flat map of strings (most arguments' maps) without
its walk; the answers are the walk's, at and beyond every limit."""

from __future__ import annotations

from typing import Any

import pytest

from mlinfra.config import expressions, limits
from mlinfra.config.syntax import Literal
from mlinfra.diagnostics import DiagnosticsError, SourceRange
from mlinfra.values import UNKNOWN, Sensitive


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_STRING_LENGTH", 10)
    monkeypatch.setattr(limits, "MAX_VALUE_CHARACTERS", 20)
    monkeypatch.setattr(limits, "MAX_VALUE_ELEMENTS", 3)


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize(
    "value",
    [
        {"a": "x", "b": None, "c": True},
        {"a": "x" * 10},
        {"a": "x" * 11},
        {"k" * 5: "v" * 10, "j": "w" * 4},
        {"k" * 5: "v" * 10, "j": "w" * 5},
        {"a": "x", "b": "y", "c": "z"},
        {"a": "x", "b": "y", "c": "z", "d": "w"},
        {"a": UNKNOWN, "b": 1},
        {"a": Sensitive("x" * 11)},
        {"a": {"b": "c"}},
        {},
    ],
)
def test_a_flat_map_gets_the_walks_answer(value: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    quick = limits.value_problem(value)
    monkeypatch.setattr(limits, "_flat_within", lambda _: False)
    assert quick == limits.value_problem(value)


@pytest.mark.usefixtures("small_limits")
def test_the_messages_of_a_flat_map_beyond_the_limits() -> None:
    assert limits.value_problem({"a": "x" * 11}) == limits._string_too_long(11)
    assert "characters of text" in (limits.value_problem({"k" * 5: "v" * 10, "j": "w" * 6}) or "")
    assert "elements" in (limits.value_problem({"a": "x", "b": "y", "c": "z", "d": "w"}) or "")
    assert limits.value_problem({"a": "x" * 10, "b": None, "c": UNKNOWN}) is None


def test_a_literal_argument_is_its_value_and_still_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = SourceRange("main.hcl", 1, 5, 1, 9)
    assert expressions.evaluate(Literal("abc", rng), None) == "abc"  # type: ignore[arg-type]
    monkeypatch.setattr(limits, "MAX_STRING_LENGTH", 2)
    with pytest.raises(DiagnosticsError) as e:
        expressions.evaluate(Literal("abc", rng), None)  # type: ignore[arg-type]
    (diag,) = e.value.diagnostics
    assert diag.summary == "Value beyond the limits" and diag.range == rng
