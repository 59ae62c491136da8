"""What ``plan`` adds for reviewers: cost, policy results, and the checks that fail a plan.

``Review`` holds the policies that apply and their violations (``views.plan`` prints
them with the plan); ``gate`` turns a mandatory policy failure or a cost rise over the
limit into an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.records import field, mutable

if TYPE_CHECKING:  # the policy engine is imported when there are policies to apply
    from mlinfra.plans.model import Plan
    from mlinfra.policy import Policy, Violation

POLICY_DIR = "policies"


@mutable
class Review:
    policies: list[Policy] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def warnings(self) -> d.Diagnostics:
        out = d.Diagnostics()
        for v in self.violations:
            if not v.mandatory:
                out.add(v.diagnostic())
        return out


def load_policies(workdir: Path, dirs: list[Path] | None) -> list[Policy]:
    """The policies of ``--policy DIR`` folders, or of ``policies/`` when there is one."""
    chosen = [p if p.is_absolute() else workdir / p for p in dirs] if dirs else []
    if not chosen and (workdir / POLICY_DIR).is_dir():
        chosen = [workdir / POLICY_DIR]
    policies: list[Policy] = []
    if not chosen:
        return policies
    from mlinfra.policy import load_dir
    from mlinfra.policy.rules import settings

    diags = d.Diagnostics()
    for folder in chosen:
        found, fd = load_dir(folder, settings(), workdir)
        policies.extend(found)
        diags.extend(fd)
    if diags.has_errors:
        raise DiagnosticsError(diags)
    return policies


def review(plan: Plan, policies: list[Policy]) -> Review:
    if not policies:
        return Review()
    from mlinfra.policy import evaluate

    def plan_json() -> dict[str, Any]:  # the input of Rego policies
        from mlinfra import __version__
        from mlinfra.cli.views.plan_json import plan_to_json

        return plan_to_json(plan, __version__)

    return Review(policies, evaluate(policies, plan, plan_json))


def gate(plan: Plan, rv: Review, cost_limit_monthly: float | None) -> None:
    """Raise the errors that fail the plan: mandatory policy failures, a cost rise over the limit."""
    diags = d.Diagnostics()
    for v in rv.violations:
        if v.mandatory:
            diags.add(v.diagnostic())
    if cost_limit_monthly is not None:
        from mlinfra.cli.views import cost as cost_view
        from mlinfra.plans import cost

        over = cost_view.limit_error(cost.estimate(plan), cost_limit_monthly)
        if over is not None:
            diags.add(over)
    if diags.has_errors:
        raise DiagnosticsError(diags)
