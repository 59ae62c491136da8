"""Reading data sources while planning and applying.

A data source is read the first time an expression refers to it (``data.model.m``),
with the evaluator's values at that moment: the resources it depends on come earlier
in the graph (``config.data_blocks.attach`` makes every reader depend on them), so
their planned values are there. Arguments that are not known until apply defer the
read, and its attributes are UNKNOWN in the plan ("known after apply"), as in
Terraform; apply reads it when something needs it, or at the end. What was read is
recorded in the state, ``mode = "data"``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.config import bodies, expressions
from mlinfra.config.data_blocks import DATA_KINDS, DataBlock, describe_query, placeholder
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.plans.model import DataRead
from mlinfra.providers.protocol import ReadDataRequest
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown, unmark

if TYPE_CHECKING:  # validate evaluates data.* as placeholders and reads no state
    from mlinfra.providers.manager import ProviderManager
    from mlinfra.states.model import State

_PENDING: Any = object()


class DataValues(dict[str, Any]):
    """``data.KIND.NAME`` for expressions: KIND -> NAME -> attributes, each read on first
    use by ``reader`` (UNKNOWN placeholders when there is none, as in validate)."""

    def __init__(self, blocks: dict[str, DataBlock]) -> None:
        super().__init__()
        self.reader: DataReader | None = None
        for b in blocks.values():
            self.setdefault(b.kind, _KindValues(self, b.kind))[b.name] = _PENDING


class _KindValues(dict[str, Any]):
    def __init__(self, owner: DataValues, kind: str) -> None:
        super().__init__()
        self.owner = owner
        self.kind = kind

    def __getitem__(self, name: str) -> Any:
        value = super().__getitem__(name)
        if value is not _PENDING:
            return value
        reader = self.owner.reader
        if reader is None:
            return placeholder(self.kind)
        value = reader.read(self.kind, name)
        if not reader.reading:
            super().__setitem__(name, value)
        return value

    def forget(self, name: str) -> None:
        super().__setitem__(name, _PENDING)


class DataReader:
    """Reads the data sources of one plan or apply; ``reads`` is what it did."""

    def __init__(
        self,
        ev: Any,
        providers: ProviderManager,
        diags: Diagnostics,
        *,
        known: list[DataRead] | None = None,
        at_apply: bool = False,
        pending: Callable[[str], bool] | None = None,
    ) -> None:
        self.ev = ev
        # Whether a resource (KIND.NAME) has changes planned: a data source whose
        # depends_on names one is read during apply, as in Terraform.
        self.pending = pending or (lambda key: False)
        self.config = ev.config
        self.providers = providers
        self.diags = diags
        self.at_apply = at_apply
        self.known = {r.address: r for r in known or [] if not r.deferred}
        self.reads: dict[str, DataRead] = {}
        self.reading: list[str] = []
        # Apply's walk evaluates in several threads: one read at a time (a read may
        # need another data source first, in the same thread).
        self.lock = threading.RLock()
        ev.data.reader = self

    def read(self, kind: str, name: str) -> dict[str, Any]:
        with self.lock:
            return self._lookup(kind, name)

    def _lookup(self, kind: str, name: str) -> dict[str, Any]:
        block: DataBlock = self.config.data[f"{kind}.{name}"]
        addr = block.address
        done = self.reads.get(addr)
        if done is not None:
            return done.attributes if done.attributes is not None else placeholder(kind, done.config)
        if addr in self.known:
            self.reads[addr] = self.known[addr]
            return self.known[addr].attributes or placeholder(kind)
        if addr in self.reading:
            chain = " -> ".join([*self.reading[self.reading.index(addr):], addr])
            self.diags.add(d.error("Cycle in data sources", f"Data sources refer to each other in a cycle: {chain}.",
                                   block.range, context=block.context))  # fmt: skip
            return placeholder(kind)
        self.reading.append(addr)
        try:
            return self._read(block)
        finally:
            self.reading.pop()

    def _read(self, block: DataBlock) -> dict[str, Any]:
        addr, kind = block.address, block.kind
        errors = len(self.diags.errors)
        config: dict[str, Any] = {}
        for arg, attr in block.body.attributes.items():
            if arg == "depends_on":
                continue
            try:
                value = expressions.evaluate(attr.expr, self.ev.scope())
            except DiagnosticsError as e:
                self.diags.extend(x.with_defaults(context=block.context) for x in e.diagnostics)
                continue
            plain = value.value if isinstance(value, Sensitive) else value
            if plain is not UNKNOWN and plain is not None and not isinstance(plain, str):
                self.diags.add(d.error("Invalid argument value",
                                       f'The argument "{arg}" of a {kind} data source must be a string.',
                                       attr.range, context=block.context))  # fmt: skip
                continue
            config[arg] = plain
        if len(self.diags.errors) > errors:
            return placeholder(kind, config)
        waits = sorted(k for k in block.depends_on if self.pending(k)) if not self.at_apply else []
        if not self.at_apply and (contains_unknown(config) or waits):
            why = (f"depends on a resource with changes pending: {', '.join(waits)}" if waits
                   else "config refers to values not yet known")  # fmt: skip
            self.reads[addr] = DataRead(addr, kind, block.name, block.provider, config, None, deferred=True, reason=why)
            return placeholder(kind, config)
        try:
            provider = self.providers.get(block.provider, self.ev.scope, block.provider_range)
        except DiagnosticsError as e:
            self.diags.extend(e.diagnostics)
            return placeholder(kind, config)
        read_data = getattr(provider, "read_data", None)
        if read_data is None:
            self.diags.add(d.error("Data sources not supported",
                                   f"Data sources are not supported by the {block.provider} provider yet.",
                                   block.range, address=addr, context=block.context))  # fmt: skip
            return placeholder(kind, config)
        plain_config, _ = unmark(config)
        resp = read_data(ReadDataRequest(kind, addr, plain_config))
        for x in resp.diagnostics:
            self.diags.add(bodies.locate(x, block.body, block.range, block.context).with_defaults(address=addr))
        if resp.diagnostics.has_errors:
            return placeholder(kind, config)
        if resp.attributes is None:
            self.diags.add(d.error(f"No {kind} found",
                                   f"{addr}: the {block.provider} provider found no {kind} matching "
                                   f"{describe_query(plain_config)}. Check the arguments, or create the "
                                   f"{kind} first.", block.range, address=addr, context=block.context))  # fmt: skip
            return placeholder(kind, config)
        spec = DATA_KINDS[kind]
        value = {**dict.fromkeys((*spec.required, *spec.optional, *spec.attributes)), **plain_config, **resp.attributes}
        self.reads[addr] = DataRead(addr, kind, block.name, block.provider, plain_config, value)
        return value

    def read_all(self) -> None:
        """Read every data source nothing has asked for yet (outputs and checks may)."""
        for key in sorted(self.config.data):
            kind, name = key.split(".", 1)
            self.ev.data[kind][name]  # noqa: B018 - reading is the point

    def results(self) -> list[DataRead]:
        return [self.reads[a] for a in sorted(self.reads)]


def attach(ev: Any, providers: ProviderManager, diags: Diagnostics, known: list[DataRead] | None = None,
           *, at_apply: bool = False, pending: Callable[[str], bool] | None = None) -> DataReader | None:  # fmt: skip
    """A reader for ``ev``'s data sources; None when the configuration declares none."""
    if not ev.config.data:
        return None
    return DataReader(ev, providers, diags, known=known, at_apply=at_apply, pending=pending)


def record(state: State, reads: list[DataRead], destroying: bool) -> bool:
    """Put what was read into ``state`` (data sources no longer read are dropped, and a
    destroy drops them all); True when the state changed."""
    from mlinfra.states.model import ResourceState

    new = {} if destroying else {
        r.address: ResourceState(address=r.address, kind=r.kind, provider=r.provider,
                                 id=str(r.attributes.get("id")) if r.attributes.get("id") is not None else None,
                                 attributes=r.attributes, mode="data")
        for r in reads if r.attributes is not None
    }  # fmt: skip
    if {k: v.to_json() for k, v in new.items()} == {k: v.to_json() for k, v in state.data.items()}:
        return False
    state.data = new
    return True


def save(backend: Any, reads: list[DataRead], destroying: bool) -> None:
    """Record what was read in the backend's state, when that changes it (a destroy
    forgets every read)."""
    state = backend.read()
    if not state.data and not reads:
        return
    if record(state, reads, destroying):
        backend.write(state)


def finish(reader: DataReader, backend: Any) -> Diagnostics:
    """After an apply's walk: read what was deferred and nothing asked for, and record
    every read in the state; the diagnostics of the reads."""
    reader.read_all()
    save(backend, reader.results(), destroying=False)
    return reader.diags
