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

_CODE = re.compile(
    r"(?P<ws>[ \t\r]+)"
    r"|(?P<nl>\n|#[^\n]*\n|//[^\n]*\n|/\*[\s\S]*?\*/)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)"
    r"|(?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
    r'|(?P<str>"(?:[^"\\\n$%]|\\[^\n])*")'
    r"|(?P<heredoc><<)"
    r"|(?P<op>\.\.\.|=>|==|!=|<=|>=|&&|\|\||::|\[\*\]|\.\*|[-+*/%<>!?:=.,()\[\]])"
    r"|(?P<brace>[{}])"
    r'|(?P<quote>")'
)
# A run of string characters between interpolations: python-hcl2's STRING_CHARS
# without the newline (a multi-line quoted string is an error left to the full parser).
_RUN = re.compile(r"(?:[^\"\\\n$%]|\\[^\n]|\$(?!\$?\{)|%(?!%?\{))+")
_ESCAPED = re.compile(r"(?:\$\$|%%)\{[^}\"\\\n]*\}")
_NAME_CHAR = re.compile(r"[A-Za-z_]")
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
    code_match = _CODE.match
    pos, n, line_start = 0, len(text), 1 - col
    # Open strings (STRING) and interpolations (their depth of nested braces).
    stack: list[int] = []
    while pos < n:
        col = pos - line_start + 1
        if stack and stack[-1] == STRING:
            m = _RUN.match(text, pos)
            if m is not None:
                end = m.end()
                append(("part", unescape(m.group()), line, col, end - line_start + 1))
                pos = end
            elif text[pos] == '"':
                stack.pop()
                append(("endq", '"', line, col, col + 1))
                pos += 1
            elif text.startswith("${", pos):
                stack.append(0)
                append(("interp", "${", line, col, col + 2))
                pos += 2
            else:
                m = _ESCAPED.match(text, pos)
                if m is None:
                    return None  # a directive, a newline, the end of the text
                end = m.end()
                append(("part", m.group()[1:], line, col, end - line_start + 1))
                pos = end
            continue
        m = code_match(text, pos)
        if m is None:
            return None
        kind = m.lastgroup
        end = m.end()
        if kind == "ws":
            pos = end
            continue
        value = m.group()
        if kind == "nl":
            append(("nl", "", line, col, col))
            breaks = value.count("\n")
            if breaks:
                line += breaks
                line_start = pos + value.rfind("\n") + 1
        elif kind == "name":
            append(("name", value, line, col, end - line_start + 1))
        elif kind == "op":
            if value == "-" and text[end].isdigit():
                value = "-digit"  # python-hcl2 may read it as part of a number
            append((value, value, line, col, col + len(value)))
        elif kind == "str":
            append(("str", unescape(value[1:-1]), line, col, end - line_start + 1))
        elif kind == "num":
            if _NAME_CHAR.match(text, end):
                return None
            append(("num", value, line, col, end - line_start + 1))
        elif kind == "heredoc":
            m = _HEREDOC.match(text, pos)
            if m is None:
                return None
            value = m.group()
            end = m.end()
            append(("heredoc", value, line, col, col))
            line += value.count("\n")
            line_start = end
        elif kind == "brace":
            if stack:
                if value == "{":
                    stack[-1] += 1
                elif stack[-1] == 0:
                    stack.pop()
                    value = "endinterp"
                else:
                    stack[-1] -= 1
            append((value, value, line, col, col + 1))
        else:  # an opening quote of a string with interpolations or escapes
            stack.append(STRING)
            append(("quote", '"', line, col, col + 1))
        pos = end
    if stack:
        return None
    append(("eof", "", line, 1, 1))
    return toks
