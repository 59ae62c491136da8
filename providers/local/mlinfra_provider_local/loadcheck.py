"""Proof that an artifact trained elsewhere loads, before it is registered.

Loading a model means importing scikit-learn, so it happens in a subprocess (``train
--check``), which costs a fraction of a second. An artifact that loaded once is not
checked again: successes are remembered by the artifact's content digest together with
the versions of Python and of the libraries a model load depends on, in this process and
in the user's cache folder (JSON, never in the configuration directory). Registrations
of one artifact running in parallel wait for a single check.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import platform
import subprocess
import sys
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from mlinfra.providers import ResourceError
from mlinfra_provider_local.estimators import cache_dir
from mlinfra_provider_local.store import read_json, write_json

LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib", "skops")

_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}
_loaded: set[tuple[str, str]] = set()


@functools.cache
def environment_key() -> str:
    """A short hash of the Python and library versions a model load depends on."""
    parts = [platform.python_version()]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _cache_file(env: str) -> Path:
    return cache_dir() / f"loads-{env}.json"


def check_loads(path: Path, digest: str, announce: Callable[[], None] | None = None) -> bool:
    """Raise ResourceError when ``path`` (content ``digest``) cannot be loaded as a model;
    True when a subprocess had to check it (``announce`` is called first), False when it
    was known to load."""
    env = environment_key()
    with _guard:
        lock = _locks.setdefault(digest, threading.Lock())
    with lock:
        if (env, digest) in _loaded or _remembered(env, digest):
            _loaded.add((env, digest))
            return False
        if announce is not None:
            announce()
        _run_check(path)
        _loaded.add((env, digest))
        _remember(env, digest)
        return True


def _remembered(env: str, digest: str) -> bool:
    known = read_json(_cache_file(env))
    return isinstance(known, dict) and known.get(digest) is True


def _remember(env: str, digest: str) -> None:
    file = _cache_file(env)
    with _guard:
        known = read_json(file)
        known = known if isinstance(known, dict) else {}
        known[digest] = True
        # An unwritable cache only costs the next run a check.
        with contextlib.suppress(OSError):
            write_json(file, known)


def _run_check(path: Path) -> None:
    """Load ``path`` in a subprocess (no scikit-learn import here)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "mlinfra_provider_local.train", "--check", str(path)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL
    )
    if proc.returncode != 0:
        reason = (
            proc.stdout.strip() or proc.stderr.strip()[-2000:] or f"exit code {proc.returncode}"
        )
        raise ResourceError("Model artifact cannot be loaded", reason)
