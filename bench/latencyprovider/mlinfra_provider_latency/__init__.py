"""mlinfra-provider-latency: a benchmark provider standing in for a cloud's endpoints.

Not published; ``bench/latency.py`` installs it into the project's environment. An
``endpoint`` is created by one API call that returns at once; the object becomes ready
``latency`` seconds later (the minutes a SageMaker or Vertex endpoint takes), and the
handler polls it, as a cloud provider does. Every API call takes ``call_seconds`` (the
round trip) and draws from a token bucket (``rate`` calls a second, ``burst`` at once);
past the rate the call fails as throttled and the handler backs off (exponentially,
with jitter) and retries. Like an SDK's adaptive retry mode, the client also paces its
own calls to the service's published rate (``client_rate``, by default ``rate``): a call
whose turn is later waits for it, so few calls are throttled and none are wasted. Handlers are written as steps that ``yield Wait``, so the
engine holds no worker while an endpoint becomes ready.

The "cloud" is a folder of JSON files (one per object), so a plan in another process,
or the apply after a kill, finds what exists. On ``close`` the provider writes what it
saw to ``stats.json`` in that folder: calls, throttled calls, the most calls in flight
and objects being waited for at once, the most threads, and the times of the first
call and of the last object ready.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from mlinfra.providers import (
    PROTOCOL_VERSION,
    Context,
    CrudProvider,
    Resource,
    ResourceError,
    Steps,
    Wait,
    object_name,
)

T = TypeVar("T")


class LatencySettings(BaseModel):
    """The ``provider "latency" { ... }`` block."""

    model_config = ConfigDict(extra="forbid")
    cloud: str = Field(default=".latency-cloud", description="Folder of the objects, relative to the configuration.")
    latency: float = Field(default=2.0, ge=0, description="Seconds from a create or update call to the object ready.")
    rate: float = Field(default=500.0, gt=0, description="API calls a second the service accepts.")
    burst: int = Field(default=50, ge=1, description="API calls the service accepts at once.")
    call_seconds: float = Field(default=0.01, ge=0, description="Round trip of one API call.")
    first_poll: float | None = Field(default=None, ge=0, description="Seconds before the first poll (default: latency).")
    poll: float = Field(default=0.1, gt=0, description="Seconds between the next polls.")
    client_rate: float | None = Field(default=None, ge=0, description="Calls a second the client paces itself to (default: rate; 0: no pacing).")


class Throttled(Exception):
    """The service refused a call: past its rate."""


class Bucket:
    """A token bucket: ``rate`` tokens a second, at most ``burst`` saved."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.at = time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens < 1:
                return False
            self.tokens -= 1
            return True


class Pacer:
    """The client's side of the rate limit: each call reserves the next turn of a token
    bucket that may run into debt, and waits until its turn."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.at = time.monotonic()
        self.lock = threading.Lock()

    def reserve(self) -> float:
        """Seconds until this call's turn (0: now)."""
        if self.rate <= 0:
            return 0.0
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
            self.at = now
            self.tokens -= 1
            # A hair after the turn: exactly on it, the service may count its token short.
            return 0.0 if self.tokens >= 0 else -self.tokens / self.rate + 0.002


