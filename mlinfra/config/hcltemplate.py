"""Strings and templates of the syntax tree: quoted strings, heredocs, and the
``%{if}``/``%{for}`` directives in them nested into conditionals and joined for
expressions.

``TemplateConverter`` builds them for the lark-to-syntax converter
(``hclconvert.Converter``), which holds one and hands it every string node; the
expressions inside a template go back to that converter. ``Positions`` is the
source-position arithmetic both share. This module imports ``lark``, so it is
one of the ``hcl*.py`` modules of the parser, loaded only when something is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from lark import Token, Tree

from mlinfra.config import hcllex
from mlinfra.config.syntax import Conditional, Expr, ForExpr, FunctionCall, Literal
from mlinfra.diagnostics import Diagnostics, SourceRange

Node = Any  # a lark Tree or Token


class Positions:
    """Source ranges of one lark tree's nodes; ``shift`` maps positions of a sub-parse
    (an interpolation inside a heredoc, say) back into the enclosing file."""

    def __init__(self, filename: str, shift: tuple[int, int] = (0, 0)):
        self.filename = filename
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


class Expressions(Protocol):
    """What templates need of the expression converter that owns them."""

    def expr(self, tree: Node) -> Expr: ...

    def sub_expression(self, text: str, line: int, col: int) -> Expr | None: ...


class TemplateConverter:
    """Turns the string and template nodes of one lark tree into syntax nodes; the
    expressions inside them go back to ``exprs`` (``hclconvert.Converter``)."""

    def __init__(self, exprs: Expressions, positions: Positions, diags: Diagnostics):
        self.exprs = exprs
        self.diags = diags
        self.rng = positions.rng
        self.meta_rng = positions.meta_rng

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
                        self.diags.error("Invalid multi-line string", hcllex.MULTILINE_STRING,
                                         self.meta_rng(piece))  # fmt: skip
                    hcllex.append_text(parts, hcllex.unescape(str(piece)))
                else:  # $${ or %%{: a literal ${ or %{
                    hcllex.append_text(parts, str(piece)[1:])
            elif piece.data == "interpolation":
                parts.append(self.exprs.expr(piece.children[1]))
            else:
                parts.append(self.directive_node(piece))
        return hcllex.join_template(self.assemble(_strip_markers(parts)), rng)

    def template_string(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return Literal(hcllex.unescape(str(tok)[2:-2]), self.meta_rng(tok))

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
        for piece in hcllex.scan_template(body):
            if isinstance(piece, str):
                parts.append(piece)
                continue
            marker, inner, line, col = piece
            if marker == "%":
                parts.append(self.directive_text(inner, line0 + line - 1, col))
                continue
            sub = self.exprs.sub_expression(inner, line0 + line - 1, col)
            if sub is not None:
                parts.append(sub)
        if tree.data == "heredoc_template_trim":
            parts = hcllex.trim_heredoc(parts)
        return hcllex.join_template(self.assemble(_strip_markers(parts)), rng)

    def directive_node(self, piece: Node) -> _Directive:
        """A %{...} directive of a quoted string, from its lark node."""
        kind = piece.data.removeprefix("template_").removesuffix("_start")
        toks = [c for c in piece.children if isinstance(c, Token)]
        strip = (toks[1].type == "STRIP_MARKER", toks[-2].type == "STRIP_MARKER")
        trees = [c for c in piece.children if isinstance(c, Tree)]
        names = tuple(str(t.children[0]) for t in trees if t.data == "identifier")
        exprs = [self.exprs.expr(t) for t in trees if t.data != "identifier"]
        return _Directive(kind, strip, self.meta_rng(piece), exprs[0] if exprs else None, names)

    def directive_text(self, inner: str, line: int, col: int) -> _Directive | str:
        """A %{...} directive of a heredoc, from its text."""
        rng = self.rng(line, col - 2, line, col + len(inner) + 1)
        m = _DIRECTIVE.fullmatch(inner)
        if m is None:
            self.diags.error("Invalid template directive", hcllex.DIRECTIVE_DETAIL, rng)
            return ""
        left, kind, rest, right = m.groups()
        names: tuple[str, ...] = ()
        expr_at = m.start(3)
        if kind == "for":
            fm = _FOR_INTRO.match(rest)
            if fm is None:
                self.diags.error("Invalid template directive", hcllex.DIRECTIVE_DETAIL, rng)
                return ""
            names = tuple(n for n in fm.groups()[:2] if n)
            rest, expr_at = rest[fm.end() :], expr_at + fm.end()
        expr = self.exprs.sub_expression(rest, line, col + expr_at) if kind in ("if", "for") else None
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
                                 + hcllex.DIRECTIVE_DETAIL, item.rng)  # fmt: skip
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
                        item.expr, hcllex.join_template(body, item.rng), hcllex.join_template(other, item.rng), item.rng
                    )
                )
                continue
            value_var, key_var = (item.names[-1], item.names[0] if len(item.names) == 2 else None)
            loop = ForExpr(
                key_var,
                value_var,
                item.expr,
                None,
                hcllex.join_template(body, item.rng),
                None,
                False,
                item.rng,
            )
            out.append(FunctionCall("join", (Literal("", item.rng), loop), False, item.rng))
        return out, pos, None


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


