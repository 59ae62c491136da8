"""The applier: a parallel walk of a plan's operations (see ``ops``) in dependency order.

Before a create, the intent (address and the provider's locator: what it takes to
find the object) is persisted, and so is each addition the provider makes to the
locator while creating, so an apply killed at any instant never loses track of an
object. After each operation the state is persisted through the journal, once the
result is checked against the plan (``consistency``). An operation the provider
answers as pending (an endpoint becoming ready) is polled from the scheduler's timer
heap without holding a worker; the intent stored before it keeps it recoverable
throughout. When an operation fails, what
depends on it is skipped and independent work goes on (``scheduler``); every error is
reported. After a failed or interrupted walk, the outputs that can be evaluated are
recorded.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.apply.consistency import inconsistencies
from mlinfra.apply.interrupt import Interrupt
from mlinfra.apply.ops import Op, OpKind, block_of, build_ops
from mlinfra.apply.scheduler import Deferred, Step, run_ops
from mlinfra.apply.surface import ApplyResult, Hooks, NoHooks, StateSink
from mlinfra.config import bodies
from mlinfra.config.functions_clock import Clock
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.logs import get_logger
from mlinfra.plans.evaluator import Evaluator
from mlinfra.plans.model import Action, Mode, Plan, ResourceChange
from mlinfra.plans.refresh import LOCATOR
from mlinfra.providers.manager import ProviderManager
from mlinfra.providers.protocol import (
    ApplyRequest,
    ApplyResponse,
    IntentRequest,
    Locator,
    PlanRequest,
    PollRequest,
)
from mlinfra.states.model import Deposed, OutputState, ResourceState
from mlinfra.values import contains_unknown, mark, split_unknown, unmark

log = get_logger("mlinfra.apply")


class Walker:
    def __init__(
        self,
        plan: Plan,
        config: Config | None,
        sink: StateSink,
        providers: ProviderManager,
        variables: dict[str, Any],
        *,
        parallelism: int = 10,
        hooks: Hooks | None = None,
        interrupt: Interrupt | None = None,
    ) -> None:
        self.plan = plan
        self.config = config
        self.sink = sink
        self.providers = providers
        self.parallelism = max(1, parallelism)
        self.hooks = hooks or NoHooks()
        self.interrupt = interrupt or Interrupt()
        self.diags = Diagnostics()
        self.lock = threading.RLock()
        clock = Clock(plan.timestamp, applying=True)
        self.ev = Evaluator(config, variables, plan.workspace, clock=clock) if config is not None else None
        self.result = ApplyResult(self.diags)
        self.failed = False
        self._handlers: dict[OpKind, Callable[[Op, Any], Step]] = {
            OpKind.APPLY: self._op_apply,
            OpKind.DESTROY: self._op_destroy,
            OpKind.DEPOSED: self._op_deposed,
            OpKind.ADOPT: self._op_adopt,
        }

    # -- entry -------------------------------------------------------------------------
    def run(self) -> ApplyResult:
        ops = build_ops(self.plan)
        self._sync_refreshed(ops)
        self._seed_values()
        self.interrupt.arm()
        try:
            out = run_ops(
                ops, self._run_op, parallelism=self.parallelism, interrupt=self.interrupt,
                on_error=self._unexpected, on_skip=self._skipped,
            )
        finally:
            self.interrupt.disarm()
        if out.stalled:
            self.diags.add(d.error("Apply stalled", f"Operations could not be ordered: {out.stalled}"))
        if out.not_started or out.abandoned:
            self.result.interrupted = True
            self.diags.add(out.interrupted())
        complete = not (self.failed or out.stalled or self.result.interrupted)
        if self.plan.mode is Mode.DESTROY:
            if complete:
                self.sink.set_outputs({})
        elif self.plan.mode is Mode.REFRESH_ONLY:
            self._planned_outputs()
        elif self.ev is not None:
            self._outputs(complete)
        return self.result

    def _unexpected(self, op: Op, exc: BaseException) -> None:
        with self.lock:
            self.failed = True
            self.diags.add(d.error(f"Unexpected failure applying {op.change.address}", f"{type(exc).__name__}: {exc}"))

    def _skipped(self, op: Op, cause: Op) -> None:
        if (skip := getattr(self.hooks, "skip", None)) is not None:  # hooks older than skip have none
            skip(op.label, f"{cause.change.address} failed")

    # -- before the walk ---------------------------------------------------------------
    def _sync_refreshed(self, ops: dict[str, Op]) -> None:
        """Persist what the plan learned while refreshing: resolved intents, moved
        addresses, objects gone outside mlinfra, refreshed attributes."""
        stored = self.sink.state.resources
        refreshed = {r["address"]: ResourceState.from_json(r) for r in self.plan.prior_state.get("resources", [])
                     if r.get("mode") != "data"}  # fmt: skip
        touched = {o.change.address for o in ops.values()}
        for addr in sorted(set(stored) - set(refreshed)):
            if addr not in touched:
                self.sink.remove(addr)
        for addr, rec in sorted(refreshed.items()):
            old = stored.get(addr)
            if old is not None and old.to_json() == rec.to_json():
                continue
            # A record the walk will rewrite is left to it, unless what is stored is
            # only an intent (or nothing) that the plan resolved.
            if addr not in touched or self.plan.mode is Mode.REFRESH_ONLY or old is None or old.status == "creating":
                self.sink.put(rec)

    def _seed_values(self) -> None:
        if self.ev is None:
            return
        for c in self.plan.changes:
            if c.deposed is None and c.after is not None and block_of(c.address) in self.ev.config.resources:
                self.ev.set_value(c.addr, mark(c.after, c.after_sensitive))

    # -- operations --------------------------------------------------------------------
    def _run_op(self, op: Op) -> Step:
        c = op.change
        action = {
            OpKind.APPLY: c.action, OpKind.DESTROY: Action.DELETE, OpKind.DEPOSED: Action.DELETE, OpKind.ADOPT: Action.NOOP,
        }[op.kind]
        if op.kind is OpKind.APPLY and c.action.is_replace:
            action = Action.CREATE
        label = op.label
        log.debug("%s: %s %s (after %s)", label, op.kind, c.action.name.lower(), ", ".join(sorted(op.deps)) or "nothing")
        self.hooks.start(label, action)
        t0 = time.monotonic()
        handler = self._handlers[op.kind]

        def first() -> Step:
            return handler(op, self.providers.get(c.provider, self._scope))

        return self._step(first, c.address, label, action, t0)

    def _step(self, fn: Callable[[], Step], address: str, label: str, action: Action, t0: float) -> Step:
        """Run one step of an operation; the hooks hear of its end after its last step."""
        try:
            result = fn()
        except DiagnosticsError as e:
            self._fail(e.diagnostics, address)
            result = False
        except BaseException:
            self.hooks.finish(label, action, time.monotonic() - t0, True)
            raise
        if isinstance(result, Deferred):
            nxt = result.resume
            return Deferred(result.at, lambda: self._step(nxt, address, label, action, t0))
        self.hooks.finish(label, action, time.monotonic() - t0, not result)
        return result

    def _call(self, provider: Any, req: ApplyRequest, then: Callable[[ApplyResponse], bool]) -> Step:
        """``provider.apply(req)``, then ``then`` with its final response, polling the
        provider while it answers pending (each poll a step of its own)."""
        return self._settled(provider, req, provider.apply(dataclasses.replace(req, deferrable=True)), then)

    def _settled(
        self, provider: Any, req: ApplyRequest, resp: ApplyResponse, then: Callable[[ApplyResponse], bool]
    ) -> Step:
        pending = resp.pending
        if pending is None:
            return then(resp)
        self.hooks.progress(req.address, pending.status or "waiting")

        def poll() -> Step:
            nxt = provider.poll(
                PollRequest(req.kind, req.address, pending.continuation, req.progress, req.record, req.redact)
            )
            return self._settled(provider, req, nxt, then)

        return Deferred(time.monotonic() + max(0.0, pending.after), poll)

    def _scope(self) -> Any:
        assert self.ev is not None
        return self.ev.scope()

    def _fail(self, diags: Diagnostics, address: str) -> None:
        """Record a resource's errors, placed at its block when it is still configured."""
        block = self.config.resources.get(block_of(address)) if self.config is not None else None
        with self.lock:
            self.failed = True
            for x in diags:
                if block is not None:
                    x = bodies.locate(x, block.body, block.range, block.context)
                self.diags.add(x.with_defaults(address=address))

    def _record(self, address: str) -> ResourceState | None:
        rec = self.sink.get(address)
        return None if rec is None else ResourceState.from_json(rec.to_json())

    def _final_config(self, c: ResourceChange) -> tuple[dict[str, Any], list[Any]]:
        cfg = c.config or {}
        if not contains_unknown(cfg) or self.ev is None:
            return cfg, list(c.after_sensitive)
        a = c.addr
        block = self.ev.config.resources[str(a.resource)]
        diags = Diagnostics()
        with self.lock:
            self.ev.forget_locals()
            insts = self.ev.expand(block, diags, seed=False) or []
            inst = next((i for i in insts if i.address == a), None)
            if inst is None:
                raise DiagnosticsError(d.error("Instance vanished", f"{c.address} is no longer an instance of {block.address}."))
            marked = self.ev.instance_config(inst, diags)
        diags.raise_if_errors()
        plain, sens = unmark(marked)
        if c.before is not None and block.lifecycle.ignore_changes:
            for name in block.lifecycle.ignore_changes:
                if name in c.before:
                    plain[name] = c.before[name]
        return plain, sorted(sens, key=repr)

    def _progress(self, address: str) -> Any:
        return lambda msg: self.hooks.progress(address, msg)

    def _op_apply(self, op: Op, provider: Any) -> Step:
        c = op.change
        cfg, sens = self._final_config(c)
        creating = c.action in (Action.CREATE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE)
        with self.lock:
            rec = self._record(c.address)
        prior = None if creating else (rec.attributes if rec else c.before)
        pr = provider.plan(PlanRequest(c.kind, c.address, prior, cfg, c.private))
        if pr.diagnostics.has_errors:
            self._fail(pr.diagnostics, c.address)
            return False
        if not creating and pr.requires_replace:
            self._fail(
                Diagnostics([d.error("Provider produced inconsistent final plan",
                                     f"{c.address} was planned as an in-place update, but with the values "
                                     "known now it needs replacing. Run plan again.")]),
                c.address,
            )
            return False
        planned = pr.planned
        deposed = list(rec.deposed) if rec else []
        locator: Locator = {}
        record = None
        if creating:
            if c.action is Action.CREATE_THEN_DELETE and rec is not None and rec.attributes:
                deposed.append(Deposed(op.deposed_key or uuid.uuid4().hex[:8], rec.id, rec.attributes, rec.private))
            ir = provider.intent(IntentRequest(c.kind, c.address, planned, cfg))
            if ir.diagnostics.has_errors:
                self._fail(ir.diagnostics, c.address)
                return False
            locator = ir.locator
            self.sink.put(self._intent(c, locator, sens, deposed))

            def record(found: Locator) -> None:
                self.sink.put(self._intent(c, found, sens, deposed))

        def then(resp: ApplyResponse) -> bool:
            if not resp.diagnostics.has_errors and resp.attributes is not None:
                resp.diagnostics.extend(inconsistencies(c.provider, c.address, planned, resp.attributes, sens))
            if resp.diagnostics.has_errors:
                if resp.attributes:
                    status = "tainted" if creating else "ready"
                    self.sink.put(self._state(c, resp.attributes.get("id"), resp.attributes, sens, status, deposed, resp.private))
                elif c.action is Action.CREATE_THEN_DELETE and rec is not None and rec.attributes:
                    # Nothing new exists: the old object, still serving, is current again.
                    self.sink.put(rec)
                elif deposed:
                    self.sink.put(self._state(c, None, {}, sens, "ready", deposed, {}))
                elif creating:
                    self.sink.remove(c.address)
                self._fail(resp.diagnostics, c.address)
                return False
            attrs = resp.attributes or {}
            self.sink.put(self._state(c, attrs.get("id"), attrs, sens, "ready", deposed, resp.private))
            with self.lock:
                if self.ev is not None:
                    self.ev.set_value(c.addr, mark(attrs, sens))
                if creating:
                    self.result.added += 1
                else:
                    self.result.changed += 1
                if c.importing is not None:
                    self.result.imported += 1
            return True

        return self._call(
            provider,
            ApplyRequest(
                c.kind, c.address, "create" if creating else "update", prior, planned, cfg, pr.private,
                self._progress(c.address), locator, record,
            ),
            then,
        )

    def _intent(self, c: ResourceChange, locator: Locator, sens: list[Any], deposed: list[Deposed]) -> ResourceState:
        """The record of a create in progress: what it takes to find the object."""
        name = locator.get("name")
        rs = self._state(c, name if isinstance(name, str) else None, {}, sens, "creating", deposed, {})
        rs.private = {LOCATOR: dict(locator)}
        return rs

    def _state(
        self, c: ResourceChange, rid: Any, attrs: dict[str, Any], sens: list[Any], status: Any,
        deposed: list[Deposed], private: dict[str, Any],
    ) -> ResourceState:
        return ResourceState(
            address=c.address,
            kind=c.kind,
            provider=c.provider,
            id=None if rid is None else str(rid),
            attributes=attrs,
            sensitive_paths=[list(p) for p in sens],
            schema_version=self.providers.schema_version(c.provider, c.kind),
            dependencies=list(c.dependencies),
            status=status,
            deposed=deposed,
            private=private,
        )

    def _op_destroy(self, op: Op, provider: Any) -> Step:
        c = op.change
        with self.lock:
            rec = self._record(c.address)
        prior = rec.attributes if rec and rec.attributes else c.before

        def then(resp: ApplyResponse | None) -> bool:
            if resp is not None and resp.diagnostics.has_errors:
                self._fail(resp.diagnostics, c.address)
                return False
            if rec is not None and rec.deposed:
                rec.attributes, rec.id = {}, None
                self.sink.put(rec)
            else:
                self.sink.remove(c.address)
            with self.lock:
                if c.action is Action.DELETE or c.action is Action.DELETE_THEN_CREATE:
                    self.result.destroyed += 1
            return True

        if not prior:
            return then(None)
        req = ApplyRequest(c.kind, c.address, "delete", prior, {}, {}, rec.private if rec else {}, self._progress(c.address))
        return self._call(provider, req, then)

    def _op_deposed(self, op: Op, provider: Any) -> Step:
        c = op.change
        with self.lock:
            rec = self._record(c.address)
        if rec is None:
            return True
        dep = next((x for x in rec.deposed if x.key == op.deposed_key), None)
        if dep is None:
            return True

        def then(resp: ApplyResponse) -> bool:
            if resp.diagnostics.has_errors:
                self._fail(resp.diagnostics, c.address)
                return False
            with self.lock:
                now = self._record(c.address)
                if now is not None:
                    now.deposed = [x for x in now.deposed if x.key != op.deposed_key]
                    if not now.deposed and not now.attributes:
                        self.sink.remove(c.address)
                    else:
                        self.sink.put(now)
                if c.action is Action.CREATE_THEN_DELETE or c.deposed is not None:
                    self.result.destroyed += 1
            return True

        req = ApplyRequest(c.kind, c.address, "delete", dep.attributes, {}, {}, dep.private, self._progress(c.address))
        return self._call(provider, req, then)

    def _op_adopt(self, op: Op, provider: Any) -> bool:
        c = op.change
        attrs = c.before or {}
        self.sink.put(self._state(c, attrs.get("id"), attrs, list(c.after_sensitive), "ready", [], c.private))
        with self.lock:
            self.result.imported += 1
        return True

    def _outputs(self, complete: bool) -> None:
        """Record the outputs. After a failed or interrupted apply, as in Terraform,
        those that can be evaluated from what was applied are recorded and the others
        keep their recorded values. A targeted apply records, likewise, only the outputs
        it can evaluate from what the state now holds."""
        assert self.ev is not None
        diags = Diagnostics()
        with self.lock:
            self.ev.forget_locals()
            outs = self.ev.outputs(diags)
        if complete and not self.plan.targets:
            self.diags.extend(diags)
            self._save_outputs(outs)
            return
        kept = {k: (o.value, o.sensitive) for k, o in self.sink.state.outputs.items() if k in self.ev.config.outputs}
        settled = {k: v for k, v in outs.items() if not contains_unknown(v[0])}
        self._save_outputs({**kept, **settled})

    def _planned_outputs(self) -> None:
        """A refresh-only apply records the output values its plan computed from the
        refreshed state (null where an object is gone)."""
        outs = {o.name: (o.after, o.sensitive) for o in self.plan.output_changes if o.action is not Action.DELETE}
        self._save_outputs(outs)

    def _save_outputs(self, outs: dict[str, tuple[Any, bool]]) -> None:
        # An unknown value is never recorded: state holds what exists, null otherwise.
        settled = {k: (split_unknown(v)[0] if contains_unknown(v) else v, s) for k, (v, s) in outs.items()}
        self.result.outputs = settled
        self.sink.set_outputs({k: OutputState(v, s) for k, (v, s) in sorted(settled.items())})

