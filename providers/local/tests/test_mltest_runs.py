"""``mlinfra test`` on the local provider: run blocks that plan and apply a small
configuration against a throwaway state, assertions that pass and fail with their
messages, expected failures, JUnit XML and JSON reports, and a teardown that leaves no
state, no file and no server behind, even when a run fails."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_support import IRIS_SERVING, Cli, stop_every_server

CONFIG = """
variable "C" {
  default = 1.0
  validation {
    condition     = var.C > 0
    error_message = "C must be positive."
  }
}

variable "min_accuracy" { default = 0.5 }

dataset "iris" {
  source = "sklearn:iris"
}

pipeline "train" {
  inputs = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.C, max_iter = 200 }
  }
  metrics = ["accuracy"]
}

model "iris" {
  artifact  = pipeline.train.artifact
  framework = "sklearn"
}

check "accurate" {
  assert {
    condition     = pipeline.train.metrics.accuracy >= var.min_accuracy
    error_message = "accuracy below the bar"
  }
}

check "regularised" {
  assert {
    condition     = var.C <= 10
    error_message = "C above 10"
  }
}

output "version" { value = model.iris.version }
output "accuracy" { value = pipeline.train.metrics.accuracy }
"""

FAILING = """
run "ok" {
  command = plan
}

run "too_strict" {
  assert {
    condition     = output.accuracy > 1.5
    error_message = "accuracy ${output.accuracy} is not above 1.5"
  }
}
"""

EXPECTED = """
run "bad_c" {
  command = plan
  variables { C = -1 }
  expect_failures = [var.C]
}

run "check_fails" {
  command = plan
  variables { C = 50 }
  expect_failures = [check.regularised]
}

run "nothing_fails" {
  command = plan
  expect_failures = [var.C]
}
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(CONFIG)
    (tmp_path / "tests").mkdir()
    yield tmp_path
    for root in [tmp_path / ".mlinfra" / "local", *tmp_path.glob(".mlinfra/local.d/*")]:
        stop_every_server(root)


def leftovers(workdir: Path) -> list[Path]:
    """Files the local provider keeps for test workspaces, and any state written."""
    return [p for p in workdir.rglob("*") if p.is_file() and ("mltest-" in str(p) or "state" in p.name)]


def test_a_failed_assertion_shows_its_message_and_location_and_exits_1(cli: Cli, workdir: Path) -> None:
    (workdir / "tests" / "bad.mltest.hcl").write_text(FAILING)
    out = cli("test", "--junit-xml", "report.xml", expect=1)
    assert 'run "ok"... pass' in out
    assert 'run "too_strict"... fail' in out
    assert "Error: Test assertion failed" in out
    assert re.search(r"on tests/bad.mltest.hcl line 8, in run \"too_strict\"", out), out
    assert re.search(r"accuracy [\d.]+ is not above 1.5", out), out
    assert "Failure! 1 passed, 1 failed." in out
    assert leftovers(workdir) == []
    suites = ET.parse(workdir / "report.xml").getroot()
    (suite,) = suites.findall("testsuite")
    assert suite.get("name") == "tests/bad.mltest.hcl"
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert cases["ok"].find("failure") is None
    failure = cases["too_strict"].find("failure")
    assert failure is not None and "is not above 1.5" in (failure.get("message") or "")


def test_expected_failures_on_a_validation_and_a_check(cli: Cli, workdir: Path) -> None:
    (workdir / "expect.mltest.hcl").write_text(EXPECTED)
    out = cli("test", "--json", expect=1)
    doc = json.loads(out[out.index("{") :])
    (f,) = doc["files"]
    runs = {r["name"]: r for r in f["runs"]}
    assert runs["bad_c"]["status"] == "pass"
    assert runs["check_fails"]["status"] == "pass"
    assert runs["nothing_fails"]["status"] == "fail"
    (diag,) = runs["nothing_fails"]["diagnostics"]
    assert diag["summary"] == "Missing expected failure"
    assert "var.C" in diag["detail"]
    assert doc["summary"] == {"passed": 2, "failed": 1, "errored": 0, "skipped": 0}


def test_plan_runs_create_nothing_and_the_real_state_is_never_used(cli: Cli, workdir: Path) -> None:
    (workdir / "tests" / "plan.mltest.hcl").write_text(
        'run "p" {\n  command = plan\n  assert {\n    condition = var.C == 3 && var.min_accuracy == 0.25\n'
        '    error_message = "C is ${var.C}, min_accuracy ${var.min_accuracy}"\n  }\n}\n'
    )
    (workdir / "ci.vars.hcl").write_text("C = 3\nmin_accuracy = 0.75\n")
    cli("apply", "--auto-approve")
    before = json.loads((workdir / "mlinfra.state.json").read_text())
    out = cli("test", "--var-file", "ci.vars.hcl", "--var", "min_accuracy=0.25")
    assert "Success! 1 passed, 0 failed." in out
    # the run planned against an empty state: everything would be created
    assert json.loads((workdir / "mlinfra.state.json").read_text()) == before
    assert not list(workdir.glob(".mlinfra/local.d/mltest-*/**/*.json"))
    cli("destroy", "--auto-approve")


