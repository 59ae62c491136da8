"""The planner: refresh, evaluate, diff, decide — config + state -> Plan.

Steps, in order: apply ``moved`` renames; resolve intents left by an interrupted apply
(read the object back by the name recorded, or by its address tag); refresh every
object in parallel (drift is what changed outside mlinfra); walk the resources in
dependency order asking each provider to plan; delete orphans and deposed objects;
compute output changes. Every decision is logged with its reason at debug level.
"""

from __future__ import annotations

from typing import Any

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.addrs import Address
from mlinfra.config import bodies, expressions
from mlinfra.config.functions_clock import Clock, now
from mlinfra.config.model import Config, ResourceBlock
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.graph.builder import dependencies_closure, topo_order
from mlinfra.graph.dag import Graph
from mlinfra.logs import DEBUG, get_logger
from mlinfra.plans import data, monitors, reasons
from mlinfra.plans.evaluator import Evaluator, Instance, placeholder
from mlinfra.plans.model import Action, Mode, OutputChange, Plan, ResourceChange, decide_action
from mlinfra.plans.outputs import output_changes, seed_from_state
from mlinfra.plans.refresh import Refresher, from_record
from mlinfra.providers.manager import ProviderManager
from mlinfra.providers.protocol import ImportRequest, PlanRequest, ValidateRequest
from mlinfra.records import field, mutable
from mlinfra.states.model import ResourceState, State
from mlinfra.values import changed_paths, mark, unmark, values_equal

log = get_logger("mlinfra.plan")



@mutable
class PlanOptions:
    mode: Mode = Mode.NORMAL
    refresh: bool = True
    targets: tuple[Address, ...] = ()
    replace: tuple[Address, ...] = ()
    parallelism: int = 10
    variables: dict[str, Any] = field(default_factory=dict)


def _in_block_deps(addr: str, deps: list[str] | frozenset[str]) -> bool:
    base = addrs.block_key(addr)
    return base in deps or addr in deps


