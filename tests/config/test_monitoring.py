"""The monitor kind's language: located errors for a misspelt statistic (with the
likely one), a threshold out of its statistic's range, a schedule that is not one, a
monitored endpoint that captures nothing, a retrain_on that names no monitor; portable
schedules; providers without monitors say so at the monitor block."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

from mlinfra.config.monitoring import parse_schedule  # noqa: E402

BASE = """provider "local" {}

dataset "iris" {
  source = "sklearn:iris"
}

endpoint "iris" {
  variant "blue" {
    model = "iris/v1"
  }
%(capture)s}

monitor "iris" {
  endpoint = endpoint.iris.id
  baseline = dataset.iris.uri
%(body)s}
"""
CAPTURE = "  data_capture {\n    enabled = true\n  }\n"


def _config(body: str, capture: str = CAPTURE) -> str:
    return BASE % {"body": body, "capture": capture}


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("body", "needle", "message"),
    [
        ('  drift {\n    statistic = "pis"\n  }\n', '"pis"', 'is not a drift statistic. Did you mean "psi"?'),
        ('  feature "petal" {\n    statistic = "chi"\n  }\n', '"chi"', 'Did you mean "chi2"?'),
        ('  drift {\n    statistic = "ks"\n    threshold = 1.5\n  }\n', "1.5", "1.5 is out of range for ks"),
        ('  drift {\n    threshold = -0.1\n  }\n', "-0.1", "out of range for psi"),
        ('  drift {\n    statistic = "chi2"\n    threshold = 1\n  }\n', "threshold = 1", "p-value above 0 and below 1"),
        ('  schedule = "every five minutes"\n', "five", "is not a schedule"),
        ('  schedule = "61 * * * *"\n', "61", "the minute field takes 0-59"),
        ('  schedule = "0 0 31 2 *"\n', "31 2", "never runs"),
    ],
)
def test_bad_monitor_settings_are_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, needle: str, message: str) -> None:
    text = _config(body)
    write(tmp_path, text)
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert message in r.err
    assert f'on main.hcl line {_line_of(text, needle)}, in monitor "iris"' in r.err


@pytest.mark.parametrize(
    "capture",
    ["", "  data_capture {\n    enabled = false\n  }\n"],
)
def test_a_monitor_of_an_endpoint_that_captures_nothing_is_refused_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], capture: str
) -> None:
    text = _config("", capture)
    write(tmp_path, text)
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Endpoint does not capture data" in r.err
    assert 'Add data_capture { enabled = true } to endpoint "iris"' in r.err
    assert f"on main.hcl line {_line_of(text, 'endpoint = endpoint.iris.id')}" in r.err


def test_retrain_on_names_monitors_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _config("") + (
        '\npipeline "train" {\n  inputs = { train = dataset.iris.uri }\n'
        '  step "fit" {\n    estimator = "sklearn.linear_model.LogisticRegression"\n  }\n'
        "  retrain_on = [monitor.iris, dataset.iris, monitor.irsi]\n}\n"
    )
    write(tmp_path, text)
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Invalid retrain_on reference" in r.err
    assert 'retrain_on names monitor.irsi, which is not declared. Did you mean "monitor.iris"?' in r.err
    assert r.err.count(f"on main.hcl line {_line_of(text, 'retrain_on')}") == 2


def test_a_valid_monitor_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        '  features = ["petal length (cm)"]\n  schedule = "*/15 * * * *"\n'
        '  drift {\n    statistic = "ks"\n    threshold = 0.2\n  }\n'
        '  feature "petal length (cm)" {\n    statistic = "psi"\n  }\n'
    )
    write(tmp_path, _config(body))
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 0, r.err


@pytest.mark.parametrize(
    ("text", "after", "first"),
    [
        ("every 5m", "2026-01-01T10:02:00", "2026-01-01T10:07:00"),
        ("hourly", "2026-01-01T10:02:00", "2026-01-01T11:02:00"),
        ("daily", "2026-01-01T10:02:00", "2026-01-02T00:00:00"),
        ("*/15 * * * *", "2026-01-01T10:02:00", "2026-01-01T10:15:00"),
        ("30 9 * * 1-5", "2026-01-02T10:00:00", "2026-01-05T09:30:00"),  # Friday -> Monday
        ("0 0 1 */3 *", "2026-02-10T00:00:00", "2026-04-01T00:00:00"),
    ],
)
def test_schedules_run_when_they_say(text: str, after: str, first: str) -> None:
    start = datetime.fromisoformat(after).replace(tzinfo=UTC)
    assert parse_schedule(text).next_after(start) == datetime.fromisoformat(first).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "provider",
    [
        'provider "gcp" {\n  project = "p"\n  region  = "us-central1"\n}\n',
        'provider "azure" {\n  subscription_id = "00000000-0000-0000-0000-000000000000"\n  resource_group = "rg"\n  workspace = "ws"\n}\n',
    ],
)
def test_providers_without_monitors_say_so_at_the_monitor_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], provider: str
) -> None:
    name = provider.split('"')[1]
    text = (
        provider + f'\nmonitor "iris" {{\n  provider = {name}\n  endpoint = "iris"\n  baseline = "x.csv"\n}}\n'
    )
    write(tmp_path, text)
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert f'Provider "{name}" does not support monitor yet' in r.err
    assert "docs/monitoring.md" in r.err
    lines = [int(n) for n in re.findall(r"on main\.hcl line (\d+)", r.err)]
    assert lines and lines[0] >= _line_of(text, 'monitor "iris"')
