"""Before diffing: what the planner learns from the state and the providers.

``moved`` renames are applied; ``import`` blocks' ids are evaluated; intents left by an
interrupted apply are resolved (the provider adopts what the recorded locator finds, or
removes it); every object
is refreshed, in parallel once reads turn out slow, and what changed outside mlinfra
becomes drift.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.addrs import Address
from mlinfra.config import expressions
from mlinfra.config.kinds import OBSERVED
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.logs import get_logger
from mlinfra.plans.evaluator import Evaluator
from mlinfra.plans.model import Action, ResourceChange
from mlinfra.providers.manager import ProviderManager
from mlinfra.providers.protocol import Locator, ReadRequest, RecoverRequest, UpgradeStateRequest
from mlinfra.states.model import ResourceState, State
from mlinfra.values import changed_paths

log = get_logger("mlinfra.plan")

# A refresh read slower than this is waiting on something (a network), or was only held
# up (its thread preempted on a busy machine, a first read importing what it uses).
# Reads go on in parallel threads once several of one provider's are slow, and most of
# that provider's so far.
SLOW_READ_SECONDS = 0.002
SLOW_READS_TO_GO_PARALLEL = 3


def go_parallel(slow: int, done: int) -> bool:
    """Whether the reads left go to threads, ``slow`` of the ``done`` reads one provider
    made so far having taken longer than ``SLOW_READ_SECONDS``: a provider reading a
    network is slow every time, where one reading local files is slow now and then (and
    a hand-off between threads costs more than its reads)."""
    return slow >= SLOW_READS_TO_GO_PARALLEL and 2 * slow > done


def _same_values(recorded: dict[str, Any], read: dict[str, Any]) -> bool:
    """True when ``read`` holds the very objects ``recorded`` does, key for key (a read
    that found the object as recorded, returning a copy of what it was given): nothing
    changed, since recorded values are plain JSON data, equal to themselves."""
    return recorded.keys() == read.keys() and all(read[k] is v for k, v in recorded.items())


# Where a "creating" record keeps the provider's locator (in its private data).
LOCATOR = "locator"


def locator_of(rec: ResourceState) -> Locator:
    """The locator an intent record holds; a record written before locators existed
    has the object's name as its id."""
    loc = rec.private.get(LOCATOR)
    if isinstance(loc, dict):
        return dict(loc)
    return {"name": rec.id} if rec.id else {}


def moved_address(a: Address, src: Address, dst: Address) -> Address | None:
    """Where a moved block from ``src`` to ``dst`` puts the instance ``a``; None when it
    does not name ``a``. Between modules (``module.a`` to ``module.b``) every instance
    inside moves, keeping its module key when the steps name none."""
    if src.is_module:
        n = len(src.module)
        if len(a.module) < n or a.module[: n - 1] != src.module[:-1]:
            return None
        last, mine = src.module[-1], a.module[n - 1]
        if mine == last:
            tail = dst.module[-1]
        elif "[" not in last and mine.split("[", 1)[0] == last and "[" not in dst.module[-1]:
            tail = dst.module[-1] + mine[len(last) :]
        else:
            return None
        return Address(a.kind, a.name, a.key, (*dst.module[:-1], tail, *a.module[n:]))
    if a.resource == src.resource and (src.key is None or a == src):
        return Address(dst.kind, dst.name, a.key if src.key is None else dst.key, dst.module)
    return None


