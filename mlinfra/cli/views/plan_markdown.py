"""The plan as a pull-request comment (``plan --format markdown``).

The summary line first; then a loud warning when anything is destroyed or replaced,
naming endpoints (they serve traffic) and registered models (registry entries) apart
from the rest; then any extra sections (cost, policy); then each resource's diff in its
own collapsed ``<details>``, followed by output changes and drift. In each diff block the
change symbol is moved to the start of its line (``~`` written as ``!``) so code hosts
colour additions, removals and updates. The comment never exceeds ``max_chars``
(GitHub's limit is 65,536 characters): when the diffs do not fit, as many whole ones as
fit are kept and a line says the comment is truncated and the full plan is in the job
log. Like the text plan, it never contains a sensitive value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mlinfra.cli.views import plan_text
from mlinfra.plans.model import Action, Mode, Plan, ResourceChange

MAX_CHARS = 65536
MAX_LISTED = 50
_SYMBOL_LINE = re.compile(r"^(\s+)([-+~]) ")
# How the warning names each kind of object, most consequential first.
_GROUPS = (
    ("endpoint", "Endpoints (serving traffic)"),
    ("model", "Registered models (registry entries)"),
    ("pipeline", "Pipelines"),
    ("dataset", "Datasets"),
)


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
    if not plan_text.shown_changes(plan):
        if any(r.deferred for r in plan.data_reads):
            return "**Plan:** data sources to read during apply"
        return "**Plan:** only output values change"
    return "**Plan:** " + plan_text.summary_line(plan)[len("Plan: ") : -1]


def destructive(plan: Plan) -> list[ResourceChange]:
    """The changes that destroy or replace an object (none in a refresh-only plan)."""
    if plan.mode is Mode.REFRESH_ONLY:
        return []
    return [
        c for c in plan_text.shown_changes(plan) if c.action is Action.DELETE or c.action.is_replace
    ]


def warning(plan: Plan) -> str:
    """A GitHub caution block listing what is destroyed or replaced; empty when nothing is."""
    risky = destructive(plan)
    if not risky:
        return ""
    n = len(risky)
    lines = [
        "> [!CAUTION]",
        f"> **This plan destroys or replaces {n} resource{'s' if n != 1 else ''}:**",
    ]
    listed = 0
    for kind, heading in _GROUPS:
        group = [c for c in risky if c.kind == kind]
        if not group:
            continue
        lines.append(f"> **{heading}:**")
        for c in group[: max(MAX_LISTED - listed, 0)]:
            what = f"`{c.address}`" + (f" (deposed object `{c.deposed}`)" if c.deposed else "")
            verb = "destroyed" if c.action is Action.DELETE else "replaced"
            lines.append(f"> - {what} will be **{verb}**")
            listed += 1
    if n > listed:
        lines.append(f"> - and {n - listed} more")
    return "\n".join(lines)


def notes(plan: Plan) -> str:
    """A GitHub note block with what the plan reports without acting on it (monitors
    that detect drift); empty when there is none."""
    if not plan.notes:
        return ""
    return "\n".join(["> [!NOTE]", *(f"> - {n}" for n in plan.notes)])


def _details(title: str, lines: Sequence[str]) -> str:
    body = "\n".join(diff_line(line) for line in lines).strip("\n")
    return f"<details><summary>{title}</summary>\n\n```diff\n{body}\n```\n\n</details>"


def _verb(c: ResourceChange) -> str:
    if c.deposed:
        return "destroyed (deposed object)"
    if c.action.is_replace:
        return "replaced"
    if c.importing and c.action is Action.NOOP:
        return "imported"
    if c.previous_address and c.action is Action.NOOP:
        return f"moved from {c.previous_address}"
    return c.action.verb


def blocks(plan: Plan) -> list[str]:
    """One collapsed diff per resource, then output changes and drift."""
    out: list[str] = []
    if plan.mode is not Mode.REFRESH_ONLY:
        for r in plan.data_reads:
            if r.deferred:
                title = f"<code>&lt;= {r.address}</code> will be read during apply"
                out.append(_details(title, plan_text.data_read_block(r, False)))
        for c in plan_text.shown_changes(plan):
            title = f"<code>{c.action.symbol.strip() or '~'} {c.address}</code> will be {_verb(c)}"
            out.append(_details(title, plan_text.change_block(c, False)))
    outputs = plan_text.output_lines(plan.output_changes, False)
    if outputs:
        out.append(_details("Changes to outputs", outputs))
    for d in sorted(plan.drift, key=plan_text.resource_sort_key):
        what = "was deleted" if d.after is None else "changed"
        lines = plan_text.resource_block(
            d, f"{d.address} {what} outside of mlinfra", "-" if d.after is None else "~", [], False
        )
        out.append(_details(f"<code>{d.address}</code> {what} outside of mlinfra", lines))
    return out


def truncation_note(shown: int, total: int) -> str:
    return (
        f"**Truncated:** {total - shown} of {total} diffs are not shown to keep this comment "
        "within GitHub's size limit; the full plan is in the job log."
    )


def render_markdown(plan: Plan, max_chars: int = MAX_CHARS, sections: Sequence[str] = ()) -> str:
    """The pull-request comment, at most ``max_chars`` characters long."""
    head = "\n\n".join(p for p in (summary(plan), warning(plan), notes(plan), *sections) if p)
    parts = blocks(plan)
    text = "\n\n".join([head, *parts]) + "\n"
    if len(text) <= max_chars:
        return text
    kept: list[str] = []
    size = len(head) + len(truncation_note(len(parts), len(parts))) + 6
    for p in parts:
        if size + len(p) + 2 > max_chars:
            break
        kept.append(p)
        size += len(p) + 2
    text = "\n\n".join([head, *kept, truncation_note(len(kept), len(parts))]) + "\n"
    if len(text) <= max_chars:
        return text
    # Not even the head fits: the summary and the note, cut to the limit if need be.
    short = f"{summary(plan)}\n\n{truncation_note(0, len(parts))}\n"
    return short[:max_chars]
