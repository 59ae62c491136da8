"""The ``monitor`` kind's language: drift statistics, thresholds and schedules, and the
checks that span blocks (a monitored endpoint captures data; ``retrain_on`` names monitors).

Schedules are portable strings, checked at validate:

- ``every N{s,m,h,d}`` (``every 5m``, ``every 1h``): a fixed interval;
- ``hourly`` and ``daily`` (``every 1h``, and ``0 0 * * *``);
- a 5-field cron expression ``minute hour day-of-month month day-of-week`` in UTC, each
  field ``*``, ``N``, ``A-B``, ``*/S`` or ``A-B/S``, or a comma list of those.

Nothing here imports numpy or any provider: ``mlinfra validate`` uses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.addrs import Address
from mlinfra.config.statics import Err, reference_list
from mlinfra.config.syntax import Attribute, Block, Body, Literal, ScopeTraversal
from mlinfra.diagnostics import SourceRange
from mlinfra.records import frozen

NUMERIC_STATISTICS = ("psi", "ks")
CATEGORICAL_STATISTICS = ("chi2",)
STATISTICS = (*NUMERIC_STATISTICS, *CATEGORICAL_STATISTICS)
# The threshold each statistic uses when none is given, and the values it may take.
DEFAULT_THRESHOLDS = {"psi": 0.2, "ks": 0.1, "chi2": 0.05}
_RANGES = {
    "psi": (0.0, 10.0, "a population stability index above 0 (0.1 is a small shift, 0.2 a large one) and at most 10"),
    "ks": (0.0, 1.0, "a Kolmogorov-Smirnov distance above 0 and at most 1"),
    "chi2": (0.0, 1.0, "a p-value above 0 and below 1 (0.05 is usual)"),
}

_EVERY = re.compile(r"every\s+(\d+)\s*(s|m|h|d)", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_ALIASES = {"hourly": "every 1h", "daily": "0 0 * * *"}
# (name, low, high) of the five cron fields.
_CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 6))
_CRON_PART = re.compile(r"(\*|\d+(?:-\d+)?)(?:/(\d+))?")
SCHEDULE_HELP = '"every 5m", "every 1h", "hourly", "daily" or a 5-field cron expression such as "*/15 * * * *"'


def check_statistic(name: str) -> str:
    if name not in STATISTICS:
        raise ValueError(
            f'"{name}" is not a drift statistic.{d.suggestion(name, STATISTICS)} '
            "Use psi or ks for numeric features, chi2 for categorical ones"
        )
    return name


def check_threshold(statistic: str | None, value: float) -> float:
    """``value`` if the statistic (psi when not given) can take it."""
    low, high, what = _RANGES[statistic if statistic in _RANGES else "psi"]
    if not (low < value <= high) or (statistic == "chi2" and value >= high):
        raise ValueError(f"{value:g} is out of range for {statistic or 'psi'}: give {what}")
    return value


@frozen
class Schedule:
    """A parsed schedule: a fixed ``interval`` in seconds, or cron fields (allowed values)."""

    text: str
    interval: int | None = None
    cron: tuple[frozenset[int], ...] = ()

    def next_after(self, t: datetime) -> datetime:
        """The first run strictly after ``t`` (UTC)."""
        if self.interval is not None:
            return t + timedelta(seconds=self.interval)
        minute, hour, dom, month, dow = self.cron
        cur = t.astimezone(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
        for _ in range(366 * 24 * 60):
            if cur.month not in month or cur.day not in dom or (cur.weekday() + 1) % 7 not in dow:
                cur = (cur + timedelta(days=1)).replace(hour=0, minute=0)
            elif cur.hour not in hour:
                cur = (cur + timedelta(hours=1)).replace(minute=0)
            elif cur.minute not in minute:
                cur += timedelta(minutes=1)
            else:
                return cur
        raise ValueError(f'"{self.text}" never runs')

    @property
    def shortest_gap(self) -> int:
        """Seconds between two runs at the most frequent (the interval, or an estimate)."""
        if self.interval is not None:
            return self.interval
        start = datetime(2024, 1, 1, tzinfo=UTC)
        a = self.next_after(start)
        return int((self.next_after(a) - a).total_seconds())


def parse_schedule(text: str) -> Schedule:
    """The schedule ``text`` names; ValueError saying what is wrong otherwise."""
    raw = text.strip()
    spelled = _ALIASES.get(raw.lower(), raw)
    m = _EVERY.fullmatch(spelled)
    if m:
        seconds = int(m.group(1)) * _UNIT[m.group(2).lower()]
        if seconds <= 0:
            raise ValueError(f'"{text}" is not a schedule: the interval must be above 0')
        return Schedule(raw, interval=seconds)
    fields = spelled.split()
    if len(fields) != 5:
        raise ValueError(f'"{text}" is not a schedule: use {SCHEDULE_HELP}')
    allowed = tuple(_cron_field(f, *spec, text) for f, spec in zip(fields, _CRON_FIELDS, strict=True))
    schedule = Schedule(raw, cron=allowed)
    schedule.next_after(datetime(2024, 1, 1, tzinfo=UTC))  # a 31st of February never runs
    return schedule


def _cron_field(field: str, name: str, low: int, high: int, text: str) -> frozenset[int]:
    out: set[int] = set()
    for part in field.split(","):
        m = _CRON_PART.fullmatch(part)
        if m is None:
            raise ValueError(f'"{text}" is not a schedule: the {name} field "{field}" is not *, N, A-B or */S')
        span, step = m.group(1), int(m.group(2) or 1)
        if span == "*":
            a, b = low, high
        else:
            a_s, _, b_s = span.partition("-")
            a, b = int(a_s), int(b_s or a_s)
        if not (low <= a <= b <= high) or step < 1:
            raise ValueError(f'"{text}" is not a schedule: the {name} field takes {low}-{high}, not "{part}"')
        out.update(range(a, b + 1, step))
    return frozenset(out)


# -- checks across blocks ---------------------------------------------------------------

def retrain_on(a: Attribute | None, ctx: str, err: Err) -> tuple[tuple[Address, SourceRange], ...]:
    """The monitors a pipeline's ``retrain_on = [monitor.NAME, ...]`` names."""
    return reference_list(
        a,
        ctx,
        err,
        accepts=lambda ad: ad.key is None and ad.kind == "monitor",
        list_detail="retrain_on takes a list of monitors: [monitor.iris].",
        item_detail="Each item must name a whole monitor, such as monitor.iris (without an attribute).",
    )


