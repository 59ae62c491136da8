"""Durable file primitives for state files: atomic replace, directory fsync, JSON codec.

``atomic_write`` writes a temp file in the destination's folder, fsyncs it, renames it
over the destination and fsyncs the folder, so a crash leaves either the old file or the
new one, never a mix. Temp files are named ``.<name>.<pid>.<random>.tmp``; one left by a
killed writer is removed by the next write once its process is gone. ``encode_state`` is
the single canonical JSON form of a state document (sorted keys, two-space indent).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mlinfra.states import documents
from mlinfra.states.errors import state_error


@contextlib.contextmanager
def os_errors(summary: str, path: Path) -> Iterator[None]:
    """Turn an operating-system error on ``path`` into a ``StateError`` with the fix."""
    try:
        yield
    except OSError as e:
        raise state_error(
            summary,
            f"{e.strerror or e}: {e.filename or path}. Check that its folder exists, is "
            "writable by this user and has free space, then retry.",
        ) from e


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _remove_stale_temps(path: Path) -> None:
    prefix = f".{path.name}."
    # The folder listed by hand: Path.glob compiles a pattern per file name.
    with os.scandir(path.parent) as entries:
        names = [e.name for e in entries if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    for name in names:
        if len(name) < len(prefix) + len(".tmp"):
            continue
        candidate = path.parent / name
        pid_text = name[len(prefix) :].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()
        except PermissionError:
            pass


def atomic_write(path: Path, data: bytes, mode: int = 0o644, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file.
    ``durable=False`` skips the syncs: readers still see the old or the new file whole,
    but a power loss may lose the change (for what a reboot makes stale anyway)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def link_or_copy(src: Path, dst: Path) -> None:
    """Make ``dst`` hold the current content of ``src`` atomically; a hard link when possible."""
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    try:
        os.link(src, tmp)
    except OSError:
        atomic_write(dst, src.read_bytes(), 0o600)
        return
    try:
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


backup_path = documents.backup_path


def encode_state(doc: dict[str, Any]) -> bytes:
    """The canonical bytes of a state document."""
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def decode_state(path: Path, data: bytes) -> dict[str, Any]:
    """Parse a state file's bytes within ``documents``' limits; a syntax error names the
    file, line and column, and the advice offers the backup only when there is one."""
    doc = documents.decode(data, str(path), documents.restore_advice(path))
    if not isinstance(doc, dict):
        raise state_error(
            "Failed to load state",
            f"{path} holds a JSON {type(doc).__name__}, not a state object. {documents.restore_advice(path)}",
        )
    return doc
