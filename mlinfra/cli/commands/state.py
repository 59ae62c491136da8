"""``state list|show|rm|mv|pull|push``, ``import`` and ``force-unlock``: direct work on
the recorded state."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.cli.common import engine, in_workdir
from mlinfra.cli.options import LockTimeoutOpt, VarFileOpt, VarOpt
from mlinfra.diagnostics import DiagnosticsError

state_app = typer.Typer(no_args_is_help=True, help="Read and edit the state.")


def _user_addresses(texts: list[str], *, kinds: bool = False) -> list[addrs.Address | str]:
    """The addresses a user typed, each an ``Address`` (or, with ``kinds``, a bare kind
    such as ``model`` to filter by); every malformed one is a user error, reported together."""
    out: list[addrs.Address | str] = []
    diags = d.Diagnostics()
    for text in texts:
        if kinds and text.strip() in addrs.KINDS:
            out.append(text.strip())
            continue
        try:
            out.append(addrs.parse(text, module_ok=True))
        except addrs.AddressError as e:
            hint = " To list every resource of a kind, give the kind alone (mlinfra state list model)." if kinds else ""
            diags.add(d.error("Invalid address", f"{e}.{hint}"))
    diags.raise_if_errors()
    return out


def _one_address(text: str) -> addrs.Address:
    found = _user_addresses([text])[0]
    assert isinstance(found, addrs.Address)
    return found


def _selected(address: str, wanted: list[addrs.Address | str]) -> bool:
    a = addrs.of(address)
    return not wanted or any(a.kind == w if isinstance(w, str) else a.matches(w) for w in wanted)


@state_app.command("list")
def state_list(
    addresses: Annotated[
        list[str] | None,
        typer.Argument(metavar="ADDRESS", help="Only these: KIND.NAME, an instance KIND.NAME[KEY], or a kind alone."),
    ] = None,
) -> None:
    """List resources in the state (optionally only those matching ADDRESSES: KIND.NAME,
    an instance KIND.NAME[KEY], or a kind alone)."""
    wanted = _user_addresses(addresses or [], kinds=True)
    state = engine().read_state()
    for addr in sorted(state.resources, key=lambda a: addrs.of(a).sort_key()):
        if _selected(addr, wanted):
            typer.echo(addr)


@state_app.command("show")
def state_show(address: Annotated[str, typer.Argument(metavar="ADDRESS", help="The resource instance, e.g. endpoint.iris.")]) -> None:
    """Show one resource's attributes."""
    state = engine().read_state()
    if address not in state.resources:
        raise DiagnosticsError(
            d.error("No instance found for the given address", f"{address} is not in the state.{d.suggestion(address, state.resources)}")
        )
    from mlinfra.cli.views.state import render_resource

    typer.echo(render_resource(state.resources[address]))


def _locked_edit(edit: Any) -> None:
    eng = engine()
    backend = eng.backend()
    lock = backend.lock("state", eng.lock_timeout)
    try:
        state = backend.read()
        edit(state)
        backend.write(state)
    finally:
        backend.unlock(lock)


@state_app.command("rm")
def state_rm(
    addresses: Annotated[list[str], typer.Argument(metavar="ADDRESS", help="The resources to forget.")],
) -> None:
    """Forget resources without destroying them."""

    wanted = [a for a in _user_addresses(addresses) if isinstance(a, addrs.Address)]

    def edit(state: Any) -> None:
        gone = [a for a, rec in state.resources.items() if any(rec.addr.matches(w) for w in wanted)]
        if not gone:
            raise DiagnosticsError(d.error("Invalid target address", f"No matching objects found for {', '.join(addresses)}."))
        for a in gone:
            del state.resources[a]
            typer.echo(f"Removed {a}")
        typer.echo(f"Successfully removed {len(gone)} resource instance(s).")

    _locked_edit(edit)


