"""Limits on the size and nesting of configurations and of the values they compute.

No configuration may make mlinfra crash, run for minutes or exhaust memory, so each
dimension an input can grow in has a bound, stated in docs/limits.md, and exceeding it
is a located ``Error:`` like any other mistake:

- source nesting (``check_source``): brackets, braces, parentheses, blocks and template
  interpolations, counted in the text before any parser sees it;
- expression depth (``check_tree``): every node of the parsed syntax tree, so a long
  chain of ``+`` or of ``? :`` counts one level per operator;
- values (``check_value``): how deeply a value nests and how many elements and
  characters it holds once expanded (sharing is counted as often as it is used);
- numbers: finite, and integers of at most ``MAX_NUMBER_DIGITS`` digits;
- strings and collections built by functions, templates and ``for`` expressions;
- instances per ``count`` or ``for_each``.

Every check here is iterative: the inputs it guards are exactly those too deep for
recursive code. This module imports neither ``hcl2`` nor ``lark``.
"""

from __future__ import annotations

import math
import re
from typing import Any

from mlinfra.config import syntax as n
from mlinfra.diagnostics import Diagnostic, SourceRange, error
from mlinfra.values import UNKNOWN, Sensitive

MAX_NESTING = 32
MAX_EXPRESSION_DEPTH = 100
MAX_VALUE_DEPTH = 64
MAX_VALUE_ELEMENTS = 1_000_000
MAX_STRING_LENGTH = 4 * 1024 * 1024
MAX_VALUE_CHARACTERS = 4 * MAX_STRING_LENGTH
MAX_COLLECTION_LENGTH = 100_000
MAX_FORMAT_WIDTH = 10_000
MAX_NUMBER_DIGITS = 300
MAX_INSTANCES = 10_000
DOCS = "docs/limits.md"

# In code: what opens or closes a level, starts a string, a comment or a heredoc.
_CODE = re.compile(r'[{}\[\]()"#\n]|//|/\*|<<-?[A-Za-z_][A-Za-z0-9_-]*[ \t]*\r?\n')
# In a quoted string: an escape, the end, an interpolation or directive, a newline.
_STRING = re.compile(r'\\.|"|\$\$\{|%%\{|\$\{|%\{|\n')
_HEREDOC = re.compile(r"\$\$\{|%%\{|\$\{|%\{|\n")
_STRING_MODE, _INTERP = '"', "${"


def _where(text: str, pos: int, filename: str) -> SourceRange:
    line = text.count("\n", 0, pos) + 1
    col = pos - text.rfind("\n", 0, pos)
    return SourceRange(filename, line, col, line, col + 1)


def check_source(text: str, filename: str) -> Diagnostic | None:
    """An error at the first place ``text`` nests more than ``MAX_NESTING`` levels."""
    stack: list[str] = []  # "{", "[", "(", '"', "${" or "<<MARKER"
    depth = 0
    pos, size = 0, len(text)
    while pos < size:
        top = stack[-1] if stack else ""
        if top == _STRING_MODE or top.startswith("<<"):
            m = (_STRING if top == _STRING_MODE else _HEREDOC).search(text, pos)
            if m is None:
                return None  # unterminated: the parser says so
            tok, pos = m.group(), m.end()
            if tok == "\n":
                if top == _STRING_MODE:
                    stack.pop()  # a newline ends no string: the parser reports it
                    continue
                end = text.find("\n", pos)
                if text[pos : len(text) if end < 0 else end].strip() == top[2:]:
                    stack.pop()
                    pos = size if end < 0 else end
            elif tok == '"':
                stack.pop()
            elif tok in ("${", "%{"):
                stack.append(_INTERP)
                depth += 1
                if depth > MAX_NESTING:
                    return _too_deep(text, m.start(), filename)
            continue
        m = _CODE.search(text, pos)
        if m is None:
            return None
        tok, pos = m.group(), m.end()
        if tok in ("{", "[", "("):
            stack.append(tok)
            depth += 1
            if depth > MAX_NESTING:
                return _too_deep(text, m.start(), filename)
        elif tok in ("}", "]", ")"):
            if stack:
                stack.pop()
                depth -= 1
        elif tok == '"':
            stack.append(_STRING_MODE)
        elif tok in ("#", "//"):
            end = text.find("\n", pos)
            pos = size if end < 0 else end
        elif tok == "/*":
            end = text.find("*/", pos)
            pos = size if end < 0 else end + 2
        elif tok.startswith("<<"):
            marker = tok.lstrip("<-").strip()
            stack.append("<<" + marker)
            pos -= 1  # at the header's newline: the first body line is checked for the marker
    return None


def _too_deep(text: str, pos: int, filename: str) -> Diagnostic:
    return error(
        "Configuration nested too deeply",
        f"This opens level {MAX_NESTING + 1} of nested brackets, braces, parentheses, blocks "
        f"and template interpolations; mlinfra reads at most {MAX_NESTING} (see {DOCS}). "
        "Flatten the expression, or move parts of it into local values.",
        _where(text, pos, filename),
    )


def _children(node: Any) -> list[Any]:
    """The syntax nodes directly inside ``node``."""
    if isinstance(node, n.Body):
        return [*node.attributes.values(), *node.blocks]
    if isinstance(node, n.Block):
        return [node.body]
    if isinstance(node, n.Attribute):
        return [node.expr]
    if isinstance(node, n.Template):
        return [p for p in node.parts if not isinstance(p, str)]
    if isinstance(node, n.ObjectExpr):
        return [x for pair in node.items for x in pair]
    if isinstance(node, n.TupleExpr):
        return list(node.items)
    if isinstance(node, n.FunctionCall):
        return list(node.args)
    if isinstance(node, n.BinaryOp):
        return [node.left, node.right]
    if isinstance(node, n.UnaryOp):
        return [node.operand]
    if isinstance(node, n.Conditional):
        return [node.condition, node.true_result, node.false_result]
    if isinstance(node, n.ForExpr):
        parts = (node.collection, node.key_expr, node.value_expr, node.condition)
        return [x for x in parts if x is not None]
    if isinstance(node, n.ScopeTraversal | n.RelativeTraversal):
        keys = [s.key for s in node.steps if isinstance(s, n.Index)]
        return [node.source, *keys] if isinstance(node, n.RelativeTraversal) else keys
    return []


