"""Start a throwaway PostgreSQL server for tests: initdb and pg_ctl in a temp directory.

``start_postgres()`` creates a cluster in a new directory under the system temp folder,
starts it on 127.0.0.1 and a free port with trust authentication, and returns a
``Postgres`` with its ``conn_str`` and ``stop()`` (which also removes the directory).
``initdb`` refuses to run as root, so as root the cluster belongs to ``nobody`` and the
server commands run through ``runuser``. The binaries come from ``PATH`` or
``/usr/lib/postgresql/*/bin`` (Debian's package). ``postgres_or_skip`` skips a test when
they are missing, except under CI (the ``CI`` environment variable), where it fails.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from azurite import free_port


def find_bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(candidate).parent
    return None


@dataclass
class Postgres:
    root: Path
    port: int
    bindir: Path
    prefix: list[str]

    @property
    def conn_str(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(bindir: Path) -> Postgres:
    root = Path(tempfile.mkdtemp(prefix="mlinfra-pg-"))
    root.chmod(0o755)
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        data.mkdir()
        shutil.chown(data, "nobody", "nogroup" if _group_exists("nogroup") else "nobody")
        shutil.chown(root, "nobody", None)
        prefix = ["runuser", "-u", "nobody", "--"]
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        capture_output=True,
        check=True,
    )
    last = ""
    for _ in range(3):
        port = free_port()
        r = subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60",
             "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"],
            capture_output=True,
            text=True,
            check=False,
        )
        if r.returncode == 0:
            return Postgres(root, port, bindir, prefix)
        last = r.stdout + r.stderr
    raise RuntimeError(f"PostgreSQL did not start: {last}")


def _group_exists(name: str) -> bool:
    import grp

    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


def postgres_or_skip() -> Path:
    bindir = find_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries are not installed (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return bindir
