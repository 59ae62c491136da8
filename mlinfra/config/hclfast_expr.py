"""The expression half of the fast HCL parser (``hclfast``): operators with
python-hcl2's precedence, conditionals, terms, traversals with their steps and calls,
built into the nodes of ``mlinfra.config.syntax`` with the ranges ``hclconvert`` gives
them. ``hclfast`` adds collections, strings and heredocs.

Anything outside the subset it is sure to read as python-hcl2 does raises ``Fallback``.
This module imports neither ``hcl2`` nor ``lark``.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from mlinfra.config.hclfast_lex import Tok
from mlinfra.config.syntax import (
    BinaryOp,
    Conditional,
    Expr,
    FunctionCall,
    GetAttr,
    Index,
    Literal,
    RelativeTraversal,
    ScopeTraversal,
    SplatMarker,
    Step,
    UnaryOp,
)
from mlinfra.diagnostics import SourceRange

# Binding strength of python-hcl2's binary operators, all left-associative.
_PRECEDENCE = {
    "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}  # fmt: skip
# Operators a newline before them continues the expression (python-hcl2's postlexer).
_CONTINUING = frozenset(_PRECEDENCE) - {"-"} | {"?"}
# Tokens after a term that neither continue it (a step, an operator) nor need a look
# further on: the term is the whole expression.
_CLOSING = frozenset({",", "}", "]", ")"})
WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}
KEYWORDS = frozenset({"if", "in", "for", "for_each", "else", "endif", "endfor"})
_UNARY = frozenset({"-", "-digit", "!"})
_MAX_DIGITS = 300  # limits.MAX_NUMBER_DIGITS, beyond which int() is no longer cheap
_TWO_INDEXES = re.compile(r"[0-9]+\.[0-9]+")


class Fallback(Exception):
    """Raised anywhere the fast parser cannot be sure of python-hcl2's answer."""


def fail() -> NoReturn:
    raise Fallback


