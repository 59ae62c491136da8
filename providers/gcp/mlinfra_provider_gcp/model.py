"""The model kind on GCP: a Vertex AI Model uploaded with ``models:upload``.

The first apply uploads the parent model under a fixed ID; new artifact content (or a new
serving container) uploads a new version under the same parent (``parentModel``), so
``model.x.id`` (``projects/P/locations/L/models/ID@VERSION``) changes and endpoints see
it. Older versions stay in the registry; destroy deletes the model with every version.
A local artifact is uploaded to the staging bucket first, keyed by its digest. Uploads
and deletes are long-running operations, waited for as steps the engine polls.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown, values_equal
from mlinfra_provider_gcp import _sdk, gcs, images, naming
from mlinfra_provider_gcp.config import ModelBlock, parse_block
from mlinfra_provider_gcp.resource import GcpResource

# Arguments whose change is a new version under the same parent model.
VERSIONED = ("artifact", "framework", "framework_version", "image")
ALIAS = re.compile(r"^[a-z][a-zA-Z0-9-]{0,126}[a-z0-9]$")
FILE_SUFFIXES = (".joblib", ".pkl", ".bst", ".pt", ".pb", ".json", ".tar.gz", ".mar")


class ModelResource(GcpResource):
    kind: ClassVar[str] = "model"
    block: ClassVar[type[ModelBlock]] = ModelBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("uri",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = self.label_diagnostics(address, config)
        stage = (config.get("registry") or {}).get("stage") if isinstance(config.get("registry"), dict) else None
        if isinstance(stage, str) and stage and stage_alias(stage) is None:
            out.append(d.error("Invalid registry stage", f'"{stage}" cannot be a Vertex AI version alias: letters, digits and -, starting with a letter.', address=address))
        if isinstance(stage, str) and stage_alias(stage) == "default":
            out.append(d.error("Invalid registry stage", '"default" is the alias Vertex AI gives the newest version; choose another stage.', address=address))
        fw = config.get("framework")
        block = config.get("gcp") if isinstance(config.get("gcp"), dict) else {}
        if not config.get("image") and not (block or {}).get("image"):
            if isinstance(fw, str):
                try:
                    images.prediction_image(fw, config.get("framework_version") if isinstance(config.get("framework_version"), str) else None, "us-central1")
                except ValueError as e:
                    out.append(d.error("No serving image", str(e), address=address))
            elif fw is None:
                out.append(
                    d.error("No serving image", 'Set `framework` (e.g. "sklearn"), `image`, or gcp { image = "..." }.', address=address)
                )
        return out

    # -- identity ------------------------------------------------------------------------
    def _model_id(self, address: str, config: dict[str, Any]) -> str:
        block = parse_block(ModelBlock, config)
        reg = config.get("registry") or {}
        return naming.resource_id(address, block.name or reg.get("group"))

    def _parent_name(self, address: str, config: dict[str, Any]) -> str:
        return f"{self.gcp.parent}/models/{self._model_id(address, config)}"

    def _local(self, artifact: str) -> Path:
        path = Path(artifact[7:] if artifact.startswith("file://") else artifact)
        return path if path.is_absolute() else self.workdir / path

    def _digest(self, address: str, artifact: Any) -> Any:
        if contains_unknown(artifact) or not isinstance(artifact, str):
            return UNKNOWN
        if artifact.startswith("gs://"):
            return gcs.digest(self.gcp, artifact, address)
        path = self._local(artifact)
        if not path.is_file():
            raise ResourceError(f"No model artifact at {artifact}", f"{path} is not a file.")
        return gcs.file_sha256(path)

    def _image(self, config: dict[str, Any]) -> str:
        block = parse_block(ModelBlock, config)
        if block.image or config.get("image"):
            return str(block.image or config["image"])
        try:
            return images.prediction_image(str(config.get("framework")), config.get("framework_version"), self.gcp.region)
        except ValueError as e:
            raise ResourceError("No serving image", str(e)) from e

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._parent_name(address, planned)

    # -- plan ----------------------------------------------------------------------------
    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        digest = self._digest(address, config.get("artifact"))
        known: dict[str, Any] = {} if digest is UNKNOWN else {"digest": digest}
        if not contains_unknown(config.get("gcp")) and not contains_unknown(config.get("registry")):
            known["uri"] = self._parent_name(address, config)
        resp = self.default_plan(prior, config, known=known)
        if prior is None:
            return resp
        if "uri" in known and prior.get("uri") != known["uri"]:
            resp.requires_replace = [("gcp", "name")]
            return resp
        prior_block = {k: v for k, v in (prior.get("gcp") or {}).items() if k != "name"}
        new_block = {k: v for k, v in (config.get("gcp") or {}).items() if k != "name"}
        new_version = (
            digest is UNKNOWN
            or not values_equal(prior.get("digest"), digest)
            or any(not values_equal(prior.get(k), config.get(k)) for k in VERSIONED)
            or not values_equal(prior_block, new_block)
        )
        if new_version and resp.planned.get("id") is UNKNOWN:
            if prior.get("digest") != digest and digest is not UNKNOWN:
                resp.reason = "artifact content changed: a new model version"
        elif resp.planned.get("id") is UNKNOWN:
            # Labels or the registry stage only: the version stays.
            resp.planned["id"] = prior.get("id")
            resp.planned["version"] = prior.get("version")
        return resp

    # -- CRUD ----------------------------------------------------------------------------
    def _artifact_uri(self, address: str, artifact: str) -> str:
        if artifact.startswith("gs://"):
            # Vertex AI reads a folder: a file's URI stands for the folder it is in.
            if artifact.endswith(FILE_SUFFIXES):
                return posixpath.dirname(artifact) + "/"
            return artifact
        return gcs.upload(self.gcp, self._local(artifact), self.settings.staging_bucket, "models", address)

    def _upload(self, address: str, config: dict[str, Any], parent_model: str | None) -> Steps[tuple[str, str]]:
        block = parse_block(ModelBlock, config)
        spec: dict[str, Any] = {"image_uri": self._image(config)}
        if block.environment:
            spec["env"] = [{"name": k, "value": v} for k, v in sorted(block.environment.items())]
        if block.port:
            spec["ports"] = [{"container_port": block.port}]
        if block.predict_route:
            spec["predict_route"] = block.predict_route
        if block.health_route:
            spec["health_route"] = block.health_route
        model: dict[str, Any] = {
            "display_name": self._model_id(address, config),
            "artifact_uri": self._artifact_uri(address, config["artifact"]),
            "container_spec": spec,
            "labels": self.labels(address, config),
        }
        request: dict[str, Any] = {"parent": self.gcp.parent, "model": model}
        if parent_model:
            # The newest version is the one `models/ID` means.
            model["version_aliases"] = ["default"]
            request["parent_model"] = parent_model
        else:
            request["model_id"] = self._model_id(address, config)
        op = self.gcp.call("models", "upload_model", address, **request)
        resp = yield from self.wait_steps(op, f"uploading model {self._model_id(address, config)}", address)
        return str(resp.model), str(resp.model_version_id)

    def _outputs(self, address: str, config: dict[str, Any], version: str, digest: Any) -> dict[str, Any]:
        parent = self._parent_name(address, config)
        return {"id": f"{parent}@{version}", "version": int(version), "digest": digest, "uri": parent}

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        digest = self._digest(address, config["artifact"])
        parent = self._parent_name(address, config)
        existing = self.gcp.try_call("models", "get_model", address, name=parent)
        if existing is not None and not self.ours(dict(existing.labels), address):
            raise ResourceError(
                f"A Vertex AI model {parent} already exists",
                f'It is not labelled as {address}; import it, or set another ID with gcp {{ name = "..." }}.',
            )
        # A parent left by an interrupted apply gets the new content as its next version.
        _, version = yield from self._upload(address, config, parent if existing is not None else None)
        self._stage(address, config, f"{parent}@{version}", None)
        return self.attributes(config, self._outputs(address, config, version, digest))

    def _stage(self, address: str, config: dict[str, Any], version: str, previous: str | None) -> None:
        """Give ``version`` the alias of ``registry.stage``, taking it from ``previous``
        (Vertex AI lets one version of a model hold an alias at a time)."""
        alias = stage_alias((config.get("registry") or {}).get("stage"))
        old = self.gcp.try_call("models", "get_model", address, name=previous) if previous else None
        old_aliases = [a for a in (old.version_aliases if old is not None else []) if a != "default"]
        for a in old_aliases:
            if a != alias or previous != version:
                self.gcp.call("models", "merge_version_aliases", address, name=previous, version_aliases=[f"-{a}"])
        if alias and (previous != version or alias not in old_aliases):
            self.gcp.call("models", "merge_version_aliases", address, name=version, version_aliases=[alias])

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        if planned.get("id") is UNKNOWN or planned.get("id") != prior.get("id"):
            digest = self._digest(address, config["artifact"])
            _, version = yield from self._upload(address, config, prior["uri"])
            self._stage(address, config, f"{prior['uri']}@{version}", prior["id"])
            return self.attributes(config, self._outputs(address, config, version, digest))
        self._stage(address, config, prior["id"], prior["id"])
        self.gcp.call(
            "models",
            "update_model",
            address,
            model={"name": prior["id"], "labels": self.labels(address, config)},
            update_mask=_sdk.field_mask(["labels"]),
        )
        return self.attributes(config, {o: prior.get(o) for o in self.outputs})

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        live = self.gcp.try_call("models", "get_model", address, name=name)
        if live is None:
            return None
        m = _sdk.to_dict(live)
        if "artifact" not in state:
            return self._imported(address, m)
        out = dict(state)
        out["tags"] = naming.user_labels(m.get("labels", {}), self.settings.labels)
        reg = state.get("registry")
        if reg and reg.get("stage") and stage_alias(reg["stage"]) not in m.get("versionAliases", []):
            out["registry"] = {**reg, "stage": None}  # the alias was moved: drift
        return out

    def _imported(self, address: str, m: dict[str, Any]) -> dict[str, Any]:
        artifact = m.get("artifactUri")
        digest = None
        if isinstance(artifact, str) and artifact.startswith("gs://"):
            try:
                digest = gcs.digest(self.gcp, artifact, address)
            except gcs.MissingData:
                digest = None
        model_id = m["name"].rsplit("/", 1)[1]
        config = {
            "artifact": artifact,
            "framework": None,
            "framework_version": None,
            "image": (m.get("containerSpec") or {}).get("imageUri"),
            "registry": None,
            "tags": naming.user_labels(m.get("labels", {}), self.settings.labels),
            "gcp": None if model_id == naming.resource_id(address) else {"name": model_id},
        }
        parent = f"{self.gcp.parent}/models/{model_id}"
        version = m.get("versionId", "1")
        return self.attributes(config, {"id": f"{parent}@{version}", "version": int(version), "digest": digest, "uri": parent})

    def delete(self, address: str, state: dict[str, Any]) -> Steps[None]:
        parent = state.get("uri") or str(state.get("id", "")).split("@")[0]
        if not parent or self.gcp.try_call("models", "get_model", address, name=parent) is None:
            return
        op = self.gcp.call("models", "delete_model", address, name=parent)
        yield from self.wait_steps(op, f"deleting model {parent.rsplit('/', 1)[1]}", address)

    def find(self, address: str) -> dict[str, Any] | None:
        first = naming.address_labels(address)[naming.ADDRESS_LABEL]
        pager = self.gcp.call("models", "list_models", address, parent=self.gcp.parent, filter=f'labels.{naming.ADDRESS_LABEL}="{first}"')
        for m in pager:
            if self.ours(dict(m.labels), address):
                versions = self.gcp.call("models", "list_model_versions", address, name=m.name)
                newest = max((int(v.version_id) for v in versions), default=int(m.version_id or 1))
                model_id = m.name.rsplit("/", 1)[1]
                return self._imported(address, _sdk.to_dict(m)) | {
                    "id": f"{self.gcp.parent}/models/{model_id}@{newest}",
                    "version": newest,
                }
        return None


def stage_alias(stage: Any) -> str | None:
    """``registry.stage`` as a version alias: ``Approved`` -> ``approved``."""
    if not isinstance(stage, str) or not stage:
        return None
    alias = re.sub(r"[^a-zA-Z0-9-]+", "-", stage[0].lower() + stage[1:]).strip("-")
    return alias if ALIAS.match(alias) else None
