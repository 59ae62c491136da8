"""The dataset kind on Azure ML: data asset versions (``uri_file`` / ``uri_folder``).

The source is a datastore URI (``azureml://datastores/NAME/paths/...``), an https blob
URL or a local path (uploaded to the default datastore). Its digest, a sha256 over the
blobs' names and MD5s (of a local file, its sha256), is computed at plan time: new
content under the same URI plans as an update that registers the next version. Each
version carries the digest as a tag, so an interrupted apply adopts its version. Destroy
archives the version; the data itself stays where it is.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, datasets
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_azure import _sdk, artifacts, blobs, naming
from mlinfra_provider_azure.config import DatasetBlock, parse_block
from mlinfra_provider_azure.resource import AzureResource


class DatasetResource(AzureResource):
    kind: ClassVar[str] = "dataset"
    block: ClassVar[type[DatasetBlock]] = DatasetBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ()

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        source = config.get("source")
        if isinstance(source, str) and artifacts.scheme(source) not in artifacts.SUPPORTED:
            return [d.error("Unsupported dataset source",
                            f'The azure provider reads data from datastores: "{source}" is not an azureml://datastores/NAME/paths/PATH '
                            "URI, an https:// blob URL or a local path.", address=address)]
        return []

    def _name(self, address: str, config: dict[str, Any]) -> str:
        return naming.asset_name(address, parse_block(DatasetBlock, config).name)

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        source = config.get("source")
        if contains_unknown(source) or not isinstance(source, str):
            return self.default_plan(prior, config)
        digest = artifacts.digest(self.ctx, source)
        reason = None
        if prior is not None and prior.get("source") == source and prior.get("digest") != digest:
            reason = f"{datasets.NEW_DATA}: a new data asset version"
        resp = self.default_plan(prior, config, known={"digest": digest}, reason=reason)
        if prior is not None and resp.planned.get("id") is UNKNOWN and prior.get("digest") == digest:
            # Same content (a tag or a setting changed): the version stays.
            for o in ("id", "version", "uri"):
                resp.planned[o] = prior.get(o)
        return resp

    def _register(self, address: str, config: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(DatasetBlock, config)
        name = self._name(address, config)
        source = config["source"]
        digest = artifacts.digest(self.ctx, source)
        versions = self.az.try_call(lambda: list(self.az.ml.data.list(name=name)), f"data.list {name}", address) or []
        every = self.az.try_call(lambda: list(self.az.ml.data.list(name=name, list_view_type=_sdk.list_view("ALL"))), f"data.list {name}", address) or []
        for v in versions:
            if (v.tags or {}).get(naming.DIGEST_TAG) == digest:
                return self._attributes(config, v)
        path = artifacts.registrable(self.ctx, source, address, "data")
        kind = block.type or ("uri_folder" if str(source).endswith("/") or (artifacts.scheme(source) == "file" and artifacts.local_path(self.ctx, source).is_dir()) else "uri_file")
        number = str(max([int(v.version) for v in every if str(v.version).isdigit()] or [0]) + 1)
        data = _sdk.entities().Data(name=name, version=number, path=path, type=kind,
                                    tags=self.tags(address, config, **{naming.DIGEST_TAG: digest}))
        self.ctx.record(ref=naming.model_ref(name, number))
        self.progress(f"registering data asset {name} version {number}")
        created = self.az.call(lambda: self.az.ml.data.create_or_update(data), f"data.create_or_update {name}", address)
        return self._attributes(config, created)

    def _attributes(self, config: dict[str, Any], data: Any) -> dict[str, Any]:
        version = str(data.version)
        return self.attributes(config, {"id": naming.model_ref(data.name, version), "uri": str(data.path),
                                        "digest": (data.tags or {}).get(naming.DIGEST_TAG), "version": version})

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        return self._register(address, config)

    def update(self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        if planned.get("id") is not UNKNOWN and planned.get("id") == prior.get("id"):
            live = self._get(address, str(prior["id"]))
            if live is not None:
                live.tags = self.tags(address, config, **{naming.DIGEST_TAG: str(prior.get("digest"))})
                self.az.call(lambda: self.az.ml.data.create_or_update(live), f"data.create_or_update {live.name}", address)
                return self.attributes(config, {o: prior.get(o) for o in self.outputs})
        return self._register(address, config)

    def _get(self, address: str, ref: str) -> Any:
        parsed = naming.parse_model_ref(ref)
        if parsed is None:
            raise ResourceError(f"Not a data asset version: {ref}", 'Write "azureml:NAME:VERSION" or "NAME:VERSION".')
        name, version = parsed
        live = self.az.try_call(lambda: self.az.ml.data.get(name, version=version), f"data.get {name}", address)
        if live is None:
            return None
        active = self.az.call(lambda: [str(x.version) for x in self.az.ml.data.list(name=name)], f"data.list {name}", address)
        return live if version in active else None

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        ref = str(state.get("id") or "")
        live = self._get(address, ref if ref.startswith("azureml:") else "azureml:" + ref)
        if live is None:
            return None
        if "source" not in state:
            try:
                digest = artifacts.digest(self.ctx, str(live.path))
            except blobs.MissingData:
                digest = None
            config = {"source": str(live.path), "format": None, "target": None,
                      "tags": naming.user_tags(live.tags, self.settings.tags), "azure": None}
            out = self._attributes(config, live)
            out["digest"] = out["digest"] or digest
            return out
        out = dict(state)
        out["tags"] = naming.user_tags(live.tags, self.settings.tags)
        return out

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """A data asset version: ``azureml:NAME:VERSION`` or ``NAME:VERSION``."""
        return self.read(address, {"id": object_id})

    def find(self, address: str) -> dict[str, Any] | None:
        """The newest active version tagged with ``address``."""
        name = naming.asset_name(address)
        active = self.az.try_call(lambda: list(self.az.ml.data.list(name=name)), f"data.list {name}", address) or []
        ours = [v for v in active if (v.tags or {}).get(naming.ADDRESS_TAG) == address]
        if not ours:
            return None
        newest = max(ours, key=lambda v: int(v.version) if str(v.version).isdigit() else 0)
        return self.import_object(address, naming.model_ref(newest.name, str(newest.version)))

    def delete(self, address: str, state: dict[str, Any]) -> None:
        parsed = naming.parse_model_ref(str(state.get("id") or ""))
        if parsed is not None:
            name, version = parsed
            self.az.try_call(lambda: self.az.ml.data.archive(name, version=version), f"data.archive {name}", address)
