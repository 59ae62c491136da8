"""A hand-written recursive-descent parser for the common subset of HCL, several times
faster than python-hcl2's LALR parser, producing exactly the tree ``hclconvert`` builds
from python-hcl2's parse: the same nodes, values and source ranges.

``parse_fast`` returns None for anything outside that subset (template directives,
keywords used as names) and for any syntax error or anything python-hcl2's path would
report (an interpolated block label): the caller then parses with python-hcl2, which
also words every diagnostic. Where python-hcl2's grammar is peculiar (newlines only in
some places, a newline continuing an expression only before a binary operator other
than ``-``, a ``-`` touching a digit read as part of a number) this parser accepts only
what it is sure to read the same way. This module holds bodies, blocks, collections,
strings and heredocs; ``hclfast_expr`` the rest of the expressions, ``hclfast_lex`` the
tokenizer. None of them imports ``hcl2`` or ``lark``.
"""

from __future__ import annotations

from mlinfra.config import hcllex
from mlinfra.config.hclfast_expr import KEYWORDS, WORDS, ExprParser, Fallback, fail
from mlinfra.config.hclfast_lex import Tok, tokenize
from mlinfra.config.syntax import (
    Attribute,
    Block,
    Body,
    Conditional,
    Expr,
    File,
    ForExpr,
    Literal,
    ObjectExpr,
    Template,
    TupleExpr,
)
from mlinfra.diagnostics import SourceRange

_NO_RANGE = SourceRange("", 0)  # not used: a block's body takes the range of its braces


def parse_fast(text: str, filename: str) -> File | None:
    """The syntax tree of ``text``, or None when python-hcl2 must parse it instead."""
    toks = tokenize(text)
    if toks is None:
        return None
    lines = text.count("\n") + 1
    whole = SourceRange(filename, 1, 1, lines, len(text) - text.rfind("\n"))
    try:
        body = _Parser(toks, filename).body("eof", whole)
    except (Fallback, IndexError, ValueError, RecursionError):
        return None
    return File(filename, body, text)


