"""The model kind on Azure ML: model asset versions.

A model is one asset name with numbered versions. The content digest (sha256 of a local
artifact, the blob MD5s of a datastore one) is known at plan time; new content plans as a
replacement that registers the next version, and the version carries the digest as a tag
so an interrupted apply adopts it instead of registering it twice. A local artifact is
uploaded to the workspace's default datastore first. ``registry { stage }`` is a tag and
changes in place. Versions are kept on destroy unless ``azure { keep_versions = false }``,
which archives them (the service has no delete of a version that may still be served).
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_azure import _sdk, artifacts, naming
from mlinfra_provider_azure.config import ModelBlock, parse_block
from mlinfra_provider_azure.resource import AzureResource


class ModelResource(AzureResource):
    kind: ClassVar[str] = "model"
    block: ClassVar[type[ModelBlock]] = ModelBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "version", "digest", "uri")
    force_new: ClassVar[frozenset[str]] = frozenset({"artifact", "framework", "framework_version", "image"})

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        artifact = config.get("artifact")
        if isinstance(artifact, str) and artifacts.scheme(artifact) not in artifacts.SUPPORTED:
            return [
                d.error(
                    "Unsupported model artifact",
                    f'The azure provider takes a local path, an azureml:// datastore URI or an https:// blob URL; '
                    f'"{artifact}" is none of them.',
                    address=address,
                )
            ]
        return []

    def _name(self, address: str, config: dict[str, Any]) -> str:
        return naming.asset_name(address, parse_block(ModelBlock, config).name)

    def _digest(self, artifact: Any) -> Any:
        if contains_unknown(artifact) or not isinstance(artifact, str):
            return UNKNOWN
        return artifacts.digest(self.ctx, artifact)

    # -- plan ----------------------------------------------------------------------------
    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        digest = self._digest(config.get("artifact"))
        known = {} if digest is UNKNOWN else {"digest": digest}
        resp = self.default_plan(prior, config, known=known)
        if prior is None:
            return resp
        replace = list(resp.requires_replace)
        if digest is not UNKNOWN and prior.get("digest") != digest and ("artifact",) not in replace:
            replace.append(("artifact",))
            resp.reason = "artifact content changed: a new model version"
        old_name = naming.parse_model_ref(str(prior.get("id") or ""))
        if old_name and not contains_unknown(config.get("azure")) and old_name[0] != self._name(address, config):
            replace.append(("azure", "name"))
        if replace:
            for o in self.outputs:
                resp.planned[o] = known.get(o, UNKNOWN)
        resp.requires_replace = replace
        return resp

    # -- CRUD ----------------------------------------------------------------------------
    def _tags(self, address: str, config: dict[str, Any], digest: str) -> dict[str, str]:
        extra = {naming.DIGEST_TAG: digest}
        reg = config.get("registry") or {}
        if reg.get("stage"):
            extra[naming.STAGE_TAG] = str(reg["stage"])
        if reg.get("group"):
            extra["group"] = str(reg["group"])
        if config.get("framework"):
            extra["framework"] = str(config["framework"])
        if not parse_block(ModelBlock, config).keep_versions:
            extra[naming.KEEP_TAG] = "false"  # an import knows to archive it on destroy
        return self.tags(address, config, **extra)

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(ModelBlock, config)
        name = self._name(address, config)
        artifact = config["artifact"]
        digest = self._digest(artifact)
        versions = self._versions(address, name)
        for v in versions:
            if (v.tags or {}).get(naming.DIGEST_TAG) == digest and self._active(address, name, str(v.version)):
                return self._attributes(config, v)  # registered by an interrupted apply
        path = artifacts.registrable(self.ctx, artifact, address)
        number = str(max([int(v.version) for v in versions if str(v.version).isdigit()] or [0]) + 1)
        model = _sdk.entities().Model(
            name=name,
            version=number,
            path=path,
            type=block.type,
            description=block.description,
            tags=self._tags(address, config, digest),
        )
        self.ctx.record(ref=naming.model_ref(name, number))
        self.progress(f"registering model {name} version {number}")
        created = self.az.call(lambda: self.az.ml.models.create_or_update(model), f"models.create_or_update {name}", address)
        return self._attributes(config, created)

    def _versions(self, address: str, name: str) -> list[Any]:
        def listing() -> list[Any]:
            return list(self.az.ml.models.list(name=name, list_view_type=_sdk.list_view("ALL")))

        return self.az.try_call(listing, f"models.list {name}", address) or []

    def _attributes(self, config: dict[str, Any], model: Any) -> dict[str, Any]:
        version = str(model.version)
        return self.attributes(
            config,
            {
                "id": naming.model_ref(model.name, version),
                "version": version,
                "digest": (model.tags or {}).get(naming.DIGEST_TAG),
                "uri": self.az.model_arm_id(model.name, version),
            },
        )

    def _get(self, address: str, ref: str) -> Any:
        parsed = naming.parse_model_ref(ref)
        if parsed is None:
            raise ResourceError(f"Not a model version: {ref}", 'Write "azureml:NAME:VERSION" or "NAME:VERSION".')
        name, version = parsed
        live = self.az.try_call(lambda: self.az.ml.models.get(name, version=version), f"models.get {name}", address)
        if live is None or not self._active(address, name, version):
            return None
        return live

    def _active(self, address: str, name: str, version: str) -> bool:
        """Whether a version is not archived (the SDK's Model does not say)."""
        active = self.az.call(lambda: [str(m.version) for m in self.az.ml.models.list(name=name)], f"models.list {name}", address)
        return version in active

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        ref = str(state.get("id") or "")
        if ":" in ref and not ref.startswith("azureml:"):
            ref = "azureml:" + ref
        live = self._get(address, ref)
        if live is None:
            return None
        if "artifact" not in state:
            return self._imported(live)
        out = dict(state)
        tags = live.tags or {}
        reg = state.get("registry")
        if reg and reg.get("stage") != tags.get(naming.STAGE_TAG):
            out["registry"] = {**reg, "stage": tags.get(naming.STAGE_TAG)}
        out["tags"] = naming.user_tags(tags, self.settings.tags, frozenset({naming.STAGE_TAG, "group", "framework"}))
        return out

    def _imported(self, live: Any) -> dict[str, Any]:
        tags = live.tags or {}
        config = {
            "artifact": str(live.path),
            "framework": tags.get("framework"),
            "framework_version": None,
            "image": None,
            "registry": {"group": tags.get("group", live.name), "stage": tags[naming.STAGE_TAG]} if naming.STAGE_TAG in tags else None,
            "tags": naming.user_tags(tags, self.settings.tags, frozenset({naming.STAGE_TAG, "group", "framework"})),
            "azure": {"keep_versions": False} if tags.get(naming.KEEP_TAG) == "false" else None,
        }
        out = self._attributes(config, live)
        if not out["digest"]:
            out["digest"] = self._digest(out["artifact"]) if artifacts.scheme(out["artifact"]) == "azureml" else None
        return out

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        live = self._get(address, str(prior["id"]))
        if live is None:
            raise ResourceError(f"Model version {prior['id']} is gone", "Run `mlinfra plan` again to register it anew.")
        live.tags = self._tags(address, config, str(prior.get("digest") or (live.tags or {}).get(naming.DIGEST_TAG, "")))
        block = parse_block(ModelBlock, config)
        live.description = block.description
        self.az.call(lambda: self.az.ml.models.create_or_update(live), f"models.create_or_update {live.name}", address)
        return self.attributes(config, {o: prior.get(o) for o in self.outputs})

    def delete(self, address: str, state: dict[str, Any]) -> None:
        if parse_block(ModelBlock, state).keep_versions:
            self.progress(f"keeping model version {state.get('id')} (keep_versions = true)")
            return
        parsed = naming.parse_model_ref(str(state.get("id") or ""))
        if parsed is None:
            return
        name, version = parsed
        self.az.try_call(lambda: self.az.ml.models.archive(name, version=version), f"models.archive {name}", address)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """A model version: ``azureml:NAME:VERSION`` or ``NAME:VERSION``."""
        return self.read(address, {"id": object_id})

    def find(self, address: str) -> dict[str, Any] | None:
        """The newest active version tagged with ``address``."""
        name = naming.asset_name(address)
        ours = [v for v in self._versions(address, name) if (v.tags or {}).get(naming.ADDRESS_TAG) == address]
        for v in sorted(ours, key=lambda v: int(v.version) if str(v.version).isdigit() else 0, reverse=True):
            if self._active(address, name, str(v.version)):
                return self._imported(v)
        return None
