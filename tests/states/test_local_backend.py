"""The local backend reads, writes, backs up and upgrades state files, and says what is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import mlinfra
from mlinfra.diagnostics import render
from mlinfra.states import StateError, open_backend
from mlinfra.states.local import LocalBackend
from mlinfra.states.local_files import encode_state
from mlinfra.states.model import FORMAT_VERSION, State
from mlinfra.states.upgrade import UPGRADES

GOLDEN_CASES = ["roundtrip-empty", "roundtrip-full", "v0-basic"]


def _install(testdata: Path, case: str, backend: LocalBackend) -> None:
    shutil.copy(testdata / f"{case}.json", backend.path)


def _expected_written(testdata: Path, case: str) -> bytes:
    doc = json.loads((testdata / f"{case}.written.json").read_text(encoding="utf-8"))
    doc["mlinfra_version"] = mlinfra.__version__
    return encode_state(doc)


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_reading_then_writing_a_state_gives_the_golden_file(
    case: str, testdata: Path, backend: LocalBackend
) -> None:
    _install(testdata, case, backend)
    backend.write(backend.read())
    assert backend.path.read_bytes() == _expected_written(testdata, case)


@pytest.mark.parametrize("case", ["roundtrip-empty", "roundtrip-full"])
def test_a_current_state_file_is_already_in_canonical_form(
    case: str, testdata: Path, backend: LocalBackend
) -> None:
    _install(testdata, case, backend)
    assert encode_state(backend.read().to_json()) == (testdata / f"{case}.json").read_bytes()


def test_writing_twice_changes_nothing_but_the_serial(
    testdata: Path, backend: LocalBackend
) -> None:
    _install(testdata, "roundtrip-full", backend)
    first = backend.write(backend.read())
    once = backend.path.read_text(encoding="utf-8")
    second = backend.write(backend.read())
    assert second.serial == first.serial + 1
    assert backend.path.read_text(encoding="utf-8") == once.replace(
        f'"serial": {first.serial}', f'"serial": {second.serial}'
    )


def test_a_missing_state_file_reads_as_an_empty_state_with_a_fresh_lineage(
    backend: LocalBackend,
) -> None:
    a, b = backend.read(), backend.read()
    assert a.serial == 0 and a.is_empty and not a.outputs
    assert a.lineage != b.lineage


def test_write_bumps_the_serial_and_stamps_the_versions(
    backend: LocalBackend, make_resource
) -> None:
    state = backend.read()
    state.resources["model.m"] = make_resource("model.m", a=1)
    written = backend.write(state)
    assert (written.serial, written.mlinfra_version, written.format_version) == (
        1,
        mlinfra.__version__,
        FORMAT_VERSION,
    )
    again = backend.read()
    assert again.to_json() == written.to_json()
    assert backend.write(again).serial == 2


def test_the_previous_state_is_kept_as_backup(backend: LocalBackend, make_resource) -> None:
    state = backend.read()
    state.resources["model.old"] = make_resource("model.old")
    backend.write(state)
    before = backend.path.read_bytes()
    state = backend.read()
    state.resources = {"model.new": make_resource("model.new")}
    backend.write(state)
    assert backend.backup_path.read_bytes() == before
    assert "model.new" in backend.read().resources


def test_an_atomic_write_leaves_no_temp_files(backend: LocalBackend, make_resource) -> None:
    for i in range(3):
        state = backend.read()
        state.resources[f"model.m{i}"] = make_resource(f"model.m{i}")
        backend.write(state)
    names = sorted(p.name for p in backend.path.parent.iterdir())
    assert names == ["mlinfra.state.json", "mlinfra.state.json.backup"]


def test_a_corrupt_state_file_is_reported_with_its_line_column_and_backup(
    backend: LocalBackend,
) -> None:
    backend.path.write_text('{\n  "format_version": 1,\n  "serial": 3\n  "lineage": "x"\n}\n')
    with pytest.raises(StateError) as caught:
        backend.read()
    diag = caught.value.diagnostics.items[0]
    assert diag.summary == "Failed to load state"
    assert str(backend.path) in diag.detail and "line 4, column 3" in diag.detail
    assert "mlinfra.state.json.backup" in diag.detail
    assert diag.range is not None and (diag.range.start_line, diag.range.start_column) == (4, 3)
    assert "line 4" in render(diag)


def test_a_state_missing_required_fields_is_a_located_error_not_a_crash(
    backend: LocalBackend,
) -> None:
    backend.path.write_text(json.dumps({"format_version": 1, "serial": 1}))
    with pytest.raises(StateError, match="Failed to load state") as caught:
        backend.read()
    assert "lineage" in caught.value.diagnostics.items[0].detail


def test_a_file_without_a_version_is_not_taken_for_a_state(backend: LocalBackend) -> None:
    backend.path.write_text("[1, 2, 3]")
    with pytest.raises(StateError, match="Failed to load state"):
        backend.read()


def test_a_state_from_a_newer_mlinfra_is_refused_naming_both_versions(
    backend: LocalBackend,
) -> None:
    doc = State(serial=3).to_json() | {
        "format_version": FORMAT_VERSION + 1,
        "mlinfra_version": "9.9.0",
    }
    backend.path.write_text(json.dumps(doc))
    with pytest.raises(StateError) as caught:
        backend.read()
    diag = caught.value.diagnostics.items[0]
    assert diag.summary == "State file was written by a newer mlinfra"
    assert f"format version {FORMAT_VERSION + 1}" in diag.detail
    assert f"up to {FORMAT_VERSION}" in diag.detail and "9.9.0" in diag.detail


def test_every_older_format_has_an_upgrade_step() -> None:
    assert sorted(UPGRADES) == list(range(FORMAT_VERSION))


def test_a_v0_state_is_upgraded_in_memory_and_left_untouched_on_disk(
    testdata: Path, backend: LocalBackend
) -> None:
    _install(testdata, "v0-basic", backend)
    state = backend.read()
    assert state.format_version == FORMAT_VERSION and state.serial == 9
    assert state.resources["endpoint.iris"].status == "tainted"
    assert state.resources["model.iris"].status == "ready"
    assert state.resources["endpoint.iris"].private == {"pid": 4242}
    assert backend.path.read_bytes() == (testdata / "v0-basic.json").read_bytes()


def test_open_backend_uses_the_working_directory_state_file(tmp_path: Path) -> None:
    b = open_backend(tmp_path)
    assert (b.path, b.workspace) == (tmp_path / "mlinfra.state.json", "default")


def test_open_backend_honours_a_relative_or_absolute_path_setting(tmp_path: Path) -> None:
    assert (
        open_backend(tmp_path, settings={"path": "state/prod.json"}).path
        == tmp_path / "state/prod.json"
    )
    elsewhere = tmp_path / "x" / "s.json"
    b = open_backend(tmp_path, settings={"path": str(elsewhere)})
    b.write(b.read())
    assert elsewhere.exists()


def test_an_unknown_backend_type_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="Unsupported backend") as caught:
        open_backend(tmp_path, "locall")
    assert 'Did you mean "local"?' in caught.value.diagnostics.items[0].detail


def test_an_unknown_local_setting_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="Unsupported backend setting") as caught:
        open_backend(tmp_path, settings={"pathh": "x.json"})
    assert 'Did you mean "path"?' in caught.value.diagnostics.items[0].detail


def test_a_state_that_cannot_be_written_is_a_diagnostic_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")
    backend = LocalBackend(tmp_path / "not-a-folder" / "mlinfra.state.json")
    with pytest.raises(StateError, match="Failed to write state") as caught:
        backend.write(State())
    assert "not-a-folder" in caught.value.diagnostics.items[0].detail
    with pytest.raises(StateError, match="Error acquiring the state lock"):
        backend.lock("apply")


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_written_state_files_match_the_published_json_schema(case: str, testdata: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).resolve().parents[2] / "schemas" / "state.schema.json"
    if not schema_path.exists():
        pytest.skip("no published state schema")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(_expected_written(testdata, case)), schema)
