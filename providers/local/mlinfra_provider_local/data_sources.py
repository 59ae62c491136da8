"""Data sources of the local provider: what exists in this workspace's store, read only.

- ``data "model" "m" { name = "iris", stage = "production" }``: the latest version in
  the folder registry ``registry/NAME/vN/`` (of that stage, when given);
- ``data "endpoint" "e" { name = "iris" }``: a running server of endpoint NAME, its url
  and whether it answers (``InService`` or ``Unhealthy``);
- ``data "dataset" "d" { source = "..." }``: the SHA-256 of a source, as a dataset of
  that source records it (a ``file://`` source's bytes; a generated one's CSV).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mlinfra.providers import DataSource, ResourceError
from mlinfra_provider_local.context import LocalContext
from mlinfra_provider_local.store import MODEL_METADATA, file_uri, read_json, sha256_file


class ModelData(DataSource):
    kind = "model"
    ctx: LocalContext

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        name, stage = str(config["name"]), config.get("stage")
        best: tuple[int, Path, dict[str, Any]] | None = None
        for folder in self.ctx.store.registry(name).glob("v*"):
            m = re.fullmatch(r"v(\d+)", folder.name)
            meta = read_json(folder / MODEL_METADATA) if m else None
            if m is None or not isinstance(meta, dict):
                continue  # not a version, or one whose registration did not finish
            if stage is not None and meta.get("stage") != stage:
                continue
            if best is None or int(m.group(1)) > best[0]:
                best = (int(m.group(1)), folder, meta)
        if best is None:
            return None
        version, folder, meta = best
        return {
            "id": f"{name}/v{version}",
            "name": name,
            "version": version,
            "digest": meta.get("digest"),
            "uri": file_uri(folder / str(meta.get("file") or "")),
            "stage": meta.get("stage"),
        }


class EndpointData(DataSource):
    kind = "endpoint"
    ctx: LocalContext

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        from mlinfra_provider_local.endpoints import EndpointResource

        handler = EndpointResource(self.ctx)
        found = handler.import_object(address, str(config["name"]))
        if found is None:
            return None
        live = handler.read(address, found) or found
        return {"id": found.get("id"), "name": config["name"], "url": live.get("url"), "status": live.get("status")}


class DatasetData(DataSource):
    kind = "dataset"
    ctx: LocalContext

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        from mlinfra_provider_local import sources

        try:
            src = sources.parse(str(config["source"]), self.ctx.store.workdir)
            if src.scheme == "file":
                assert src.path is not None
                if not src.path.is_file():
                    return None
                digest = sha256_file(src.path)
            else:
                import tempfile  # with shutil and random: only for a generated source

                with tempfile.TemporaryDirectory(prefix="mlinfra-data-") as tmp:
                    dest = Path(tmp) / "data.csv"
                    sources.write_csv(src, sources.DEFAULT_TARGET, dest)
                    digest = sha256_file(dest)
        except sources.SourceError as e:
            raise ResourceError(e.summary, e.detail, attribute=("source",)) from None
        return {"id": config["source"], "source": config["source"], "digest": digest, "version": digest[:12]}


DATA_SOURCES: tuple[type[DataSource], ...] = (ModelData, EndpointData, DatasetData)
