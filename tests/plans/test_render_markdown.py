"""The pull-request comment: summary first, a warning for destruction, a size limit."""

from __future__ import annotations

from typing import Any

import pytest

from mlinfra.cli.views.plan_markdown import diff_line, render_markdown
from mlinfra.plans.model import Action, Mode, Plan, ResourceChange
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
    assert "> **Endpoints (serving traffic):**\n> - `endpoint.iris` will be **replaced**" in md
    assert "> **Registered models (registry entries):**\n> - `model.old` will be **destroyed**" in md
    assert md.index("CAUTION") < md.index("<details>")


def test_a_plan_that_only_adds_has_no_warning() -> None:
    p = Plan(Mode.NORMAL, [change("model.a", Action.CREATE, None, {"id": UNKNOWN})], "l", 1)
    md = render_markdown(p)
    assert "CAUTION" not in md
    assert md.startswith(
        "**Plan:** 1 to add, 0 to change, 0 to destroy\n\n<details><summary><code>+ model.a</code> will be created</summary>"
    )


def test_each_resource_sits_in_its_own_collapsed_diff_block() -> None:
    md = render_markdown(big_plan(1))
    assert md.count("<details>") == md.count("</details>") == 3
    iris = md.split("<code>-/+ endpoint.iris</code> will be replaced</summary>", 1)[1].split("</details>", 1)[0]
    assert '-/+ endpoint "iris" {' in iris
    assert '!       region = "eu" -> "us" # forces replacement' in iris
    assert "dataset" not in iris
    d0 = md.split("<code>+ dataset.d000</code> will be created</summary>", 1)[1].split("</details>", 1)[0]
    assert '+       source = "file://data/0.csv"' in d0
    assert md.rstrip().endswith("</details>")


def test_extra_sections_follow_the_warning_before_the_diffs() -> None:
    md = render_markdown(big_plan(1), sections=["### Cost\n\n+$1.00/month"])
    assert md.index("CAUTION") < md.index("### Cost") < md.index("<details>")


def test_symbols_move_to_column_zero_and_tilde_becomes_bang() -> None:
    assert diff_line("      ~ weight = 90 -> 100") == "!       weight = 90 -> 100"
    assert diff_line('  - model "x" {') == '-   model "x" {'
    assert (
        diff_line("        # (2 unchanged attributes hidden)")
        == "        # (2 unchanged attributes hidden)"
    )


@pytest.mark.parametrize("limit", [1500, 3000, 6000])
def test_a_long_plan_keeps_whole_diffs_up_to_the_limit_and_says_the_rest_is_in_the_job_log(limit: int) -> None:
    full = render_markdown(big_plan())
    assert len(full) > 6000
    md = render_markdown(big_plan(), max_chars=limit)
    assert len(md) <= limit
    assert md.startswith("**Plan:** 41 to add")
    assert "CAUTION" in md
    assert md.count("<details>") == md.count("</details>") >= 1
    assert "the full plan is in the job log." in md
    assert md.rstrip().endswith("the full plan is in the job log.")


def test_the_truncation_note_counts_the_diffs_left_out() -> None:
    md = render_markdown(big_plan(), max_chars=3000)
    shown = md.count("<details>")
    assert f"**Truncated:** {42 - shown} of 42 diffs are not shown" in md


def test_githubs_limit_is_the_default_and_a_huge_plan_stays_under_it() -> None:
    md = render_markdown(big_plan(2000))
    assert 60000 < len(md) <= 65536
    assert "**Truncated:**" in md


def test_a_limit_too_small_for_the_plan_keeps_the_summary_and_the_note() -> None:
    md = render_markdown(big_plan(), max_chars=300)
    assert len(md) <= 300
    assert md.startswith("**Plan:** 41 to add, 0 to change, 2 to destroy\n\n**Truncated:** 42 of 42")


def test_an_absurdly_small_limit_is_still_respected() -> None:
    assert len(render_markdown(big_plan(), max_chars=40)) <= 40


def test_sensitive_values_never_appear_in_the_comment() -> None:
    assert SECRET not in render_markdown(big_plan())


def test_no_changes_reads_as_no_changes() -> None:
    md = render_markdown(Plan(Mode.NORMAL, [], "l", 1))
    assert md.startswith("**No changes.** Your infrastructure matches the configuration.")
    assert "CAUTION" not in md
