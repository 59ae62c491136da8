"""The human plan text, in Terraform's conventions.

``render_plan`` gives the text ``mlinfra plan`` prints: drift first, then one block per
changed resource in address order, the ``Plan: 2 to add, ...`` line and output changes.
``render_apply_summary`` and ``render_outputs`` print the end of an apply. This module
never prints a sensitive value: every value goes through path-aware formatters that
write ``(sensitive value)`` instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from mlinfra import addrs, values
from mlinfra.config.kinds import LABELLED_BLOCKS
from mlinfra.plans.model import Action, DataRead, Mode, OutputChange, Plan, ResourceChange
from mlinfra.providers import registry
from mlinfra.records import mutable

SENSITIVE = "(sensitive value)"
KNOWN_AFTER_APPLY = "(known after apply)"
# Nested objects written as blocks (``autoscaling { ... }``), not as map attributes; so
# is an installed provider's block (``aws { ... }``).
NESTED_BLOCKS = frozenset({"autoscaling", "rollout", "data_capture", "registry"})
# Attributes shown even when unchanged, so a reader knows which object is meant.
IDENTIFYING = ("id", "name")

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ANSI = {"+": "32", "~": "33", "-": "31", "<=": "36"}
_RULE = "─" * 77
_TEXT = {
    "drift": 'mlinfra detected the following changes made outside of mlinfra since the last "mlinfra apply" which may have affected this plan:',
    "drift-refresh": "This is a refresh-only plan, so mlinfra will not take any actions to undo these. If you were expecting these changes then you can apply this plan to record the updated values in the mlinfra state without changing any remote objects.",
    "drift-normal": "Unless you have made equivalent changes to your configuration, the following plan may include actions to undo or respond to these changes.",
    "outputs-only": "You can apply this plan to save these new output values to the mlinfra state, without changing any real infrastructure.",
    Mode.REFRESH_ONLY: "No changes. Your infrastructure still matches the configuration.\n\nmlinfra has checked that the real remote objects still match the result of your most recent changes, and found no differences.",
    Mode.DESTROY: "No changes. No objects need to be destroyed.\n\nEither you have not created any objects yet or the existing objects were already deleted outside of mlinfra.",
    Mode.NORMAL: "No changes. Your infrastructure matches the configuration.\n\nmlinfra has compared your real infrastructure against your configuration and found no differences, so no changes are needed.",
}


def paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and text.strip() else text


def symbol(sym: str, color: bool) -> str:
    """An action symbol, coloured like Terraform's (green +, yellow ~, red -)."""
    return "/".join(paint(s, _ANSI.get(s, "0"), color) for s in sym.split("/"))


def address_sort_key(address: str) -> tuple[Any, ...]:
    """Address order: module path, kind, name, then integer keys before string keys."""
    try:
        return addrs.of(address).sort_key()
    except addrs.AddressError:
        return ((), address, "", (3, address))


def resource_sort_key(change: ResourceChange) -> tuple[Any, ...]:
    """Address order, deposed objects after the current object of the same address."""
    return (*address_sort_key(change.address), change.deposed or "")


@mutable
class _Ctx:
    sensitive: frozenset[values.Path]
    replace: frozenset[values.Path]
    color: bool

    @staticmethod
    def of(change: ResourceChange, color: bool) -> _Ctx:
        sensitive = {tuple(p) for p in [*change.before_sensitive, *change.after_sensitive]}
        return _Ctx(frozenset(sensitive), frozenset(tuple(p) for p in change.replace_paths), color)

    def is_sensitive(self, path: values.Path, *vals: Any) -> bool:
        marked = any(isinstance(v, values.Sensitive) for v in vals)
        return marked or any(path[:i] in self.sensitive for i in range(len(path) + 1))

    def forces(self, path: values.Path) -> str:
        return " " + paint("# forces replacement", "31", self.color) if path in self.replace else ""

    def prefix(self, sym: str, indent: int) -> str:
        return " " * indent + symbol(sym, self.color) + " "