def check(resources: dict[str, Any], err: Err, similar: Callable[[Address], str]) -> None:
    """Every ``retrain_on`` names a declared monitor; every monitored endpoint captures data."""
    for r in resources.values():
        for ad, at in zip(r.retrain_on, r.retrain_on_ranges, strict=True):
            if str(ad) not in resources:
                err("Reference to undeclared resource", f"retrain_on names {ad}, which is not declared." + similar(ad), at, r.context)
        if r.kind != "monitor":
            continue
        a = r.body.attributes.get("endpoint")
        target = _endpoint_of(a.expr) if a is not None else None
        endpoint = resources.get(target) if target else None
        if endpoint is None or a is None:
            continue
        problem = _capture_problem(endpoint.body)
        if problem:
            err(
                "Endpoint does not capture data",
                f"{r.address} watches {target}, whose {problem}: a monitor computes drift from the "
                f"endpoint's captured requests. Add data_capture {{ enabled = true }} to {endpoint.context}.",
                a.range,
                r.context,
            )


def _endpoint_of(expr: Any) -> str | None:
    if isinstance(expr, ScopeTraversal) and expr.root == "endpoint" and expr.steps:
        name = getattr(expr.steps[0], "name", None)
        return f"endpoint.{name}" if isinstance(name, str) else None
    return None


def _capture_problem(body: Body) -> str | None:
    blocks: list[Block] = [b for b in body.blocks if b.type == "data_capture"]
    dynamic = any(b.type == "dynamic" and b.labels[:1] == ("data_capture",) for b in body.blocks)
    if "data_capture" in body.attributes or dynamic:
        return None  # written as an expression: checked by the provider at apply
    if not blocks:
        return "configuration has no data_capture block"
    enabled = blocks[0].body.attributes.get("enabled")
    if enabled is not None and isinstance(enabled.expr, Literal) and enabled.expr.value is False:
        return "data_capture has enabled = false"
    return None
