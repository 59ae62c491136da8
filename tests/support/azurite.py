"""Start Azurite (the Azure Storage emulator, from the npm registry) for tests.

``start_azurite(workdir)`` runs ``azurite-blob`` on 127.0.0.1 and a free port with its
data in ``workdir`` and returns an ``Azurite`` with the blob endpoint, the well-known
development account and key, and ``stop()``. The binary is looked up in this order:
``$AZURITE_BIN``, ``.ci/node/node_modules/.bin`` of the repository (where ``.ci/run``
installs it with ``npm install``), then ``PATH``. ``azurite_or_skip`` skips a test when
it is missing, except under CI (the ``CI`` environment variable), where it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


def find_azurite() -> str | None:
    explicit = os.environ.get("AZURITE_BIN")
    if explicit:
        return explicit
    local = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "azurite-blob"
    if local.exists():
        return str(local)
    return shutil.which("azurite-blob")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Azurite:
    port: int
    process: subprocess.Popen[bytes]
    account: str = ACCOUNT
    key: str = KEY
    endpoint: str = field(init=False)

    def __post_init__(self) -> None:
        self.endpoint = f"http://127.0.0.1:{self.port}/{self.account}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_azurite(workdir: Path, binary: str) -> Azurite:
    """Azurite's blob service on a free port, answering before this returns."""
    workdir.mkdir(parents=True, exist_ok=True)
    last = ""
    for _ in range(3):  # a free port may be taken between choosing it and binding it
        port = free_port()
        proc = subprocess.Popen(
            [binary, "--blobHost", "127.0.0.1", "--blobPort", str(port), "--location", str(workdir),
             "--silent", "--skipApiVersionCheck", "--loose"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                return Azurite(port, proc)
            except OSError:
                time.sleep(0.1)
        proc.kill()
        last = (proc.communicate()[1] or b"").decode(errors="replace")[-500:]
    raise RuntimeError(f"Azurite did not start: {last}")


def azurite_or_skip() -> str:
    binary = find_azurite()
    if binary is None:
        message = "Azurite is not installed (npm install azurite; .ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary
