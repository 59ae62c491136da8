"""Early checks of estimator paths and parameter names, for ``validate``.

A misspelt estimator or parameter should fail before anything is created, but the
process that validates must not import scikit-learn (it costs seconds, and ``mlinfra
validate`` imports no ML library). So the estimators are inspected in a subprocess
(``train --inspect``) that imports them and reports each one's parameter names, and the
answers are cached on this machine, keyed by the versions of Python and of the library
the estimator comes from: the second validate of the same estimators starts no process.

The cache lives in the user's cache folder (``$MLINFRA_CACHE_DIR``, else
``$XDG_CACHE_HOME/mlinfra``, else ``~/.cache/mlinfra``), never in the configuration
directory, and holds JSON only. The subprocess runs from that folder with ``-P``, so no
module of the (possibly untrusted) configuration directory can be imported by it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.providers.registry import distribution_version
from mlinfra_provider_local.store import read_json, write_json

_lock = threading.Lock()
# (cache file, path) -> what the inspection said, for this process.
_memory: dict[tuple[str, str], dict[str, Any]] = {}
TIMEOUT = 120
# The version of what an inspection reports, part of the cache file's name.
FORMAT = "v2"


def cache_dir() -> Path:
    explicit = os.environ.get("MLINFRA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "mlinfra"


def _library_version(path: str) -> str | None:
    """The installed version of the distribution an estimator path comes from."""
    return _distribution_version(path.split(".", 1)[0])


@functools.cache
def _distribution_version(top: str) -> str | None:
    if top == "sklearn":  # the common case, answered without importing importlib.metadata
        return distribution_version("scikit-learn")
    from importlib import metadata

    for name in (*metadata.packages_distributions().get(top, []), top):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _cache_file(path: str) -> Path | None:
    version = _library_version(path)
    if version is None:
        return None
    top = path.split(".", 1)[0]
    name = f"estimators-{FORMAT}-py{sys.version.split()[0]}-{top}-{version}.json"
    return cache_dir() / name


def describe(paths: list[str]) -> dict[str, dict[str, Any]]:
    """Each path's inspection: ``{"params": [...], "varkw": bool}``, or ``{"summary",
    "detail"}`` when it cannot be used. Paths that could not be inspected (no library,
    a failing subprocess) are left out: training will say what is wrong."""
    out: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    with _lock:
        files = {p: _cache_file(p) for p in dict.fromkeys(paths)}
        for path, file in files.items():
            found = _lookup(file, path) if file is not None else None
            if found is not None:
                out[path] = found
            else:
                missing.append(path)
        if missing:
            fresh = _inspect(missing)
            out.update(fresh)
            for path, answer in fresh.items():
                file = files[path]
                if file is not None:
                    _remember(file, path, answer)
    return out


def problems(path: str, params: list[str], found: dict[str, Any]) -> list[tuple[str, str]]:
    """(summary, detail) of each problem an inspection shows with ``path`` and the
    parameter names a step gives it."""
    if "summary" in found:
        return [(str(found["summary"]), str(found.get("detail", "")))]
    if found.get("varkw"):
        return []
    known = [str(p) for p in found.get("params", [])]
    cls = path.rpartition(".")[2]
    return [
        (
            "Unknown estimator parameter",
            f'{cls} has no parameter "{name}".{d.suggestion(name, known)} '
            f"Its parameters: {', '.join(known) or '(none)'}.",
        )
        for name in params
        if name not in known
    ]


def _lookup(file: Path, path: str) -> dict[str, Any] | None:
    key = (str(file), path)
    if key not in _memory:
        stored = read_json(file)
        if isinstance(stored, dict):
            for p, answer in stored.items():
                if isinstance(answer, dict):
                    _memory.setdefault((str(file), p), answer)
    return _memory.get(key)


def _remember(file: Path, path: str, answer: dict[str, Any]) -> None:
    _memory[(str(file), path)] = answer
    stored = read_json(file)
    stored = stored if isinstance(stored, dict) else {}
    stored[path] = answer
    # An unwritable cache only costs the next run an inspection.
    with contextlib.suppress(OSError):
        write_json(file, stored)


def _inspect(paths: list[str]) -> dict[str, dict[str, Any]]:
    import subprocess

    where = cache_dir()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return {}
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore"}
    cmd = [sys.executable, "-P", "-m", "mlinfra_provider_local.train", "--inspect", *paths]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            env=env,
            cwd=where,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
        lines = proc.stdout.strip().splitlines()
        answer = json.loads(lines[-1]) if proc.returncode == 0 and lines else {}
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return {}
    return {p: a for p, a in answer.items() if p in paths and isinstance(a, dict)}
