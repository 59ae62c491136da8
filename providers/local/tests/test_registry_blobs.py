"""Registered model files are stored once per content: each version folder holds a hard
link to ``blobs/SHA256.joblib``. Damage through one link is drift for every version
sharing it and is repaired per version; the blob goes with the last version linking it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from local_support import Driver, full_config
from mlinfra_provider_local.store import sha256_file


@pytest.fixture
def artifact(trained: tuple[Driver, dict[str, Any]], workdir: Path) -> Path:
    """A copy of a pipeline-trained model file with its lineage, inside this test's workdir."""
    _, objs = trained
    source = Path(objs["pipeline"]["artifact"].removeprefix("file://"))
    target = workdir / "external" / "model.joblib"
    target.parent.mkdir()
    shutil.copyfile(source, target)
    shutil.copyfile(source.parent / "lineage.json", target.parent / "lineage.json")
    return target


def registered(attrs: dict[str, Any]) -> Path:
    return Path(attrs["uri"].removeprefix("file://"))


def two_models(driver: Driver, artifact: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The configuration registering ``artifact`` and models a and b made from it."""
    cfg = full_config("model", artifact="file://" + str(artifact))
    return cfg, driver.apply("model", "model.a", cfg), driver.apply("model", "model.b", cfg)


def test_versions_of_one_content_share_one_blob_until_the_last_goes(
    driver: Driver, workdir: Path, artifact: Path
) -> None:
    _, a, b = two_models(driver, artifact)
    blobs = list((workdir / ".mlinfra" / "local" / "blobs").iterdir())
    assert [p.name for p in blobs] == [f"{a['digest']}.joblib"]
    assert os.stat(registered(a)).st_ino == os.stat(registered(b)).st_ino == os.stat(blobs[0]).st_ino
    assert os.stat(blobs[0]).st_nlink == 3
    assert stat.S_IMODE(os.stat(registered(a)).st_mode) == 0o444
    assert sha256_file(registered(b)) == b["digest"] == a["digest"]
    driver.destroy("model", "model.a", a)
    assert not registered(a).exists() and os.stat(blobs[0]).st_nlink == 2
    assert driver.read("model", "model.b", b) == b
    driver.destroy("model", "model.b", b)
    assert not (workdir / ".mlinfra").exists()


def test_a_shared_file_changed_in_place_is_drift_everywhere_and_each_version_is_restored(
    driver: Driver, workdir: Path, artifact: Path
) -> None:
    cfg, a, b = two_models(driver, artifact)
    with registered(a).open("r+b") as f:  # edits the content every link shows
        f.write(b"\0\0\0\0")
    for address, attrs in (("model.a", a), ("model.b", b)):
        found = driver.read("model", address, attrs)
        assert found is not None and found["digest"] != attrs["digest"]
        repaired = driver.apply("model", address, cfg, prior=found)
        assert repaired["id"] == attrs["id"] and repaired["version"] == 1
        assert sha256_file(registered(attrs)) == attrs["digest"]
    assert os.stat(registered(a)).st_ino != os.stat(registered(b)).st_ino
    # The damaged blob is not linked again: a new model gets the artifact's content.
    c = driver.apply("model", "model.c", cfg)
    assert sha256_file(registered(c)) == c["digest"] == a["digest"]
    for address, attrs in (("model.a", a), ("model.b", b), ("model.c", c)):
        driver.destroy("model", address, attrs)
    assert not (workdir / ".mlinfra").exists()


def test_a_blob_copy_left_by_a_killed_process_is_swept(
    driver: Driver, workdir: Path, artifact: Path
) -> None:
    blobs = workdir / ".mlinfra" / "local" / "blobs"
    blobs.mkdir(parents=True)
    finished = subprocess.Popen(["true"])
    finished.wait()
    dead = finished.pid
    left = blobs / f".{'0' * 64}.{dead}.tmp"
    left.write_bytes(b"partial")
    cfg = full_config("model", artifact="file://" + str(artifact))
    a = driver.apply("model", "model.a", cfg)
    assert not left.exists()
    driver.destroy("model", "model.a", a)
    assert not (workdir / ".mlinfra").exists()


def test_a_plan_says_metadata_changed_only_when_an_argument_did(driver: Driver, artifact: Path) -> None:
    cfg, a, _ = two_models(driver, artifact)
    same = driver.plan("model", "model.a", a, cfg)
    assert same.reason is None and same.planned == a
    tagged = driver.plan("model", "model.a", a, {**cfg, "tags": {"team": "x"}})
    assert tagged.reason == "same artifact content, metadata changed"
    assert {k: tagged.planned[k] for k in ("id", "version", "digest", "uri")} == {
        k: a[k] for k in ("id", "version", "digest", "uri")
    }
