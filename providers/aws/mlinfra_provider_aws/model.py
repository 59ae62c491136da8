"""The model kind on AWS: a SageMaker Model, plus a model package in a model package
group when ``registry`` is set.

SageMaker models are immutable, so a new artifact (URI or content), image, framework
or container setting is a replacement under a new generated name (resource name plus a
content hash). A registry stage change is an in-place approval-status update.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_aws import images, naming, registry, s3
from mlinfra_provider_aws.config import ModelBlock, parse_block
from mlinfra_provider_aws.resource import AwsResource


class ModelResource(AwsResource):
    kind: ClassVar[str] = "model"
    block: ClassVar[type[ModelBlock]] = ModelBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "digest")
    force_new: ClassVar[frozenset[str]] = frozenset(
        {"artifact", "framework", "framework_version", "image", "aws"}
    )

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = []
        reg = config.get("registry")
        if isinstance(reg, dict) and isinstance(reg.get("stage"), str):
            try:
                registry.approval_status(reg["stage"])
            except ValueError as e:
                out.append(d.error("Unsupported registry stage", str(e), address=address))
        fw = config.get("framework")
        if not config.get("image") and isinstance(fw, str):
            try:
                images.framework_image(fw, None, "us-east-1")
            except ValueError as e:
                out.append(d.error("No serving image", str(e), address=address))
        return out

    # -- identity ------------------------------------------------------------------------
    def _digest(self, address: str, artifact: Any) -> Any:
        if contains_unknown(artifact) or not isinstance(artifact, str):
            return UNKNOWN
        if artifact.startswith("s3://"):
            return s3.digest(self.aws, artifact, address)[0]
        path = s3.local_path(artifact)
        if not path.is_absolute():
            path = self.ctx.workdir / path
        if not path.is_file():
            raise ResourceError(f"No model artifact at {artifact}", f"{path} is not a file.")
        return s3.file_sha256(path)

    def _image(self, config: dict[str, Any]) -> str:
        if config.get("image"):
            return str(config["image"])
        fw = config.get("framework")
        if not fw:
            raise ResourceError("No serving image", "Set `image`, or `framework` to one of: " + ", ".join(images.KNOWN))
        try:
            return images.framework_image(fw, config.get("framework_version"), self.aws.region)
        except ValueError as e:
            raise ResourceError("No serving image", str(e)) from e

    def _model_name(self, address: str, config: dict[str, Any], digest: Any) -> str | None:
        block = config.get("aws") or {}
        base = naming.base_name(address, block.get("name") if isinstance(block, dict) else None)
        identity = {
            "artifact": config.get("artifact"),
            "digest": digest,
            "image": config.get("image"),
            "framework": config.get("framework"),
            "framework_version": config.get("framework_version"),
            "aws": block,
        }
        return naming.hashed_name(base, identity)

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._model_name(address, planned, planned.get("digest"))

    # -- plan ----------------------------------------------------------------------------
    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        digest = self._digest(address, config.get("artifact"))
        known: dict[str, Any] = {} if digest is UNKNOWN else {"digest": digest}
        name = self._model_name(address, config, digest)
        if name is not None:
            known["id"] = name  # the name is a content hash: known before create
        resp = self.default_plan(prior, config, known=known)
        if prior is None:
            return resp
        replace = list(resp.requires_replace)
        if digest is not UNKNOWN and prior.get("digest") != digest and ("artifact",) not in replace:
            replace.append(("artifact",))
            resp.reason = "artifact content changed"
        prior_group = (prior.get("registry") or {}).get("group")
        new_group = (config.get("registry") or {}).get("group")
        if prior_group and new_group not in (None, prior_group):
            replace.append(("registry", "group"))
        if replace:
            for o in self.outputs:
                resp.planned[o] = known.get(o, UNKNOWN)
        elif prior_group == new_group:
            # An approval change keeps the package (and a model without one its ARN).
            resp.planned["uri"] = prior.get("uri")
            resp.planned["version"] = prior.get("version")
        resp.requires_replace = replace
        return resp

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(ModelBlock, config)
        artifact = config["artifact"]
        digest = self._digest(address, artifact)
        name = self._model_name(address, config, digest)
        assert name is not None
        image = self._image(config)
        data_url = artifact
        if not artifact.startswith("s3://"):
            path = s3.local_path(artifact)
            data_url = s3.upload(self.aws, path if path.is_absolute() else self.ctx.workdir / path, self.settings.artifact_bucket, address)
        existing = self.aws.try_call("sagemaker", "describe_model", address, ModelName=name)
        if existing is None:
            container: dict[str, Any] = {"Image": image, "ModelDataUrl": data_url}
            if block.environment:
                container["Environment"] = dict(block.environment)
            self.aws.call(
                "sagemaker",
                "create_model",
                address,
                ModelName=name,
                PrimaryContainer=container,
                ExecutionRoleArn=self.role(block.execution_role_arn, address),
                Tags=self.tags(address, config),
            )
            model_arn = self.aws.call("sagemaker", "describe_model", address, ModelName=name)["ModelArn"]
        elif not self.tagged(existing["ModelArn"], address):
            raise ResourceError(
                f"A SageMaker model named {name} already exists",
                f"It is not tagged as {address}; import it or remove it.",
            )
        else:
            model_arn = existing["ModelArn"]  # left by an interrupted apply: adopt it
        outputs = {"id": name, "digest": digest, "uri": model_arn, "version": None}
        reg = config.get("registry")
        if reg:
            try:
                pkg = registry.register(self.aws, address, reg, image, data_url, name, self.tags(address, config))
            except Exception as e:
                self.aws.try_call("sagemaker", "delete_model", address, ModelName=name)
                raise e
            outputs.update(uri=pkg["arn"], version=pkg["version"])
        return self.attributes(config, outputs)

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        live = self.aws.try_call("sagemaker", "describe_model", address, ModelName=name)
        if live is None:
            return None
        out = dict(state)
        reg = state.get("registry")
        uri = state.get("uri")
        if reg and isinstance(uri, str) and ":model-package/" in uri:
            pkg = self.aws.try_call("sagemaker", "describe_model_package", address, ModelPackageName=uri)
            if pkg is None:
                out["registry"] = None  # the package is gone: the plan registers it again
            else:
                out["registry"] = {**reg, "stage": registry.stage_of(pkg.get("ModelApprovalStatus"), reg.get("stage"))}
        return out

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        live = self.aws.try_call("sagemaker", "describe_model", address, ModelName=object_id)
        return None if live is None else self._imported(address, live)

    def _imported(self, address: str, live: dict[str, Any]) -> dict[str, Any]:
        container = live.get("PrimaryContainer") or (live.get("Containers") or [{}])[0]
        artifact = container.get("ModelDataUrl")
        digest = None
        if isinstance(artifact, str) and artifact.startswith("s3://"):
            try:
                digest = s3.digest(self.aws, artifact, address)[0]
            except s3.MissingData:
                digest = None
        tags = self.aws.call("sagemaker", "list_tags", address, ResourceArn=live["ModelArn"]).get("Tags", [])
        config = {
            "artifact": artifact,
            "framework": None,
            "framework_version": None,
            "image": container.get("Image"),
            "registry": None,
            "tags": naming.user_tags(tags, self.settings.default_tags),
        }
        return self.attributes(config, {"id": live["ModelName"], "digest": digest, "uri": live["ModelArn"], "version": None})

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        name = prior["id"]
        model_arn = self.aws.call("sagemaker", "describe_model", address, ModelName=name)["ModelArn"]
        self.retag(address, model_arn, prior.get("tags") or {}, config)
        outputs = {o: prior.get(o) for o in self.outputs}
        old, new = prior.get("registry"), config.get("registry")
        old_pkg = prior.get("uri") if old and ":model-package/" in str(prior.get("uri")) else None
        if new and old_pkg and old and old.get("group") == new.get("group"):
            self.aws.call(
                "sagemaker",
                "update_model_package",
                address,
                ModelPackageArn=old_pkg,
                ModelApprovalStatus=registry.approval_status(new.get("stage")),
            )
        elif new:
            live = self.aws.call("sagemaker", "describe_model", address, ModelName=name)
            container = live.get("PrimaryContainer") or {}
            pkg = registry.register(
                self.aws, address, new, container.get("Image", ""), container.get("ModelDataUrl", ""), name, self.tags(address, config)
            )
            outputs.update(uri=pkg["arn"], version=pkg["version"])
        else:
            if old_pkg:
                registry.unregister(self.aws, address, old_pkg)
            outputs.update(uri=model_arn, version=None)
        return self.attributes(config, outputs)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        uri = state.get("uri")
        if isinstance(uri, str) and ":model-package/" in uri:
            registry.unregister(self.aws, address, uri)
        if isinstance(state.get("id"), str):
            self.aws.try_call("sagemaker", "delete_model", address, ModelName=state["id"])

    def find(self, address: str) -> dict[str, Any] | None:
        base = naming.base_name(address)
        resp = self.aws.call("sagemaker", "list_models", address, NameContains=base, MaxResults=100)
        for m in resp.get("Models", []):
            if m["ModelName"].startswith(base + "-") and self.tagged(m["ModelArn"], address):
                return self.import_object(address, m["ModelName"])
        return None
