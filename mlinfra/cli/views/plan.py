"""A plan in one of the three formats ``plan --format`` offers, with the cost estimate
and the policy results in it: text for a terminal, markdown for a pull request, JSON
shaped like ``terraform show -json``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlinfra.plans.model import Plan
    from mlinfra.policy import Policy, Violation

FORMATS = ("text", "markdown", "json")


def render(
    plan: Plan,
    fmt: str,
    *,
    color: bool,
    version: str,
    policies: Sequence[Policy] = (),
    violations: Sequence[Violation] = (),
) -> str:
    from mlinfra.cli.views import cost as cost_view
    from mlinfra.plans import cost

    est = cost.estimate(plan)
    if fmt == "json":
        from mlinfra.cli.views import policy as policy_view
        from mlinfra.cli.views.plan_json import plan_to_json

        doc: dict[str, Any] = plan_to_json(plan, version)
        if policies:
            doc["policy"] = policy_view.to_json(list(policies), list(violations))
        return json.dumps(doc, indent=2, sort_keys=True)
    if fmt == "markdown":
        from mlinfra.cli.views import policy as policy_view
        from mlinfra.cli.views.plan_markdown import render_markdown

        sections = [cost_view.render_markdown(est), policy_view.render_markdown(list(policies), list(violations))]
        return render_markdown(plan, sections=sections)
    from mlinfra.cli.views.plan_text import render_plan

    costs = cost_view.render_text(est)
    return render_plan(plan, color=color) + (f"\n\n{costs}" if costs else "")
