"""``init`` and ``providers``: check that the configuration's providers are installed,
and set the backend up."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from mlinfra import diagnostics as d
from mlinfra.cli.common import engine
from mlinfra.cli.options import LockTimeoutOpt, VarFileOpt, VarOpt
from mlinfra.diagnostics import DiagnosticsError


def init(
    migrate_state: Annotated[bool, typer.Option("--migrate-state", "-migrate-state", help="Copy every workspace's state from the previous backend to the configured one.")] = False,
    reconfigure: Annotated[bool, typer.Option("--reconfigure", "-reconfigure", help="Use the configured backend without moving any state from the previous one.")] = False,
    backend_config: Annotated[list[str] | None, typer.Option("--backend-config", "-backend-config", help="A backend setting KEY=VALUE, or a file of them (repeatable); kept out of the configuration.")] = None,
    lock_timeout: LockTimeoutOpt = 0.0,
    var: VarOpt = None,
    var_file: VarFileOpt = None,
) -> None:
    """Check that providers are installed and set the backend up; create the state."""
    from mlinfra.providers import registry
    from mlinfra.states import initdir, migrate, workspaces

    eng = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout)
    from mlinfra.config import loader

    fetched, found = loader.install_modules(eng.workdir, eng.cache_dir)
    if fetched:
        typer.echo("Initializing modules...\n" + "\n".join(fetched))
    found.raise_if_errors()
    config = eng.load()
    diags = d.Diagnostics()
    installed = registry.installed()
    for name in sorted(config.provider_names()):
        try:
            registry.load(name)
            info = installed.get(name)
            typer.echo(f"- provider {name}: {info.distribution} {info.version}" if info else f"- provider {name}")
        except DiagnosticsError as e:
            diags.extend(e.diagnostics)
    diags.raise_if_errors()
    extra = initdir.parse_backend_config(backend_config or [], eng.workdir)
    result = migrate.initialize(
        eng.workdir,
        config.backend_type,
        config.backend_settings,
        extra,
        eng.codec(config),
        migrate_state=migrate_state,
        reconfigure=reconfigure,
        lock_timeout=lock_timeout,
    )
    if result.messages:
        typer.echo("\nStates moved:\n" + "\n".join(result.messages))
    workspaces.check_exists(result.store, eng.workspace)
    backend = result.store.backend(eng.workspace)
    if not backend.exists():
        lock = backend.lock("init", lock_timeout)
        try:
            if not backend.exists():
                backend.write(backend.read())
        finally:
            backend.unlock(lock)
    where = backend.path.name if config.backend_type == "local" else backend.location
    typer.echo(
        f'\nmlinfra has been successfully initialized! (backend: {config.backend_type}, state: {where}, workspace: {eng.workspace})'
    )


def providers() -> None:
    """List installed providers and which the configuration uses."""
    from mlinfra.providers import registry

    used: set[str] = set()
    with contextlib.suppress(DiagnosticsError):
        used = engine().load().provider_names()
    for name, info in registry.installed().items():
        mark = "*" if name in used else " "
        typer.echo(f"{mark} {name:10} {info.distribution or '?'} {info.version or ''}".rstrip())
    for name in sorted(used - set(registry.installed())):
        hint = registry.install_hint(name)
        typer.echo(f"! {name:10} not installed" + (f" ({hint})" if hint else " (no such provider is published)"))
