"""Apply hooks that record every event, for tests of what an apply reports."""

from __future__ import annotations

import threading

from mlinfra.plans.model import Action


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[str, str, str]] = []

    def start(self, address: str, action: Action) -> None:
        with self.lock:
            self.events.append(("start", address, action.name))

    def progress(self, address: str, message: str) -> None:
        with self.lock:
            self.events.append(("progress", address, message))

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None:
        with self.lock:
            self.events.append(("finish", address, "error" if error else "ok"))

    def skip(self, address: str, because: str) -> None:
        with self.lock:
            self.events.append(("skip", address, because))
