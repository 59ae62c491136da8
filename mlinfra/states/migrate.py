"""``mlinfra init``'s backend work: set a backend up, move states between backends.

``initialize`` compares the configured backend with the one recorded at the last
``init`` (``initdir``). Unchanged: nothing moves. Changed: ``migrate_state`` copies every
workspace's state from the old backend to the new one under both locks, refusing a
destination that already holds a different lineage (or a newer serial of the same one);
``reconfigure`` records the new backend and moves nothing; neither is an error naming
both. With an unchanged backend and ``migrate_state``, every workspace's state is
rewritten in place, which is how an explicit encryption migration (``migrate =
"from_unencrypted"`` / ``"to_unencrypted"``) is carried out. With no record yet, the
old backend is the local one when a local state exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinfra.states.backend import Backend, StateStore
from mlinfra.states.crypto import Codec
from mlinfra.states.errors import state_error
from mlinfra.states.initdir import BackendRecord, read_record, write_record


@dataclass
class InitResult:
    store: StateStore
    messages: list[str] = field(default_factory=list)


def _has_local_state(workdir: Path) -> bool:
    return (workdir / "mlinfra.state.json").exists() or (workdir / "mlinfra.state.d").is_dir()


def copy_state(src: Backend, dst: Backend, lock_timeout: float) -> str | None:
    """Copy ``src``'s state to ``dst`` under both locks; None when ``src`` has none."""
    src_lock = src.lock("migrate", lock_timeout)
    try:
        if not src.exists():
            return None
        state = src.read()
        dst_lock = dst.lock("migrate", lock_timeout)
        try:
            current = dst.read()
            if dst.exists() and current.lineage != state.lineage and not current.is_empty:
                raise state_error(
                    "Destination holds another state",
                    f"{dst.location} already holds a state of lineage {current.lineage} with "
                    f"{len(current.resources)} resource(s); the state being moved has lineage "
                    f"{state.lineage}. Nothing was moved. Pick another key/workspace, or move "
                    "that state away first.",
                )
            if dst.exists() and current.lineage == state.lineage and current.serial > state.serial:
                raise state_error(
                    "Destination holds a newer state",
                    f"{dst.location} has serial {current.serial}, newer than {state.serial} at "
                    f"{src.location}. Nothing was moved; check which state is current.",
                )
            if dst.exists() and current.lineage != state.lineage:
                state.serial = max(state.serial, current.serial)
                dst.write(_relineaged(current, state))
            else:
                dst.write(state)
        finally:
            dst.unlock(dst_lock)
    finally:
        src.unlock(src_lock)
    return f"- {src.workspace}: {src.location} -> {dst.location} ({len(state.resources)} resource(s))"


def _relineaged(current: Any, state: Any) -> Any:
    """``state`` under the lineage of an empty destination state it replaces."""
    from mlinfra.states.model import State

    return State(
        lineage=current.lineage,
        serial=max(state.serial, current.serial),
        resources=state.resources,
        outputs=state.outputs,
        data=state.data,
    )


def initialize(
    workdir: Path,
    backend_type: str,
    settings: dict[str, Any],
    extra: dict[str, Any],
    codec: Codec,
    *,
    migrate_state: bool = False,
    reconfigure: bool = False,
    lock_timeout: float = 0.0,
) -> InitResult:
    """Set the configured backend up; see the module docstring."""
    from mlinfra.states import open_store

    if migrate_state and reconfigure:
        raise state_error(
            "Conflicting init options",
            "-migrate-state moves the states to the new backend and -reconfigure forgets the "
            "old one without moving anything: give one of them.",
        )
    old = read_record(workdir)
    if not extra and old is not None and (old.type, old.settings) == (backend_type, settings):
        extra = old.extra  # a plain re-init keeps the -backend-config values given before
    new_record = BackendRecord(backend_type, dict(settings), dict(extra))
    new_store = open_store(workdir, backend_type, {**settings, **extra}, codec)
    result = InitResult(new_store)
    if old is None:
        old_type, old_settings = ("local", {}) if _has_local_state(workdir) else (None, {})
        same = old_type is None or (backend_type == "local" and not settings and not extra)
    else:
        old_type, old_settings = old.type, old.merged
        same = old.type == backend_type and old.merged == new_record.merged
    if same or reconfigure:
        if same and migrate_state:
            for ws in new_store.workspaces():
                backend = new_store.backend(ws)
                if backend.exists():
                    info = backend.lock("migrate", lock_timeout)
                    try:
                        backend.write(backend.read())
                    finally:
                        backend.unlock(info)
                    result.messages.append(f"- {ws}: rewritten at {backend.location}")
        write_record(workdir, new_record)
        return result
    if not migrate_state:
        raise state_error(
            "Backend configuration changed",
            f'The backend changed from "{old_type}" to "{backend_type}". Run mlinfra init '
            "-migrate-state to copy every workspace's state to the new backend, or mlinfra "
            "init -reconfigure to use the new backend without moving anything.",
        )
    if old is None:
        old_store = open_store(workdir, "local", {}, codec)
    else:
        old_store = open_store(workdir, old.type, old_settings, codec)
    for ws in old_store.workspaces():
        line = copy_state(old_store.backend(ws), new_store.backend(ws), lock_timeout)
        if line is not None:
            result.messages.append(line)
    write_record(workdir, new_record)
    return result
