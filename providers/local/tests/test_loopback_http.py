"""``processes.request``: the provider's HTTP client for its own servers on loopback (a
refresh asks each endpoint's /health through it), on a plain socket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from mlinfra_provider_local import processes


@contextmanager
def canned(answer: bytes, close: bool = True) -> Iterator[tuple[str, list[bytes]]]:
    """A server on loopback that reads one request and writes ``answer`` (then closes the
    connection, unless ``close`` is False); yields its URL and the requests it got."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    got: list[bytes] = []

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(4096)
            head, _, body = data.partition(b"\r\n\r\n")
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    while len(body) < int(line.split(b":")[1]):
                        body += conn.recv(4096)
            got.append(head + b"\r\n\r\n" + body)
            conn.sendall(answer)
            if not close:
                threading.Event().wait(10)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", got
    finally:
        listener.close()


def test_a_json_answer_with_a_length_is_read_without_waiting_for_the_close() -> None:
    body = json.dumps({"status": "ok", "variants": {"blue": 100}}).encode()
    answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)
    with canned(answer, close=False) as (url, got):
        # The server keeps the connection open past the timeout: the answer is whole
        # once its content-length is read.
        assert processes.request("GET", url + "/health", timeout=1) == (200, {"status": "ok", "variants": {"blue": 100}})
    request_line, *headers = got[0].split(b"\r\n\r\n")[0].split(b"\r\n")
    assert request_line == b"GET /health HTTP/1.1"
    assert b"Connection: close" in headers


def test_a_chunked_answer_and_an_error_status() -> None:
    answer = b'HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"err\r\n11\r\nor": "forbidden"}\r\n0\r\n\r\n'
    with canned(answer) as (url, _):
        assert processes.request("GET", url + "/x") == (403, {"error": "forbidden"})


def test_a_post_sends_its_json_body_and_headers() -> None:
    answer = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"
    with canned(answer) as (url, got):
        status, body = processes.request("POST", url + "/-/reload", body={"a": [1, 2]}, headers={"X-Token": "t"})
    assert (status, body) == (200, {})
    head, _, sent = got[0].partition(b"\r\n\r\n")
    assert head.startswith(b"POST /-/reload HTTP/1.1\r\n")
    assert b"X-Token: t" in head and b"Content-Type: application/json" in head
    assert json.loads(sent) == {"a": [1, 2]}


def test_what_is_not_a_whole_http_answer_is_no_answer() -> None:
    cut_short = b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n" + b'{"status": "ok"}'
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    wrong_size = chunked + b'5\r\n{"err\r\n10\r\nor": "forbidden"}\r\n0\r\n\r\n'
    for answer in (cut_short, b"SSH-2.0-OpenSSH_9.6\r\n", b"", chunked + b"5\r\n{", wrong_size):
        with canned(answer) as (url, _):
            assert processes.request("GET", url + "/health") == (0, None), answer
    with canned(cut_short) as (url, _):
        assert processes.healthy(url) is False


def test_nothing_listening_and_urls_it_does_not_speak_to() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: the connection is refused
        assert processes.request("GET", f"http://127.0.0.1:{port}/health") == (0, None)
    for url in ("https://127.0.0.1:1/health", "http://127.0.0.1/health", "ftp://x:1/"):
        assert processes.request("GET", url) == (0, None)


def test_a_health_check_imports_no_http_library() -> None:
    code = (
        "import socket, sys, threading\n"
        "from mlinfra_provider_local import processes\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
        "def serve():\n"
        "    c, _ = s.accept(); c.recv(4096)\n"
        "    c.sendall(b'HTTP/1.1 200 OK\\r\\ncontent-length: 16\\r\\n\\r\\n{\"status\": \"ok\"}'); c.close()\n"
        "threading.Thread(target=serve, daemon=True).start()\n"
        "assert processes.healthy(f'http://127.0.0.1:{s.getsockname()[1]}')\n"
        "print(sorted(m for m in ('urllib.request', 'http.client', 'ssl') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_host_name_is_resolved_and_a_non_ascii_one_is_no_crash() -> None:
    body = b'{"status": "ok"}'
    answer = b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)
    with canned(answer) as (url, got):
        named = url.replace("127.0.0.1", "localhost")
        assert processes.request("GET", named + "/health", timeout=5) == (200, {"status": "ok"})
        assert got and got[0].startswith(b"GET /health HTTP/1.1")
    assert processes.request("GET", "http://h\u00e9.invalid:1/health", timeout=1) == (0, None)


def test_asking_a_server_imports_neither_socket_nor_the_idna_codec() -> None:
    code = (
        "import sys\nfrom mlinfra_provider_local import processes\n"
        "assert processes.request('GET', 'http://127.0.0.1:9/health', timeout=1) == (0, None)\n"
        "loaded = {'socket', 'selectors', 'encodings.idna'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