class Cloud:
    """The service: objects as JSON files, calls metered and counted."""

    def __init__(self, root: Path, settings: LatencySettings) -> None:
        self.root = root
        self.settings = settings
        self.bucket = Bucket(settings.rate, settings.burst)
        client = settings.rate if settings.client_rate is None else settings.client_rate
        self.pacer = Pacer(client, settings.burst)
        self.lock = threading.Lock()
        self.stats: dict[str, Any] = {
            "calls": 0, "throttled": 0, "in_flight": 0, "max_in_flight": 0, "max_threads": 0,
            "waiting": 0, "max_waiting": 0, "first_call": None, "last_ready": None,
        }
        (root / "objects").mkdir(parents=True, exist_ok=True)

    def _count(self, key: str, by: int) -> None:
        with self.lock:
            s = self.stats
            s[key] += by
            if key in ("in_flight", "waiting"):
                s["max_" + key] = max(s["max_" + key], s[key])

    def call(self, fn: Callable[[], T]) -> T:
        """One API call: throttled past the rate, else ``call_seconds`` of round trip."""
        with self.lock:
            self.stats["calls"] += 1
            self.stats["max_threads"] = max(self.stats["max_threads"], threading.active_count())
            if self.stats["first_call"] is None:
                self.stats["first_call"] = time.time()
        if not self.bucket.take():
            self._count("throttled", 1)
            raise Throttled
        self._count("in_flight", 1)
        try:
            time.sleep(self.settings.call_seconds)
            return fn()
        finally:
            self._count("in_flight", -1)

    @contextmanager
    def waiting(self) -> Iterator[None]:
        self._count("waiting", 1)
        try:
            yield
        finally:
            self._count("waiting", -1)
            with self.lock:
                self.stats["last_ready"] = time.time()

    def path(self, name: str) -> Path:
        return self.root / "objects" / f"{name}.json"

    def get(self, name: str) -> dict[str, Any] | None:
        try:
            return json.loads(self.path(name).read_text())  # type: ignore[no-any-return]
        except FileNotFoundError:
            return None

    def put(self, name: str, obj: dict[str, Any]) -> None:
        tmp = self.path(name).with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(obj, sort_keys=True))
        os.replace(tmp, self.path(name))

    def remove(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def objects(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for p in sorted((self.root / "objects").glob("*.json")):
            obj = self.get(p.stem)
            if obj is not None:
                yield p.stem, obj

    def save_stats(self) -> None:
        with self.lock:
            (self.root / "stats.json").write_text(json.dumps(self.stats, sort_keys=True))


class LatencyContext(Context):
    cloud: Cloud | None = None


class Endpoint(Resource):
    """An endpoint: ready ``latency`` seconds after its create or update call."""

    kind = "endpoint"
    ctx: LatencyContext

    @property
    def cloud(self) -> Cloud:
        assert self.ctx.cloud is not None
        return self.ctx.cloud

    def _outputs(self, name: str) -> dict[str, Any]:
        return {"id": name, "url": f"https://latency.invalid/{name}", "status": "InService"}

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> Any:
        return self.default_plan(prior, config, known=self._outputs(object_name(address)))

    def _api(self, fn: Callable[[], T]) -> Steps[T]:
        """Call the service, backing off while it throttles (without holding a worker)."""
        backoff = 0.05
        while True:
            turn = self.cloud.pacer.reserve()
            if turn > 0:
                yield Wait(turn, "")
            try:
                return self.cloud.call(fn)
            except Throttled:
                yield Wait(backoff * (0.5 + random.random()), "throttled, retrying")
                backoff = min(backoff * 2, 2.0)

    def _until_ready(self, name: str) -> Steps[None]:
        s = self.cloud.settings
        with self.cloud.waiting():
            yield Wait(s.latency if s.first_poll is None else s.first_poll, "Creating")
            while True:
                obj = yield from self._api(lambda: self.cloud.get(name))
                if obj is None:
                    raise ResourceError(f"Endpoint {name} is gone", "It was deleted while being created.")
                if time.time() >= obj["ready_at"]:
                    return
                yield Wait(s.poll, obj.get("status", "Creating"))

    def _write(self, address: str, name: str, config: dict[str, Any]) -> None:
        self.cloud.put(name, {
            "address": address, "config": config, "status": "Creating",
            "ready_at": time.time() + self.cloud.settings.latency,
        })

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        name = object_name(address)
        yield from self._api(lambda: self._write(address, name, config))
        yield from self._until_ready(name)
        return {**config, **self._outputs(name)}

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        name = prior["id"]
        yield from self._api(lambda: self._write(address, name, config))
        yield from self._until_ready(name)
        return {**config, **self._outputs(name)}

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        obj = self.cloud.get(str(state.get("id")))
        return None if obj is None else {**obj["config"], **self._outputs(str(state["id"]))}

    def delete(self, address: str, state: dict[str, Any]) -> Steps[None]:
        yield from self._api(lambda: self.cloud.remove(str(state["id"])))

    def find(self, address: str) -> dict[str, Any] | None:
        obj = self.cloud.get(object_name(address))
        return None if obj is None else {**obj["config"], **self._outputs(object_name(address))}


class LatencyProvider(CrudProvider):
    name = "latency"
    protocol_version = PROTOCOL_VERSION
    config_model = LatencySettings
    context_class = LatencyContext
    resources = (Endpoint,)
    ctx: LatencyContext

    def configure_provider(self, config: Any) -> list[Any]:
        self.ctx.cloud = Cloud(self.ctx.workdir / config.cloud, config)
        return []

    def close(self) -> None:
        if self.ctx.cloud is not None:
            self.ctx.cloud.save_stats()