@mutable
class _Attr:
    sym: str
    key: str
    text: str  # what follows "= " on the first line
    tail: list[str]


def inline(v: Any, path: values.Path, ctx: _Ctx) -> str:
    """One value on one line, HCL-like, with sensitive and unknown parts masked."""
    if ctx.is_sensitive(path, v):
        return SENSITIVE
    if v is values.UNKNOWN:
        return KNOWN_AFTER_APPLY
    if v is None or isinstance(v, bool | int | float | str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(inline(e, (*path, i), ctx) for i, e in enumerate(v)) + "]"
    if isinstance(v, dict):
        kvs = sorted(v.items(), key=lambda kv: str(kv[0]))
        items = [f"{_key(k, 'bare')} = {inline(x, (*path, k), ctx)}" for k, x in kvs]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    return json.dumps(str(v), ensure_ascii=False)


def _key(k: Any, style: str) -> str:
    """Map keys quoted, attribute names bare ("bare" quotes only what is no identifier)."""
    bare = style != "map" and (style != "bare" or _IDENT.match(str(k)))
    return str(k) if bare else json.dumps(str(k), ensure_ascii=False)


def _norm(v: Any) -> Any:
    """A value stripped of marks and null map entries, for equality."""
    if isinstance(v, values.Sensitive):
        return _norm(v.value)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items() if x is not None}
    if isinstance(v, list | tuple):
        return [_norm(x) for x in v]
    return v


def _same(b: Any, a: Any) -> bool:
    return values.values_equal(_norm(b), _norm(a))


def _plural(n: int, noun: str) -> str:
    return f"{n} unchanged {noun}{'' if n == 1 else 's'} hidden"


def _format_attrs(attrs: list[_Attr], indent: int, ctx: _Ctx) -> list[str]:
    width = max((len(a.key) for a in attrs), default=0)
    out: list[str] = []
    for a in attrs:
        out.extend([f"{ctx.prefix(a.sym, indent)}{a.key.ljust(width)} = {a.text}", *a.tail])
    return out


def whole(sym: str, v: Any, path: values.Path, indent: int, ctx: _Ctx) -> tuple[str, list[str]]:
    """A value created (``+``) or removed (``-``) as a whole: every nested line has ``sym``."""
    null = " -> null" if sym == "-" else ""
    if ctx.is_sensitive(path, v):
        return SENSITIVE + null, []
    if isinstance(v, dict) and any(x is not None for x in v.values()):
        attrs: list[_Attr] = []
        for k, x in sorted(v.items(), key=lambda kv: str(kv[0])):
            if x is not None:
                text, tail = whole(sym, x, (*path, k), indent + 4, ctx)
                attrs.append(_Attr(sym, _key(k, "map"), text, tail))
        return "{", [*_format_attrs(attrs, indent + 4, ctx), " " * (indent + 2) + "}" + null]
    if isinstance(v, list | tuple) and v:
        pre = ctx.prefix(sym, indent + 4)
        elems = [f"{pre}{inline(e, (*path, i), ctx)}," for i, e in enumerate(v)]
        return "[", [*elems, " " * (indent + 2) + "]" + null]
    return inline(v, path, ctx) + null, []


def _list_diff(b: list[Any], a: list[Any], path: values.Path, indent: int, ctx: _Ctx) -> list[str]:
    import difflib  # only for a list that changes

    canon = [json.dumps(_norm(x), sort_keys=True, default=repr) for x in (*b, *a)]
    matcher = difflib.SequenceMatcher(None, canon[: len(b)], canon[len(b) :], autojunk=False)
    out: list[str] = []
    hidden = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            hidden += i2 - i1
            continue
        for i in range(i1, i2):
            out.append(f"{ctx.prefix('-', indent)}{inline(b[i], (*path, i), ctx)},")
        for j in range(j1, j2):
            out.append(f"{ctx.prefix('+', indent)}{inline(a[j], (*path, j), ctx)},")
    if hidden:
        out.append(" " * (indent + 2) + f"# ({_plural(hidden, 'element')})")
    return out


