"""Resource bodies -> argument values, checked against the portable kind models.

``evaluate_body`` turns a block body into a plain map (labelled nested blocks become
maps from label to body) and remembers the source range of every argument path, so
that ``check_arguments`` can put a model's error on the exact line. Errors whose input
is UNKNOWN are not errors yet: the value is checked again once known.

A nested block named after an installed provider (``aws { ... }``) belongs to that
provider: the core names no provider, it asks ``NestedBlocks`` which names are
providers and which model checks their block for a kind.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Collection
from typing import Any, Protocol, Union

from mlinfra import diagnostics as d
from mlinfra.config import dynamic, expressions
from mlinfra.config.kinds import KIND_MODELS, LABELLED_BLOCKS
from mlinfra.config.syntax import Attribute, Block, Body, Expr, Literal, ObjectExpr, TupleExpr
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange
from mlinfra.shapes import ModelClass, check, is_model
from mlinfra.values import UNKNOWN, Path, Sensitive

Ranges = dict[Path, SourceRange]


class NestedBlocks(Protocol):
    """What the installed providers say about their nested blocks."""

    def names(self) -> Collection[str]:
        """The names of the installed providers."""
        ...

    def model(self, provider: str, kind: str) -> ModelClass | None:
        """The model of ``provider``'s block in ``kind`` (None: it takes no settings
        there); raises DiagnosticsError when the provider cannot be loaded."""
        ...


def evaluate_body(
    body: Body,
    scope: expressions.Scope,
    diags: Diagnostics,
    context: str,
    path: Path = (),
    ranges: Ranges | None = None,
) -> tuple[dict[str, Any], Ranges]:
    ranges = {} if ranges is None else ranges
    out: dict[str, Any] = {}
    for name, attr in body.attributes.items():
        ranges[(*path, name)] = attr.range
        try:
            out[name] = expressions.evaluate(attr.expr, scope)
        except DiagnosticsError as e:
            for diag in e.diagnostics:
                diags.add(diag.with_defaults(context=context))
            out[name] = UNKNOWN
    for blk in body.blocks:
        if blk.type == "dynamic":
            _add_dynamic(blk, out, scope, diags, context, path, ranges)
        else:
            _add_block(blk, out, scope, diags, context, path, ranges)
    return out, ranges


def _add_dynamic(
    blk: Block, out: dict[str, Any], scope: expressions.Scope, diags: Diagnostics, context: str, path: Path, ranges: Ranges
) -> None:
    """The blocks a ``dynamic`` block generates, added to ``out`` (UNKNOWN while its
    for_each is not known, or when it is in error)."""
    generated = dynamic.expand(blk, scope, diags, context, labelled=bool(blk.labels) and blk.labels[0] in LABELLED_BLOCKS)
    if generated is None:
        if blk.labels:
            ranges.setdefault((*path, blk.labels[0]), blk.range)
            out.setdefault(blk.labels[0], UNKNOWN)
        return
    for gen, inner in generated:
        _add_block(gen, out, inner, diags, context, path, ranges)


def _add_block(
    blk: Block, out: dict[str, Any], scope: expressions.Scope, diags: Diagnostics, context: str, path: Path, ranges: Ranges
) -> None:
    """One nested block's value, added to ``out``."""
    if blk.type in out and out[blk.type] is UNKNOWN:
        return
    if blk.type in out and not isinstance(out[blk.type], dict):
        diags.add(
            d.error(
                "Duplicate argument",
                f'"{blk.type}" is set both as an argument and as a block; keep one.',
                blk.range,
                context=context,
            )
        )
        return
    if blk.labels:
        if len(blk.labels) > 1:
            diags.add(
                d.error(f"Extraneous label for {blk.type}", "Nested blocks take at most one label.", blk.range, context=context)
            )
            return
        label = blk.labels[0]
        group = out.setdefault(blk.type, {})
        if label in group:
            diags.add(
                d.error(
                    f'Duplicate {blk.type} "{label}"',
                    f'A {blk.type} block labelled "{label}" appears twice; labels must be unique.',
                    blk.range,
                    context=context,
                )
            )
            return
        ranges[(*path, blk.type)] = ranges.get((*path, blk.type), blk.range)
        ranges[(*path, blk.type, label)] = blk.range
        group[label], _ = evaluate_body(blk.body, scope, diags, context, (*path, blk.type, label), ranges)
    else:
        if blk.type in LABELLED_BLOCKS and not path:
            diags.add(
                d.error(
                    f"Missing name for {blk.type}",
                    f'A {blk.type} block needs a name: {blk.type} "NAME" {{ ... }}.',
                    blk.range,
                    context=context,
                )
            )
            return
        if blk.type in out:
            diags.add(
                d.error(
                    f"Duplicate {blk.type} block",
                    f"Only one {blk.type} block is allowed here.",
                    blk.range,
                    context=context,
                )
            )
            return
        ranges[(*path, blk.type)] = blk.range
        out[blk.type], _ = evaluate_body(blk.body, scope, diags, context, (*path, blk.type), ranges)


