"""The cache of parsed files: in process, and optionally on disk, keyed by a hash of
the file's content and name, because configurations are parsed on every command.

A parse written by another version of the parser (another ``PARSER_FORMAT_VERSION``)
or a corrupt cache file is ignored, and an unwritable cache directory only costs time.
This module imports neither ``hcl2`` nor ``lark``: a run whose files are all cached
never loads the parser.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from mlinfra.config.syntax import File
from mlinfra.diagnostics import Diagnostics

# Bump whenever the shape of the tree hclconvert produces changes: cached parses are
# keyed on it.
PARSER_FORMAT_VERSION = "1"

_memory_cache: dict[str, tuple[File | None, Diagnostics]] = {}


def cached_parse(
    text: str,
    name: str,
    cache_dir: Path | None,
    parse: Callable[[str, str], tuple[File | None, Diagnostics]],
) -> tuple[File | None, Diagnostics]:
    """The parse of ``text`` (the file ``name``) from memory, else from ``cache_dir``,
    else from ``parse`` and then kept in both; on disk only when it has no errors. The
    diagnostics returned are the caller's own list."""
    key = _cache_key(text, name)
    hit = _memory_cache.get(key)
    if hit is not None:
        return hit[0], Diagnostics(list(hit[1].items))
    cache_file = cache_dir / f"{key}.pickle" if cache_dir is not None else None
    if cache_file is not None:
        loaded = _read_cache(cache_file)
        if loaded is not None:
            _memory_cache[key] = loaded
            return loaded[0], Diagnostics(list(loaded[1].items))
    result = parse(text, name)
    _memory_cache[key] = result
    if cache_file is not None and not result[1].has_errors:
        _write_cache(cache_file, result)
    return result[0], Diagnostics(list(result[1].items))


def _cache_key(text: str, filename: str) -> str:
    h = hashlib.sha256()
    h.update(f"{PARSER_FORMAT_VERSION}\0{filename}\0".encode())
    h.update(text.encode())
    return h.hexdigest()


def clear_memory_cache() -> None:
    _memory_cache.clear()


def _read_cache(path: Path) -> tuple[File | None, Diagnostics] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        value = pickle.loads(data)
    except Exception:  # a corrupt or foreign cache file is simply ignored
        return None
    finally:
        if enabled:
            gc.enable()
    if (isinstance(value, tuple) and len(value) == 3 and value[0] == PARSER_FORMAT_VERSION
            and isinstance(value[2], Diagnostics)):  # fmt: skip
        return value[1], value[2]
    return None


def _write_cache(path: Path, result: tuple[File | None, Diagnostics]) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return  # the cache is an optimisation: an unwritable directory only costs time
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((PARSER_FORMAT_VERSION, *result), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, RecursionError):
        Path(tmp).unlink(missing_ok=True)
