"""Output values as ``output`` prints them: one value (raw, JSON or as HCL text), or
every output of the state (JSON, or Terraform's ``name = value`` lines)."""

from __future__ import annotations

import json
from typing import Any

NO_OUTPUTS = (
    "Warning: No outputs found\n\nThe state has no outputs. Declare output blocks and run "
    "mlinfra apply to record them."
)


def one(name: str, value: Any, fmt: str) -> str:
    """One output's value: ``raw`` (a string, number or bool as is), ``json`` or ``text``
    (``name = value``)."""
    if fmt == "raw":
        return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    if fmt == "json":
        return json.dumps(value, sort_keys=True)
    from mlinfra.cli.views.plan_text import render_outputs

    return render_outputs({name: (value, False)}).split("\n", 2)[-1]


def every(outputs: dict[str, Any], json_out: bool) -> str:
    """Every output of the state; a sensitive value is never shown."""
    if json_out:
        doc = {k: {"value": None if o.sensitive else o.value, "sensitive": o.sensitive} for k, o in outputs.items()}
        return json.dumps(doc, indent=2, sort_keys=True)
    from mlinfra.cli.views.plan_text import render_outputs

    return render_outputs({k: (o.value, o.sensitive) for k, o in outputs.items()})
