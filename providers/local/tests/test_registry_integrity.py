"""The registry's files are checked on every refresh: a registered model file that was
changed or deleted shows as drift in the plan, and apply restores it from the run's
artifact under the same version, so the endpoint serving it is left alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_support import Cli, stop_every_server

QUICKSTART = Path(__file__).resolve().parents[3] / "examples" / "quickstart" / "main.hcl"


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(QUICKSTART.read_text())
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_a_deleted_registered_file_is_drift_and_apply_restores_the_same_version(
    cli: Cli,
) -> None:
    cli("apply", "--auto-approve")
    model, endpoint = cli.attributes("model.iris"), cli.attributes("endpoint.iris")
    registered = Path(model["uri"].removeprefix("file://"))
    original = registered.read_bytes()
    registered.unlink()
    out = cli("plan", "--detailed-exitcode", expect=2)
    assert "model.iris has changed" in out and "restores it from the artifact" in out
    assert "Plan: 0 to add, 1 to change, 0 to destroy." in out
    out = cli("apply", "--auto-approve")
    assert "Resources: 0 added, 1 changed, 0 destroyed." in out
    assert registered.read_bytes() == original
    assert cli.attributes("model.iris") == model
    assert cli.attributes("endpoint.iris") == endpoint
    cli("plan", "--detailed-exitcode")
