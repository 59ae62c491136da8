"""SHA-256 hex digests without ``hashlib``'s start-up for small inputs.

``import hashlib`` sets up OpenSSL, about 3 ms: more than a small command spends
hashing. Python's own SHA-256 (the built-in ``_sha2``, ``_sha256`` before 3.12) costs
nothing to import but is several times slower per byte, so inputs up to ``SMALL`` bytes
go to it and larger ones to ``hashlib``. Both give the same digest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SMALL = 256 * 1024


def _builtin() -> Any:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
        except ImportError:
            return None
    return sha256


_BUILTIN = _builtin()


def hexdigest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    if _BUILTIN is not None and len(data) <= SMALL:
        return str(_BUILTIN(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()


def file_hexdigest(path: str | Path) -> str:
    """The SHA-256 of the file at ``path``, in hex."""
    with open(path, "rb") as f:
        head = f.read(SMALL + 1)
        if len(head) <= SMALL:
            return hexdigest(head)
        import hashlib

        h = hashlib.sha256(head)
        while chunk := f.read(1 << 20):
            h.update(chunk)
        return h.hexdigest()
