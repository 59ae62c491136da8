"""The one pure function that decides a resource's action, tested from a table."""

from __future__ import annotations

import pytest

from mlinfra.plans.model import Action, decide_action

# prior, planned, changed, requires_replace, forced, tainted, cbd -> action
TABLE = [
    (False, False, False, False, False, False, False, Action.NOOP),
    (False, True, False, False, False, False, False, Action.CREATE),
    (False, True, True, True, True, True, True, Action.CREATE),
    (True, False, False, False, False, False, False, Action.DELETE),
    (True, False, True, True, False, False, True, Action.DELETE),
    (True, True, False, False, False, False, False, Action.NOOP),
    (True, True, True, False, False, False, False, Action.UPDATE),
    (True, True, True, False, False, False, True, Action.UPDATE),
    (True, True, True, True, False, False, False, Action.DELETE_THEN_CREATE),
    (True, True, True, True, False, False, True, Action.CREATE_THEN_DELETE),
    (True, True, False, True, False, False, False, Action.NOOP),
    (True, True, False, False, True, False, False, Action.DELETE_THEN_CREATE),
    (True, True, False, False, True, False, True, Action.CREATE_THEN_DELETE),
    (True, True, False, False, False, True, False, Action.DELETE_THEN_CREATE),
    (True, True, False, False, False, True, True, Action.CREATE_THEN_DELETE),
]


@pytest.mark.parametrize("prior,planned,changed,replace,forced,tainted,cbd,expected", TABLE)
def test_action_table(prior, planned, changed, replace, forced, tainted, cbd, expected) -> None:
    got = decide_action(
        prior_exists=prior,
        planned_exists=planned,
        changed=changed,
        requires_replace=replace,
        forced_replace=forced,
        tainted=tainted,
        create_before_destroy=cbd,
    )
    assert got is expected


def test_actions_carry_their_terraform_symbols_and_json() -> None:
    assert [a.symbol for a in (Action.CREATE, Action.UPDATE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE, Action.DELETE)] == [
        "+", "~", "-/+", "+/-", "-"
    ]
    assert Action.CREATE_THEN_DELETE.json_actions == ["create", "delete"]
    assert Action.from_json_actions(["delete", "create"]) is Action.DELETE_THEN_CREATE
