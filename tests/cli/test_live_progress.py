"""The live progress table on a terminal: its elapsed column ticks while a slow step
runs, and it is drawn only once the plan is shown and the answer is in."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from clirun import LAUNCHER, SUPPORT, write
from rich.console import Console

from mlinfra.cli.views.progress import LineHooks, LiveHooks
from mlinfra.plans.model import Action


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_elapsed_time_of_a_running_step_ticks_on_each_refresh() -> None:
    clock = Clock()
    screen = io.StringIO()
    hooks = LiveHooks(Console(file=screen, force_terminal=True, width=120, color_system=None), clock=clock)
    with hooks:
        hooks.start("pipeline.train", Action.UPDATE)
        hooks.progress("pipeline.train", "training sklearn.ensemble.GradientBoostingClassifier")
        clock.now += 3.5
        hooks.live.refresh()
        assert "3.5s" in screen.getvalue()
        clock.now += 4.0
        hooks.live.refresh()
        assert "7.5s" in screen.getvalue()
        hooks.finish("pipeline.train", Action.UPDATE, 8.0, False)
    assert "done" in screen.getvalue()


def test_plain_lines_say_every_ten_seconds_what_is_still_running() -> None:
    clock = Clock()
    out = io.StringIO()
    hooks = LineHooks(out, clock=clock)
    hooks.start("pipeline.train", Action.UPDATE)
    hooks.start("dataset.d", Action.CREATE)
    clock.now += 9.5
    hooks.tick()
    assert "Still" not in out.getvalue()
    clock.now += 1.0
    hooks.tick()
    hooks.tick()
    hooks.finish("dataset.d", Action.CREATE, 10.5, False)
    clock.now += 10.0
    hooks.tick()
    lines = out.getvalue().splitlines()
    assert lines.count("pipeline.train: Still modifying... [10s elapsed]") == 1
    assert lines.count("dataset.d: Still creating... [10s elapsed]") == 1
    assert "pipeline.train: Still modifying... [20s elapsed]" in lines
    assert not any("dataset.d: Still creating... [20s" in ln for ln in lines)


class Writes(io.StringIO):
    """A stream that keeps each write it is handed and each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def write(self, text: str) -> int:
        self.calls.append(text)
        return super().write(text)

    def flush(self) -> None:
        self.calls.append("<flush>")


def test_each_plain_line_reaches_the_stream_in_one_write_then_a_flush() -> None:
    out = Writes()
    hooks = LineHooks(out)
    hooks.start("dataset.d", Action.CREATE)
    hooks.finish("dataset.d", Action.CREATE, 0.25, False)
    assert out.calls == [
        "dataset.d: Creating...\n", "<flush>", "dataset.d: Creation complete after 0.2s\n", "<flush>",
    ]


def test_nothing_is_drawn_before_the_first_operation_starts() -> None:
    screen = io.StringIO()
    with LiveHooks(Console(file=screen, force_terminal=True, width=120, color_system=None)):
        pass
    assert screen.getvalue() == ""


CONFIG = """
provider "fake" {}

dataset "d" {
  source = "fake://data"
}
"""


def read_until(fd: int, text: str, seen: bytearray) -> str:
    while text.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"waited for {text!r}; saw:\n{seen.decode(errors='replace')}"
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other side closed
            chunk = b""
        if not chunk:
            break
        seen.extend(chunk)
    return seen.decode(errors="replace")


def test_on_a_terminal_the_table_starts_after_the_plan_and_the_typed_yes(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "120", "LINES": "40",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(SUPPORT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen(
        [sys.executable, str(LAUNCHER), "-C", str(tmp_path), "apply"],
        stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True,
    )
    os.close(follower)
    seen = bytearray()
    try:
        before = read_until(leader, "Enter a value:", seen)
        assert "# dataset.d will be created" in before
        assert "elapsed" not in before and "resource" not in before.split("Do you want")[-1]
        os.write(leader, b"yes\n")
        after = read_until(leader, "Apply complete!", seen)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    tail = after[after.index("Enter a value:"):]
    assert tail.index("yes") < tail.index("elapsed") < tail.index("Apply complete!")
    assert "dataset.d" in tail[tail.index("elapsed"):]
