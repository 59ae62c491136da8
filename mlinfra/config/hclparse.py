"""HCL source text -> the syntax tree of ``mlinfra.config.syntax``, with source ranges:
the entry points of the parser.

The parser is the only part of mlinfra that imports ``hcl2`` or ``lark``, and every
module that does is named ``hcl*.py`` and says so: this one, ``hclconvert`` (the lark
tree python-hcl2 gives, every node carrying line and column, converted into the
parser-independent nodes of ``syntax``) and ``hcltemplate`` (strings, heredocs and
template directives). They are imported on first use only; ``hclcache`` (parsed files
kept by content hash, in process and optionally on disk, because configurations are
parsed on every command) and ``hcllex`` (the lexer and the wording of syntax errors)
import neither. Syntax errors become diagnostics that name the line, what was found and
what was expected. Files of ``PARALLEL_MIN_CHARS`` or more are parsed in pieces by
several processes. Before any of that, ``hclfast`` (a hand-written parser of the
common subset of the language, several times faster, importing neither) is tried: it
builds the very same tree, or gives up and leaves the file to python-hcl2.
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mlinfra.config import hclcache, hclfast, limits
from mlinfra.config.hclcache import PARSER_FORMAT_VERSION, clear_memory_cache
from mlinfra.config.syntax import Block, Body, Expr, File
from mlinfra.diagnostics import Diagnostics, SourceRange

if TYPE_CHECKING:
    import hcl2
    from lark.exceptions import (
        UnexpectedCharacters,
        UnexpectedEOF,
        UnexpectedInput,
        UnexpectedToken,
    )

    from mlinfra.config import hclconvert
else:
    hcl2 = hclconvert = None
    UnexpectedCharacters = UnexpectedEOF = UnexpectedInput = UnexpectedToken = None

__all__ = [
    "PARALLEL_MIN_CHARS",
    "PARSER_FORMAT_VERSION",
    "clear_memory_cache",
    "parse_expression",
    "parse_file",
    "parse_source",
]


def _load_parser() -> None:
    """Import hcl2, lark and the converter built on them on first use: a run whose files
    are all cached needs none of them, and importing them costs more than reading the
    cache."""
    global hcl2, hclconvert, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
    if hcl2 is not None:
        return
    import hcl2 as _hcl2
    import lark.exceptions as lx

    from mlinfra.config import hclconvert as _hclconvert

    UnexpectedCharacters, UnexpectedEOF = lx.UnexpectedCharacters, lx.UnexpectedEOF  # type: ignore[misc]
    UnexpectedInput, UnexpectedToken = lx.UnexpectedInput, lx.UnexpectedToken  # type: ignore[misc]
    hclconvert = _hclconvert
    hcl2 = _hcl2


def parse_source(text: str, filename: str) -> tuple[File | None, Diagnostics]:
    """Parse HCL text; on a syntax error return None and diagnostics (never raise).
    ``hclfast`` parses what it can; python-hcl2 parses the rest and words every error.
    A text beyond the limits of ``limits`` is an error before either sees it."""
    return _parse_fast(text, filename) or _parse_slow(text, filename)


def _parse_fast(
    text: str, filename: str, within_limits: bool = False
) -> tuple[File | None, Diagnostics] | None:
    """The fast parser's answer, or None to leave the file (and the wording of any
    error) to ``_parse_slow``. ``within_limits``: this very text was checked against
    the limits before (see ``hclcache``), so it is not checked again."""
    if not within_limits:
        too_deep = limits.check_source(text, filename)
        if too_deep is not None:
            return None, Diagnostics([too_deep])
    enabled = gc.isenabled()
    gc.disable()  # as below: the nodes all live until the parse ends
    try:
        found = hclfast.parse_fast(text, filename)
    finally:
        if enabled:
            gc.enable()
    if found is None:
        return None
    beyond = None if within_limits else limits.check_tree(found.body)
    return (found, Diagnostics()) if beyond is None else (None, Diagnostics([beyond]))


def _parse_slow(text: str, filename: str) -> tuple[File | None, Diagnostics]:
    too_deep = limits.check_source(text, filename)
    if too_deep is not None:
        return None, Diagnostics([too_deep])
    found, diags = _parse_with_lark(text, filename)
    beyond = limits.check_tree(found.body) if found is not None else None
    if beyond is not None:
        diags.add(beyond)
        return None, diags
    return found, diags


def _parse_with_lark(text: str, filename: str) -> tuple[File | None, Diagnostics]:
    if len(text) >= PARALLEL_MIN_CHARS and (os.cpu_count() or 1) > 1:
        found = _parse_in_parallel(text, filename)
        if found is not None:
            return found
    diags = Diagnostics()
    _load_parser()
    conv = hclconvert.Converter(filename, diags)
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
        diags.add(hclconvert.syntax_error(exc, text, conv.rng))
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
    conv = hclconvert.Converter(filename, diags, (line_shift, 0))
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
    too_deep = limits.check_source(text, filename)
    if too_deep is not None:
        diags.add(too_deep)
        return None, diags
    _load_parser()
    conv = hclconvert.Converter(filename, diags)
    try:
        expr = conv.sub_expression(text.strip("\n"), 1, 1)
    except RecursionError:
        diags.add(limits.too_complex(SourceRange(filename, 1, 1, 1, 2)))
        return None, diags
    beyond = limits.check_tree(expr) if expr is not None else None
    if beyond is not None:
        diags.add(beyond)
        return None, diags
    return expr, diags


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
    return hclcache.cached_parse(text, name, cache_dir, _parse_slow, _parse_fast)
