"""A refresh digests a registered model file again only when its stat changed: digests
are kept per inode (the versions sharing a content are hard links to one blob) and only
for files last changed more than two seconds before they were read. These tests change
a file's content keeping its size and mtime, and check the change is seen."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mlinfra_provider_local import models

SETTLED_S = 10


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files ``artifact_digest`` reads, in order; the in-process cache starts empty."""
    monkeypatch.setattr(models, "_DIGESTS", {})
    read: list[Path] = []
    real = models.sha256_file

    def counted(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(models, "sha256_file", counted)
    return read


def _settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, files written so far are old enough to have their digests kept."""
    time.sleep(0.05)  # past the file system's timestamp tick: a later write gets a new ctime
    real = time.time_ns
    monkeypatch.setattr(models.time, "time_ns", lambda: real() + SETTLED_S * 10**9)


def _rewrite_keeping_size_and_mtime(path: Path, content: bytes) -> None:
    st = os.stat(path)
    assert len(content) == st.st_size
    os.chmod(path, 0o644)
    with open(path, "r+b") as f:  # in place: the inode, and every link to it, changes
        f.write(content)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def test_links_to_one_settled_file_are_digested_once(
    tmp_path: Path, digests: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = tmp_path / "blob.joblib"
    blob.write_bytes(b"A" * 64)
    links = [tmp_path / f"v{i}.joblib" for i in range(5)]
    for link in links:
        os.link(blob, link)
    _settle(monkeypatch)
    assert {models.artifact_digest(p) for p in links} == {_sha(b"A" * 64)}
    assert digests == links[:1]


def test_a_change_through_another_link_with_the_same_size_and_mtime_is_seen(
    tmp_path: Path, digests: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.joblib", tmp_path / "b.joblib"
    a.write_bytes(b"A" * 64)
    os.link(a, b)
    _settle(monkeypatch)
    assert models.artifact_digest(a) == models.artifact_digest(b) == _sha(b"A" * 64)
    _rewrite_keeping_size_and_mtime(a, b"B" * 64)
    assert models.artifact_digest(b) == _sha(b"B" * 64)  # its ctime moved
    assert digests == [a, b]


def test_a_file_replaced_by_another_of_the_same_size_and_mtime_is_seen(
    tmp_path: Path, digests: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = tmp_path / "a.joblib"
    a.write_bytes(b"A" * 64)
    _settle(monkeypatch)
    assert models.artifact_digest(a) == _sha(b"A" * 64)
    st = os.stat(a)
    other = tmp_path / "new.joblib"
    other.write_bytes(b"C" * 64)
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, a)
    assert models.artifact_digest(a) == _sha(b"C" * 64)


def test_a_file_changed_just_now_is_digested_on_every_read(tmp_path: Path, digests: list[Path]) -> None:
    # Within one timestamp tick a write may leave every time of the file as it was: a
    # digest is kept only for a file last changed seconds before it was read.
    a = tmp_path / "a.joblib"
    a.write_bytes(b"A" * 64)
    assert models.artifact_digest(a) == _sha(b"A" * 64)
    _rewrite_keeping_size_and_mtime(a, b"B" * 64)
    assert models.artifact_digest(a) == _sha(b"B" * 64)
    assert digests == [a, a]


def test_without_inode_numbers_digests_are_kept_by_path(
    tmp_path: Path, digests: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system that reports inode 0 for every file, and two files whose stats
    # otherwise agree: neither may be taken for the other.
    a, b = tmp_path / "a.joblib", tmp_path / "b.joblib"
    a.write_bytes(b"A" * 64)
    b.write_bytes(b"B" * 64)
    _settle(monkeypatch)
    st = os.stat(a)
    same = SimpleNamespace(st_dev=st.st_dev, st_ino=0, st_size=st.st_size, st_mtime_ns=st.st_mtime_ns,
                           st_ctime_ns=st.st_ctime_ns)


    class _Os:  # os, but for its stat (the module's own: nothing else sees this one)
        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def stat(path: object) -> SimpleNamespace:
            return same

    monkeypatch.setattr(models, "os", _Os())
    assert models.artifact_digest(a) == _sha(b"A" * 64)
    assert models.artifact_digest(b) == _sha(b"B" * 64)
    assert models.artifact_digest(a) == _sha(b"A" * 64)
    assert digests == [a, b]
