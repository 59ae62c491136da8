"""The on-disk layout under ``<workdir>/.mlinfra/local/`` and small file helpers.

Every object the provider creates lives in a folder of its own, with a JSON record that
names the resource address it belongs to (so ``find`` can adopt it after an interrupted
apply) and the attributes last reported for it. This module does no ML work and imports
nothing heavy.

Each workspace has a root of its own, as separate as two accounts of a cloud: the
default workspace keeps ``state_dir`` itself (``.mlinfra/local/``), workspace W keeps
``<state_dir>.d/W/`` (``.mlinfra/local.d/staging/``), so destroying one never touches
another's datasets, runs, registry versions or servers, and version numbers count per
workspace. Before workspaces had roots of their own, every workspace kept its objects in
``state_dir``: a workspace's state may still name objects there (its *shared* root).
Those are still found, read and updated where they are; a delete removes only what is
provably this workspace's own (its run, its model version, its server instance), never a
folder another workspace may be using; new objects go to the workspace's own root.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
from pathlib import Path
from typing import Any

from mlinfra import sha256
from mlinfra.providers import naming

RECORD_KEY = "attributes"
# The record of a registered model version: ``registry/NAME/vN/metadata.json``.
MODEL_METADATA = "metadata.json"


DEFAULT_WORKSPACE = "default"


def workspace_root(base: Path, workspace: str) -> Path:
    """The root of ``workspace``'s objects, given ``state_dir`` resolved (``base``)."""
    if workspace == DEFAULT_WORKSPACE:
        return base
    if not base.name or base.name in (".", ".."):
        return base / "workspaces.d" / workspace
    return base.with_name(base.name + ".d") / workspace


class Store:
    """Paths of the provider's folders, rooted at the configuration directory."""

    def __init__(
        self, workdir: Path, state_dir: str = ".mlinfra/local", workspace: str = "default"
    ) -> None:
        self.workdir = workdir.resolve()
        base = Path(state_dir)
        base = base if base.is_absolute() else self.workdir / base
        self.root = workspace_root(base, workspace)
        # Where this workspace's objects lived before each workspace had its own root.
        self.shared: Path | None = None if self.root == base else base

    def real_root(self) -> Path:
        """The root, resolved once: the folders below it are the provider's own (made
        with mkdir, never links), so a path under it is resolved by joining to this."""
        cached: tuple[Path, Path] | None = getattr(self, "_real_root", None)
        if cached is None or cached[0] != self.root:
            cached = (self.root, self.root.resolve())
            self._real_root = cached
        return cached[1]

    def datasets(self, name: str) -> Path:
        return self.root / "datasets" / name

    def runs(self) -> Path:
        return self.root / "runs"

    def run(self, run_id: str) -> Path:
        return self.runs() / run_id

    def existing_run(self, run_id: str) -> Path:
        """The folder of run ``run_id``: in this workspace's root, or in the shared one
        when only that holds it."""
        own = self.run(run_id)
        if self.shared is not None and not own.exists():
            old = self.shared / "runs" / run_id
            if old.exists():
                return old
        return own

    def registry(self, name: str) -> Path:
        return self.root / "registry" / name

    def blobs(self) -> Path:
        """Registered model files by content (``SHA256.joblib``), hard-linked into
        each version folder that holds that content."""
        return self.root / "blobs"

    def endpoint(self, name: str) -> Path:
        return self.root / "endpoints" / name

    def monitor(self, name: str) -> Path:
        return self.root / "monitors" / name

    def resolve_file_uri(self, uri: str) -> Path:
        """``file://data/x.csv`` is relative to the configuration directory;
        ``file:///abs/x.csv`` and plain paths work too."""
        rest = uri[len("file://") :] if uri.startswith("file://") else uri
        path = Path(rest)
        return path if path.is_absolute() else self.workdir / path

    def remove(self, path: Path) -> None:
        """Remove ``path`` and then each parent left empty, up to the configuration
        directory, so that a destroy leaves nothing behind under ``.mlinfra/``."""
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        root = self.root.resolve()
        boundary = self.workdir if root.is_relative_to(self.workdir) else root.parent
        for parent in path.resolve().parents:
            if parent == boundary or not parent.is_relative_to(boundary):
                break
            try:
                parent.rmdir()
            except FileNotFoundError:
                continue
            except OSError:
                break

    def is_managed(self, path: Path) -> bool:
        """True for a path under this workspace's root or under the shared one."""
        return self.relative(path) is not None

    def owns(self, path: Path) -> bool:
        """True for a path under this workspace's own root (never the shared one)."""
        return path.resolve().is_relative_to(self.root.resolve())

    def relative(self, path: Path) -> str | None:
        """``path`` relative to the root (own or shared) that holds it, or None."""
        real = path.resolve()
        for root in (self.root, self.shared):
            if root is not None and real.is_relative_to(root.resolve()):
                return str(real.relative_to(root.resolve()))
        return None


