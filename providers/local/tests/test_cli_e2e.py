"""The examples, end to end through ``python -m mlinfra``: apply the quickstart, predict,
change a variable and watch the pipeline re-run, the model get a new version and the
endpoint update in place; kill the server and see it planned for re-creation; destroy
and find no process, port or file left. The canary example shifts its split by a variable."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_support import stop_every_server

FLOWER = [5.1, 3.5, 1.4, 0.2]


class Cli:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir

    def __call__(self, *args: str, expect: int = 0) -> str:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "NO_COLOR": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "mlinfra", *args],
            cwd=self.workdir,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        out = proc.stdout + proc.stderr
        assert proc.returncode == expect, (
            f"mlinfra {' '.join(args)} exited {proc.returncode}:\n{out}"
        )
        return out

    def server(self) -> dict[str, Any]:
        """The attributes the provider recorded for the running endpoint server."""
        records = list(self.workdir.glob(".mlinfra/local/endpoints/*/srv-*/endpoint.json"))
        assert len(records) == 1, records
        return dict(json.loads(records[0].read_text())["attributes"])


@pytest.fixture
def example(tmp_path: Path, request: pytest.FixtureRequest, copy_example: Any) -> Iterator[Cli]:
    copy_example(request.param, tmp_path)
    yield Cli(tmp_path)
    stop_every_server(tmp_path / ".mlinfra" / "local")


def predict(url: str, n: int = 1) -> list[dict[str, Any]]:
    with httpx.Client(trust_env=False, timeout=10) as c:
        answers = [c.post(url + "/predict", json={"instances": [FLOWER]}) for _ in range(n)]
    assert all(a.status_code == 200 for a in answers)
    return [a.json() for a in answers]


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("example", ["quickstart"], indirect=True)
def test_quickstart_lifecycle_through_the_command_line(example: Cli) -> None:
    cli = example
    assert "Apply complete! Resources: 4 added" in cli("apply", "--auto-approve")
    url = cli("output", "url", "--raw").strip()
    assert url.startswith("http://127.0.0.1:")
    first = predict(url)[0]
    assert first["model"] == "iris" and first["model_version"] == 1 and first["predictions"] == [0]

    assert "No changes." in cli("plan", "--detailed-exitcode", expect=0)

    plan = cli("plan", "--var", "C=0.5", "--detailed-exitcode", expect=2)
    assert "pipeline.train will be updated in-place" in plan and "the pipeline runs again" in plan
    assert "model.iris will be updated in-place" in plan
    assert "endpoint.iris will be updated in-place" in plan
    assert "Plan: 0 to add, 3 to change, 0 to destroy." in plan

    server = cli.server()
    assert "3 changed" in cli("apply", "--auto-approve", "--var", "C=0.5")
    assert cli.server()["pid"] == server["pid"], "the update is applied in the running server"
    second = predict(url)[0]
    assert second["model_version"] == 2
    cli("plan", "--var", "C=0.5", "--detailed-exitcode", expect=0)

    os.kill(server["pid"], 9)
    deadline = time.monotonic() + 10
    while alive(server["pid"]) and time.monotonic() < deadline:
        time.sleep(0.01)
    plan = cli("plan", "--var", "C=0.5", "--detailed-exitcode", expect=2)
    assert "endpoint.iris will be created" in plan and "Plan: 1 to add, 0 to change" in plan
    cli("apply", "--auto-approve", "--var", "C=0.5")
    revived = cli.server()
    assert predict(revived["url"])[0]["model_version"] == 2

    assert "Destroy complete! Resources: 4 destroyed." in cli(
        "destroy", "--auto-approve", "--var", "C=0.5"
    )
    assert not alive(revived["pid"]) and port_free(revived["port"])
    assert not (cli.workdir / ".mlinfra" / "local").exists()


@pytest.mark.parametrize("example", ["canary"], indirect=True)
def test_canary_weights_shift_with_a_variable_as_an_in_place_update(example: Cli) -> None:
    cli = example
    cli("apply", "--auto-approve")
    url = cli("output", "url", "--raw").strip()
    split = Counter(a["variant"] for a in predict(url, 50))
    assert split == {"stable": 45, "canary": 5}

    plan = cli("plan", "--var", "canary_weight=50", "--detailed-exitcode", expect=2)
    assert "endpoint.iris will be updated in-place" in plan
    assert "Plan: 0 to add, 1 to change, 0 to destroy." in plan
    cli("apply", "--auto-approve", "--var", "canary_weight=50")
    split = Counter(a["model"] for a in predict(url, 50))
    assert split == {"stable": 25, "candidate": 25}

    server = cli.server()
    cli("destroy", "--auto-approve", "--var", "canary_weight=50")
    assert not alive(server["pid"]) and not (cli.workdir / ".mlinfra" / "local").exists()


@pytest.mark.parametrize("example", ["quickstart"], indirect=True)
def test_a_failed_quality_gate_stops_the_apply_before_anything_is_deployed(example: Cli) -> None:
    cli = example
    main = cli.workdir / "main.hcl"
    text = main.read_text()
    assert '  metrics = ["accuracy", "f1_macro"]\n' in text
    main.write_text(
        text.replace("  metrics = [", "  gates   = { min_accuracy = 0.9 }\n  metrics = [", 1)
    )
    out = cli("apply", "--auto-approve", "--var", "C=0.0001", expect=1)
    assert "Quality gate failed" in out and "accuracy 0.6667 is below min_accuracy 0.9" in out
    local = cli.workdir / ".mlinfra" / "local"
    assert not (local / "registry").exists() and not (local / "endpoints").exists()
    assert not any(local.glob("runs/*")), "the failed run leaves nothing behind"
    cli("destroy", "--auto-approve", "--var", "C=0.0001")
    assert not local.exists()
