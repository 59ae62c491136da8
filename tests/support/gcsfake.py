"""A fake of the Cloud Storage JSON API that enforces its preconditions, for tests.

It serves what google-cloud-storage sends, on 127.0.0.1 and a free port:

- buckets: ``POST /storage/v1/b?project=P`` (insert), ``GET /storage/v1/b/B``;
- objects insert: ``POST /upload/storage/v1/b/B/o?uploadType=media&name=N`` and
  ``uploadType=multipart`` (a ``multipart/related`` body: JSON metadata, then the media);
- get: ``GET /storage/v1/b/B/o/N`` (metadata) and with ``alt=media`` (also under
  ``/download/storage/v1/...``), with ``x-goog-generation`` and ``x-goog-hash`` headers;
- list: ``GET /storage/v1/b/B/o?prefix=&maxResults=&pageToken=``;
- delete: ``DELETE /storage/v1/b/B/o/N``.

Like the service it checks ``ifGenerationMatch`` (0: only if absent),
``ifGenerationNotMatch`` and ``ifMetagenerationMatch`` on inserts, gets and deletes
(412 ``conditionNotMet`` when one fails), refuses object names that are empty, over 1024
bytes, or hold newlines, answers 404 for a missing bucket or object, and fills
``generation``, ``metageneration``, ``etag``, ``md5Hash``, ``crc32c`` and ``size`` from
the stored bytes. Inserts of one object are serialized, so two writers racing on the same
precondition see one 200 and one 412. Start it with ``GcsFake().start()``; ``url`` is
the endpoint to give the SDK (``client_options={"api_endpoint": url}``).
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import google_crc32c


@dataclass
class Obj:
    name: str
    data: bytes
    generation: int
    metageneration: int
    content_type: str
    updated: str

    def resource(self, bucket: str) -> dict[str, Any]:
        md5 = base64.b64encode(hashlib.md5(self.data).digest()).decode()
        crc = base64.b64encode(google_crc32c.value(self.data).to_bytes(4, "big")).decode()
        return {
            "kind": "storage#object",
            "id": f"{bucket}/{self.name}/{self.generation}",
            "name": self.name,
            "bucket": bucket,
            "generation": str(self.generation),
            "metageneration": str(self.metageneration),
            "contentType": self.content_type,
            "size": str(len(self.data)),
            "md5Hash": md5,
            "crc32c": crc,
            "etag": base64.b64encode(f"{self.generation}:{self.metageneration}".encode()).decode(),
            "timeCreated": self.updated,
            "updated": self.updated,
            "storageClass": "STANDARD",
            "selfLink": f"/storage/v1/b/{bucket}/o/{urllib.parse.quote(self.name, safe='')}",
        }


class GcsError(Exception):
    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.status, self.reason, self.message = status, reason, message


class GcsFake:
    """The fake service: buckets of objects, behind an HTTP server."""

    def __init__(self) -> None:
        self.buckets: dict[str, dict[str, Obj]] = {}
        self._gen = int(time.time() * 1_000_000)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.url = ""

    # -- the service -----------------------------------------------------------------
    def _next_generation(self) -> int:
        self._gen += 1
        return self._gen

    def create_bucket(self, name: str) -> None:
        with self._lock:
            if name in self.buckets:
                raise GcsError(409, "conflict", f"The bucket {name} already exists.")
            self.buckets[name] = {}

    def _bucket(self, name: str) -> dict[str, Obj]:
        if name not in self.buckets:
            raise GcsError(404, "notFound", f"The specified bucket does not exist: {name}")
        return self.buckets[name]

    @staticmethod
    def _check_name(name: str) -> None:
        if not name or len(name.encode()) > 1024 or "\n" in name or "\r" in name:
            raise GcsError(400, "invalid", f"Invalid object name: {name!r}")

    @staticmethod
    def _preconditions(obj: Obj | None, q: dict[str, str]) -> None:
        gen = obj.generation if obj is not None else 0
        if "ifGenerationMatch" in q and int(q["ifGenerationMatch"]) != gen:
            raise GcsError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.")
        if "ifGenerationNotMatch" in q and int(q["ifGenerationNotMatch"]) == gen:
            raise GcsError(412 if obj is None else 304, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.")
        if "ifMetagenerationMatch" in q and (
            obj is None or int(q["ifMetagenerationMatch"]) != obj.metageneration
        ):
            raise GcsError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.")

    def insert(self, bucket: str, name: str, data: bytes, content_type: str, q: dict[str, str]) -> Obj:
        self._check_name(name)
        with self._lock:
            objects = self._bucket(bucket)
            self._preconditions(objects.get(name), q)
            obj = Obj(name, data, self._next_generation(), 1, content_type or "application/octet-stream",
                      time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()))
            objects[name] = obj
            return obj

    def get(self, bucket: str, name: str, q: dict[str, str]) -> Obj:
        with self._lock:
            obj = self._bucket(bucket).get(name)
            if obj is None:
                raise GcsError(404, "notFound", f"No such object: {bucket}/{name}")
            self._preconditions(obj, q)
            return obj

    def delete(self, bucket: str, name: str, q: dict[str, str]) -> None:
        with self._lock:
            objects = self._bucket(bucket)
            obj = objects.get(name)
            if obj is None:
                raise GcsError(404, "notFound", f"No such object: {bucket}/{name}")
            self._preconditions(obj, q)
            del objects[name]

    def list(self, bucket: str, prefix: str, max_results: int, token: str) -> tuple[list[Obj], str | None]:
        with self._lock:
            names = sorted(n for n in self._bucket(bucket) if n.startswith(prefix) and n > token)
            page = names[:max_results]
            items = [self.buckets[bucket][n] for n in page]
        more = page[-1] if len(names) > max_results else None
        return items, more

    # -- the server ------------------------------------------------------------------
    def start(self) -> GcsFake:
        fake = self

        class Handler(_Handler):
            service = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.buckets.clear()


def _multipart(body: bytes, content_type: str) -> tuple[dict[str, Any], bytes, str]:
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    parts = list(msg.iter_parts())  # type: ignore[attr-defined]
    if len(parts) != 2:
        raise GcsError(400, "invalid", "A multipart upload has two parts: metadata and media.")
    meta = json.loads(parts[0].get_payload(decode=True) or b"{}")
    media = parts[1].get_payload(decode=True) or b""
    return meta, media, parts[1].get_content_type()


class _Handler(BaseHTTPRequestHandler):
    service: GcsFake
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: bytes = b"", ctype: str = "application/json", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, doc: dict[str, Any]) -> None:
        self._send(status, json.dumps(doc).encode())

    def _route(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        parts = [urllib.parse.unquote(p) for p in url.path.split("/")]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            self._dispatch(method, parts, q, body)
        except GcsError as e:
            if e.status == 304:
                self._send(304)
                return
            self._json(e.status, {"error": {"code": e.status, "message": e.message,
                                            "errors": [{"reason": e.reason, "message": e.message}]}})

    def _dispatch(self, method: str, parts: list[str], q: dict[str, str], body: bytes) -> None:
        svc = self.service
        # ['', 'storage', 'v1', 'b', B, 'o', NAME] / ['', 'upload', 'storage', 'v1', 'b', B, 'o']
        if parts[1:3] == ["upload", "storage"] and method == "POST" and len(parts) == 7:
            bucket = parts[5]
            kind = q.get("uploadType", "media")
            if kind == "media":
                name, data, ctype = q.get("name", ""), body, self.headers.get("Content-Type", "")
            elif kind == "multipart":
                meta, data, ctype = _multipart(body, self.headers.get("Content-Type", ""))
                name = q.get("name") or meta.get("name", "")
                ctype = meta.get("contentType") or ctype
            else:
                raise GcsError(400, "invalid", f"uploadType={kind} is not supported by this fake.")
            obj = svc.insert(bucket, name, data, ctype, q)
            self._json(200, obj.resource(bucket))
            return
        download = parts[1:3] == ["download", "storage"]
        if download:
            parts = ["", *parts[2:]]
        if parts[1:4] != ["storage", "v1", "b"]:
            raise GcsError(404, "notFound", f"No such API path: {self.path}")
        if len(parts) == 4 and method == "POST":
            svc.create_bucket(json.loads(body or b"{}").get("name", ""))
            self._json(200, {"kind": "storage#bucket", "name": json.loads(body)["name"]})
            return
        bucket = parts[4] if len(parts) > 4 else ""
        if len(parts) == 5 and method == "GET":
            svc._bucket(bucket)
            self._json(200, {"kind": "storage#bucket", "name": bucket})
            return
        if len(parts) == 6 and parts[5] == "o" and method == "GET":
            items, more = svc.list(bucket, q.get("prefix", ""), int(q.get("maxResults") or 1000), q.get("pageToken", ""))
            doc: dict[str, Any] = {"kind": "storage#objects", "items": [o.resource(bucket) for o in items]}
            if more:
                doc["nextPageToken"] = more
            self._json(200, doc)
            return
        if len(parts) >= 7 and parts[5] == "o":
            name = "/".join(parts[6:])
            if method == "GET":
                obj = svc.get(bucket, name, q)
                if q.get("alt") == "media" or download:
                    res = obj.resource(bucket)
                    self._send(200, obj.data, obj.content_type, {
                        "x-goog-generation": str(obj.generation),
                        "x-goog-metageneration": str(obj.metageneration),
                        "x-goog-hash": f"crc32c={res['crc32c']},md5={res['md5Hash']}",
                        "x-goog-stored-content-length": str(len(obj.data)),
                        "ETag": res["etag"],
                    })
                else:
                    self._json(200, obj.resource(bucket))
                return
            if method == "DELETE":
                svc.delete(bucket, name, q)
                self._send(204)
                return
        raise GcsError(405, "invalid", f"{method} {self.path} is not supported by this fake.")

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")
