"""The cache of parsed files: in process, and optionally on disk, keyed by a hash of
the file's content and name, because configurations are parsed on every command.

On disk the cache lives outside the configuration (``default_dir``) and holds data
only: JSON that ``hclcodec`` turns back into syntax nodes, checking every field, with
the hash of the source it is the parse of, checked on every read. Nothing in it can
run code. A file the fast parser handles is parsed on every run (reading a parse back
costs more), but whether its text is within the limits of ``limits`` (its nesting, the
depth of its expressions, its numbers) is kept: a small marker named by the hash of
the text, valid for the parser and limits that checked it, lets the next run parse the
same text without checking it again. A parse written by another version of the parser (another
``PARSER_FORMAT_VERSION``), or an entry that is corrupt, foreign or does not match the
text, is ignored; an unwritable cache directory only costs time.
This module imports neither ``hcl2`` nor ``lark``: a run whose files are all cached
never loads the parser.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from mlinfra.config import limits
from mlinfra.config.syntax import Body, File
from mlinfra.diagnostics import Diagnostics

# Bump whenever the shape of the tree hclconvert produces changes: cached parses are
# keyed on it.
PARSER_FORMAT_VERSION = "2"
_FORMAT = "mlinfra-parse-cache"

# In process, by (name, text): hashing the text would cost more than the dictionary's
# own string comparison, and the cached File holds the text anyway.
_memory_cache: dict[tuple[str, str], tuple[File | None, Diagnostics]] = {}

# The modules whose code decides whether a text is within the limits: the fast parser
# (the tree checked) and the checks. A marker is valid only for these files as they
# were when it was written (their sizes and modification times).
_CHECKED_BY = ("hclfast", "hclfast_expr", "hclfast_lex", "hcllex", "hclparse", "limits", "syntax")
_checker_fingerprint: list[str | None] = []
# The limits a text is checked against, as they are when it is (a marker names them).
_LIMITS = ("MAX_NESTING", "MAX_EXPRESSION_DEPTH", "MAX_NUMBER_DIGITS", "MAX_STRING_LENGTH")

FastParse = Callable[[str, str, bool], "tuple[File | None, Diagnostics] | None"]


def cached_parse(
    text: str,
    name: str,
    cache_dir: Path | None,
    parse: Callable[[str, str], tuple[File | None, Diagnostics]],
    fast: FastParse | None = None,
) -> tuple[File | None, Diagnostics]:
    """The parse of ``text`` (the file ``name``) from memory, else from ``fast`` (a
    parser that may give up by returning None), else from ``cache_dir``, else from ``parse`` and then kept
    in both; on disk only when it has no diagnostics. Reading a cache entry costs more
    than the fast parser, so only what it gives up on is kept on disk; ``fast`` is told
    (its third argument) when ``cache_dir`` marks the text as within the limits already.
    The diagnostics returned are the caller's own list."""
    memory_key = (name, text)
    hit = _memory_cache.get(memory_key)
    if hit is not None:
        return hit[0], Diagnostics(list(hit[1].items))
    key = _cache_key(text, name) if cache_dir is not None else ""
    if fast is not None:
        marker = cache_dir / f"{key}.limits" if cache_dir is not None else None
        checked = marker is not None and _marked_within_limits(marker, key)
        quick = fast(text, name, checked)
        if quick is not None:
            _memory_cache[memory_key] = quick
            if marker is not None and not checked and quick[0] is not None and not quick[1]:
                _mark_within_limits(marker, key)
            return quick[0], Diagnostics(list(quick[1].items))
    cache_file = cache_dir / f"{key}.json" if cache_dir is not None else None
    if cache_file is not None:
        loaded = _read_cache(cache_file, key, text, name)
        if loaded is not None:
            _memory_cache[memory_key] = loaded
            return loaded[0], Diagnostics(list(loaded[1].items))
    result = parse(text, name)
    _memory_cache[memory_key] = result
    if cache_file is not None and result[0] is not None and not result[1]:
        _write_cache(cache_file, key, text, result[0])
    return result[0], Diagnostics(list(result[1].items))


