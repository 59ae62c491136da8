"""Workspaces: one state per named workspace in a working directory.

The selected workspace is, in order: the ``MLINFRA_WORKSPACE`` environment variable, the
name stored in ``<workdir>/.mlinfra/environment``, or ``default`` (``current``, from
``mlinfra.states.selection``, which imports no backend). The default workspace
keeps its state at ``<workdir>/mlinfra.state.json`` (or the local backend's ``path``
setting); every other one at ``<workdir>/mlinfra.state.d/<name>/mlinfra.state.json``.
A workspace other than the default exists when its folder does. ``LocalStore`` is the
local backend as a ``StateStore``; the functions below take a working directory (the
local backend) or any ``StateStore`` (a remote backend keeps its workspaces itself, while
the selection stays in the working directory).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mlinfra import diagnostics
from mlinfra.states import local, local_files
from mlinfra.states.backend import Backend, StateStore
from mlinfra.states.crypto import PLAIN, Codec
from mlinfra.states.errors import state_error
from mlinfra.states.selection import DEFAULT as DEFAULT
from mlinfra.states.selection import ENV_VAR as ENV_VAR
from mlinfra.states.selection import current as current
from mlinfra.states.selection import environment_file as environment_file

STATE_FILE = "mlinfra.state.json"
WORKSPACES_DIR = "mlinfra.state.d"
_VALID_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def state_path(workdir: Path, name: str, settings: dict[str, Any] | None = None) -> Path:
    """Where the state of workspace ``name`` lives under the local backend."""
    custom = local.settings_path(workdir, settings)
    if name == DEFAULT:
        return custom if custom is not None else workdir / STATE_FILE
    return workdir / WORKSPACES_DIR / name / STATE_FILE


class LocalStore(StateStore):
    """The local backend: state files under a working directory."""

    kind = "local"

    def __init__(self, workdir: Path, settings: dict[str, Any], codec: Codec = PLAIN) -> None:
        local.settings_path(workdir, settings)  # validate the settings now
        self.workdir, self.settings, self.codec = workdir, settings, codec

    def workspaces(self) -> list[str]:
        return _local_names(self.workdir)

    def backend(self, workspace: str) -> Backend:
        path = state_path(self.workdir, workspace, self.settings)
        return local.LocalBackend(path, workspace, self.codec)

    def create_workspace(self, workspace: str) -> None:
        with local_files.os_errors("Failed to create the workspace", self.workdir / WORKSPACES_DIR):
            (self.workdir / WORKSPACES_DIR / workspace).mkdir(parents=True)

    def delete_workspace(self, workspace: str) -> None:
        import shutil

        folder = self.workdir / WORKSPACES_DIR / workspace
        with local_files.os_errors("Failed to delete the workspace", folder):
            shutil.rmtree(folder)


def _store(where: Path | StateStore) -> StateStore:
    return LocalStore(where, {}) if isinstance(where, Path) else where


def list_workspaces(where: Path | StateStore) -> list[str]:
    """Every workspace's name, sorted; ``default`` is always there."""
    return _store(where).workspaces()


def _local_names(workdir: Path) -> list[str]:
    names = {DEFAULT}
    root = workdir / WORKSPACES_DIR
    if root.is_dir():
        names.update(p.name for p in root.iterdir() if p.is_dir() and _VALID_NAME.match(p.name))
    return sorted(names)


def check_exists(where: Path | StateStore, name: str) -> None:
    """Raise a ``StateError`` (with the fix) when workspace ``name`` does not exist."""
    existing = list_workspaces(where)
    if name in existing:
        return
    place = where if isinstance(where, Path) else f"the {where.kind} backend"
    raise state_error(
        f'Workspace "{name}" does not exist',
        f"The workspaces in {place} are: {', '.join(existing)}."
        f"{diagnostics.suggestion(name, existing)} Create it with: mlinfra workspace new {name}",
    )


def _check_name(name: str) -> None:
    if not _VALID_NAME.match(name):
        raise state_error(
            "Invalid workspace name",
            f'"{name}" cannot name a workspace: use up to 64 letters, digits, "_", "-" or ".", '
            "starting with a letter or a digit.",
        )


def _check_not_overridden(name: str) -> None:
    env = os.environ.get(ENV_VAR, "").strip()
    if env and env != name:
        raise state_error(
            "The selected workspace is overridden",
            f'The {ENV_VAR} environment variable selects "{env}". Unset it to select another '
            "workspace.",
        )


def _store_selection(workdir: Path, name: str) -> None:
    path = environment_file(workdir)
    path.parent.mkdir(parents=True, exist_ok=True)
    local_files.atomic_write(path, (name + "\n").encode("utf-8"))


def new(workdir: Path, name: str, store: StateStore | None = None) -> None:
    """Create workspace ``name`` in ``store`` (None: the local backend) and select it."""
    _check_name(name)
    store = store or LocalStore(workdir, {})
    if name in store.workspaces():
        raise state_error(
            f'Workspace "{name}" already exists',
            f"Select it with: mlinfra workspace select {name}",
        )
    _check_not_overridden(name)
    store.create_workspace(name)
    with local_files.os_errors("Failed to create the workspace", environment_file(workdir)):
        _store_selection(workdir, name)


def select(workdir: Path, name: str, store: StateStore | None = None) -> None:
    """Select the existing workspace ``name``."""
    check_exists(store or workdir, name)
    _check_not_overridden(name)
    with local_files.os_errors("Failed to select the workspace", environment_file(workdir)):
        _store_selection(workdir, name)


def delete(workdir: Path, name: str, force: bool = False, store: StateStore | None = None) -> None:
    """Delete workspace ``name`` and its state.

    Refuses the default workspace, the selected one, and (unless ``force``) one whose
    state still lists resources, which would otherwise be left running untracked.
    """
    if name == DEFAULT:
        raise state_error(
            "Cannot delete the default workspace", "The default workspace always exists."
        )
    store = store or LocalStore(workdir, {})
    check_exists(store, name)
    if name == current(workdir):
        raise state_error(
            f'Cannot delete the selected workspace "{name}"',
            f"Select another workspace first: mlinfra workspace select {DEFAULT}",
        )
    backend = store.backend(name)
    info = backend.lock("workspace delete")
    try:
        state = backend.read()
        if not state.is_empty and not force:
            raise state_error(
                f'Workspace "{name}" is not empty',
                f"Its state at {backend.location} still lists {len(state.resources)} resource(s), "
                "which would no longer be managed. Destroy them first (mlinfra destroy in "
                "that workspace), or delete anyway with --force.",
            )
    finally:
        backend.unlock(info)
    store.delete_workspace(name)