def check_arguments(
    kind: str,
    value: dict[str, Any],
    ranges: Ranges,
    block_range: SourceRange,
    context: str,
    diags: Diagnostics,
    nested: NestedBlocks | None = None,
) -> dict[str, Any]:
    """Check a resource's arguments and the nested blocks of installed providers;
    return the arguments with defaults filled in (provider blocks as written)."""
    model = KIND_MODELS[kind]
    plain = _strip_sensitive(value)
    providers = nested.names() if nested is not None else ()
    owned = {k for k in plain if k in providers and k not in model.model_fields} if isinstance(plain, dict) else set()
    core = {k: v for k, v in plain.items() if k not in owned} if owned else plain
    for err in check(model, core)[1]:
        if err.get("input") is UNKNOWN or _unknown_at(core, err["loc"]):
            continue
        diags.add(_diag_for(model, err, ranges, block_range, context, providers=providers))
    for name in sorted(owned):
        assert nested is not None
        _check_nested(nested, kind, name, plain[name], ranges, block_range, context, diags)
    return fill_defaults(model, value)


def _check_nested(
    nested: NestedBlocks,
    kind: str,
    name: str,
    value: Any,
    ranges: Ranges,
    block_range: SourceRange,
    context: str,
    diags: Diagnostics,
) -> None:
    rng = ranges.get((name,), block_range)
    if value is UNKNOWN or value is None:
        return
    if not isinstance(value, dict):
        diags.add(
            d.error(
                "Unsupported argument",
                f'"{name}" holds settings for the {name} provider: write it as a block, {name} {{ ... }}.',
                rng,
                context=context,
            )
        )
        return
    try:
        block = nested.model(name, kind)
    except DiagnosticsError as e:
        for x in e.diagnostics:
            diags.add(x.with_defaults(rng, context=context))
        return
    if block is None:
        if value:
            diags.add(
                d.error(
                    f"Unexpected {name} block",
                    f"The {name} provider takes no settings for a {kind}; remove the block.",
                    rng,
                    context=context,
                )
            )
        return
    for err in check(block, value)[1]:
        if err.get("input") is UNKNOWN or _unknown_at(value, err["loc"]):
            continue
        diags.add(_diag_for(block, err, ranges, rng, context, prefix=(name,)))


def _unknown_at(value: Any, loc: tuple[Any, ...]) -> bool:
    cur = value
    for part in loc:
        if cur is UNKNOWN:
            return True
        if isinstance(cur, dict) and part in cur or isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            return False
    return cur is UNKNOWN


def _strip_sensitive(v: Any) -> Any:
    """``v`` without its marks, for checking only: a container holding no mark is
    returned itself, not copied."""
    if isinstance(v, Sensitive):
        return _strip_sensitive(v.value)
    if isinstance(v, dict):
        out: dict[Any, Any] | None = None
        for k, x in v.items():
            plain = _strip_sensitive(x) if isinstance(x, Sensitive | dict | list) else x
            if out is not None:
                out[k] = plain
            elif plain is not x:
                out = dict(v)  # the items before k hold no mark
                out[k] = plain
        return v if out is None else out
    if isinstance(v, list):
        items: list[Any] | None = None
        for i, x in enumerate(v):
            plain = _strip_sensitive(x) if isinstance(x, Sensitive | dict | list) else x
            if items is not None:
                items.append(plain)
            elif plain is not x:
                items = [*v[:i], plain]
        return v if items is None else items
    return v


def _range_for(loc: tuple[Any, ...], ranges: Ranges, default: SourceRange) -> SourceRange:
    for i in range(len(loc), 0, -1):
        r = ranges.get(tuple(loc[:i]))
        if r is not None:
            return r
    return default


def _diag_for(
    model: ModelClass,
    err: Any,
    ranges: Ranges,
    block_range: SourceRange,
    context: str,
    *,
    prefix: Path = (),
    providers: Collection[str] = (),
) -> d.Diagnostic:
    """The diagnostic of one validation error (shaped as pydantic's); ``prefix`` is where ``model``'s value sits
    in the resource (a provider's block)."""
    loc = tuple(err["loc"])
    full = (*prefix, *loc)
    name = str(loc[-1]) if loc else ""
    rng = _range_for(full, ranges, block_range)
    if err["type"] == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        if not prefix and len(loc) == 1 and isinstance(err.get("input"), dict):
            have = ", ".join(sorted(providers)) or "none"
            return d.error(
                "Unsupported block type",
                f'Blocks of type "{name}" are not expected here.{d.suggestion(name, [*fields, *providers])} '
                f'A block named after a provider holds that provider\'s settings, but no provider "{name}" '
                f"is installed (installed: {have}).",
                rng,
                context=context,
            )
        return d.error(
            "Unsupported argument",
            f'An argument named "{name}" is not expected here.{d.suggestion(name, fields)}',
            rng,
            context=context,
        )
    if err["type"] == "missing":
        what = "block" if name in LABELLED_BLOCKS else "argument"
        return d.error(
            "Missing required argument",
            f'The {what} "{name}" is required, but no definition was found.',
            _range_for(full[:-1], ranges, block_range) if len(full) > 1 else block_range,
            context=context,
        )
    if err["type"] == "too_short" and name in LABELLED_BLOCKS:
        return d.error(
            "Missing required block",
            f'At least one {name} "NAME" {{ ... }} block is required.',
            rng,
            context=context,
        )
    where = ".".join(str(x) for x in full)
    msg = str(err["msg"]).removeprefix("Value error, ")
    return d.error(
        "Incorrect attribute value type" if "type" in err["type"] or "parsing" in err["type"] else "Invalid value",
        f'Inappropriate value for "{where}": {msg}.',
        rng,
        context=context,
    )


