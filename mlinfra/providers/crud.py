"""``CrudProvider``: the base class provider authors subclass.

A provider is a ``CrudProvider`` with one ``Resource`` handler per kind (see
``resource``). The base class turns handlers into the request/response protocol, gives
each handler the provider's ``Context`` (never the provider itself), turns exceptions
into diagnostics carrying the resource address, and computes plans from a diff.

A subclass sets ``name``, ``protocol_version`` (the ``PROTOCOL_VERSION`` it was written
for; the core refuses another), ``resources`` and, when the provider block has
arguments, ``config_model``; ``configure_provider`` fills the context (clients, store).
A provider that reads data sources lists a ``DataSource`` handler per kind in
``data_sources``. A provider whose handlers are costly to import lists, for those kinds,
a light class in ``resources`` (the block, outputs and ``validate``) and names the
handler subclassing it in ``lazy_handlers`` ("module:Class"): the schema and validation
use the light class; the handler is imported the first time an object of the kind is
read, planned or changed.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, cast

from mlinfra import diagnostics as d
from mlinfra.diagnostics import Diagnostics
from mlinfra.providers.context import Context
from mlinfra.providers.protocol import (
    ApplyRequest,
    ApplyResponse,
    ConfigureRequest,
    ConfigureResponse,
    ImportRequest,
    ImportResponse,
    IntentRequest,
    IntentResponse,
    KindSchema,
    Locator,
    Pending,
    PlanRequest,
    PlanResponse,
    PollRequest,
    ProviderSchema,
    ReadDataRequest,
    ReadDataResponse,
    ReadRequest,
    ReadResponse,
    RecoverRequest,
    RecoverResponse,
    UpgradeStateRequest,
    UpgradeStateResponse,
    ValidateRequest,
    ValidateResponse,
)
from mlinfra.providers.resource import Resource, ResourceError, Steps, Wait, run_inline, step
from mlinfra.records import mutable
from mlinfra.shapes import ModelClass, check


@mutable
class _Running:
    """A handler's operation between two of its steps (the ``continuation`` of a
    pending ``ApplyResponse``)."""

    steps: Steps[dict[str, Any] | None]
    action: str
    address: str
    prior: dict[str, Any] | None
    private: dict[str, Any]
    locator: Locator


class DataSource:
    """The handler of one kind of data source (``data "KIND" "NAME"``). ``read`` gets
    the data source's arguments and returns the attributes of what matches them, or
    None when nothing does; it raises ``ResourceError`` (or any exception) on failure."""

    kind: ClassVar[str]

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def read(self, address: str, config: dict[str, Any]) -> dict[str, Any] | None:
        raise NotImplementedError

# Where the documentation tells provider authors how a portable kind maps to their cloud.
GUIDES = {"monitor": "docs/monitoring.md"}


class CrudProvider:
    """Base of every provider built from CRUD handlers."""

    name: ClassVar[str]
    protocol_version: ClassVar[int]
    config_model: ClassVar[ModelClass | None] = None
    context_class: ClassVar[type[Context]] = Context
    resources: ClassVar[tuple[type[Resource], ...]] = ()
    # kind -> "module:Class": the handler imported on first use (see the module's docstring).
    lazy_handlers: ClassVar[Mapping[str, str]] = {}
    data_sources: ClassVar[tuple[type[DataSource], ...]] = ()

    def __init__(self) -> None:
        self.ctx = self.context_class()
        self.handlers: dict[str, Resource] = {r.kind: r(self.ctx) for r in self.resources}
        self.data_handlers: dict[str, DataSource] = {s.kind: s(self.ctx) for s in self.data_sources}
        self._unloaded = {k: v for k, v in self.lazy_handlers.items() if k in self.handlers}
        self._loading = threading.Lock()

    @property
    def config(self) -> Any:
        """The validated provider block (``ctx.settings``)."""
        return self.ctx.settings

    @property
    def workdir(self) -> Path:
        return self.ctx.workdir

    # -- to override -------------------------------------------------------------------
    def configure_provider(self, config: Any) -> list[d.Diagnostic]:
        """Set up what handlers use (``self.ctx.clients = ...``); errors as diagnostics."""
        return []

    # -- protocol ----------------------------------------------------------------------
    def schema(self) -> ProviderSchema:
        return ProviderSchema(
            name=self.name,
            config=self.config_model,
            kinds={
                k: KindSchema(k, h.block, h.outputs, h.force_new, h.version) for k, h in self.handlers.items()
            },
            protocol_version=getattr(self, "protocol_version", 1),
        )

    def configure(self, req: ConfigureRequest) -> ConfigureResponse:
        resp = ConfigureResponse()
        self.ctx.workdir = req.workdir
        self.ctx.alias = req.alias
        self.ctx.workspace = req.workspace
        raw = {k: v for k, v in req.config.items() if k != "alias"}
        if self.config_model is not None:
            settings, errors = check(self.config_model, raw)
            if errors:
                for line in validation_lines(errors):
                    resp.diagnostics.add(d.error(f'Invalid provider "{self.name}" configuration', line))
                return resp
            self.ctx.settings = settings
        else:
            self.ctx.settings = raw
        try:
            resp.diagnostics.extend(self.configure_provider(self.ctx.settings))
        except Exception as e:  # noqa: BLE001 - turned into a diagnostic
            resp.diagnostics.add(d.error(f'Cannot configure provider "{self.name}"', _describe(e)))
        self.ctx.configured = not resp.diagnostics.has_errors
        return resp

    def _handler(self, kind: str, address: str, diags: Diagnostics, *, light: bool = False) -> Resource | None:
        """The handler of ``kind`` (None, with an error in ``diags``, when there is none);
        with ``light``, what validate needs of it, which may be the kind's light class."""
        if not light and kind in self._unloaded:
            try:
                return self._load(kind)
            except Exception as e:  # noqa: BLE001 - a broken installation, as a diagnostic
                summary = f'Provider "{self.name}" cannot load its {kind} handler'
                diags.add(_error_diag(e, summary, address))
                return None
        h = self.handlers.get(kind)
        if h is None:
            guide = f" {GUIDES[kind]} describes how it maps to each cloud." if kind in GUIDES else ""
            diags.add(
                d.error(
                    f'Provider "{self.name}" does not support {kind} yet',
                    f"{kind} is not supported by this provider yet.{guide} It supports: "
                    f"{', '.join(sorted(self.handlers))}.",
                    address=address,
                )
            )
        return h

    def _load(self, kind: str) -> Resource:
        """Import the handler ``lazy_handlers`` names for ``kind``, once."""
        with self._loading:
            target = self._unloaded.get(kind)
            if target is not None:
                module, _, name = target.partition(":")
                __import__(module)  # not importlib.import_module: ``python -X importtime`` shows this
                cls = getattr(sys.modules[module], name)
                light = type(self.handlers[kind])
                if not (isinstance(cls, type) and issubclass(cls, light)):
                    raise TypeError(f"{target}, the {kind} handler, is not a subclass of {light.__name__}")
                self.handlers[kind] = cls(self.ctx)
                del self._unloaded[kind]
            return self.handlers[kind]

    def validate(self, req: ValidateRequest) -> ValidateResponse:
        """The handler's own rules; the nested block was checked by the core."""
        resp = ValidateResponse()
        h = self._handler(req.kind, req.address, resp.diagnostics, light=True)
        if h is None:
            return resp
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
        state = req.attributes if req.id is None or req.attributes.get("id") == req.id else {**req.attributes, "id": req.id}
        try:
            resp.attributes = h.read(req.address, state)
        except Exception as e:  # noqa: BLE001
            resp.attributes = req.attributes
            resp.diagnostics.add(_error_diag(e, f"Cannot read {req.address}", req.address))
        return resp

    def import_resource(self, req: ImportRequest) -> ImportResponse:
        resp = ImportResponse(attributes=None)
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        try:
            resp.attributes = h.import_object(req.address, req.id)
        except Exception as e:  # noqa: BLE001
            resp.diagnostics.add(_error_diag(e, f"Cannot import {req.address}", req.address))
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

    def intent(self, req: IntentRequest) -> IntentResponse:
        resp = IntentResponse()
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        try:
            resp.locator = h.intent(req.address, req.planned)
        except Exception as e:  # noqa: BLE001
            resp.diagnostics.add(_error_diag(e, f"Cannot prepare to create {req.address}", req.address))
        return resp

    def recover(self, req: RecoverRequest) -> RecoverResponse:
        resp = RecoverResponse(attributes=None)
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        try:
            resp.attributes = h.recover(req.address, dict(req.locator))
        except Exception as e:  # noqa: BLE001
            resp.diagnostics.add(_error_diag(e, f"Cannot find what an interrupted create of {req.address} left", req.address))
        return resp

    def apply(self, req: ApplyRequest) -> ApplyResponse:
        resp = ApplyResponse(attributes=req.prior, private=dict(req.private))
        h = self._handler(req.kind, req.address, resp.diagnostics)
        if h is None:
            return resp
        try:
            with self.ctx.operation(req.progress, req.record, req.locator, req.redact):
                out: Any
                if req.action == "create":
                    out = h.create(req.address, req.config, req.planned)
                elif req.action == "update":
                    assert req.prior is not None
                    out = h.update(req.address, req.prior, req.config, req.planned)
                else:
                    assert req.prior is not None
                    out = h.delete(req.address, req.prior)
                if isinstance(out, types.GeneratorType):
                    running = _Running(cast(Steps[dict[str, Any] | None], out), req.action, req.address, req.prior, dict(req.private), dict(req.locator))
                    return self._resume(running, resp, req.deferrable)
                resp.attributes = None if req.action == "delete" else out
        except Exception as e:  # noqa: BLE001
            _failed(e, resp, req.action, req.address)
        return resp

    def poll(self, req: PollRequest) -> ApplyResponse:
        """Resume an operation ``apply`` answered as pending."""
        running = req.continuation
        if not isinstance(running, _Running):
            resp = ApplyResponse(attributes=None)
            resp.diagnostics.add(d.error("Cannot resume an operation", f"{req.address}: not one of this provider's."))
            return resp
        resp = ApplyResponse(attributes=running.prior, private=dict(running.private))
        try:
            with self.ctx.operation(req.progress, req.record, running.locator, req.redact):
                return self._resume(running, resp, True)
        except Exception as e:  # noqa: BLE001
            _failed(e, resp, running.action, running.address)
        return resp

    def _resume(self, running: _Running, resp: ApplyResponse, deferrable: bool) -> ApplyResponse:
        """Run a handler's steps up to its next ``Wait`` when the caller polls, else to
        the end (sleeping through each wait)."""
        wait: Wait | None = None
        if deferrable:
            wait, out = step(running.steps)
        else:
            out = run_inline(running.steps, self.ctx.progress)
        if wait is None:
            resp.attributes = None if running.action == "delete" else out
            return resp
        running.locator = self.ctx.locator
        resp.pending = Pending(wait.seconds, running, wait.status)
        return resp

    def upgrade_state(self, req: UpgradeStateRequest) -> UpgradeStateResponse:
        h = self._load(req.kind) if req.kind in self._unloaded else self.handlers.get(req.kind)
        if h is None:
            return UpgradeStateResponse(attributes=req.attributes)
        return UpgradeStateResponse(attributes=h.upgrade(req.version, req.attributes))

    def read_data(self, req: ReadDataRequest) -> ReadDataResponse:
        resp = ReadDataResponse(attributes=None)
        h = self.data_handlers.get(req.kind)
        if h is None:
            if not self.data_handlers:
                resp.diagnostics.add(d.error(
                    "Data sources not supported",
                    f"Data sources are not supported by the {self.name} provider yet. Pass the value "
                    "in as a variable, or read it with a provider that supports data sources.",
                    address=req.address,
                ))  # fmt: skip
            else:
                resp.diagnostics.add(d.error(
                    "Data source not supported",
                    f"The {self.name} provider does not read {req.kind} data sources yet; it reads "
                    f"{', '.join(sorted(self.data_handlers))}.",
                    address=req.address,
                ))  # fmt: skip
            return resp
        try:
            resp.attributes = h.read(req.address, dict(req.config))
        except Exception as e:  # noqa: BLE001
            resp.diagnostics.add(_error_diag(e, f"Cannot read {req.address}", req.address))
        return resp

    def close(self) -> None:
        return None


