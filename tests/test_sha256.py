"""``mlinfra.sha256`` gives hashlib's digests, small inputs without importing it; and
``states.model.random_uuid`` is a version 4 UUID as ``uuid.uuid4`` makes one."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from pathlib import Path

from mlinfra import sha256
from mlinfra.states.model import random_uuid


def test_digests_match_hashlib_on_both_sides_of_the_size_limit(tmp_path: Path) -> None:
    for size in (0, 1, 63, 64, 65, 1000, sha256.SMALL - 1, sha256.SMALL, sha256.SMALL + 1, 3 * sha256.SMALL + 7):
        data = bytes((i * 7 + size) % 256 for i in range(size))
        assert sha256.hexdigest(data) == hashlib.sha256(data).hexdigest(), size
        path = tmp_path / f"f{size}"
        path.write_bytes(data)
        assert sha256.file_hexdigest(path) == hashlib.sha256(data).hexdigest(), size
        assert sha256.file_hexdigest(str(path)) == hashlib.sha256(data).hexdigest(), size


def test_small_digests_do_not_import_hashlib() -> None:
    code = (
        "import sys\nfrom mlinfra import sha256\n"
        "assert sha256.hexdigest(b'abc') == 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'\n"
        "assert 'hashlib' not in sys.modules and '_hashlib' not in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_random_uuid_is_a_version_4_uuid() -> None:
    seen = {random_uuid() for _ in range(200)}
    assert len(seen) == 200
    for text in seen:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 4 and u.variant == uuid.RFC_4122
