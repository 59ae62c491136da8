"""Apply progress as a person sees it.

Progress is a live rich table on a terminal and plain Terraform-style lines otherwise
("endpoint.iris: Creating...", "endpoint.iris: Creation complete after 2s").
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from mlinfra.plans.model import Action

_VERBS = {
    Action.CREATE: ("Creating...", "Creation complete"),
    Action.UPDATE: ("Modifying...", "Modifications complete"),
    Action.DELETE: ("Destroying...", "Destruction complete"),
    Action.NOOP: ("Importing...", "Import complete"),
}


class LineHooks:
    """Plain progress lines, one per event, and Terraform's ``Still creating... [10s
    elapsed]`` every ``every`` seconds while an operation runs (ticked by a background
    thread between ``__enter__`` and ``__exit__``; ``clock`` is for tests)."""

    def __init__(self, out: TextIO | None = None, clock: Callable[[], float] = time.monotonic, every: float = 10.0) -> None:
        self.out = out
        self.clock = clock
        self.every = every
        self.lock = threading.Lock()
        self.last: dict[str, float] = {}
        # address -> (action, started, seconds of the last "still" line)
        self.running: dict[str, tuple[Action, float, float]] = {}
        self.stopped = threading.Event()

    def _say(self, text: str) -> None:
        out = self.out or sys.stdout
        with self.lock:
            out.write(text + "\n")  # one write: print would hand the stream two
            out.flush()

    def start(self, address: str, action: Action) -> None:
        with self.lock:
            self.running[address] = (action, self.clock(), 0.0)
        self._say(f"{address}: {_VERBS.get(action, ('Working...', ''))[0]}")

    def progress(self, address: str, message: str) -> None:
        now = time.monotonic()
        if now - self.last.get(address, 0) >= 0.5:
            self.last[address] = now
            self._say(f"{address}: {message}")

    def tick(self) -> None:
        """Say which operations are still running, once per ``every`` seconds each."""
        now = self.clock()
        lines = []
        with self.lock:
            for address, (action, t0, said) in sorted(self.running.items()):
                due = said + self.every
                if now - t0 >= due:
                    self.running[address] = (action, t0, due)
                    verb = _VERBS.get(action, ("Working...", ""))[0].lower()
                    lines.append(f"{address}: Still {verb} [{int(due)}s elapsed]")
        for line in lines:
            self._say(line)

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None:
        with self.lock:
            self.running.pop(address, None)
        if error:
            self._say(f"{address}: failed after {elapsed:.1f}s")
        else:
            self._say(f"{address}: {_VERBS.get(action, ('', 'Done'))[1]} after {elapsed:.1f}s")

    def skip(self, address: str, because: str) -> None:
        self._say(f"{address}: not applied because {because}")

    def __enter__(self) -> LineHooks:
        def ticker() -> None:
            while not self.stopped.wait(1.0):
                self.tick()

        threading.Thread(target=ticker, name="mlinfra-progress", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()


class LiveHooks:
    """A live table of resources with their elapsed time, for terminals.

    The table appears with the first operation (after the plan and the confirmation),
    and is drawn afresh on every refresh, so a slow step's elapsed time keeps ticking.
    ``clock`` is for tests."""

    def __init__(self, console: Any, clock: Callable[[], float] = time.monotonic) -> None:
        from rich.live import Live

        self.console = console
        self.clock = clock
        self.rows: dict[str, list[Any]] = {}
        self.lock = threading.Lock()
        self.live = Live(console=console, refresh_per_second=4, transient=False, get_renderable=self._table)
        self.started = False

    def __enter__(self) -> LiveHooks:
        return self

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            started, self.started = self.started, False
        if started:
            self.live.refresh()
            self.live.stop()

    def _begin(self) -> None:
        with self.lock:
            if self.started:
                return
            self.started = True
        self.live.start()

    def _table(self) -> Any:
        from rich.table import Table

        t = Table(show_header=True, header_style="bold", box=None)
        t.add_column("resource")
        t.add_column("action")
        t.add_column("elapsed", justify="right")
        t.add_column("status")
        now = self.clock()
        with self.lock:
            for addr, (action, t0, status, end) in sorted(self.rows.items()):
                el = f"{(end or now) - t0:.1f}s" if t0 is not None else ""
                t.add_row(escape(addr), action, el, status)
        return t

    def start(self, address: str, action: Action) -> None:
        self._begin()
        with self.lock:
            self.rows[address] = [_VERBS.get(action, ("Working...", ""))[0].rstrip("."), self.clock(), "…", None]
        self.live.refresh()

    def progress(self, address: str, message: str) -> None:
        with self.lock:
            if address in self.rows:
                self.rows[address][2] = escape(message)
        self.live.refresh()

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None:
        with self.lock:
            if address in self.rows:
                self.rows[address][2] = "[red]failed[/red]" if error else "[green]done[/green]"
                self.rows[address][3] = self.clock()
        self.live.refresh()

    def skip(self, address: str, because: str) -> None:
        self._begin()
        with self.lock:
            self.rows[address] = ["Skipped", None, f"[yellow]not applied because {escape(because)}[/yellow]", None]
        self.live.refresh()


def escape(text: str) -> str:
    """Text shown as it is in a rich table (no markup read from provider messages)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)
