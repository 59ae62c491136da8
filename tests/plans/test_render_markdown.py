"""The pull-request comment: summary first, a warning for destruction, a size limit."""

from __future__ import annotations

from typing import Any

import pytest

from mlinfra.plans.model import Action, Mode, Plan, ResourceChange
from mlinfra.plans.render_markdown import diff_line, render_markdown
from mlinfra.values import UNKNOWN, Sensitive

SECRET = "s3cr3t-value-never-shown"


def change(address: str, action: Action, before: Any, after: Any, **kw: Any) -> ResourceChange:
    kind, name = address.split(".", 1)
    return ResourceChange(address, kind, name, None, "local", action, before, after, **kw)


def big_plan(n: int = 40) -> Plan:
    changes = [
        change(
            f"dataset.d{i:03}",
            Action.CREATE,
            None,
            {"source": f"file://data/{i}.csv", "id": UNKNOWN},
        )
        for i in range(n)
    ]
    changes.append(
        change("model.old", Action.DELETE, {"id": "m-old", "key": Sensitive(SECRET)}, None)
    )
    changes.append(
        change(
            "endpoint.iris",
            Action.DELETE_THEN_CREATE,
            {"id": "e", "region": "eu"},
            {"id": UNKNOWN, "region": "us"},
            replace_paths=[("region",)],
        )
    )
    return Plan(Mode.NORMAL, changes, "l", 1)


def test_the_summary_line_comes_first() -> None:
    md = render_markdown(big_plan(2))
    assert md.splitlines()[0] == "**Plan:** 3 to add, 0 to change, 2 to destroy"


def test_deletions_and_replacements_raise_a_loud_warning_naming_them() -> None:
    md = render_markdown(big_plan(2))
    assert "> [!CAUTION]\n> **This plan destroys or replaces 2 resources:**" in md
    assert "> - `endpoint.iris` will be replaced" in md
    assert "> - `model.old` will be destroyed" in md


def test_a_plan_that_only_adds_has_no_warning() -> None:
    p = Plan(Mode.NORMAL, [change("model.a", Action.CREATE, None, {"id": UNKNOWN})], "l", 1)
    md = render_markdown(p)
    assert "CAUTION" not in md
    assert md.startswith(
        "**Plan:** 1 to add, 0 to change, 0 to destroy\n\n<details><summary>Show plan</summary>"
    )


def test_the_plan_sits_in_a_collapsed_diff_block_with_symbols_at_line_starts() -> None:
    md = render_markdown(big_plan(1))
    body = md.split("```diff\n", 1)[1].split("\n```", 1)[0]
    assert '+   dataset "d000" {' in body
    assert '+       source = "file://data/0.csv"' in body
    assert '-/+ endpoint "iris" {' in body
    assert '!       region = "eu" -> "us" # forces replacement' in body
    assert md.rstrip().endswith("</details>")


def test_symbols_move_to_column_zero_and_tilde_becomes_bang() -> None:
    assert diff_line("      ~ weight = 90 -> 100") == "!       weight = 90 -> 100"
    assert diff_line('  - model "x" {') == '-   model "x" {'
    assert (
        diff_line("        # (2 unchanged attributes hidden)")
        == "        # (2 unchanged attributes hidden)"
    )


@pytest.mark.parametrize("limit", [700, 1000, 2500])
def test_a_long_plan_is_cut_to_the_limit_with_a_note_on_how_to_see_the_rest(limit: int) -> None:
    full = render_markdown(big_plan())
    assert len(full) > 2500
    md = render_markdown(big_plan(), max_chars=limit)
    assert len(md) <= limit
    assert md.startswith("**Plan:** 41 to add")
    assert "characters not shown. Run `mlinfra show PLANFILE`" in md
    assert md.rstrip().endswith("</details>")


def test_the_truncation_note_counts_what_was_cut() -> None:
    from mlinfra.plans.render_text import render_plan

    md = render_markdown(big_plan(), max_chars=1500)
    body_len = len(render_plan(big_plan()))
    shown = md.split("```diff\n", 1)[1].split("\n... plan truncated", 1)[0]
    missing = body_len - len(shown)
    assert f"{missing:,} of {body_len:,} characters not shown" in md


def test_a_limit_too_small_for_the_plan_keeps_the_summary_and_the_note() -> None:
    md = render_markdown(big_plan(), max_chars=250)
    assert len(md) <= 250
    assert md.startswith("**Plan:** 41 to add, 0 to change, 2 to destroy\n\n... plan truncated")
    assert md.rstrip().endswith("to see all of it.")


def test_an_absurdly_small_limit_is_still_respected() -> None:
    assert len(render_markdown(big_plan(), max_chars=40)) <= 40


def test_sensitive_values_never_appear_in_the_comment() -> None:
    assert SECRET not in render_markdown(big_plan())


def test_no_changes_reads_as_no_changes() -> None:
    md = render_markdown(Plan(Mode.NORMAL, [], "l", 1))
    assert md.startswith("**No changes.** Your infrastructure matches the configuration.")
    assert "CAUTION" not in md
