"""Moving states between backends (init -migrate-state) and encryption at rest, on every
backend: local -> each remote and back, a foreign lineage at the destination refused,
sealed states and journals unreadable without the key, a wrong key refused clearly, and
the explicit plain <-> encrypted migration."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from backend_targets import Target

from mlinfra.states import StateError, open_store
from mlinfra.states.crypto import Codec
from mlinfra.states.migrate import initialize
from mlinfra.states.model import ResourceState, State

REMOTES = ("s3", "gcs", "azurerm", "pg")
SECRET_MARK = "attribute-only-in-the-state-9f3c"


def _record(address: str, **attributes: Any) -> ResourceState:
    return ResourceState(address, address.split(".")[0], "local", id=address, attributes=attributes)


def _key(passphrase: str = "correct horse battery staple", migrate: str = "") -> Codec:
    return Codec("pbkdf2", passphrase=passphrase, iterations=1000, migrate=migrate)


def _raw(target: Target) -> bytes:
    """Every byte the backend stores for this test's states."""
    if target.kind == "local":
        return b"".join(p.read_bytes() for p in sorted(target.workdir.rglob("*")) if p.is_file())
    store: Any = target.store()
    if target.kind == "pg":
        rows = store.run(f"SELECT data FROM {store.schema}.states", fetch=True)
        rows += store.run(f"SELECT entry FROM {store.schema}.journal", fetch=True)
        return b"".join(bytes(r[0]) for r in rows)
    objects = store.store
    return b"".join(got[0] for n in objects.listing("") if (got := objects.get(n)) is not None)


def _local_state(workdir: Path) -> State:
    store = open_store(workdir, "local", {})
    default = State()
    default.resources["model.d"] = _record("model.d")
    store.backend("default").write(default)
    store.create_workspace("staging")
    staging = State()
    staging.resources["model.s"] = _record("model.s")
    store.backend("staging").write(staging)
    return default


@pytest.mark.parametrize("kind", REMOTES)
def test_migrate_state_moves_every_workspace_to_the_remote_and_back(kind: str, make_target: Any) -> None:
    target = make_target(kind)
    default = _local_state(target.workdir)
    result = initialize(target.workdir, kind, target.settings, target.secret, Codec(), migrate_state=True)
    assert len(result.messages) == 2
    remote = target.store()
    assert remote.workspaces() == ["default", "staging"]
    moved = remote.backend("default").read()
    assert moved.lineage == default.lineage and list(moved.resources) == ["model.d"]
    assert list(remote.backend("staging").read().resources) == ["model.s"]

    moved.resources["model.later"] = _record("model.later")  # the team works remotely
    remote.backend("default").write(moved)
    with pytest.raises(StateError, match="Backend configuration changed"):
        initialize(target.workdir, "local", {}, {}, Codec())
    initialize(target.workdir, "local", {}, {}, Codec(), migrate_state=True)
    back = open_store(target.workdir, "local", {}).backend("default").read()
    assert sorted(back.resources) == ["model.d", "model.later"] and back.lineage == default.lineage


@pytest.mark.parametrize("kind", REMOTES)
def test_migrate_state_refuses_a_destination_holding_another_lineage(kind: str, make_target: Any) -> None:
    target = make_target(kind)
    _local_state(target.workdir)
    foreign = State()
    foreign.resources["model.foreign"] = _record("model.foreign")
    target.backend().write(foreign)
    with pytest.raises(StateError, match="Destination holds another state"):
        initialize(target.workdir, kind, target.settings, target.secret, Codec(), migrate_state=True)
    assert list(target.backend().read().resources) == ["model.foreign"]


def test_reconfigure_uses_the_new_backend_without_moving_anything(make_target: Any) -> None:
    target = make_target("s3")
    _local_state(target.workdir)
    initialize(target.workdir, "s3", target.settings, target.secret, Codec(), reconfigure=True)
    assert not target.backend().exists()


def test_an_encrypted_state_round_trips_and_stays_sealed_at_rest(target: Target) -> None:
    key = _key()
    backend = target.backend(codec=key)
    state = State()
    state.resources["model.m"] = _record("model.m", note=SECRET_MARK)
    backend.write(state)
    info = backend.lock("apply")
    journal = backend.journal(backend.read())
    journal.put(_record("model.j", note=SECRET_MARK))  # left in the journal, as after a crash
    back = target.backend(codec=key).read()
    assert sorted(back.resources) == ["model.j", "model.m"]
    assert back.resources["model.j"].attributes["note"] == SECRET_MARK
    assert SECRET_MARK.encode() not in _raw(target)
    journal.close()
    backend.unlock(info)
    assert SECRET_MARK.encode() not in _raw(target)
    assert target.backend(codec=key).read().resources["model.m"].attributes["note"] == SECRET_MARK


def test_an_encrypted_state_is_refused_without_the_key_or_with_a_wrong_one(target: Target) -> None:
    target.backend(codec=_key()).write(State())
    with pytest.raises(StateError) as e:
        target.backend().read()
    assert "State is encrypted" in str([x.summary for x in e.value.diagnostics])
    with pytest.raises(StateError) as e:
        target.backend(codec=_key("a wrong passphrase, long enough")).read()
    (diag,) = list(e.value.diagnostics)
    assert diag.summary == "Failed to decrypt the state"
    assert "passphrase or key is wrong" in diag.detail
    assert "correct horse" not in diag.detail


def test_moving_between_plain_and_encrypted_is_explicit(target: Target) -> None:
    plain = State()
    plain.resources["model.m"] = _record("model.m", note=SECRET_MARK)
    target.backend().write(plain)
    with pytest.raises(StateError, match="State is not encrypted"):
        target.backend(codec=_key()).read()
    initialize(target.workdir, target.kind, target.settings, target.secret, Codec())
    initialize(target.workdir, target.kind, target.settings, target.secret,
               _key(migrate="from_unencrypted"), migrate_state=True)
    assert SECRET_MARK.encode() not in _raw(target)
    assert list(target.backend(codec=_key()).read().resources) == ["model.m"]
    with pytest.raises(StateError, match="State is encrypted"):
        target.backend().read()
    initialize(target.workdir, target.kind, target.settings, target.secret,
               _key(migrate="to_unencrypted"), migrate_state=True)
    assert SECRET_MARK.encode() in _raw(target)
    assert json.loads(json.dumps(target.backend().read().to_json()))["resources"][0]["address"] == "model.m"
