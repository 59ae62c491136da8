"""Content digests for provider plugins: of a JSON value, a local file, a listing.

A dataset, an artifact or a definition is identified by what it holds, so new content
under the same name plans as a change and the same bytes are never uploaded twice. The
providers list their own objects (through their SDKs); the hashing is the same for all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def digest_of(value: Any) -> str:
    """sha256 of a JSON value, sorted and compact."""
    blob = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def lines_sha256(lines: Iterable[str]) -> str:
    """sha256 of lines in sorted order (a listing, whatever order it came in)."""
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()
