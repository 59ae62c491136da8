"""The small lexer of HCL source and what the parser and the formatter build on it.

``tokenize`` splits source into tokens with strings, heredocs and comments kept whole
(``fmt`` lays them out); ``scan_template`` splits heredoc templates into text and
interpolations, and ``unescape`` and ``trim_heredoc`` finish their text (``hcltemplate``).
After a syntax error, ``syntax_diagnostic`` words it for the person who wrote the file,
finding an unterminated string or an unclosed brace when there is one. This module
imports neither ``hcl2`` nor ``lark``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mlinfra.config.syntax import Expr, Literal, Template
from mlinfra.diagnostics import Diagnostic, SourceRange, error
from mlinfra.records import mutable

MULTILINE_STRING = (
    "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
    'either use the \\n escape to represent a newline character or use the "heredoc" '
    "multi-line template syntax."
)
DIRECTIVE_DETAIL = (
    "Template directives are %{if COND}, %{else}, %{endif}, %{for NAME in LIST} and "
    "%{endfor}, each %{if} closed by an %{endif} and each %{for} by an %{endfor}."
)
_UNCLOSED_DETAIL = (
    "There is no closing brace for this block before the end of the file. This may be "
    "caused by incorrect brace nesting elsewhere in this file."
)
_ESCAPE = re.compile(r'\\(n|r|t|"|\\|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})')
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_EXPR_START = {"INT_LITERAL", "FLOAT_LITERAL", "LSQB", "LPAR", "DBLQUOTE", "HEREDOC_TEMPLATE"}


def unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        code = m.group(1)
        return _SIMPLE_ESCAPES.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(sub, text)


def trim_heredoc(parts: list[Any]) -> list[Any]:
    """Remove the indentation common to every non-blank line of a ``<<-`` heredoc."""
    if not parts or not isinstance(parts[0], str):
        return parts
    indents: list[int] = []
    for pi, p in enumerate(parts):
        if not isinstance(p, str):
            continue
        starts = [0] if pi == 0 else []
        starts += [m.end() for m in re.finditer("\n", p)]
        for off in starts:
            end = off + len(p[off:]) - len(p[off:].lstrip(" \t"))
            if end < len(p) and p[end] != "\n" or end == len(p) and pi + 1 < len(parts):
                indents.append(end - off)
    cut = min(indents, default=0)
    if not cut:
        return parts
    pattern = re.compile(r"(^|\n)[ \t]{0," + str(cut) + "}")
    out: list[Any] = []
    for pi, p in enumerate(parts):
        if isinstance(p, str):
            trimmed = pattern.sub(r"\1", p)
            if pi != 0 and not p.startswith("\n"):  # not at a line start: keep its head
                head = p.split("\n", 1)[0]
                trimmed = head + pattern.sub(r"\1", p[len(head) :])
            out.append(trimmed)
        else:
            out.append(p)
    return out


def _describe_found(kind: str, value: str) -> str:
    if kind == "$END":
        return "the end of the file"
    if kind == "NL_OR_COMMENT" or (value and not value.strip()):
        return "a new line"
    value = value.strip() or value
    return f"'{value[:20]}'"


def _describe_expected(expected: set[str]) -> str:
    if not expected or expected <= {"$END", "RBRACE", "NAME", "NL_OR_COMMENT"}:
        return "an attribute name or a block"
    if expected & _EXPR_START:
        return "the start of an expression"
    if "NL_OR_COMMENT" in expected or "$END" in expected:
        return "a new line or an operator"
    if expected == {"LBRACE"}:
        return "an opening brace ({) to start the block"
    if "EQ" in expected:
        return "an equals sign (=) to set an attribute, or a block"
    if "RSQB" in expected or "RPAR" in expected or "COMMA" in expected:
        return "a comma or a closing bracket"
    words = sorted(expected)[:5]
    return "one of " + ", ".join(words)


def syntax_diagnostic(
    text: str,
    line: int,
    col: int,
    found: tuple[str, str],
    expected: set[str],
    rng: Callable[[int, int, int, int], SourceRange],
) -> Diagnostic:
    """The diagnostic for a parse failure at (line, col), worded for the person who
    wrote the file: an unterminated string or an unclosed block when there is one."""
    string = unterminated_string(text)
    if string is not None:
        return error("Unterminated template string", "No closing marker was found for the string.",
                     rng(string.line, string.col, string.line, string.col + 1))  # fmt: skip
    at_end = found[0] == "$END"
    if at_end:
        brace = unclosed_brace(text)
        if brace is not None:
            line_text = text.splitlines()[brace.line - 1]
            start = len(line_text) - len(line_text.lstrip()) + 1
            return error("Unclosed configuration block", _UNCLOSED_DETAIL,
                         rng(brace.line, start, brace.line, brace.col + 1))  # fmt: skip
        line = text.count("\n") + 1
        col = len(text) - text.rfind("\n")
    detail = f"Expected {_describe_expected(expected)}; found {_describe_found(*found)}."
    return error("Invalid syntax", detail, rng(line, col, line, col + 1))


_PUNCT = ("...", "=>", "==", "!=", "<=", ">=", "&&", "||", "::", ".*", "[*]")
OPEN = {"{": "}", "[": "]", "(": ")"}
CLOSE = {"}", "]", ")"}


@mutable
class Tok:
    kind: str  # word, string, heredoc, comment, nl, punct
    text: str
    line: int
    col: int
    space_before: bool = False
    unterminated: bool = False


def skip_interpolation(text: str, i: int) -> int:
    """Given ``text[i]`` just after ``${`` or ``%{``, the index just after the matching
    ``}`` (or len(text) when there is none). Quoted strings inside are skipped whole."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i = _skip_string(text, i + 1)[0]
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    return n


def _skip_string(text: str, i: int) -> tuple[int, bool]:
    """(index just after the closing quote of a string whose body starts at i, True);
    at an unescaped newline or the end of text, (index of that newline, False)."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i + 1, True
        elif c == "\n":
            return i, False
        elif c in "$%" and text.startswith("{", i + 1):
            i = skip_interpolation(text, i + 2)
        elif c in "$%" and text.startswith(c + "{", i + 1):
            i += 3
        else:
            i += 1
    return n, False


def scan_template(text: str) -> list[str | tuple[str, str, int, int]]:
    """Split template text into literal strings and, for each ``${...}`` or ``%{...}``,
    ``(marker, inner text, line, column of the inner text)``."""
    out: list[str | tuple[str, str, int, int]] = []
    buf: list[str] = []
    i, n, line, line_start = 0, len(text), 1, 0
    while i < n:
        c = text[i]
        if c in "$%" and text.startswith(c + "{", i + 1):
            buf.append(c + "{")
            i += 3
        elif c in "$%" and text.startswith("{", i + 1):
            if buf:
                out.append("".join(buf))
                buf = []
            end = skip_interpolation(text, i + 2)
            inner = text[i + 2 : end - 1]
            out.append((c, inner, line, i + 2 - line_start + 1))
            line += inner.count("\n")
            if "\n" in inner:
                line_start = i + 2 + inner.rfind("\n") + 1
            i = end
        else:
            buf.append(c)
            if c == "\n":
                line += 1
                line_start = i + 1
            i += 1
    if buf:
        out.append("".join(buf))
    return out


def tokenize(text: str) -> list[Tok]:
    """Tokens of HCL source, with strings, heredocs and comments kept whole."""
    toks: list[Tok] = []
    i, n, line, line_start = 0, len(text), 1, 0
    space = False
    while i < n:
        c = text[i]
        col = i - line_start + 1
        start = i
        kind = "punct"
        unterminated = False
        if c in " \t\r":
            space = True
            i += 1
            continue
        if c == "\n":
            kind, i = "nl", i + 1
        elif c == "#" or text.startswith("//", i):
            kind = "comment"
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            kind = "comment"
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c == '"':
            kind = "string"
            i, closed = _skip_string(text, i + 1)
            unterminated = not closed
        elif text.startswith("<<", i) and _heredoc_end(text, i) > 0:
            kind, i = "heredoc", _heredoc_end(text, i)
        elif c.isalnum() or c == "_":
            kind = "word"
            while i < n and (text[i].isalnum() or text[i] in "_-."):
                if text[i] == "." and not (
                    i + 1 < n and text[i + 1].isdigit() and text[start].isdigit()
                ):
                    break
                number = not (text[start].isalpha() or text[start] == "_")
                if text[i] == "-" and number and text[i - 1] not in "eE":
                    break
                i += 1
        else:
            i += next((len(p) for p in _PUNCT if text.startswith(p, i)), 1)
        tok_text = text[start:i]
        toks.append(Tok(kind, tok_text, line, col, space, unterminated))
        space = False
        newlines = tok_text.count("\n")
        if newlines:
            line += newlines
            line_start = start + tok_text.rfind("\n") + 1
    return toks


def _heredoc_end(text: str, i: int) -> int:
    """End index of the heredoc starting at text[i] ("<<"), or -1 if it is not one."""
    j = i + 2 + (text.startswith("-", i + 2))
    k = j
    while k < len(text) and (text[k].isalnum() or text[k] in "_-."):
        k += 1
    marker = text[j:k]
    if text.startswith("\r\n", k):
        k += 1
    if not marker or not marker[0].isalpha() or not text.startswith("\n", k):
        return -1
    pos = k + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        if text[pos:line_end].strip() == marker:
            return line_end
        if end < 0:
            return -1
        pos = end + 1
    return -1


def unclosed_brace(text: str) -> Tok | None:
    """The opening brace still open at the end of the text, if any."""
    stack: list[Tok] = []
    for tok in tokenize(text):
        if tok.text in OPEN:
            stack.append(tok)
        elif tok.text in CLOSE and stack:
            stack.pop()
    braces = [t for t in stack if t.text == "{"]
    return braces[-1] if braces else None


def unterminated_string(text: str) -> Tok | None:
    return next((t for t in tokenize(text) if t.kind == "string" and t.unterminated), None)


def append_text(parts: list[Any], text: str) -> None:
    if parts and isinstance(parts[-1], str):
        parts[-1] += text
    else:
        parts.append(text)


def join_template(parts: list[str | Expr], rng: SourceRange) -> Expr:
    """Text and interpolations as one expression, adjacent texts joined: a template with
    no interpolation is a plain string literal (both parsers build strings with this)."""
    merged: list[str | Expr] = []
    for p in parts:
        if isinstance(p, str):
            if p:
                append_text(merged, p)
        else:
            merged.append(p)
    if not merged:
        return Literal("", rng)
    if len(merged) == 1 and isinstance(merged[0], str):
        return Literal(merged[0], rng)
    return Template(tuple(merged), rng)
