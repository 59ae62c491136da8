"""Canonical formatting of HCL source (``mlinfra fmt``).

Formatting only ever changes whitespace between tokens: indentation (two spaces per
nesting level), one space around ``=`` with the ``=`` of consecutive one-line
attributes aligned, a space after commas, no trailing whitespace, at most one blank
line in a row, one newline at the end. Strings, heredocs and comments are copied
unchanged. The tokens come from the lexer of ``hcllex``.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlinfra.config import hclparse
from mlinfra.config.hcllex import CLOSE, OPEN, Tok, tokenize
from mlinfra.diagnostics import DiagnosticsError

__all__ = ["Tok", "format_source", "tokenize"]


def format_source(text: str) -> str:
    """The canonical layout of HCL text; raises DiagnosticsError if it does not parse."""
    _file, diags = hclparse.parse_source(text, "<fmt>")
    if diags.has_errors:
        raise DiagnosticsError(diags)
    lines = _split_lines(tokenize(text))
    rendered = _indent_and_space(lines)
    _align(rendered)
    out: list[str] = []
    for line in rendered:
        if not line.body:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(" " * line.indent + line.body)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _split_lines(toks: list[Tok]) -> list[list[Tok]]:
    lines: list[list[Tok]] = [[]]
    for tok in toks:
        if tok.kind == "nl":
            lines.append([])
        else:
            lines[-1].append(tok)
    return lines


@dataclass
class _Line:
    indent: int
    body: str
    key_width: int | None  # set for a one-line attribute: the width of its name


def _indent_and_space(lines: list[list[Tok]]) -> list[_Line]:
    """Indent as ``terraform fmt`` does: a line that opens brackets indents the lines
    after it by one level, however many it opens; closing them takes that level away."""
    levels: list[int] = []  # for each indenting line still open, its unclosed brackets
    out: list[_Line] = []
    for toks in lines:
        net = sum(1 if t.text in OPEN else -1 if t.text in CLOSE else 0 for t in toks)
        indent = len(levels)
        if net > 0:
            levels.append(net)
        elif net < 0:
            closed = -net
            while closed > 0 and levels:
                if closed >= levels[-1]:
                    closed -= levels.pop()
                else:
                    levels[-1] -= closed
                    closed = 0
            if toks[0].text in CLOSE:
                indent = len(levels)
        body, eq_at = _join(toks)
        key = None
        balanced = net == 0 and not any("\n" in t.text for t in toks)
        if eq_at == 1 and balanced and toks[0].kind in ("word", "string"):
            key = len(toks[0].text)
        out.append(_Line(2 * indent, body, key))
    return out


_BINARY = {"=", "=>", "?", "+", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"}


def _is_binary(toks: list[Tok], idx: int) -> bool:
    """Whether the operator at toks[idx] joins two operands (a unary - or ! does not)."""
    text = toks[idx].text
    if text == "-" and idx > 0:
        prev = toks[idx - 1]
        return prev.kind in ("word", "string", "heredoc") or prev.text in CLOSE
    return text in _BINARY


def _separator(toks: list[Tok], idx: int) -> str:
    tok, prev = toks[idx], toks[idx - 1]
    if tok.kind == "comment":
        return " "
    if tok.text in (",", ")", "]", "...") or prev.text in ("(", "[", "!"):
        return ""
    if prev.text == "-" and not _is_binary(toks, idx - 1):
        return ""
    if (
        tok.text == "{"
        or (prev.text == "{" and tok.text != "}")
        or (tok.text == "}" and prev.text != "{")
    ):
        return " "
    if prev.text in (",", ":") or _is_binary(toks, idx) or _is_binary(toks, idx - 1):
        return " "
    if tok.text == ":" and any(t.text in ("?", "for") for t in toks[:idx]):
        return " "  # the colon of a conditional or a for expression, not of an object
    return " " if tok.space_before else ""


def _join(toks: list[Tok]) -> tuple[str, int]:
    parts: list[str] = []
    eq_at = -1
    for idx, tok in enumerate(toks):
        if idx:
            parts.append(_separator(toks, idx))
        if tok.text == "=" and eq_at < 0:
            eq_at = idx
        parts.append(tok.text)
    return "".join(parts), eq_at


def _align(rendered: list[_Line]) -> None:
    """Pad the names of consecutive one-line attributes so their ``=`` line up."""
    group: list[_Line] = []

    def flush() -> None:
        width = max((g.key_width or 0 for g in group), default=0)
        for g in group:
            w = g.key_width or 0
            g.body = g.body[:w] + " " * (width - w) + g.body[w:]
        group.clear()

    for line in rendered:
        if line.key_width is None or (group and group[0].indent != line.indent):
            flush()
        if line.key_width is not None:
            group.append(line)
    flush()
