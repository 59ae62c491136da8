"""HCL source text -> the syntax tree of ``mlinfra.config.syntax``, with source ranges.

This is the only module that imports ``hcl2`` or ``lark``. The lark tree python-hcl2
gives (every node carrying line and column) is converted into the parser-independent
nodes of ``syntax``; syntax errors become diagnostics that name the line, what was
found and what was expected. Parsed files are cached by content hash, in process and
optionally on disk, because configurations are parsed on every command.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.config import fmt
from mlinfra.config.syntax import (
    Attribute,
    BinaryOp,
    Block,
    Body,
    Conditional,
    Expr,
    File,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    Literal,
    ObjectExpr,
    RelativeTraversal,
    ScopeTraversal,
    SplatMarker,
    Step,
    Template,
    TupleExpr,
    UnaryOp,
)
from mlinfra.diagnostics import Diagnostic, Diagnostics, SourceRange

if TYPE_CHECKING:
    import hcl2
    from lark import Token, Tree
    from lark.exceptions import (
        UnexpectedCharacters,
        UnexpectedEOF,
        UnexpectedInput,
        UnexpectedToken,
    )
else:
    hcl2 = Token = Tree = None
    UnexpectedCharacters = UnexpectedEOF = UnexpectedInput = UnexpectedToken = None


def _load_parser() -> None:
    """Import hcl2 and lark on first use: a run whose files are all cached needs neither,
    and importing them costs more than reading the cache."""
    global hcl2, Token, Tree, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
    if hcl2 is not None:
        return
    import hcl2 as _hcl2
    import lark
    import lark.exceptions as lx

    Token, Tree = lark.Token, lark.Tree  # type: ignore[misc]
    UnexpectedCharacters, UnexpectedEOF = lx.UnexpectedCharacters, lx.UnexpectedEOF  # type: ignore[misc]
    UnexpectedInput, UnexpectedToken = lx.UnexpectedInput, lx.UnexpectedToken  # type: ignore[misc]
    hcl2 = _hcl2

# Bump whenever the shape of the produced tree changes: cached parses are keyed on it.
PARSER_FORMAT_VERSION = "1"

_OPERATORS = {
    "DOUBLE_EQ": "==", "NEQ": "!=", "LT": "<", "GT": ">", "LEQ": "<=", "GEQ": ">=",
    "MINUS": "-", "PLUS": "+", "ASTERISK": "*", "SLASH": "/", "PERCENT": "%",
    "DOUBLE_AMP": "&&", "DOUBLE_PIPE": "||", "NOT": "!",
}  # fmt: skip
_LITERAL_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}
_NL = "new_line_or_comment"
Node = Any  # a lark Tree or Token

_memory_cache: dict[str, tuple[File | None, Diagnostics]] = {}


class _Converter:
    """Turns one lark tree into syntax nodes; ``shift`` maps positions of a sub-parse
    (an interpolation inside a heredoc, say) back into the enclosing file."""

    def __init__(self, filename: str, diags: Diagnostics, shift: tuple[int, int] = (0, 0)):
        self.filename = filename
        self.diags = diags
        self.line_shift, self.col_shift = shift

    def rng(self, line: int, col: int, end_line: int, end_col: int) -> SourceRange:
        if self.line_shift or self.col_shift:
            if line == 1:
                col += self.col_shift
            if end_line == 1:
                end_col += self.col_shift
            line += self.line_shift
            end_line += self.line_shift
        return SourceRange(self.filename, line, col, end_line, end_col)

    def meta_rng(self, node: Node) -> SourceRange:
        m: Any = node if isinstance(node, Token) else node.meta
        return self.rng(m.line, m.column, m.end_line, m.end_column)

    @staticmethod
    def span(a: SourceRange, b: SourceRange) -> SourceRange:
        return SourceRange(a.filename, a.start_line, a.start_column, b.end_line, b.end_column)

    # -- bodies and blocks ---------------------------------------------------------

    def body(self, tree: Node, rng: SourceRange) -> Body:
        attributes: dict[str, Attribute] = {}
        blocks: list[Block] = []
        duplicates: list[tuple[Attribute, Attribute]] = []
        for child in tree.children:
            kind = child.data
            if kind == "attribute":
                attr = self.attribute(child)
                first = attributes.get(attr.name)
                if first is None:
                    attributes[attr.name] = attr
                else:
                    duplicates.append((first, attr))
            elif kind == "block":
                blocks.append(self.block(child))
        return Body(attributes, tuple(blocks), rng, tuple(duplicates))

    def attribute(self, tree: Node) -> Attribute:
        name_node, _eq, value = tree.children
        tok = name_node.children[0]
        name_range = self.meta_rng(tok)
        expr = self.expr(value)
        return Attribute(str(tok), expr, self.span(name_range, expr.range), name_range)

    def block(self, tree: Node) -> Block:
        children = tree.children
        type_tok = children[0].children[0]
        type_range = self.meta_rng(type_tok)
        labels: list[str] = []
        last = type_range
        open_brace: Node = None
        body_tree: Node | None = None
        for child in children[1:]:
            if isinstance(child, Token):
                if child.type == "LBRACE":
                    open_brace = child
                continue
            kind = child.data
            if kind == "body":
                body_tree = child
            elif kind == "string":
                last = self.meta_rng(child)
                labels.append(self.label(child, last))
            elif kind != _NL:
                last = self.meta_rng(child.children[0])
                labels.append(str(child.children[0]))
        assert body_tree is not None and open_brace is not None
        close = children[-1]
        body_range = self.rng(open_brace.line, open_brace.column, close.end_line, close.end_column)
        return Block(str(type_tok), tuple(labels), self.body(body_tree, body_range),
                     self.span(type_range, last), type_range)  # fmt: skip

    def label(self, tree: Node, rng: SourceRange) -> str:
        value = self.string(tree)
        if isinstance(value, Literal) and isinstance(value.value, str):
            return value.value
        self.diags.error("Invalid block label",
                         "Block labels are plain strings: template interpolation is not allowed here.",
                         rng)  # fmt: skip
        return ""

    # -- expressions -----------------------------------------------------------------

    def expr(self, tree: Node) -> Expr:
        kind = tree.data
        if kind == "expr_term":
            children = tree.children
            if len(children) == 1:
                return self.expr(children[0])
            inner = next(c for c in children if isinstance(c, Tree) and c.data != _NL)
            return self.expr(inner)
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise AssertionError(f"unexpected HCL node {kind}")
        return handler(self, tree)

    def identifier(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return ScopeTraversal(str(tok), (), self.meta_rng(tok))

    def literal_value(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return Literal(_LITERAL_WORDS[str(tok)], self.meta_rng(tok))

    def int_lit(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return Literal(int(tok), self.meta_rng(tok))

    def float_lit(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return Literal(float(tok), self.meta_rng(tok))

    def string(self, tree: Node) -> Expr:
        rng = self.meta_rng(tree)
        parts: list[_Part] = []
        for part in tree.children:
            if isinstance(part, Token):
                continue  # the quotes
            piece = part.children[0]
            if isinstance(piece, Token):
                kind = piece.type
                if kind == "STRING_CHARS":
                    if "\n" in piece:
                        self.diags.error("Invalid multi-line string", fmt.MULTILINE_STRING,
                                         self.meta_rng(piece))  # fmt: skip
                    _append_text(parts, fmt.unescape(str(piece)))
                else:  # $${ or %%{: a literal ${ or %{
                    _append_text(parts, str(piece)[1:])
            elif piece.data == "interpolation":
                parts.append(self.expr(piece.children[1]))
            else:
                parts.append(self.directive_node(piece))
        return _template(self.assemble(_strip_markers(parts)), rng)

    def template_string(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return Literal(fmt.unescape(str(tok)[2:-2]), self.meta_rng(tok))

    def heredoc(self, tree: Node) -> Expr:
        tok = tree.children[0]
        text = str(tok)
        last_line = text.rstrip("\r\n").rsplit("\n", 1)[-1]
        rng = self.rng(tok.line, tok.column, tok.end_line - 1, len(last_line) + 1)
        first_nl = text.index("\n")
        body_start = first_nl + 1
        body_end = text.rstrip("\r\n").rfind("\n") + 1
        body = text[body_start:body_end] if body_end > body_start else ""
        parts: list[_Part] = []
        line0 = tok.line + 1
        for piece in fmt.scan_template(body):
            if isinstance(piece, str):
                parts.append(piece)
                continue
            marker, inner, line, col = piece
            if marker == "%":
                parts.append(self.directive_text(inner, line0 + line - 1, col))
                continue
            sub = self.sub_expression(inner, line0 + line - 1, col)
            if sub is not None:
                parts.append(sub)
        if tree.data == "heredoc_template_trim":
            parts = fmt.trim_heredoc(parts)
        return _template(self.assemble(_strip_markers(parts)), rng)

    def directive_node(self, piece: Node) -> _Directive:
        """A %{...} directive of a quoted string, from its lark node."""
        kind = piece.data.removeprefix("template_").removesuffix("_start")
        toks = [c for c in piece.children if isinstance(c, Token)]
        strip = (toks[1].type == "STRIP_MARKER", toks[-2].type == "STRIP_MARKER")
        trees = [c for c in piece.children if isinstance(c, Tree)]
        names = tuple(str(t.children[0]) for t in trees if t.data == "identifier")
        exprs = [self.expr(t) for t in trees if t.data != "identifier"]
        return _Directive(kind, strip, self.meta_rng(piece), exprs[0] if exprs else None, names)

    def directive_text(self, inner: str, line: int, col: int) -> _Directive | str:
        """A %{...} directive of a heredoc, from its text."""
        rng = self.rng(line, col - 2, line, col + len(inner) + 1)
        m = _DIRECTIVE.fullmatch(inner)
        if m is None:
            self.diags.error("Invalid template directive", fmt.DIRECTIVE_DETAIL, rng)
            return ""
        left, kind, rest, right = m.groups()
        names: tuple[str, ...] = ()
        expr_at = m.start(3)
        if kind == "for":
            fm = _FOR_INTRO.match(rest)
            if fm is None:
                self.diags.error("Invalid template directive", fmt.DIRECTIVE_DETAIL, rng)
                return ""
            names = tuple(n for n in fm.groups()[:2] if n)
            rest, expr_at = rest[fm.end() :], expr_at + fm.end()
        expr = self.sub_expression(rest, line, col + expr_at) if kind in ("if", "for") else None
        return _Directive(kind, (bool(left), bool(right)), rng, expr, names)

    def assemble(self, parts: list[_Part]) -> list[str | Expr]:
        """Nest %{if}/%{for} directives into conditionals and joined for expressions."""
        return self.assemble_from(parts, 0, ())[0]

    def assemble_from(
        self, parts: list[_Part], pos: int, stops: tuple[str, ...]
    ) -> tuple[list[str | Expr], int, _Directive | None]:
        out: list[str | Expr] = []
        while pos < len(parts):
            item = parts[pos]
            pos += 1
            if not isinstance(item, _Directive):
                out.append(item)
                continue
            if item.kind in stops:
                return out, pos, item
            if item.kind not in ("if", "for") or item.expr is None:
                self.diags.error("Unexpected template directive",
                                 f"This %{{{item.kind}}} has no opening directive to close. "
                                 + fmt.DIRECTIVE_DETAIL, item.rng)  # fmt: skip
                continue
            closer = "endif" if item.kind == "if" else "endfor"
            body, pos, end = self.assemble_from(
                parts, pos, ("else", closer) if closer == "endif" else (closer,)
            )
            other: list[str | Expr] = []
            if end is not None and end.kind == "else":
                other, pos, end = self.assemble_from(parts, pos, (closer,))
            if end is None:
                self.diags.error("Unterminated template directive",
                                 f"This %{{{item.kind}}} has no matching %{{{closer}}}.", item.rng)  # fmt: skip
            if item.kind == "if":
                out.append(
                    Conditional(
                        item.expr, _template(body, item.rng), _template(other, item.rng), item.rng
                    )
                )
                continue
            value_var, key_var = (item.names[-1], item.names[0] if len(item.names) == 2 else None)
            loop = ForExpr(
                key_var,
                value_var,
                item.expr,
                None,
                _template(body, item.rng),
                None,
                False,
                item.rng,
            )
            out.append(FunctionCall("join", (Literal("", item.rng), loop), False, item.rng))
        return out, pos, None

    def sub_expression(self, text: str, line: int, col: int) -> Expr | None:
        """Parse the text of an interpolation that starts at (line, col) of this file."""
        prefix = "__x = "
        shift = (line - 1 + self.line_shift, col - 1 - len(prefix))
        _load_parser()
        try:
            tree = hcl2.parses_to_tree(prefix + text)
        except UnexpectedInput as exc:
            sub = _Converter(self.filename, self.diags, shift)
            self.diags.add(_syntax_error(exc, prefix + text, sub.rng))
            return None
        return _Converter(self.filename, self.diags, shift).first_attribute_expr(tree)

    def first_attribute_expr(self, tree: Node) -> Expr:
        items = [c for c in tree.children[0].children if c.data != _NL]
        if len(items) > 1:
            self.diags.error("Extra characters after expression",
                             "An expression was successfully parsed, but extra characters were "
                             "found after it.", self.meta_rng(items[1]))  # fmt: skip
        return self.expr(items[0].children[2])

    def tuple_expr(self, tree: Node) -> Expr:
        items = tuple(self.expr(c) for c in tree.children if isinstance(c, Tree) and c.data != _NL)
        return TupleExpr(items, self.meta_rng(tree))

    def object(self, tree: Node) -> Expr:
        items: list[tuple[Expr, Expr]] = []
        for elem in tree.children:
            if isinstance(elem, Token) or elem.data != "object_elem":
                continue
            key_node, _sep, value = elem.children
            items.append((self.object_key(key_node.children[0]), self.expr(value)))
        return ObjectExpr(tuple(items), self.meta_rng(tree))

    def object_key(self, node: Node) -> Expr:
        if node.data == "keyword":
            return Literal(str(node.children[0]), self.meta_rng(node))
        if node.data == "expr_term" and len(node.children) == 1:
            inner = node.children[0]
            if isinstance(inner, Tree) and inner.data in ("identifier", "literal_value"):
                tok = inner.children[0]
                return Literal(str(tok), self.meta_rng(tok))
        return self.expr(node)

    def function_call(self, tree: Node) -> Expr:
        names: list[str] = []
        args: tuple[Expr, ...] = ()
        expand = False
        for child in tree.children:
            if isinstance(child, Token):
                continue
            if child.data == "identifier":
                names.append(str(child.children[0]))
            elif child.data == "arguments":
                args = tuple(
                    self.expr(a) for a in child.children if isinstance(a, Tree) and a.data != _NL
                )
                expand = any(isinstance(a, Token) and a.type == "ELLIPSIS" for a in child.children)
        return FunctionCall("::".join(names), args, expand, self.meta_rng(tree))

    def traversal(self, tree: Node) -> Expr:
        base_node, op = tree.children
        steps = self.steps(op)
        source = self.expr(base_node)
        rng = self.span(self.meta_rng(base_node), self.meta_rng(op))
        parenthesised = len(base_node.children) > 1
        if isinstance(source, ScopeTraversal) and not parenthesised:
            return ScopeTraversal(source.root, source.steps + steps, rng)
        if isinstance(source, RelativeTraversal) and not parenthesised:
            return RelativeTraversal(source.source, source.steps + steps, rng)
        return RelativeTraversal(source, steps, rng)

    def steps(self, op: Node) -> tuple[Step, ...]:
        kind = op.data
        if kind == "get_attr":
            return (GetAttr(str(op.children[1].children[0]), self.meta_rng(op)),)
        if kind == "braces_index":
            key = next(c for c in op.children if isinstance(c, Tree) and c.data != _NL)
            return (Index(self.expr(key), self.meta_rng(op)),)
        if kind == "short_index":
            tok = op.children[1]
            return (Index(Literal(int(tok), self.meta_rng(tok)), self.meta_rng(op)),)
        # attr_splat / full_splat: the marker, then the steps applied to each element
        out: list[Step] = [SplatMarker(self.meta_rng(op.children[0]))]
        for child in op.children[1:]:
            out.extend(self.steps(child))
        return tuple(out)

    def binary_op(self, tree: Node) -> Expr:
        left = self.expr(tree.children[0])
        term = tree.children[1]
        op_tok = term.children[0].children[0]
        right_node = next(c for c in term.children[1:] if c.data != _NL)
        right = self.expr(right_node)
        return BinaryOp(_OPERATORS[op_tok.type], left, right, self.span(left.range, right.range))

    def unary_op(self, tree: Node) -> Expr:
        op_tok, operand_node = tree.children
        operand = self.expr(operand_node)
        if (
            op_tok.type == "MINUS"
            and isinstance(operand, Literal)
            and type(operand.value) in (int, float)
        ):
            return Literal(-operand.value, self.span(self.meta_rng(op_tok), operand.range))
        return UnaryOp(
            _OPERATORS[op_tok.type], operand, self.span(self.meta_rng(op_tok), operand.range)
        )

    def conditional(self, tree: Node) -> Expr:
        cond, yes, no = (
            self.expr(c) for c in tree.children if isinstance(c, Tree) and c.data != _NL
        )
        return Conditional(cond, yes, no, self.span(cond.range, no.range))

    def for_expr(self, tree: Node) -> Expr:
        intro: Node | None = None
        cond: Expr | None = None
        exprs: list[Expr] = []
        grouping = False
        for child in tree.children:
            if isinstance(child, Token):
                grouping = grouping or child.type == "ELLIPSIS"
            elif child.data == "for_intro":
                intro = child
            elif child.data == "for_cond":
                cond = self.expr(
                    next(c for c in child.children if isinstance(c, Tree) and c.data != _NL)
                )
            elif child.data != _NL:
                exprs.append(self.expr(child))
        assert intro is not None
        names = [
            str(c.children[0])
            for c in intro.children
            if isinstance(c, Tree) and c.data == "identifier"
        ]
        coll_node = next(
            c for c in intro.children if isinstance(c, Tree) and c.data not in ("identifier", _NL)
        )
        key_var, value_var = (None, names[0]) if len(names) == 1 else (names[0], names[1])
        key_expr = exprs[0] if len(exprs) == 2 else None
        return ForExpr(key_var, value_var, self.expr(coll_node), key_expr, exprs[-1], cond,
                       grouping, self.meta_rng(tree))  # fmt: skip


_HANDLERS = {
    "identifier": _Converter.identifier,
    "literal_value": _Converter.literal_value,
    "int_lit": _Converter.int_lit,
    "float_lit": _Converter.float_lit,
    "string": _Converter.string,
    "template_string": _Converter.template_string,
    "heredoc_template": _Converter.heredoc,
    "heredoc_template_trim": _Converter.heredoc,
    "tuple": _Converter.tuple_expr,
    "object": _Converter.object,
    "function_call": _Converter.function_call,
    "index_expr_term": _Converter.traversal,
    "get_attr_expr_term": _Converter.traversal,
    "attr_splat_expr_term": _Converter.traversal,
    "full_splat_expr_term": _Converter.traversal,
    "binary_op": _Converter.binary_op,
    "unary_op": _Converter.unary_op,
    "conditional": _Converter.conditional,
    "for_tuple_expr": _Converter.for_expr,
    "for_object_expr": _Converter.for_expr,
}


@dataclass(frozen=True)
class _Directive:
    """One flat %{...} template directive, before nesting."""

    kind: str  # if, else, endif, for, endfor
    strip: tuple[bool, bool]  # the ~ markers: strip whitespace before / after
    rng: SourceRange
    expr: Expr | None = None  # the condition, or the collection of a for
    names: tuple[str, ...] = ()  # the iteration variables of a for


_Part = str | Expr | _Directive
_DIRECTIVE = re.compile(r"\s*(~?)\s*(if|else|endif|for|endfor)\b(.*?)\s*(~?)\s*", re.S)
_FOR_INTRO = re.compile(r"\s*([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?\s+in\s+")


def _strip_markers(parts: list[_Part]) -> list[_Part]:
    """Apply the ~ markers of directives: drop the whitespace next to them."""
    out = list(parts)
    for i, item in enumerate(out):
        if isinstance(item, _Directive):
            if item.strip[0] and i > 0 and isinstance(out[i - 1], str):
                out[i - 1] = str(out[i - 1]).rstrip()
            if item.strip[1] and i + 1 < len(out) and isinstance(out[i + 1], str):
                out[i + 1] = str(out[i + 1]).lstrip()
    return out


def _append_text(parts: list[Any], text: str) -> None:
    if parts and isinstance(parts[-1], str):
        parts[-1] += text
    else:
        parts.append(text)


def _template(parts: list[str | Expr], rng: SourceRange) -> Expr:
    """A template with no interpolation is a plain string literal."""
    merged: list[str | Expr] = []
    for p in parts:
        if isinstance(p, str):
            if p:
                _append_text(merged, p)
        else:
            merged.append(p)
    if not merged:
        return Literal("", rng)
    if len(merged) == 1 and isinstance(merged[0], str):
        return Literal(merged[0], rng)
    return Template(tuple(merged), rng)


def _syntax_error(exc: UnexpectedInput, text: str, rng: Any) -> Diagnostic:
    """The diagnostic for a lark parse failure, worded by ``fmt.syntax_diagnostic``."""
    token = getattr(exc, "token", None)
    if isinstance(exc, UnexpectedCharacters):
        found: tuple[str, str] = ("CHAR", exc.char)
    elif token is None or isinstance(exc, UnexpectedEOF):
        found = ("$END", "")
    else:
        found = (token.type, str(token))
    expected = set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    line = getattr(exc, "line", 1) or 1
    col = getattr(exc, "column", 1) or 1
    return fmt.syntax_diagnostic(text, line, col, found, expected, rng)


def parse_source(text: str, filename: str) -> tuple[File | None, Diagnostics]:
    """Parse HCL text; on a syntax error return None and diagnostics (never raise)."""
    if len(text) >= PARALLEL_MIN_CHARS and (os.cpu_count() or 1) > 1:
        found = _parse_in_parallel(text, filename)
        if found is not None:
            return found
    diags = Diagnostics()
    _load_parser()
    conv = _Converter(filename, diags)
    lines = text.count("\n") + 1
    whole = SourceRange(filename, 1, 1, lines, len(text) - text.rfind("\n"))
    # The parse allocates millions of objects that all live until it ends: collecting
    # garbage meanwhile only walks them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        tree = hcl2.parses_to_tree(text)
        body = conv.body(tree.children[0], whole)
    except (UnexpectedToken, UnexpectedCharacters, UnexpectedEOF) as exc:
        diags.add(_syntax_error(exc, text, conv.rng))
        return None, diags
    finally:
        if enabled:
            gc.enable()
    return File(filename, body, text), diags


# Files this large are cut at top-level block boundaries and parsed by several processes.
PARALLEL_MIN_CHARS = 256 * 1024
_BLOCK_START = re.compile(r"^\}[ \t]*\r?\n(?:[ \t]*\r?\n)*(?=[A-Za-z_])", re.M)


def _split_points(text: str, parts: int) -> list[int]:
    """Offsets just after a closing brace in column 1, before a line starting a block,
    near ``len(text) / parts`` apart. A cut that is not really between two top-level
    items leaves something unterminated before it, which fails that piece's parse."""
    cuts: list[int] = []
    for i in range(1, parts):
        m = _BLOCK_START.search(text, len(text) * i // parts)
        if m is not None and (not cuts or m.end() > cuts[-1]):
            cuts.append(m.end())
    return cuts


def _parse_piece(piece: str, filename: str, line_shift: int) -> tuple[Body, Diagnostics] | None:
    """Parse one piece of a file starting at line ``line_shift + 1``; None on any error."""
    _load_parser()
    diags = Diagnostics()
    conv = _Converter(filename, diags, (line_shift, 0))
    gc.disable()
    try:
        tree = hcl2.parses_to_tree(piece)
        body = conv.body(tree.children[0], conv.rng(1, 1, 1, 1))
    except UnexpectedInput:
        return None
    if body.attributes or body.duplicates:
        return None  # top-level attributes: leave their order and duplicates to one parse
    return body, diags


def _parse_in_parallel(text: str, filename: str) -> tuple[File | None, Diagnostics] | None:
    """The parse of ``text`` in pieces, one process each; None when it cannot be cut
    cleanly (the caller then parses it whole, which reports any error properly)."""
    import concurrent.futures
    import multiprocessing

    workers = min(os.cpu_count() or 1, 8)
    cuts = _split_points(text, workers)
    if not cuts:
        return None
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    shifts = [text.count("\n", 0, a) for a in bounds[:-1]]
    _load_parser()
    try:
        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(len(pieces), mp_context=ctx) as pool:
            results = list(pool.map(_parse_piece, pieces, [filename] * len(pieces), shifts))
    except (OSError, ValueError, concurrent.futures.process.BrokenProcessPool):
        return None
    if any(r is None for r in results):
        return None
    diags = Diagnostics()
    blocks: list[Block] = []
    for r in results:
        assert r is not None
        blocks.extend(r[0].blocks)
        diags.extend(r[1])
    lines = text.count("\n") + 1
    whole = SourceRange(filename, 1, 1, lines, len(text) - text.rfind("\n"))
    return File(filename, Body({}, tuple(blocks), whole), text), diags


def parse_expression(text: str, filename: str = "<expr>") -> tuple[Expr | None, Diagnostics]:
    """Parse one expression, e.g. the value of a ``--var name=VALUE`` option."""
    diags = Diagnostics()
    conv = _Converter(filename, diags)
    expr = conv.sub_expression(text.strip("\n"), 1, 1)
    return expr, diags


def _cache_key(text: str, filename: str) -> str:
    h = hashlib.sha256()
    h.update(f"{PARSER_FORMAT_VERSION}\0{filename}\0".encode())
    h.update(text.encode())
    return h.hexdigest()


def parse_file(
    path: Path, display_name: str | None = None, cache_dir: Path | None = None
) -> tuple[File | None, Diagnostics]:
    """Read and parse a file, reusing an earlier parse of the same content."""
    name = display_name if display_name is not None else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        diags = Diagnostics()
        diags.error("Failed to read file", f"The file {name!r} could not be read: {exc}.")
        return None, diags
    key = _cache_key(text, name)
    hit = _memory_cache.get(key)
    if hit is not None:
        return hit[0], Diagnostics(list(hit[1].items))
    cache_file = cache_dir / f"{key}.pickle" if cache_dir is not None else None
    if cache_file is not None:
        loaded = _read_cache(cache_file)
        if loaded is not None:
            _memory_cache[key] = loaded
            return loaded[0], Diagnostics(list(loaded[1].items))
    result = parse_source(text, name)
    _memory_cache[key] = result
    if cache_file is not None and not result[1].has_errors:
        _write_cache(cache_file, result)
    return result[0], Diagnostics(list(result[1].items))


def clear_memory_cache() -> None:
    _memory_cache.clear()


def _read_cache(path: Path) -> tuple[File | None, Diagnostics] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        value = pickle.loads(data)
    except Exception:  # a corrupt or foreign cache file is simply ignored
        return None
    finally:
        if enabled:
            gc.enable()
    if (isinstance(value, tuple) and len(value) == 3 and value[0] == PARSER_FORMAT_VERSION
            and isinstance(value[2], Diagnostics)):  # fmt: skip
        return value[1], value[2]
    return None


def _write_cache(path: Path, result: tuple[File | None, Diagnostics]) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return  # the cache is an optimisation: an unwritable directory only costs time
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((PARSER_FORMAT_VERSION, *result), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, RecursionError):
        Path(tmp).unlink(missing_ok=True)
