"""The cache of parsed files: in process, and optionally on disk, keyed by a hash of
the file's content and name, because configurations are parsed on every command.

On disk the cache lives outside the configuration (``default_dir``) and holds data
only: JSON that ``hclcodec`` turns back into syntax nodes, checking every field, with
the hash of the source it is the parse of, checked on every read. Nothing in it can
run code. A parse written by another version of the parser (another
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

from mlinfra.config.syntax import Body, File
from mlinfra.diagnostics import Diagnostics

# Bump whenever the shape of the tree hclconvert produces changes: cached parses are
# keyed on it.
PARSER_FORMAT_VERSION = "2"
_FORMAT = "mlinfra-parse-cache"

# In process, by (name, text): hashing the text would cost more than the dictionary's
# own string comparison, and the cached File holds the text anyway.
_memory_cache: dict[tuple[str, str], tuple[File | None, Diagnostics]] = {}


def cached_parse(
    text: str,
    name: str,
    cache_dir: Path | None,
    parse: Callable[[str, str], tuple[File | None, Diagnostics]],
    fast: Callable[[str, str], tuple[File | None, Diagnostics] | None] | None = None,
) -> tuple[File | None, Diagnostics]:
    """The parse of ``text`` (the file ``name``) from memory, else from ``fast`` (a
    parser that may give up by returning None), else from ``cache_dir``, else from ``parse`` and then kept
    in both; on disk only when it has no diagnostics. Reading a cache entry costs more
    than the fast parser, so only what it gives up on is kept on disk. The diagnostics
    returned are the caller's own list."""
    memory_key = (name, text)
    hit = _memory_cache.get(memory_key)
    if hit is not None:
        return hit[0], Diagnostics(list(hit[1].items))
    quick = fast(text, name) if fast is not None else None
    if quick is not None:
        _memory_cache[memory_key] = quick
        return quick[0], Diagnostics(list(quick[1].items))
    key = _cache_key(text, name) if cache_dir is not None else ""
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
    import hashlib  # only for files the fast parser gives up on: most runs never hash

    return hashlib.sha256(text.encode()).hexdigest()


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
    try:
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    except OSError:
        return  # the cache is an optimisation: an unwritable directory only costs time
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