class _Parser(ExprParser):
    """Parses a whole file: bodies, blocks and heredocs on top of the expressions."""

    def body(self, end: str, rng: SourceRange, opening: Tok | None = None) -> Body:
        """The attributes and blocks up to the token ``end`` (left unconsumed); the body's
        range is ``rng``, or from ``opening`` to ``end`` when given."""
        toks = self.toks
        attributes: dict[str, Attribute] = {}
        blocks: list[Block] = []
        duplicates: list[tuple[Attribute, Attribute]] = []
        while True:
            self.skip_nl()
            tok = toks[self.i]
            if tok[0] == end:
                if opening is not None:
                    rng = self.rng(opening, tok)
                return Body(attributes, tuple(blocks), rng, tuple(duplicates))
            if tok[0] != "name":
                fail()
            if toks[self.i + 1][0] == "=":
                self.i += 2
                name_range = self.rng(tok, tok)
                expr = self.expr()
                r = expr.range
                attr = Attribute(
                    tok[1],
                    expr,
                    SourceRange(self.fn, tok[2], tok[3], r.end_line, r.end_column),
                    name_range,
                )
                first = attributes.get(attr.name)
                if first is None:
                    attributes[attr.name] = attr
                else:
                    duplicates.append((first, attr))
            else:
                blocks.append(self.block())

    def block(self) -> Block:
        toks = self.toks
        type_tok = toks[self.i]
        self.i += 1
        type_range = self.rng(type_tok, type_tok)
        labels: list[str] = []
        last = type_range
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == "name" or kind == "str":
                labels.append(tok[1])
                last = self.rng(tok, tok)
                self.i += 1
            elif kind == "quote":
                label = self.template()
                if not isinstance(label, Literal):
                    fail()  # an interpolated label is an error python-hcl2's path reports
                labels.append(label.value)
                last = label.range
            else:
                break
        self.skip_nl()
        open_brace = self.expect("{")
        body = self.body("}", _NO_RANGE, open_brace)
        self.expect("}")
        header = SourceRange(self.fn, type_tok[2], type_tok[3], last.end_line, last.end_column)
        return Block(type_tok[1], tuple(labels), body, header, type_range)

    def tuple_expr(self) -> Expr:
        toks = self.toks
        open_tok = toks[self.i]
        self.i += 1
        self.skip_nl()
        if toks[self.i][1] == "for" and toks[self.i][0] == "name":
            return self.for_expr(open_tok, "]")
        items: list[Expr] = []
        while toks[self.i][0] != "]":
            items.append(self.expr())
            self.skip_nl()
            if toks[self.i][0] == ",":
                self.i += 1
                self.skip_nl()
            elif toks[self.i][0] != "]":
                fail()
        close = toks[self.i]
        self.i += 1
        return TupleExpr(tuple(items), self.rng(open_tok, close))

    def object_expr(self) -> Expr:
        toks = self.toks
        open_tok = toks[self.i]
        self.i += 1
        self.skip_nl()
        if toks[self.i][1] == "for" and toks[self.i][0] == "name":
            return self.for_expr(open_tok, "}")
        items: list[tuple[Expr, Expr]] = []
        while toks[self.i][0] != "}":
            tok = toks[self.i]
            kind = tok[0]
            key: Expr
            if kind == "name" and toks[self.i + 1][0] in ("=", ":"):
                if tok[1] in KEYWORDS:
                    fail()
                key = Literal(tok[1], self.rng(tok, tok))
                self.i += 1
            elif kind in ("str", "quote", "("):
                key = self.term()
            else:
                fail()
            if toks[self.i][0] not in ("=", ":"):
                fail()
            self.i += 1
            items.append((key, self.expr()))
            kind = toks[self.i][0]
            if kind == "nl" or kind == ",":
                self.skip_nl()
                if toks[self.i][0] == ",":
                    self.i += 1
                    self.skip_nl()
            elif kind != "}":
                fail()
        close = toks[self.i]
        self.i += 1
        return ObjectExpr(tuple(items), self.rng(open_tok, close))

    def for_expr(self, open_tok: Tok, close: str) -> Expr:
        """``[for ...]`` or ``{for ...}``, from the ``for`` on."""
        toks = self.toks
        self.i += 1
        self.skip_nl()
        names = [self.for_name()]
        if toks[self.i][0] == ",":
            self.i += 1
            names.append(self.for_name())
        self.skip_nl()
        if self.expect("name")[1] != "in":
            fail()
        self.skip_nl()
        collection = self.expr()
        if isinstance(collection, Conditional):
            fail()  # its colon and the for's: left to python-hcl2
        self.skip_nl()
        self.expect(":")
        self.skip_nl()
        key: Expr | None = None
        value = self.expr()
        if close == "}":
            self.expect("=>")
            self.skip_nl()
            key, value = value, self.expr()
        self.skip_nl()
        grouping = close == "}" and toks[self.i][0] == "..."
        if grouping:
            self.i += 1
            self.skip_nl()
        cond: Expr | None = None
        if toks[self.i][1] == "if" and toks[self.i][0] == "name":
            self.i += 1
            self.skip_nl()
            cond = self.expr()
            self.skip_nl()
        end = self.expect(close)
        key_var, value_var = (None, names[0]) if len(names) == 1 else (names[0], names[1])
        rng = self.rng(open_tok, end)
        return ForExpr(key_var, value_var, collection, key, value, cond, grouping, rng)

    def for_name(self) -> str:
        name = self.expect("name")[1]
        if name in KEYWORDS or name in WORDS:
            fail()
        return name

    def template(self) -> Expr:
        """A quoted string with interpolations or escaped ``${``, from its opening quote."""
        toks = self.toks
        open_tok = toks[self.i]
        self.i += 1
        parts: list[str | Expr] = []
        while True:
            tok = toks[self.i]
            kind = tok[0]
            self.i += 1
            if kind == "part":
                previous = parts[-1] if parts else None
                if isinstance(previous, str):
                    parts[-1] = previous + tok[1]
                else:
                    parts.append(tok[1])
            elif kind == "interp":
                parts.append(self.expr())
                self.expect("endinterp")
            elif kind == "endq":
                rng = self.rng(open_tok, tok)
                if not parts:
                    return Literal("", rng)
                if len(parts) == 1 and isinstance(parts[0], str):
                    return Literal(parts[0], rng)
                return Template(tuple(parts), rng)
            else:
                fail()

    def heredoc(self, tok: Tok) -> Expr:
        """A ``<<EOT`` or ``<<-EOT`` heredoc, as ``hcltemplate`` reads python-hcl2's token."""
        text = tok[1]
        last_line = text.rstrip("\r\n").rsplit("\n", 1)[-1]
        end_line = tok[2] + text.count("\n") - 1
        rng = SourceRange(self.fn, tok[2], tok[3], end_line, len(last_line) + 1)
        body_start = text.index("\n") + 1
        body_end = text.rstrip("\r\n").rfind("\n") + 1
        body = text[body_start:body_end] if body_end > body_start else ""
        parts: list[str | Expr] = []
        for piece in hcllex.scan_template(body):
            if isinstance(piece, str):
                parts.append(piece)
                continue
            marker, inner, line, col = piece
            if marker == "%":
                fail()  # a template directive
            parts.append(self.sub_expression(inner, tok[2] + line, col))
        if text.startswith("<<-"):
            parts = hcllex.trim_heredoc(parts)
        return hcllex.join_template(parts, rng)

    def sub_expression(self, text: str, line: int, col: int) -> Expr:
        """The expression of an interpolation that starts at (line, col) of the file."""
        toks = tokenize(text, line, col)
        if toks is None:
            fail()
        sub = _Parser(toks, self.fn)
        expr = sub.expr()
        sub.skip_nl()
        sub.expect("eof")
        return expr
