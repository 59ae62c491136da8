"""The planned-vs-applied check, as a table: what was unknown may be anything, what was
known must come back equal, and a sensitive value is never shown."""

from __future__ import annotations

from typing import Any

import pytest

from mlinfra.apply.consistency import inconsistencies
from mlinfra.values import UNKNOWN

CASES: list[tuple[str, dict[str, Any], dict[str, Any], list[str]]] = [
    ("unknown outputs take any value", {"id": UNKNOWN, "url": UNKNOWN}, {"id": "x", "url": "http://x"}, []),
    ("equal known values pass", {"source": "s3://a", "n": 1}, {"source": "s3://a", "n": 1.0}, []),
    ("a changed known value is caught", {"source": "s3://a"}, {"source": "s3://b"}, [".source"]),
    ("a known value dropped is caught", {"tags": {"a": "1"}}, {"tags": {}}, [".tags.a"]),
    ("an unknown leaf inside a known map", {"variant": {"b": {"model": UNKNOWN, "weight": 90}}},
     {"variant": {"b": {"model": "m", "weight": 90}}}, []),
    ("a known leaf beside an unknown one", {"variant": {"b": {"model": UNKNOWN, "weight": 90}}},
     {"variant": {"b": {"model": "m", "weight": 10}}}, [".variant.b.weight"]),
    ("attributes the plan did not name are not judged", {"id": UNKNOWN}, {"id": "x", "extra": 1}, []),
]


@pytest.mark.parametrize(("why", "planned", "applied", "paths"), CASES, ids=[c[0] for c in CASES])
def test_the_check_reports_exactly_the_known_attributes_that_changed(
    why: str, planned: dict[str, Any], applied: dict[str, Any], paths: list[str]
) -> None:
    diags = inconsistencies("fake", "dataset.d", planned, applied, [])
    found = [p for x in diags for p in paths if f"value: {p}:" in x.detail]
    assert len(diags) == len(paths) and found == paths, [x.detail for x in diags]


def test_a_sensitive_attribute_that_changed_is_named_but_not_shown() -> None:
    [diag] = inconsistencies("fake", "dataset.d", {"key": "s3cret"}, {"key": "0ther"}, [("key",)])
    assert ".key: was (sensitive value), but now (sensitive value)" in diag.detail
    assert "s3cret" not in diag.detail and "0ther" not in diag.detail