def _failed(e: Exception, resp: ApplyResponse, action: str, address: str) -> None:
    """An operation's exception as its response: the partial attributes the handler
    reported (nothing after a failed create) and the error."""
    if isinstance(e, ResourceError) and e.partial is not None:
        resp.attributes = e.partial
    elif action == "create":
        resp.attributes = None
    resp.diagnostics.add(_error_diag(e, f"Cannot {action} {address}", address))


def _describe(e: BaseException) -> str:
    return str(e) or type(e).__name__


def _error_diag(e: BaseException, summary: str, address: str) -> d.Diagnostic:
    if isinstance(e, ResourceError):
        return d.error(e.summary, e.detail, address=address, attribute=e.attribute)
    if isinstance(e, AssertionError | NotImplementedError | TypeError | AttributeError | KeyError):
        # A bug in the provider: keep the trace for the maintainers.
        import traceback  # with linecache and tokenize: only for a provider's bug

        detail = f"{type(e).__name__}: {e}\n\n" + "".join(traceback.format_exception(e)[-3:])
        return d.error(summary, detail, address=address)
    return d.error(summary, _describe(e), address=address)


def validation_lines(errors: list[dict[str, Any]]) -> list[str]:
    out = []
    for err in errors:
        loc = ".".join(str(x) for x in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "An argument by this name is not expected here."
        out.append(f"{loc}: {msg}" if loc else msg)
    return out
