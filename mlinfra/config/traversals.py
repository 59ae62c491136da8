"""Traversals in a ``Scope``: what a reference names, and the steps taken from it.

``Scope`` holds what the names of an expression refer to; ``lookup_root`` finds the
value a traversal starts from (``var.NAME``, ``local.NAME``, ``each.key``, ``KIND.NAME``,
...) and ``get_attr`` and ``get_index`` take one step into a value. Each failure is a
``DiagnosticsError`` at the offending reference, worded as Terraform words it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from mlinfra import addrs
from mlinfra.config.functions_args import render_string, to_number, type_name
from mlinfra.config.functions_clock import Clock
from mlinfra.config.syntax import GetAttr, ScopeTraversal
from mlinfra.diagnostics import DiagnosticsError, SourceRange, error, suggestion
from mlinfra.records import field, mutable
from mlinfra.values import UNKNOWN

_ROOTS = ("var", "local", "module", "each", "count", "mlinfra", "path", *addrs.KINDS)
# path.module, path.root and path.cwd, as in Terraform
PATH_NAMES = ("module", "root", "cwd")


@mutable
class Scope:
    """What the names in an expression refer to."""

    variables: Mapping[str, Any] = field(default_factory=dict)  # var.NAME
    # local.NAME; may be a lazy mapping that computes (or raises DiagnosticsError) on []
    locals: Mapping[str, Any] = field(default_factory=dict)
    # kind -> name -> attributes (or a list / dict of them for count / for_each)
    resources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    modules: Mapping[str, Any] = field(default_factory=dict)  # module.NAME.OUTPUT
    each: tuple[Any, Any] | None = None  # (each.key, each.value)
    count_index: int | None = None  # count.index
    workspace: str = "default"  # mlinfra.workspace
    base_dir: Path = Path(".")  # where file() and filesha256() resolve relative paths
    # kind -> declared names: a declared resource without a value yet is UNKNOWN, and
    # did-you-mean draws on these names (the keys of resources when None)
    declared_resources: Mapping[str, Collection[str]] | None = None
    # the iterators of the dynamic blocks being expanded: NAME -> {"key": .., "value": ..}
    iterators: Mapping[str, Any] = field(default_factory=dict)
    # inside templatefile(): its vars, the only names a template sees
    template_vars: Mapping[str, Any] | None = None
    self_object: Any = None  # self, in a postcondition: the instance's own attributes
    # the root module's directory (base_dir is the directory of the module evaluated)
    root_dir: Path | None = None
    # roots a caller adds to the language's own: ROOT -> NAME -> value (a test file's
    # output.NAME and run.NAME); a NAME not in the mapping is an undeclared reference
    extra_roots: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # when the plan was made and whether it is being applied (timestamp(), uuid());
    # None outside a plan or an apply
    clock: Clock | None = None


def fail(summary: str, detail: str, rng: SourceRange) -> DiagnosticsError:
    """The error to raise for a failure at ``rng``."""
    return DiagnosticsError(error(summary, detail, rng))


def span(a: SourceRange, b: SourceRange) -> SourceRange:
    """The range from the start of ``a`` to the end of ``b``."""
    return SourceRange(a.filename, a.start_line, a.start_column, b.end_line, b.end_column)


def lookup_root(scope: Scope, expr: ScopeTraversal) -> tuple[Any, int]:
    """The value a traversal's root (and its first steps) names in ``scope``, and
    how many steps that used."""
    root, steps = expr.root, expr.steps
    name = steps[0].name if steps and isinstance(steps[0], GetAttr) else None
    if scope.template_vars is not None:
        if root not in scope.template_vars:
            raise fail("Invalid function argument",
                       f'Invalid value for "vars" parameter: vars map does not contain key "{root}".'
                       + suggestion(root, scope.template_vars), expr.range)  # fmt: skip
        return scope.template_vars[root], 0
    if root == "self" and scope.self_object is not None:
        return scope.self_object, 0
    if root in scope.iterators:
        if name not in ("key", "value"):
            raise fail("Unsupported attribute",
                       f'The iterator "{root}" of a dynamic block has the attributes "key" and "value" only.'
                       + suggestion(str(name), ("key", "value")), expr.range)  # fmt: skip
        return scope.iterators[root][name], 1
    if root == "each" or root == "count":
        return meta_root(scope, root, name, expr), 1
    if root == "mlinfra" and name is not None:
        if name != "workspace":
            raise fail("Unsupported attribute",
                       f'The "mlinfra" object has no attribute named "{name}". '
                       'Did you mean "workspace"?', expr.range)  # fmt: skip
        return scope.workspace, 1
    if root == "path" and name is not None:
        return path_value(scope, name, expr), 1
    if root in scope.extra_roots and name is not None:
        names = scope.extra_roots[root]
        if name not in names:
            raise fail(f"Reference to undeclared {root}",
                       f'There is no {root} named "{name}" here.' + suggestion(name, names),
                       span(expr.range, steps[0].range))  # fmt: skip
        if root == "data" and len(steps) > 1 and isinstance(steps[1], GetAttr):  # data.KIND.NAME
            inner, second = names[name], steps[1].name
            if second not in inner:
                raise fail("Reference to undeclared data source",
                           f'A data source "{name}" "{second}" has not been declared.' + suggestion(second, inner),
                           span(expr.range, steps[1].range))  # fmt: skip
            return inner[second], 2
        return names[name], 1
    if root not in _ROOTS or root == "mlinfra":
        raise fail("Invalid reference",
                   "A reference to a resource must have the form KIND.NAME (dataset, pipeline, "
                   f'model, endpoint); to write a literal string, add quotes: "{root}".',
                   expr.range)  # fmt: skip
    if name is None:
        raise fail("Invalid reference",
                   f'The "{root}" object cannot be used on its own: follow it with an '
                   f"attribute, as in {root}.NAME.", expr.range)  # fmt: skip
    rng = span(expr.range, steps[0].range)
    if root == "var":
        if name not in scope.variables:
            raise fail("Reference to undeclared input variable",
                       f'An input variable with the name "{name}" has not been declared. This '
                       f'variable can be declared with a variable "{name}" {{}} block.'
                       + suggestion(name, scope.variables), rng)  # fmt: skip
        return scope.variables[name], 1
    if root == "local":
        if name not in scope.locals:
            raise fail("Reference to undeclared local value",
                       f'A local value with the name "{name}" has not been declared.'
                       + suggestion(name, scope.locals), rng)  # fmt: skip
        return scope.locals[name], 1
    if root == "module":
        if name not in scope.modules:
            raise fail("Reference to undeclared module",
                       f'No module call named "{name}" is declared in this module.'
                       + suggestion(name, scope.modules), rng)  # fmt: skip
        return scope.modules[name], 1
    found = scope.resources.get(root, {})
    declared = (scope.declared_resources or {}).get(root, found.keys())
    if name in found:
        return found[name], 1
    if scope.declared_resources is not None and name in declared:
        return UNKNOWN, 1
    raise fail("Reference to undeclared resource",
               f'A {root} resource "{name}" has not been declared.' + suggestion(name, declared),
               rng)  # fmt: skip


def path_value(scope: Scope, name: str, expr: ScopeTraversal) -> str:
    """``path.module`` (``.``: relative paths are read from the module's directory),
    ``path.root`` (the root module's directory, relative to the module's) and
    ``path.cwd`` (the root module's directory, absolute)."""
    if name not in PATH_NAMES:
        raise fail("Unsupported attribute",
                   f'The "path" object has no attribute named "{name}".' + suggestion(name, PATH_NAMES),
                   expr.range)  # fmt: skip
    root = scope.root_dir or scope.base_dir
    if name == "module":
        return "."
    if name == "root":
        return Path(os.path.relpath(root, scope.base_dir)).as_posix()
    return str(root)


def meta_root(scope: Scope, root: str, name: str | None, expr: ScopeTraversal) -> Any:
    """The value of ``each.key``, ``each.value`` or ``count.index``."""
    if root == "each":
        if scope.each is None:
            raise fail('Reference to "each" in context without for_each',
                       'The "each" object can be used only in "module" or resource blocks, and '
                       'only when the "for_each" argument is set.', expr.range)  # fmt: skip
        if name not in ("key", "value"):
            raise fail("Unsupported attribute",
                       f'The "each" object has no attribute named "{name}".'
                       + suggestion(str(name), ("key", "value")), expr.range)  # fmt: skip
        return scope.each[0] if name == "key" else scope.each[1]
    if scope.count_index is None:
        raise fail('Reference to "count" in non-counted context',
                   'The "count" object can be used only in "module" or resource blocks, and '
                   'only when the "count" argument is set.', expr.range)  # fmt: skip
    if name != "index":
        raise fail("Unsupported attribute",
                   f'The "count" object has no attribute named "{name}". Did you mean "index"?',
                   expr.range)  # fmt: skip
    return scope.count_index


def get_attr(value: Any, name: str, rng: SourceRange) -> Any:
    if isinstance(value, dict):
        if name in value:
            return value[name]
        raise fail("Unsupported attribute",
                   f'This object does not have an attribute named "{name}".'
                   + suggestion(name, [str(k) for k in value]), rng)  # fmt: skip
    if value is None:
        raise fail("Attempt to get attribute from null value",
                   "This value is null, so it does not have any attributes.", rng)  # fmt: skip
    if isinstance(value, list):
        raise fail("Unsupported attribute",
                   "Can't access attributes on a list of objects. Did you mean to access attribute "
                   f'"{name}" for a specific element of the list, or across all elements of the '
                   "list with [*]?", rng)  # fmt: skip
    raise fail("Unsupported attribute",
               f"Can't access attributes on a primitive-typed value ({type_name(value)}).", rng)  # fmt: skip


def get_index(value: Any, key: Any, rng: SourceRange, key_rng: SourceRange) -> Any:
    if isinstance(value, list):
        number = to_number(key) if isinstance(key, str) else key
        if isinstance(number, bool) or not isinstance(number, int | float) or number != int(number):
            raise fail("Invalid index", "The given key does not identify an element in this "
                       "collection value: a whole number is required.", key_rng)  # fmt: skip
        if not 0 <= int(number) < len(value):
            raise fail("Invalid index", "The given key does not identify an element in this "
                       f"collection value: the index {int(number)} is out of range for a list "
                       f"of {len(value)} element(s).", rng)  # fmt: skip
        return value[int(number)]
    if isinstance(value, dict):
        text = render_string(key)
        if text is not None and text in value:
            return value[text]
        raise fail("Invalid index", "The given key does not identify an element in this "
                   f"collection value.{suggestion(str(text), [str(k) for k in value])}", rng)  # fmt: skip
    if value is None:
        raise fail("Attempt to index null value",
                   "This value is null, so it does not have any indices.", rng)  # fmt: skip
    raise fail("Invalid index", f"This value does not have any indices ({type_name(value)}).", rng)