def _changed(
    k: Any, b: Any, a: Any, path: values.Path, indent: int, ctx: _Ctx, style: str
) -> _Attr:
    key, force = _key(k, style), ctx.forces(path)
    if b is None:
        text, tail = whole("+", a, path, indent, ctx)
        return _Attr("+", key, text + force, tail)
    if a is None:
        text, tail = whole("-", b, path, indent, ctx)
        return _Attr("-", key, text + force, tail)
    if ctx.is_sensitive(path, b, a):
        return _Attr("~", key, SENSITIVE + force, [])
    close = " " * (indent + 2)
    if isinstance(b, dict) and isinstance(a, dict):
        body = container(b, a, path, indent + 4, ctx, "map")
        return _Attr("~", key, "{" + force, [*body, close + "}"])
    if isinstance(b, list | tuple) and isinstance(a, list | tuple):
        body = _list_diff(list(b), list(a), path, indent + 4, ctx)
        return _Attr("~", key, "[" + force, [*body, close + "]"])
    return _Attr("~", key, f"{inline(b, path, ctx)} -> {inline(a, path, ctx)}{force}", [])


def _is_block(k: Any, b: Any, a: Any) -> bool:
    sides = [x for x in (b, a) if x is not None]
    if not sides or not all(isinstance(x, dict) for x in sides):
        return False
    if k in LABELLED_BLOCKS:
        return all(isinstance(body, dict) for x in sides for body in x.values())
    return k in NESTED_BLOCKS or k in registry.known_names_set()


def _block(head: str, b: Any, a: Any, path: values.Path, indent: int, ctx: _Ctx) -> list[str]:
    sym = "+" if b is None else "-" if a is None else "~"
    first = f"{ctx.prefix(sym, indent)}{head} {{{ctx.forces(path)}"
    body = container(b, a, path, indent + 4, ctx, "block")
    return [first, *body, " " * (indent + 2) + "}"]


def container(b: Any, a: Any, path: values.Path, indent: int, ctx: _Ctx, style: str) -> list[str]:
    """The lines inside ``{ }`` for a resource, block or map; unchanged parts are counted."""
    b, a = b or {}, a or {}
    attrs: list[_Attr] = []
    blocks: list[list[str]] = []
    hidden_attrs = hidden_blocks = 0
    for k in sorted(set(b) | set(a), key=str):
        bv, av, p = b.get(k), a.get(k), (*path, k)
        if style == "resource" and _is_block(k, bv, av) and not ctx.is_sensitive(p, bv, av):
            if k in LABELLED_BLOCKS:
                bl, al = bv or {}, av or {}
                for label in sorted(set(bl) | set(al), key=str):
                    lb, la = bl.get(label), al.get(label)
                    if lb is not None and la is not None and _same(lb, la):
                        hidden_blocks += 1
                    else:
                        head = f"{k} {json.dumps(str(label), ensure_ascii=False)}"
                        blocks.append(_block(head, lb, la, (*p, label), indent, ctx))
            elif bv is not None and av is not None and _same(bv, av):
                hidden_blocks += 1
            else:
                blocks.append(_block(str(k), bv, av, p, indent, ctx))
            continue
        if bv is None and av is None:
            continue
        if _same(bv, av):
            if style == "resource" and k in IDENTIFYING:
                attrs.append(_Attr(" ", str(k), inline(av, p, ctx), []))
            else:
                hidden_attrs += 1
            continue
        attrs.append(_changed(k, bv, av, p, indent, ctx, style))
    lines = _format_attrs(attrs, indent, ctx)
    pad = " " * (indent + 2)
    noun = "element" if style == "map" else "attribute"
    if hidden_attrs:
        lines.append(f"{pad}# ({_plural(hidden_attrs, noun)})")
    if hidden_blocks:
        blocks.append([f"{pad}# ({_plural(hidden_blocks, 'block')})"])
    for blk in blocks:
        lines.extend(["", *blk] if lines else blk)
    return lines


