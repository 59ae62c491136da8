"""A provider for the core's own tests: objects live in a JSON file in the workdir.

Each kind behaves like a small cloud service: ``create`` stores an object named after
the resource plus a short hash of its arguments, ``read`` returns None once the object
is deleted out of band, and the argument ``image`` forces replacement. Failures can be
injected with ``fail = "create"`` (or "plan", "update", "delete") in the resource's ``fake``
block; ``slow`` sleeps that many seconds inside create (for kill tests), and
``wait_for = "FILE"`` makes create wait until FILE exists in the workdir.

Objects can also take a while to become ready after their create call returns, as a
cloud endpoint does: with ``ready_after = SECONDS``, or ``ready_with = N`` (ready once the
service holds N objects), create is written as steps that ``yield Wait`` between polls
of the object, and ``fail = "wait"`` makes the object fail while being waited for. The
provider block's ``throttle = K`` refuses each object's first K create calls as a cloud
throttles (the handler backs off and retries). ``STATS`` counts calls in flight,
threads, objects being waited for at once and throttled calls.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from mlinfra.providers import PROTOCOL_VERSION, CrudProvider, Resource, ResourceError, Steps, Wait


class FakeBlock(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fail: str | None = None
    slow: float = 0
    # Create waits (up to a minute) until this file exists in the workdir.
    wait_for: str | None = None
    image: str | None = None
    # Ready this many seconds after the create call, or once the service holds this
    # many objects.
    ready_after: float = 0
    ready_with: int = 0


class FakeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: str = "local"
    throttle: int = 0


# Seconds between polls of an object that is not ready yet.
POLL = 0.02
# The longest a create waits for its object (a test that would hang fails instead).
WAIT_LIMIT = 20.0


class Stats:
    """What the fake service saw, for tests (reset with ``reset``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.in_flight = self.max_in_flight = self.max_threads = 0
        self.waiting: set[str] = set()
        self.max_waiting = 0
        self.throttled = 0
        self.refused: dict[str, int] = {}

    @contextmanager
    def call(self) -> Iterator[None]:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.max_threads = max(self.max_threads, threading.active_count())
        try:
            yield
        finally:
            with self.lock:
                self.in_flight -= 1

    def wait(self, name: str, waiting: bool) -> None:
        with self.lock:
            if waiting:
                self.waiting.add(name)
                self.max_waiting = max(self.max_waiting, len(self.waiting))
            else:
                self.waiting.discard(name)


STATS = Stats()


class Throttled(Exception):
    """The service refused a call: too many requests."""


def _db_path(workdir: Path) -> Path:
    return workdir / "fake-cloud.json"


@contextmanager
def cloud(workdir: Path) -> Iterator[dict[str, Any]]:
    """The fake service's objects, read and written under a file lock."""
    path = _db_path(workdir)
    with open(str(path) + ".lock", "a") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        data = json.loads(path.read_text()) if path.exists() else {}
        yield data
        tmp = str(path) + ".tmp"
        with open(tmp, "w") as f:
            json.dump(data, f, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)


def objects(workdir: Path) -> dict[str, str]:
    """The fake service's objects: name -> the address it was made for."""
    if not _db_path(workdir).exists():
        return {}
    with cloud(workdir) as db:
        return {name: o["address"] for name, o in db.items()}


def _hash(config: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True, default=str).encode()).hexdigest()[:8]


