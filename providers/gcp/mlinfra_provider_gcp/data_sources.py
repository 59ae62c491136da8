"""Data sources of the gcp provider, read only:

- ``data "endpoint" "e" { name = "churn" }``: an existing Vertex AI endpoint (its id, or
  its full resource name): its url and whether models are deployed on it;
- ``data "dataset" "d" { source = "gs://bucket/prefix/" }``: the digest of an object or
  of a prefix's listing, as a dataset of that source records it.

Models are not read yet: a ``data "model"`` block is an error that says so.
"""

from __future__ import annotations

from typing import Any

from mlinfra.providers import DataSource, ResourceError
from mlinfra_provider_gcp import gcs
from mlinfra_provider_gcp.context import GcpContext
from mlinfra_provider_gcp.resource import clients_of


class EndpointData(DataSource):
    kind = "endpoint"
    ctx: GcpContext

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        from mlinfra_provider_gcp.endpoint import EndpointResource

        gcp = clients_of(self.ctx)
        name = str(config["name"])
        full = name if "/" in name else f"{gcp.parent}/endpoints/{name}"
        handler = EndpointResource(self.ctx)
        live = handler._get(address, full)
        if live is None:
            return None
        deployed = bool(live.get("deployedModels"))
        return {"id": full, "name": name, "url": handler._url(full), "status": "deployed" if deployed else "empty"}


class DatasetData(DataSource):
    kind = "dataset"
    ctx: GcpContext

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        source = str(config["source"])
        if not source.startswith("gs://"):
            raise ResourceError("Invalid source", f'The gcp provider reads gs:// sources, not "{source}".', attribute=("source",))
        try:
            digest = gcs.digest(clients_of(self.ctx), source, address)
        except gcs.MissingData:
            return None
        return {"id": source, "source": source, "digest": digest, "version": digest[:12]}


DATA_SOURCES: tuple[type[DataSource], ...] = (EndpointData, DatasetData)
