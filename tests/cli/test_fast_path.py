"""The fast path (``mlinfra.cli.fast``) runs validate, plan, show and output without typer
and says exactly what the typer app says: the same stdout, stderr and exit code for every
command line, whether it takes the line or hands it to typer (help, usage errors). Its
table of options matches the typer commands' parameters, so the two cannot drift."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from configs import CHAIN
from fakeprovider import FakeProvider

from mlinfra import diagnostics as d
from mlinfra.cli import actions, app, fast, run
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.providers import registry

CONFIG = CHAIN + 'output "weight" { value = var.weight }\noutput "where" { value = { url = endpoint.e.url } }\n'
PLAN_ONLY = 'dataset "extra" {\n  source = "fake://extra"\n}\n'


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An applied configuration (so show and output have a state) with one more dataset
    to plan, a variables file, and a saved plan."""
    d = tmp_path_factory.mktemp("fast")
    (d / "main.hcl").write_text(CONFIG)
    (d / "w.vars.hcl").write_text("weight = 70\n")
    registry.register("fake", FakeProvider)
    try:
        assert run(["-C", str(d), "apply", "--auto-approve"]) == 0
        (d / "extra.hcl").write_text(PLAN_ONLY)
        assert run(["-C", str(d), "plan", "--out", "saved.plan"]) == 0
    finally:
        registry.unregister("fake")
    yield d


# Command lines after "-C DIR", and whether the fast path takes them (True) or typer does.
COMMAND_LINES: list[tuple[list[str], bool]] = [
    (["validate"], True),
    (["validate", "--json"], True),
    (["validate", "--no-color"], True),
    (["--no-color", "-v", "validate"], True),
    (["validate", "--json", "--json"], True),
    (["validate", "--jsn"], False),
    (["validate", "--json=true"], False),
    (["validate", "extra"], False),
    (["validate", "--help"], False),
    (["validate", "-h"], False),
    (["plan"], True),
    (["plan", "--no-color"], True),
    (["plan", "-var", "weight=10"], True),
    (["plan", "--var", "weight=10", "-var=weight=20"], True),
    (["plan", "--var=weight=10"], True),
    (["plan", "-var", "nonsense"], True),
    (["plan", "-var", "nope=1"], True),
    (["plan", "-var-file", "w.vars.hcl"], True),
    (["plan", "--var-file=w.vars.hcl"], True),
    (["plan", "--var-file", "missing.vars.hcl"], True),
    (["plan", "--out", "p1.plan"], True),
    (["plan", "-out=p2.plan", "--json"], True),
    (["plan", "-out", "p3.plan", "--format", "markdown"], True),
    (["plan", "--detailed-exitcode"], True),
    (["plan", "--detailed-exitcode", "--target", "dataset.d"], True),
    (["plan", "--json"], True),
    (["plan", "--format", "markdown"], True),
    (["plan", "--format=json"], True),
    (["plan", "--format", "xml"], True),
    (["plan", "--json", "--format", "text"], True),
    (["plan", "--no-changes-silent", "--json"], True),
    (["plan", "--no-changes-silent", "--target", "dataset.d"], True),
    (["plan", "--destroy"], True),
    (["plan", "--refresh-only"], True),
    (["plan", "--destroy", "--refresh-only"], True),
    (["plan", "--no-refresh"], True),
    (["plan", "--no-refresh", "--refresh"], True),
    (["plan", "-target", "model.m", "-target=dataset.d"], True),
    (["plan", "--replace", "dataset.d"], True),
    (["plan", "-replace=model.m"], True),
    (["plan", "--target", "dataset.nope"], True),
    (["plan", "--parallelism", "2", "--lock-timeout", "1.5"], True),
    (["plan", "--parallelism=3", "--lock-timeout=0"], True),
    (["plan", "--cost-limit-monthly", "100"], True),
    (["plan", "--cost-limit-monthly", "0.5", "--format", "markdown"], True),
    (["plan", "--policy", "no-such-dir"], True),
    (["plan", "--out", "p4.plan", "-out", "p5.plan"], True),
    (["plan", "--format", "json", "--format", "markdown"], True),
    (["plan", "--format", ""], True),
    (["plan", "--parallelism", "007"], True),
    (["plan", "--target", ""], True),
    (["plan", "--out", "a\x00b"], False),
    (["show", "a\x00b"], False),
    (["plan", "--parallelism", "x"], False),
    (["plan", "--parallelism", "0"], False),
    (["plan", "--parallelism"], False),
    (["plan", "--lock-timeout", "soon"], False),
    (["plan", "--cost-limit-monthly", "-5"], False),
    (["plan", "--out"], False),
    (["plan", "--bogus"], False),
    (["plan", "--tagret", "x"], False),
    (["plan", "-json"], False),
    (["plan", "--refresh=false"], False),
    (["plan", "extra"], False),
    (["plan", "--help"], False),
    (["plan", "--", "--json"], False),
    (["show"], True),
    (["show", "--json"], True),
    (["show", "saved.plan"], True),
    (["show", "--json", "saved.plan"], True),
    (["show", "missing.plan"], True),
    (["show", "a", "b"], False),
    (["output"], True),
    (["output", "--json"], True),
    (["output", "weight"], True),
    (["output", "--raw", "url"], True),
    (["output", "--raw", "where"], True),
    (["output", "--raw"], True),
    (["output", "--raw", "--json", "url"], True),
    (["output", "nope"], True),
    (["output", "--help"], False),
    (["fmt", "--check"], False),
    (["valdate"], False),
    ([], False),
]

