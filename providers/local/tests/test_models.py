"""The model kind: versions in the local registry, a new version only when the artifact's
content changes, old versions kept until destroy, and unloadable artifacts refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from local_support import Driver, Failed, full_config
from mlinfra_provider_local.models import RESTORE_REASON

from mlinfra.values import UNKNOWN


@pytest.fixture
def artifact(trained: tuple[Driver, dict[str, Any]], workdir: Path) -> Path:
    """A copy of a pipeline-trained model file with its lineage, inside this test's workdir."""
    _, objs = trained
    source = Path(objs["pipeline"]["artifact"][len("file://") :])
    target = workdir / "runs-copy" / "model.joblib"
    target.parent.mkdir()
    shutil.copyfile(source, target)
    shutil.copyfile(source.parent / "lineage.json", target.parent / "lineage.json")
    return target


def test_registering_an_artifact_creates_version_one_with_metadata(
    driver: Driver, workdir: Path, artifact: Path
) -> None:
    model = driver.model("file://" + str(artifact))
    assert model["id"] == "iris/v1" and model["version"] == 1
    folder = workdir / ".mlinfra" / "local" / "registry" / "iris" / "v1"
    assert model["uri"] == "file://" + str(folder / "model.joblib")
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["digest"] == model["digest"] and meta["address"] == "model.iris"
    assert meta["source"]["run_id"] and "accuracy" in meta["source"]["metrics"]


def test_the_plan_of_a_new_model_knows_the_digest_but_not_the_version(
    driver: Driver, artifact: Path
) -> None:
    plan = driver.plan("model", "model.iris", None, full_config("model", artifact=str(artifact)))
    assert len(plan.planned["digest"]) == 64
    assert plan.planned["id"] is UNKNOWN and plan.planned["version"] is UNKNOWN


def test_an_unchanged_model_plans_no_change_on_top_of_what_read_returns(
    driver: Driver, artifact: Path
) -> None:
    cfg = full_config("model", artifact="file://" + str(artifact), framework="sklearn")
    model = driver.apply("model", "model.iris", cfg)
    refreshed = driver.read("model", "model.iris", model)
    assert refreshed == model
    assert driver.plan("model", "model.iris", refreshed, cfg).planned == model


def test_new_artifact_content_is_an_in_place_update_adding_a_version(
    driver: Driver, workdir: Path, artifact: Path
) -> None:
    cfg = full_config("model", artifact="file://" + str(artifact))
    v1 = driver.apply("model", "model.iris", cfg)
    artifact.write_bytes(artifact.read_bytes() + b"\0")  # joblib ignores trailing bytes
    plan = driver.plan("model", "model.iris", v1, cfg)
    assert plan.reason == "artifact content changed: a new model version"
    assert plan.planned["id"] is UNKNOWN and plan.planned["digest"] != v1["digest"]
    v2 = driver.apply("model", "model.iris", cfg, prior=v1)
    assert v2["id"] == "iris/v2" and v2["version"] == 2
    assert driver.read("model", "model.iris", v1) == v1, "the old version is kept"
    assert driver.find("model", "model.iris") == v2
    driver.destroy("model", "model.iris", v2)
    assert not (workdir / ".mlinfra").exists()


def test_the_same_content_at_a_new_uri_only_refreshes_the_metadata(
    driver: Driver, workdir: Path, artifact: Path
) -> None:
    v1 = driver.model("file://" + str(artifact))
    moved = workdir / "elsewhere.joblib"
    shutil.copyfile(artifact, moved)
    cfg = full_config(
        "model",
        artifact="file://" + str(moved),
        framework="sklearn",
        registry={"group": "g", "stage": "prod"},
    )
    plan = driver.plan("model", "model.iris", v1, cfg)
    assert plan.planned["id"] == "iris/v1"
    after = driver.apply("model", "model.iris", cfg, prior=v1)
    assert after["id"] == "iris/v1"
    meta = json.loads((workdir / ".mlinfra/local/registry/iris/v1/metadata.json").read_text())
    assert meta["stage"] == "prod"


def test_an_artifact_that_fails_to_load_is_refused(driver: Driver, workdir: Path) -> None:
    (workdir / "broken.joblib").write_bytes(b"this is not a model")
    with pytest.raises(Failed) as e:
        driver.model("file://broken.joblib")
    err = e.value.diagnostics.errors[0]
    assert err.summary == "Model artifact cannot be loaded" and "broken.joblib" in err.detail
    assert not (workdir / ".mlinfra").exists()


def test_a_missing_artifact_is_a_plan_error(driver: Driver) -> None:
    with pytest.raises(Failed) as e:
        driver.model("file://nowhere/model.joblib")
    assert e.value.diagnostics.errors[0].summary == "Model artifact not found"


def test_a_framework_other_than_scikit_learn_is_a_validation_error(driver: Driver) -> None:
    diags = driver.validate(
        "model", "model.m", full_config("model", artifact="file://m.pt", framework="pytorch")
    )
    assert diags.errors[0].summary == "Unsupported model framework"


