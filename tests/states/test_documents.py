"""State documents are checked on read and on push: a damaged or hostile state file is a
clean error naming the field, never an internal one, and its advice is true."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

from mlinfra.states.local import LocalBackend  # noqa: E402

CONFIG = 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n'


@pytest.fixture
def applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    (tmp_path / "mlinfra.state.json.backup").unlink(missing_ok=True)
    return tmp_path


def _doc(workdir: Path) -> dict[str, Any]:
    return json.loads((workdir / "mlinfra.state.json").read_text())  # type: ignore[no-any-return]


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _serial(text: str, value: str) -> str:
    return re.sub(r'"serial": [0-9]+', f'"serial": {value}', text)


DAMAGE = {
    "serial_out_of_range": (lambda t: _serial(t, "1e999"), "out of range"),
    "serial_not_a_number": (lambda t: _serial(t, '"1"'), "serial must be a whole number"),
    "serial_negative": (lambda t: _serial(t, "-4"), "serial must not be negative"),
    "invalid_address": (lambda t: t.replace('"address": "dataset.d"', '"address": "dataset.*"'), "resources[0].address"),
    "kind_disagrees": (lambda t: t.replace('"kind": "dataset"', '"kind": "model"'), "resources[0].kind"),
    "unknown_status": (lambda t: t.replace('"status": "ready"', '"status": "zombie"'), "resources[0].status"),
    "deep_nesting": (lambda t: t.replace('"private": {}', '"private": {"x": ' + _nested(5000) + "}"), "levels deep"),
    "moderately_deep": (lambda t: t.replace('"private": {}', '"private": {"x": ' + _nested(300) + "}"), "levels deep"),
    "huge_integer": (lambda t: t.replace('"private": {}', '"private": {"x": ' + "7" * 5000 + "}"), "out of range"),
    "nan": (lambda t: t.replace('"private": {}', '"private": {"x": NaN}'), "not a JSON number"),
    "bad_dependency": (lambda t: t.replace('"dependencies": []', '"dependencies": ["nope"]'), "dependencies[0]"),
    "not_utf8": (lambda t: t.replace('"lineage"', '"\udcff"'), "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
@pytest.mark.parametrize("command", [("state", "list"), ("plan",), ("output",)])
def test_a_damaged_state_is_a_clean_error(applied: Path, capsys, case: str, command: tuple[str, ...]) -> None:
    damage, expected = DAMAGE[case]
    path = applied / "mlinfra.state.json"
    text = damage(path.read_text())
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    r = cli(capsys, applied, *command)
    assert r.code == 1
    assert "Error: Failed to load state" in r.err
    assert expected in r.err
    assert "internal error" not in r.err


def test_without_a_backup_the_error_does_not_advise_restoring_one(applied: Path, capsys) -> None:
    (applied / "mlinfra.state.json").write_text('{"format_version": 1, "serial": ')
    r = cli(capsys, applied, "plan")
    assert r.code == 1
    assert ".backup over" not in r.err
    assert "mlinfra.state.json.backup does not exist" in r.err


def test_with_a_backup_the_error_advises_restoring_it(applied: Path, capsys) -> None:
    path = applied / "mlinfra.state.json"
    (applied / "mlinfra.state.json.backup").write_bytes(path.read_bytes())
    path.write_text('{"format_version": 1, "serial": ')
    r = cli(capsys, applied, "plan")
    assert r.code == 1
    assert "restore the previous state: copy" in r.err and "mlinfra.state.json.backup over" in r.err


def _push(workdir: Path, capsys, doc: dict[str, Any]) -> Any:
    pushed = workdir / "pushed.json"
    pushed.write_text(json.dumps(doc))
    before = (workdir / "mlinfra.state.json").read_bytes()
    r = cli(capsys, workdir, "state", "push", str(pushed))
    if r.code != 0:
        assert (workdir / "mlinfra.state.json").read_bytes() == before, "a refused push changed the state"
    return r


def test_state_push_refuses_a_future_format_version(applied: Path, capsys) -> None:
    doc = _doc(applied)
    doc["format_version"] = 99
    doc["serial"] += 5
    r = _push(applied, capsys, doc)
    assert r.code == 1
    assert "newer mlinfra" in r.err and "Nothing was pushed" in r.err


@pytest.mark.parametrize("address", ["model.*", "dataset", "nokind.x", 'dataset.d["unterminated]'])
def test_state_push_refuses_an_invalid_address(applied: Path, capsys, address: str) -> None:
    doc = _doc(applied)
    doc["serial"] += 5
    doc["resources"][0]["address"] = address
    r = _push(applied, capsys, doc)
    assert r.code == 1
    assert "Error: Invalid state file" in r.err and "resources[0].address" in r.err
    assert cli(capsys, applied, "state", "list").out.split() == ["dataset.d"]


def test_state_push_of_a_good_document_still_works(applied: Path, capsys) -> None:
    doc = _doc(applied)
    doc["serial"] += 5
    doc["resources"][0]["attributes"]["extra"] = "pushed"
    assert _push(applied, capsys, doc).code == 0
    assert "pushed" in cli(capsys, applied, "state", "pull").out


def test_a_journal_with_a_hostile_entry_is_a_clean_error(applied: Path, capsys) -> None:
    backend = LocalBackend(applied / "mlinfra.state.json")
    state = backend.read()
    journal = backend.journal(state)
    record = state.resources["dataset.d"]
    record.address = "dataset.*"
    journal.put(record)  # left open, as by a killed apply
    r = cli(capsys, applied, "state", "list")
    assert r.code == 1
    assert "Failed to load state" in r.err and "journal" in r.err and "internal error" not in r.err


def test_a_recovered_journal_is_compacted_by_an_apply_with_nothing_to_change(applied: Path, capsys) -> None:
    backend = LocalBackend(applied / "mlinfra.state.json")
    state = backend.read()
    serial = state.serial
    journal = backend.journal(state)
    journal.put(state.resources["dataset.d"])  # the same record: nothing for a plan to change
    journal_file = applied / "mlinfra.state.json.journal"
    assert journal_file.exists()  # never closed: the apply was killed
    r = cli(capsys, applied, "apply", "--auto-approve")
    assert r.code == 0, r.err
    assert "No changes" in r.out
    assert not journal_file.exists()
    assert _doc(applied)["serial"] > serial
    assert cli(capsys, applied, "state", "list").out.split() == ["dataset.d"]


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "1e999", "9" * 5000])
def test_a_journal_line_beyond_the_limits_ends_the_replay_cleanly(applied: Path, capsys, value: str) -> None:
    from mlinfra.states.journal import encode_line

    backend = LocalBackend(applied / "mlinfra.state.json")
    state = backend.read()
    journal = backend.journal(state)
    journal.close()
    path = applied / "mlinfra.state.json.journal"
    Journal = type(journal)  # a journal left open by a killed apply, with one hostile line
    Journal.create(path, backend.read(), backend.read().serial, lambda s: s)
    record = state.resources["dataset.d"].to_json()
    raw = encode_line({"op": "put", "resource": record}).replace(b'"attributes":{', b'"attributes":{"x":' + value.encode() + b",")
    line = raw.split(b" ", 1)[1]
    import zlib

    with path.open("ab") as f:
        f.write(b"%08x " % zlib.crc32(line.rstrip(b"\n")) + line)
    r = cli(capsys, applied, "state", "list")
    assert r.code == 0, r.err
    assert r.out.split() == ["dataset.d"] and "internal error" not in r.err
