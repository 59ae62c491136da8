"""``precondition`` and ``postcondition`` blocks in ``lifecycle``: errors, as in Terraform.

Preconditions are checked for every instance when it is planned, with its
``each`` / ``count``; postconditions when its planned value is known (refer to it as
``self``) and again after apply. A failure is ``Resource precondition failed`` /
``Resource postcondition failed`` at the condition, with the error_message; a
condition not known yet is left for later.
"""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra import records
from mlinfra.config import checks
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.values import UNKNOWN


def check(config: Config, ev: Any, diags: Diagnostics, *, pre: bool) -> None:
    """Add the failed conditions of every instance to ``diags``; ``ev`` is the plan's or
    the apply's evaluator (its values are the planned or the applied ones)."""
    for key in sorted(config.resources):
        block = config.resources[key]
        lc = block.lifecycle
        if not lc.postconditions and not (pre and lc.preconditions):
            continue
        for inst in ev.expand(block, Diagnostics(), allow_unknown=True, seed=False) or []:
            scope = ev.scope(inst.each, inst.count_index, block.module)
            where = block.context if inst.address.key is None else f"{block.context}{str(inst.address)[len(key):]}"
            if pre:
                _run(lc.preconditions, scope, diags, "Resource precondition failed", where)
            value = _value_of(ev.namespace(block.module), inst.address)
            if value is not None and value is not UNKNOWN:
                _run(lc.postconditions, records.replace(scope, self_object=value), diags,
                     "Resource postcondition failed", where)  # fmt: skip


def _run(asserts: tuple[checks.Assertion, ...], scope: Any, diags: Diagnostics, summary: str, where: str) -> None:
    for a in asserts:
        try:
            bad = checks.failed(a, scope)
        except DiagnosticsError as e:
            diags.extend(x.with_defaults(context=where) for x in e.diagnostics)
            continue
        if bad is not None:
            diags.add(d.error(bad[0] or summary, bad[1], a.condition.range, context=where))


def _value_of(values: Any, addr: Any) -> Any:
    cur = values.get(addr.kind, {}).get(addr.name)
    if addr.key is None:
        return cur
    if isinstance(addr.key, int):
        return cur[addr.key] if isinstance(cur, list) and addr.key < len(cur) else None
    return cur.get(addr.key) if isinstance(cur, dict) else None
