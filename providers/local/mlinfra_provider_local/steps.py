"""The steps of a local pipeline and the scikit-learn estimator they form.

Steps name the steps they read from in ``depends_on``, so they form a graph with one
final step (the estimator the endpoint asks for predictions); every other step
transforms. Two shapes train:

- A chain: ``step "scale" {...}`` then ``step "fit" { depends_on = ["scale"] }`` trains as
  ``Pipeline([("scale", ...), ("fit", ...)])``. One step alone trains as that estimator.
- Column branches joined by one step: ``step "num" { columns = ["a", "b"] ... }`` and
  ``step "cat" { columns = ["c"] ... }`` with ``step "fit" { depends_on = ["num", "cat"]
  }`` trains as ``Pipeline([("columns", ColumnTransformer([("num", ..., ["a", "b"]),
  ("cat", ..., ["c"])])), ("fit", ...)])``. A branch may be a chain of its own (a
  sub-Pipeline: ``step "impute" { columns = [...] }`` then ``step "scale" { depends_on =
  ["impute"] }``), and the join may be followed by more steps before the final one. A
  branch without ``columns`` reads every column.

``columns`` belongs to the first step of a branch (or of a chain, which then reads only
those columns). The shape is worked out here without importing scikit-learn (``layout``),
checked at validate with located errors, and built in the training subprocess from the
layout written into the run's spec. ``check`` adds the estimator-level checks (paths,
parameter names, transform / predict abilities) from ``estimators``.
"""

from __future__ import annotations

import graphlib
from collections.abc import Sequence
from typing import Any

from mlinfra import diagnostics as d
from mlinfra_provider_local import estimators

# (what is wrong, the argument at fault)
Problem = tuple[str, tuple[str | int, ...]]

# The name of the ColumnTransformer in the built Pipeline (another when a step has it).
JOIN_NAME = "columns"
# The name of the one branch of a chain whose first step selects columns.
SELECT_NAME = "select"


def dependencies(step: Any) -> list[str]:
    deps = step.get("depends_on") if isinstance(step, dict) else None
    return [x for x in deps if isinstance(x, str)] if isinstance(deps, list) else []


def columns_of(step: Any) -> list[str] | None:
    cols = step.get("columns") if isinstance(step, dict) else None
    return [c for c in cols if isinstance(c, str)] if isinstance(cols, list) else None