@functools.lru_cache(maxsize=1 << 16)
def object_name(address: str) -> str:
    """A folder-safe name for the object of ``address`` (the core's naming rule):
    ``model.iris`` -> ``iris``, ``module.a.model.x[0]`` -> ``a-x-0-HASH``, ``model.x["eu"]`` -> ``x-eu``.
    Kept per address: a create asks for it several times (its intent, its folder)."""
    return naming.object_name(address, allowed="A-Za-z0-9_.")


def file_uri(path: Path) -> str:
    return "file://" + str(path.resolve())


def sha256_file(path: str | Path) -> str:
    return sha256.file_hexdigest(path)


def sha256_json(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return sha256.hexdigest(text.encode())


def write_json(path: Path, value: Any, mode: int | None = None) -> None:
    """Write atomically: a temp file in the same folder, fsync, rename. Threads writing
    at once sync in parallel, so the file system commits their writes together."""
    # Encoded whole, then written: json.dump would write each token by itself.
    import tempfile  # with shutil and random: only for the commands that write

    data = (json.dumps(value, indent=2, sort_keys=True, default=str) + "\n").encode()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:  # the folder is made here only when missing
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    _sync_and_rename(fd, tmp, data, str(path), mode)


def _sync_and_rename(fd: int, tmp: str, data: bytes, path: str, mode: int | None = None) -> None:
    """Write ``data`` to ``fd``, the new temporary file ``tmp``, sync it and rename it to
    ``path`` (with ``mode`` when given); on any failure ``tmp`` goes."""
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_ENCODE_RECORD = json.JSONEncoder(sort_keys=True, default=str).encode


def write_new_record(folder: str, name: str, value: Any) -> None:
    """Write the record of an object being made, ``folder/name``, in the folder made for
    it moments before: written under a temporary name (the folder is new, so a fixed one
    does), synced and renamed into place, so a kill at any instant leaves the whole
    record or none, and a machine going down leaves it whole or missing (a folder without
    its record is no object: the next create removes or replaces it). Encoded on one line
    by the C encoder, which ``write_json``'s indentation rules out.

    The sync stays although the state's journal already makes the create's intent
    durable: without it a lost power could leave the record empty under its name while
    the journal records the object (``nonempty_file`` would still take it for missing),
    and, measured on the N = 2,000 chain (ten operations in flight on two cores), an
    apply without it spent about 1.4 s more in the kernel, its threads no longer waiting
    on their syncs but all contending at once, for no gain in wall time.
    """
    data = _ENCODE_RECORD(value).encode() + b"\n"
    tmp = os.path.join(folder, f".{name}.tmp")
    # O_EXCL: the folder is new, so a name already taken means it is not ours.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    _sync_and_rename(fd, tmp, data, os.path.join(folder, name))


def nonempty_file(path: str) -> bool:
    """Whether ``path`` is a file with something in it, in one stat. An empty record or
    data file (data is written unsynced, and a machine going down can leave it empty;
    a file truncated outside mlinfra) counts as missing."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > 0


def read_json(path: Path) -> Any:
    """The JSON in ``path``, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def plain(attrs: dict[str, Any]) -> dict[str, Any]:
    """A JSON round trip, so attributes compare equal to what a later read returns."""
    out: dict[str, Any] = json.loads(json.dumps(attrs, default=str))
    return out
