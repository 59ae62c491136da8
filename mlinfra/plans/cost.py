"""What a plan costs: $/hour and $/month of each endpoint variant, before and after, and
$ per run of each pipeline.

Prices come from data files shipped in the package (``mlinfra/plans/prices/CLOUD.json``),
one per cloud, each versioned and dated and naming the region and service it prices:
SageMaker real-time inference instance types, Vertex AI prediction machine types, Azure
ML managed online instance types. The local provider costs nothing. An instance type
missing from the table, a provider with no table, or an instance type known only after
apply gives "no price known", never a guess. With autoscaling the instance count is the
range min..max, and so is the cost.

A pipeline run costs, for each step, the instance type's hourly price x instance count x
the expected duration. The duration is the bound the provider enforces on one step
(the table's ``pipeline.duration_field`` in the provider block, e.g. SageMaker's
``max_runtime``, or its default), so the figure is an upper bound: "up to $X per run".
A provider with no such bound gives "no price known". Pipelines run when their
definition or inputs change, never on a schedule, so run costs are one-off: they are
shown, and left out of the monthly totals and of ``--cost-limit-monthly``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from mlinfra.plans.model import Action, Plan, ResourceChange
from mlinfra.records import field, frozen, mutable

HOURS_PER_MONTH = 730
# The package's files, read directly (importlib.resources imports tempfile, zipfile...).
PRICES = Path(__file__).parent / "prices"
FREE_PROVIDERS = frozenset({"local"})
Range = tuple[float, float]


@frozen
class PriceTable:
    cloud: str
    version: str
    as_of: str
    region: str
    service: str
    currency: str
    block_field: str
    default_instance_type: str
    prices: dict[str, float]
    gpu: frozenset[str] = frozenset()
    pipeline: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    checked: str | None = None  # when the figures were last checked against the published prices
    verified: frozenset[str] = frozenset()  # the instance types whose price that check confirmed

    @property
    def unverified(self) -> list[str]:
        return sorted(set(self.prices) - self.verified)


@cache
def price_table(cloud: str) -> PriceTable | None:
    """The shipped price table of a cloud (``aws``, ``gcp``, ``azure``); None for others."""
    path = PRICES / f"{cloud}.json"
    if not cloud.isidentifier() or not path.is_file():
        return None
    doc = json.loads(path.read_text(encoding="utf-8"))
    return PriceTable(
        cloud=doc["cloud"],
        version=doc["version"],
        as_of=doc["as_of"],
        region=doc["region"],
        service=doc["service"],
        currency=doc["currency"],
        block_field=doc["block_field"],
        default_instance_type=doc["default_instance_type"],
        prices={k: float(v) for k, v in doc["prices"].items()},
        gpu=frozenset(doc.get("gpu", ())),
        pipeline=dict(doc.get("pipeline") or {}),
        source=str(doc.get("source", "")),
        checked=(doc.get("verification") or {}).get("checked"),
        verified=frozenset((doc.get("verification") or {}).get("verified", ())),
    )


@mutable
class Side:
    """One variant on one side of the change."""

    instance_type: str | None  # None: known only after apply
    count: tuple[int, int]
    hourly: Range | None  # None: no price known

    @property
    def monthly(self) -> Range | None:
        return None if self.hourly is None else (self.hourly[0] * HOURS_PER_MONTH, self.hourly[1] * HOURS_PER_MONTH)


@mutable
class VariantCost:
    address: str
    variant: str
    provider: str
    before: Side | None
    after: Side | None
    note: str | None = None  # why there is no price

    @property
    def priced(self) -> bool:
        return all(s is None or s.hourly is not None for s in (self.before, self.after))

    @property
    def monthly_delta(self) -> Range | None:
        if not self.priced:
            return None
        lo_b, hi_b = self.before.monthly if self.before and self.before.monthly else (0.0, 0.0)
        lo_a, hi_a = self.after.monthly if self.after and self.after.monthly else (0.0, 0.0)
        return lo_a - hi_b, hi_a - lo_b


@mutable
class RunSide:
    """One pipeline definition's run: its steps and what one run costs at most."""

    steps: list[tuple[str, str | None, int]]  # (step, instance type, instance count)
    hours: float | None  # the expected duration of one step: an upper bound
    per_run: float | None  # None: no price known


@mutable
class RunCost:
    address: str
    provider: str
    before: RunSide | None
    after: RunSide | None
    runs: int  # runs this plan starts: 1 when it creates or changes a pipeline that runs on change
    note: str | None = None
    duration_source: str | None = None

    @property
    def priced(self) -> bool:
        return all(s is None or s.per_run is not None for s in (self.before, self.after))


@mutable
class CostEstimate:
    items: list[VariantCost] = field(default_factory=list)
    tables: list[PriceTable] = field(default_factory=list)
    runs: list[RunCost] = field(default_factory=list)

    @property
    def run_cost(self) -> float:
        """What the runs this plan starts cost at most (one-off, not monthly)."""
        return sum(r.after.per_run * r.runs for r in self.runs if r.after and r.after.per_run is not None)

    def total(self, side: str) -> Range:
        lo = hi = 0.0
        for i in self.items:
            s: Side | None = getattr(i, side)
            if i.priced and s is not None and s.monthly is not None:
                lo, hi = lo + s.monthly[0], hi + s.monthly[1]
        return lo, hi

    @property
    def monthly_delta(self) -> Range:
        lo = hi = 0.0
        for i in self.items:
            d = i.monthly_delta
            if d is not None:
                lo, hi = lo + d[0], hi + d[1]
        return lo, hi

    @property
    def unpriced(self) -> list[VariantCost]:
        return [i for i in self.items if not i.priced]


