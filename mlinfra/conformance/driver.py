"""A stand-in for the engine in a provider's own tests: configure, plan, apply and read
through the provider protocol, with the portable defaults filled in as the engine fills
them. Each cloud provider's test driver subclasses it and adds the clients it uses to
look behind the provider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlinfra.config.kinds import KIND_MODELS
from mlinfra.providers.protocol import (
    ApplyRequest,
    ConfigureRequest,
    ImportRequest,
    PlanRequest,
    PlanResponse,
    ReadDataRequest,
    ReadDataResponse,
    ReadRequest,
    RecoverRequest,
)


def full(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """The configuration the engine sends: portable defaults filled in, nested provider
    blocks passed through as written."""
    model = KIND_MODELS[kind]
    blocks = {k: v for k, v in args.items() if k not in model.model_fields}
    core = {k: v for k, v in args.items() if k in model.model_fields}
    return {**model.model_validate(core).model_dump(), **blocks}


class ApplyFailed(AssertionError):
    """A plan or apply answered with errors; ``diagnostics`` holds them."""

    def __init__(self, resp: Any) -> None:
        self.resp = resp
        self.diagnostics = resp.diagnostics.items
        super().__init__("; ".join(f"{d.summary}: {d.detail}" for d in self.diagnostics))


class ProviderDriver:
    """Configures ``provider`` and calls it the way the engine does. Retry back-off is cut
    to a millisecond when the provider's clients have one, so throttling tests stay quick."""

    def __init__(self, provider: Any, config: dict[str, Any], workdir: Path) -> None:
        self.workdir = workdir
        self.provider = provider
        self.progress: list[str] = []
        resp = provider.configure(ConfigureRequest(config=config, workdir=workdir))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        assert provider.clients is not None
        provider.clients.backoff.base = 0.001

    def plan(self, kind: str, address: str, prior: dict[str, Any] | None, args: dict[str, Any]) -> PlanResponse:
        resp: PlanResponse = self.provider.plan(PlanRequest(kind, address, prior, full(kind, args)))
        if resp.diagnostics.has_errors:
            raise ApplyFailed(resp)
        return resp

    def apply(
        self, kind: str, address: str, action: str, prior: dict[str, Any] | None, planned: dict[str, Any], config: dict[str, Any]
    ) -> dict[str, Any] | None:
        resp = self.provider.apply(
            ApplyRequest(kind, address, action, prior, planned, config, progress=self.progress.append)  # type: ignore[arg-type]
        )
        if resp.diagnostics.has_errors:
            raise ApplyFailed(resp)
        return resp.attributes  # type: ignore[no-any-return]

    def create(self, kind: str, address: str, args: dict[str, Any]) -> dict[str, Any]:
        planned = self.plan(kind, address, None, args).planned
        attrs = self.apply(kind, address, "create", None, planned, full(kind, args))
        assert attrs is not None
        return attrs

    def change(self, kind: str, address: str, prior: dict[str, Any], args: dict[str, Any]) -> tuple[PlanResponse, dict[str, Any]]:
        """Plan and apply a change: in place, or create-before-destroy when replaced."""
        plan = self.plan(kind, address, prior, args)
        if plan.requires_replace:
            attrs = self.apply(kind, address, "create", None, plan.planned, full(kind, args))
            self.apply(kind, address, "delete", prior, {}, prior)
        else:
            attrs = self.apply(kind, address, "update", prior, plan.planned, full(kind, args))
        assert attrs is not None
        return plan, attrs

    def read(self, kind: str, address: str, attrs: dict[str, Any], id: str | None = None) -> dict[str, Any] | None:
        """A refresh; with no attributes, an import of ``id`` or (no id) the recovery of
        an interrupted create."""
        resp: Any
        if not attrs and id is not None:
            resp = self.provider.import_resource(ImportRequest(kind, address, id))
        elif not attrs:
            resp = self.provider.recover(RecoverRequest(kind, address, {}))
        else:
            resp = self.provider.read(ReadRequest(kind, address, id if id is not None else attrs.get("id"), attrs))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        return resp.attributes  # type: ignore[no-any-return]

    def delete(self, kind: str, address: str, attrs: dict[str, Any]) -> None:
        self.apply(kind, address, "delete", attrs, {}, attrs)

    def read_data(self, kind: str, address: str, config: dict[str, Any]) -> ReadDataResponse:
        """A data source's read, as the engine asks for it while planning."""
        resp: ReadDataResponse = self.provider.read_data(ReadDataRequest(kind, address, config))
        return resp
