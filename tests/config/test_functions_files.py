"""Filesystem functions relative to the configuration, and formatdate / timeadd, from
Terraform's documented examples."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from mlinfra.config.expressions import Scope, evaluate
from mlinfra.config.hclparse import parse_expression
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.values import UNKNOWN


def ev(text: str, base: Path = Path("."), **variables: Any) -> Any:
    expr, _ = parse_expression(text)
    assert expr is not None
    return evaluate(expr, Scope(variables=variables, base_dir=base))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', "02 Jan 2018 23:12 UTC"),
        ('formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")', "Tuesday, 02-Jan-18 23:12:01 UTC"),
        ('formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")', "Tue, 02 Jan 2018 23:12:01 -0800"),
        ('formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")', "Jan 02, 2018"),
        ('formatdate("HH:mmaa", "2018-01-02T23:12:01Z")', "11:12pm"),
        ("formatdate(\"'Date:' YYYY\", \"2018-01-02T23:12:01Z\")", "Date: 2018"),
        ('timeadd("2017-11-22T00:00:00Z", "10m")', "2017-11-22T00:10:00Z"),
        ('timeadd("2017-11-22T00:00:00Z", "-1h30m")', "2017-11-21T22:30:00Z"),
    ],
)
def test_dates_format_and_add_as_in_terraform(text: str, expected: str) -> None:
    assert ev(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('formatdate("YYYY", "yesterday")', 'not a valid RFC3339 timestamp: "yesterday"'),
        ('formatdate("YYYY Q", "2018-01-02T23:12:01Z")', 'invalid date format verb "Q"'),
        ('timeadd("2017-11-22T00:00:00Z", "10 minutes")', 'time: invalid duration "10 minutes"'),
        ('fileset(".", "../*")', "must stay inside the path"),
        ('filemd5("missing.txt")', "no file exists at"),
        ('fileexists("sub")', "is a directory, not a file"),
    ],
)
def test_misuse_is_an_invalid_function_argument(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(DiagnosticsError) as info:
        ev(text, tmp_path)
    diag = info.value.diagnostics.items[0]
    assert diag.summary == "Invalid function argument" and message in diag.detail


def test_files_are_found_relative_to_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "data" / "nested").mkdir(parents=True)
    (tmp_path / "data" / "a.csv").write_text("x\n")
    (tmp_path / "data" / "nested" / "b.csv").write_text("y\n")
    (tmp_path / "data" / "c.txt").write_text("z\n")
    assert ev('fileset("data", "**/*.csv")', tmp_path) == ["a.csv", "nested/b.csv"]
    assert ev('fileexists("data/a.csv")', tmp_path) is True
    assert ev('fileexists("data/none.csv")', tmp_path) is False
    assert ev('filemd5("data/a.csv")', tmp_path) == hashlib.md5(b"x\n").hexdigest()
    assert ev('filesha512("data/a.csv")', tmp_path) == hashlib.sha512(b"x\n").hexdigest()
    assert ev('filebase64("data/a.csv")', tmp_path) == "eAo="
    assert ev('abspath("data")', tmp_path) == (tmp_path / "data").resolve().as_posix()
    assert ev("filemd5(var.p)", tmp_path, p=UNKNOWN) is UNKNOWN
