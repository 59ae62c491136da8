"""The state as ``show`` and ``state show`` print it: one block per resource with its
attributes (sensitive values concealed), then the outputs; or the ``show --json`` document."""

from __future__ import annotations

import json
from typing import Any

from mlinfra import addrs, values


def _fmt_value(v: Any, indent: str = "    ") -> str:
    return json.dumps(v, indent=2, sort_keys=True).replace("\n", "\n" + indent)


def render_state(state: Any) -> str:
    """Every resource of the state in address order, then its outputs."""
    if not state.resources:
        return "The state is empty. No resources are represented."
    lines: list[str] = []
    for addr in sorted(state.resources, key=lambda a: addrs.parse(a).sort_key()):
        lines.append(render_resource(state.resources[addr]))
        lines.append("")
    if state.outputs:
        lines.append("Outputs:\n")
        for k, o in sorted(state.outputs.items()):
            lines.append(f"{k} = " + ("(sensitive value)" if o.sensitive else _fmt_value(o.value, "")))
    return "\n".join(lines)


def render_resource(rec: Any) -> str:
    a = addrs.parse(rec.address)
    attributes = values.conceal(values.mark(rec.attributes, [tuple(p) for p in rec.sensitive_paths]))
    lines = [f"# {rec.address}:" + (" (tainted)" if rec.status == "tainted" else ""), f'{a.kind} "{a.name}" {{']
    width = max((len(k) for k in attributes), default=0)
    for k, v in sorted(attributes.items()):
        shown = v if v == "(sensitive value)" else _fmt_value(v)
        lines.append(f"    {k.ljust(width)} = {shown}")
    lines.append("}")
    for dep in rec.deposed:
        lines.append(f"# deposed object {dep.key}: id={dep.id}")
    return "\n".join(lines)


def state_json(state: Any, version: str) -> str:
    """The ``show --json`` document of the state."""
    from mlinfra.cli.views.plan_json import state_to_json

    return json.dumps(state_to_json(state, version), indent=2, sort_keys=True)
