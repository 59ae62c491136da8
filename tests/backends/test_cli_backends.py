"""The command line's whole life on each backend, in subprocesses as a team member runs
it: init (with -backend-config), plan, apply, state list/pull, workspaces, force-unlock,
a saved plan, destroy; with the state encrypted, and no credential or passphrase in any
output, state or plan file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from backend_targets import Target

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli_process, write  # noqa: E402

PASSPHRASE = "team-passphrase-7d1e0b2a"
CONFIG = """
provider "fake" {}

variable "state_passphrase" {
  type      = string
  sensitive = true
}

dataset "raw" {
  for_each = toset(["a", "b"])
  source   = "fake://${each.key}"
}

model "churn" {
  framework = "sklearn"
  artifact  = dataset.raw["a"].uri
}
"""


def _config(target: Target) -> str:
    head = target.hcl().rstrip().rstrip("}")
    encryption = (
        "  encryption {\n    key_provider \"pbkdf2\" {\n      passphrase = var.state_passphrase\n"
        "      iterations = 1000\n    }\n  }\n}\n"
    )
    return head + encryption + CONFIG


def _run(target: Target, *args: str) -> tuple[int, str, str]:
    env = {**target.env, "MLINFRA_VAR_state_passphrase": PASSPHRASE}
    proc = cli_process(target.workdir, *args, env=env)
    out, err = proc.communicate(timeout=240)
    return proc.returncode, out, err


def _secrets(target: Target) -> list[str]:
    return [PASSPHRASE, *target.secret.values()]


def test_a_team_lifecycle_on_each_backend(target: Target) -> None:
    write(target.workdir, _config(target))
    outputs: list[str] = []

    def ok(*args: str) -> str:
        code, out, err = _run(target, *args)
        outputs.extend([out, err])
        assert code == 0, f"mlinfra {' '.join(args)}: {out}{err}"
        return out

    if target.kind != "local":
        code, out, err = _run(target, "plan")
        assert code == 1 and "Backend initialization required" in err and "mlinfra init" in err
    config_args = [f"-backend-config={k}={v}" for k, v in target.secret.items()]
    assert "successfully initialized" in ok("init", *config_args)
    assert "3 added" in ok("apply", "--auto-approve")
    assert ok("state", "list").split() == ['dataset.raw["a"]', 'dataset.raw["b"]', "model.churn"]
    pulled = json.loads(ok("state", "pull"))
    assert pulled["serial"] >= 2 and len(pulled["resources"]) == 3

    planfile = str(target.workdir / "tfplan")
    ok("plan", "-out", planfile)
    plan_bytes = (target.workdir / "tfplan").read_bytes()
    assert b"ciphertext" in plan_bytes and b"model.churn" not in plan_bytes
    assert "No changes" in ok("show", planfile)

    assert 'Created and switched to workspace "staging"' in ok("workspace", "new", "staging")
    assert ok("workspace", "list").split() == ["default", "*", "staging"]
    assert ok("state", "list").strip() == ""
    ok("workspace", "select", "default")

    code, out, err = _run(target, "force-unlock", "--force", "no-such-lock")
    assert code == 1 and "Failed to unlock state" in err

    assert "3 destroyed" in ok("destroy", "--auto-approve")
    assert ok("state", "list").strip() == ""
    old = target.workdir / "old.json"
    old.write_text(json.dumps(pulled))
    code, out, err = _run(target, "state", "push", str(old))
    assert code == 1 and "older than the current one" in err
    stored = _stored_bytes(target)
    for secret in _secrets(target):
        assert all(secret not in text for text in outputs), "a secret reached the output"
        assert secret.encode() not in plan_bytes and secret.encode() not in stored


def _stored_bytes(target: Target) -> bytes:
    if target.kind == "local":
        files = [p for p in target.workdir.glob("mlinfra.state*") if p.is_file()]
        return b"".join(p.read_bytes() for p in files)
    store: Any = target.store()
    if target.kind == "pg":
        rows = store.run(f"SELECT data FROM {store.schema}.states", fetch=True)
        return b"".join(bytes(r[0]) for r in rows)
    objects = store.store
    return b"".join(got[0] for n in objects.listing("") if (got := objects.get(n)) is not None)
