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


def test_templatefile_renders_a_template_with_its_vars_as_the_only_names(tmp_path: Path) -> None:
    (tmp_path / "serve.tftpl").write_text("Hello ${name}!\n%{ for s in steps ~}\n- ${upper(s)}\n%{ endfor ~}\n")
    (tmp_path / "bare.tftpl").write_text("v=${v}")
    assert ev('templatefile("serve.tftpl", {name = "x", steps = ["a", "b"]})', tmp_path) == "Hello x!\n- A\n- B\n"
    assert ev('templatefile("bare.tftpl", {v = 1})', tmp_path) == "v=1"
    assert ev('templatefile("bare.tftpl", {v = var.u})', tmp_path, u=UNKNOWN) is UNKNOWN


def test_templatefile_errors_point_into_the_template_file(tmp_path: Path) -> None:
    (tmp_path / "bad.tftpl").write_text("line one\nx ${nope}\n")
    with pytest.raises(DiagnosticsError) as info:
        ev('templatefile("bad.tftpl", {name = 1})', tmp_path)
    diag = info.value.diagnostics.items[0]
    assert 'vars map does not contain key "nope"' in diag.detail
    assert diag.range is not None and diag.range.filename.endswith("bad.tftpl") and diag.range.start_line == 2
    (tmp_path / "broken.tftpl").write_text("a\n${\n")
    with pytest.raises(DiagnosticsError) as info:
        ev('templatefile("broken.tftpl", {})', tmp_path)
    assert info.value.diagnostics.items[0].range.filename.endswith("broken.tftpl")  # type: ignore[union-attr]
    with pytest.raises(DiagnosticsError) as info:
        ev('templatefile("missing.tftpl", {})', tmp_path)
    assert "no file exists at" in info.value.diagnostics.items[0].detail