def check_tree(root: n.Body | n.Expr) -> Diagnostic | None:
    """An error at the first node deeper than ``MAX_EXPRESSION_DEPTH`` in ``root``, or
    at the first number literal out of range."""
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_EXPRESSION_DEPTH:
            return error(
                "Expression nested too deeply",
                f"This expression is more than {MAX_EXPRESSION_DEPTH} levels deep, counting "
                "each operator of a chain (a + b + c is two) and each bracket, call and "
                f"interpolation; mlinfra evaluates at most {MAX_EXPRESSION_DEPTH} (see {DOCS}). "
                "Split it into local values.",
                node.range,
            )
        if isinstance(node, n.Literal):
            problem = number_problem(node.value)
            if problem:
                return error("Number out of range", problem, node.range)
        step = 0 if isinstance(node, n.Body | n.Block | n.Attribute) else 1
        stack.extend((c, depth + step) for c in _children(node))
    return None


def number_problem(v: Any) -> str | None:
    """Why the number ``v`` is out of range, or None (also for anything not a number)."""
    if isinstance(v, float) and not math.isfinite(v):
        return f"The number is beyond the range mlinfra computes with (about ±1.8e308; see {DOCS})."
    if isinstance(v, int) and not isinstance(v, bool) and v.bit_length() > _MAX_INT_BITS:
        return f"The number has more than {MAX_NUMBER_DIGITS} digits (see {DOCS})."
    return None


_MAX_INT_BITS = int(MAX_NUMBER_DIGITS * math.log2(10))


def value_problem(value: Any) -> str | None:
    """Why ``value`` is beyond the limits on values, or None. Shared parts are counted
    once per use (as JSON would write them) without expanding them."""
    if isinstance(value, str):  # most arguments: no walk needed
        return _string_too_long(len(value)) if len(value) > MAX_STRING_LENGTH else None
    if value is None or isinstance(value, bool):
        return None
    if type(value) is dict and _flat_within(value):  # most maps: tags, labels, settings
        return None
    # Post-order walk memoised by identity: (depth, elements, characters) of each container.
    seen: dict[int, tuple[int, int, int]] = {}
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        v, done = stack.pop()
        while isinstance(v, Sensitive):
            v = v.value
        if not isinstance(v, dict | list) or id(v) in seen and not done:
            if isinstance(v, str) and len(v) > MAX_STRING_LENGTH:
                return _string_too_long(len(v))
            problem = number_problem(v)
            if problem:
                return problem
            continue
        items = list(v.values()) if isinstance(v, dict) else v
        if not done:
            seen[id(v)] = (0, 0, 0)  # a cycle (never built by mlinfra) ends here
            stack.append((v, True))
            stack.extend((x, False) for x in items)
            continue
        depth, count = 1, len(items)
        chars = sum(map(len, v)) if isinstance(v, dict) else 0
        for x in items:
            while isinstance(x, Sensitive):
                x = x.value
            if isinstance(x, dict | list):
                d, c, n = seen[id(x)]
                depth, count, chars = max(depth, d + 1), count + c, chars + n
            elif isinstance(x, str):
                chars += len(x)
        if depth > MAX_VALUE_DEPTH:
            return f"The value nests more than {MAX_VALUE_DEPTH} levels deep (see {DOCS})."
        if count > MAX_VALUE_ELEMENTS:
            return f"The value holds more than {MAX_VALUE_ELEMENTS:,} elements (see {DOCS})."
        if chars > MAX_VALUE_CHARACTERS:
            return f"The value holds more than {MAX_VALUE_CHARACTERS:,} characters of text (see {DOCS})."
        seen[id(v)] = (depth, count, chars)
    return None


def _flat_within(value: dict[Any, Any]) -> bool:
    """True when ``value`` holds only strings, booleans, nulls and UNKNOWN, none of them
    too long, and is within the limits as a whole: what the walk below would find
    without a problem. False leaves the answer to the walk."""
    if len(value) > MAX_VALUE_ELEMENTS:
        return False
    chars = 0
    for k, x in value.items():
        t = type(x)
        if t is str:
            if len(x) > MAX_STRING_LENGTH:
                return False
            chars += len(x)
        elif not (x is None or t is bool or x is UNKNOWN):
            return False
        chars += len(k)
    return chars <= MAX_VALUE_CHARACTERS


def _string_too_long(length: int) -> str:
    return f"The string would be {length:,} characters long; mlinfra allows at most {MAX_STRING_LENGTH:,} (see {DOCS})."


def string_problem(length: int) -> str | None:
    return _string_too_long(length) if length > MAX_STRING_LENGTH else None


def collection_problem(length: int) -> str | None:
    if length > MAX_COLLECTION_LENGTH:
        return f"The collection would have {length:,} elements; mlinfra allows at most {MAX_COLLECTION_LENGTH:,} (see {DOCS})."
    return None


def too_complex(rng: SourceRange) -> Diagnostic:
    """For an item the parser could not convert without recursing too deep."""
    return error(
        "Expression nested too deeply",
        f"This item holds an expression more than {MAX_EXPRESSION_DEPTH} levels deep (a chain "
        f"of thousands of operators or attribute steps); see {DOCS}. Split it into local values.",
        rng,
    )
