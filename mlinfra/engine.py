"""The facade the command line calls: validate, plan, apply, destroy, import.

An ``Engine`` works in one configuration directory and workspace. It loads the
configuration, collects variables, builds the graph, opens the state backend and holds
the state lock for the length of an operation. Every failure leaves as a
``DiagnosticsError``; nothing here prints.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import __version__, addrs, graph
from mlinfra import diagnostics as d
from mlinfra.config import bodies, checks, hclcache, loader, variables
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.plans.evaluator import Evaluator
from mlinfra.plans.model import Mode, Plan
from mlinfra.providers.manager import ProviderManager
from mlinfra.providers.protocol import ImportRequest, ValidateRequest
from mlinfra.records import field, mutable
from mlinfra.values import UNKNOWN, unmark

if TYPE_CHECKING:  # the state and the apply walk are imported by the commands that use them
    from mlinfra.apply.interrupt import Interrupt
    from mlinfra.apply.surface import ApplyResult, Hooks
    from mlinfra.states import Backend, StateStore
    from mlinfra.states.crypto import Codec
    from mlinfra.states.model import ResourceState, State

TARGETING = (
    "You are creating a plan with the --target option, which means that the result of this plan "
    "may not represent all of the changes requested by the current configuration.\n\n"
    "The --target option is not for routine use, and is provided only for exceptional situations "
    "such as recovering from errors or mistakes, or when mlinfra specifically suggests to use it "
    "as part of an error message."
)
INCOMPLETE = (
    "The plan was created with the --target option in effect, so some changes requested in the "
    "configuration may have been ignored and the output values may not be fully updated. Run the "
    "following command to verify that no other changes are pending:\n    mlinfra plan\n\n"
    "Note that the --target option is not suitable for routine use, and is provided only for "
    "exceptional situations such as recovering from errors or mistakes, or when mlinfra "
    "specifically suggests to use it as part of an error message."
)


@mutable
class RunOptions:
    mode: Mode = Mode.NORMAL
    refresh: bool = True
    targets: list[str] = field(default_factory=list)
    replace: list[str] = field(default_factory=list)


class Engine:
    def __init__(
        self,
        workdir: Path,
        *,
        workspace: str | None = None,
        var_args: list[str] | None = None,
        var_files: list[Path] | None = None,
        lock_timeout: float = 0.0,
        parallelism: int = 10,
        environ: dict[str, str] | None = None,
    ) -> None:
        self.workdir = workdir.resolve()
        self._workspace = workspace
        self.var_args = var_args or []
        self.var_files = var_files or []
        self.lock_timeout = lock_timeout
        self.parallelism = parallelism
        self.environ = dict(os.environ) if environ is None else environ
        self._config: Config | None = None
        self._codec: Codec | None = None
        self.warnings = Diagnostics()

    # -- loading -----------------------------------------------------------------------
    @property
    def cache_dir(self) -> Path | None:
        return hclcache.default_dir(self.environ)

    def load(self, *, required: bool = True) -> Config:
        """The configuration. Commands that work from the state alone (state, output,
        show, destroy) pass ``required=False``: with no *.hcl files they get an empty
        configuration, so a user who deleted theirs can still tear down what runs."""
        if self._config is None:
            if not required and not loader.config_files(self.workdir):
                return self.load_sources({})
            with gc_paused():
                config, diags = loader.load_dir(self.workdir, self.cache_dir)
            self._check_version(config, diags)
            self.warnings.extend(diags.warnings)
            diags.raise_if_errors()
            self._config = self._expand(config, None)
        return self._config

    def load_sources(self, sources: dict[str, str], values: dict[str, Any] | None = None) -> Config:
        """The configuration of a saved plan (``values``: the plan's variables)."""
        config, diags = loader.load_sources(self.workdir, sources)
        diags.raise_if_errors()
        return self._expand(config, values)

    def _expand(self, config: Config, values: dict[str, Any] | None) -> Config:
        """The configuration with its module calls expanded into module instances. A
        call's count or for_each may use variables: when some have no value yet (the
        command will say so, or, for validate, needs none), such a call is left out."""
        if not config.module_calls:
            return config
        lenient = False
        if values is None:
            values, vd = variables.collect(config, self.var_args, self.all_var_files(), self.environ)
            if vd.has_errors:
                lenient = True
                values, _ = variables.collect(
                    config, self.var_args, self.all_var_files(), self.environ, allow_missing=True
                )
                values = {**dict.fromkeys(config.variables, UNKNOWN), **values}
        from mlinfra.config import modules_expand

        diags = Diagnostics()
        expanded = modules_expand.expand(config, values, diags, lenient=lenient)
        diags.raise_if_errors()
        return expanded

    def _check_version(self, config: Config, diags: Diagnostics) -> None:
        rv = config.required_version
        if rv and not _version_ok(__version__, rv):
            diags.add(
                d.error(
                    "Unsupported mlinfra version",
                    f'This configuration requires mlinfra {rv}, but this is {__version__}. '
                    "Install a matching version: pip install 'mlinfra" + rv.replace(" ", "") + "'",
                )
            )

    def codec(self, config: Config | None = None) -> Codec:
        """How states and saved plans are encrypted (the ``encryption`` block)."""
        if self._codec is None:
            cfg = config or self.load(required=False)
            if cfg.encryption is None:
                from mlinfra.states.crypto import PLAIN

                self._codec = PLAIN
            else:
                from mlinfra.states import keys

                values, _ = variables.collect(
                    cfg, self.var_args, self.all_var_files(), self.environ, allow_missing=True
                )
                self._codec = keys.codec_of(cfg.encryption, values)
        return self._codec

    def store(self, config: Config | None = None) -> StateStore:
        """The configured backend with every workspace (settings from ``init`` merged in)."""
        from mlinfra.states import initdir, open_store

        cfg = config or self.load(required=False)
        kind, settings = initdir.effective_settings(self.workdir, cfg.backend_type, cfg.backend_settings)
        return open_store(self.workdir, kind, settings, self.codec(cfg))

    def backend(self, config: Config | None = None) -> Backend:
        from mlinfra.states import workspaces

        store = self.store(config)
        workspaces.check_exists(store, self.workspace)
        return store.backend(self.workspace)

    @property
    def workspace(self) -> str:
        from mlinfra.states import selection

        return self._workspace or selection.current(self.workdir)

    def variables(self, config: Config, *, allow_missing: bool = False) -> dict[str, Any]:
        values, diags = variables.collect(
            config, self.var_args, self.all_var_files(), self.environ, allow_missing=allow_missing
        )
        self.warnings.extend(diags.warnings)
        diags.raise_if_errors()
        return values

    def all_var_files(self) -> list[Path]:
        """mlinfra.vars.hcl and *.auto.vars.hcl first, then --var-file options in order."""
        return [*variables.auto_var_files(self.workdir), *self.var_files]

    def graph(self, config: Config | None = None) -> graph.Graph:
        cfg = config or self.load()
        g, diags = graph.build(cfg)
        diags.raise_if_errors()
        return g

    # -- validate ----------------------------------------------------------------------
    def validate(self) -> Diagnostics:
        """Parse and check the configuration without touching state or any cloud."""
        diags = Diagnostics()
        try:
            config = self.load()
        except DiagnosticsError as e:
            return e.diagnostics
        diags.extend(self.warnings)
        values, vd = variables.collect(config, self.var_args, self.all_var_files(), self.environ, allow_missing=True)
        diags.extend(vd)
        _, gd = graph.build(config)
        diags.extend(gd)
        ev = Evaluator(config, values, self.workspace)
        ev.seed_placeholders()
        providers = ProviderManager(config, self.workdir, self.workspace)
        for key in sorted(config.resources):
            block = config.resources[key]
            insts = ev.expand(block, diags, allow_unknown=True, seed=False) or []
            pname = block.provider.split(".")[0]
            try:
                provider = providers.unconfigured(pname, block.provider_range)
            except DiagnosticsError as e:
                diags.extend(e.diagnostics)
                provider = None
            for inst in insts[:1]:
                cfg = ev.instance_config(inst, diags)
                if provider is not None:
                    plain, _ = unmark(cfg)
                    for x in provider.validate(ValidateRequest(block.kind, str(inst.address), plain)).diagnostics:
                        diags.add(bodies.locate(x, block.body, block.range, block.context))
        ev.check_module_variables(diags)
        ev.outputs(diags)
        return diags

    # -- plan --------------------------------------------------------------------------
    def _plan(self, config: Config, state: State, opts: RunOptions, providers: ProviderManager) -> Plan:
        from mlinfra.plans.planner import Planner, PlanOptions

        values = self.variables(config)
        g = self.graph(config)
        targets, replace = _parse_addrs(opts.targets, "--target"), _parse_addrs(opts.replace, "--replace")
        planner = Planner(
            config,
            state,
            providers,
            g,
            PlanOptions(opts.mode, opts.refresh, targets, replace, self.parallelism, values),
            self.workspace,
        )
        plan = planner.run()
        if opts.mode is Mode.NORMAL:
            found = Diagnostics()
            planner.ev.check_module_variables(found)
            planner.diags.extend(x for x in found if x not in planner.diags.items)
        if opts.mode is Mode.NORMAL and not planner.diags.has_errors:
            from mlinfra.config import conditions

            conditions.check(config, planner.ev, planner.diags, pre=True)
        if targets:
            self.warnings.add(d.warning("Resource targeting is in effect", TARGETING))
        self.warnings.extend(planner.diags.warnings)
        if not planner.diags.has_errors:
            self.warnings.extend(checks.evaluate(config.checks, _check_scope(planner.ev)))
        planner.diags.raise_if_errors()
        plan.config_digest = _digest(config.sources)
        return plan

    def plan(self, opts: RunOptions | None = None) -> Plan:
        config = self.load()
        backend = self.backend(config)
        lock = backend.lock("plan", self.lock_timeout)
        providers = ProviderManager(config, self.workdir, self.workspace)
        try:
            with gc_paused():
                plan = self._plan(config, backend.read(), opts or RunOptions(), providers)
            if config.encryption is not None:  # the key's variables stay out of plan files
                from mlinfra.states.keys import variables_used

                secret = variables_used(config.encryption)
                plan.variables = {k: v for k, v in plan.variables.items() if k not in secret}
            return plan
        finally:
            providers.close()
            backend.unlock(lock)

    # -- apply -------------------------------------------------------------------------
    def apply(
        self,
        opts: RunOptions | None = None,
        *,
        saved: Plan | None = None,
        confirm: Callable[[Plan], bool] | None = None,
        hooks: Hooks | None = None,
        interrupt: Interrupt | None = None,
    ) -> tuple[Plan, ApplyResult | None]:
        """Plan (or take a saved plan) and apply it under one lock. ``confirm`` sees the
        plan and may decline, in which case nothing is applied (result None)."""
        from mlinfra.apply.surface import ApplyResult
        from mlinfra.apply.walker import Walker
        from mlinfra.plans import data

        if saved is not None:
            config = self.load_sources(saved.sources, saved.variables)
        else:
            config = self.load(required=(opts or RunOptions()).mode is not Mode.DESTROY)
        backend = self.backend(config)
        lock = backend.lock("apply", self.lock_timeout)
        providers = ProviderManager(config, self.workdir, self.workspace)
        try:
            with gc_paused():
                state = backend.read()
            if saved is not None:
                if saved.serial == 0 and state.serial == 0 and not state.resources:
                    state.lineage = saved.lineage  # planned against a state not written yet
                if saved.lineage != state.lineage or saved.serial != state.serial:
                    raise DiagnosticsError(
                        d.error(
                            "Saved plan is stale",
                            "The given plan file can no longer be applied because the state was "
                            f"changed by another operation after the plan was created (plan: serial "
                            f"{saved.serial}, state: serial {state.serial}"
                            + ("" if saved.lineage == state.lineage else ", different lineage")
                            + "). Create a new plan with mlinfra plan --out FILE.",
                        )
                    )
                plan, values = saved, saved.variables
                _learn_secrets(providers, saved)
            else:
                with gc_paused():
                    plan = self._plan(config, state, opts or RunOptions(), providers)
                values = plan.variables
            if confirm is not None and not confirm(plan):
                return plan, None
            unchanged = plan.prior_state.get("resources") == state.to_json()["resources"]
            if not plan.has_changes and unchanged and not backend.recovering():
                if plan.data_reads or state.data:
                    data.save(backend, plan.data_reads, plan.mode is Mode.DESTROY)
                return plan, ApplyResult(Diagnostics())
            journal = backend.journal(state)
            walker = Walker(
                plan, config, journal, providers, values, parallelism=self.parallelism, hooks=hooks, interrupt=interrupt
            )
            destroying = plan.mode is Mode.DESTROY
            reader = data.attach(walker.ev, providers, Diagnostics(), plan.data_reads, at_apply=True) if walker.ev and not destroying else None
            try:
                result = walker.run()
            finally:
                journal.close()
            if reader is not None:
                result.diagnostics.extend(data.finish(reader, backend))
            elif destroying and state.data:
                data.save(backend, [], destroying=True)
            if walker.ev is not None and plan.mode is Mode.NORMAL:
                from mlinfra.config import conditions

                conditions.check(config, walker.ev, result.diagnostics, pre=False)
            if walker.ev is not None:  # the checks again, on what now exists (as Terraform does)
                self.warnings = Diagnostics([w for w in self.warnings if not w.context or not w.context.startswith("check ")])
                self.warnings.extend(checks.evaluate(config.checks, _check_scope(walker.ev)))
            if plan.targets:
                self.warnings.add(d.warning("Applied changes may be incomplete", INCOMPLETE))
            return plan, result
        finally:
            providers.close()
            backend.unlock(lock)

    # -- state commands ----------------------------------------------------------------
    def read_state(self) -> State:
        return self.backend().read()

    def import_resource(self, address: str, object_id: str) -> ResourceState:
        config = self.load()
        a = _parse_addrs([address], "address")[0]
        block = config.resources.get(str(a.resource))
        if block is None:
            raise DiagnosticsError(
                d.error(
                    "Resource not declared",
                    f"{a.resource} is not declared in the configuration. Add a {a.kind} \"{a.name}\" block "
                    "for it first."
                    + d.suggestion(str(a.resource), config.resources),
                )
            )
        backend = self.backend(config)
        lock = backend.lock("import", self.lock_timeout)
        providers = ProviderManager(config, self.workdir, self.workspace)
        try:
            state = backend.read()
            if str(a) in state.resources:
                raise DiagnosticsError(
                    d.error("Resource already managed", f"{a} is already in the state; remove it first with mlinfra state rm.")
                )
            values = self.variables(config)
            ev = Evaluator(config, values, self.workspace)
            provider = providers.get(block.provider, ev.scope, block.provider_range)
            resp = provider.import_resource(ImportRequest(block.kind, str(a), object_id))
            resp.diagnostics.raise_if_errors()
            if resp.attributes is None:
                raise DiagnosticsError(
                    d.error(
                        "Cannot import non-existent remote object",
                        f'No {block.kind} with id "{object_id}" was found by provider "{block.provider}".',
                    )
                )
            from mlinfra.states.model import ResourceState

            rec = ResourceState(
                address=str(a),
                kind=block.kind,
                provider=block.provider,
                id=str(resp.attributes.get("id", object_id)),
                attributes=resp.attributes,
                dependencies=sorted(block.dependencies),
                private=resp.private,
            )
            state.resources[rec.address] = rec
            backend.write(state)
            return rec
        finally:
            providers.close()
            backend.unlock(lock)


def _learn_secrets(providers: ProviderManager, plan: Plan) -> None:
    """The sensitive values of a saved plan, marked before this run began watching."""
    providers.secrets.add_marked(plan.variables)
    for c in plan.changes:
        providers.secrets.add_at(c.config, c.after_sensitive)
        providers.secrets.add_at(c.before, c.before_sensitive)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside, and what was built there is frozen on the
    way out: loading and planning build large, acyclic structures that live as long as
    the command (configuration, state, plan), which the collector would otherwise walk
    again and again, starting with the first allocation after it is switched back on.
    Kept to bounded, CPU-bound work, never around an apply's walk."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _check_scope(ev: Evaluator) -> Callable[[checks.Check], Any]:
    """Each check's scope: its module instance's."""
    return lambda c: ev.scope(module=c.module)


def _parse_addrs(items: list[str], flag: str) -> tuple[addrs.Address, ...]:
    out = []
    diags = Diagnostics()
    for s in items:
        try:
            out.append(addrs.parse(s, module_ok=flag == "--target"))
        except addrs.AddressError as e:
            diags.add(d.error(f"Invalid {flag} address" if flag.startswith("-") else "Invalid address", str(e)))
    diags.raise_if_errors()
    return tuple(out)


def _digest(sources: dict[str, str]) -> str:
    from mlinfra import sha256

    return sha256.hexdigest(b"".join(name.encode() + b"\0" + sources[name].encode() + b"\0" for name in sorted(sources)))


def _version_ok(version: str, constraint: str) -> bool:
    def parse(v: str) -> tuple[int, ...]:
        return tuple(int(x) for x in v.strip().split(".") if x.isdigit())

    have = parse(version)
    for part in constraint.split(","):
        part = part.strip()
        for op in (">=", "<=", "!=", "==", "~>", ">", "<", "="):
            if part.startswith(op):
                want = parse(part[len(op) :])
                break
        else:
            op, want = "=", parse(part)
        n = max(len(have), len(want))
        h, w = have + (0,) * (n - len(have)), want + (0,) * (n - len(want))
        ok = {
            ">=": h >= w, "<=": h <= w, ">": h > w, "<": h < w, "!=": h != w, "==": h == w, "=": h == w,
            "~>": h >= w and h[: max(1, len(want) - 1)] == w[: max(1, len(want) - 1)],
        }[op]
        if not ok:
            return False
    return True
