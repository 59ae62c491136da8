"""An artifact trained elsewhere is proven to load before it is registered, once: the
check is remembered by content digest and library versions (in this process and in the
user's cache folder), parallel registrations of one artifact wait for one check, and a
failed check is never remembered."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from local_support import Driver, Failed
from mlinfra_provider_local import loadcheck


@pytest.fixture
def checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths the subprocess check was run on, with a cache of this test's own."""
    monkeypatch.setenv("MLINFRA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(loadcheck, "_loaded", set())
    ran: list[Path] = []
    real = loadcheck._run_check

    def counted(path: Path) -> None:
        ran.append(path)
        real(path)

    monkeypatch.setattr(loadcheck, "_run_check", counted)
    return ran


@pytest.fixture
def external(trained: tuple[Driver, dict[str, Any]], workdir: Path) -> Path:
    """A model file with no lineage beside it: trained elsewhere, as far as we know."""
    _, objs = trained
    target = workdir / "bring" / "model.joblib"
    target.parent.mkdir()
    shutil.copyfile(Path(objs["pipeline"]["artifact"].removeprefix("file://")), target)
    return target


def test_many_models_from_one_external_artifact_are_load_checked_once(
    driver: Driver, external: Path, checks: list[Path]
) -> None:
    with ThreadPoolExecutor(4) as pool:
        models = list(
            pool.map(lambda i: driver.model(f"file://{external}", name=f"m{i}"), range(8))
        )
    assert sorted(m["id"] for m in models) == sorted(f"m{i}/v1" for i in range(8))
    assert checks == [external]
    assert driver.progress.count("checking that model.joblib loads") == 1


def test_a_check_is_remembered_across_runs_by_digest_and_library_versions(
    driver: Driver, external: Path, checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    driver.model(f"file://{external}", name="first")
    monkeypatch.setattr(loadcheck, "_loaded", set())  # a new process
    driver.model(f"file://{external}", name="second")
    assert checks == [external]
    monkeypatch.setattr(loadcheck, "environment_key", lambda: "another-scikit-learn")
    driver.model(f"file://{external}", name="third")
    assert checks == [external, external]


def test_a_failed_check_is_not_remembered(
    driver: Driver, workdir: Path, checks: list[Path]
) -> None:
    (workdir / "broken.joblib").write_bytes(b"this is not a model")
    for _ in range(2):
        with pytest.raises(Failed):
            driver.model("file://broken.joblib")
    assert len(checks) == 2