def _one(v: Any) -> dict[str, Any]:
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return v[0]
    return v if isinstance(v, dict) else {}


def _counts(attrs: dict[str, Any], variant: dict[str, Any]) -> tuple[int, int]:
    scaling = _one(attrs.get("autoscaling"))
    lo, hi = scaling.get("min"), scaling.get("max")
    if isinstance(lo, int) and isinstance(hi, int):
        return lo, hi
    n = variant.get("instance_count", 1)
    return (n, n) if isinstance(n, int) else (1, 1)


def variant_sides(change: ResourceChange, attrs: dict[str, Any] | None) -> dict[str, tuple[Side, str | None]]:
    """variant name -> (its side, why it has no price)."""
    if attrs is None or not isinstance(attrs.get("variant"), dict):
        return {}
    cloud = change.provider.split(".", 1)[0]
    table = price_table(cloud)
    block = _one(attrs.get(cloud))
    out: dict[str, tuple[Side, str | None]] = {}
    for name, variant in sorted(attrs["variant"].items()):
        v = variant if isinstance(variant, dict) else {}
        count = _counts(attrs, v)
        if cloud in FREE_PROVIDERS:
            out[name] = (Side(v.get("instance_type") or "local", count, (0.0, 0.0)), None)
            continue
        if table is None:
            out[name] = (Side(v.get("instance_type"), count, None), f'no price known for provider "{cloud}"')
            continue
        itype = v.get("instance_type") or block.get(table.block_field) or table.default_instance_type
        if not isinstance(itype, str):
            out[name] = (Side(None, count, None), "no price known: the instance type is known only after apply")
        elif itype not in table.prices:
            out[name] = (Side(itype, count, None), f'no price known for instance type "{itype}" in {cloud} {table.version}')
        else:
            p = table.prices[itype]
            out[name] = (Side(itype, count, (p * count[0], p * count[1])), None)
    return out


def run_side(change: ResourceChange, attrs: dict[str, Any] | None) -> tuple[RunSide | None, str | None, str | None]:
    """(the run, why it has no price, where its duration comes from)."""
    if attrs is None or not isinstance(attrs.get("step"), dict):
        return None, None, None
    cloud = change.provider.split(".", 1)[0]
    table = price_table(cloud)
    block = _one(attrs.get(cloud))
    steps: list[tuple[str, str | None, int]] = []
    for name, step in sorted(attrs["step"].items()):
        st = step if isinstance(step, dict) else {}
        n = st.get("instance_count", 1)
        itype = st.get("instance_type")
        if itype is None and table is not None and table.pipeline.get("block_field"):
            itype = block.get(table.pipeline["block_field"]) or table.pipeline.get("default_instance_type")
        steps.append((name, itype if isinstance(itype, str) else None, n if isinstance(n, int) else 1))
    if cloud in FREE_PROVIDERS:
        return RunSide(steps, None, 0.0), None, None
    if table is None:
        return RunSide(steps, None, None), f'no price known for provider "{cloud}"', None
    field_name = table.pipeline.get("duration_field")
    if not field_name:
        return RunSide(steps, None, None), f"no price known: {cloud} pipelines have no expected run duration", None
    seconds = block.get(field_name, table.pipeline.get("default_duration_seconds"))
    source = f"{cloud}.{field_name}" + ("" if field_name in block else " (default)")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return RunSide(steps, None, None), "no price known: the run duration is known only after apply", source
    hours = float(seconds) / 3600
    missing = [t for _, t, _ in steps if t is None or t not in table.prices]
    if missing:
        what = f'"{missing[0]}"' if missing[0] else "(known only after apply)"
        return RunSide(steps, hours, None), f"no price known for instance type {what} in {cloud} {table.version}", source
    total = sum(table.prices[str(t)] * n * hours for _, t, n in steps)
    return RunSide(steps, hours, total), None, source


def _runs(c: ResourceChange) -> int:
    after = c.after or {}
    if c.action in (Action.NOOP, Action.DELETE) or after.get("run", "on_change") != "on_change":
        return 0
    return 1


def estimate(plan: Plan) -> CostEstimate:
    """The cost of every endpoint the plan creates, changes, replaces or destroys, and of
    a run of every pipeline it creates, changes, replaces or destroys."""
    est = CostEstimate()
    clouds: set[str] = set()
    for c in sorted(plan.changes, key=lambda c: (c.address, c.deposed or "")):
        if c.kind == "pipeline" and c.action is not Action.NOOP:
            rb, bnote, bsrc = run_side(c, c.before)
            ra, anote, asrc = run_side(c, None if c.action is Action.DELETE else c.after)
            est.runs.append(RunCost(c.address, c.provider, rb, ra, _runs(c), anote or bnote, asrc or bsrc))
            clouds.add(c.provider.split(".", 1)[0])
            continue
        if c.kind != "endpoint" or c.action is Action.NOOP:
            continue
        before = variant_sides(c, c.before)
        after = variant_sides(c, None if c.action is Action.DELETE else c.after)
        for name in sorted(set(before) | set(after)):
            b, a = before.get(name), after.get(name)
            note = (a and a[1]) or (b and b[1]) or None
            est.items.append(
                VariantCost(c.address, name, c.provider, b[0] if b else None, a[0] if a else None, note)
            )
        clouds.add(c.provider.split(".", 1)[0])
    est.tables = [t for t in (price_table(x) for x in sorted(clouds)) if t is not None]
    return est
