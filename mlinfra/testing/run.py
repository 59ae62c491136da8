"""Running a test file: its run blocks in order, against a throwaway state, then teardown.

Each file gets a state of its own in a temporary directory and a workspace of its own
(``mltest-XXXXXXXX``), so providers that keep objects per workspace (the local
provider's folders, names, ports) never touch the directory's real objects. Runs see
what the runs before them made, as in Terraform; after the last run (or the first one
that errors) everything in the state is destroyed, and whatever could not be is
reported by address.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.config import checks, expressions, variables
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.engine import Engine, RunOptions
from mlinfra.plans.evaluator import Evaluator
from mlinfra.plans.model import Mode, Plan
from mlinfra.plans.outputs import seed_from_state
from mlinfra.states.local import LocalBackend
from mlinfra.states.model import State
from mlinfra.testing.parse import Run, TestFile
from mlinfra.values import UNKNOWN, Sensitive, mark


@dataclass
class RunResult:
    name: str
    status: str  # pass, fail, error or skip (as Terraform reports them)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0

    @property
    def message(self) -> str:
        """The first problem, in one line, for reports."""
        errors = self.diagnostics.errors
        if not errors:
            return ""
        first = errors[0]
        return f"{first.summary}: {first.detail}" if first.detail else first.summary


@dataclass
class FileResult:
    name: str
    runs: list[RunResult] = field(default_factory=list)
    # Problems of the file as a whole: a teardown that left objects behind.
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0

    @property
    def status(self) -> str:
        """The worst of its runs' (fail, then error, pass, skip); a teardown that left
        objects behind is an error."""
        seen = {r.status for r in self.runs} | ({"error"} if self.diagnostics.has_errors else set())
        return next((s for s in ("fail", "error", "pass") if s in seen), "skip")


class Listener(Protocol):
    """What a runner tells as it goes (the command line prints it)."""

    def file_started(self, test: TestFile) -> None: ...
    def run_done(self, test: TestFile, result: RunResult) -> None: ...
    def tearing_down(self, test: TestFile) -> None: ...
    def file_done(self, test: TestFile, result: FileResult) -> None: ...


class _Throwaway(Engine):
    """An engine whose state is a file in a temporary directory, whatever backend the
    configuration names, and whose variables are the test's over the command line's."""

    def __init__(self, workdir: Path, state: LocalBackend, overrides: dict[str, Any], **kw: Any) -> None:
        super().__init__(workdir, workspace=state.workspace, **kw)
        self._state = state
        self.overrides = overrides

    def backend(self, config: Config | None = None) -> LocalBackend:
        return self._state

    def variables(self, config: Config, *, allow_missing: bool = False) -> dict[str, Any]:
        values, diags = variables.collect(
            config, self.var_args, self.all_var_files(), self.environ,
            allow_missing=allow_missing, overrides={k: (v, None) for k, v in self.overrides.items()},
        )  # fmt: skip
        self.warnings.extend(diags.warnings)
        diags.raise_if_errors()
        return values


@dataclass
class Runner:
    workdir: Path
    var_args: list[str] = field(default_factory=list)
    var_files: list[Path] = field(default_factory=list)
    environ: dict[str, str] | None = None
    parallelism: int = 10

    def config(self) -> Config:
        return Engine(self.workdir, environ=self.environ).load()

    def run_file(self, test: TestFile, listener: Listener) -> FileResult:
        started = time.monotonic()
        listener.file_started(test)
        result = FileResult(test.name)
        tmp = Path(tempfile.mkdtemp(prefix="mlinfra-test-"))
        backend = LocalBackend(tmp / "mlinfra.state.json", "mltest-" + secrets.token_hex(4))
        session = _Session(self, test, backend)
        try:
            stopped = False
            for run in test.runs:
                if stopped:
                    rr = RunResult(run.name, "skip")
                else:
                    rr = session.run(run)
                    stopped = rr.status == "error"
                result.runs.append(rr)
                listener.run_done(test, rr)
        finally:
            listener.tearing_down(test)
            result.diagnostics.extend(session.teardown())
            shutil.rmtree(tmp, ignore_errors=True)
            result.seconds = time.monotonic() - started
        listener.file_done(test, result)
        return result


class _Session:
    """One file's runs: the variables so far, each run's outputs, the shared state."""

    def __init__(self, runner: Runner, test: TestFile, backend: LocalBackend) -> None:
        self.runner = runner
        self.test = test
        self.backend = backend
        self.run_outputs: dict[str, dict[str, Any]] = {}
        self.overrides: list[dict[str, Any]] = []  # each run's variables, in order

    def engine(self, overrides: dict[str, Any]) -> _Throwaway:
        r = self.runner
        return _Throwaway(r.workdir, self.backend, overrides, var_args=list(r.var_args),
                          var_files=list(r.var_files), environ=r.environ, parallelism=r.parallelism)  # fmt: skip

    def _test_variables(self, run: Run, diags: Diagnostics) -> dict[str, Any]:
        """The file's variables, then the run's, each evaluated where the run sees them."""
        values: dict[str, Any] = {}
        for attrs in (self.test.variables, run.variables):
            for name, a in attrs.items():
                scope = expressions.Scope(variables=values, extra_roots={"run": self.run_outputs})
                try:
                    values[name] = expressions.evaluate(a.expr, scope)
                except DiagnosticsError as e:
                    diags.extend(x.with_defaults(context=run.context) for x in e.diagnostics)
        return values

    def run(self, run: Run) -> RunResult:
        started = time.monotonic()
        diags = Diagnostics()
        result = RunResult(run.name, "pass", diags)
        given = self._test_variables(run, diags)
        if diags.has_errors:
            result.status = "error"
            return result
        eng = self.engine(given)
        self.overrides.append(given)
        problems = Diagnostics()
        plan: Plan | None = None
        state: State | None = None
        try:
            if run.command == "plan":
                plan = eng.plan(RunOptions())
            else:
                plan, applied = eng.apply(RunOptions())
                if applied is not None:
                    problems.extend(applied.diagnostics)
                state = self.backend.read()
        except DiagnosticsError as e:
            problems.extend(e.diagnostics)
        problems.extend(eng.warnings)
        unexpected = self._expected(run, problems, diags)
        diags.extend(unexpected)
        if unexpected.has_errors:
            result.status = "error"
        else:
            if not diags.has_errors and (plan is not None or state is not None):
                self._assert(run, eng, plan, state, diags)
            result.status = "fail" if diags.has_errors else "pass"
        result.seconds = time.monotonic() - started
        return result

    def _expected(self, run: Run, problems: Diagnostics, out: Diagnostics) -> Diagnostics:
        """The problems left once the expected failures are taken out; a failure
        expected but not seen is an error in ``out``, as Terraform reports it."""
        wanted = {f.address: f for f in run.expect_failures}
        seen: set[str] = set()
        left = Diagnostics()
        for x in problems:
            who = _checkable(x.context)
            if who in wanted and _custom_condition(who, x):
                seen.add(who)
                continue
            left.add(x)
        for addr, f in wanted.items():
            if addr not in seen:
                out.add(d.error("Missing expected failure",
                                f"The checkable object, {addr}, was expected to report an error but did not.",
                                f.range, context=run.context))  # fmt: skip
        return left

    def _assert(self, run: Run, eng: Engine, plan: Plan | None, state: State | None, diags: Diagnostics) -> None:
        config = eng.load()
        values = eng.variables(config)
        ev = Evaluator(config, values, eng.workspace)
        outputs: dict[str, Any] = {}
        if state is not None:
            seed_from_state(ev, config, state, (), False)
            outputs = {k: (Sensitive(o.value) if o.sensitive else o.value) for k, o in state.outputs.items()}
        elif plan is not None:
            for c in plan.changes:
                if c.deposed is None and c.after is not None and str(addrs.parse(c.address).resource) in config.resources:
                    ev.set_value(addrs.parse(c.address), mark(c.after, c.after_sensitive))
            outputs = {o.name: (Sensitive(o.after) if o.sensitive else o.after) for o in plan.output_changes}
        self.run_outputs[run.name] = {k: v.value if isinstance(v, Sensitive) else v for k, v in outputs.items()}
        scope = ev.scope()
        scope.variables = {**self.overrides[-1], **values}
        scope.extra_roots = {**scope.extra_roots, "output": outputs, "run": self.run_outputs}
        for a in run.asserts:
            try:
                ok = expressions.evaluate(a.condition, scope)
            except DiagnosticsError as e:
                diags.extend(x.with_defaults(context=run.context) for x in e.diagnostics)
                continue
            ok = ok.value if isinstance(ok, Sensitive) else ok
            if ok is True:
                continue
            if ok is UNKNOWN:
                diags.add(d.error("Unknown condition value",
                                  "The condition depends on values known only after apply; use command = apply "
                                  "for this run, or assert on values the plan knows.", a.condition.range,
                                  context=run.context))  # fmt: skip
            elif not isinstance(ok, bool):
                diags.add(d.error("Invalid condition result", "The condition must give true or false.",
                                  a.condition.range, context=run.context))  # fmt: skip
            else:
                diags.add(d.error("Test assertion failed", checks.message(a.error_message, scope),
                                  a.condition.range, context=run.context))  # fmt: skip

    def teardown(self) -> Diagnostics:
        """Destroy everything the runs made; what remains is named in an error."""
        out = Diagnostics()
        try:
            state = self.backend.read()
        except DiagnosticsError as e:
            return e.diagnostics
        if not state.resources:
            return out
        # The variables of the last run, or of an earlier one when the last run's do
        # not even convert (a run that expected that failure).
        for given in [*reversed(self.overrides), {}]:
            try:
                _, result = self.engine(given).apply(RunOptions(mode=Mode.DESTROY))
                if result is not None:
                    out.extend(result.diagnostics.errors)
                break
            except DiagnosticsError as e:
                if all((x.context or "").startswith("variable ") for x in e.diagnostics.errors):
                    continue
                out.extend(e.diagnostics.errors)
                break
        left = sorted(a for a, r in self.backend.read().resources.items() if r.attributes or r.deposed)
        if left:
            out.add(d.error("Failed to clean up after tests",
                            f"{self.test.name}: these objects could not be destroyed and still exist: "
                            + ", ".join(left) + ". Remove them by hand.", None))  # fmt: skip
        return out


def _checkable(context: str | None) -> str:
    """'var.x' for a diagnostic about variable "x", 'check.y', 'endpoint.z', 'output.o'."""
    if not context:
        return ""
    kind, _, rest = context.partition(" ")
    name = rest.strip('"').split('"', 1)[0]
    return f"{'var' if kind == 'variable' else kind}.{name}"


def _custom_condition(who: str, x: d.Diagnostic) -> bool:
    """Whether ``x`` is the failure of a custom condition of ``who``: a variable's
    validation, a check's assertion (a warning), a resource's pre- or postcondition, an
    output's value; other errors of the same object stay unexpected, as in Terraform."""
    root = who.split(".", 1)[0]
    if root == "check":
        return True
    if root == "var":
        return x.is_error and x.summary == "Invalid value for variable"
    if root == "output":
        return x.is_error
    return x.is_error and x.summary in ("Resource precondition failed", "Resource postcondition failed")


def run_all(runner: Runner, tests: list[TestFile], listener: Listener) -> list[FileResult]:
    return [runner.run_file(t, listener) for t in tests]


def counts(results: list[FileResult]) -> Mapping[str, int]:
    out = {"pass": 0, "fail": 0, "error": 0, "skip": 0}
    for f in results:
        for r in f.runs:
            out[r.status] += 1
    return out
