"""`show`, `output`, `graph`, `init`, `import` and `providers`: commands that read the
configuration or the state and report on it."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from mlinfra import diagnostics as d
from mlinfra.cli import usage
from mlinfra.cli.app import LockTimeoutOpt, VarFileOpt, VarOpt, _show_plan, engine, in_workdir
from mlinfra.diagnostics import DiagnosticsError


def show(
    planfile: Annotated[
        Path | None, typer.Argument(metavar="PLANFILE", help="A saved plan; without it, the state.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (Terraform's shapes) instead of text.")] = False,
) -> None:
    """Show the state, or a saved plan."""
    if planfile is not None:
        from mlinfra.plans.planfile import load_plan

        _show_plan(load_plan(in_workdir(planfile), engine().codec()), "json" if json_out else "text")
        return
    from mlinfra.cli.state_cmds import print_state

    print_state(engine().read_state(), json_out)


def output(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="One output; without it, all of them.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the value(s) as JSON.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Print one string, number or bool value as is.")] = False,
) -> None:
    """Print output values from the state."""
    usage.refuse_together({"--raw": raw, "--json": json_out})
    if raw and name is None:
        raise DiagnosticsError(d.error("Output name required", "--raw prints one output: mlinfra output --raw NAME."))
    state = engine().read_state()
    outs = state.outputs
    if name is not None:
        if name not in outs:
            raise DiagnosticsError(
                d.error("Output not found", f'The output "{name}" is not in the state.{d.suggestion(name, outs)} Run apply first?')
            )
        v = outs[name].value
        if raw:
            if isinstance(v, dict | list):
                raise DiagnosticsError(d.error("Unsupported value for --raw", "--raw prints only strings, numbers and bools."))
            typer.echo(v if not isinstance(v, bool) else str(v).lower())
        elif json_out:
            typer.echo(json.dumps(v, sort_keys=True))
        else:
            from mlinfra.plans.render_text import render_outputs

            typer.echo(render_outputs({name: (v, False)}).split("\n", 2)[-1])
        return
    if json_out:
        typer.echo(json.dumps({k: {"value": None if o.sensitive else o.value, "sensitive": o.sensitive} for k, o in outs.items()}, indent=2, sort_keys=True))
        return
    if not outs:
        typer.echo(
            "Warning: No outputs found\n\nThe state has no outputs. Declare output blocks and run "
            "mlinfra apply to record them.",
            err=True,
        )
        return
    from mlinfra.plans.render_text import render_outputs

    typer.echo(render_outputs({k: (o.value, o.sensitive) for k, o in outs.items()}))


def graph(
    format: Annotated[str, typer.Option("--format", metavar="dot|mermaid|json", help="The graph's notation.")] = "dot",
) -> None:
    """Print the dependency graph."""
    from mlinfra.graph import render

    if format not in ("dot", "mermaid", "json"):
        raise DiagnosticsError(d.error("Invalid --format", f'"{format}" is not one of dot, mermaid, json.'))
    eng = engine()
    config = eng.load()
    typer.echo(render(eng.graph(config), format, {k: r.provider for k, r in config.resources.items()}))


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


def import_(
    address: Annotated[str, typer.Argument(metavar="ADDRESS", help="The resource address, e.g. endpoint.churn.")],
    object_id: Annotated[str, typer.Argument(metavar="ID", help="The object's id in its provider.")],
    var: VarOpt = None,
    var_file: VarFileOpt = None,
    lock_timeout: LockTimeoutOpt = 0.0,
) -> None:
    """Adopt an existing object into the state."""
    rec = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout).import_resource(address, object_id)
    typer.echo(f"{rec.address}: Import prepared! id={rec.id}\n\nImport successful!")


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


COMMANDS: dict[str, Callable[..., None]] = {
    "show": show,
    "output": output,
    "graph": graph,
    "init": init,
    "import": import_,
    "providers": providers,
}
