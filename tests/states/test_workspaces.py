"""Workspaces keep one state each; selecting, creating and deleting them is guarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlinfra.states import StateError, open_backend, workspaces
from mlinfra.states.model import State


@pytest.fixture(autouse=True)
def no_workspace_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(workspaces.ENV_VAR, raising=False)


def _detail(err: pytest.ExceptionInfo[StateError]) -> str:
    return err.value.diagnostics.items[0].detail


def test_a_fresh_directory_has_only_the_default_workspace_selected(tmp_path: Path) -> None:
    assert workspaces.current(tmp_path) == "default"
    assert workspaces.list_workspaces(tmp_path) == ["default"]


def test_new_creates_and_selects_a_workspace(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "staging")
    assert workspaces.current(tmp_path) == "staging"
    assert workspaces.list_workspaces(tmp_path) == ["default", "staging"]
    assert (tmp_path / ".mlinfra" / "environment").read_text() == "staging\n"


def test_each_workspace_has_its_own_state_file(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "prod")
    prod = open_backend(tmp_path)
    assert (prod.workspace, prod.path) == (
        "prod",
        tmp_path / "mlinfra.state.d" / "prod" / "mlinfra.state.json",
    )
    prod.write(State())
    default = open_backend(tmp_path, workspace="default")
    assert default.path == tmp_path / "mlinfra.state.json"
    assert default.read().serial == 0 and prod.read().serial == 1


def test_a_custom_path_applies_to_the_default_workspace_only(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "prod")
    settings = {"path": "custom.json"}
    assert (
        open_backend(tmp_path, settings=settings, workspace="default").path
        == tmp_path / "custom.json"
    )
    assert open_backend(tmp_path, settings=settings).path.parent.name == "prod"


def test_the_environment_variable_wins_over_the_stored_selection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspaces.new(tmp_path, "staging")
    workspaces.new(tmp_path, "prod")
    monkeypatch.setenv(workspaces.ENV_VAR, "staging")
    assert workspaces.current(tmp_path) == "staging"
    assert open_backend(tmp_path).workspace == "staging"


def test_selecting_while_the_environment_variable_overrides_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspaces.new(tmp_path, "staging")
    monkeypatch.setenv(workspaces.ENV_VAR, "default")
    with pytest.raises(StateError, match="overridden"):
        workspaces.select(tmp_path, "staging")


def test_select_switches_between_existing_workspaces(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "staging")
    workspaces.select(tmp_path, "default")
    assert workspaces.current(tmp_path) == "default"
    workspaces.select(tmp_path, "staging")
    assert workspaces.current(tmp_path) == "staging"


def test_selecting_a_missing_workspace_suggests_the_closest_name(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "staging")
    with pytest.raises(StateError, match='Workspace "stagin" does not exist') as caught:
        workspaces.select(tmp_path, "stagin")
    assert 'Did you mean "staging"?' in _detail(caught)
    assert "mlinfra workspace new stagin" in _detail(caught)


def test_opening_the_backend_of_a_missing_workspace_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="does not exist"):
        open_backend(tmp_path, workspace="ghost")


def test_creating_an_existing_workspace_is_refused(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "staging")
    with pytest.raises(StateError, match="already exists"):
        workspaces.new(tmp_path, "staging")
    with pytest.raises(StateError, match="already exists"):
        workspaces.new(tmp_path, "default")


@pytest.mark.parametrize("name", ["", "a/b", "..", "-x", "has space", "x" * 65])
def test_invalid_workspace_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(StateError, match="Invalid workspace name"):
        workspaces.new(tmp_path, name)


def test_the_default_workspace_cannot_be_deleted(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "staging")
    with pytest.raises(StateError, match="Cannot delete the default workspace"):
        workspaces.delete(tmp_path, "default")


def test_the_selected_workspace_cannot_be_deleted(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "staging")
    with pytest.raises(StateError, match="Cannot delete the selected workspace"):
        workspaces.delete(tmp_path, "staging")


def test_a_workspace_whose_state_has_resources_is_deleted_only_with_force(
    tmp_path: Path, make_resource
) -> None:
    workspaces.new(tmp_path, "staging")
    backend = open_backend(tmp_path)
    state = backend.read()
    state.resources["model.m"] = make_resource("model.m")
    backend.write(state)
    workspaces.select(tmp_path, "default")
    with pytest.raises(StateError, match='Workspace "staging" is not empty') as caught:
        workspaces.delete(tmp_path, "staging")
    assert "--force" in _detail(caught)
    workspaces.delete(tmp_path, "staging", force=True)
    assert workspaces.list_workspaces(tmp_path) == ["default"]


def test_an_empty_workspace_is_deleted_with_its_folder(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "scratch")
    open_backend(tmp_path).write(State())
    workspaces.select(tmp_path, "default")
    workspaces.delete(tmp_path, "scratch")
    assert not (tmp_path / "mlinfra.state.d" / "scratch").exists()


def test_a_workspace_locked_by_a_running_operation_is_not_deleted(tmp_path: Path) -> None:
    workspaces.new(tmp_path, "busy")
    backend = open_backend(tmp_path)
    info = backend.lock("apply")
    workspaces.select(tmp_path, "default")
    with pytest.raises(StateError, match="Error acquiring the state lock"):
        workspaces.delete(tmp_path, "busy", force=True)
    backend.unlock(info)
    workspaces.delete(tmp_path, "busy", force=True)
