"""``mlinfra init``'s backend options through the command line: -backend-config as
KEY=VALUE or a file, -migrate-state and -reconfigure (single- and double-dash forms), and
the refusal to run on a backend that changed since init."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli, write  # noqa: E402

from mlinfra.states import StateError  # noqa: E402
from mlinfra.states.initdir import parse_backend_config  # noqa: E402

RESOURCES = 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://data"\n}\n'


def test_backend_config_reads_pairs_and_files_later_ones_winning(tmp_path: Path) -> None:
    (tmp_path / "team.backend.hcl").write_text(
        '# shared settings\nbucket = "acme-states"\nprefix = "churn"  # a folder\nretries = 3\nverify = true\n'
    )
    got = parse_backend_config(["team.backend.hcl", "prefix=override", "key=a=b"], tmp_path)
    assert got == {"bucket": "acme-states", "prefix": "override", "retries": 3, "verify": True, "key": "a=b"}


def test_a_backend_config_file_with_a_bad_line_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "bad.hcl").write_text('bucket = "x"\nthis is not a setting\n')
    with pytest.raises(StateError) as e:
        parse_backend_config(["bad.hcl"], tmp_path)
    (diag,) = list(e.value.diagnostics)
    assert "bad.hcl line 2" in diag.detail


def test_init_moves_a_local_state_to_gcs_and_reconfigure_switches_back(
    tmp_path: Path, capsys: Any, make_target: Any
) -> None:
    target = make_target("gcs")
    write(tmp_path, RESOURCES)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    gcs_block = (
        'mlinfra {\n  backend "gcs" {\n    bucket = "' + target.settings["bucket"] + '"\n  }\n}\n'
    )
    write(tmp_path, gcs_block, "backend.hcl")
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1 and "Backend initialization required" in r.err
    settings = tmp_path / "gcs.backend.hcl.txt"
    settings.write_text(f'prefix = "team"\nendpoint = "{target.settings["endpoint"]}"\n')
    r = cli(capsys, tmp_path, "init", "-backend-config", str(settings))
    assert r.code == 1 and "Backend configuration changed" in r.err and "-migrate-state" in r.err
    r = cli(capsys, tmp_path, "init", "-backend-config", str(settings), "-migrate-state")
    assert r.code == 0, r.err
    assert "States moved" in r.out and "gs://" in r.out
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 0 and "No changes" in r.out, r.out + r.err
    assert cli(capsys, tmp_path, "state", "list").out.split() == ["dataset.d"]

    (tmp_path / "backend.hcl").unlink()
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1 and "Backend configuration changed" in r.err
    assert cli(capsys, tmp_path, "init", "--reconfigure").code == 0
    assert cli(capsys, tmp_path, "state", "list").out.split() == ["dataset.d"]  # the old local state
    r = cli(capsys, tmp_path, "init", "--reconfigure", "--migrate-state")
    assert r.code == 1 and "Conflicting init options" in r.err
