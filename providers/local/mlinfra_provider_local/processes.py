"""Server processes on this machine: bind a port, start, check, talk to and stop them.

The provider binds the listening socket itself (so a port in use is reported at once and
no other process can take a free port between "found" and "used") and hands it to the
detached server process, which outlives the ``mlinfra`` command that started it. A
process is only ever signalled when its command line carries the marker the provider
gave it (its config file path), so a recycled pid is never killed by mistake.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.providers import ResourceError, Steps, Wait

if TYPE_CHECKING:  # started and stopped by the commands that act; a refresh only asks
    import socket
    import subprocess

HOST = "127.0.0.1"
# Popen objects of servers started by this process, so exited ones are reaped.
_children: dict[int, subprocess.Popen[bytes]] = {}
# The largest answer ``request`` reads (a health check's is a few hundred bytes).
MAX_ANSWER_BYTES = 64 * 1024 * 1024


def bind(port: int, handover_from: int | None = None) -> socket.socket:
    """A listening socket on 127.0.0.1:port (0: any free port).

    A fixed port is bound shareable (SO_REUSEPORT), so that the server replacing this
    one later can listen beside it until it is stopped: the port is handed over without
    a moment in which nothing answers. Sharing happens only on purpose: the port must be
    free, or held by the server being replaced (pid ``handover_from``)."""
    if port and handover_from is None:
        _listen(port, shared=False).close()  # nothing may listen there yet
    try:
        sock = _listen(port, shared=bool(port))
    except ResourceError:
        if handover_from is None:
            raise
        raise ResourceError(
            f"Port {port} cannot be handed over",
            f"The server this endpoint replaces (pid {handover_from}) holds {HOST}:{port} and was "
            "started without port sharing (by an earlier mlinfra), so its replacement cannot "
            "listen beside it. Replace it once without create_before_destroy (the port is free "
            "between the stop and the start) or move it to another port in local { port = N }.",
        ) from None
    sock.set_inheritable(True)
    return sock


def _listen(port: int, shared: bool) -> socket.socket:
    import socket  # only to start a server: a refresh asks through _connect

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(512)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise ResourceError(
                f"Port {port} is already in use",
                f"Another process listens on {HOST}:{port}. Free it, or choose another port in local {{ port = N }}.",
            ) from None
        raise ResourceError(f"Cannot listen on port {port}", str(e)) from None
    return sock


def start(
    args: list[str], sock: socket.socket | None, log: Path, cwd: Path
) -> subprocess.Popen[bytes]:
    """Start ``python -m <args> --fd N`` detached (own session), output to ``log``; a
    process that listens on nothing (a monitor) is given no socket and no ``--fd``."""
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    import subprocess

    fds = () if sock is None else (sock.fileno(),)
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", *args, *(a for fd in fds for a in ("--fd", str(fd)))],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            pass_fds=fds,
            start_new_session=True,
            cwd=cwd,
            env=env,
        )
    _children[proc.pid] = proc
    return proc


def alive(pid: Any, marker: str) -> bool:
    """True when ``pid`` runs (not a zombie) and its command line holds ``marker``."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        _children.pop(pid, None)
        return False
    proc = Path(f"/proc/{pid}")
    if not Path("/proc/self").exists():
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    try:
        cmdline = (proc / "cmdline").read_bytes()
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return marker.encode() in cmdline and state not in ("Z", "X")


def find(marker: str) -> list[int]:
    """The pids of the running processes whose command line holds ``marker``: what
    finds a server whose pid was never recorded (killed between start and record)."""
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        pid = int(entry.name)
        if pid != os.getpid() and alive(pid, marker):
            out.append(pid)
    return sorted(out)


def stop(pid: Any, marker: str, timeout: float = 5.0) -> None:
    """SIGTERM the process group, then SIGKILL after ``timeout`` seconds."""
    import signal
    import subprocess

    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        if not alive(pid, marker):
            break
        try:
            os.killpg(pid, sig)
            # A stopped (SIGSTOP) process handles SIGTERM only once continued.
            os.killpg(pid, signal.SIGCONT)
        except ProcessLookupError:
            break
        except PermissionError:
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and alive(pid, marker):
            time.sleep(0.02)
    child = _children.pop(pid, None) if isinstance(pid, int) else None
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=1)
    if alive(pid, marker):
        raise ResourceError(
            "Cannot stop the server process", f"pid {pid} is still running after SIGKILL."
        )