def test_filter_and_bad_test_files_are_located_errors(cli: Cli, workdir: Path) -> None:
    (workdir / "tests" / "a.mltest.hcl").write_text(
        'run "a" {\n  comand = plan\n}\n'
        'run "b" {\n  command = destroy\n}\n'
        'run "c" {\n  assert {\n    condition = model.irs.version > 0\n    error_message = "x"\n  }\n}\n'
        'run "d" {\n  assert {\n    condition = run.later.x == 1\n    error_message = "x"\n  }\n}\n'
        'run "later" {\n  command = plan\n}\n'
        'rn "e" {}\n'
    )
    (workdir / "tests" / "b.mltest.hcl").write_text('run "p" {\n  command = plan\n}\n')
    out = cli("test", "--filter", "tests/a.mltest.hcl", expect=1)
    assert "Traceback" not in out
    assert 'An argument named "comand" is not expected here. Did you mean "command"?' in out
    assert "The command of a run block is plan or apply, not destroy." in out
    assert 'model.irs is not declared. Did you mean "iris"?' in out
    assert "run.later is not an earlier run block" in out
    assert 'Blocks of type "rn" are not expected in a test file. Did you mean "run"?' in out
    assert "on tests/a.mltest.hcl line 2" in out
    out = cli("test", "--filter", "tests/b.mltest.hcl")
    assert "tests/a.mltest.hcl" not in out and "Success! 1 passed, 0 failed." in out
    out = cli("test", "--filter", "tests/c.mltest.hcl", expect=1)
    assert "there is no test file tests/c.mltest.hcl" in out
    doc = json.loads(cli("test", "--json", "--filter", "tests/a.mltest.hcl", expect=1))
    assert doc["status"] == "error" and doc["diagnostics"][0]["range"]["filename"] == "tests/a.mltest.hcl"


def test_a_failing_run_still_stops_its_servers_and_leaves_no_state(cli: Cli, workdir: Path) -> None:
    typed = IRIS_SERVING.replace('variable "C" { default = 1.0 }', 'variable "C" {\n  type    = number\n  default = 1.0\n}')
    assert typed != IRIS_SERVING
    # The last run's variables do not convert: the teardown destroys with an earlier run's.
    (workdir / "main.hcl").write_text(typed + 'output "url" { value = endpoint.iris.url }\n')
    (workdir / "tests" / "serve.mltest.hcl").write_text(
        'run "serves" {\n  assert {\n    condition = output.url == "nowhere"\n'
        '    error_message = "served at ${output.url}"\n  }\n}\n'
        'run "never" {\n  variables { C = "not a number" }\n}\n'
        'run "skipped" {\n  command = plan\n}\n'
    )
    out = cli("test", expect=1)
    url = re.search(r"served at (http://\S+)", out)
    assert url, out
    assert 'run "serves"... fail' in out and 'run "never"... error' in out and 'run "skipped"... skip' in out
    assert "Invalid value for input variable" in out and "Failed to clean up" not in out
    assert "Failure! 0 passed, 2 failed, 1 skipped." in out
    with httpx.Client(trust_env=False, timeout=5) as c, pytest.raises(httpx.HTTPError):
        c.get(url.group(1) + "/health")
    assert leftovers(workdir) == []


def test_the_quickstart_tests_pass_and_leave_nothing(cli: Cli, workdir: Path, copy_example: Any) -> None:
    (workdir / "main.hcl").unlink()
    copy_example("quickstart", workdir)
    out = cli("test", "--junit-xml", "junit.xml")
    assert "tests/quickstart.mltest.hcl... in progress" in out
    for run in ("plans_a_model_per_version", "trains_and_serves", "a_smaller_c_is_a_new_version"):
        assert f'run "{run}"... pass' in out
    assert "tests/quickstart.mltest.hcl... tearing down" in out
    assert "Success! 3 passed, 0 failed." in out
    assert leftovers(workdir) == [] and not list(workdir.glob(".mlinfra/local.d/mltest-*/endpoints/*"))
    assert ET.parse(workdir / "junit.xml").getroot().find("testsuite").get("tests") == "3"  # type: ignore[union-attr]
