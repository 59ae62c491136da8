"""Fixtures shared by every test folder (tests/ and providers/*/tests).

``copy_example`` copies one of the repository's examples into a test's own directory.
It copies the example's source only - configuration, scripts and notes - never what
running mlinfra in that directory leaves behind (the state and its backup, journal and
lock, saved plans, the local provider's ``.mlinfra/`` objects): a person may have run
``make quickstart`` there, and a test must never start from, or read, their work.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent / "examples"

# What an example is made of. Anything else in its directory was made by running it.
SOURCE_SUFFIXES = (".hcl", ".py", ".md", ".csv", ".txt")


def example_sources(src: Path) -> list[Path]:
    """The example's own files, relative to ``src``: no hidden file or directory, no
    state, only the source suffixes."""
    out = []
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        if any(part.startswith((".", "mlinfra.state")) for part in rel.parts) or not p.is_file():
            continue
        if not rel.name.endswith(SOURCE_SUFFIXES):
            continue
        out.append(rel)
    return out


def copy_example_to(src: Path, dst: Path) -> Path:
    for rel in example_sources(src):
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, dst / rel)
    return dst


@pytest.fixture
def copy_example() -> Callable[[str | Path, Path], Path]:
    """``copy_example("quickstart", tmp_path)`` -> tmp_path, holding the example's source
    (a path instead of a name copies that directory the same way)."""

    def copy(name: str | Path, dst: Path) -> Path:
        src = name if isinstance(name, Path) else EXAMPLES / name
        assert src.is_dir(), f"no example at {src}"
        dst.mkdir(parents=True, exist_ok=True)
        return copy_example_to(src, dst)

    return copy
