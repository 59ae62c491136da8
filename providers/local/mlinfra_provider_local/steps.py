"""The steps of a local pipeline: one chain of transformers, then one estimator.

``step "scale" { estimator = "sklearn.preprocessing.StandardScaler" }`` followed by
``step "fit" { estimator = "...GradientBoostingClassifier"  depends_on = ["scale"] }``
trains as ``sklearn.pipeline.Pipeline([("scale", ...), ("fit", ...)])``: each step after
the first names the one before it in ``depends_on``, every step but the last transforms
(has ``transform``), and the last predicts. One step alone trains as that estimator.
Branching graphs of steps are refused with a clear message.

The checks here run at validate; estimator paths, parameter names and the transform /
predict abilities come from ``estimators`` (inspected in a subprocess, cached).
"""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra_provider_local import estimators

CHAIN_HINT = (
    'Give each step after the first the one before it: step "fit" { depends_on = ["scale"] }.'
)


def order(steps: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The step names in training order, and what keeps them from forming one chain."""
    names = list(steps)
    if len(names) <= 1:
        return names, []
    after: dict[str, str] = {}
    problems: list[str] = []
    for name in sorted(names):
        deps = steps[name].get("depends_on") if isinstance(steps[name], dict) else None
        deps = [x for x in deps if isinstance(x, str)] if isinstance(deps, list) else []
        for dep in deps:
            if dep not in steps:
                problems.append(
                    f'step "{name}" depends on "{dep}", which is not a step of this pipeline.'
                    f"{d.suggestion(dep, names)}"
                )
        if len(deps) > 1:
            problems.append(
                f'step "{name}" depends on {len(deps)} steps; the local provider trains one chain '
                "of steps (branches and joins are not supported). " + CHAIN_HINT
            )
        elif deps and deps[0] in steps:
            if deps[0] in after:
                problems.append(
                    f'steps "{after[deps[0]]}" and "{name}" both follow "{deps[0]}"; the local '
                    "provider trains one chain of steps. " + CHAIN_HINT
                )
            after[deps[0]] = name
    if problems:
        return names, problems
    firsts = [n for n in names if n not in after.values()]
    if not firsts:
        return names, ["the steps' depends_on form a cycle. " + CHAIN_HINT]
    if len(firsts) != 1:
        listed = ", ".join(f'"{n}"' for n in sorted(firsts))
        return names, [f"steps {listed} each start a chain; the pipeline needs one. " + CHAIN_HINT]
    chain = [firsts[0]]
    while chain[-1] in after and len(chain) <= len(names):
        chain.append(after[chain[-1]])
    if len(chain) != len(names):
        return names, ["the steps' depends_on form a cycle. " + CHAIN_HINT]
    return chain, []


def check(
    address: str, ordered: list[tuple[str, dict[str, Any]]], allowed: tuple[str, ...]
) -> list[d.Diagnostic]:
    """Misspelt estimators and parameter names, and steps in a place they cannot take
    (a non-transformer before the last step, a last step that cannot predict)."""
    wanted = [
        (i, name, step["estimator"], list(_known_map(step.get("params"))))
        for i, (name, step) in enumerate(ordered)
        if isinstance(step.get("estimator"), str) and step["estimator"].startswith(allowed)
    ]
    if not wanted:
        return []
    found = estimators.describe([path for _, _, path, _ in wanted])
    out: list[d.Diagnostic] = []
    for i, name, path, params in wanted:
        answer = found.get(path)
        if answer is None:
            continue
        problems = estimators.problems(path, params, answer)
        cls = path.rpartition(".")[2]
        last = i == len(ordered) - 1
        if not problems and not last and answer.get("transform") is False:
            problems.append(
                (
                    "Step cannot transform",
                    f'step "{name}" comes before the last step, so it must transform the data, '
                    f"but {cls} has no transform(). Put it last, or use a transformer.",
                )
            )
        if not problems and last and len(ordered) > 1 and answer.get("predict") is False:
            problems.append(
                (
                    "Last step cannot predict",
                    f'step "{name}" is the last step, which the endpoint asks for predictions, '
                    f"but {cls} has no predict(). End the chain with an estimator that predicts.",
                )
            )
        for summary, detail in problems:
            at = "params" if summary == "Unknown estimator parameter" else "estimator"
            out.append(d.error(summary, detail, address=address, attribute=("step", name, at)))
    return out


def _known_map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
