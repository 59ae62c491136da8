"""``workspace list|show|new|select|delete``: one state per workspace."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mlinfra.cli.common import engine, workdir

workspace_app = typer.Typer(no_args_is_help=True, help="One state per workspace.")


def _store() -> Any:
    """The configured backend's workspaces; the local backend when there is no configuration."""
    from mlinfra.config import loader

    if not loader.config_files(workdir()):
        return None
    return engine().store()


@workspace_app.command("list")
def ws_list() -> None:
    """List the workspaces; * marks the selected one."""
    from mlinfra.states import workspaces

    cur = workspaces.current(workdir())
    for name in workspaces.list_workspaces(_store() or workdir()):
        typer.echo(("* " if name == cur else "  ") + name)


@workspace_app.command("show")
def ws_show() -> None:
    """Print the selected workspace's name."""
    from mlinfra.states import workspaces

    typer.echo(workspaces.current(workdir()))


@workspace_app.command("new")
def ws_new(name: Annotated[str, typer.Argument(metavar="NAME", help="The new workspace's name.")]) -> None:
    """Create a workspace with an empty state, and select it."""
    from mlinfra.states import workspaces

    workspaces.new(workdir(), name, _store())
    typer.echo(f'Created and switched to workspace "{name}"!')


@workspace_app.command("select")
def ws_select(name: Annotated[str, typer.Argument(metavar="NAME", help="An existing workspace.")]) -> None:
    """Select a workspace: later commands use its state."""
    from mlinfra.states import workspaces

    workspaces.select(workdir(), name, _store())
    typer.echo(f'Switched to workspace "{name}".')


@workspace_app.command("delete")
def ws_delete(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The workspace to delete.")],
    force: Annotated[bool, typer.Option("--force", help="Delete even when its state still records objects.")] = False,
) -> None:
    """Delete a workspace and its state (refused while it records objects, unless --force)."""
    from mlinfra.states import workspaces

    workspaces.delete(workdir(), name, force=force, store=_store())
    typer.echo(f'Deleted workspace "{name}"!')