def wait_started(proc: subprocess.Popen[bytes], marker: str, log: Path, timeout: float = 30.0) -> None:
    """Wait until ``proc`` runs its own program (its command line holds ``marker``; until
    then it is a copy of this process, which ``alive`` does not recognise);
    ResourceError with the log's tail when it exits or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while not alive(proc.pid, marker):
        if proc.poll() is not None:
            raise ResourceError("The process exited at start", log_tail(log))
        if time.monotonic() > deadline:
            stop(proc.pid, marker)
            raise ResourceError("The process did not start", f"pid {proc.pid} did not start within {timeout:g}s.")
        time.sleep(0.01)


def stop_marked(marker: str, pid: Any = None) -> None:
    """Stop every process started with ``marker``: the recorded ``pid``, and any other
    (started by a create killed before it recorded the pid)."""
    for p in {*([pid] if alive(pid, marker) else []), *find(marker)}:
        stop(p, marker)


def request(
    method: str,
    url: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 2.0,
) -> tuple[int, Any]:
    """(status, JSON body) of an HTTP call to a server on loopback (``http://HOST:PORT/...``);
    status 0 when nothing answers or the answer is not HTTP. ``timeout`` bounds each wait
    for the connection or for data.

    One HTTP/1.1 request on a plain socket, closed after the answer, never through a
    proxy: a refresh asks every endpoint's ``/health``, and urllib.request (with
    http.client, email and ssl) would cost each command its import for that."""
    scheme, _, rest = url.partition("://")
    hostport, _, path = rest.partition("/")
    host, _, port = hostport.rpartition(":")
    if scheme != "http" or not host or not port.isdigit():
        return 0, None
    data = b"" if body is None else json.dumps(body).encode()
    lines = [
        f"{method} /{path} HTTP/1.1",
        f"Host: {hostport}",
        "Accept: application/json",
        "Connection: close",
        *(f"{k}: {v}" for k, v in {"Content-Type": "application/json", **(headers or {})}.items()),
        *([f"Content-Length: {len(data)}"] if body is not None else []),
    ]
    try:
        sock = _connect(host, int(port), timeout)
        try:
            sock.sendall("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + data)
            answer = _answer(sock)
        finally:
            sock.close()
    except (OSError, ValueError):
        return 0, None
    return answer if answer is not None else (0, None)


def _connect(host: str, port: int, timeout: float) -> Any:
    """A TCP connection to ``host``:``port``, as ``socket.create_connection`` makes one,
    on the C-level ``_socket``: ``socket`` builds enums of every constant when imported
    (with ``selectors``, a millisecond or two of each refresh that asks an endpoint). An
    ASCII host goes as bytes: a str is encoded by the idna codec, another import."""
    import _socket

    error: OSError | None = None
    name = host.encode("ascii") if host.isascii() else host
    for family, kind, proto, _, address in _socket.getaddrinfo(name, port, 0, _socket.SOCK_STREAM):
        sock = _socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
            return sock
        except OSError as e:
            error = e
            sock.close()
    raise error if error is not None else OSError(f"no address for {host}")


def _answer(sock: Any) -> tuple[int, Any] | None:
    """The status and JSON body of the HTTP answer read from ``sock``; None when it is not
    a complete one. The body ends after its Content-Length, else where the server closes."""
    buffer = bytearray()
    head_end, end = -1, None
    while end is None or len(buffer) < end:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buffer += chunk
        if len(buffer) > MAX_ANSWER_BYTES:
            return None
        if head_end < 0:
            head_end = buffer.find(b"\r\n\r\n")
            length = _fields(bytes(buffer[:head_end])).get(b"content-length", b"") if head_end >= 0 else b""
            end = head_end + 4 + int(length) if length.isdigit() else None
    if head_end < 0:
        return None
    head, content = bytes(buffer[:head_end]), bytes(buffer[head_end + 4 :])
    words = head.split(b"\r\n", 1)[0].split(None, 2)
    if len(words) < 2 or not words[0].startswith(b"HTTP/1.") or not words[1].isdigit():
        return None
    fields = _fields(head)
    if fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        decoded = _dechunk(content)
        if decoded is None:
            return None
        content = decoded
    elif fields.get(b"content-length", b"").isdigit():
        size = int(fields[b"content-length"])
        if len(content) < size:
            return None
        content = content[:size]
    return int(words[1]), _json(content)


def _fields(head: bytes) -> dict[bytes, bytes]:
    """The header fields of an answer's head (the status line and the fields), by
    lower-case name."""
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    return fields


def _dechunk(content: bytes) -> bytes | None:
    """A chunked body's content; None when it is cut short or malformed."""
    out = bytearray()
    while True:
        size_line, sep, rest = content.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            return None
        if not sep:
            return None
        if size == 0:
            return bytes(out)
        if rest[size : size + 2] != b"\r\n":
            return None
        out += rest[:size]
        content = rest[size + 2 :]


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")


def healthy(url: str, timeout: float = 2.0) -> bool:
    status, body = request("GET", url + "/health", timeout=timeout)
    return status == 200 and isinstance(body, dict) and body.get("status") == "ok"


def healthy_steps(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> Steps[None]:
    """Wait until ``url``/health answers ok, as handler steps (the engine polls them
    without holding a worker); ResourceError (with the log's tail) when the process
    exits or ``timeout`` seconds pass."""
    start = time.monotonic()
    while True:
        if proc.poll() is not None:
            raise ResourceError("The server process exited during startup", log_tail(log))
        if healthy(url, timeout=1.0):
            return
        now = time.monotonic()
        if now - start > timeout:
            raise ResourceError(
                "The endpoint did not become healthy",
                f"{url}/health did not answer ok within {timeout:g}s.\n{log_tail(log)}",
            )
        yield Wait(0.05, f"waiting for {url}/health ({now - start:.0f}s)")


def log_tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_logged(
    cmd: list[str],
    log: Path,
    env: dict[str, str],
    cwd: Path,
    timeout: float,
    redact: Callable[[str], str],
) -> int:
    """Run ``cmd``, writing its output to ``log`` line by line as it comes, each line
    passed through ``redact`` first (the run's sensitive values never reach the file).
    The exit code; TimeoutExpired (the process killed) after ``timeout`` seconds."""
    import subprocess

    with log.open("w", encoding="utf-8") as f:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
        )

        def pump() -> None:
            assert proc.stdout is not None
            for raw in proc.stdout:
                f.write(redact(raw.decode("utf-8", errors="replace")))
                f.flush()

        reader = threading.Thread(target=pump, name="train-log", daemon=True)
        reader.start()
        try:
            code = proc.wait(timeout=timeout)
        except BaseException:
            proc.kill()
            proc.wait()
            reader.join(timeout=5)
            raise
        reader.join()
    return code
