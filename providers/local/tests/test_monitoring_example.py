"""examples/monitoring end to end through ``python -m mlinfra``: train and serve with
data capture; traffic like the training data is no drift; shifted traffic is drift in
``plan`` (text and JSON), and ``apply`` retrains the pipeline on it and starts
the monitor's window again, after which the plan is empty; destroy stops every process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from local_support import pid_runs, stop_every_server


class Example:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.env = {**os.environ, "OMP_NUM_THREADS": "1", "NO_COLOR": "1"}

    def run(self, *args: str, expect: int = 0) -> str:
        proc = subprocess.run(
            [sys.executable, *args], cwd=self.workdir, env=self.env, capture_output=True,
            text=True, stdin=subprocess.DEVNULL, timeout=120,
        )
        out = proc.stdout + proc.stderr
        assert proc.returncode == expect, f"{' '.join(args)} exited {proc.returncode}:\n{out}"
        return out

    def __call__(self, *args: str, expect: int = 0) -> str:
        return self.run("-m", "mlinfra", *args, expect=expect)

    def monitor(self) -> dict[str, Any]:
        records = list(self.workdir.glob(".mlinfra/local/monitors/iris/mon-*/monitor.json"))
        assert len(records) == 1, records
        return dict(json.loads(records[0].read_text())["attributes"])


@pytest.fixture
def example(tmp_path: Path, copy_example: Any) -> Iterator[Example]:
    copy_example("monitoring", tmp_path)
    yield Example(tmp_path)
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_shifted_traffic_is_drift_in_the_plan_and_apply_retrains(example: Example) -> None:
    cli = example
    assert "Apply complete! Resources: 5 added" in cli("apply", "--auto-approve")
    first = cli.monitor()
    assert first["status"] == "no_data"

    cli.run("send_traffic.py", "--shift", "0")
    plan = cli("plan", "--detailed-exitcode", expect=0)
    assert "drift detected" not in plan

    cli.run("send_traffic.py", "--shift", "2.5")
    plan = cli("plan", "--detailed-exitcode", "--out", "drift.plan", expect=2)
    assert "monitor.iris: drift detected on 2 features (petal length (cm), petal width (cm)) since " in plan
    assert "# pipeline.train must be replaced" in plan
    assert "retrain: monitor.iris detected drift on 2 features" in plan
    assert "# monitor.iris must be replaced" in plan and "the monitor starts a new window" in plan
    shown = json.loads(cli("show", "--json", "drift.plan"))
    assert any("monitor.iris: drift detected on 2 features" in n for n in shown["notes"])
    change = next(c for c in shown["resource_changes"] if c["address"] == "pipeline.train")
    assert change["change"]["actions"] == ["delete", "create"] and change["action_reason"] == "replace_by_triggers"
    report = Path(cli.monitor()["report_path"])
    assert report.is_file() and report.read_text().count("<svg") == 4

    applied = cli("apply", "drift.plan")
    assert "Apply complete! Resources: 2 added, 2 changed, 2 destroyed." in applied
    after = cli.monitor()
    assert after["pid"] != first["pid"] and not pid_runs(first["pid"])
    assert after["status"] == "no_data"
    assert "No changes." in cli("plan", "--detailed-exitcode", expect=0)

    assert "Destroy complete! Resources: 5 destroyed." in cli("destroy", "--auto-approve")
    assert not pid_runs(after["pid"])
    assert not (cli.workdir / ".mlinfra" / "local").exists()
