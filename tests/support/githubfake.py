"""A fake of the parts of GitHub's REST API the pull-request workflow uses.

It keeps issues' comments and labels, the repository's labels, pull requests by merge
commit and workflow artifacts, and enforces what GitHub does: a bearer token on every
call, comment bodies of at most 65,536 characters, pagination with a ``Link`` header
(``per_page`` at most 100), 404 for a missing comment or label, 422 for a label that
already exists. Every request is recorded for the tests to inspect.
"""

from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TOKEN = "ghs_fake-token"
MAX_BODY = 65536


@dataclass
class FakeGitHub:
    repo: str = "acme/ml"
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> {issue, body}
    issue_labels: dict[int, list[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    pulls_by_sha: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    artifacts: list[dict[str, Any]] = field(default_factory=list)  # with "files": {name: bytes}
    requests: list[tuple[str, str]] = field(default_factory=list)
    next_id: int = 1000
    url: str = ""

    def add_comment(self, issue: int, body: str) -> int:
        self.next_id += 1
        self.comments[self.next_id] = {"issue": issue, "body": body}
        return self.next_id

    def issue_comments(self, issue: int) -> list[str]:
        return [c["body"] for _, c in sorted(self.comments.items()) if c["issue"] == issue]


def _handler(gh: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, code: int, value: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None) -> None:
            data = raw if raw is not None else (b"" if value is None else json.dumps(value).encode())
            self.send_response(code)
            self.send_header("Content-Type", "application/zip" if raw is not None else "application/json")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _page(self, items: list[Any], query: dict[str, list[str]], path: str) -> None:
            per = min(int(query.get("per_page", ["30"])[0]), 100)
            page = int(query.get("page", ["1"])[0])
            chunk = items[(page - 1) * per : page * per]
            headers = {}
            if page * per < len(items):
                headers["Link"] = f'<{gh.url}{path}?per_page={per}&page={page + 1}>; rel="next"'
            self._send(200, chunk, headers)

        def _route(self, method: str) -> None:
            gh.requests.append((method, self.path))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self._send(401, {"message": "Bad credentials"})
            u = urlparse(self.path)
            q = parse_qs(u.query)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            base = f"/repos/{gh.repo}"
            if not u.path.startswith(base):
                return self._send(404, {"message": "Not Found"})
            p = u.path[len(base) :]
            if m := re.fullmatch(r"/issues/(\d+)/comments", p):
                issue = int(m.group(1))
                if method == "GET":
                    items = [{"id": i, "body": c["body"]} for i, c in sorted(gh.comments.items()) if c["issue"] == issue]
                    return self._page(items, q, u.path)
                if method == "POST":
                    return self._comment_body(body, lambda text: self._send(201, {"id": gh.add_comment(issue, text), "body": text}))
            if (m := re.fullmatch(r"/issues/comments/(\d+)", p)) and method == "PATCH":
                cid = int(m.group(1))
                if cid not in gh.comments:
                    return self._send(404, {"message": "Not Found"})

                def update(text: str) -> None:
                    gh.comments[cid]["body"] = text
                    self._send(200, {"id": cid, "body": text})

                return self._comment_body(body, update)
            if p == "/labels":
                if method == "GET":
                    return self._page(list(gh.labels.values()), q, u.path)
                if method == "POST":
                    if body["name"] in gh.labels:
                        return self._send(422, {"message": "Validation Failed", "errors": [{"code": "already_exists"}]})
                    gh.labels[body["name"]] = {"name": body["name"], "color": body.get("color", "ededed")}
                    return self._send(201, gh.labels[body["name"]])
            if m := re.fullmatch(r"/issues/(\d+)/labels(?:/(.+))?", p):
                issue, name = int(m.group(1)), m.group(2)
                have = gh.issue_labels.setdefault(issue, [])
                if method == "GET" and name is None:
                    return self._page([{"name": x} for x in have], q, u.path)
                if method == "POST" and name is None:
                    for x in body["labels"]:
                        if x not in gh.labels:
                            gh.labels[x] = {"name": x, "color": "ededed"}
                        if x not in have:
                            have.append(x)
                    return self._send(200, [{"name": x} for x in have])
                if method == "DELETE" and name is not None:
                    from urllib.parse import unquote

                    label = unquote(name)
                    if label not in have:
                        return self._send(404, {"message": "Label does not exist"})
                    have.remove(label)
                    return self._send(200, [{"name": x} for x in have])
            if (m := re.fullmatch(r"/commits/([0-9a-f]+)/pulls", p)) and method == "GET":
                return self._send(200, gh.pulls_by_sha.get(m.group(1), []))
            if p == "/actions/artifacts" and method == "GET":
                name = q.get("name", [None])[0]
                found = [{k: v for k, v in a.items() if k != "files"} for a in gh.artifacts if name in (None, a["name"])]
                return self._send(200, {"total_count": len(found), "artifacts": found})
            if (m := re.fullmatch(r"/actions/artifacts/(\d+)/zip", p)) and method == "GET":
                art = next((a for a in gh.artifacts if a["id"] == int(m.group(1))), None)
                if art is None or art.get("expired"):
                    return self._send(410 if art else 404, {"message": "Artifact has expired" if art else "Not Found"})
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w") as z:
                    for n, data in art["files"].items():
                        z.writestr(n, data)
                return self._send(200, raw=buf.getvalue())
            return self._send(404, {"message": "Not Found"})

        def _comment_body(self, body: Any, then: Any) -> None:
            text = (body or {}).get("body")
            if not isinstance(text, str) or not text:
                return self._send(422, {"message": "Validation Failed", "errors": [{"field": "body", "code": "missing_field"}]})
            if len(text) > MAX_BODY:
                return self._send(422, {"message": "Validation Failed", "errors": [{"message": "Body is too long (maximum is 65536 characters)"}]})
            return then(text)  # type: ignore[no-any-return]

        def do_GET(self) -> None:
            self._route("GET")

        def do_POST(self) -> None:
            self._route("POST")

        def do_PATCH(self) -> None:
            self._route("PATCH")

        def do_DELETE(self) -> None:
            self._route("DELETE")

    return Handler


@contextmanager
def serve(gh: FakeGitHub) -> Iterator[FakeGitHub]:
    """Run the fake on a free port of 127.0.0.1 for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gh))
    gh.url = f"http://127.0.0.1:{server.server_address[1]}"
    for a in gh.artifacts:
        a.setdefault("archive_download_url", f"{gh.url}/repos/{gh.repo}/actions/artifacts/{a['id']}/zip")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gh
    finally:
        server.shutdown()
        server.server_close()