class Planner:
    def __init__(
        self,
        config: Config,
        state: State,
        providers: ProviderManager,
        graph: Graph,
        options: PlanOptions,
        workspace: str = "default",
    ) -> None:
        self.config = config
        self.prior_state = state
        self.state = state.copy()
        self.providers = providers
        self.graph = graph
        self.opts = options
        self.workspace = workspace
        self.clock = Clock(now())
        self.ev = Evaluator(config, options.variables, workspace, clock=self.clock)
        self.diags = Diagnostics()
        self.changes: dict[str, ResourceChange] = {}
        self._schema_versions: dict[tuple[str, str], int] = {}
        self.refresher = Refresher(
            config, self.state, providers, self.ev, self.diags, self.provider_for, options.parallelism
        )
        # A destroy reads no data source: what it would find cannot matter, and a source
        # gone already must not stand in the way.
        self.data = (data.attach(self.ev, providers, self.diags, pending=self._pending)
                     if options.mode is not Mode.DESTROY else None)  # fmt: skip

    # -- entry -------------------------------------------------------------------------
    def run(self) -> Plan:
        self.refresher.apply_moved()
        self.refresher.resolve_intents()
        drift = self.refresher.refresh() if self.opts.refresh else []
        if self.opts.mode is Mode.DESTROY:
            self._plan_destroy()
        elif self.opts.mode is Mode.NORMAL:
            self._plan_normal()
        else:
            self._seed_from_state()
        if self.data is not None:
            self.data.read_all()
        if self.opts.mode is Mode.NORMAL and self.opts.targets:
            outputs: list[OutputChange] = []
        else:
            outputs = output_changes(self.ev, self.config, self.prior_state, self.opts.mode, self.diags)
        changes = sorted(self.changes.values(), key=lambda c: (c.addr.sort_key(), c.deposed or ""))
        return Plan(
            mode=self.opts.mode,
            timestamp=self.clock.plan_time,
            changes=changes,
            lineage=self.prior_state.lineage,
            serial=self.prior_state.serial,
            variables=dict(self.opts.variables),
            output_changes=outputs,
            drift=drift,
            prior_state=self.state.to_json(),
            workspace=self.workspace,
            targets=[str(t) for t in self.opts.targets],
            sources=self.config.sources,
            errored=self.diags.has_errors,
            notes=monitors.notes(self.state.resources) if self.opts.mode is not Mode.DESTROY else [],
            data_reads=self.data.results() if self.data is not None else [],
        )

    def _pending(self, block: str) -> bool:
        """Whether the plan changes an instance of ``block`` (KIND.NAME)."""
        return any(c.action is not Action.NOOP and c.address.split("[", 1)[0] == block for c in self.changes.values())

    def scope_fn(self) -> expressions.Scope:
        return self.ev.scope()

    def provider_for(self, key: str, rng: d.SourceRange | None = None) -> Any:
        try:
            return self.providers.get(key, self.scope_fn, rng)
        except DiagnosticsError as e:
            self.diags.extend(e.diagnostics)
            return None

    # -- normal mode -------------------------------------------------------------------
    def _targeted_blocks(self) -> set[str] | None:
        if not self.opts.targets:
            return None
        nodes: set[str] = set()
        for t in self.opts.targets:
            if t.is_module:
                nodes |= {k for k, r in self.config.resources.items() if r.address.in_module(t.module)}
            else:
                nodes.add(str(t.resource))
        return dependencies_closure(self.graph, nodes)

    def _is_targeted(self, addr: Address, blocks: set[str] | None) -> bool:
        if blocks is None:
            return True
        if str(addr.resource) not in blocks:
            return False
        direct = [t for t in self.opts.targets if t.resource == addr.resource]
        return not direct or any(addr.matches(t) for t in direct)

    def _plan_normal(self) -> None:
        blocks = self._targeted_blocks()
        for flag, given in (("target", self.opts.targets), ("replace", self.opts.replace)):
            for t in given:
                declared = (
                    any(r.address.in_module(t.module) for r in self.config.resources.values())
                    if t.is_module
                    else str(t.resource) in self.config.resources
                )
                if not declared and not any(r.addr.matches(t) for r in self.state.resources.values()):
                    self.diags.add(
                        d.error(f"Invalid {flag}", f"{t} is neither in the configuration nor in the state.")
                    )
        self.refresher.collect_imports()
        seen: set[str] = set()
        # A block whose planning failed -> the instance that failed first. Its dependents
        # are not planned: their errors would only echo the first one.
        failed: dict[str, str] = {}
        for key in topo_order(self.graph):
            block = self.config.resources[key]
            upstream = next((failed[x] for x in sorted(block.dependencies) if x in failed), None)
            if upstream is not None:
                log.debug("%s: not planned because %s failed", key, upstream)
                failed[key] = upstream
                self._keep_instances(block, seen)
                continue
            errors = len(self.diags.errors)
            insts = self.ev.expand(block, self.diags)
            if insts is None:
                if len(self.diags.errors) > errors:
                    failed[key] = key
                continue
            for inst in insts:
                addr = str(inst.address)
                seen.add(addr)
                if self._is_targeted(inst.address, blocks):
                    self._plan_instance(inst, addr)
                    if len(self.diags.errors) > errors and key not in failed:
                        failed[key] = addr
                else:
                    rec = self.state.resources.get(addr)
                    if rec is not None and rec.attributes:
                        self.ev.set_value(inst.address, mark(rec.attributes, [tuple(p) for p in rec.sensitive_paths]))
        for addr, rec in sorted(self.state.resources.items()):
            if addr not in seen and rec.attributes:
                a = rec.addr
                # With --target, an orphan goes only when a target names it.
                if blocks is not None and not any(a.matches(t) for t in self.opts.targets):
                    continue
                self._add_delete(rec, self._orphan_reason(a))
            self._plan_deposed(rec, blocks)

    def _keep_instances(self, block: ResourceBlock, seen: set[str]) -> None:
        """A block left unplanned: its recorded instances are not orphans."""
        prefix = str(block.address)
        for addr in self.state.resources:
            if addr == prefix or addr.startswith(prefix + "["):
                seen.add(addr)

    def _orphan_reason(self, a: Address) -> str:
        block = self.config.resources.get(str(a.resource))
        if block is None and a.module and a.module not in self.config.modules:
            gone = next(a.module[:i] for i in range(1, len(a.module) + 1) if a.module[:i] not in self.config.modules)
            return f"because {addrs.module_prefix(gone)[:-1]} is not in the configuration"
        if block is None:
            return "because it is not in the configuration"
        if a.key is not None and isinstance(a.key, int):
            return f"because index {a.key} is out of range for count"
        if a.key is not None:
            return f'because key "{a.key}" is not in for_each'
        return "because it is not in the configuration"

    def _plan_deposed(self, rec: ResourceState, blocks: set[str] | None) -> None:
        if blocks is not None and not self._is_targeted(rec.addr, blocks):
            return
        for dep in rec.deposed:
            change = from_record(rec, Action.DELETE, dep.attributes, None)
            change.reason = "because it is a deposed object left by a replacement"
            change.deposed = dep.key
            change.before_sensitive = []
            self.changes[f"{rec.address}#{dep.key}"] = change

    def _plan_instance(self, inst: Instance, addr: str) -> None:
        """Plan ``inst``, whose address is ``addr`` (``str(inst.address)``)."""
        block = inst.block
        rec = self.state.resources.get(addr)
        prior = rec.attributes if rec is not None and rec.attributes else None
        local_diags = Diagnostics()
        config_marked = self.ev.instance_config(inst, local_diags)
        self.diags.extend(local_diags)
        provider = self.provider_for(block.provider, block.provider_range)
        if provider is None or local_diags.has_errors:
            # Outputs stay UNKNOWN even where an argument has the same name
            # (a pipeline's metrics to record vs. the metrics measured).
            self.ev.set_value(inst.address, {**config_marked, **placeholder(block.kind, outputs_only=True)})
            return
        plain, sens = unmark(config_marked)
        vr = provider.validate(ValidateRequest(block.kind, addr, plain))
        self._provider_diags(vr.diagnostics, block, addr)
        importing = None
        imports = self.refresher.imports
        if prior is None and addr in imports:
            importing = str(imports[addr])
            rr = provider.import_resource(ImportRequest(block.kind, addr, importing))
            self._provider_diags(rr.diagnostics, block, addr)
            if rr.attributes is None and not rr.diagnostics.has_errors:
                self.diags.add(
                    d.error(
                        "Cannot import non-existent remote object",
                        f'The {block.kind} "{importing}" does not exist, so it cannot be imported into {addr}.',
                        block.range,
                    )
                )
            prior = rr.attributes
        if prior is not None:
            plain = self._ignore_changes(block, plain, prior)
        pr = provider.plan(
            PlanRequest(block.kind, addr, prior, plain, rec.private if rec is not None else {})
        )
        self._provider_diags(pr.diagnostics, block, addr)
        if pr.diagnostics.has_errors or vr.diagnostics.has_errors:
            self.ev.set_value(inst.address, {**config_marked, **placeholder(block.kind, outputs_only=True)})
            return
        planned = pr.planned
        changed = prior is not None and next(changed_paths(prior, planned), None) is not None
        requested = bool(self.opts.replace) and any(inst.address.matches(r) for r in self.opts.replace)
        forced, why_forced = self._forced_replace(inst, requested)
        tainted = rec is not None and rec.status == "tainted"
        action = decide_action(
            prior_exists=prior is not None,
            planned_exists=True,
            changed=changed,
            requires_replace=bool(pr.requires_replace),
            forced_replace=forced,
            tainted=tainted,
            create_before_destroy=block.lifecycle.create_before_destroy,
        )
        reason = pr.reason
        private = pr.private
        if action.is_replace and prior is not None:
            # The new object is planned as a create, as Terraform does: what the provider
            # computes (a url, a port, a version) is known only after apply.
            created = provider.plan(PlanRequest(block.kind, addr, None, plain, {}))
            self._provider_diags(created.diagnostics, block, addr)
            if not created.diagnostics.has_errors:
                planned, private = created.planned, created.private
        if action.is_replace:
            reason = (
                "because it is tainted" if tainted
                else why_forced if forced
                else reason or "because a changed argument cannot be updated in place"
            )
            if block.lifecycle.prevent_destroy:
                self._prevent_destroy(block, addr)
        if log.isEnabledFor(DEBUG):
            log.debug(
                "%s: %s %s", addr, action.name.lower(),
                reason or ("because it is not in the state" if action is Action.CREATE
                           else "because planned attributes differ" if action is Action.UPDATE
                           else "because planned attributes equal the refreshed state"),
            )
        self.changes[addr] = ResourceChange(
            address=addr,
            kind=block.kind,
            name=block.name,
            index=inst.address.key,
            provider=block.provider,
            action=action,
            before=prior,
            after=planned,
            replace_paths=[tuple(p) for p in pr.requires_replace] if action.is_replace else [],
            reason=reason if action is not Action.NOOP else None,
            before_sensitive=[tuple(p) for p in rec.sensitive_paths] if rec else [],
            after_sensitive=sorted(sens, key=repr),
            config=plain,
            private=private,
            dependencies=sorted(block.dependencies),
            create_before_destroy=block.lifecycle.create_before_destroy,
            importing=importing,
            previous_address=self.refresher.moved_from.get(addr),
            action_reason=reasons.for_instance(
                action,
                tainted=tainted,
                by_request=requested,
                by_trigger=forced,
            ),
            schema_version=self._schema_version(block.provider, block.kind),
        )
        self.ev.set_value(inst.address, mark(planned, sens))

    def _ignore_changes(self, block: ResourceBlock, plain: dict[str, Any], prior: dict[str, Any]) -> dict[str, Any]:
        lc = block.lifecycle
        if lc.ignore_all_changes:
            return {k: prior.get(k, v) for k, v in plain.items()}
        out = dict(plain)
        for name in lc.ignore_changes:
            if name in prior:
                out[name] = prior[name]
            else:
                out.pop(name, None)
        return out

    def _schema_version(self, provider: str, kind: str) -> int:
        """The provider's schema version of ``kind``, asked once per provider and kind."""
        key = (provider, kind)
        found = self._schema_versions.get(key)
        if found is None:
            found = self._schema_versions[key] = self.providers.schema_version(provider, kind)
        return found

    def _forced_replace(self, inst: Instance, requested: bool) -> tuple[bool, str]:
        """Whether ``inst`` is replaced whatever its diff (``requested``: --replace names
        it), and why."""
        if requested:
            return True, "because of --replace"
        for expr in inst.block.lifecycle.replace_triggered_by:
            for ref in expressions.references(expr):
                p = ref.parts
                if len(p) < 2 or p[0] not in addrs.KINDS:
                    continue
                base = f"{addrs.module_prefix(inst.block.module)}{p[0]}.{p[1]}"
                key = p[2] if len(p) > 2 and isinstance(p[2], int) else None
                for c in self.changes.values():
                    if addrs.block_key(c.address) != base or c.action is Action.NOOP:
                        continue
                    if key is not None and c.index != key:
                        continue
                    attr = next((x for x in p[2:] if isinstance(x, str)), None)
                    if attr is None or c.before is None or not values_equal(c.before.get(attr), c.after.get(attr) if c.after else None):
                        return True, f"because of replace_triggered_by: {c.address} changes"
        # Only a monitor is reset (its record is of its address's kind).
        retrain = monitors.retrain_reason(inst.block, self.state.resources) or (
            monitors.reset_reason(inst.address, self.config.resources.values(), self.state.resources)
            if inst.block.kind == "monitor"
            else None
        )
        if retrain is not None:
            return True, retrain
        return False, ""

    def _prevent_destroy(self, block: ResourceBlock, addr: str) -> None:
        self.diags.add(
            d.error(
                "Instance cannot be destroyed",
                f"{addr} has lifecycle.prevent_destroy set, but the plan calls for this resource to be "
                "destroyed. To avoid this error and continue with the plan, either disable "
                "lifecycle.prevent_destroy or reduce the scope of the plan using --target.",
                block.range,
                context=block.context,
            )
        )

    def _provider_diags(self, diags: Diagnostics, block: ResourceBlock, addr: str) -> None:
        for x in diags:
            self.diags.add(bodies.locate(x, block.body, block.range, block.context).with_defaults(address=addr))

    def _add_delete(self, rec: ResourceState, reason: str) -> None:
        a = rec.addr
        block = self.config.resources.get(str(a.resource))
        if block is not None and block.lifecycle.prevent_destroy and self.opts.mode is Mode.DESTROY:
            self._prevent_destroy(block, rec.address)
        change = from_record(rec, Action.DELETE, rec.attributes, None)
        change.reason = reason
        if self.opts.mode is not Mode.DESTROY:  # Terraform gives a destroy plan no reason
            change.action_reason = reasons.for_orphan(self.config, a)
        self.changes[rec.address] = change
        self.provider_for(rec.provider)

    # -- other modes -------------------------------------------------------------------
    def _plan_destroy(self) -> None:
        chosen = set(self.state.resources)
        if self.opts.targets:
            picked = {a for a in chosen if any(addrs.of(a).matches(t) for t in self.opts.targets)}
            # Everything that depends on a destroyed object goes too.
            grew = True
            while grew:
                grew = False
                for a, rec in self.state.resources.items():
                    if a not in picked and any(_in_block_deps(p, rec.dependencies) for p in picked):
                        picked.add(a)
                        grew = True
            chosen = picked
        for addr in sorted(chosen):
            rec = self.state.resources[addr]
            if rec.attributes:
                self._add_delete(rec, "because destroy was requested")
            self._plan_deposed(rec, None)
        self._seed_from_state()

    def _seed_from_state(self) -> None:
        seed_from_state(self.ev, self.config, self.state, topo_order(self.graph), self.opts.mode is Mode.REFRESH_ONLY)