def layout(steps: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The shape the steps train as, or the problems that keep them from one.

    The layout is JSON: ``{"order": [every step, the final one last], "chain": [steps of
    the main Pipeline], "branches": [{"name", "steps", "columns"}], "join": NAME}``;
    ``branches`` is empty for a plain chain, and a branch without steps passes its
    columns through (a chain that reads only some columns).
    """
    names = sorted(steps)
    deps = {n: dependencies(steps[n]) for n in names}
    problems: list[Problem] = []
    for name in names:
        for dep in deps[name]:
            if dep not in steps:
                problems.append((
                    f'step "{name}" depends on "{dep}", which is not a step of this pipeline.'
                    f"{d.suggestion(dep, [n for n in names if n != name])}",
                    ("step", name, "depends_on"),
                ))
            elif dep == name:
                problems.append((f'step "{name}" depends on itself.', ("step", name, "depends_on")))
    if problems:
        return None, problems
    try:
        graphlib.TopologicalSorter({n: deps[n] for n in names}).prepare()
    except graphlib.CycleError as e:
        cycle = [str(x) for x in e.args[1]][::-1]
        shown = " -> ".join(f'"{x}"' for x in cycle)
        return None, [(
            f"the steps' depends_on form a cycle ({shown}); a step can only read steps "
            "that come before it.",
            ("step", cycle[0], "depends_on"),
        )]
    consumers: dict[str, list[str]] = {n: [] for n in names}
    for name in names:
        for dep in deps[name]:
            consumers[dep].append(name)
    for name in names:
        if len(consumers[name]) > 1:
            listed = " and ".join(f'"{c}"' for c in consumers[name])
            problems.append((
                f'steps {listed} both depend on "{name}"; each step feeds one step. To read the '
                'same columns twice, give each branch its own first step with those columns.',
                ("step", consumers[name][1], "depends_on"),
            ))
    finals = [n for n in names if not consumers[n]]
    if len(finals) > 1:
        listed = ", ".join(f'"{n}"' for n in finals)
        others = ", ".join(f'"{n}"' for n in finals[:-1])
        problems.append((
            f"steps {listed} are each a final estimator (no step depends on them); a pipeline "
            f'has one. Make the final step depend on the others: step "{finals[-1]}" '
            f"{{ depends_on = [{others}] }}.",
            ("step", finals[-1]),
        ))
    if problems:
        return None, problems
    final = finals[0]
    chain = [final]
    while len(deps[chain[0]]) == 1:
        chain.insert(0, deps[chain[0]][0])
    branches: list[dict[str, Any]] = []
    head = chain[0]
    if deps[head]:
        for dep in deps[head]:
            branch = [dep]
            while len(deps[branch[0]]) == 1:
                branch.insert(0, deps[branch[0]][0])
            if deps[branch[0]]:
                problems.append((
                    f'step "{branch[0]}" joins steps inside the branch that step "{head}" joins; '
                    "the local provider joins column branches once. Join them all in one step.",
                    ("step", branch[0], "depends_on"),
                ))
            branches.append({
                "name": branch[0],
                "steps": branch,
                "columns": columns_of(steps[branch[0]]),
            })
        heads = {b["name"] for b in branches}
    else:
        cols = columns_of(steps[head])
        if cols is not None:
            branches.append({"name": SELECT_NAME, "steps": [], "columns": cols})
        heads = {head}
    for name in names:
        if columns_of(steps[name]) is not None and name not in heads:
            reads = f'reads step "{deps[name][0]}"' if len(deps[name]) == 1 else "joins branches"
            problems.append((
                f'step "{name}" has columns but {reads}; columns pick dataset columns, so only the '
                "first step of a branch (one that depends on no step) takes them.",
                ("step", name, "columns"),
            ))
    if problems:
        return None, problems
    in_branches = [s for b in branches for s in b["steps"]]
    join = JOIN_NAME
    while join in steps:
        join += "_"
    return {
        "order": [*in_branches, *chain],
        "chain": chain,
        "branches": branches,
        "join": join,
    }, []


def param_prefix(shape: dict[str, Any], step: str) -> str:
    """The scikit-learn parameter prefix (``fit__``) of a step in the built estimator."""
    if not shape["branches"] and len(shape["chain"]) == 1:
        return ""
    for branch in shape["branches"]:
        if step in branch["steps"]:
            inner = f"{step}__" if len(branch["steps"]) > 1 else ""
            return f"{shape['join']}__{branch['name']}__{inner}"
    return f"{step}__"


def column_problems(
    steps: dict[str, Any], known: list[str] | None, target: str | None
) -> list[Problem]:
    """Columns the steps read that the dataset does not have (when its columns are known)."""
    if known is None:
        return []
    out: list[Problem] = []
    for name in sorted(steps):
        for i, col in enumerate(columns_of(steps[name]) or []):
            if col == target:
                out.append((
                    f'step "{name}" reads column "{col}", which is the label the pipeline predicts; '
                    "remove it from columns.",
                    ("step", name, "columns", i),
                ))
            elif col not in known:
                out.append((
                    f'step "{name}" reads column "{col}", which the training data does not have.'
                    f"{d.suggestion(col, known)} Its columns: {', '.join(known)}.",
                    ("step", name, "columns", i),
                ))
    return out


def search_problems(
    steps: dict[str, Any], search: Any
) -> tuple[list[Problem], list[tuple[str, str, str]]]:
    """What is wrong with a search's parameter names, and (key, step, parameter) of the
    well-formed ones, for the estimator checks."""
    params = search.get("params") if isinstance(search, dict) else None
    if not isinstance(params, dict):
        return [], []
    out: list[Problem] = []
    wanted: list[tuple[str, str, str]] = []
    only = next(iter(steps)) if len(steps) == 1 else None
    for key, values in params.items():
        where: tuple[str | int, ...] = ("search", "params", key)
        step, dot, param = key.rpartition(".")
        if not dot and only is not None:
            step, param = only, key
        if not step or not param:
            example = f'"{next(iter(sorted(steps)))}.{key}"' if steps else '"fit.C"'
            out.append((
                f'search parameter "{key}" does not name its step: write STEP.PARAM, e.g. {example}.',
                where,
            ))
            continue
        if step not in steps:
            out.append((
                f'search parameter "{key}" names step "{step}", which is not a step of this '
                f"pipeline.{d.suggestion(step, sorted(steps))}",
                where,
            ))
            continue
        if isinstance(values, list) and not values:
            out.append((f'search parameter "{key}" has no candidate values.', where))
            continue
        wanted.append((key, step, param))
    return out, wanted


def check(
    address: str,
    ordered: list[tuple[str, dict[str, Any]]],
    allowed: tuple[str, ...],
    searched: Sequence[tuple[str, str, str]] = (),
) -> list[d.Diagnostic]:
    """Misspelt estimators and parameter names (given in a step's params or searched),
    and steps in a place they cannot take (a non-transformer before the final step, a
    final step that cannot predict)."""
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
                    f'step "{name}" feeds another step, so it must transform the data, '
                    f"but {cls} has no transform(). Make it the final step, or use a transformer.",
                )
            )
        if not problems and last and len(ordered) > 1 and answer.get("predict") is False:
            problems.append(
                (
                    "Last step cannot predict",
                    f'step "{name}" is the final step, which the endpoint asks for predictions, '
                    f"but {cls} has no predict(). End the pipeline with an estimator that predicts.",
                )
            )
        for summary, detail in problems:
            at = "params" if summary == "Unknown estimator parameter" else "estimator"
            out.append(d.error(summary, detail, address=address, attribute=("step", name, at)))
        if "summary" in answer:
            continue
        for key, step, param in searched:
            if step != name:
                continue
            for summary, detail in estimators.problems(path, [param], answer):
                out.append(
                    d.error(
                        summary,
                        f'search parameter "{key}": {detail}',
                        address=address,
                        attribute=("search", "params", key),
                    )
                )
    return out


def _known_map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
