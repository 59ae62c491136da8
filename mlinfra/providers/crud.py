"""The CRUD base class provider authors subclass.

A provider is a ``CrudProvider`` with one ``Resource`` handler per kind. A handler writes
``create``/``read``/``update``/``delete`` (and optionally ``find``, ``plan``, ``name``);
the base class turns them into the request/response protocol, validates the provider's
nested block with its pydantic model, turns exceptions into diagnostics carrying the
resource address, and computes plans from a diff.

Contract for handler authors:

- ``create(address, config, planned)`` returns the full attribute map (arguments plus
  outputs, including ``id``). Create is transactional: raise ``ResourceError`` (or any
  exception) and nothing must be left behind, or return partial attributes through
  ``ResourceError(partial=...)`` so the engine records what exists.
- ``read(address, state)`` returns the current attributes, or None when the object is
  gone. ``state["id"]`` is always set; the other attributes may be missing (an import,
  or an apply interrupted after the intent was recorded). It must not report fields that the service owns (autoscaled instance counts).
- ``update(address, prior, config, planned)`` returns the new attributes.
- ``delete(address, state)``: a failed delete means the object still exists.
- ``find(address)`` looks an object up by the address it was tagged with, for an apply
  that was interrupted between "create called" and "state saved".
- ``name(address, planned)`` is the name the object will get, recorded before create.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError

from mlinfra import diagnostics as d
from mlinfra.diagnostics import Diagnostics
from mlinfra.providers.protocol import (
    ApplyRequest,
    ApplyResponse,
    ConfigureRequest,
    ConfigureResponse,
    IntentRequest,
    KindSchema,
    PlanRequest,
    PlanResponse,
    ProviderSchema,
    ReadRequest,
    ReadResponse,
    UpgradeStateRequest,
    UpgradeStateResponse,
    ValidateRequest,
    ValidateResponse,
)
from mlinfra.values import UNKNOWN, changed_paths, contains_unknown, values_equal


class ResourceError(Exception):
    """A failure a handler reports: a summary, a detail (the service's own words) and,
    when something was created before the failure, the partial attributes."""

    def __init__(self, summary: str, detail: str = "", partial: dict[str, Any] | None = None) -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail
        self.partial = partial


class Resource:
    """A handler for one kind. Subclasses set the class variables and write CRUD."""

    kind: ClassVar[str]
    block: ClassVar[type[BaseModel] | None] = None
    outputs: ClassVar[tuple[str, ...]] = ("id",)
    # Outputs that stay the same through an in-place update.
    stable_outputs: ClassVar[tuple[str, ...]] = ("id",)
    force_new: ClassVar[frozenset[str]] = frozenset()
    version: ClassVar[int] = 0

    def __init__(self, provider: CrudProvider) -> None:
        self.provider = provider

    # -- to write ----------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        raise NotImplementedError

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        raise NotImplementedError

    def delete(self, address: str, state: dict[str, Any]) -> None:
        raise NotImplementedError

    # -- optional ----------------------------------------------------------------------
    def find(self, address: str) -> dict[str, Any] | None:
        return None

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        v = planned.get("id")
        return v if isinstance(v, str) else None

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        return []

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        """Default plan: arguments from config; outputs kept when nothing changed,
        UNKNOWN otherwise (the stable ones kept through an in-place update)."""
        return self.default_plan(prior, config)

    def upgrade(self, version: int, attributes: dict[str, Any]) -> dict[str, Any]:
        return attributes

    # -- helpers -----------------------------------------------------------------------
    def default_plan(
        self,
        prior: dict[str, Any] | None,
        config: dict[str, Any],
        *,
        changed: bool = False,
        reason: str | None = None,
        known: dict[str, Any] | None = None,
    ) -> PlanResponse:
        """Plan from a diff of the arguments. ``changed`` forces an update even when
        the arguments are equal (content changed behind the same URI); ``known``
        supplies outputs computable at plan time (a digest)."""
        planned = {k: v for k, v in config.items() if k not in self.outputs}
        known = known or {}
        if prior is None:
            for o in self.outputs:
                planned[o] = known.get(o, config.get(o, UNKNOWN))
            return PlanResponse(planned=planned, reason=reason)
        prior_args = {k: v for k, v in prior.items() if k not in self.outputs}
        arg_diff = [p for p in changed_paths(prior_args, planned)]
        replace = sorted({p[:1] for p in arg_diff if p and p[0] in self.force_new})
        replace_list = [tuple(p) for p in replace]
        for o, v in known.items():
            if not values_equal(prior.get(o), v):
                changed = True
        if not arg_diff and not changed:
            for o in self.outputs:
                planned[o] = prior.get(o)
            return PlanResponse(planned=planned)
        keep = () if replace_list else self.stable_outputs
        for o in self.outputs:
            planned[o] = known.get(o, prior.get(o) if o in keep else UNKNOWN)
        return PlanResponse(planned=planned, requires_replace=replace_list, reason=reason)


class CrudProvider:
    """Base of every provider: subclass, set ``name`` and ``resources`` and, when the
    provider block has arguments, ``config_model``; override ``configure_provider``."""

    name: ClassVar[str]
    config_model: ClassVar[type[BaseModel] | None] = None
    resources: ClassVar[tuple[type[Resource], ...]] = ()

    def __init__(self) -> None:
        self.handlers: dict[str, Resource] = {r.kind: r(self) for r in self.resources}
        # The engine applies resources in parallel threads: each apply reports progress
        # to its own resource's callback.
        self._applying = threading.local()
        self.config: Any = None
        self.workdir: Path = Path.cwd()
        self.alias: str | None = None
        self.workspace = "default"

    # -- to override -------------------------------------------------------------------
    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        return []

    # -- protocol ----------------------------------------------------------------------
    def schema(self) -> ProviderSchema:
        return ProviderSchema(
            name=self.name,
            config=self.config_model,
            kinds={
                k: KindSchema(k, h.block, h.outputs, h.force_new, h.version) for k, h in self.handlers.items()
            },
        )

    def configure(self, req: ConfigureRequest) -> ConfigureResponse:
        resp = ConfigureResponse()
        self.workdir = req.workdir
        self.alias = req.alias
        self.workspace = req.workspace
        raw = {k: v for k, v in req.config.items() if k != "alias"}
        if self.config_model is not None:
            try:
                self.config = self.config_model.model_validate(raw)
            except ValidationError as e:
                for line in _validation_lines(e):
                    resp.diagnostics.add(d.error(f'Invalid provider "{self.name}" configuration', line))
                return resp
        else:
            self.config = raw
        try:
            resp.diagnostics.extend(self.configure_provider(self.config))
        except Exception as e:  # noqa: BLE001 - turned into a diagnostic
            resp.diagnostics.add(d.error(f'Cannot configure provider "{self.name}"', _describe(e)))
        return resp

    def _handler(self, kind: str, address: str, diags: Diagnostics) -> Resource | None:
        h = self.handlers.get(kind)
        if h is None:
            diags.add(
                d.error(
                    f'Provider "{self.name}" does not support {kind}',
                    f"It supports: {', '.join(sorted(self.handlers))}.",
                    address=address,
                )
            )
        return h

    def validate(self, req: ValidateRequest) -> ValidateResponse:
        resp = ValidateResponse()
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        block = req.config.get(self.name)
        if h.block is not None and isinstance(block, dict) and not contains_unknown(block):
            try:
                h.block.model_validate(block)
            except ValidationError as e:
                for line in _validation_lines(e):
                    resp.diagnostics.add(
                        d.error(f"Invalid {self.name} block", line, address=req.address)
                    )
        elif h.block is None and block:
            resp.diagnostics.add(
                d.error(
                    f"Unexpected {self.name} block",
                    f"The {self.name} provider takes no settings for {req.kind}.",
                    address=req.address,
                )
            )
        try:
            resp.diagnostics.extend(h.validate(req.address, req.config))
        except Exception as e:  # noqa: BLE001
            resp.diagnostics.add(d.error("Validation failed", _describe(e), address=req.address))
        return resp

    def read(self, req: ReadRequest) -> ReadResponse:
        resp = ReadResponse(attributes=None, private=dict(req.private))
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        try:
            if req.id is None:
                resp.attributes = h.find(req.address)
            else:
                # An intent record or an import has an id but no attributes yet.
                state = req.attributes if req.attributes.get("id") == req.id else {**req.attributes, "id": req.id}
                resp.attributes = h.read(req.address, state)
        except Exception as e:  # noqa: BLE001
            resp.attributes = req.attributes
            resp.diagnostics.add(_error_diag(e, f"Cannot read {req.address}", req.address))
        return resp

    def plan(self, req: PlanRequest) -> PlanResponse:
        diags = Diagnostics()
        h = self._handler(req.kind, req.address, diags)
        if h is None:
            return PlanResponse(planned=dict(req.config), diagnostics=diags)
        try:
            return h.plan(req.address, req.prior, req.config)
        except Exception as e:  # noqa: BLE001
            diags.add(_error_diag(e, f"Cannot plan {req.address}", req.address))
            return PlanResponse(planned=dict(req.config), diagnostics=diags)

    def intent(self, req: IntentRequest) -> str | None:
        h = self.handlers.get(req.kind)
        if h is None:
            return None
        try:
            return h.name(req.address, req.planned)
        except Exception:  # noqa: BLE001 - an unknown name is recorded as unknown
            return None

    def apply(self, req: ApplyRequest) -> ApplyResponse:
        resp = ApplyResponse(attributes=req.prior, private=dict(req.private))
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        self._applying.progress = req.progress
        self._applying.redact = req.redact
        try:
            if req.action == "create":
                resp.attributes = h.create(req.address, req.config, req.planned)
            elif req.action == "update":
                assert req.prior is not None
                resp.attributes = h.update(req.address, req.prior, req.config, req.planned)
            else:
                assert req.prior is not None
                h.delete(req.address, req.prior)
                resp.attributes = None
        except Exception as e:  # noqa: BLE001
            if isinstance(e, ResourceError) and e.partial is not None:
                resp.attributes = e.partial
            elif req.action == "create":
                resp.attributes = None
            verb = {"create": "create", "update": "update", "delete": "delete"}[req.action]
            resp.diagnostics.add(_error_diag(e, f"Cannot {verb} {req.address}", req.address))
        finally:
            self._applying.progress = None
            self._applying.redact = None
        return resp

    def progress(self, message: str) -> None:
        """Report progress of a long operation (shown beside the resource)."""
        cb: Callable[[str], None] | None = getattr(self._applying, "progress", None)
        if cb is not None:
            cb(message)

    def redactor(self) -> Callable[[str], str]:
        """What takes the run's sensitive values out of a text, for what a provider
        writes down about the apply in progress on this thread (a log); it may be called
        from any thread. Outside an apply it changes nothing."""
        fn: Callable[[str], str] | None = getattr(self._applying, "redact", None)
        return fn if fn is not None else _unchanged

    def upgrade_state(self, req: UpgradeStateRequest) -> UpgradeStateResponse:
        h = self.handlers.get(req.kind)
        if h is None:
            return UpgradeStateResponse(attributes=req.attributes)
        return UpgradeStateResponse(attributes=h.upgrade(req.version, req.attributes))

    def close(self) -> None:
        return None


def _unchanged(text: str) -> str:
    return text


def _describe(e: BaseException) -> str:
    msg = str(e) or type(e).__name__
    return msg


def _error_diag(e: BaseException, summary: str, address: str) -> d.Diagnostic:
    if isinstance(e, ResourceError):
        return d.error(e.summary, e.detail, address=address)
    if isinstance(e, AssertionError | NotImplementedError | TypeError | AttributeError | KeyError):
        # A bug in the provider: keep the trace for the maintainers.
        detail = f"{type(e).__name__}: {e}\n\n" + "".join(traceback.format_exception(e)[-3:])
        return d.error(summary, detail, address=address)
    return d.error(summary, _describe(e), address=address)


def _validation_lines(e: ValidationError) -> list[str]:
    out = []
    for err in e.errors():
        loc = ".".join(str(x) for x in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "An argument by this name is not expected here."
        out.append(f"{loc}: {msg}" if loc else msg)
    return out
