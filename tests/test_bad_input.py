"""Every kind of bad input ends in exit 1 with a located Error: diagnostic, never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402

GOOD = """provider "fake" {}

dataset "d" {
  source = "fake://data"
}
"""

CASES = {
    "unclosed_brace": ('dataset "d" {\n  source = "x"\n', "Unclosed configuration block", 1),
    "syntax_error": ('dataset "d" {\n  source = = "x"\n}\n', "Invalid syntax", 2),
    "unknown_block_type": ('datset "d" {\n  source = "x"\n}\n', 'Did you mean "dataset"?', 1),
    "misspelt_argument": ('dataset "d" {\n  sorce = "x"\n}\n', 'Did you mean "source"?', 2),
    "missing_required_argument": ('dataset "d" {\n  format = "csv"\n}\n', 'The argument "source" is required', 1),
    "wrong_type": (
        'endpoint "e" {\n  variant "a" {\n    model  = "m"\n    weight = "heavy"\n  }\n}\n',
        "Incorrect attribute value type",
        4,
    ),
    "undeclared_resource": ('model "m" {\n  artifact = dataset.nope.uri\n}\n', "Reference to undeclared resource", 2),
    "undeclared_variable": ('dataset "d" {\n  source = var.src\n}\n', "Reference to undeclared input variable", 2),
    "undeclared_attribute": (
        'dataset "d" {\n  source = "x"\n}\n\nmodel "m" {\n  artifact = dataset.d.urii\n}\n',
        'Did you mean "uri"?',
        6,
    ),
    "duplicate_resource": (
        'dataset "d" {\n  source = "x"\n}\n\ndataset "d" {\n  source = "y"\n}\n',
        "Duplicate resource configuration",
        5,
    ),
    "unknown_provider": ('dataset "d" {\n  provider = nosuch\n  source   = "x"\n}\n', "Provider not installed", 2),
    "variable_without_value": (
        'variable "src" {}\n\ndataset "d" {\n  source = var.src\n}\n',
        "No value for required variable",
        1,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_configuration_is_a_located_error(case: str, tmp_path: Path, capsys) -> None:
    text, expected, line = CASES[case]
    write(tmp_path, text if case == "unknown_provider" else 'provider "fake" {}\n' + text)
    if case != "unknown_provider":
        line += 1
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1, r.out
    assert "Error: " in r.err
    assert expected in r.err
    assert f"on main.hcl line {line}" in r.err
    assert "Traceback" not in r.err + r.out


def test_cycle_names_every_resource_on_it(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\nmodel "a" {\n  artifact = model.b.uri\n}\n\n'
        'model "b" {\n  artifact = model.c.uri\n}\n\nmodel "c" {\n  artifact = model.a.uri\n}\n',
    )
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Error: Cycle" in r.err
    assert "model.a -> model.b -> model.c -> model.a" in r.err
    for n, line in (("model.a", 3), ("model.b", 7), ("model.c", 11)):
        assert f"{n} at main.hcl line {line}" in r.err


def test_all_errors_of_a_run_are_reported_together(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\ndataset "a" {\n  sorce = "x"\n}\n\nmodel "m" {\n  artifact = var.nope\n}\n',
    )
    r = cli(capsys, tmp_path, "validate", "--json")
    doc = json.loads(r.out)
    assert doc["error_count"] == 3  # misspelt, missing source, undeclared variable


def test_unknown_provider_suggests_an_installed_one(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'dataset "d" {\n  provider = fak\n  source   = "x"\n}\n')
    r = cli(capsys, tmp_path, "plan")
    assert 'Did you mean "fake"?' in r.err
    assert "pip install" not in r.err  # never a package named after a typo


def test_a_provider_typo_suggests_only_real_packages(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'dataset "d" {\n  provider = loca\n  source   = "x"\n}\n')
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert 'There is no provider named "loca". Did you mean "local"?' in r.err
    assert "mlinfra-provider-loca" not in r.err
    assert "on main.hcl line 2" in r.err


def test_a_published_provider_that_is_missing_gets_its_install_command(monkeypatch) -> None:
    from mlinfra.providers import registry

    monkeypatch.setitem(registry.PUBLISHED, "zzcloud", "mlinfra-provider-zzcloud")
    assert registry.missing_detail("zzcloud", {"fake"}).endswith("Install it with: pip install mlinfra-provider-zzcloud")
    typo = registry.missing_detail("zzclod", {"fake"})
    assert 'Did you mean "zzcloud"? Install it with: pip install mlinfra-provider-zzcloud' in typo
    assert "mlinfra-provider-zzclod" not in typo
    assert registry.missing_detail("qqqq", {"fake"}) == 'There is no provider named "qqqq". Installed providers: fake.'


def test_corrupt_state_is_a_located_error(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    (tmp_path / "mlinfra.state.json").write_text('{"format_version": 1,\n "serial": ')
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "Failed to load state" in r.err
    assert "line 2" in r.err
    assert "Traceback" not in r.err


def test_state_from_a_newer_mlinfra_is_refused(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    (tmp_path / "mlinfra.state.json").write_text(
        json.dumps({"format_version": 99, "serial": 1, "lineage": "x", "mlinfra_version": "9.0.0", "resources": []})
    )
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "newer mlinfra" in r.err


def test_bad_var_option_and_undeclared_var(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    r = cli(capsys, tmp_path, "plan", "--var", "novalue")
    assert r.code == 1 and "Invalid --var option" in r.err
    r = cli(capsys, tmp_path, "plan", "--var", "srouce=1")
    assert r.code == 1 and "Value for undeclared variable" in r.err


def test_missing_directory_and_no_files(tmp_path: Path, capsys) -> None:
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1 and "No configuration files" in r.err
    from mlinfra.cli.app import run

    assert run(["-C", str(tmp_path / "nope"), "plan"]) == 1


def test_variable_validation_rule_message(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\nvariable "w" {\n  default = 150\n  validation {\n'
        '    condition     = var.w <= 100\n    error_message = "Weights are percentages."\n  }\n}\n',
    )
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "Weights are percentages." in r.err
    assert "line 5" in r.err


def test_unknown_option_is_a_usage_error_not_a_bug(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    r = cli(capsys, tmp_path, "plan", "--bogus")
    assert r.code == 1
    assert "No such option: --bogus" in r.err
    assert "internal error" not in r.err
    r = cli(capsys, tmp_path, "nosuchcommand")
    assert r.code == 1 and "internal error" not in r.err


def test_no_color_is_accepted_after_the_command(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    r = cli(capsys, tmp_path, "plan", "--no-color")
    assert r.code == 0, r.err
    assert "\x1b[" not in r.out


def test_state_push_of_a_missing_or_foreign_file(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    r = cli(capsys, tmp_path, "state", "push", str(tmp_path / "nope.json"))
    assert r.code == 1 and "Failed to read state file" in r.err
    (tmp_path / "foreign.json").write_text('{"hello": 1}')
    r = cli(capsys, tmp_path, "state", "push", str(tmp_path / "foreign.json"))
    assert r.code == 1 and "Invalid state file" in r.err


def test_import_with_a_bad_address(tmp_path: Path, capsys) -> None:
    write(tmp_path, GOOD)
    r = cli(capsys, tmp_path, "import", "bad-address", "x")
    assert r.code == 1
    assert "Error: Invalid address" in r.err and "address address" not in r.err
