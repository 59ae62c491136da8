"""The dataset kind: every source materialises a CSV with a content digest, the URI is
content-addressed, and editing a file:// source is a change in the next plan."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from local_support import Driver, Failed, full_config

from mlinfra.values import UNKNOWN


def rows(uri: str) -> list[list[str]]:
    with Path(uri[len("file://") :]).open() as f:
        return list(csv.reader(f))


@pytest.mark.parametrize(
    ("source", "n_rows", "n_columns"),
    [
        ("sklearn:iris", 150, 5),
        ("sklearn:wine", 178, 14),
        ("sklearn:breast_cancer", 569, 31),
        ("sklearn:diabetes", 442, 11),
        ("synthetic:classification?n_samples=60&n_features=3&seed=1", 60, 4),
        ("synthetic:regression?n_samples=40&n_features=2&seed=2", 40, 3),
    ],
)
def test_each_bundled_and_generated_source_becomes_a_csv_with_a_target_column(
    driver: Driver, source: str, n_rows: int, n_columns: int
) -> None:
    attrs = driver.dataset("d", source=source)
    table = rows(attrs["uri"])
    assert table[0][-1] == "target"
    assert len(table) == n_rows + 1 and len(table[0]) == n_columns
    assert attrs["digest"] in attrs["uri"] or attrs["uri"].startswith("file://")
    assert len(attrs["digest"]) == 64 and attrs["version"] == attrs["digest"][:12]
    assert attrs["id"] == "d" and attrs["source"] == source


def test_materialised_files_live_under_the_provider_folder_with_a_sidecar(
    driver: Driver, workdir: Path
) -> None:
    attrs = driver.dataset()
    path = Path(attrs["uri"][len("file://") :])
    assert path.is_relative_to(workdir / ".mlinfra" / "local" / "datasets" / "iris")
    sidecar = json.loads((path.parent / "dataset.json").read_text())
    assert sidecar["target"] == "target" and sidecar["digest"] == attrs["digest"]
    assert sidecar["address"] == "dataset.iris"


def test_generated_sources_are_deterministic(driver: Driver) -> None:
    a = driver.dataset("a", source="synthetic:classification?n_samples=50&seed=3")
    b = driver.dataset("b", source="synthetic:classification?n_samples=50&seed=3")
    c = driver.dataset("c", source="synthetic:classification?n_samples=50&seed=4")
    assert a["digest"] == b["digest"] != c["digest"]


def test_a_relative_csv_file_is_read_from_the_configuration_directory(
    driver: Driver, workdir: Path
) -> None:
    (workdir / "data").mkdir()
    (workdir / "data" / "x.csv").write_text("a,b,label\n1,2,0\n3,4,1\n")
    attrs = driver.dataset("x", source="file://data/x.csv", target="label")
    assert rows(attrs["uri"]) == [["a", "b", "label"], ["1", "2", "0"], ["3", "4", "1"]]
    assert (
        json.loads((Path(attrs["uri"][7:]).parent / "dataset.json").read_text())["target"]
        == "label"
    )


def test_an_unchanged_dataset_plans_no_change_on_top_of_what_read_returns(
    driver: Driver, workdir: Path
) -> None:
    (workdir / "x.csv").write_text("a,target\n1,0\n2,1\n")
    for source in ("sklearn:iris", "file://x.csv"):
        cfg = full_config("dataset", source=source)
        attrs = driver.apply("dataset", "dataset.d", cfg)
        refreshed = driver.read("dataset", "dataset.d", attrs)
        assert refreshed == attrs
        assert driver.plan("dataset", "dataset.d", refreshed, cfg).planned == refreshed


def test_editing_a_csv_file_is_a_change_with_a_new_digest_and_uri(
    driver: Driver, workdir: Path
) -> None:
    (workdir / "x.csv").write_text("a,target\n1,0\n2,1\n")
    cfg = full_config("dataset", source="file://x.csv")
    before = driver.apply("dataset", "dataset.d", cfg)
    (workdir / "x.csv").write_text("a,target\n1,0\n2,1\n3,1\n")
    plan = driver.plan("dataset", "dataset.d", before, cfg)
    assert plan.reason == "content changed"
    assert plan.planned["digest"] != before["digest"] and plan.planned["uri"] != before["uri"]
    after = driver.apply("dataset", "dataset.d", cfg, prior=before)
    assert after["digest"] == plan.planned["digest"] and after["uri"] == plan.planned["uri"]
    assert not Path(before["uri"][7:]).exists()


def test_a_generated_dataset_to_be_created_has_unknown_outputs(driver: Driver) -> None:
    planned = driver.plan(
        "dataset", "dataset.d", None, full_config("dataset", source="sklearn:wine")
    ).planned
    assert planned["id"] == "d" and planned["digest"] is UNKNOWN and planned["uri"] is UNKNOWN


def test_a_missing_csv_is_a_plan_error_naming_the_file(driver: Driver) -> None:
    with pytest.raises(Failed) as e:
        driver.dataset("x", source="file://nope/missing.csv")
    assert e.value.diagnostics.errors[0].summary == "Dataset file not found"
    assert "missing.csv" in e.value.diagnostics.errors[0].detail


def test_a_csv_without_the_target_column_is_an_error_with_a_suggestion(
    driver: Driver, workdir: Path
) -> None:
    (workdir / "x.csv").write_text("a,lable\n1,0\n")
    with pytest.raises(Failed) as e:
        driver.dataset("x", source="file://x.csv", target="label")
    err = e.value.diagnostics.errors[0]
    assert err.summary == "Target column not found" and 'Did you mean "lable"?' in err.detail


def test_an_unknown_bundled_dataset_is_a_validation_error_with_a_suggestion(driver: Driver) -> None:
    diags = driver.validate("dataset", "dataset.x", full_config("dataset", source="sklearn:irsi"))
    assert diags.errors[0].summary == "Unknown scikit-learn dataset"
    assert 'Did you mean "iris"?' in diags.errors[0].detail


def test_find_adopts_a_dataset_by_its_address_and_destroy_removes_its_files(
    driver: Driver, workdir: Path
) -> None:
    attrs = driver.dataset()
    assert driver.find("dataset", "dataset.iris") == attrs
    assert driver.find("dataset", "dataset.other") is None
    driver.destroy("dataset", "dataset.iris", attrs)
    assert not (workdir / ".mlinfra").exists()
    assert driver.read("dataset", "dataset.iris", attrs) is None


@pytest.mark.parametrize(
    ("args", "summary", "hint"),
    [
        ({"source": "synthetic:clasification"}, "Unknown synthetic dataset", '"classification"'),
        (
            {"source": "synthetic:regression?n_sample=5"},
            "Unknown synthetic dataset parameter",
            '"n_samples"',
        ),
        (
            {"source": "synthetic:regression?noise=loud"},
            "Invalid synthetic dataset parameter",
            "noise",
        ),
        ({"source": "s3://bucket/x.csv"}, "Unsupported dataset source", "s3://bucket/x.csv"),
        ({"source": "sklearn:iris", "format": "parquet"}, "Unsupported dataset format", "parquet"),
    ],
)
def test_sources_and_formats_the_local_provider_cannot_read_are_validation_errors(
    driver: Driver, args: dict[str, str], summary: str, hint: str
) -> None:
    errors = driver.validate("dataset", "dataset.x", full_config("dataset", **args)).errors
    assert errors and errors[0].summary == summary and hint in errors[0].detail


@pytest.mark.parametrize("emptied", ["dataset.json", "data.csv"])
def test_a_dataset_whose_files_are_found_empty_is_gone_and_made_again(
    driver: Driver, emptied: str
) -> None:
    # The data is written unsynced: after a power loss it may be there but empty while
    # the state's journal records the dataset (or a file was truncated outside mlinfra).
    attrs = driver.dataset()
    folder = Path(attrs["uri"][len("file://") :]).parent
    (folder / emptied).write_bytes(b"")
    assert driver.read("dataset", "dataset.iris", attrs) is None
    again = driver.dataset()
    assert again == attrs
    assert driver.read("dataset", "dataset.iris", again) == attrs
    assert sorted(p.name for p in folder.parent.iterdir()) == [folder.name]
    assert json.loads((folder / "dataset.json").read_text())["attributes"] == attrs


def test_a_materialisation_that_fails_leaves_nothing_behind(
    driver: Driver, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlinfra_provider_local import datasets

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(datasets, "write_new_record", refuse)
    with pytest.raises(Failed, match="No space left"):
        driver.dataset()
    assert not (workdir / ".mlinfra" / "local" / "datasets" / "iris").exists()
