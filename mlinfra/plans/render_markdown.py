"""The plan as a pull-request comment (``plan --format markdown``).

A summary line first, a loud warning when anything is destroyed or replaced, then the
text plan collapsed in ``<details>`` inside a fenced ``diff`` block. In the diff block
each change symbol is moved to the start of its line (``~`` written as ``!``) so that
code hosts colour additions, removals and updates. The comment never exceeds
``max_chars`` (GitHub's limit is 65,536): a long plan is cut at a line boundary with a
note saying how much was left out and how to see it. Like the text plan, it never
contains a sensitive value.
"""

from __future__ import annotations

import re

from mlinfra.plans import render_text
from mlinfra.plans.model import Action, Mode, Plan

MAX_CHARS = 65000
MAX_LISTED = 50
_SYMBOL_LINE = re.compile(r"^(\s+)([-+~]) ")


def diff_line(line: str) -> str:
    """Move a line's leading change symbol to column 0, where diff highlighting sees it."""
    m = _SYMBOL_LINE.match(line)
    if not m:
        return line
    sym = "!" if m.group(2) == "~" else m.group(2)
    return sym + m.group(1) + " " + line[m.end() :]


def summary(plan: Plan) -> str:
    if plan.mode is Mode.REFRESH_ONLY:
        if plan.drift:
            n = len(plan.drift)
            return f"**Refresh-only plan:** {n} object{'s' if n != 1 else ''} changed outside of mlinfra"
        return "**No changes.** Your infrastructure still matches the configuration."
    if not plan.has_changes:
        return "**No changes.** Your infrastructure matches the configuration."
    if not render_text.shown_changes(plan):
        return "**Plan:** only output values change"
    return "**Plan:** " + render_text.summary_line(plan)[len("Plan: ") : -1]


def warning(plan: Plan) -> str:
    """A GitHub caution block listing what is destroyed or replaced; empty when nothing is."""
    if plan.mode is Mode.REFRESH_ONLY:
        return ""
    risky = [
        c
        for c in render_text.shown_changes(plan)
        if c.action is Action.DELETE or c.action.is_replace
    ]
    if not risky:
        return ""
    n = len(risky)
    lines = [
        "> [!CAUTION]",
        f"> **This plan destroys or replaces {n} resource{'s' if n != 1 else ''}:**",
    ]
    for c in risky[:MAX_LISTED]:
        what = f"`{c.address}`" + (f" (deposed object `{c.deposed}`)" if c.deposed else "")
        verb = "destroyed" if c.action is Action.DELETE else "replaced"
        lines.append(f"> - {what} will be {verb}")
    if n > MAX_LISTED:
        lines.append(f"> - and {n - MAX_LISTED} more")
    return "\n".join(lines)


def _truncate(body: str, budget: int, total: int) -> tuple[str, str]:
    """(the longest run of whole lines of ``body`` within ``budget``, the cut note)."""
    note = _note(total, total)
    keep = max(budget - len(note) - 1, 0)
    cut = body[:keep]
    if "\n" in cut:
        cut = cut[: cut.rindex("\n")]
    elif len(body) > keep:
        cut = ""
    return cut, _note(total - len(cut), total)


def _note(missing: int, total: int) -> str:
    return (
        f"... plan truncated: {missing:,} of {total:,} characters not shown. "
        "Run `mlinfra show PLANFILE` on the saved plan to see all of it."
    )


def render_markdown(plan: Plan, max_chars: int = MAX_CHARS) -> str:
    """The pull-request comment, at most ``max_chars`` characters long."""
    head = "\n\n".join(p for p in (summary(plan), warning(plan)) if p)
    body = "\n".join(diff_line(line) for line in render_text.render_plan(plan).splitlines())
    opening = f"{head}\n\n<details><summary>Show plan</summary>\n\n```diff\n"
    closing = "\n```\n\n</details>\n"
    text = opening + body + closing
    if len(text) <= max_chars:
        return text
    budget = max_chars - len(opening) - len(closing)
    cut, note = _truncate(body, budget, len(body))
    text = f"{opening}{cut}\n{note}{closing}" if cut else f"{opening}{note}{closing}"
    if len(text) <= max_chars:
        return text
    # Not even the frame fits: the summary (and the warning, if there is room) and the note.
    note = _note(len(body), len(body))
    for short in (f"{head}\n\n{note}\n", f"{summary(plan)}\n\n{note}\n"):
        if len(short) <= max_chars:
            return short
    return short[:max_chars]
