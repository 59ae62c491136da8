"""Reading a state checks each record; most take a fast path (``_plain_record``) that
must never pass a record the field-by-field check refuses. Every field of a good record
is replaced in turn by values of every JSON type and by nothing: wherever the fast path
says yes, the full check agrees."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from mlinfra.states import documents
from mlinfra.states.errors import StateError

GOOD: dict[str, Any] = {
    "address": "model.m[0]",
    "kind": "model",
    "provider": "local",
    "id": "m/v1",
    "attributes": {"id": "m/v1", "tags": {"a": [1, {"b": None}]}},
    "sensitive_paths": [["tags", "a", 0]],
    "schema_version": 1,
    "dependencies": ["dataset.d", 'module.x["k"].model.n'],
    "status": "ready",
    "deposed": [],
    "private": {"locator": {"name": "m"}},
}
MISSING = object()
VALUES: list[Any] = [
    MISSING, None, True, False, 0, -1, 2, 1.5, "", "ready", "tainted", "creating", "other",
    "model.m[0]", "dataset.m", "model", "not an address", "data.model.m", [], ["dataset.d"],
    ["x y"], [True], [1], [["a", 0]], [["a", True]], [[1.5]], ["a"], {}, {"k": "v"},
    [{"key": "k"}], "managed", "data",
]
FIELDS = [*GOOD, "mode"]


def _full_check(r: Any) -> bool:
    try:
        documents._Checker("state", "").record(r, "resources[0]")
    except StateError:
        return False
    return True


def test_a_good_record_takes_the_fast_path() -> None:
    assert documents._plain_record(dict(GOOD))
    assert documents._plain_record({k: GOOD[k] for k in ("address", "kind", "provider")})


@pytest.mark.parametrize("field", FIELDS)
def test_the_fast_path_never_passes_what_the_full_check_refuses(field: str) -> None:
    for value in VALUES:
        r = {k: v for k, v in GOOD.items() if k != field}
        if value is not MISSING:
            r[field] = value
        if documents._plain_record(r):
            assert _full_check(r), (field, value)


def test_pairs_of_changed_fields_too() -> None:
    for (f1, v1), (f2, v2) in itertools.combinations(itertools.product(FIELDS, VALUES[:12]), 2):
        if f1 == f2:
            continue
        r = dict(GOOD)
        for f, v in ((f1, v1), (f2, v2)):
            if v is MISSING:
                r.pop(f, None)
            else:
                r[f] = v
        if documents._plain_record(r):
            assert _full_check(r), (f1, v1, f2, v2)


def test_a_record_the_fast_path_declines_is_worded_by_the_full_check() -> None:
    r = dict(GOOD, schema_version=-1)
    assert not documents._plain_record(r)
    with pytest.raises(StateError) as e:
        documents._Checker("state", "").resource(r, "resources[0]")
    assert "resources[0].schema_version must not be negative" in e.value.diagnostics.items[0].detail
