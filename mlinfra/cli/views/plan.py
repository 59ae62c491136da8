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
# The kinds a cost estimate prices (``mlinfra.plans.cost.estimate``).
COSTED_KINDS = frozenset({"endpoint", "pipeline"})


def render(
    plan: Plan,
    fmt: str,
    *,
    color: bool,
    version: str,
    policies: Sequence[Policy] = (),
    violations: Sequence[Violation] = (),
) -> str:
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

        sections = [_costs(plan, "markdown"), policy_view.render_markdown(list(policies), list(violations))]
        return render_markdown(plan, sections=sections)
    from mlinfra.cli.views.plan_text import render_plan

    costs = _costs(plan, "text")
    return render_plan(plan, color=color) + (f"\n\n{costs}" if costs else "")


def _costs(plan: Plan, fmt: str) -> str:
    """The cost estimate's section; empty when no endpoint or pipeline changes (the
    estimate is then empty, and its tables are not read)."""
    from mlinfra.plans.model import Action

    if not any(c.kind in COSTED_KINDS and c.action is not Action.NOOP for c in plan.changes):
        return ""
    from mlinfra.cli.views import cost as cost_view
    from mlinfra.plans import cost

    est = cost.estimate(plan)
    return cost_view.render_markdown(est) if fmt == "markdown" else cost_view.render_text(est)
