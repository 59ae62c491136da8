"""Units of ``mlinfra.testing``: test files read into runs (and every misuse a located
error), which problems an expect_failures entry covers, and the JUnit XML and JSON
reports of hand-made results."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from clirun import write

from mlinfra import diagnostics as d
from mlinfra.config import loader
from mlinfra.testing import parse, report
from mlinfra.testing.run import FileResult, RunResult, _checkable, _custom_condition

CONFIG = """
provider "fake" {}

variable "n" {
  default = 1
}

dataset "d" {
  source = "fake://d"
}

check "c" {
  assert {
    condition     = var.n > 0
    error_message = "n"
  }
}

output "o" { value = dataset.d.id }
"""


def load(tmp_path: Path, text: str) -> tuple[parse.TestFile | None, d.Diagnostics]:
    write(tmp_path, CONFIG)
    config, diags = loader.load_dir(tmp_path)
    assert not diags.has_errors, diags
    (tmp_path / "tests").mkdir(exist_ok=True)
    path = tmp_path / "tests" / "t.mltest.hcl"
    path.write_text(text)
    return parse.load(path, "tests/t.mltest.hcl", config)


def test_a_test_file_reads_into_runs(tmp_path: Path) -> None:
    test, diags = load(tmp_path, (
        'variables {\n  extra = 2\n}\n'
        'run "a" {\n  command = plan\n  variables { n = var.extra }\n'
        '  assert {\n    condition = output.o == "d"\n    error_message = "x"\n  }\n}\n'
        'run "b" {\n  expect_failures = [var.n, check.c, dataset.d, output.o]\n'
        '  assert {\n    condition = run.a.o == dataset.d.id\n    error_message = "y"\n  }\n}\n'
    ))  # fmt: skip
    assert not diags.has_errors, diags
    assert test is not None
    a, b = test.runs
    assert (a.name, a.command, list(a.variables), len(a.asserts)) == ("a", "plan", ["n"], 1)
    assert b.command == "apply"
    assert [f.address for f in b.expect_failures] == ["var.n", "check.c", "dataset.d", "output.o"]
    assert list(test.variables) == ["extra"]


def test_every_misuse_is_an_error_at_its_line(tmp_path: Path) -> None:
    _, diags = load(tmp_path, (
        'run "a" {\n  command = "destroy"\n}\n'                      # 1-3
        'run "a" {\n  command = plan\n}\n'                           # 4-6: duplicate
        'run "b" {\n  expect_failures = var.n\n}\n'                  # 7-9
        'run "c" {\n  expect_failures = [check.nope]\n}\n'           # 10-12
        'run "e" {\n  assert {\n    condition = var.nope\n  }\n}\n'  # 13-17: no error_message
        'run "f" {\n  assert {\n    condition = dataset.x.id == local.y\n    error_message = "z"\n  }\n}\n'  # 18-23
        'variables {\n  v = run.f.o\n}\n'                            # 24-26
        'junk = 1\n'                                                 # 27
    ))  # fmt: skip
    got = {(x.range.start_line if x.range else None, x.summary) for x in diags.errors}
    assert (2, "Invalid command") in got
    assert (4, "Duplicate run block") in got
    assert (8, "Invalid expect_failures") in got
    assert (11, "Reference to undeclared check") in got
    assert (14, "Missing required argument") in got
    assert (20, "Reference to undeclared dataset") in got
    assert (20, "Reference to undeclared local") in got
    assert (25, "Reference to undeclared run block") in got
    assert (27, "Unsupported argument") in got


def test_test_files_are_found_here_and_under_tests_and_are_not_configuration(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    (tmp_path / "tests" / "deep").mkdir(parents=True)
    for name in ("b.mltest.hcl", "tests/a.mltest.hcl", "tests/deep/c.mltest.hcl"):
        (tmp_path / name).write_text('run "x" {}\n')
    assert [p.relative_to(tmp_path).as_posix() for p in parse.discover(tmp_path)] == [
        "b.mltest.hcl", "tests/a.mltest.hcl", "tests/deep/c.mltest.hcl",
    ]  # fmt: skip
    assert [p.name for p in loader.config_files(tmp_path)] == ["main.hcl"]


def test_which_object_a_diagnostic_is_about() -> None:
    assert _checkable('variable "n"') == "var.n"
    assert _checkable('check "c"') == "check.c"
    assert _checkable('endpoint "e"') == "endpoint.e"
    assert _checkable('output "o"') == "output.o"
    assert _checkable(None) == ""


def test_only_custom_conditions_are_expected_failures() -> None:
    assert _custom_condition("var.n", d.error("Invalid value for variable", "n must be positive"))
    assert not _custom_condition("var.n", d.error("Invalid value for input variable", "a number is required"))
    assert _custom_condition("check.c", d.warning("Check block assertion failed", "x"))
    assert _custom_condition("endpoint.e", d.error("Resource postcondition failed", "x"))
    assert not _custom_condition("endpoint.e", d.error("Cannot create endpoint.e", "port in use"))


def test_junit_xml_and_json_reports() -> None:
    rng = d.SourceRange("tests/t.mltest.hcl", 7)
    results = [
        FileResult("tests/t.mltest.hcl", [
            RunResult("ok", "pass"),
            RunResult("bad", "fail", d.Diagnostics([d.error("Test assertion failed", "too low: 0.5", rng)])),
            RunResult("broke", "error", d.Diagnostics([d.error("Invalid value for variable", "C must be positive.")])),
            RunResult("later", "skip"),
        ]),
        FileResult("other.mltest.hcl", [RunResult("fine", "pass")]),
    ]  # fmt: skip
    root = ET.fromstring(report.junit_xml(results))
    first, second = root.findall("testsuite")
    assert {k: first.get(k) for k in ("name", "tests", "failures", "errors", "skipped")} == {
        "name": "tests/t.mltest.hcl", "tests": "4", "failures": "1", "errors": "1", "skipped": "1",
    }  # fmt: skip
    cases = {c.get("name"): c for c in first.findall("testcase")}
    failure = cases["bad"].find("failure")
    assert failure is not None and failure.get("message") == "Test assertion failed: too low: 0.5"
    assert "tests/t.mltest.hcl line 7" in (failure.text or "")
    assert cases["broke"].find("error") is not None and cases["later"].find("skipped") is not None
    assert cases["ok"].find("failure") is None and second.get("failures") == "0"
    doc = report.json_document(results)
    assert doc["status"] == "fail"
    assert doc["summary"] == {"passed": 2, "failed": 1, "errored": 1, "skipped": 1}
    assert [f["status"] for f in doc["files"]] == ["fail", "pass"]
