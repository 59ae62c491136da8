"""What a plan says about outputs.

``output_changes`` evaluates every output against the values the planner has worked out
and compares it with the recorded one. In a refresh-only or destroy plan nothing is
planned, so the evaluator is first seeded from the refreshed state by
``seed_from_state``: in a refresh-only plan an instance whose object is gone (deleted
outside mlinfra) is null in every attribute, as in Terraform, so an output that refers
to it becomes null rather than unknown.
"""

from __future__ import annotations

from collections.abc import Iterable

from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics
from mlinfra.plans.evaluator import Evaluator, null_object
from mlinfra.plans.model import Action, Mode, OutputChange
from mlinfra.states.model import State
from mlinfra.values import changed_paths, mark


def seed_from_state(ev: Evaluator, config: Config, state: State, order: Iterable[str], vanished_as_null: bool) -> None:
    """Give the evaluator each configured instance's recorded attributes; with
    ``vanished_as_null``, the instances the state no longer has are null objects (``order``
    is the blocks in dependency order, for count and for_each that refer to others)."""
    for recorded in state.resources.values():
        a = recorded.addr
        if str(a.resource) in config.resources and recorded.attributes:
            ev.set_value(a, mark(recorded.attributes, [tuple(p) for p in recorded.sensitive_paths]))
    if not vanished_as_null:
        return
    for key in order:
        block = config.resources[key]
        insts = ev.expand(block, Diagnostics(), allow_unknown=True, seed=False)
        if insts is None:
            continue
        values = {}
        for inst in insts:
            rec = state.resources.get(str(inst.address))
            values[inst.address.key] = (
                mark(rec.attributes, [tuple(p) for p in rec.sensitive_paths])
                if rec is not None and rec.attributes
                else null_object(block.kind)
            )
        holder = ev.namespace(block.module)[block.kind]
        if block.count is not None:
            holder[block.name] = [values[i] for i in range(len(values))]
        elif block.for_each is not None:
            holder[block.name] = values
        else:
            holder[block.name] = values[None]


def output_changes(ev: Evaluator, config: Config, prior: State, mode: Mode, diags: Diagnostics) -> list[OutputChange]:
    """Each output's change against the recorded value (all deleted in a destroy plan).
    Evaluation errors count only in a normal plan (``diags``)."""
    if mode is Mode.DESTROY:
        return [OutputChange(n, Action.DELETE, o.value, None, o.sensitive) for n, o in sorted(prior.outputs.items())]
    found = Diagnostics()
    new = ev.outputs(found)
    if mode is Mode.NORMAL:
        diags.extend(found)
    out: list[OutputChange] = []
    for name, (value, sensitive) in new.items():
        old = prior.outputs.get(name)
        if old is None:
            action = Action.CREATE
        elif list(changed_paths(old.value, value)):
            action = Action.UPDATE
        else:
            action = Action.NOOP
        out.append(OutputChange(name, action, old.value if old else None, value, sensitive))
    for name, old in sorted(prior.outputs.items()):
        if name not in new and name not in config.outputs:
            out.append(OutputChange(name, Action.DELETE, old.value, None, old.sensitive))
    return out