class ExprParser:
    """Parses expressions from a list of tokens, from ``self.i`` on."""

    def __init__(self, toks: list[Tok], filename: str) -> None:
        self.toks = toks
        self.i = 0
        self.fn = filename

    def rng(self, a: Tok, b: Tok) -> SourceRange:
        return SourceRange(self.fn, a[2], a[3], b[2], b[4])

    def skip_nl(self) -> None:
        toks = self.toks
        while toks[self.i][0] == "nl":
            self.i += 1

    def expect(self, kind: str) -> Tok:
        tok = self.toks[self.i]
        if tok[0] != kind:
            fail()
        self.i += 1
        return tok

    def continuing(self) -> tuple[str, int] | None:
        """The binary operator or ``?`` that continues the expression, and the index of
        its token (after one newline, which python-hcl2 folds into the operator)."""
        toks = self.toks
        i = self.i
        kind = toks[i][0]
        if kind == "nl":
            i += 1
            kind = toks[i][0]
            if kind == "nl":
                while toks[i][0] == "nl":
                    i += 1
                if toks[i][0] in _CONTINUING:
                    fail()
                return None
            if kind not in _CONTINUING:
                return None
        elif kind == "-digit":
            fail()
        elif kind not in _PRECEDENCE and kind != "?":
            return None
        return kind, i

    def expr(self) -> Expr:
        toks = self.toks
        i = self.i
        tok = toks[i]
        if tok[0] == "str":  # a quoted string alone, the commonest value: no operator layers
            after = toks[i + 1][0]
            if after in _CLOSING or after == "nl" and toks[i + 2][0] != "nl" and toks[i + 2][0] not in _CONTINUING:
                self.i = i + 1
                return Literal(tok[1], SourceRange(self.fn, tok[2], tok[3], tok[2], tok[4]))
        cond = self.binary(1)
        found = self.continuing()
        if found is None or found[0] != "?":
            return cond
        self.i = found[1] + 1
        self.skip_nl()
        yes = self.expr()
        self.skip_nl()
        self.expect(":")
        self.skip_nl()
        no = self.expr()
        a, b = cond.range, no.range
        return Conditional(
            cond, yes, no,
            SourceRange(self.fn, a.start_line, a.start_column, b.end_line, b.end_column),
        )  # fmt: skip

    def binary(self, min_prec: int) -> Expr:
        left = self.unary()
        while True:
            found = self.continuing()
            if found is None or found[0] == "?":
                return left
            op, at = found
            prec = _PRECEDENCE[op]
            if prec < min_prec:
                return left
            self.i = at + 1
            self.skip_nl()
            right = self.binary(prec + 1)
            a, b = left.range, right.range
            left = BinaryOp(
                op, left, right,
                SourceRange(self.fn, a.start_line, a.start_column, b.end_line, b.end_column),
            )  # fmt: skip

    def unary(self) -> Expr:
        tok = self.toks[self.i]
        if tok[0] not in _UNARY:
            return self.term()
        self.i += 1
        if self.toks[self.i][0] in _UNARY:
            fail()  # python-hcl2 allows no operator after a unary one, but -12 is a number
        operand = self.term()
        r = operand.range
        rng = SourceRange(self.fn, tok[2], tok[3], r.end_line, r.end_column)
        if tok[0] == "!":
            return UnaryOp("!", operand, rng)
        if isinstance(operand, Literal) and type(operand.value) in (int, float):
            return Literal(-operand.value, rng)
        return UnaryOp("-", operand, rng)

    def term(self) -> Expr:
        toks = self.toks
        tok = toks[self.i]
        kind = tok[0]
        start = tok
        parenthesised = False
        expr: Expr
        if kind == "name":
            word = tok[1]
            self.i += 1
            nxt = toks[self.i][0]
            if word in WORDS:
                expr = Literal(WORDS[word], self.rng(tok, tok))
            elif word in KEYWORDS:
                fail()
            elif nxt == "(" or nxt == "::":
                expr = self.call(tok)
            else:
                expr = ScopeTraversal(word, (), self.rng(tok, tok))
        elif kind == "str":
            self.i += 1
            expr = Literal(tok[1], self.rng(tok, tok))
        elif kind == "num":
            self.i += 1
            value = tok[1]
            if len(value) > _MAX_DIGITS:
                fail()  # out of range: python-hcl2's path reports it
            number = float(value) if "." in value or "e" in value or "E" in value else int(value)
            if toks[self.i][0] in (".", "[", ".*", "[*]"):
                fail()
            return Literal(number, self.rng(tok, tok))
        elif kind == "quote":
            expr = self.template()
        elif kind == "heredoc":
            self.i += 1
            if toks[self.i][0] in (".", "[", ".*", "[*]"):
                fail()
            return self.heredoc(tok)
        elif kind == "[":
            expr = self.tuple_expr()
        elif kind == "{":
            expr = self.object_expr()
        elif kind == "(":
            self.i += 1
            self.skip_nl()
            expr = self.expr()
            self.skip_nl()
            self.expect(")")
            parenthesised = True
        else:
            fail()
        return self.postfix(expr, start, parenthesised)

    def postfix(self, expr: Expr, start: Tok, parenthesised: bool) -> Expr:
        toks = self.toks
        steps: list[Step] = []
        while True:
            tok = toks[self.i]
            kind = tok[0]
            if kind == ".":
                nxt = toks[self.i + 1]
                if nxt[0] == "name":
                    steps.append(GetAttr(nxt[1], self.rng(tok, nxt)))
                elif nxt[0] == "num" and nxt[1].isdigit():
                    key = Literal(int(nxt[1]), self.rng(nxt, nxt))
                    steps.append(Index(key, self.rng(tok, nxt)))
                elif nxt[0] == "num" and _TWO_INDEXES.fullmatch(nxt[1]):
                    self.two_indexes(tok, nxt, steps)  # a.0.1 is read as "0.1" here
                else:
                    fail()
                self.i += 2
                last = nxt
            elif kind == "[":
                self.i += 1
                self.skip_nl()
                key_expr = self.expr()
                self.skip_nl()
                last = self.expect("]")
                steps.append(Index(key_expr, self.rng(tok, last)))
            elif kind == ".*" or kind == "[*]":
                self.i += 1
                steps.append(SplatMarker(self.rng(tok, tok)))
                last = tok
            else:
                break
        if not steps:
            return expr
        if parenthesised:
            rng = SourceRange(self.fn, start[2], start[3], last[2], last[4])
        else:
            r = expr.range
            rng = SourceRange(self.fn, r.start_line, r.start_column, last[2], last[4])
        if parenthesised:
            return RelativeTraversal(expr, tuple(steps), rng)
        if isinstance(expr, ScopeTraversal):
            return ScopeTraversal(expr.root, expr.steps + tuple(steps), rng)
        if isinstance(expr, RelativeTraversal):
            return RelativeTraversal(expr.source, expr.steps + tuple(steps), rng)
        return RelativeTraversal(expr, tuple(steps), rng)

    def two_indexes(self, dot: Tok, num: Tok, steps: list[Step]) -> None:
        first, second = num[1].split(".")
        line, col, mid = num[2], num[3], num[3] + len(first)
        fn = self.fn
        key = Literal(int(first), SourceRange(fn, line, col, line, mid))
        steps.append(Index(key, SourceRange(fn, dot[2], dot[3], line, mid)))
        key = Literal(int(second), SourceRange(fn, line, mid + 1, line, num[4]))
        steps.append(Index(key, SourceRange(fn, line, mid, line, num[4])))

    def call(self, name_tok: Tok) -> Expr:
        toks = self.toks
        name = name_tok[1]
        if toks[self.i][0] == "::":  # provider::NAMESPACE::FUNCTION
            ns, colons, fn = toks[self.i + 1 : self.i + 4]
            if ns[0] != "name" or colons[0] != "::" or fn[0] != "name":
                fail()
            name = f"{name}::{ns[1]}::{fn[1]}"
            self.i += 4
        self.expect("(")
        self.skip_nl()
        args: list[Expr] = []
        expand = False
        while toks[self.i][0] != ")":
            args.append(self.expr())
            kind = toks[self.i][0]
            if kind == "," or kind == "...":
                self.i += 1
                self.skip_nl()
                if kind == "..." or toks[self.i][0] == ")":
                    expand = kind == "..."
                    break
                continue
            self.skip_nl()
            kind = toks[self.i][0]
            if kind == ",":
                self.i += 1
                self.skip_nl()
                if toks[self.i][0] == ")":
                    fail()  # a trailing comma after a newline
            elif kind != ")":
                fail()
        close = self.expect(")")
        return FunctionCall(name, tuple(args), expand, self.rng(name_tok, close))

    # Collections, strings and heredocs: hclfast.
    def tuple_expr(self) -> Expr:
        raise NotImplementedError

    def object_expr(self) -> Expr:
        raise NotImplementedError

    def template(self) -> Expr:
        raise NotImplementedError

    def heredoc(self, tok: Tok) -> Expr:
        raise NotImplementedError
