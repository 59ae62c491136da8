"""The operations of an apply and the order between them.

Each change becomes one or two operations: ``apply`` (create or update), ``destroy``,
``deposed`` (delete the old half of a create-before-destroy replacement, deferred until
every create and update is done) and ``adopt`` (record an imported object). Creates and
updates wait for the resources they depend on; destroys wait for the resources that
depend on them (in state), and a pure delete also waits for dependents that are updated
to stop using it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from mlinfra.plans.model import Action, Plan, ResourceChange


@dataclass
class Op:
    id: str
    kind: str  # apply | destroy | deposed | adopt
    change: ResourceChange
    deps: set[str] = field(default_factory=set)
    deposed_key: str | None = None

    @property
    def label(self) -> str:
        """The operation as a person reads it: the address, and which deposed object."""
        return self.change.address + (f" (deposed {self.deposed_key})" if self.kind == "deposed" else "")


def block_of(addr: str) -> str:
    return addr.split("[", 1)[0]


def ready_key(op: Op) -> tuple[bool, str]:
    return op.kind != "destroy", op.id


def build_ops(plan: Plan) -> dict[str, Op]:
    ops: dict[str, Op] = {}
    for c in plan.changes:
        a = c.address
        if c.deposed is not None:
            ops[f"deposed:{a}#{c.deposed}"] = Op(f"deposed:{a}#{c.deposed}", "deposed", c, deposed_key=c.deposed)
        elif c.action in (Action.CREATE, Action.UPDATE):
            ops[f"apply:{a}"] = Op(f"apply:{a}", "apply", c)
        elif c.action is Action.DELETE:
            ops[f"destroy:{a}"] = Op(f"destroy:{a}", "destroy", c)
        elif c.action is Action.DELETE_THEN_CREATE:
            ops[f"destroy:{a}"] = Op(f"destroy:{a}", "destroy", c)
            ops[f"apply:{a}"] = Op(f"apply:{a}", "apply", c, {f"destroy:{a}"})
        elif c.action is Action.CREATE_THEN_DELETE:
            key = uuid.uuid4().hex[:8]
            ops[f"apply:{a}"] = Op(f"apply:{a}", "apply", c, deposed_key=key)
            ops[f"deposed:{a}#{key}"] = Op(f"deposed:{a}#{key}", "deposed", c, deposed_key=key)
        elif c.importing is not None:
            ops[f"adopt:{a}"] = Op(f"adopt:{a}", "adopt", c)
    applies_by_block: dict[str, list[str]] = {}
    destroys_by_block: dict[str, list[str]] = {}
    for op in ops.values():
        if op.kind in ("apply", "adopt"):
            applies_by_block.setdefault(block_of(op.change.address), []).append(op.id)
        elif op.kind == "destroy":
            destroys_by_block.setdefault(block_of(op.change.address), []).append(op.id)
    state_deps = {r["address"]: r.get("dependencies") or [] for r in plan.prior_state.get("resources", [])}
    all_applies = [o.id for o in ops.values() if o.kind in ("apply", "adopt")]
    for op in ops.values():
        c = op.change
        if op.kind == "apply":
            for dep in c.dependencies:
                op.deps.update(x for x in applies_by_block.get(dep, []) if x != op.id)
        elif op.kind in ("destroy", "deposed"):
            # Whatever depended on this object in state goes (or moves off it) first.
            for other, deps in state_deps.items():
                if other == c.address or block_of(c.address) not in deps and c.address not in deps:
                    continue
                op.deps.update(x for x in (f"destroy:{other}",) if x in ops and x != op.id)
                # A dependent updated to stop using an object that is going away moves
                # off it first; a replaced object is still used, by its new half.
                pure_delete = op.kind == "destroy" and c.action is Action.DELETE
                if pure_delete and f"apply:{other}" in ops and ops[f"apply:{other}"].change.action is Action.UPDATE:
                    op.deps.add(f"apply:{other}")
            if op.kind == "deposed":
                op.deps.update(all_applies)
    return ops
