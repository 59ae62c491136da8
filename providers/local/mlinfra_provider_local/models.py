"""The ``model`` kind: versions in a folder registry, ``.mlinfra/local/registry/NAME/vN/``.

Each version holds the artifact's content and ``metadata.json`` (digest, source pipeline
run, metrics, stage, tags, the resource address and the attributes). The content is
stored once per digest in ``blobs/`` and hard-linked into each version folder (copied
where links are not possible), so registering one artifact a thousand times writes it
once; a blob goes when the last version linking it is deleted. Blobs are read-only, as a
guard: a registered file changed in place anyway changes every version sharing its
content; each is drift, and apply restores each from the artifact as a file of its own. The ``id`` names
the version (``iris/v3``), so an endpoint serving ``model.iris.id`` sees a new version
as a change. The artifact is digested at plan time: new content is an in-place update
that adds a version (``id``, ``version`` and ``uri`` unknown until apply); the same
content under a new URI only refreshes the metadata. Old versions stay until the model
is destroyed, which removes the whole NAME folder.

A refresh checks the registered file against the digest it was registered with: a
changed or deleted file is drift (``digest`` reads back as it is now), and apply copies
the artifact over it again under the same version when the artifact still holds the
registered content (otherwise the new content is a new version). A version folder whose
record is gone is no version: the next registration removes it, and never reuses its
number.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, changed_paths, contains_unknown
from mlinfra_provider_local.artifacts import MODEL_FILE
from mlinfra_provider_local.kinds import ModelKind
from mlinfra_provider_local.store import (
    MODEL_METADATA,
    RECORD_KEY,
    nonempty_file,
    object_name,
    plain,
    read_json,
    sha256_file,
    write_json,
    write_new_record,
)

METADATA = MODEL_METADATA
NEW_VERSION_REASON = "artifact content changed: a new model version"
RESTORE_REASON = (
    "the registered model file was changed or deleted outside mlinfra: "
    "apply restores it from the artifact (same version)"
)


# (device, inode) -> (size, mtime, ctime) when read, digest. Kept by inode, not path: the
# registered files of versions sharing one content are hard links to one blob, so a
# refresh reads that content once (by path on a file system that reports no inode
# numbers). Kept only for a file last changed over two seconds before it was read, so a
# later write within the same timestamp tick cannot hide behind an unchanged stat (any
# write changes the ctime, which no one can set back).
_DIGESTS: dict[tuple[int, int] | str, tuple[tuple[int, int, int], str]] = {}


# Blob path -> (device, inode, size, mtime) when this process made or digested it.
_BLOBS: dict[str, tuple[int, int, int, int]] = {}
_BLOB_LOCK = threading.Lock()


def artifact_digest(path: str | Path) -> str:
    """The SHA-256 of an artifact, read again only when its stat changed."""
    st = os.stat(path)
    inode: tuple[int, int] | str = (st.st_dev, st.st_ino) if st.st_ino else str(path)
    key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    hit = _DIGESTS.get(inode)
    if hit is not None and hit[0] == key:
        return hit[1]
    digest = sha256_file(path)
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > 2_000_000_000:
        _DIGESTS[inode] = (key, digest)
    return digest


def _sweep(blobs: Path) -> None:
    """Remove the temporary copies of blobs that a process killed while copying left."""
    for tmp in blobs.glob(".*.tmp"):
        pid = tmp.name.rsplit(".", 2)[-2]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                tmp.unlink(missing_ok=True)
            except OSError:
                continue


class ModelResource(ModelKind):
    def plan(
        self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        if contains_unknown(config.get("artifact")):
            return self.default_plan(prior, config)
        digest = artifact_digest(self._artifact_path(config))
        planned = {k: v for k, v in config.items() if k not in self.outputs}
        if prior is None:
            return PlanResponse(
                planned={
                    **planned,
                    "id": UNKNOWN,
                    "version": UNKNOWN,
                    "digest": digest,
                    "uri": UNKNOWN,
                }
            )
        if digest != prior.get("digest") and self._restorable(prior, digest):
            planned.update({o: prior.get(o) for o in self.outputs}, digest=digest)
            return PlanResponse(planned=planned, reason=RESTORE_REASON)
        if digest != prior.get("digest"):
            unknown = {"id": UNKNOWN, "version": UNKNOWN, "uri": UNKNOWN}
            return PlanResponse(
                planned={**planned, **unknown, "digest": digest}, reason=NEW_VERSION_REASON
            )
        prior_args = {k: v for k, v in prior.items() if k not in self.outputs}
        # The arguments alone: the outputs, kept from prior, are no change.
        changed = next(changed_paths(prior_args, planned), None) is not None
        planned.update({o: prior.get(o) for o in self.outputs})
        return PlanResponse(
            planned=planned, reason="same artifact content, metadata changed" if changed else None
        )

    # -- CRUD ------------------------------------------------------------------------
    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        return self._register(address, config)

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        source = self._artifact_path(config)
        digest = sha256_file(source)
        folder = self._version_dir(prior)
        if folder is not None and self._restorable(prior, digest):
            # Checked here, not taken from ``prior``: the damage may postdate it.
            registered = folder / self._file_name(prior)
            if not registered.is_file() or sha256_file(registered) != digest:
                self._restore(source, registered, digest)
            prior = {**prior, "digest": digest}
        if digest != prior.get("digest") or folder is None or not folder.is_dir():
            return self._register(address, config)
        attrs = plain({**config, **{o: prior.get(o) for o in self.outputs}})
        metadata = read_json(folder / METADATA) or {}
        metadata.update(self._metadata(address, config, attrs))
        write_json(folder / METADATA, metadata)
        return attrs

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        version = state.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            return None
        # _version_dir(state) / METADATA, joined as strings: a refresh reads every model.
        name = self._registry_name(state)
        folder = os.path.join(self.store.root, "registry", name, f"v{version}")
        if not nonempty_file(os.path.join(folder, METADATA)):
            shared = self._shared_version_dir(state)
            if shared is None or not nonempty_file(str(shared / METADATA)):
                return None
            folder = str(shared)
        # The registered file must still hold what was registered: a changed or deleted
        # file is drift (its digest read back as it is now, None when it is gone).
        try:
            actual: str | None = artifact_digest(os.path.join(folder, self._file_name(state)))
        except OSError:
            actual = None
        return dict(state) if actual == state.get("digest") else {**state, "digest": actual}

    def delete(self, address: str, state: dict[str, Any]) -> None:
        """Remove every version of this model up to the one in state (all of them on a
        destroy); versions a create-before-destroy replacement added after it stay.
        A version in the shared root is removed alone: the others there may be another
        workspace's."""
        released: set[tuple[Any, str]] = set()
        shared = self._shared_version_dir(state)
        if shared is not None:
            self.store.remove(shared)
        home = self.store.registry(object_name(address))
        last = state.get("version")
        for path, record in self.records(home, f"v*/{METADATA}", address):
            version = record.get("version")
            if not isinstance(last, int) or not isinstance(version, int) or version <= last:
                self.store.remove(path.parent)
                released.add((record.get("digest"), str(record.get("file") or MODEL_FILE)))
        if not any(nonempty_file(str(p)) for p in home.glob(f"v*/{METADATA}")):
            self.store.remove(home)
        released.add((state.get("digest"), self._file_name(state)))
        for digest, file_name in sorted(released, key=str):
            self._release_blob(digest, file_name)

    def find(self, address: str) -> dict[str, Any] | None:
        folder = self.store.registry(object_name(address))
        found = [
            (int(record.get("version", 0)), self.attributes(record))
            for _, record in self.records(folder, f"v*/{METADATA}", address)
        ]
        return max(found, key=lambda x: x[0])[1] if found else None

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """``NAME/vN`` adopts that version, ``NAME`` the latest."""
        name, _, version = object_id.partition("/")
        pattern = f"{version}/{METADATA}" if version else f"v*/{METADATA}"
        found = [
            (int(record.get("version", 0)), self.attributes(record))
            for _, record in self.records(self.store.registry(name), pattern, None)
        ]
        return max(found, key=lambda x: x[0])[1] if found else None

    # -- helpers ---------------------------------------------------------------------
    def _artifact_path(self, config: dict[str, Any]) -> Path:
        artifact = config.get("artifact")
        if not isinstance(artifact, str) or not artifact:
            raise ResourceError(
                "Invalid model artifact", "artifact must be a file:// URI or a path.", attribute=("artifact",)
            )
        if "://" in artifact and not artifact.startswith("file://"):
            raise ResourceError(
                "Unsupported model artifact",
                f"The local provider reads file:// artifacts, not {artifact}.",
                attribute=("artifact",),
            )
        key = (self.store.workdir, artifact)
        path = self._artifact_paths.get(key)
        if path is None:
            path = self._artifact_paths[key] = self.store.resolve_file_uri(artifact)
        if not os.path.isfile(path):
            raise ResourceError(
                "Model artifact not found", f"{artifact}: {path} does not exist.", attribute=("artifact",)
            )
        return path

    @property
    def _artifact_paths(self) -> dict[tuple[Path, str], Path]:
        """Artifact URI -> path, per configuration directory: many models share one."""
        found: dict[tuple[Path, str], Path] | None = getattr(self, "_artifact_path_cache", None)
        if found is None:
            found = {}
            self._artifact_path_cache: dict[tuple[Path, str], Path] = found
        return found

    def _version_dir(self, attrs: dict[str, Any]) -> Path | None:
        version = attrs.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            return None
        own = self.store.registry(self._registry_name(attrs)) / f"v{version}"
        if own.is_dir():
            return own
        return self._shared_version_dir(attrs) or own

    @staticmethod
    def _file_name(attrs: dict[str, Any]) -> str:
        uri = attrs.get("uri")
        return uri.rpartition("/")[2] if isinstance(uri, str) and "/" in uri else MODEL_FILE

    def _restorable(self, prior: dict[str, Any], digest: str) -> bool:
        """True when the version in ``prior`` was registered with content ``digest`` (so
        the artifact can restore its file in place) and its record is intact."""
        folder = self._version_dir(prior)
        metadata = read_json(folder / METADATA) if folder is not None else None
        return isinstance(metadata, dict) and metadata.get("digest") == digest

    def _restore(self, source: Path, dest: Path, digest: str) -> None:
        """Copy the artifact over a registered file that was changed or deleted."""
        import shutil  # shutil and hashlib: only for the commands that register or restore

        self.ctx.progress(f"restoring {dest.parent.name}/{dest.name} from {source.name}")
        tmp = dest.with_name(f".{dest.name}.restore")
        try:
            shutil.copyfile(source, tmp)
            if sha256_file(tmp) != digest:
                raise ResourceError(
                    "Cannot restore the registered model file",
                    f"{source} changed while it was copied; run apply again.",
                )
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)

    def _shared_version_dir(self, attrs: dict[str, Any]) -> Path | None:
        """The version folder ``attrs`` names in the shared root (a version registered
        before workspaces had registries of their own), or None."""
        uri = attrs.get("uri")
        if self.store.shared is None or not isinstance(uri, str) or not uri.startswith("file://"):
            return None
        folder = self.store.resolve_file_uri(uri).parent
        if self.store.owns(folder) or not self.store.is_managed(folder):
            return None
        return folder if folder.name == f"v{attrs.get('version')}" else None

    def _registry_name(self, attrs: dict[str, Any]) -> str:
        model_id = attrs.get("id")
        return str(model_id).rpartition("/")[0] if isinstance(model_id, str) else ""

    def _next_version(self, home: Path) -> int:
        """One more than any version number used so far (numbers are never reused).
        A version folder without a readable record is what an interrupted registration
        or a machine gone down left: it is no version, and goes."""
        import shutil

        used = 0
        for folder in home.glob("v*"):
            if m := re.fullmatch(r"v(\d+)", folder.name):
                used = max(used, int(m.group(1)))
                if not isinstance(read_json(folder / METADATA), dict):
                    shutil.rmtree(folder, ignore_errors=True)
        return used + 1

    def _register(self, address: str, config: dict[str, Any]) -> dict[str, Any]:
        from mlinfra_provider_local import loadcheck

        source = self._artifact_path(config)
        lineage = _lineage(source)
        checked = None
        if not isinstance(lineage, dict):
            # Not trained here: prove the file loads before it is registered.
            checked = artifact_digest(source)
            loadcheck.check_loads(source, checked, self._announce(source))
        name = object_name(address)
        # Joined as strings: every model registers through here.
        home = os.path.join(self.store.root, "registry", name)
        try:
            os.mkdir(home)
            version = 1  # a new registry: no version numbers used yet
        except FileNotFoundError:  # the first model of this workspace
            os.makedirs(home, exist_ok=True)
            version = self._next_version(Path(home))
        except FileExistsError:
            version = self._next_version(Path(home))
        folder = os.path.join(home, f"v{version}")
        os.mkdir(folder)
        try:
            copy_name = f"model{source.suffix}"
            digest = self._place(source, Path(folder, copy_name))
            if checked is not None and digest != checked:  # changed while registering
                copy = Path(folder, copy_name)
                loadcheck.check_loads(copy, digest, self._announce(copy))
            outputs = {
                "id": f"{name}/v{version}",
                "version": version,
                "digest": digest,
                # file_uri(copy) without resolving each part of the path again.
                "uri": f"file://{self.store.real_root()}{os.sep}registry{os.sep}{name}{os.sep}v{version}{os.sep}{copy_name}",
            }
            attrs = plain({**config, **outputs})
            metadata = {
                "name": name,
                "version": version,
                "digest": digest,
                "file": copy_name,
                "source": {"artifact": config["artifact"], **_lineage_summary(lineage)},
                **self._metadata(address, config, attrs),
            }
            write_new_record(folder, METADATA, metadata)
        except BaseException:
            self.store.remove(Path(folder))
            raise
        self.ctx.progress(f"registered {name} version {version}")
        return attrs

    def _place(self, source: Path, dest: Path) -> str:
        """Put the artifact's content at ``dest`` and return its digest: a hard link to
        the content-addressed copy in ``blobs/`` (made once per content), or a copy
        where the file system cannot link."""
        import shutil

        for _ in range(3):
            blob, digest = self._blob(source)
            try:
                os.link(blob, dest)
                return digest
            except FileNotFoundError:
                continue  # a destroy released the blob meanwhile: make it again
            except OSError:
                break  # no hard links here (another device, too many links)
        shutil.copyfile(source, dest)
        return sha256_file(dest)

    def _blob(self, source: Path) -> tuple[Path, str]:
        """The content-addressed copy of ``source`` (made and synced when missing), and
        its digest. A blob is trusted while its stat is the one it had when this process
        made or digested it; otherwise its content is digested again, and a blob that no
        longer holds its digest (edited through a registered file) is replaced."""
        import hashlib
        import shutil

        digest = artifact_digest(source)
        blobs = self.store.blobs()
        blob = blobs / f"{digest}{source.suffix}"
        with _BLOB_LOCK:
            try:
                st = os.stat(blob)
                key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
                if _BLOBS.get(str(blob)) == key or sha256_file(blob) == digest:
                    _BLOBS[str(blob)] = key
                    return blob, digest
                blob.unlink()
            except FileNotFoundError:
                pass
            blobs.mkdir(parents=True, exist_ok=True)
            _sweep(blobs)
            tmp = blobs / f".{digest}.{os.getpid()}.tmp"
            try:
                shutil.copyfile(source, tmp)
                with tmp.open("rb") as f:
                    os.fsync(f.fileno())
                    made = hashlib.file_digest(f, "sha256").hexdigest()
                # Read-only: every version linking it shows an edit made through one.
                os.chmod(tmp, 0o444)
                blob = blobs / f"{made}{source.suffix}"
                os.replace(tmp, blob)
            finally:
                tmp.unlink(missing_ok=True)
            st = os.stat(blob)
            _BLOBS[str(blob)] = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            return blob, made

    def _release_blob(self, digest: Any, file_name: str) -> None:
        """Remove the blob of ``digest`` once no registered version links to it."""
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            return
        blob = self.store.blobs() / f"{digest}{Path(file_name).suffix}"
        with _BLOB_LOCK:
            try:
                if os.stat(blob).st_nlink > 1:
                    return
            except FileNotFoundError:
                return
            _BLOBS.pop(str(blob), None)
            _sweep(blob.parent)
            self.store.remove(blob)

    def _announce(self, path: Path) -> Callable[[], None]:
        return lambda: self.ctx.progress(f"checking that {path.name} loads")

    def _metadata(
        self, address: str, config: dict[str, Any], attrs: dict[str, Any]
    ) -> dict[str, Any]:
        registry = config.get("registry") or {}
        return {
            "address": address,
            "stage": registry.get("stage") if isinstance(registry, dict) else None,
            "group": registry.get("group") if isinstance(registry, dict) else None,
            "tags": {"managed-by": "mlinfra", **(config.get("tags") or {})},
            "framework": config.get("framework") or "sklearn",
            RECORD_KEY: attrs,
        }


# lineage.json path -> (its stat when read, the parsed lineage). Kept only for a file
# last changed over two seconds before it was read, as the digests above.
_LINEAGES: dict[str, tuple[tuple[int, int, int, int], Any]] = {}


def _lineage(source: Path) -> Any:
    """The ``lineage.json`` a pipeline run left beside the artifact (None when there is
    none or it is unreadable), read again only when its stat changed: many models
    register artifacts of one run. Callers read it and never change it."""
    path = os.path.join(os.path.dirname(source), "lineage.json")
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    hit = _LINEAGES.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    lineage = read_json(Path(path))
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > 2_000_000_000:
        _LINEAGES[path] = (key, lineage)
    return lineage


def _lineage_summary(lineage: Any) -> dict[str, Any]:
    if not isinstance(lineage, dict):
        return {}
    keys = (
        "address",
        "run_id",
        "pipeline_digest",
        "metrics",
        "inputs",
        "estimator",
        "params",
        "features",
        "categorical",
        "feature_names_out",
        "steps",
        "cross_validation",
        "search",
        "libraries",
    )
    return {("pipeline" if k == "address" else k): lineage.get(k) for k in keys if k in lineage}
