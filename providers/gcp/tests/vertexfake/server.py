"""The HTTP face of the fake: routes of the Vertex AI v1 REST API (``/v1/...``, and
``/ui/.../operations/N`` where the REST operations client polls), proto3 JSON in and out,
a request log (with the most requests served at once), and injected throttling.

The socket has Nagle's algorithm off and keeps connections alive, so a call costs well
under a millisecond instead of 40 ms.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from vertexfake.core import ApiError, State
from vertexfake.endpoints import Endpoints
from vertexfake.models import Models
from vertexfake.pipelines import Pipelines

LOC = r"projects/(?P<project>[^/]+)/locations/(?P<region>[^/]+)"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    action: str
    body: dict[str, Any]
    query: dict[str, str]


def label_filter(expr: str | None, labels: dict[str, str]) -> bool:
    """The ``labels.KEY=VALUE AND ...`` filters of the list calls."""
    if not expr:
        return True
    for term in re.split(r"\s+AND\s+", expr.strip()):
        m = re.fullmatch(r'labels\.([a-z][a-z0-9_-]*)\s*=\s*"?([^"]*)"?', term.strip())
        if m is None:
            raise ApiError(400, f"Unsupported filter: {term}")
        if labels.get(m.group(1)) != m.group(2):
            return False
    return True


class VertexFake:
    """An in-memory Vertex AI v1 REST API on 127.0.0.1."""

    def __init__(self, project_numbers: dict[str, str] | None = None, gcs: Any = None) -> None:
        self.state = State(project_numbers or {"proj": "123456789012"})
        self.models = Models(self.state)
        self.endpoints = Endpoints(self.state, self.models)
        self.gcs = gcs
        self.pipelines = Pipelines(self.state, self._read_object)
        self.extra_routes: list[tuple[str, re.Pattern[str], str, Callable[..., Any]]] = []
        self.requests: list[Request] = []
        # Requests being served at this moment, and the most there were at once.
        self.in_flight = self.most_in_flight = 0
        self._counting = threading.Lock()
        # action -> HTTP statuses to answer instead, one per call (429, 503...).
        self.faults: dict[str, list[int]] = {}
        # action -> called with the request after the service handled it (console changes).
        self.hooks: dict[str, Callable[[Request], None]] = {}
        self._server: ThreadingHTTPServer | None = None
        self._routes = self._build_routes()

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> VertexFake:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                with fake._counting:
                    fake.in_flight += 1
                    fake.most_in_flight = max(fake.most_in_flight, fake.in_flight)
                try:
                    status, body = fake.handle(self.command, self.path, raw)
                finally:
                    with fake._counting:
                        fake.in_flight -= 1
                blob = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(blob)))
                self.end_headers()
                self.wfile.write(blob)

            do_GET = do_POST = do_PATCH = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def _read_object(self, uri: str) -> bytes | None:
        """An object of the Cloud Storage fake the jobs write to, None when absent."""
        if self.gcs is None:
            return None
        bucket, _, key = uri[5:].partition("/")
        obj = self.gcs.buckets.get(bucket, {}).get(key)
        return None if obj is None else bytes(obj.data)

    def stop(self) -> None:
        self.pipelines.wait_idle()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- requests ------------------------------------------------------------------------
    def actions(self) -> list[str]:
        return [r.action for r in self.requests]

    def handle(self, method: str, raw_path: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        query = dict(parse_qsl(parts.query))
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            return 400, ApiError(400, "Invalid JSON payload received.").body()
        for m, pattern, action, fn in [*self._routes, *self.extra_routes]:
            match = pattern.fullmatch(path)
            if m != method or match is None:
                continue
            with self.state.lock:
                self.requests.append(Request(method, path, action, body, query))
                queued = self.faults.get(action)
                if queued:
                    code = queued.pop(0)
                    return code, ApiError(code, "Quota exceeded." if code == 429 else "The service is currently unavailable.").body()
                try:
                    groups = match.groupdict()
                    if "project" in groups:
                        groups["loc"] = self.state.location(groups.pop("project"), groups.pop("region"))
                    result = fn(body=body, query=query, **groups) or {}
                except ApiError as e:
                    return e.code, e.body()
                hook = self.hooks.get(action)
                if hook is not None:
                    hook(self.requests[-1])
                return 200, result
        return 404, ApiError(404, f"The requested URL {path} was not found on this server.").body()

    def _build_routes(self) -> list[tuple[str, re.Pattern[str], str, Callable[..., Any]]]:
        e, m = self.endpoints, self.models

        def r(method: str, pattern: str, action: str, fn: Callable[..., Any]) -> tuple[str, re.Pattern[str], str, Callable[..., Any]]:
            return method, re.compile(pattern), action, fn

        p = self.pipelines
        ep = rf"/v1/{LOC}/endpoints/(?P<eid>[^/:]+)"
        pj = rf"/v1/{LOC}/pipelineJobs/(?P<jid>[^/:]+)"
        md = rf"/v1/{LOC}/models/(?P<mid>[^/:]+)"
        return [
            r("GET", r"/(?:ui|v1)/(?P<name>projects/[^:]+/operations/[^/:]+)", "GetOperation", lambda name, **_: self.state.poll(name)),
            r("POST", rf"/v1/{LOC}/endpoints", "CreateEndpoint", lambda loc, body, query: e.create(loc, body, query)),
            r("GET", rf"/v1/{LOC}/endpoints", "ListEndpoints", lambda loc, query, **_: e.list(loc, query, label_filter)),
            r("GET", ep, "GetEndpoint", lambda loc, eid, **_: e.get(f"{loc}/endpoints/{eid}")),
            r("PATCH", ep, "UpdateEndpoint", lambda loc, eid, body, query: e.patch(f"{loc}/endpoints/{eid}", body, query)),
            r("DELETE", ep, "DeleteEndpoint", lambda loc, eid, **_: e.delete(f"{loc}/endpoints/{eid}")),
            r("POST", ep + ":deployModel", "DeployModel", lambda loc, eid, body, **_: e.deploy(f"{loc}/endpoints/{eid}", body)),
            r("POST", ep + ":undeployModel", "UndeployModel", lambda loc, eid, body, **_: e.undeploy(f"{loc}/endpoints/{eid}", body)),
            r("POST", ep + ":mutateDeployedModel", "MutateDeployedModel", lambda loc, eid, body, **_: e.mutate(f"{loc}/endpoints/{eid}", body)),
            r("POST", rf"/v1/{LOC}/models:upload", "UploadModel", lambda loc, body, query: m.upload(loc, body, query)),
            r("GET", rf"/v1/{LOC}/models", "ListModels", lambda loc, query, **_: m.list(loc, query, label_filter)),
            r("GET", md, "GetModel", lambda loc, mid, **_: m.get(loc, mid)),
            r("GET", md + ":listVersions", "ListModelVersions", lambda loc, mid, **_: m.list_versions(loc, mid)),
            r("POST", md + ":mergeVersionAliases", "MergeVersionAliases", lambda loc, mid, body, **_: m.merge_aliases(loc, mid, body)),
            r("PATCH", md, "UpdateModel", lambda loc, mid, body, query: m.patch(loc, mid, body, query)),
            r("DELETE", md, "DeleteModel", lambda loc, mid, **_: m.delete(loc, mid)),
            r("DELETE", md + ":deleteVersion", "DeleteModelVersion", lambda loc, mid, **_: m.delete_version(loc, mid)),
            r("POST", rf"/v1/{LOC}/pipelineJobs", "CreatePipelineJob", lambda loc, body, query: p.create(loc, body, query)),
            r("GET", rf"/v1/{LOC}/pipelineJobs", "ListPipelineJobs", lambda loc, query, **_: p.list(loc, query, label_filter)),
            r("GET", pj, "GetPipelineJob", lambda loc, jid, **_: p.get(f"{loc}/pipelineJobs/{jid}")),
            r("DELETE", pj, "DeletePipelineJob", lambda loc, jid, **_: p.delete(f"{loc}/pipelineJobs/{jid}")),
        ]
