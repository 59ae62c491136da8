"""Variable names that differ only in case get a did-you-mean wherever a name is given."""

from __future__ import annotations

import sys
from pathlib import Path

from mlinfra.diagnostics import did_you_mean

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """
variable "learning_rate" { type = number }

output "lr" { value = var.learning_rate }
"""


def test_a_name_differing_only_in_case_is_suggested_even_when_difflib_finds_it_far() -> None:
    assert did_you_mean("LEARNING_RATE", ["learning_rate", "batch"]) == "learning_rate"
    assert did_you_mean("MyVar", ["myvar"]) == "myvar"
    assert did_you_mean("Learnin_Rate", ["learning_rate"]) == "learning_rate"
    assert did_you_mean("zzz", ["learning_rate"]) is None


def test_a_reference_in_another_case_is_a_located_error_with_a_suggestion(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace("var.learning_rate", "var.LEARNING_RATE"))
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Reference to undeclared input variable" in r.err
    assert 'Did you mean "learning_rate"?' in r.err and "main.hcl line 4" in r.err


def test_a_command_line_value_in_another_case_is_refused_with_a_suggestion(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--var", "Learning_Rate=0.1")
    assert r.code == 1
    assert 'Did you mean "learning_rate"?' in r.err and "Traceback" not in r.err


def test_a_variables_file_in_another_case_gets_a_suggestion(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    write(tmp_path, '{"Learning_Rate": 0.1}', "x.mlvars.json")
    r = cli(capsys, tmp_path, "plan", "--var-file", str(tmp_path / "x.mlvars.json"))
    assert 'Did you mean "learning_rate"?' in r.err


def test_an_environment_variable_in_another_case_is_named_in_the_missing_value_error(tmp_path: Path, capsys, monkeypatch) -> None:
    write(tmp_path, CONFIG)
    monkeypatch.setenv("MLINFRA_VAR_Learning_Rate", "0.1")
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "No value for required variable" in r.err
    assert "MLINFRA_VAR_Learning_Rate is set, but names differ in case" in r.err
