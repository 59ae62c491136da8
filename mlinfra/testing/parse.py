"""Test files: ``*.mltest.hcl`` read into ``TestFile``s, every misuse a located error.

A test file holds an optional file-level ``variables { NAME = EXPR }`` block and ``run
"NAME" { ... }`` blocks, run in order::

    run "trains" {
      command = apply                     # or plan; apply when left out
      variables { min_accuracy = 0.8 }
      assert {
        condition     = model.iris.version >= 1
        error_message = "no version registered"
      }
      expect_failures = [var.min_accuracy, check.serving]
      plan_options {                      # as Terraform's: mode, refresh, replace, target
        target = [module.team]
      }
    }

Conditions may refer to the configuration's resources, data sources, locals and
variables, to ``output.NAME`` and to an earlier run's outputs (``run.NAME.OUTPUT``);
the references are checked against the configuration before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS
from mlinfra.config import expressions, hclparse
from mlinfra.config.checks import Assertion, read_assertion
from mlinfra.config.model import Config
from mlinfra.config.syntax import Attribute, Block, Body, ScopeTraversal, TupleExpr
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange

SUFFIX = ".mltest.hcl"
COMMANDS = ("plan", "apply")
FILE_BLOCKS = ("variables", "run")
RUN_ARGUMENTS = ("command", "expect_failures")
RUN_BLOCKS = ("variables", "assert", "plan_options")
PLAN_OPTIONS = ("mode", "refresh", "replace", "target")
MODES = ("normal", "refresh-only")
# What expect_failures may name: ROOT.NAME of a variable, check, resource or output.
CHECKABLE = ("var", "check", "output", *KINDS)


@dataclass(frozen=True)
class ExpectedFailure:
    address: str  # var.x, check.y, endpoint.z, output.o
    range: SourceRange


@dataclass(frozen=True)
class PlanOptions:
    """A run's ``plan_options`` block, as in Terraform's test files."""

    mode: str = "normal"  # or refresh-only
    refresh: bool = True
    replace: tuple[str, ...] = ()
    target: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    name: str
    command: str  # plan or apply
    variables: dict[str, Attribute]
    asserts: tuple[Assertion, ...]
    expect_failures: tuple[ExpectedFailure, ...]
    range: SourceRange
    options: PlanOptions = PlanOptions()

    @property
    def context(self) -> str:
        return f'run "{self.name}"'


@dataclass(frozen=True)
class TestFile:
    name: str  # as shown and as --filter matches it: tests/x.mltest.hcl
    variables: dict[str, Attribute]
    runs: tuple[Run, ...]
    source: str


def discover(workdir: Path) -> list[Path]:
    """The test files of a configuration: *.mltest.hcl in it and under tests/, sorted."""
    found = [*workdir.glob("*" + SUFFIX), *(workdir / "tests").rglob("*" + SUFFIX)]
    return sorted((p for p in found if p.is_file()), key=lambda p: p.relative_to(workdir).as_posix())


def load(path: Path, name: str, config: Config) -> tuple[TestFile | None, Diagnostics]:
    """Parse and check one test file against the configuration it tests."""
    f, diags = hclparse.parse_file(path, name)
    if f is None:
        return None, diags
    reader = _Reader(config, diags)
    test = reader.file(f.body, name, f.source)
    return (None if diags.has_errors else test), diags


class _Reader:
    def __init__(self, config: Config, diags: Diagnostics) -> None:
        self.config = config
        self.diags = diags

    def err(self, summary: str, detail: str, rng: SourceRange | None, context: str | None = None) -> None:
        self.diags.add(d.error(summary, detail, rng, context=context))

    def file(self, body: Body, name: str, source: str) -> TestFile:
        for a in body.attributes.values():
            self.err("Unsupported argument",
                     f'An argument named "{a.name}" is not expected at the top level of a test file; '
                     "it holds a variables block and run blocks.", a.name_range)  # fmt: skip
        variables: dict[str, Attribute] = {}
        runs: list[Run] = []
        names: list[str] = []  # of every run block, even one with errors
        for blk in body.blocks:
            if blk.type not in FILE_BLOCKS:
                self.err("Unsupported block type",
                         f'Blocks of type "{blk.type}" are not expected in a test file.'
                         + d.suggestion(blk.type, FILE_BLOCKS), blk.type_range)  # fmt: skip
            elif blk.type == "variables":
                variables.update(self.variables(blk, None))
            else:
                run = self.run(blk, names)
                names.extend(blk.labels[:1])
                if run is not None:
                    runs.append(run)
        if not runs and not self.diags.has_errors:
            self.err("No run blocks", f'The test file {name} has no run blocks: add run "NAME" {{ ... }}.', None)
        declared = set(self.config.variables) | set(variables)
        for run in runs:
            self.check_refs(run, declared | set(run.variables), [r.name for r in runs[: runs.index(run)]])
        for a in variables.values():
            self.check_expr_refs(a.expr, declared, [], None)
        return TestFile(name, variables, tuple(runs), source)

    def variables(self, blk: Block, context: str | None) -> dict[str, Attribute]:
        if blk.labels:
            self.err("Extraneous label for variables", "A variables block takes no labels.", blk.range, context)
        for nb in blk.body.blocks:
            self.err("Unsupported block type", "A variables block holds only NAME = VALUE pairs.", nb.type_range, context)
        return dict(blk.body.attributes)

    def run(self, blk: Block, earlier: list[str]) -> Run | None:
        if len(blk.labels) != 1:
            self.err("Missing name for run" if not blk.labels else "Extraneous label for run",
                     'A run block takes exactly one label: run "NAME" { ... }.', blk.range)  # fmt: skip
            return None
        name = blk.labels[0]
        ctx = f'run "{name}"'
        if name in earlier:
            self.err("Duplicate run block", f'A run block named "{name}" was already declared in this file.', blk.range, ctx)
            return None
        errors = len(self.diags.errors)
        for a in blk.body.attributes.values():
            if a.name not in RUN_ARGUMENTS:
                self.err("Unsupported argument",
                         f'An argument named "{a.name}" is not expected here.' + d.suggestion(a.name, RUN_ARGUMENTS),
                         a.name_range, ctx)  # fmt: skip
        variables: dict[str, Attribute] = {}
        asserts: list[Assertion] = []
        options = PlanOptions()
        for nb in blk.body.blocks:
            if nb.type not in RUN_BLOCKS:
                self.err("Unsupported block type",
                         f'Blocks of type "{nb.type}" are not expected here.' + d.suggestion(nb.type, RUN_BLOCKS),
                         nb.type_range, ctx)  # fmt: skip
            elif nb.type == "variables":
                variables.update(self.variables(nb, ctx))
            elif nb.type == "plan_options":
                options = self.plan_options(nb, ctx)
            else:
                found = read_assertion(nb, self.err, ctx)
                if found is not None:
                    asserts.append(found)
        command = self.command(blk.body.attributes.get("command"), ctx)
        expected = self.expect_failures(blk.body.attributes.get("expect_failures"), ctx)
        if len(self.diags.errors) > errors:
            return None
        return Run(name, command, variables, tuple(asserts), expected, blk.range, options)

    def plan_options(self, blk: Block, ctx: str) -> PlanOptions:
        from mlinfra.config.statics import static_value

        if blk.labels:
            self.err("Extraneous label for plan_options", "A plan_options block takes no labels.", blk.range, ctx)
        for nb in blk.body.blocks:
            self.err("Unsupported block type", "A plan_options block holds only arguments.", nb.type_range, ctx)
        mode, refresh = "normal", True
        replace: tuple[str, ...] = ()
        target: tuple[str, ...] = ()
        for a in blk.body.attributes.values():
            if a.name not in PLAN_OPTIONS:
                self.err("Unsupported argument",
                         f'An argument named "{a.name}" is not expected in plan_options.'
                         + d.suggestion(a.name, PLAN_OPTIONS), a.name_range, ctx)  # fmt: skip
            elif a.name == "mode":
                mode = self.keyword(a, MODES, "Invalid plan mode", "The mode of plan_options", ctx) or mode
            elif a.name == "refresh":
                try:
                    value = static_value(a.expr)
                except DiagnosticsError:
                    value = None
                if not isinstance(value, bool):
                    self.err("Invalid refresh", "refresh in plan_options is true or false.", a.range, ctx)
                else:
                    refresh = value
            elif a.name == "replace":
                replace = self.addresses(a, ctx, module_ok=False)
            else:
                target = self.addresses(a, ctx, module_ok=True)
        return PlanOptions(mode, refresh, replace, target)

    def addresses(self, a: Attribute, ctx: str, *, module_ok: bool) -> tuple[str, ...]:
        from mlinfra.config.statics import reference_list

        what = "a resource or module" if module_ok else "a resource"
        found = reference_list(
            a,
            ctx,
            self.err,
            accepts=lambda ad: True,
            module_ok=module_ok,
            list_detail=f"{a.name} is a list of resource addresses: [KIND.NAME, module.NAME].",
            item_detail=f"Each entry of {a.name} names {what}, written as a reference.",
            item_summary=f"Invalid {a.name}",
        )
        return tuple(str(ad) for ad, _ in found)

    def command(self, a: Attribute | None, ctx: str) -> str:
        if a is None:
            return "apply"
        return self.keyword(a, COMMANDS, "Invalid command", "The command of a run block", ctx) or "apply"

    def keyword(self, a: Attribute, allowed: tuple[str, ...], summary: str, what: str, ctx: str) -> str | None:
        """A bare word (``plan``) or a string naming one of ``allowed``; None after an error."""
        word = a.expr.root if isinstance(a.expr, ScopeTraversal) and not a.expr.steps else None
        if word is None:
            from mlinfra.config.statics import static_string

            word = static_string(a.expr)
        if word not in allowed:
            self.err(summary,
                     f'{what} is {" or ".join(allowed)}, not {word or "this expression"}.'
                     + d.suggestion(word or "", allowed), a.range, ctx)  # fmt: skip
            return None
        return word

    def expect_failures(self, a: Attribute | None, ctx: str) -> tuple[ExpectedFailure, ...]:
        if a is None:
            return ()
        if not isinstance(a.expr, TupleExpr):
            self.err("Invalid expect_failures",
                     "expect_failures is a list of references: [var.NAME, check.NAME, KIND.NAME, output.NAME].",
                     a.range, ctx)  # fmt: skip
            return ()
        out = []
        for item in a.expr.items:
            parts = _plain_traversal(item)
            if parts is None or len(parts) != 2 or parts[0] not in CHECKABLE:
                self.err("Invalid expect_failures",
                         "Each entry of expect_failures names a variable, check, resource or output: "
                         "var.NAME, check.NAME, KIND.NAME or output.NAME.", item.range, ctx)  # fmt: skip
                continue
            root, name = parts
            known = self._names(root)
            if name not in known:
                what = {"var": "variable", "check": "check block", "output": "output"}.get(root, f"{root} resource")
                self.err("Reference to undeclared " + what.split()[0],
                         f'expect_failures names {root}.{name}, but no {what} "{name}" is declared.'
                         + d.suggestion(name, known), item.range, ctx)  # fmt: skip
                continue
            out.append(ExpectedFailure(f"{root}.{name}", item.range))
        return tuple(out)

    def _names(self, root: str) -> list[str]:
        c = self.config
        if root == "var":
            return list(c.variables)
        if root == "check":
            return list(c.checks)
        if root == "output":
            return list(c.outputs)
        if root == "data":
            return [k.split(".", 1)[1] for k in getattr(c, "data", {})]
        return [r.name for r in c.resources.values() if r.kind == root]

    def check_refs(self, run: Run, variables: set[str], earlier: list[str]) -> None:
        for a in run.asserts:
            for e in (a.condition, a.error_message):
                self.check_expr_refs(e, variables, earlier, run.context)
        for v in run.variables.values():
            self.check_expr_refs(v.expr, variables, earlier, run.context)

    def check_expr_refs(self, expr: object, variables: set[str], earlier: list[str], ctx: str | None) -> None:
        """Every reference names something that will exist when the run is checked."""
        for ref in expressions.references(expr):  # type: ignore[arg-type]
            p = ref.parts
            root = str(p[0])
            name = p[1] if len(p) > 1 and isinstance(p[1], str) else None
            if root in ("var", "local", "output", "run", "data", *KINDS) and name is None:
                continue  # evaluation words the error for var[0] and the like
            if root == "var":
                known = sorted(variables)
            elif root == "local":
                known = list(self.config.locals)
            elif root == "run":
                known = earlier
            elif root == "data" and len(p) > 2 and isinstance(p[2], str):
                known = [k.split(".", 1)[1] for k in getattr(self.config, "data", {}) if k.startswith(f"{name}.")]
                name = p[2]
                root = f"data.{p[1]}"
            elif root in ("output", *KINDS):
                known = self._names(root)
            else:
                continue  # each, count, functions' own words: evaluation reports misuse
            if name not in known:
                what = "an earlier run block" if root == "run" else "declared"
                self.err(f"Reference to undeclared {'run block' if root == 'run' else root}",
                         f'{root}.{name} is not {what}' + (" (a run sees only the runs before it)" if root == "run" else "")
                         + "." + d.suggestion(str(name), known), ref.range, ctx)  # fmt: skip


def _plain_traversal(expr: object) -> tuple[str, ...] | None:
    if not isinstance(expr, ScopeTraversal):
        return None
    parts = [expr.root]
    for step in expr.steps:
        name = getattr(step, "name", None)
        if name is None:
            return None
        parts.append(name)
    return tuple(parts)