# Global options in every spelling ({d}: the configuration), and what typer makes of the odd ones.
GLOBAL_LINES: list[tuple[list[str], bool]] = [
    (["-C", "{d}", "validate"], True),
    (["--chdir", "{d}", "validate"], True),
    (["--chdir={d}", "plan", "--json"], True),
    (["-C", "{d}", "-vv", "--no-color", "output"], True),
    (["-v", "-v", "-C", "{d}", "--verbose", "show"], True),
    (["-C", "{d}/missing", "validate"], True),
    (["-C", "{d}", "--bogus", "validate"], False),
    (["-C", "{d}", "--json", "validate"], False),
    (["-C"], False),
    (["-C={d}", "validate"], False),
    (["-C{d}", "validate"], False),
    (["-C", "{d}", "plan", "-C", "{d}"], False),
    (["--help"], False),
    (["-C", "{d}", "validate", "-vv"], False),
]


# The one thing two runs of a plan print differently: when each was made.
TIMESTAMP = re.compile(r'"timestamp": "[^"]*"')


def _both(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    capsys.readouterr()
    code = run(argv)
    got = capsys.readouterr()
    typer_code = run(argv, typer_only=True)
    want = capsys.readouterr()
    return (
        (code, TIMESTAMP.sub('"timestamp": "T"', got.out), got.err),
        (typer_code, TIMESTAMP.sub('"timestamp": "T"', want.out), want.err),
    )


def _takes(argv: list[str]) -> bool:
    try:
        fast.parse(argv)
    except fast.NotMine:
        return False
    return True


CORPUS = [(["-C", "{d}", *args], taken) for args, taken in COMMAND_LINES] + GLOBAL_LINES


@pytest.mark.parametrize(("args", "taken"), CORPUS, ids=[" ".join(a) for a, _ in CORPUS])
def test_the_fast_path_says_what_typer_says(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], taken: bool
) -> None:
    argv = [a.format(d=workdir) for a in args]
    assert _takes(argv) is taken
    fast_result, typer_result = _both(capsys, argv)
    assert fast_result == typer_result


# A value for each valued option of plan, to try every spelling of every option.
VALUES = {
    "out": "s.plan", "target": "dataset.d", "replace": "model.m", "var": "weight=5", "var_file": "w.vars.hcl",
    "format": "markdown", "policy": "no-such-dir", "cost_limit_monthly": "50", "parallelism": "3", "lock_timeout": "2",
}
SPELLINGS = [
    [name] if opt.kind == fast.FLAG else [name, VALUES[opt.dest]] if not eq else [f"{name}={VALUES[opt.dest]}"]
    for opt in fast.COMMANDS["plan"]
    for name in (*opt.names, *opt.off)
    for eq in ((False,) if opt.kind == fast.FLAG else (False, True))
]


@pytest.mark.parametrize("spelling", SPELLINGS, ids=[" ".join(s) for s in SPELLINGS])
def test_every_spelling_of_every_plan_option(workdir: Path, capsys: pytest.CaptureFixture[str], spelling: list[str]) -> None:
    argv = ["-C", str(workdir), "plan", *spelling]
    assert _takes(argv)
    fast_result, typer_result = _both(capsys, argv)
    assert fast_result == typer_result


def test_the_fast_path_reads_what_it_takes(workdir: Path) -> None:
    command, given, values = fast.parse(
        ["-vv", "--chdir=x", "plan", "-var", "a=1", "--var=b=2", "--no-color", "--parallelism", "4", "-out=p", "--no-refresh"]
    )
    assert command == "plan"
    assert given == {"chdir": Path("x"), "no_color": True, "verbose": 2}
    assert values["var"] == ["a=1", "b=2"]
    assert values["parallelism"] == 4 and values["out"] == Path("p") and values["refresh"] is False
    assert values["target"] is None and values["lock_timeout"] == 0.0 and values["format"] is None


def test_an_unreadable_path_is_left_to_typer(tmp_path: Path) -> None:
    secret = tmp_path / "secret.vars.hcl"
    secret.write_text("weight = 1\n")
    secret.chmod(0)
    if os.access(secret, os.R_OK):
        pytest.skip("this user reads any file")
    with pytest.raises(fast.NotMine):
        fast.parse(["plan", "--var-file", str(secret)])


# --- the table against the typer commands ---------------------------------------------

CONVERTERS: dict[Any, tuple[type, ...]] = {fast.text: (str,), fast.path: (Path,), fast.at_least_one: (int,), fast.number: (float,)}


