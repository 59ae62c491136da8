"""The dataset kind on AWS: an S3 object or prefix, identified by content.

Nothing is created: the handler records the URI and a digest computed at plan time from
the object's checksum or ETag (for a prefix, a hash of the sorted keys and ETags), so
new data under the same key plans as a change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import datasets
from mlinfra.providers.protocol import PlanResponse
from mlinfra_provider_aws import s3
from mlinfra_provider_aws.resource import AwsResource


class DatasetResource(AwsResource):
    kind: ClassVar[str] = "dataset"
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "uri")
    force_new: ClassVar[frozenset[str]] = frozenset({"source"})

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        return datasets.check_scheme(address, config, "aws", "S3", "s3://", "s3://bucket/key for an object or s3://bucket/prefix/ for a prefix")

    def _outputs(self, address: str, source: str) -> dict[str, Any]:
        digest, version = s3.digest(self.aws, source, address)
        return {"id": source, "uri": source, "digest": digest, "version": version or digest[:12]}

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        return datasets.plan_by_content(self, prior, config, lambda source: self._outputs(address, source))

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        return self.attributes(config, self._outputs(address, config["source"]))

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        return self.create(address, config, planned)

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        source = state.get("source") or state.get("id")
        if not isinstance(source, str):
            return None
        try:
            self._outputs(address, source)
        except s3.MissingData:
            return None
        # New content is not drift: the plan reports it as a change against the config.
        return dict(state)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """The full attributes of the data at the URI ``object_id``."""
        try:
            live = self._outputs(address, object_id)
        except s3.MissingData:
            return None
        return datasets.imported(object_id, live)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        return None  # the data is not ours to delete

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        source = planned.get("source")
        return source if isinstance(source, str) else None