class Refresher:
    """What the planner learns before diffing, kept apart from the diff itself.

    It works on the planner's copy of the state (renaming, adopting and dropping records
    in place) and reports into the planner's diagnostics; ``moved_from`` and ``imports``
    are what the planner reads back.
    """

    def __init__(
        self,
        config: Config,
        state: State,
        providers: ProviderManager,
        ev: Evaluator,
        diags: Diagnostics,
        provider_for: Callable[[str], Any],
        parallelism: int,
    ) -> None:
        self.config = config
        self.state = state
        self.providers = providers
        self.ev = ev
        self.diags = diags
        self.provider_for = provider_for
        self.parallelism = parallelism
        # New address -> the address a moved block renamed it from.
        self.moved_from: dict[str, str] = {}
        # Address -> the id an import block adopts there.
        self.imports: dict[str, Any] = {}

    def apply_moved(self) -> None:
        for mv in self.config.moved:
            for addr in list(self.state.resources):
                new = moved_address(addrs.of(addr), mv.from_addr, mv.to_addr)
                if new is not None:
                    if str(new) in self.state.resources:
                        self.diags.add(
                            d.warning(
                                "Moved object still exists",
                                f"{new} already exists in state, so {addr} was not moved.",
                                mv.range,
                            )
                        )
                        continue
                    rec = self.state.resources.pop(addr)
                    rec.address = str(new)
                    self.state.resources[str(new)] = rec
                    self.moved_from[str(new)] = addr
                    log.debug("moved %s -> %s", addr, new)

    def resolve_intents(self) -> None:
        for addr, rec in list(self.state.resources.items()):
            if rec.status != "creating":
                continue
            p = self.provider_for(rec.provider)
            if p is None:
                continue
            resp = p.recover(RecoverRequest(rec.kind, addr, locator_of(rec)))
            self.diags.extend(resp.diagnostics)
            if resp.diagnostics.has_errors:
                continue
            if resp.attributes is None:
                log.debug("%s: interrupted create left nothing behind", addr)
                if rec.deposed:
                    rec.attributes, rec.id = {}, None
                else:
                    del self.state.resources[addr]
            else:
                log.debug("%s: interrupted create found %s; adopting it", addr, resp.attributes.get("id"))
                rec.attributes = resp.attributes
                rec.id = _id_of(resp.attributes, rec.id)
                rec.private = resp.private
                rec.status = "ready"

    def collect_imports(self) -> None:
        for imp in self.config.imports:
            try:
                v = expressions.evaluate(imp.id, self.ev.scope())
            except DiagnosticsError as e:
                self.diags.extend(e.diagnostics)
                continue
            if str(imp.to.resource) not in self.config.resources:
                self.diags.add(
                    d.error(
                        "Import to undeclared resource",
                        f"Declare {imp.to.resource} before importing into it.",
                        imp.range,
                    )
                )
                continue
            self.imports[str(imp.to)] = v

    def refresh(self) -> list[ResourceChange]:
        recs = [r for r in self.state.resources.values() if r.status != "creating" and r.attributes]
        if not recs:
            return []

        def one(rec: ResourceState) -> tuple[ResourceState, dict[str, Any] | None, Diagnostics]:
            p = self.providers.get(rec.provider, self.ev.scope)
            attrs = rec.attributes
            if rec.schema_version < self.providers.schema_version(rec.provider, rec.kind):
                up = p.upgrade_state(UpgradeStateRequest(rec.kind, rec.schema_version, attrs))
                attrs = up.attributes
            resp = p.read(ReadRequest(rec.kind, rec.address, rec.id, attrs, rec.private))
            if resp.diagnostics.has_errors:
                return rec, attrs, resp.diagnostics
            return rec, resp.attributes, resp.diagnostics

        # Configure providers up front, serially, so errors are reported once.
        for key in sorted({r.provider for r in recs}):
            self.provider_for(key)
        if self.diags.has_errors:
            return []
        workers = max(1, min(self.parallelism, len(recs)))
        # Read in this thread while reads are cheap (a provider reading local files): a
        # hand-off between threads would cost more than the read. Once reads turn out to
        # be slow (a cloud API; see go_parallel), the rest are read in parallel.
        results = []
        rest: list[ResourceState] = []
        slow: Counter[str] = Counter()
        done: Counter[str] = Counter()
        for i, rec in enumerate(recs):
            started = time.perf_counter()
            results.append(one(rec))
            done[rec.provider] += 1
            # Threads pay only with two reads or more left to overlap: the last read
            # alone would wait for a worker as long as it waits here.
            if workers > 1 and len(recs) - i > 2 and time.perf_counter() - started > SLOW_READ_SECONDS:
                slow[rec.provider] += 1
                if go_parallel(slow[rec.provider], done[rec.provider]):
                    rest = recs[i + 1 :]
                    break
        if rest:
            # concurrent.futures imports logging: only a refresh that goes to threads pays it.
            from concurrent.futures import ThreadPoolExecutor

            # Small batches: fewer hand-offs when most reads turn out cheap after all.
            size = max(1, len(rest) // (workers * 8))
            batches = [rest[i : i + size] for i in range(0, len(rest), size)]

            with ThreadPoolExecutor(workers) as pool:
                results += [r for batch in pool.map(lambda b: [one(r) for r in b], batches) for r in batch]
        drift: list[ResourceChange] = []
        for rec, attrs, diags in results:
            self.diags.extend(diags)
            if attrs is None:
                drift.append(self._drift(rec, None))
                log.debug("%s: gone (deleted outside mlinfra)", rec.address)
                if rec.deposed:
                    rec.attributes, rec.id, rec.status = {}, None, "creating"
                else:
                    del self.state.resources[rec.address]
            elif not _same_values(rec.attributes, attrs) and (changed := list(changed_paths(rec.attributes, attrs))):
                # What a monitor observes (its status, its last run) changes by design:
                # recorded, never reported as a change made outside mlinfra.
                observed = OBSERVED.get(rec.kind, ())
                if any(not p or p[0] not in observed for p in changed):
                    drift.append(self._drift(rec, attrs))
                rec.attributes = attrs
                rec.id = _id_of(attrs, rec.id)
        return drift

    def _drift(self, rec: ResourceState, after: dict[str, Any] | None) -> ResourceChange:
        change = from_record(rec, Action.DELETE if after is None else Action.UPDATE, rec.attributes, after)
        change.after_sensitive = list(change.before_sensitive)
        change.dependencies = []
        return change


def from_record(
    rec: ResourceState, action: Action, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> ResourceChange:
    """A change of an object known only from state (drift, orphan, deposed)."""
    a = rec.addr
    return ResourceChange(
        address=rec.address,
        kind=rec.kind,
        name=a.name,
        index=a.key,
        provider=rec.provider,
        action=action,
        before=before,
        after=after,
        before_sensitive=[tuple(p) for p in rec.sensitive_paths],
        dependencies=list(rec.dependencies),
        schema_version=rec.schema_version,
    )


def _id_of(attrs: dict[str, Any], default: str | None) -> str | None:
    v = attrs.get("id")
    return str(v) if v is not None else default
