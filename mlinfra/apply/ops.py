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
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from mlinfra.plans.model import Action, Plan, ResourceChange


class OpKind(StrEnum):
    """What an operation does; the walker runs each kind through its own handler."""

    APPLY = "apply"  # create or update
    DESTROY = "destroy"
    DEPOSED = "deposed"  # delete the old half of a create-before-destroy replacement
    ADOPT = "adopt"  # record an imported object
    JOIN = "join"  # waits for a group of operations; does nothing


@dataclass
class Op:
    id: str
    kind: OpKind
    change: ResourceChange
    deps: set[str] = field(default_factory=set)
    deposed_key: str | None = None

    @property
    def label(self) -> str:
        """The operation as a person reads it: the address, and which deposed object."""
        return self.change.address + (f" (deposed {self.deposed_key})" if self.kind is OpKind.DEPOSED else "")


def block_of(addr: str) -> str:
    return addr.split("[", 1)[0]


def ready_key(op: Op) -> tuple[bool, str]:
    return op.kind is not OpKind.DESTROY, op.id


def build_ops(plan: Plan) -> dict[str, Op]:
    ops: dict[str, Op] = {}
    for c in plan.changes:
        a = c.address
        if c.deposed is not None:
            ops[f"deposed:{a}#{c.deposed}"] = Op(f"deposed:{a}#{c.deposed}", OpKind.DEPOSED, c, deposed_key=c.deposed)
        elif c.action in (Action.CREATE, Action.UPDATE):
            ops[f"apply:{a}"] = Op(f"apply:{a}", OpKind.APPLY, c)
        elif c.action is Action.DELETE:
            ops[f"destroy:{a}"] = Op(f"destroy:{a}", OpKind.DESTROY, c)
        elif c.action is Action.DELETE_THEN_CREATE:
            ops[f"destroy:{a}"] = Op(f"destroy:{a}", OpKind.DESTROY, c)
            ops[f"apply:{a}"] = Op(f"apply:{a}", OpKind.APPLY, c, {f"destroy:{a}"})
        elif c.action is Action.CREATE_THEN_DELETE:
            key = uuid.uuid4().hex[:8]
            ops[f"apply:{a}"] = Op(f"apply:{a}", OpKind.APPLY, c, deposed_key=key)
            ops[f"deposed:{a}#{key}"] = Op(f"deposed:{a}#{key}", OpKind.DEPOSED, c, deposed_key=key)
        elif c.importing is not None:
            ops[f"adopt:{a}"] = Op(f"adopt:{a}", OpKind.ADOPT, c)
    _order(ops, plan)
    return ops


# A group of more operations than this is waited for through one ``join`` operation, so
# that N dependents of N objects cost 2N edges, not N x N.
DIRECT_EDGES = 2


class _Joins:
    """Edges to a group of operations (all applies of a block, all destroys of the
    objects that depend on a block), each group worked out once."""

    def __init__(self, ops: dict[str, Op]) -> None:
        self.ops = ops
        self.groups: dict[str, list[str]] = {}

    def depend(self, op: Op, key: str, targets: Callable[[], list[str]]) -> None:
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = [x for x in targets() if x in self.ops]
            if len(group) > DIRECT_EDGES:
                first = self.ops[group[0]].change
                self.ops[f"join:{key}"] = Op(f"join:{key}", OpKind.JOIN, first, set(group))
        if len(group) > DIRECT_EDGES:
            op.deps.add(f"join:{key}")
        else:
            op.deps.update(x for x in group if x != op.id)


def _order(ops: dict[str, Op], plan: Plan) -> None:
    """The edges between operations, in time linear in the operations and the state's
    recorded dependencies. Creates and updates wait for the applies of the blocks they
    depend on. A destroy waits for the destroys of what depended on the object in state;
    a pure delete also for the updates that move a dependent off it (a replaced object is
    still used, by its new half). Deposed objects go after every create and update."""
    applies_by_block: dict[str, list[str]] = {}
    for op in ops.values():
        if op.kind in (OpKind.APPLY, OpKind.ADOPT):
            applies_by_block.setdefault(block_of(op.change.address), []).append(op.id)
    dependents_of: dict[str, list[str]] = {}
    for r in plan.prior_state.get("resources", []):
        for dep in r.get("dependencies") or []:
            dependents_of.setdefault(dep, []).append(r["address"])

    def updated(addr: str) -> bool:
        other = ops.get(f"apply:{addr}")
        return other is not None and other.change.action is Action.UPDATE

    def elsewhere(block: str) -> list[str]:
        return [y for y in dependents_of.get(block, ()) if block_of(y) != block]

    within: dict[str, list[str]] = {}  # block -> its own instances that depend on it

    def inside(block: str) -> list[str]:
        if block not in within:
            within[block] = [y for y in dependents_of.get(block, ()) if block_of(y) == block]
        return within[block]

    joins = _Joins(ops)
    for op in list(ops.values()):
        c = op.change
        a, b = c.address, block_of(c.address)
        if op.kind is OpKind.APPLY:
            for dep in c.dependencies:
                if dep == b:
                    op.deps.update(x for x in applies_by_block.get(dep, ()) if x != op.id)
                else:
                    joins.depend(op, f"applied:{dep}", lambda dep=dep: applies_by_block.get(dep, []))  # type: ignore[misc]
            continue
        if op.kind not in (OpKind.DESTROY, OpKind.DEPOSED):
            continue
        pure_delete = op.kind is OpKind.DESTROY and c.action is Action.DELETE
        joins.depend(op, f"destroyed:{b}", lambda b=b: [f"destroy:{y}" for y in elsewhere(b)])  # type: ignore[misc]
        if pure_delete:
            joins.depend(op, f"moved-off:{b}", lambda b=b: [f"apply:{y}" for y in elsewhere(b) if updated(y)])  # type: ignore[misc]
        near = inside(b) if a == b else [*inside(b), *dependents_of.get(a, ())]
        for y in near:
            if y == a:
                continue
            if f"destroy:{y}" in ops and f"destroy:{y}" != op.id:
                op.deps.add(f"destroy:{y}")
            if pure_delete and updated(y):
                op.deps.add(f"apply:{y}")
        if op.kind is OpKind.DEPOSED:
            joins.depend(op, "applied", lambda: [o.id for o in ops.values() if o.kind in (OpKind.APPLY, OpKind.ADOPT)])