def resource_block(
    change: ResourceChange, title: str, sym: str, notes: Iterable[str], color: bool
) -> list[str]:
    """``# title``, note comments, then ``sym kind "name" {`` ... ``}``."""
    ctx = _Ctx.of(change, color)
    lines = ["  " + paint(f"# {title}", "1", color)]
    lines.extend(f"  # ({n})" for n in notes)
    head = " " * (3 - len(sym)) + symbol(sym, color)
    lines.append(f"{head} {change.kind} {json.dumps(change.name)} {{")
    after = None if change.action is Action.DELETE else change.after
    lines.extend(container(change.before, after, (), 6, ctx, "resource"))
    lines.append("    }")
    return lines


def change_block(change: ResourceChange, color: bool) -> list[str]:
    if change.deposed:
        title = f"{change.address} (deposed object {change.deposed}) will be destroyed"
    elif change.action.is_replace:
        cbd = change.action is Action.CREATE_THEN_DELETE
        title = f"{change.address} must be replaced{' (create_before_destroy)' if cbd else ''}"
    elif change.previous_address and change.action is Action.NOOP and not change.importing:
        title = f"{change.previous_address} has moved to {change.address}"
    else:
        verb = (
            "imported" if change.importing and change.action is Action.NOOP else change.action.verb
        )
        title = f"{change.address} will be {verb}"
    notes: list[str] = []
    if change.reason:
        notes.append(change.reason)
    elif change.deposed:
        notes.append("left over from a create_before_destroy replacement of this instance")
    if change.importing:
        notes.append(f"imported from {json.dumps(change.importing)}")
    if change.previous_address and (change.action is not Action.NOOP or change.importing):
        notes.append(f"moved from {change.previous_address}")
    return resource_block(change, title, change.action.symbol, notes, color)


def data_read_block(read: DataRead, color: bool) -> list[str]:
    """A data source read during apply: ``<= data "model" "m" {`` and what it will be."""
    from mlinfra.config.data_blocks import placeholder

    shown = ResourceChange(read.address, read.kind, read.name, None, read.provider, Action.CREATE, None,
                           placeholder(read.kind, read.config))  # fmt: skip
    lines = resource_block(shown, f"{read.address} will be read during apply", "<=", [read.reason or "config refers to values not yet known"], color)
    i = next(n for n, ln in enumerate(lines) if ln.rstrip().endswith("{"))
    lines[i] = lines[i].replace(f"{read.kind} ", f"data {json.dumps(read.kind)} ", 1)
    return lines


def output_lines(changes: list[OutputChange], color: bool) -> list[str]:
    """``+ url = (known after apply)`` lines, one per changed output, aligned."""
    attrs: list[_Attr] = []
    ctx = _Ctx(frozenset((o.name,) for o in changes if o.sensitive), frozenset(), color)
    for o in sorted(changes, key=lambda o: o.name):
        if o.action is Action.NOOP:
            continue
        before = None if o.action is Action.CREATE else o.before
        after = None if o.action is Action.DELETE else o.after
        if before is None and after is None:
            attrs.append(_Attr(o.action.symbol, o.name, "null", []))
        else:
            attrs.append(_changed(o.name, before, after, (o.name,), 2, ctx, "block"))
    return _format_attrs(attrs, 2, ctx)


def _drift_section(plan: Plan, color: bool) -> list[str]:
    title = paint("Note: Objects have changed outside of mlinfra", "1", color)
    lines = [title, "", _TEXT["drift"], ""]
    for d in sorted(plan.drift, key=resource_sort_key):
        gone = d.after is None
        title = f"{d.address} {'has been deleted' if gone else 'has changed'}"
        lines.extend([*resource_block(d, title, "-" if gone else "~", [], color), ""])
    if plan.mode is Mode.REFRESH_ONLY:
        return [*lines, _TEXT["drift-refresh"]]
    return [*lines, _TEXT["drift-normal"], "", _RULE]