@state_app.command("mv")
def state_mv(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="The address in the state now.")],
    destination: Annotated[str, typer.Argument(metavar="DESTINATION", help="The address it moves to.")],
) -> None:
    """Rename a resource in the state."""

    src, dst = _one_address(source), _one_address(destination)

    def edit(state: Any) -> None:
        if src.is_module or dst.is_module:
            moves = _module_moves(state, src, dst)
            for old, new in moves:
                rec = state.resources.pop(old)
                rec.address = new
                state.resources[new] = rec
                typer.echo(f'Move "{old}" to "{new}"')
            typer.echo(f"Successfully moved {len(moves)} object(s).")
            return
        if src.kind != dst.kind:
            raise DiagnosticsError(d.error("Invalid state move", f"Cannot move a {src.kind} to a {dst.kind}."))
        if str(src) not in state.resources:
            raise DiagnosticsError(d.error("Invalid source address", f"{src} is not in the state."))
        if str(dst) in state.resources:
            raise DiagnosticsError(d.error("Invalid destination address", f"{dst} already exists in the state."))
        rec = state.resources.pop(str(src))
        rec.address = str(dst)
        state.resources[str(dst)] = rec
        typer.echo(f'Move "{src}" to "{dst}"\nSuccessfully moved 1 object(s).')

    _locked_edit(edit)


def _module_moves(state: Any, src: addrs.Address, dst: addrs.Address) -> list[tuple[str, str]]:
    """Every (old, new) address a move of the module instance ``src`` to ``dst`` makes."""
    from mlinfra.plans.refresh import moved_address

    if not (src.is_module and dst.is_module):
        raise DiagnosticsError(d.error("Invalid state move", f"Cannot move {src} to {dst}: a module moves to a module, a resource to a resource."))
    moves = []
    for old in sorted(state.resources):
        new = moved_address(addrs.of(old), src, dst)
        if new is not None:
            if str(new) in state.resources:
                raise DiagnosticsError(d.error("Invalid destination address", f"{new} already exists in the state."))
            moves.append((old, str(new)))
    if not moves:
        raise DiagnosticsError(d.error("Invalid source address", f"Nothing in the state is in {src}."))
    return moves


@state_app.command("pull")
def state_pull() -> None:
    """Print the raw state JSON."""
    typer.echo(json.dumps(engine().read_state().to_json(), indent=2, sort_keys=True))


@state_app.command("push")
def state_push(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A state file (from state pull), or - for stdin.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite even a different lineage or newer serial.")] = False,
) -> None:
    """Replace the state with FILE (a state pulled earlier)."""
    from mlinfra.states import documents, upgrade

    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else in_workdir(file).read_bytes()
    except OSError as e:
        raise DiagnosticsError(d.error("Failed to read state file", f"Cannot read {file}: {e}.")) from e
    where = "the standard input" if str(file) == "-" else str(file)
    try:
        doc = documents.decode(data, where)
        if not isinstance(doc, dict):
            raise DiagnosticsError(d.error("", f"{where} holds a JSON {type(doc).__name__}, not a state object."))
        new = documents.to_state(upgrade.upgrade(Path(where), doc, ""), where)
    except DiagnosticsError as e:  # the same checks as a read, worded for a push
        first = e.diagnostics.items[0]
        summary = first.summary if "newer" in first.summary else "Invalid state file"
        raise DiagnosticsError(d.error(summary, first.detail + " Nothing was pushed.")) from None

    def edit(state: Any) -> None:
        if not force and state.resources and new.lineage != state.lineage:
            raise DiagnosticsError(
                d.error("Failed to write state", "Lineage mismatch: the pushed state belongs to another configuration. Use --force.")
            )
        if not force and new.serial < state.serial:
            raise DiagnosticsError(
                d.error("Failed to write state", f"The pushed state (serial {new.serial}) is older than the current one ({state.serial}). Use --force.")
            )
        state.lineage, state.resources, state.outputs = new.lineage, new.resources, new.outputs

    _locked_edit(edit)


def force_unlock(
    lock_id: Annotated[str, typer.Argument(metavar="LOCK_ID", help="The lock's ID, as the lock error shows it.")],
    force: Annotated[bool, typer.Option("--force", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a lock left by a crashed run."""
    if not force and sys.stdin.isatty():
        answer = input(f"Do you really want to force-unlock? (lock {lock_id})\n  Only 'yes' will be accepted: ").strip()
        if answer != "yes":
            raise typer.Exit(1)
    engine().backend().force_unlock(lock_id)
    typer.echo("mlinfra state has been successfully unlocked!")


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