def test_deleting_a_replaced_model_keeps_the_versions_its_replacement_added(
    driver: Driver, artifact: Path
) -> None:
    old = driver.model("file://" + str(artifact))
    new = driver.model("file://" + str(artifact))  # the create half of a create-before-destroy
    assert (old["id"], new["id"]) == ("iris/v1", "iris/v2")
    driver.destroy("model", "model.iris", old)
    assert driver.read("model", "model.iris", old) is None
    assert driver.read("model", "model.iris", new) == new


@pytest.mark.parametrize("damage", ["corrupt", "delete"])
def test_a_registered_file_changed_or_deleted_is_drift_that_apply_restores_in_place(
    driver: Driver, workdir: Path, artifact: Path, damage: str
) -> None:
    model = driver.model(f"file://{artifact}")
    registered = Path(model["uri"].removeprefix("file://"))
    if damage == "corrupt":
        registered.write_bytes(b"garbage")
    else:
        registered.unlink()
    drifted = driver.read("model", "model.iris", model)
    assert drifted is not None and drifted["digest"] != model["digest"]
    cfg = full_config("model", artifact=f"file://{artifact}", framework="sklearn")
    plan = driver.plan("model", "model.iris", drifted, cfg)
    assert plan.reason == RESTORE_REASON and plan.planned == model
    assert driver.apply("model", "model.iris", cfg, prior=drifted) == model
    assert registered.read_bytes() == artifact.read_bytes()
    assert driver.read("model", "model.iris", model) == model
    assert sorted(p.name for p in registered.parent.parent.iterdir()) == ["v1"]
    assert not list(registered.parent.glob(".*"))


def test_a_version_whose_record_is_gone_is_registered_again_leaving_no_debris(
    driver: Driver, artifact: Path
) -> None:
    model = driver.model(f"file://{artifact}")
    v1 = Path(model["uri"].removeprefix("file://")).parent
    (v1 / "metadata.json").unlink()
    assert driver.read("model", "model.iris", model) is None
    again = driver.model(f"file://{artifact}")
    assert again["id"] == "iris/v2" and not v1.exists()
    assert sorted(p.name for p in v1.parent.iterdir()) == ["v2"]


def test_a_version_whose_record_is_found_empty_is_no_version(driver: Driver, artifact: Path) -> None:
    # Truncated outside mlinfra, or by a file system that lost what it was given.
    model = driver.model(f"file://{artifact}")
    v1 = Path(model["uri"].removeprefix("file://")).parent
    (v1 / "metadata.json").write_bytes(b"")
    assert driver.read("model", "model.iris", model) is None
    assert driver.find("model", "model.iris") is None
    again = driver.model(f"file://{artifact}")
    assert again["id"] == "iris/v2" and not v1.exists()
    driver.destroy("model", "model.iris", again)
    assert not v1.parent.exists()


def test_a_registration_killed_before_its_record_was_renamed_into_place_leaves_no_version(
    driver: Driver, artifact: Path
) -> None:
    model = driver.model(f"file://{artifact}")
    v1 = Path(model["uri"].removeprefix("file://")).parent
    # What a kill between writing the record and renaming it leaves: the temporary file.
    (v1 / "metadata.json").rename(v1 / ".metadata.json.tmp")
    assert driver.read("model", "model.iris", model) is None
    assert driver.find("model", "model.iris") is None
    again = driver.model(f"file://{artifact}")
    assert again["id"] == "iris/v2" and not v1.exists()


def test_a_new_version_record_is_written_whole_under_its_own_name(
    driver: Driver, artifact: Path
) -> None:
    model = driver.model(f"file://{artifact}")
    v1 = Path(model["uri"].removeprefix("file://")).parent
    assert sorted(p.name for p in v1.iterdir()) == ["metadata.json", "model.joblib"]
    assert json.loads((v1 / "metadata.json").read_text())["attributes"] == model


def test_a_lineage_kept_from_an_earlier_registration_is_read_again_once_it_changes(
    driver: Driver, artifact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from mlinfra_provider_local import models

    # Ten seconds on: the lineage file counts as settled, so it is kept once read.
    later = time.time_ns() + 10_000_000_000
    monkeypatch.setattr(models.time, "time_ns", lambda: later)
    lineage = artifact.parent / "lineage.json"
    first = driver.model(f"file://{artifact}", name="a")
    run_a = json.loads(Path(first["uri"].removeprefix("file://")).with_name("metadata.json").read_text())
    assert driver.model(f"file://{artifact}", name="b")["digest"] == first["digest"]
    lineage.write_text(json.dumps({**json.loads(lineage.read_text()), "run_id": "another-run"}))
    again = driver.model(f"file://{artifact}", name="c")
    run_c = json.loads(Path(again["uri"].removeprefix("file://")).with_name("metadata.json").read_text())
    assert run_c["source"]["run_id"] == "another-run" != run_a["source"]["run_id"]
