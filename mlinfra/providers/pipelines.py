"""Portable pipeline settings a provider may not run yet.

Column branches (``columns`` on a step), ``cross_validation`` and a ``search`` block are
portable arguments of ``pipeline``; a provider whose training does not implement them
refuses them at validate with errors placed on the argument, rather than silently
training something else.
"""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d


def unsupported_settings(address: str, config: dict[str, Any], provider: str) -> list[d.Diagnostic]:
    """One located error per column selection, cross-validation or search in ``config``."""
    out: list[d.Diagnostic] = []
    steps = config.get("step")
    for name, step in sorted(steps.items()) if isinstance(steps, dict) else ():
        if isinstance(step, dict) and step.get("columns") is not None:
            out.append(
                d.error(
                    "Not supported by this provider",
                    f'step "{name}": column branches (columns) are not supported by the {provider} provider; '
                    "select the columns in the training data, or train this pipeline with the local provider.",
                    address=address,
                    attribute=("step", name, "columns"),
                )
            )
    for arg, what in (("cross_validation", "cross-validation"), ("search", "hyper-parameter search")):
        if config.get(arg) is not None:
            out.append(
                d.error(
                    "Not supported by this provider",
                    f"{arg}: {what} is not supported by the {provider} provider yet; remove it, "
                    "or train this pipeline with the local provider.",
                    address=address,
                    attribute=(arg,),
                )
            )
    return out
