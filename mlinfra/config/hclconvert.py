"""The lark tree python-hcl2 gives -> the parser-independent nodes of
``mlinfra.config.syntax``, every node with its source range.

``Converter`` handles bodies, blocks and expressions; it hands strings, heredocs and
template directives to the ``hcltemplate.TemplateConverter`` it holds. This module
imports ``hcl2`` and ``lark``, so it is one of the ``hcl*.py`` modules of the parser,
imported by ``hclparse`` only when something has to be parsed. A change to the shape of
the tree it produces must bump ``hclcache.PARSER_FORMAT_VERSION``.
"""

from __future__ import annotations

from typing import Any

import hcl2
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from mlinfra.config import hcllex, limits
from mlinfra.config.hcltemplate import Node, Positions, TemplateConverter
from mlinfra.config.syntax import (
    Attribute,
    BinaryOp,
    Block,
    Body,
    Conditional,
    Expr,
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
    TupleExpr,
    UnaryOp,
)
from mlinfra.diagnostics import Diagnostic, Diagnostics, SourceRange

_OPERATORS = {
    "DOUBLE_EQ": "==", "NEQ": "!=", "LT": "<", "GT": ">", "LEQ": "<=", "GEQ": ">=",
    "MINUS": "-", "PLUS": "+", "ASTERISK": "*", "SLASH": "/", "PERCENT": "%",
    "DOUBLE_AMP": "&&", "DOUBLE_PIPE": "||", "NOT": "!",
}  # fmt: skip
_LITERAL_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}
_NL = "new_line_or_comment"


class Converter:
    """Turns one lark tree into syntax nodes: bodies, blocks and every expression, the
    strings and templates by way of a ``TemplateConverter``."""

    def __init__(self, filename: str, diags: Diagnostics, shift: tuple[int, int] = (0, 0)):
        self.filename = filename
        self.diags = diags
        self.line_shift = shift[0]
        positions = Positions(filename, shift)
        self.rng = positions.rng
        self.meta_rng = positions.meta_rng
        self.span = positions.span
        self.templates = TemplateConverter(self, positions, diags)

    def string(self, tree: Node) -> Expr:
        return self.templates.string(tree)

    def template_string(self, tree: Node) -> Expr:
        return self.templates.template_string(tree)

    def heredoc(self, tree: Node) -> Expr:
        return self.templates.heredoc(tree)

    def body(self, tree: Node, rng: SourceRange) -> Body:
        """The body of ``tree``. An item too deep to convert (a chain of thousands of
        operators) is an error located at its first line; the limits on nesting keep
        bodies themselves shallow, so the stack is far from full again here."""
        attributes: dict[str, Attribute] = {}
        blocks: list[Block] = []
        duplicates: list[tuple[Attribute, Attribute]] = []
        for child in tree.children:
            kind = child.data
            try:
                if kind == "attribute":
                    attr = self.attribute(child)
                    first = attributes.get(attr.name)
                    if first is None:
                        attributes[attr.name] = attr
                    else:
                        duplicates.append((first, attr))
                elif kind == "block":
                    blocks.append(self.block(child))
            except RecursionError:
                line, col = child.meta.line + self.line_shift, child.meta.column
                self.diags.add(limits.too_complex(SourceRange(self.filename, line, col, line, col + 1)))
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
        if len(str(tok).lstrip("-")) > limits.MAX_NUMBER_DIGITS:
            rng = self.meta_rng(tok)
            self.diags.error("Number out of range", limits.number_problem(10**limits.MAX_NUMBER_DIGITS) or "", rng)
            return Literal(0, rng)
        return Literal(int(tok), self.meta_rng(tok))

    def float_lit(self, tree: Node) -> Expr:
        tok = tree.children[0]
        return Literal(float(tok), self.meta_rng(tok))

    def sub_expression(self, text: str, line: int, col: int) -> Expr | None:
        """Parse the text of an interpolation that starts at (line, col) of this file."""
        prefix = "__x = "
        shift = (line - 1 + self.line_shift, col - 1 - len(prefix))
        try:
            tree = hcl2.parses_to_tree(prefix + text)
        except UnexpectedInput as exc:
            sub = Converter(self.filename, self.diags, shift)
            self.diags.add(syntax_error(exc, prefix + text, sub.rng))
            return None
        return Converter(self.filename, self.diags, shift).first_attribute_expr(tree)

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
    "identifier": Converter.identifier,
    "literal_value": Converter.literal_value,
    "int_lit": Converter.int_lit,
    "float_lit": Converter.float_lit,
    "string": Converter.string,
    "template_string": Converter.template_string,
    "heredoc_template": Converter.heredoc,
    "heredoc_template_trim": Converter.heredoc,
    "tuple": Converter.tuple_expr,
    "object": Converter.object,
    "function_call": Converter.function_call,
    "index_expr_term": Converter.traversal,
    "get_attr_expr_term": Converter.traversal,
    "attr_splat_expr_term": Converter.traversal,
    "full_splat_expr_term": Converter.traversal,
    "binary_op": Converter.binary_op,
    "unary_op": Converter.unary_op,
    "conditional": Converter.conditional,
    "for_tuple_expr": Converter.for_expr,
    "for_object_expr": Converter.for_expr,
}


def syntax_error(exc: UnexpectedInput, text: str, rng: Any) -> Diagnostic:
    """The diagnostic for a lark parse failure, worded by ``hcllex.syntax_diagnostic``."""
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
    return hcllex.syntax_diagnostic(text, line, col, found, expected, rng)
