"""The dataset kind on GCP: a Cloud Storage object or prefix, identified by content.

Nothing is created: the handler records the URI and a digest computed at plan time from
the objects' md5/crc32c checksums, so new data under the same name plans as a change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import datasets
from mlinfra.providers.protocol import PlanResponse
from mlinfra_provider_gcp import gcs
from mlinfra_provider_gcp.resource import GcpResource


class DatasetResource(GcpResource):
    kind: ClassVar[str] = "dataset"
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "uri")
    force_new: ClassVar[frozenset[str]] = frozenset({"source"})

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        return datasets.check_scheme(address, config, "gcp", "Cloud Storage", "gs://", "gs://bucket/object for an object or gs://bucket/prefix/ for a prefix")

    def _outputs(self, address: str, source: str) -> dict[str, Any]:
        digest = gcs.digest(self.gcp, source, address)
        return {"id": source, "uri": source, "digest": digest, "version": digest[:12]}

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
            live = self._outputs(address, source)
        except gcs.MissingData:
            return None
        if not state.get("digest"):
            # Import: the full attributes from what is there.
            return datasets.imported(source, live, gcp=None)
        # New content is not drift: the plan reports it as a change against the config.
        return dict(state)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        return None  # the data is not ours to delete

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        source = planned.get("source")
        return source if isinstance(source, str) else None
