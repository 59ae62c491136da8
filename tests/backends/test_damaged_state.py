"""A damaged or hostile state in any backend is a clean error, checked as a state file is.

Whoever can write to the bucket, container or table can put anything there: not JSON, a
JSON list, a record whose address does not parse, attributes that are not an object, a
serial that is not a number, nesting deep enough to exhaust the parser, a journal record
of another shape. Every backend reads it through ``mlinfra.states.documents``: the
command fails with "Failed to load state" naming the place and the field, never with an
internal error; and ``state push`` of a good copy replaces what is damaged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from backend_targets import Target

from mlinfra.states import StateError
from mlinfra.states.journal import encode_line
from mlinfra.states.model import ResourceState, State

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli_process, write  # noqa: E402


def _put_raw(target: Target, data: bytes, workspace: str = "default") -> None:
    """Store ``data`` as the state of ``workspace``, bypassing every check."""
    backend = target.backend(workspace)
    if target.kind == "local":
        backend.path.parent.mkdir(parents=True, exist_ok=True)  # type: ignore[attr-defined]
        backend.path.write_bytes(data)  # type: ignore[attr-defined]
    elif target.kind == "pg":
        store = backend.store  # type: ignore[attr-defined]
        store.run(
            f"INSERT INTO {store.schema}.states (name, lineage, serial, data) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data",
            (workspace, "damaged", 1, data),
        )
    else:
        backend.store.put(backend.name, data)  # type: ignore[attr-defined]


def _good_state() -> dict[str, object]:
    state = State()
    state.resources["model.m"] = ResourceState("model.m", "model", "local", id="m", attributes={"a": 1})
    doc = state.to_json()
    doc["serial"] = 1
    return doc


def _doc(**changes: object) -> bytes:
    doc = _good_state()
    record = dict(doc["resources"][0])  # type: ignore[index]
    for key, value in changes.items():
        if key.startswith("r_"):
            record[key[2:]] = value
        else:
            doc[key] = value
    doc["resources"] = [record]
    return json.dumps(doc).encode()


DAMAGED = {
    "not JSON": (b"{\"serial\": 1,", "not valid JSON"),
    "not UTF-8": (b"\xff\xfe{}", "not UTF-8"),
    "a JSON list": (b"[1, 2]", "not a state object"),
    "an address that does not parse": (_doc(r_address="model.!bad"), "resources[0].address"),
    "attributes that are not an object": (_doc(r_attributes=[1, 2]), "resources[0].attributes"),
    "a serial that is not a number": (_doc(serial="seven"), "serial"),
    "an unknown status": (_doc(r_status="exploded"), "resources[0].status"),
    "nesting too deep": (b"[" * 5000 + b"]" * 5000, "levels deep"),
    "a number out of range": (b'{"serial": 1' + b"0" * 400 + b"}", "out of range"),
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_a_damaged_state_is_a_located_error_on_every_backend(target: Target, case: str) -> None:
    data, expected = DAMAGED[case]
    _put_raw(target, data)
    with pytest.raises(StateError) as caught:
        target.backend().read()
    text = "\n".join(f"{d.summary}: {d.detail}" for d in caught.value.diagnostics)
    assert "Failed to load state" in text and expected in text, text
    location = target.backend().location if target.kind != "local" else str(target.backend().path)  # type: ignore[attr-defined]
    assert location in text, text


def test_a_malformed_journal_record_is_a_located_error(target: Target) -> None:
    if target.kind == "local":
        pytest.skip("the local journal's checks are tested in tests/states")
    backend = target.backend()
    backend.write(State())
    info = backend.lock("apply")
    journal = backend.journal(backend.read())
    journal.put(ResourceState("model.m", "model", "local", id="m", attributes={"a": 1}))
    backend.unlock(info)  # the apply is gone; its journal is left to be replayed
    # A record that is a JSON object but no journal entry of any kind mlinfra writes.
    # Framed as mlinfra frames its records (an unframed one reads as a torn write, skipped).
    bad = encode_line({"op": "put", "resource": {"address": "model.m", "kind": "model", "provider": "local", "attributes": "x"}})
    if target.kind == "pg":
        store = backend.store  # type: ignore[attr-defined]
        rows = store.run(f"SELECT lineage, base_serial FROM {store.schema}.journal", fetch=True)
        lineage, base = rows[0]
        store.run(
            f"INSERT INTO {store.schema}.journal (name, lineage, base_serial, seq, entry) VALUES (%s, %s, %s, %s, %s)",
            ("default", lineage, base, 99, bad),
        )
    else:
        names = backend.store.listing(backend._journal_root())  # type: ignore[attr-defined]
        prefix = names[0].rsplit("/", 1)[0]
        backend.store.put(f"{prefix}/{99:010d}", bad)  # type: ignore[attr-defined]
    with pytest.raises(StateError) as caught:
        target.backend().read()
    text = "\n".join(f"{d.summary}: {d.detail}" for d in caught.value.diagnostics)
    assert "Failed to load state" in text and "journal" in text and "attributes" in text, text


def test_state_push_replaces_a_damaged_state(target: Target) -> None:
    _put_raw(target, b"[not a state")
    good = State()
    good.resources["model.m"] = ResourceState("model.m", "model", "local", id="m", attributes={"a": 1})
    target.backend().write(good)
    assert sorted(target.backend().read().resources) == ["model.m"]


CONFIG = 'provider "fake" {}\n\ndataset "raw" {\n  source = "fake://a"\n}\n'


@pytest.mark.parametrize("case", ["a JSON list", "attributes that are not an object", "nesting too deep"])
def test_plan_on_a_damaged_remote_state_fails_cleanly(target: Target, case: str) -> None:
    if target.kind == "local":
        pytest.skip("the local backend's damaged files are tested in tests/states")
    write(target.workdir, target.hcl() + CONFIG, "main.mlinfra.hcl")
    init = cli_process(target.workdir, "init", *(f"-backend-config={k}={v}" for k, v in target.secret.items()), env=target.env)
    out, err = init.communicate(timeout=120)
    assert init.returncode == 0, out + err
    _put_raw(target, DAMAGED[case][0])
    proc = cli_process(target.workdir, "plan", env=target.env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, out + err
    assert "Error: Failed to load state" in err and "Traceback" not in out + err, out + err
    assert DAMAGED[case][1] in err, err
    for secret in target.secret.values():
        assert secret not in out + err