def _typer_params(command: str | None) -> dict[str, Any]:
    group = typer.main.get_command(app.build(command or "validate"))
    params = group.params if command is None else group.commands[command].params  # type: ignore[attr-defined]
    return {p.name: p for p in params}


def _check(opt: fast.Opt, p: Any) -> list[str]:
    wrong = []
    kind = (
        fast.ARGUMENT if p.param_type_name == "argument"
        else fast.COUNT if p.count
        else fast.FLAG if p.is_flag
        else fast.MULTI if p.multiple
        else fast.VALUE
    )
    if opt.kind != kind:
        wrong.append(f"{opt.dest}: {opt.kind}, typer has {kind}")
    if opt.kind != fast.ARGUMENT and (list(opt.names), list(opt.off)) != (p.opts, p.secondary_opts):
        wrong.append(f"{opt.dest}: {opt.names} {opt.off}, typer has {p.opts} {p.secondary_opts}")
    if opt.default != p.default:
        wrong.append(f"{opt.dest}: default {opt.default!r}, typer has {p.default!r}")
    if opt.kind in (fast.VALUE, fast.MULTI, fast.ARGUMENT):
        annotation = p.type_descriptor.annotation
        base = annotation.__args__[0] if opt.kind == fast.MULTI else annotation
        if base not in CONVERTERS[opt.convert]:
            wrong.append(f"{opt.dest}: {opt.convert.__name__} for {annotation}")
        if (opt.convert is fast.at_least_one) != (getattr(p, "min", None) == 1):
            wrong.append(f"{opt.dest}: minimum differs from typer's {getattr(p, 'min', None)}")
    return wrong


@pytest.mark.parametrize("command", [None, *fast.COMMANDS], ids=["(globals)", *fast.COMMANDS])
def test_the_fast_table_matches_the_typer_command(command: str | None) -> None:
    table = fast.GLOBALS if command is None else fast.COMMANDS[command]
    params = _typer_params(command)
    wrong = []
    for opt in table:
        if opt.dest not in params:
            wrong.append(f"{opt.dest}: not a parameter of the typer command")
            continue
        wrong.extend(_check(opt, params[opt.dest]))
    # Every typer parameter is in the table (--version is answered before either path).
    missing = set(params) - {opt.dest for opt in table} - ({"version"} if command is None else set())
    assert not missing, f"the fast path does not know {missing}"
    assert not wrong, wrong


@pytest.mark.parametrize("command", list(fast.COMMANDS))
def test_each_fast_command_has_an_action_taking_exactly_its_options(command: str) -> None:
    action = getattr(actions, command)
    assert set(inspect.signature(action).parameters) == {opt.dest for opt in fast.COMMANDS[command]}


# --- failures and output streams ---------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (KeyboardInterrupt(), "\n\nInterrupted.\n"),
        (RuntimeError("boom"), "Error: internal error: RuntimeError: boom\n"),
        (DiagnosticsError(d.error("Broken", "It broke.")), "│ Error: Broken\n"),
    ],
)
def test_failures_are_told_the_same_way(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: BaseException, said: str
) -> None:
    def fail(**_: Any) -> int:
        raise error

    monkeypatch.setattr(actions, "validate", fail)
    fast_result, typer_result = _both(capsys, ["-C", str(workdir), "validate"])
    assert fast_result == typer_result
    code, out, err = fast_result
    assert code == 1 and out == "" and said in err and "Traceback" not in err


def test_internal_errors_raise_with_vv(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(**_: Any) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(actions, "plan", fail)
    for typer_only in (False, True):
        with pytest.raises(RuntimeError, match="boom"):
            run(["-vv", "-C", str(workdir), "plan"], typer_only=typer_only)


PROBE = "import sys\nfrom mlinfra.cli import run\nsys.exit(run(sys.argv[2:], typer_only=sys.argv[1] == 'typer'))"


@pytest.mark.parametrize("encoding", ["ascii", "utf-8"])
def test_the_same_bytes_on_a_stream_set_up_for_ascii(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "main.hcl").write_text('dataset "d" {\n  sourc = "x"\n}\n')
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    results = [
        subprocess.run([sys.executable, "-c", PROBE, path, "-C", str(tmp_path), "validate"], capture_output=True, env=env)
        for path in ("fast", "typer")
    ]
    fast_result, typer_result = [(r.returncode, r.stdout, r.stderr) for r in results]
    assert fast_result == typer_result
    assert results[0].returncode == 1 and "│ Error:".encode() in results[0].stderr


@pytest.mark.parametrize("command", ["validate", "plan"])
def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path, command: str) -> None:
    (tmp_path / "main.hcl").write_text('dataset "d" {\n  source = "sklearn:iris"\n}\n')
    results = []
    for path in ("fast", "typer"):
        read, write = os.pipe()
        os.close(read)  # the reader has gone before anything is written
        try:
            r = subprocess.run(
                [sys.executable, "-c", PROBE, path, "-C", str(tmp_path), command],
                stdout=write, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
            )
        finally:
            os.close(write)
        results.append((r.returncode, r.stderr))
    assert results[0] == results[1] == (1, b"")
