"""What a person sees: diagnostics on stderr, apply progress, prompts.

Progress is a live rich table on a terminal and plain Terraform-style lines otherwise
("endpoint.iris: Creating...", "endpoint.iris: Creation complete after 2s").
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from mlinfra import diagnostics as d
from mlinfra.plans.model import Action

_VERBS = {
    Action.CREATE: ("Creating...", "Creation complete"),
    Action.UPDATE: ("Modifying...", "Modifications complete"),
    Action.DELETE: ("Destroying...", "Destruction complete"),
    Action.NOOP: ("Importing...", "Import complete"),
}


def read_sources(workdir: Path) -> dict[str, str]:
    out = {}
    for p in sorted(workdir.glob("*.hcl")):  # variable files too: their errors are shown
        try:
            out[p.name] = p.read_text()
        except (OSError, UnicodeDecodeError):
            continue
    return out


def render_diagnostics(diags: d.Diagnostics, sources: dict[str, str], color: bool) -> str:
    parts = []
    for diag in diags.in_source_order():
        text = d.render(diag, sources)
        if color:
            head, _, rest = text.partition("\n")
            code = "\033[1;31m" if diag.is_error else "\033[1;33m"
            text = f"{code}{head}\033[0m" + ("\n" + rest if rest else "")
        parts.append("╷\n" + "\n".join("│ " + ln if ln else "│" for ln in text.splitlines()) + "\n╵")
    return "\n".join(parts)


class LineHooks:
    """Plain progress lines, one per event."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out
        self.lock = threading.Lock()
        self.last: dict[str, float] = {}

    def _say(self, text: str) -> None:
        with self.lock:
            print(text, file=self.out or sys.stdout, flush=True)

    def start(self, address: str, action: Action) -> None:
        self._say(f"{address}: {_VERBS.get(action, ('Working...', ''))[0]}")

    def progress(self, address: str, message: str) -> None:
        now = time.monotonic()
        if now - self.last.get(address, 0) >= 0.5:
            self.last[address] = now
            self._say(f"{address}: {message}")

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None:
        if error:
            self._say(f"{address}: failed after {elapsed:.1f}s")
        else:
            self._say(f"{address}: {_VERBS.get(action, ('', 'Done'))[1]} after {elapsed:.1f}s")


class LiveHooks:
    """A live table of resources with their elapsed time, for terminals."""

    def __init__(self, console: Any) -> None:
        from rich.live import Live

        self.console = console
        self.rows: dict[str, list[Any]] = {}
        self.lock = threading.Lock()
        self.live = Live(self._table(), console=console, refresh_per_second=8, transient=False)

    def __enter__(self) -> LiveHooks:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.update(self._table())
        self.live.__exit__(None, None, None)

    def _table(self) -> Any:
        from rich.table import Table

        t = Table(show_header=True, header_style="bold", box=None)
        t.add_column("resource")
        t.add_column("action")
        t.add_column("elapsed", justify="right")
        t.add_column("status")
        now = time.monotonic()
        with self.lock:
            for addr, (action, t0, status, end) in sorted(self.rows.items()):
                el = (end or now) - t0
                t.add_row(addr, action, f"{el:.1f}s", status)
        return t

    def start(self, address: str, action: Action) -> None:
        with self.lock:
            self.rows[address] = [_VERBS.get(action, ("Working...", ""))[0].rstrip("."), time.monotonic(), "…", None]
        self.live.update(self._table())

    def progress(self, address: str, message: str) -> None:
        with self.lock:
            if address in self.rows:
                self.rows[address][2] = message
        self.live.update(self._table())

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None:
        with self.lock:
            if address in self.rows:
                self.rows[address][2] = "[red]failed[/red]" if error else "[green]done[/green]"
                self.rows[address][3] = time.monotonic()
        self.live.update(self._table())
