"""check blocks: assertions evaluated after every plan and apply, as warnings."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli, write  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_cli_lifecycle import CONFIG as BASE  # noqa: E402

CONFIG = BASE.replace('variable "weight"', 'variable "min_weight" { default = 50 }\nvariable "weight"') + """
check "traffic" {
  assert {
    condition     = var.weight >= var.min_weight
    error_message = "The blue variant takes only ${var.weight}% of the traffic."
  }
  assert {
    condition     = endpoint.e.url != ""
    error_message = "The endpoint has no URL."
  }
}
"""


def test_a_passing_check_says_nothing_in_plan_or_apply(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0 and "Check block assertion failed" not in r.err, r.err
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0 and "Warning" not in r.err, r.err


def test_a_failing_check_warns_at_the_condition_in_plan_and_after_apply_without_stopping(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--var", "weight=10")
    assert r.code == 0, r.err
    assert "Warning: Check block assertion failed" in r.err
    assert 'on main.hcl line 27, in check "traffic"' in r.err
    assert "The blue variant takes only 10% of the traffic." in r.err
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--var", "weight=10")
    assert r.code == 0, r.err
    assert r.err.count("Check block assertion failed") == 1
    assert "Apply complete" in r.out


def test_an_assertion_on_values_known_after_apply_waits_for_the_apply(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace('endpoint.e.url != ""', 'endpoint.e.url == "never"'))
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0 and "Check block assertion failed" not in r.err, r.err
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0 and "The endpoint has no URL." in r.err and "main.hcl line 31" in r.err


def test_malformed_check_blocks_are_located_errors(tmp_path: Path, capsys) -> None:
    for body, summary, line in [
        ("assert { condition = true }", "Missing required argument", 3),
        ("oops = 1", "Unsupported argument", 3),
        ("asert { condition = true }", "Unsupported block type", 3),
        ("", "Missing required block", 2),
    ]:
        write(tmp_path, 'provider "fake" {}\ncheck "c" {\n' + body + "\n}\n")
        r = cli(capsys, tmp_path, "validate")
        assert r.code == 1 and f"Error: {summary}" in r.err and f"main.hcl line {line}" in r.err, (body, r.err)
        assert "Traceback" not in r.err