def _cache_key(text: str, filename: str) -> str:
    return _sha256(f"{PARSER_FORMAT_VERSION}\0{filename}\0{text}")


def _sha256(text: str) -> str:
    from mlinfra import sha256  # only with a cache directory: a run without one never hashes

    return sha256.hexdigest(text.encode())


def _checker() -> str | None:
    """What checked a text against the limits: the parser format, the limits and the
    stat of the code doing it; None when that code is not in files (no markers then)."""
    if not _checker_fingerprint:
        here = Path(__file__).parent
        try:
            stats = [os.stat(here / f"{m}.py") for m in _CHECKED_BY]
        except OSError:
            _checker_fingerprint.append(None)
        else:
            parts = [PARSER_FORMAT_VERSION, *(f"{st.st_size}:{st.st_mtime_ns}" for st in stats)]
            _checker_fingerprint.append(_sha256("\0".join(parts)))
    return _checker_fingerprint[0]


def _marker_text(key: str) -> bytes | None:
    checker = _checker()
    if checker is None:
        return None
    bounds = ",".join(str(getattr(limits, k)) for k in _LIMITS)
    return f"{_FORMAT} within-limits {key} {checker} {bounds}\n".encode()


def _marked_within_limits(marker: Path, key: str) -> bool:
    """Whether ``marker`` says the text of ``key`` was found within the limits by the
    parser and checks of this installation."""
    expected = _marker_text(key)
    if expected is None:
        return False
    try:
        with open(marker, "rb") as f:
            return f.read(len(expected) + 1) == expected
    except OSError:
        return False


def _mark_within_limits(marker: Path, key: str) -> None:
    text = _marker_text(key)
    if text is not None:
        _write_atomic(marker, text)


def clear_memory_cache() -> None:
    _memory_cache.clear()


def default_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where parsed files are kept between runs: ``MLINFRA_CACHE_DIR`` (empty: nowhere),
    else ``$XDG_CACHE_HOME/mlinfra/hcl``, else ``~/.cache/mlinfra/hcl``. Never inside
    the configuration's directory: a checkout's own files could then stand in for the
    parse of other text, and read-only commands would write into it."""
    env = os.environ if environ is None else environ
    if "MLINFRA_CACHE_DIR" in env:
        return Path(env["MLINFRA_CACHE_DIR"]) if env["MLINFRA_CACHE_DIR"] else None
    base = env.get("XDG_CACHE_HOME") or ""
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory: no cache
            return None
    return Path(base) / "mlinfra" / "hcl"


def _read_cache(path: Path, key: str, text: str, name: str) -> tuple[File | None, Diagnostics] | None:
    """The parse stored at ``path``, if it is an entry this version wrote for exactly
    this text and name; None for anything else (missing, foreign, corrupt, tampered)."""
    from mlinfra.config import hclcodec  # only a parse the fast parser gave up on is on disk

    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        entry = json.loads(data)
        if not (isinstance(entry, dict) and entry.get("format") == _FORMAT
                and entry.get("parser") == PARSER_FORMAT_VERSION and entry.get("key") == key
                and entry.get("source_sha256") == _sha256(text)
                and entry.get("filename") == name):  # fmt: skip
            return None
        body = hclcodec.decode(entry.get("body"), name)
    except (ValueError, RecursionError, hclcodec.BadEntry):
        return None  # not an entry this version wrote: parse again
    finally:
        if enabled:
            gc.enable()
    if not isinstance(body, Body):
        return None
    return File(name, body, text), Diagnostics()


def _write_cache(path: Path, key: str, text: str, file: File) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    from mlinfra.config import hclcodec

    try:
        entry = {
            "format": _FORMAT,
            "parser": PARSER_FORMAT_VERSION,
            "key": key,
            "source_sha256": _sha256(text),
            "filename": file.filename,
            "body": hclcodec.encode(file.body, file.filename),
        }
        data = json.dumps(entry, separators=(",", ":"), allow_nan=False).encode()
    except (hclcodec.BadEntry, ValueError, RecursionError):
        return
    _write_atomic(path, data)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a reader sees the old file or the new one,
    never half of one. The cache is an optimisation: an unwritable directory only costs
    time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
