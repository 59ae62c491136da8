"""``dynamic`` blocks: nested blocks generated from a collection, as in Terraform.

``dynamic "variant" { for_each = var.weights  content { ... } }`` stands for one
``variant`` block per element of ``for_each`` (a list, set or map), whose ``content``
sees the element as ``variant.key`` / ``variant.value`` (or under the name given by
``iterator``). ``labels = [...]`` gives the generated blocks their labels; a block kind
that needs a label (``variant``, ``step``) takes the element's key when ``labels`` is
left out. Dynamic blocks nest: an inner one may iterate over the outer one's value.

``expand`` returns the generated blocks with the scope each is evaluated in, or
None when ``for_each`` is not known yet or the block is in error (the blocks
are then unknown too, so a misused dynamic block brings no second error).
"""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra import records
from mlinfra.config import expressions, limits
from mlinfra.config.functions_args import render_string, type_name
from mlinfra.config.syntax import Block, Body, Expr, ScopeTraversal
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.values import UNKNOWN, Sensitive

_ARGS = ("for_each", "iterator", "labels")
_FAILED = object()


def _evaluate(expr: Expr, scope: expressions.Scope, diags: Diagnostics, context: str) -> Any:
    """The expression's value, or _FAILED with its errors in ``diags``."""
    try:
        return expressions.evaluate(expr, scope)
    except DiagnosticsError as e:
        for diag in e.diagnostics:
            diags.add(diag.with_defaults(context=context))
        return _FAILED


def iterator_name(blk: Block) -> str:
    """The name the content of a dynamic block sees its element under."""
    it = blk.body.attributes.get("iterator")
    if it is not None and isinstance(it.expr, ScopeTraversal) and not it.expr.steps:
        return it.expr.root
    return blk.labels[0] if blk.labels else "dynamic"


def content_of(blk: Block) -> Body | None:
    """The body of the dynamic block's ``content`` block, if it has one."""
    return next((b.body for b in blk.body.blocks if b.type == "content"), None)


def expand(
    blk: Block, scope: expressions.Scope, diags: Diagnostics, context: str, labelled: bool
) -> list[tuple[Block, expressions.Scope]] | None:
    """The blocks ``blk`` generates, each with its scope; None when they are not
    known yet or (with errors in ``diags``) when the block is malformed."""

    def err(summary: str, detail: str, rng: d.SourceRange) -> list[tuple[Block, expressions.Scope]] | None:
        diags.add(d.error(summary, detail, rng, context=context))
        return None

    if len(blk.labels) != 1:
        return err("Missing name for dynamic" if not blk.labels else "Extraneous label for dynamic",
                   'A dynamic block takes exactly one label, the type of block it generates: '
                   'dynamic "variant" { ... }.', blk.range)  # fmt: skip
    attrs = blk.body.attributes
    for name, a in attrs.items():
        if name not in _ARGS:
            return err("Unsupported argument",
                       f'An argument named "{name}" is not expected here. A dynamic block takes '
                       '"for_each", "iterator" and "labels", and a "content" block.', a.name_range)  # fmt: skip
    contents = [b for b in blk.body.blocks if b.type == "content"]
    for b in blk.body.blocks:
        if b.type != "content":
            return err("Unsupported block type",
                       f'Blocks of type "{b.type}" are not expected here; put them inside the '
                       '"content" block.', b.range)  # fmt: skip
    if not contents:
        return err("Missing content block",
                   'A dynamic block must have a nested block of type "content" to describe the '
                   "body of each generated block.", blk.range)  # fmt: skip
    if len(contents) > 1:
        first = contents[0].range
        return err("Duplicate content block",
                   f'Only one block of type "content" is allowed. Previous definition was at '
                   f"{first.filename}:{first.start_line}.", contents[1].range)  # fmt: skip
    if contents[0].labels:
        return err("Extraneous label for content", "A content block takes no labels.", contents[0].range)
    it = attrs.get("iterator")
    if it is not None and not (isinstance(it.expr, ScopeTraversal) and not it.expr.steps):
        return err("Invalid dynamic iterator name", "Dynamic iterator must be a single variable name.", it.expr.range)
    each = attrs.get("for_each")
    if each is None:
        return err("Missing required argument",
                   'The argument "for_each" is required, but no definition was found.', blk.range)  # fmt: skip
    collection = _evaluate(each.expr, scope, diags, context)
    if collection is _FAILED:
        return None
    sensitive = isinstance(collection, Sensitive)
    if sensitive:
        collection = collection.value
    if collection is UNKNOWN:
        return None
    if collection is None or not isinstance(collection, list | dict):
        what = "null" if collection is None else type_name(collection)
        return err("Invalid dynamic for_each value",
                   f"Cannot use a {what} value in for_each. An iterable collection is required.",
                   each.expr.range)  # fmt: skip
    if len(collection) > limits.MAX_INSTANCES:
        return err("Invalid dynamic for_each value",
                   f"The collection has {len(collection):,} elements; a dynamic block may generate "
                   f"at most {limits.MAX_INSTANCES:,} blocks (see {limits.DOCS}).", each.expr.range)  # fmt: skip
    name = iterator_name(blk)
    pairs = collection.items() if isinstance(collection, dict) else enumerate(collection)
    out: list[tuple[Block, expressions.Scope]] = []
    for key, value in pairs:
        k, v = (Sensitive(key), Sensitive(value)) if sensitive else (key, value)
        inner = records.replace(scope, iterators={**scope.iterators, name: {"key": k, "value": v}})
        labels = _labels(blk, inner, key, labelled, diags, context)
        if labels is None:
            return None
        body = contents[0].body
        out.append((Block(blk.labels[0], labels, body, contents[0].range, blk.type_range), inner))
    return out


def _labels(
    blk: Block, scope: expressions.Scope, key: Any, labelled: bool, diags: Diagnostics, context: str
) -> tuple[str, ...] | None:
    """The labels of one generated block; None after an error."""
    attr = blk.body.attributes.get("labels")
    if attr is None:
        if not labelled:
            return ()
        text = render_string(key)
        return (text,) if text is not None else ()
    value = _evaluate(attr.expr, scope, diags, context)
    if value is _FAILED:
        return None
    if isinstance(value, Sensitive) or value is UNKNOWN or not isinstance(value, list):
        what = "sensitive" if isinstance(value, Sensitive) else "unknown" if value is UNKNOWN else type_name(value)
        diags.add(d.error("Invalid dynamic block labels",
                          f"Cannot use a {what} value as the labels of a dynamic block: a list of "
                          "known strings is required.", attr.expr.range, context=context))  # fmt: skip
        return None
    out: list[str] = []
    for item in value:
        text = None if isinstance(item, Sensitive) or item is UNKNOWN else render_string(item)
        if text is None:
            what = "sensitive" if isinstance(item, Sensitive) else "unknown" if item is UNKNOWN else type_name(item)
            diags.add(d.error("Invalid dynamic block label",
                              f"Cannot use a {what} value as a dynamic block label.", attr.expr.range,
                              context=context))  # fmt: skip
            return None
        out.append(text)
    return tuple(out)