def _model_in(annotation: Any) -> ModelClass | None:
    if is_model(annotation):
        found: ModelClass = annotation
        return found
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        for a in typing.get_args(annotation):
            m = _model_in(a)
            if m is not None:
                return m
    return None


def _fields_at(model: ModelClass, loc: tuple[Any, ...]) -> list[str]:
    """The argument names allowed at a location, for did-you-mean."""
    cur: Any = model
    for part in loc:
        if is_model(cur):
            f = cur.model_fields.get(str(part))
            if f is None:
                return []
            cur = f.annotation
        else:
            args = typing.get_args(cur)
            cur = args[-1] if typing.get_origin(cur) is dict and args else cur
        m = _model_in(cur)
        if m is not None:
            cur = m
        elif typing.get_origin(cur) is dict:
            continue
    if is_model(cur):
        return list(cur.model_fields)
    inner = _model_in(typing.get_args(cur)[-1]) if typing.get_origin(cur) is dict and typing.get_args(cur) else None
    return list(inner.model_fields) if inner else []


@functools.cache
def _field_models(model: ModelClass) -> tuple[tuple[str, Any, Any, Any], ...]:
    """(name, field, the model of a nested block, the model of a map's values) per field;
    worked out once per model rather than once per resource."""
    out = []
    for name, field in model.model_fields.items():
        sub = _model_in(field.annotation)
        inner = None
        if sub is None and typing.get_origin(field.annotation) is dict:
            args = typing.get_args(field.annotation)
            inner = _model_in(args[-1]) if args else None
        out.append((name, field, sub, inner))
    return tuple(out)


def fill_defaults(model: ModelClass, value: dict[str, Any]) -> dict[str, Any]:
    """Add each missing argument's default; drop arguments that are null."""
    out: dict[str, Any] = {}
    for name, field, sub, inner in _field_models(typing.cast(Any, model)):  # a class: hashable
        if name in value:
            v = value[name]
            if isinstance(v, dict):
                if sub is not None:
                    v = fill_defaults(sub, v)
                elif inner is not None:
                    v = {k: fill_defaults(inner, x) if isinstance(x, dict) else x for k, x in v.items()}
            if v is not None:
                out[name] = v
        elif not field.is_required():
            dv = field.get_default(call_default_factory=True)
            if dv is not None:
                out[name] = dv
    for k, v in value.items():
        if k not in out and k not in model.model_fields and v is not None:
            out[k] = v
    return out


def locate(diag: d.Diagnostic, body: Body, block_range: SourceRange, context: str | None) -> d.Diagnostic:
    """A provider's diagnostic about a resource, placed in its block: at the argument
    its ``attribute`` path names (the deepest part of it that is written in ``body``),
    else at the block's header."""
    rng: SourceRange | None = None
    here: Body | None = body
    path = list(diag.attribute)
    while path and here is not None and diag.range is None:
        name = path.pop(0)
        if not isinstance(name, str):
            break
        if name in here.attributes:
            rng = _inside(here.attributes[name], path)
            break
        nested = [b for b in here.blocks if b.type == name]
        if path and isinstance(path[0], str) and any(b.labels[:1] == (path[0],) for b in nested):
            label = path.pop(0)
            nested = [b for b in nested if b.labels[:1] == (label,)]
        if not nested:
            break
        rng, here = nested[0].range, nested[0].body
    return diag.with_defaults(rng or block_range, context=context)


def _inside(attr: Attribute, path: list[str | int]) -> SourceRange:
    """The range of the item ``path`` names inside an attribute's object or list
    expression (``gates = { min_x = 1 }``), as far as it is written there."""
    expr: Expr = attr.expr
    rng = attr.range
    for key in path:
        if isinstance(expr, ObjectExpr):
            item = next(((k, v) for k, v in expr.items if isinstance(k, Literal) and k.value == key), None)
            if item is None:
                break
            k, expr = item
            rng = SourceRange(k.range.filename, k.range.start_line, k.range.start_column,
                              expr.range.end_line, expr.range.end_column)  # fmt: skip
        elif isinstance(expr, TupleExpr) and isinstance(key, int) and 0 <= key < len(expr.items):
            expr = expr.items[key]
            rng = expr.range
        else:
            break
    return rng
