"""Ctrl-C during an apply, with Terraform's two steps: the first lets the operations in
progress finish and saves state and outputs; the second abandons them at once, and
still leaves a state (with outputs) that the next plan reconciles."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
from pathlib import Path
from typing import IO

from clirun import cli, cli_process, write

CONFIG = """
provider "fake" {}

dataset "quick" {
  source = "fake://quick"
}

dataset "slow" {
  source = "fake://slow"
  fake { wait_for = "go" }
}

model "m" {
  artifact  = dataset.slow.uri
  framework = "sklearn"
}

output "quick" { value = dataset.quick.uri }
output "model" { value = model.m.id }
"""


class Apply:
    """``mlinfra apply --auto-approve`` in a subprocess, its output read as it comes."""

    def __init__(self, workdir: Path) -> None:
        self.proc = cli_process(workdir, "apply", "--auto-approve", "--parallelism", "2", stdin=subprocess.DEVNULL)
        self.out: list[str] = []
        self.err: list[str] = []
        self.seen = threading.Condition()
        self.readers = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True),
        ]
        for t in self.readers:
            t.start()

    def _read(self, stream: IO[str] | None, into: list[str]) -> None:
        assert stream is not None
        for line in stream:
            with self.seen:
                into.append(line)
                self.seen.notify_all()

    def wait_for(self, *texts: str) -> None:
        def seen() -> bool:
            text = "".join(self.out) + "".join(self.err)
            return all(t in text for t in texts)

        with self.seen:
            ok = self.seen.wait_for(seen, timeout=60)
        assert ok, "".join(self.out) + "".join(self.err)

    def interrupt(self) -> None:
        self.proc.send_signal(signal.SIGINT)

    def finish(self) -> tuple[int, str, str]:
        code = self.proc.wait(timeout=60)
        for t in self.readers:
            t.join(timeout=10)
        return code, "".join(self.out), "".join(self.err)


def state(workdir: Path) -> dict:
    return json.loads((workdir / "mlinfra.state.json").read_text())


def test_the_first_ctrl_c_lets_running_operations_finish_and_saves_state_and_outputs(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    run = Apply(tmp_path)
    run.wait_for("dataset.quick: Creation complete", "dataset.slow: Creating...")
    run.interrupt()
    run.wait_for("Gracefully shutting down")
    (tmp_path / "go").touch()  # the slow create finishes only now
    code, out, err = run.finish()

    assert code == 130, out + err
    assert "Interrupt received." in err and "Gracefully shutting down" in err
    assert "Error: Apply interrupted" in err and "Not started: model.m" in err
    assert "dataset.slow: Creation complete" in out
    assert "Apply complete" not in out
    doc = state(tmp_path)
    assert {x["address"]: x["status"] for x in doc["resources"]} == {"dataset.quick": "ready", "dataset.slow": "ready"}
    assert doc["outputs"]["quick"]["value"].startswith("fake://dataset/dataset.quick-")
    assert "model" not in doc["outputs"]

    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    assert "Apply complete! Resources: 1 added, 0 changed, 0 destroyed." in r.out
    assert state(tmp_path)["outputs"]["model"]["value"].startswith("model.m-")


def test_a_second_ctrl_c_stops_at_once_and_the_state_still_finds_everything(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)  # the slow create waits for a file that never comes
    run = Apply(tmp_path)
    run.wait_for("dataset.quick: Creation complete", "dataset.slow: Creating...")
    run.interrupt()
    run.wait_for("Gracefully shutting down")
    run.interrupt()
    code, out, err = run.finish()

    assert code == 130, out + err
    assert "Two interrupts received. Exiting immediately" in err
    assert "Error: Apply interrupted" in err and "abandoned: dataset.slow" in err
    assert "dataset.slow: Creation complete" not in out
    doc = state(tmp_path)
    status = {x["address"]: x["status"] for x in doc["resources"]}
    assert status == {"dataset.quick": "ready", "dataset.slow": "creating"}
    assert doc["outputs"]["quick"]["value"].startswith("fake://dataset/dataset.quick-")

    # The object the abandoned create made is found by the next plan, not made twice.
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0, r.err
    assert "dataset.slow will be created" not in r.out
    assert "# model.m will be created" in r.out
