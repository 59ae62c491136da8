"""Policy results in the plan's outputs: a markdown section and the JSON ``policy`` key."""

from __future__ import annotations

from typing import Any

from mlinfra.policy.loader import Policy
from mlinfra.policy.rules import Violation


def render_markdown(policies: list[Policy], violations: list[Violation]) -> str:
    if not policies:
        return ""
    failed = sum(1 for v in violations if v.mandatory)
    advised = len(violations) - failed
    if not violations:
        return f"### Policy\n\n:white_check_mark: All {len(policies)} policies pass."
    head = f"### Policy\n\n**{failed} mandatory failure{'s' if failed != 1 else ''}, {advised} advisory warning{'s' if advised != 1 else ''}**"
    rows = ["", "| | policy | resource | |", "|---|---|---|---|"]
    for v in violations:
        mark = ":x: mandatory" if v.mandatory else ":warning: advisory"
        rows.append(f"| {mark} | `{v.policy.name}` | `{v.address}` | {v.message} |")
    return head + "\n" + "\n".join(rows)


def to_json(policies: list[Policy], violations: list[Violation]) -> dict[str, Any]:
    """The plan JSON's ``policy`` key: each policy with its outcome, then each violation."""
    failing = {v.policy.name for v in violations}
    return {
        "policies": [
            {"name": p.name, "check": p.check, "enforcement": p.enforcement, "passed": p.name not in failing}
            for p in policies
        ],
        "violations": [
            {
                "policy": v.policy.name,
                "enforcement": v.policy.enforcement,
                "address": v.address,
                "message": v.message,
                "range": v.range.to_json() if v.range else None,
            }
            for v in violations
        ],
        "mandatory_failed": sum(1 for v in violations if v.mandatory),
        "advisory_failed": sum(1 for v in violations if not v.mandatory),
    }
