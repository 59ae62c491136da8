"""The tokenizer of the fast HCL parser (``hclfast``).

It splits source text into the tokens python-hcl2's grammar would see, with the same
line and column numbers, and gives up (returns None) on anything the fast parser does
not handle: template directives in quoted strings, multi-line or unterminated strings,
characters outside the grammar. A heredoc is one token, its text parsed later. Newlines and comments are kept as ``nl`` tokens because the grammar allows
them only in some places. This module imports neither ``hcl2`` nor ``lark``.
"""

from __future__ import annotations

import re

from mlinfra.config.hcllex import unescape

# (kind, value, line, column, end column); every token but ``nl`` lies on one line.
Tok = tuple[str, str, int, int, int]

# One token after any blanks; every alternative takes at least one character, and the
# first that matches wins (a comment before the operator /, a heredoc before <).
_CODE = re.compile(
    r"[ \t\r]*(?:"
    r"(?P<name>[A-Za-z_][A-Za-z0-9_-]*)"
    r"|(?P<heredoc><<)"
    r"|(?P<nl>\n|#[^\n]*\n|//[^\n]*\n|/\*[\s\S]*?\*/)"
    r"|(?P<op>\.\.\.|=>|==|!=|<=|>=|&&|\|\||::|\[\*\]|\.\*|[-+*/%<>!?:=.,()\[\]])"
    r'|(?P<str>"(?:[^"\\\n$%]|\\[^\n])*")'
    r"|(?P<brace>[{}])"
    r"|(?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
    r'|(?P<quote>")'
    r")"
)
# A run of string characters between interpolations: python-hcl2's STRING_CHARS
# without the newline (a multi-line quoted string is an error left to the full parser).
_RUN = re.compile(r"(?:[^\"\\\n$%]|\\[^\n]|\$(?!\$?\{)|%(?!%?\{))+")
_ESCAPED = re.compile(r"(?:\$\$|%%)\{[^}\"\\\n]*\}")
_NAME_CHAR = re.compile(r"[A-Za-z_]")
# After a "-": what python-hcl2's INT_LITERAL or FLOAT_LITERAL may go on with ("-5" alone
# is no number of its grammar, "-55", "-5.5", "-5e5" and "-5-5.5" are).
_NUMBER_START = re.compile(r"[0-9][0-9.eE-]")
# python-hcl2's HEREDOC_TEMPLATE and HEREDOC_TEMPLATE_TRIM, with the closing newline.
_HEREDOC = re.compile(
    r"<<-?(?P<marker>[a-zA-Z][a-zA-Z0-9._-]*)\r?\n(?:(?:.|\n)*?\r?\n)??\s*(?P=marker)\r?\n"
)

STRING = -1  # on the mode stack: inside a quoted string


def tokenize(text: str, line: int = 1, col: int = 1) -> list[Tok] | None:
    """The tokens of ``text`` ending with an ``eof`` token, or None to fall back;
    ``text`` starts at (``line``, ``col``) of its file."""
    text += "\n"  # as python-hcl2 does: a comment or a heredoc may end the file
    toks: list[Tok] = []
    append = toks.append
    pos, n, line_start = 0, len(text), 1 - col
    # Open strings (STRING) and interpolations (their depth of nested braces).
    stack: list[int] = []
    while pos < n:
        if stack and stack[-1] == STRING:
            pos = _string_piece(text, pos, line, pos - line_start + 1, stack, toks)
            if pos < 0:
                return None
            continue
        # The common case runs in one finditer; a string, an interpolation's end or a
        # heredoc leaves it, to carry on from where that ends.
        for m in _CODE.finditer(text, pos):
            if m.start() != pos:
                return None  # a character outside the grammar was skipped
            kind = m.lastgroup or ""
            start, pos = m.span(kind)
            col = start - line_start + 1
            if kind == "name":
                append(("name", text[start:pos], line, col, pos - line_start + 1))
            elif kind == "op":
                value = text[start:pos]
                if value == "-" and _NUMBER_START.match(text, pos):
                    value = "-digit"  # python-hcl2 may read it as part of a number
                append((value, value, line, col, pos - line_start + 1))
            elif kind == "str":
                value = unescape(text[start + 1 : pos - 1])
                append(("str", value, line, col, pos - line_start + 1))
            elif kind == "nl":
                append(("nl", "", line, col, col))
                if pos - start == 1:
                    line += 1
                    line_start = pos
                else:
                    value = text[start:pos]
                    breaks = value.count("\n")
                    if breaks:
                        line += breaks
                        line_start = start + value.rfind("\n") + 1
            elif kind == "brace":
                value = text[start]
                if stack:
                    if value == "{":
                        stack[-1] += 1
                    elif stack[-1] == 0:
                        stack.pop()
                        append(("endinterp", value, line, col, col + 1))
                        break
                    else:
                        stack[-1] -= 1
                append((value, value, line, col, col + 1))
            elif kind == "num":
                if _NAME_CHAR.match(text, pos):
                    return None
                append(("num", text[start:pos], line, col, pos - line_start + 1))
            elif kind == "heredoc":
                h = _HEREDOC.match(text, start)
                if h is None:
                    return None
                value = h.group()
                pos = h.end()
                append(("heredoc", value, line, col, col))
                line += value.count("\n")
                line_start = pos
                break
            else:  # an opening quote of a string with interpolations or escapes
                stack.append(STRING)
                append(("quote", '"', line, col, col + 1))
                break
        else:
            if pos < n:
                return None
    if stack:
        return None
    append(("eof", "", line, 1, 1))
    return toks


def _string_piece(text: str, pos: int, line: int, col: int, stack: list[int],
                  toks: list[Tok]) -> int:  # fmt: skip
    """Read one piece of a quoted string at ``pos``; the position after it, or -1."""
    m = _RUN.match(text, pos)
    if m is not None:
        end = m.end()
        toks.append(("part", unescape(m.group()), line, col, col + end - pos))
        return end
    if text[pos] == '"':
        stack.pop()
        toks.append(("endq", '"', line, col, col + 1))
        return pos + 1
    if text.startswith("${", pos):
        stack.append(0)
        toks.append(("interp", "${", line, col, col + 2))
        return pos + 2
    m = _ESCAPED.match(text, pos)
    if m is None:
        return -1  # a directive, a newline, the end of the text
    end = m.end()
    toks.append(("part", m.group()[1:], line, col, col + end - pos))
    return end
