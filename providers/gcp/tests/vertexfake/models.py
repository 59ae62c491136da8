"""The fake's ModelService: uploads, versions under a parent model, get, list, patch and
delete, with the service's refusals (IDs, labels, a model still deployed)."""

from __future__ import annotations

import re
from typing import Any

from vertexfake.core import (
    TYPE,
    ApiError,
    State,
    check_display_name,
    check_labels,
    now,
    precondition,
)

MODEL_ID = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
ALIAS = re.compile(r"^[a-z][a-zA-Z0-9-]{0,126}[a-z0-9]$")


class Models:
    def __init__(self, state: State) -> None:
        self.state = state
        # "projects/N/locations/L/models/ID" -> {"versions": {n: json}, "next": int}
        self.models: dict[str, dict[str, Any]] = {}
        # Set by Endpoints: the deployments of a model name (any version).
        self.deployments: Any = lambda name: []

    # -- lookups -------------------------------------------------------------------------
    def resolve(self, loc: str, ref: str) -> tuple[str, str]:
        """``models/ID``, ``models/ID@3`` or ``models/ID@alias`` -> (model name, version id)."""
        tail = ref.split("/models/", 1)[-1]
        model_id, _, version = tail.partition("@")
        name = f"{loc}/models/{model_id}"
        m = self.models.get(name)
        if m is None:
            raise ApiError(404, f'The Model "{name}" does not exist.')
        if not version:
            return name, m["default"]
        if version in m["versions"]:
            return name, version
        if version == "default":
            return name, m["default"]
        for vid, v in m["versions"].items():
            if version in v.get("versionAliases", []):
                return name, vid
        raise ApiError(404, f'The Model "{name}" has no version "{version}".')

    def version_json(self, name: str, vid: str) -> dict[str, Any]:
        m = self.models[name]
        out = dict(m["versions"][vid])
        aliases = [a for a in out.get("versionAliases", []) if a != "default"]
        if m["default"] == vid and "default" not in aliases:
            aliases.insert(0, "default")
        out["versionAliases"] = aliases
        deployed = [d for d in self.deployments(name) if d["version"] == vid]
        if deployed:
            out["deployedModels"] = [{"endpoint": d["endpoint"], "deployedModelId": d["id"]} for d in deployed]
        return out

    # -- calls ---------------------------------------------------------------------------
    def upload(self, loc: str, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        model = body.get("model")
        if not isinstance(model, dict):
            raise ApiError(400, "model is required.")
        check_display_name(model.get("displayName"), "model")
        labels = check_labels(model.get("labels"))
        spec = model.get("containerSpec") or {}
        if not spec.get("imageUri"):
            raise ApiError(400, "Model.containerSpec.imageUri is required for a custom model.")
        artifact = model.get("artifactUri")
        if artifact is not None and not str(artifact).startswith("gs://"):
            raise ApiError(400, f"Model.artifactUri must be a Cloud Storage URI (gs://...), got '{artifact}'.")
        aliases = [a for a in model.get("versionAliases") or [] if a != "default"]
        for a in aliases:
            if not ALIAS.match(a):
                raise ApiError(400, f"Invalid version alias '{a}': it must match [a-z][a-zA-Z0-9-]{{0,126}}[a-z0-9].")
        parent_model = body.get("parentModel") or query.get("parentModel")
        model_id = body.get("modelId") or query.get("modelId")
        if parent_model:
            name, _ = self.resolve(loc, parent_model)
            self._refuse_taken(name, aliases, None)
            if model_id:
                raise ApiError(400, "modelId cannot be set together with parentModel.")
        else:
            if model_id is None:
                model_id = "m" + self.state.next_id()
            if not MODEL_ID.match(model_id):
                raise ApiError(400, f"Invalid modelId '{model_id}': up to 63 characters of [a-z0-9_-], not starting with a number or hyphen.")
            name = f"{loc}/models/{model_id}"
            if name in self.models:
                raise ApiError(409, f"Model {name} already exists.")

        def finish() -> dict[str, Any]:
            if name not in self.models:
                self.models[name] = {"versions": {}, "next": 1, "default": "1"}
            m = self.models[name]
            vid = str(m["next"])
            m["next"] += 1
            stamp = now()
            version = {
                **{k: v for k, v in model.items() if k in ("displayName", "description", "artifactUri", "containerSpec", "versionDescription")},
                "versionAliases": aliases,
                "name": name,
                "versionId": vid,
                "labels": labels,
                "createTime": stamp,
                "updateTime": stamp,
                "versionCreateTime": stamp,
                "versionUpdateTime": stamp,
                "etag": f"e{self.state.next_id()}",
                "supportedDeploymentResourcesTypes": ["DEDICATED_RESOURCES"],
            }
            m["versions"][vid] = version
            if len(m["versions"]) == 1 or "default" in (model.get("versionAliases") or []):
                m["default"] = vid
            return {"model": name, "modelVersionId": vid}

        return self.state.start(loc, "UploadModelOperationMetadata", TYPE + "UploadModelResponse", finish)

    def _refuse_taken(self, name: str, aliases: list[str], vid: str | None) -> None:
        for other, v in self.models[name]["versions"].items():
            taken = set(aliases) & set(v.get("versionAliases", []))
            if other != vid and taken:
                raise ApiError(400, f"Version alias {', '.join(sorted(taken))} is already used by version {other} of Model {name}.")

    def merge_aliases(self, loc: str, ref: str, body: dict[str, Any]) -> dict[str, Any]:
        name, vid = self.resolve(loc, ref)
        merge = body.get("versionAliases") or []
        if not merge:
            raise ApiError(400, "versionAliases is required.")
        add = [a for a in merge if not a.startswith("-")]
        drop = {a[1:] for a in merge if a.startswith("-")}
        for a in add + sorted(drop):
            if not ALIAS.match(a) or a == "default":
                raise ApiError(400, f"Invalid version alias '{a}'.")
        self._refuse_taken(name, add, vid)
        version = self.models[name]["versions"][vid]
        version["versionAliases"] = sorted((set(version.get("versionAliases", [])) | set(add)) - drop)
        version["versionUpdateTime"] = now()
        return self.version_json(name, vid)

    def get(self, loc: str, ref: str) -> dict[str, Any]:
        name, vid = self.resolve(loc, ref)
        return self.version_json(name, vid)

    def list(self, loc: str, query: dict[str, str], label_filter: Any) -> dict[str, Any]:
        out = []
        for name, m in sorted(self.models.items()):
            if name.startswith(loc + "/"):
                v = self.version_json(name, m["default"])
                if label_filter(query.get("filter"), v.get("labels", {})):
                    out.append(v)
        return {"models": out} if out else {}

    def list_versions(self, loc: str, ref: str) -> dict[str, Any]:
        name, _ = self.resolve(loc, ref.partition("@")[0])
        return {"models": [self.version_json(name, vid) for vid in sorted(self.models[name]["versions"], key=int)]}

    def patch(self, loc: str, ref: str, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        name, vid = self.resolve(loc, ref)
        mask = [p for p in (query.get("updateMask") or "").split(",") if p]
        if not mask:
            raise ApiError(400, "updateMask is required.")
        version = self.models[name]["versions"][vid]
        for path in mask:
            if path == "labels":
                version["labels"] = check_labels(body.get("labels"))
            elif path in ("displayName", "description", "versionDescription"):
                version[path] = body.get(path, "")
            else:
                raise ApiError(400, f"Field '{path}' cannot be updated.")
        version["updateTime"] = now()
        return self.version_json(name, vid)

    def delete(self, loc: str, ref: str) -> dict[str, Any]:
        name, _ = self.resolve(loc, ref.partition("@")[0])
        self._refuse_deployed(name, None)

        def finish() -> None:
            self._refuse_deployed(name, None)
            self.models.pop(name, None)

        return self.state.start(name, "DeleteOperationMetadata", "type.googleapis.com/google.protobuf.Empty", finish)

    def delete_version(self, loc: str, ref: str) -> dict[str, Any]:
        name, vid = self.resolve(loc, ref)
        if self.models[name]["default"] == vid:
            raise precondition(f"Model version {name}@{vid} is the default version and cannot be deleted; delete the model instead.")
        self._refuse_deployed(name, vid)

        def finish() -> None:
            self.models[name]["versions"].pop(vid, None)

        return self.state.start(name, "DeleteOperationMetadata", "type.googleapis.com/google.protobuf.Empty", finish)

    def _refuse_deployed(self, name: str, vid: str | None) -> None:
        deployed = [d for d in self.deployments(name) if vid is None or d["version"] == vid]
        if deployed:
            where = ", ".join(sorted({d["endpoint"] for d in deployed}))
            raise precondition(
                f"The Model \"{name}\" is deployed or being deployed at the following Endpoint(s): {where}. Undeploy it first."
            )
