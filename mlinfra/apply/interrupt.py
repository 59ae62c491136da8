"""Ctrl-C during an apply, with Terraform's two steps.

The first interrupt asks for a graceful stop: no operation starts any more, the ones in
progress finish and are recorded, then the outputs are saved. The second asks to stop
now: the operations still in progress are abandoned (their intents are recorded, so the
next plan finds what they made), the outputs known so far are saved, and the command
exits. This module only keeps the count; the command line turns the signal into calls
of ``request`` and the walker reads the flags between operations.
"""

from __future__ import annotations

import threading


class Interrupt:
    """How many times an apply was asked to stop, and whether a walk is listening."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self._armed = False

    @property
    def armed(self) -> bool:
        """True while a walk is running and handles interrupts itself."""
        return self._armed

    def arm(self) -> None:
        self._armed = True

    def disarm(self) -> None:
        self._armed = False

    def request(self) -> int:
        """Count one interrupt; returns how many there have been."""
        with self._lock:
            self._count += 1
            return self._count

    @property
    def graceful(self) -> bool:
        """Stop starting operations (the first interrupt)."""
        return self._count >= 1

    @property
    def immediate(self) -> bool:
        """Stop waiting for the operations in progress (the second interrupt)."""
        return self._count >= 2