class _FakeResource(Resource):
    block = FakeBlock
    force_new = frozenset({"fake"})

    def _outputs(self, name: str, config: dict[str, Any], version: int) -> dict[str, Any]:
        outs: dict[str, Any] = {"id": name}
        for o in self.outputs:
            if o == "id":
                continue
            outs[o] = {
                "uri": f"fake://{self.kind}/{name}",
                "digest": _hash(config),
                "version": version,
                "url": f"http://fake/{name}",
                "status": "InService",
                "run_id": f"run-{_hash(config)}",
                "artifact": f"fake://artifacts/{name}/{_hash(config)}",
                "metrics": {"accuracy": 0.9},
            }.get(o)
        return outs

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        """Resource name plus a short hash of the arguments, like cloud providers do, so
        the two halves of a create-before-destroy replacement never collide."""
        args = {k: v for k, v in planned.items() if k not in self.outputs}
        base = address.replace('"', "").replace("[", "-").replace("]", "")
        return f"{base}-{_hash(args)}"

    def _fail(self, config: dict[str, Any], op: str) -> None:
        blk = config.get("fake") or {}
        if blk.get("wait_for") and op == "create":
            gate = self.ctx.workdir / blk["wait_for"]
            deadline = time.monotonic() + 60
            while not gate.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        if blk.get("slow"):
            time.sleep(float(blk["slow"]))
            self.ctx.progress(f"still working on {config.get('source') or config.get('artifact')}")
        if blk.get("fail") == op:
            raise ResourceError(f"Fake {op} failure", f"The fake service refused to {op} this object.")

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> Any:
        if (config.get("fake") or {}).get("fail") == "plan":
            raise ResourceError("Fake plan failure", "The fake service refused to plan this object.")
        return self.default_plan(prior, config)

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Any:
        blk = config.get("fake") or {}
        if blk.get("ready_after") or blk.get("ready_with"):
            return self._create_steps(address, config)
        name = self.name(address, config) or address
        self.ctx.progress(f"creating {address}")
        with cloud(self.ctx.workdir) as db:
            db[name] = {"address": address, "kind": self.kind, "config": config, "version": 1, "calls": ["create"]}
        try:
            self._fail(config, "create")
        except ResourceError:
            with cloud(self.ctx.workdir) as db:  # create is transactional
                db.pop(name, None)
            raise
        return {**config, **self._outputs(name, config, 1)}

    def _create_steps(self, address: str, config: dict[str, Any]) -> Steps[dict[str, Any]]:
        """Create as a cloud does: the call returns at once, the object becomes ready
        later; each call may be throttled."""
        name = self.name(address, config) or address
        blk = config.get("fake") or {}
        backoff = POLL
        while True:
            try:
                with STATS.call():
                    with STATS.lock:
                        refused = STATS.refused.get(name, 0)
                        if refused < self.ctx.settings.throttle:
                            STATS.refused[name] = refused + 1
                            STATS.throttled += 1
                            raise Throttled(name)
                    with cloud(self.ctx.workdir) as db:
                        db[name] = {
                            "address": address, "kind": self.kind, "config": config, "version": 1, "calls": ["create"],
                            "ready_at": time.time() + float(blk.get("ready_after") or 0),
                        }
                break
            except Throttled:
                yield Wait(backoff, "throttled, retrying")
                backoff *= 2
        STATS.wait(name, True)
        try:
            deadline = time.monotonic() + WAIT_LIMIT
            while True:
                with STATS.call(), cloud(self.ctx.workdir) as db:
                    ready = time.time() >= db[name]["ready_at"] and len(db) >= int(blk.get("ready_with") or 0)
                if ready:
                    break
                if time.monotonic() > deadline:
                    raise ResourceError("Timed out", f"{name} did not become ready.")
                yield Wait(POLL, "Creating")
            if blk.get("fail") == "wait":
                with cloud(self.ctx.workdir) as db:  # create is transactional
                    db.pop(name, None)
                raise ResourceError("Fake wait failure", f"{name} failed while becoming ready.")
        finally:
            STATS.wait(name, False)
        return {**config, **self._outputs(name, config, 1)}

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        with cloud(self.ctx.workdir) as db:
            obj = db.get(name) if name else None
        if obj is None:
            return None
        return {**obj["config"], **self._outputs(name, obj["config"], obj["version"])}

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        return self.read(address, {"id": object_id})

    def find(self, address: str) -> dict[str, Any] | None:
        with cloud(self.ctx.workdir) as db:
            for name, obj in db.items():
                if obj["address"] == address:
                    return {**obj["config"], **self._outputs(name, obj["config"], obj["version"])}
        return None

    def update(self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        self._fail(config, "update")
        name = prior["id"]
        with cloud(self.ctx.workdir) as db:
            obj = db[name]
            obj["config"] = config
            obj["version"] += 1
            obj["calls"].append("update")
            version = obj["version"]
        return {**config, **self._outputs(name, config, version)}

    def delete(self, address: str, state: dict[str, Any]) -> None:
        self._fail(state, "delete")
        with cloud(self.ctx.workdir) as db:
            db.pop(state["id"], None)


def _kind(kind_name: str) -> type[Resource]:
    return type(
        f"Fake{kind_name.title()}",
        (_FakeResource,),
        {"kind": kind_name, "stable_outputs": ("id", "uri", "url")},
    )


class FakeProvider(CrudProvider):
    name = "fake"
    protocol_version = PROTOCOL_VERSION
    config_model = FakeConfig
    resources = tuple(_kind(k) for k in ("dataset", "pipeline", "model", "endpoint"))


CALLS_FILE = "fake-calls.jsonl"


def recorded_calls(workdir: Path) -> list[str]:
    """The calls a ``RecordingFakeProvider`` received in ``workdir``, in order."""
    path = workdir / CALLS_FILE
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


class _Recording(_FakeResource):
    """Appends each create, update, delete and import to ``fake-calls.jsonl`` as
    "OP ADDRESS" (with the object id for update and delete, so the two halves of a
    replacement can be told apart)."""

    def _record(self, entry: str) -> None:
        with open(self.ctx.workdir / CALLS_FILE, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        self._record(f"create {address}")
        return super().create(address, config, planned)

    def update(self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        self._record(f"update {address} {prior.get('id')}")
        return super().update(address, prior, config, planned)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        self._record(f"delete {address} {state.get('id')}")
        super().delete(address, state)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        self._record(f"import {address} {object_id}")
        return super().import_object(address, object_id)


class RecordingFakeProvider(FakeProvider):
    """The fake provider, recording every call that changes the fake cloud."""

    resources = tuple(
        type(f"Recording{r.__name__}", (_Recording, r), {"kind": r.kind, "stable_outputs": r.stable_outputs})
        for r in FakeProvider.resources
    )