def summary_line(plan: Plan) -> str:
    """``Plan: 2 to add, 1 to change, 0 to destroy.`` (with imports when there are any)."""
    add, change, destroy = plan.counts()
    imports = sum(1 for c in plan.changes if c.importing)
    lead = f"{imports} to import, " if imports else ""
    return f"Plan: {lead}{add} to add, {change} to change, {destroy} to destroy."


def shown_changes(plan: Plan) -> list[ResourceChange]:
    """The resource changes a plan shows, in address order (no-ops omitted)."""
    changes = [
        c for c in plan.changes if c.action is not Action.NOOP or c.importing or c.previous_address
    ]
    return sorted(changes, key=resource_sort_key)


def render_plan(plan: Plan, *, color: bool = False) -> str:
    """The plan as Terraform-style text (no trailing newline)."""
    lines: list[str] = []
    if plan.drift:
        lines.extend([*_drift_section(plan, color), ""])
    if plan.notes:
        lines.extend([*(paint("Note: ", "1", color) + n for n in plan.notes), ""])
    changes = [] if plan.mode is Mode.REFRESH_ONLY else shown_changes(plan)
    reads = [r for r in plan.data_reads if r.deferred]
    outputs = output_lines(plan.output_changes, color)
    if reads:
        lines.extend(["Resource actions are indicated with the following symbols:",
                      " " + symbol("<=", color) + " read (data resources)", ""])  # fmt: skip
    if changes or reads:
        lines.extend(["mlinfra will perform the following actions:", ""])
        for r in reads:
            lines.extend([*data_read_block(r, color), ""])
        for c in changes:
            lines.extend([*change_block(c, color), ""])
        lines.append(paint("Plan:", "1", color) + summary_line(plan)[len("Plan:") :])
        if outputs:
            lines.extend(["", "Changes to Outputs:", *outputs])
    elif outputs:
        lines.extend(["Changes to Outputs:", *outputs, "", _TEXT["outputs-only"]])
    elif not (plan.mode is Mode.REFRESH_ONLY and plan.drift):
        lines.append(_TEXT[plan.mode])
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def render_apply_summary(
    added: int, changed: int, destroyed: int, *, imported: int = 0, mode: Mode = Mode.NORMAL, color: bool = False
) -> str:
    """``Apply complete! Resources: 2 added, 1 changed, 0 destroyed.`` (or ``Destroy complete!``),
    led by ``N imported`` when import blocks adopted objects, as in Terraform."""
    if mode is Mode.DESTROY:
        return paint(f"Destroy complete! Resources: {destroyed} destroyed.", "1;32", color)
    counts = (f"{imported} imported, " if imported else "") + f"{added} added, {changed} changed, {destroyed} destroyed"
    return paint(f"Apply complete! Resources: {counts}.", "1;32", color)


def multiline(v: Any, indent: int = 0) -> str:
    """A value as HCL-like text over several lines (maps and lists opened up)."""
    pad = " " * (indent + 2)
    if isinstance(v, values.Sensitive):
        return SENSITIVE
    if isinstance(v, dict) and v:
        kvs = sorted(v.items(), key=lambda kv: str(kv[0]))
        body = [f"{pad}{_key(k, 'bare')} = {multiline(x, indent + 2)}" for k, x in kvs]
        return "{\n" + "\n".join(body) + "\n" + " " * indent + "}"
    if isinstance(v, list | tuple) and v:
        body = [f"{pad}{multiline(x, indent + 2)}," for x in v]
        return "[\n" + "\n".join(body) + "\n" + " " * indent + "]"
    return inline(v, (), _Ctx(frozenset(), frozenset(), False))


def render_outputs(outputs: dict[str, tuple[Any, bool]]) -> str:
    """``Outputs:`` then ``name = value`` lines; sensitive outputs show ``(sensitive value)``."""
    if not outputs:
        return ""
    lines = ["Outputs:", ""]
    for name in sorted(outputs):
        value, sensitive = outputs[name]
        lines.append(f"{name} = {SENSITIVE if sensitive else multiline(value)}")
    return "\n".join(lines)
