"""Diagnostics point at the attribute at fault, come in file and line order, name the
output or locals block they are in, and a block that refers to itself is an error."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402

from mlinfra import diagnostics as d  # noqa: E402
from mlinfra.config import bodies, hclparse  # noqa: E402


def _lines(err: str) -> list[int]:
    return [int(n) for n in re.findall(r"on main\.hcl line (\d+)", err)]


@pytest.mark.parametrize(
    "body, line",
    [
        ('  source = "fake://d"\n  tags   = { x = dataset.a.id }\n', 5),
        ('  source     = "fake://d"\n  depends_on = [dataset.a]\n', 5),
        ('  source = "fake://${dataset.a.uri}"\n', 4),
        ('  source = "fake://d"\n  lifecycle {\n    replace_triggered_by = [dataset.a.uri]\n  }\n', 6),
    ],
)
def test_a_block_that_refers_to_itself_is_a_located_error(tmp_path: Path, capsys, body: str, line: int) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "a" {\n' + body + "}\n")
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Error: Self-referential block" in r.err
    assert f'on main.hcl line {line}, in dataset "a"' in r.err


def test_a_block_that_refers_to_itself_through_a_local_is_an_error(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\nlocals {\n  id = dataset.a.id\n}\n\n'
        'dataset "a" {\n  source = "fake://d"\n  tags   = { x = local.id }\n}\n',
    )
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "Self-referential block" in r.err and "local.id refers to dataset.a" in r.err
    assert 'on main.hcl line 9, in dataset "a"' in r.err


def test_a_block_referring_to_another_of_its_kind_is_fine(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\ndataset "a" {\n  source = "fake://a"\n}\n\n'
        'dataset "b" {\n  source     = "fake://b"\n  tags       = { x = dataset.a.id }\n  depends_on = [dataset.a]\n}\n',
    )
    assert cli(capsys, tmp_path, "validate").code == 0


def test_depends_on_of_an_undeclared_resource_points_at_the_entry(tmp_path: Path, capsys) -> None:
    write(
        tmp_path,
        'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n\n'
        'model "m" {\n  artifact   = "fake://m"\n  depends_on = [\n    dataset.d,\n    dataset.zzz,\n  ]\n}\n',
    )
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert 'on main.hcl line 11, in model "m"' in r.err
    assert "Did you mean" not in r.err  # dataset.d is no near miss for dataset.zzz
    write(tmp_path, 'provider "fake" {}\n\ndataset "data" {\n  source = "x"\n}\n\nmodel "m" {\n  artifact   = "x"\n  depends_on = [dataset.dta]\n}\n')
    assert 'Did you mean "dataset.data"?' in cli(capsys, tmp_path, "validate").err


def test_errors_inside_an_output_name_the_output(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n\noutput "url" {\n  value = dataset.d.nope\n}\n')
    for command in ("validate", "plan"):
        r = cli(capsys, tmp_path, command)
        assert r.code == 1
        assert 'on main.hcl line 8, in output "url":' in r.err


def test_errors_inside_locals_name_the_locals_block(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\nlocals {\n  x = 1 / 0\n}\n\noutput "o" {\n  value = local.x\n}\n')
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "on main.hcl line 4, in locals:" in r.err


def test_diagnostics_come_in_file_and_line_order(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'output "z" {\n  value = var.nope3\n}\n', "b.hcl")
    write(
        tmp_path,
        'provider "fake" {}\n\nmodel "m" {\n  artifact = var.nope2\n}\n\n'
        'dataset "d" {\n  sorce = "x"\n}\n\noutput "o" {\n  value = var.nope1\n}\n',
        "a.hcl",
    )
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    found = re.findall(r"on ([ab])\.hcl line (\d+)", r.err)
    assert found == sorted(found, key=lambda f: (f[0], int(f[1]))) and len(found) >= 4, found
    doc = json.loads(cli(capsys, tmp_path, "validate", "--json").out)
    located = [(x["range"]["filename"], x["range"]["start"]["line"]) for x in doc["diagnostics"] if x["range"]]
    assert located == sorted(located)


def _block(text: str) -> object:
    f, diags = hclparse.parse_source(text, "main.hcl")
    assert f is not None and not diags
    return f.body.blocks[0]


@pytest.mark.parametrize(
    "attribute, line",
    [
        (("source",), 2),
        (("gates", "min_x"), 4),
        (("gates", "nope"), 3),
        (("step", "fit", "estimator"), 8),
        (("step", "fit"), 7),
        (("step",), 7),
        (("metrics", 1), 11),
        (("nothing",), 1),
        ((), 1),
    ],
)
def test_a_provider_diagnostic_is_placed_at_the_argument_it_names(attribute: tuple[str | int, ...], line: int) -> None:
    blk = _block(
        'pipeline "p" {\n  source = "x"\n  gates = {\n    min_x = 1\n  }\n\n  step "fit" {\n'
        '    estimator = "e"\n  }\n  metrics = [\n    "a",\n    "b",\n  ]\n}\n'.replace('"b",\n  ]', '"b"]').replace(
            '    "a",\n    "b"]', '    "a", "b",\n    "c"]'
        )
    )
    diag = d.error("Bad", "detail", attribute=attribute)
    placed = bodies.locate(diag, blk.body, blk.range, 'pipeline "p"')  # type: ignore[attr-defined]
    assert placed.range is not None and placed.range.start_line == line
    assert placed.context == 'pipeline "p"'
