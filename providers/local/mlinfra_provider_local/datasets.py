"""The ``dataset`` kind: a materialised CSV under ``.mlinfra/local/datasets/NAME/KEY/``.

The folder KEY is derived from the content digest and the label column, so the ``uri``
is content-addressed: new data is a new URI, which downstream pipelines see as a changed
input. Beside ``data.csv`` lies ``dataset.json`` (label column, columns, digest, the
resource address and the attributes), which is how a pipeline finds the label from the
URI and how ``find`` adopts a dataset after an interrupted apply.

A ``file://`` source is digested at plan time, so editing the file is a change in the
next plan ("content changed"); generated sources are deterministic and digested at apply.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from mlinfra import sha256
from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import contains_unknown
from mlinfra_provider_local import sources
from mlinfra_provider_local.kinds import DatasetKind
from mlinfra_provider_local.store import (
    RECORD_KEY,
    nonempty_file,
    object_name,
    plain,
    read_json,
    sha256_file,
    write_json,
    write_new_record,
)

DATA_FILE = "data.csv"
RECORD_FILE = sources.DATASET_RECORD
# The arguments the data depends on; any other change (tags) only touches the record.
CONTENT_ARGS = ("source", "target", "format")
METADATA_ONLY = "metadata only: the data and everything built from it stay as they are"


def _error(e: sources.SourceError) -> ResourceError:
    return ResourceError(e.summary, e.detail, attribute=("source",))


# path -> (size, mtime, inode, ctime) when read, header, digest. An entry is kept only for
# a file last changed over two seconds before it was read, so a later write within the
# same timestamp tick cannot hide behind an unchanged stat.
_SOURCE_FACTS: dict[str, tuple[tuple[int, int, int, int], list[str], str]] = {}
_SETTLED_NS = 2_000_000_000


def source_facts(path: Path) -> tuple[list[str], str]:
    """The header row and SHA-256 of a CSV source; read again only when its stat changed."""
    try:
        st = os.stat(path)
    except OSError:
        st = None
    key = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns) if st is not None else None
    hit = _SOURCE_FACTS.get(str(path))
    if key is not None and hit is not None and hit[0] == key:
        return list(hit[1]), hit[2]
    header = sources.csv_header(path)
    digest = sha256_file(path)
    if key is not None and time.time_ns() - max(key[1], key[3]) > _SETTLED_NS:
        _SOURCE_FACTS[str(path)] = (key, list(header), digest)
    return header, digest


class DatasetResource(DatasetKind):

    def _target(self, config: dict[str, Any]) -> str:
        return config.get("target") or sources.DEFAULT_TARGET

    def _outputs(self, address: str, digest: str, target: str) -> dict[str, Any]:
        name = object_name(address)
        key = sha256.hexdigest(f"{digest}\n{target}".encode())[:16]
        # The folders under the store's root are the provider's own (made with mkdir, never
        # links), so resolving the root once gives what resolving every path would.
        uri = f"file://{self._real_root()}{os.sep}datasets{os.sep}{name}{os.sep}{key}{os.sep}{DATA_FILE}"
        return {"id": name, "uri": uri, "digest": digest, "version": digest[:12]}

    def _real_root(self) -> Path:
        return self.store.real_root()

    # -- plan ------------------------------------------------------------------------
    def plan(
        self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        source, target = config.get("source"), config.get("target")
        if not isinstance(source, str) or contains_unknown(target):
            return self.default_plan(prior, config, known={"id": object_name(address)})
        if (
            prior is not None
            and self._same_content_args(prior, config)
            and not source.startswith("file:")
        ):
            # A generated source gives the same data for the same arguments: a change of
            # tags alone keeps every output (nothing downstream runs again).
            known = {o: prior.get(o) for o in self.outputs}
            return self.default_plan(prior, config, known=known, reason=METADATA_ONLY)
        try:
            src = sources.parse(source, self.store.workdir)
            if src.scheme != "file":
                return self.default_plan(prior, config, known={"id": object_name(address)})
            assert src.path is not None
            header, digest = source_facts(src.path)
            sources.check_target(header, self._target(config), str(src.path))
        except sources.SourceError as e:
            raise _error(e) from None
        known = self._outputs(address, digest, self._target(config))
        if prior is not None and self._same_data_elsewhere(prior, known):
            known["uri"] = prior["uri"]
        reason = None
        if prior is not None and prior.get("digest") not in (None, known["digest"]):
            reason = "content changed" if prior.get("source") == source else None
        return self.default_plan(prior, config, known=known, reason=reason)

    # -- CRUD ------------------------------------------------------------------------
    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        return self._materialise(address, config)

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        folder = self._data_dir(prior)
        if folder is not None and self._same_content_args(prior, config):
            known = self.plan(address, prior, config).planned
            if all(known.get(o) == prior.get(o) for o in self.outputs):
                return self._retag(address, folder, config, prior)
        attrs = self._materialise(address, config)
        old = self._data_dir(prior)
        # A folder in the shared root may be another workspace's too: it stays.
        if old is not None and old != self._data_dir(attrs) and self.store.owns(old):
            import shutil

            shutil.rmtree(old, ignore_errors=True)
        return attrs

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        folder = self._data_dir(state)
        if (
            folder is None
            or not nonempty_file(os.path.join(folder, DATA_FILE))
            or not nonempty_file(os.path.join(folder, RECORD_FILE))
        ):
            return None
        return dict(state)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        self.store.remove(self.store.datasets(object_name(address)))

    def find(self, address: str) -> dict[str, Any] | None:
        folder = self.store.datasets(object_name(address))
        for _, record in self.records(folder, f"*/{RECORD_FILE}", address):
            return self.attributes(record)
        return None

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        folder = self.store.datasets(object_id)
        return self.newest(self.records(folder, f"*/{RECORD_FILE}", None))

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _same_content_args(prior: dict[str, Any], config: dict[str, Any]) -> bool:
        return all(prior.get(k) == config.get(k) for k in CONTENT_ARGS)

    def _retag(
        self, address: str, folder: Path, config: dict[str, Any], prior: dict[str, Any]
    ) -> dict[str, Any]:
        """A metadata-only update: the data stays, its record takes the new arguments."""
        attrs = plain({**config, **{o: prior.get(o) for o in self.outputs}})
        record = read_json(folder / RECORD_FILE)
        record = record if isinstance(record, dict) else {}
        record.update({"address": address, RECORD_KEY: attrs})
        write_json(folder / RECORD_FILE, record)
        return attrs

    def _same_data_elsewhere(self, prior: dict[str, Any], known: dict[str, Any]) -> bool:
        """True when ``prior`` holds the same data as ``known`` in the shared root (an
        object made before workspaces had roots of their own): it is still this one."""
        uri = prior.get("uri")
        if (
            not isinstance(uri, str)
            or uri == known["uri"]
            or prior.get("digest") != known["digest"]
        ):
            return False
        folder = self._data_dir(prior)
        same_key = Path(known["uri"]).parent.name == Path(uri).parent.name
        return folder is not None and same_key and not self.store.owns(folder)

    def _data_dir(self, attrs: dict[str, Any]) -> Path | None:
        uri = attrs.get("uri")
        if not isinstance(uri, str) or not uri.startswith("file://"):
            return None
        # The common case, answered on the string: a path under the resolved root whose
        # parts are all plain names (what _outputs writes).
        root = f"{self._real_root()}{os.sep}"
        if uri.startswith(root, 7) and all(p not in ("", ".", "..") for p in uri[7 + len(root) :].split(os.sep)):
            return Path(os.path.dirname(uri[7:]))
        path = self.store.resolve_file_uri(uri).parent
        # Under the resolved root, with no "..": managed, given that the folders below
        # the root are the provider's own (never links); anything else is resolved.
        if str(path).startswith(f"{self._real_root()}{os.sep}") and ".." not in path.parts:
            return path
        return path if self.store.is_managed(path) else None

    def _materialise(self, address: str, config: dict[str, Any]) -> dict[str, Any]:
        """Write the data and its record in a new folder nobody reads (``.new-*``), then
        rename it into place: a dataset's folder is whole or absent."""
        import shutil  # with tempfile: only for the commands that make a dataset
        import tempfile

        target = self._target(config)
        home = self.store.datasets(object_name(address))
        try:
            os.mkdir(home)
        except FileExistsError:
            pass
        except FileNotFoundError:  # the first dataset of this workspace
            home.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(dir=home, prefix=".new-")
        done = False
        try:
            src = sources.parse(config["source"], self.store.workdir)
            self.ctx.progress(f"materialising {config['source']}")
            data = os.path.join(tmp, DATA_FILE)
            columns = sources.write_csv(src, target, Path(data))
            digest = sha256_file(data)
            outputs = self._outputs(address, digest, target)
            attrs = plain({**config, **outputs})
            record = {
                "address": address,
                "source": config["source"],
                "target": target,
                "columns": columns,
                "digest": digest,
                RECORD_KEY: attrs,
            }
            write_new_record(tmp, RECORD_FILE, record)
            final = os.path.dirname(outputs["uri"][len("file://") :])
            try:
                os.rename(tmp, final)
            except OSError:  # the same data is there already (rename replaces only an empty folder)
                if not os.path.isdir(final):
                    raise
                shutil.rmtree(final)
                os.rename(tmp, final)
            done = True
        except sources.SourceError as e:
            raise _error(e) from None
        finally:
            if not done:
                shutil.rmtree(tmp, ignore_errors=True)
                if not any(home.iterdir()):
                    self.store.remove(home)
        return attrs
