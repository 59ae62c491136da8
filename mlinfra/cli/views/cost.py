"""The cost estimate as text, markdown and JSON, and the ``--cost-limit-monthly`` check."""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra.plans.cost import (
    HOURS_PER_MONTH,
    CostEstimate,
    Range,
    RunCost,
    RunSide,
    Side,
    VariantCost,
)


def money(v: float, signed: bool = False) -> str:
    sign = ("+" if v > 0 else "-" if v < 0 else "") if signed else ("-" if v < 0 else "")
    return f"{sign}${abs(v):,.2f}"


def span(r: Range | None, signed: bool = False) -> str:
    if r is None:
        return "?"
    if abs(r[0] - r[1]) < 0.005:
        return money(r[0], signed)
    return f"{money(r[0], signed)}..{money(r[1], signed)}"


def _fleet(s: Side | None) -> str:
    if s is None:
        return "none"
    n = f"{s.count[0]}" if s.count[0] == s.count[1] else f"{s.count[0]}..{s.count[1]}"
    return f"{s.instance_type or '(known after apply)'} x{n}"


def _prices(s: Side | None) -> tuple[str, str]:
    if s is None:
        return "$0.00", "$0.00"
    return span(s.hourly), span(s.monthly)


def _sources(est: CostEstimate) -> str:
    return "; ".join(
        f"{t.cloud} {t.version} of {t.as_of}, {t.region}" + (", not checked against the published prices" if t.unverified else "")
        for t in est.tables
    )


def render_text(est: CostEstimate) -> str:
    """``Cost estimate`` lines, one per endpoint variant and pipeline; empty when none changes."""
    if not est.items and not est.runs:
        return ""
    src = _sources(est)
    lines = [f"Cost estimate (USD, {HOURS_PER_MONTH} hours a month{'; prices: ' + src if src else ''}):"]
    for i in est.items:
        lines.append(f'  {i.address} variant "{i.variant}": {_fleet(i.before)} -> {_fleet(i.after)}')
        if i.note:
            lines.append(f"      {i.note}")
            continue
        (bh, bm), (ah, am) = _prices(i.before), _prices(i.after)
        lines.append(f"      {bh}/hour -> {ah}/hour, {bm}/month -> {am}/month")
    for r in est.runs:
        lines.append(f"  {r.address} run: {_steps(r.before)} -> {_steps(r.after)}")
        lines.append(f"      {r.note}" if r.note else f"      {_per_run(r.before)} -> {_per_run(r.after)} per run{_bound(r)}")
    if est.items:
        lines.append(f"Monthly cost change: {span(est.monthly_delta, signed=True)}" + _unpriced_note(est))
    if est.runs:
        lines.append(_runs_line(est))
    return "\n".join(lines)


def _steps(s: RunSide | None) -> str:
    if s is None:
        return "none"
    return ", ".join(f"{name}: {t or '(known after apply)'} x{n}" for name, t, n in s.steps)


def _per_run(s: RunSide | None) -> str:
    if s is None:
        return "$0.00"
    if s.per_run is None:
        return "?"
    return money(s.per_run) if s.hours is None else f"up to {money(s.per_run)}"


def _bound(r: RunCost) -> str:
    s = r.after or r.before
    if s is None or s.hours is None:
        return ""
    return f" (each step at most {s.hours:g} h, from {r.duration_source})"


def _runs_line(est: CostEstimate) -> str:
    n = sum(r.runs for r in est.runs)
    unpriced = sum(1 for r in est.runs if r.runs and not r.priced)
    tail = f" (not counting {unpriced} with no price known)" if unpriced else ""
    return (
        f"Pipeline runs this plan starts: {n}, costing up to {money(est.run_cost)} once{tail}; "
        "not in the monthly cost"
    )


def _unpriced_note(est: CostEstimate) -> str:
    n = len(est.unpriced)
    return f" (not counting {n} variant{'s' if n != 1 else ''} with no price known)" if n else ""


def render_markdown(est: CostEstimate) -> str:
    if not est.items and not est.runs:
        return ""
    rows = [
        "### Cost",
        "",
        f"**Monthly cost change: {span(est.monthly_delta, signed=True)}**{_unpriced_note(est)}",
        "",
    ]
    if est.items:
        rows.extend(["| endpoint variant | before | after | $/hour | $/month |", "|---|---|---|---|---|"])
    for i in est.items:
        if i.note:
            rows.append(f"| `{i.address}` {i.variant} | {_fleet(i.before)} | {_fleet(i.after)} | {i.note} | |")
            continue
        (bh, bm), (ah, am) = _prices(i.before), _prices(i.after)
        rows.append(f"| `{i.address}` {i.variant} | {_fleet(i.before)} | {_fleet(i.after)} | {bh} → {ah} | {bm} → {am} |")
    if est.runs:
        rows.extend(["", "| pipeline run | before | after | $ per run |", "|---|---|---|---|"])
        for r in est.runs:
            price = r.note or f"{_per_run(r.before)} → {_per_run(r.after)}{_bound(r)}"
            rows.append(f"| `{r.address}` | {_steps(r.before)} | {_steps(r.after)} | {price} |")
        rows.extend(["", _runs_line(est) + "."])
    src = _sources(est)
    if src:
        rows.extend(["", f"<sub>USD, {HOURS_PER_MONTH} hours a month; prices: {src}.</sub>"])
    return "\n".join(rows)


def _range_json(r: Range | None) -> dict[str, float] | None:
    return None if r is None else {"min": round(r[0], 4), "max": round(r[1], 4)}


def _side_json(s: Side | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "instance_type": s.instance_type,
        "instance_count": {"min": s.count[0], "max": s.count[1]},
        "hourly": _range_json(s.hourly),
        "monthly": _range_json(s.monthly),
    }


def _item_json(i: VariantCost) -> dict[str, Any]:
    return {
        "address": i.address,
        "variant": i.variant,
        "provider": i.provider,
        "before": _side_json(i.before),
        "after": _side_json(i.after),
        "monthly_delta": _range_json(i.monthly_delta),
        "note": i.note,
    }


def _run_side_json(s: RunSide | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "steps": [{"step": n, "instance_type": t, "instance_count": c} for n, t, c in s.steps],
        "step_hours_max": None if s.hours is None else round(s.hours, 4),
        "per_run": None if s.per_run is None else round(s.per_run, 4),
    }


def _run_json(r: RunCost) -> dict[str, Any]:
    return {
        "address": r.address,
        "provider": r.provider,
        "before": _run_side_json(r.before),
        "after": _run_side_json(r.after),
        "runs_started": r.runs,
        "duration_source": r.duration_source,
        "upper_bound": r.duration_source is not None,
        "note": r.note,
    }


def to_json(est: CostEstimate) -> dict[str, Any]:
    """The plan JSON's ``cost`` key."""
    return {
        "currency": "USD",
        "hours_per_month": HOURS_PER_MONTH,
        "price_data": [
            {
                "cloud": t.cloud,
                "version": t.version,
                "as_of": t.as_of,
                "region": t.region,
                "service": t.service,
                "source": t.source,
                "checked": t.checked,
                "unverified": t.unverified,
            }
            for t in est.tables
        ],
        "resources": [_item_json(i) for i in est.items],
        "monthly_before": _range_json(est.total("before")),
        "monthly_after": _range_json(est.total("after")),
        "monthly_delta": _range_json(est.monthly_delta),
        "unpriced": [f"{i.address} variant {i.variant}: {i.note}" for i in est.unpriced]
        + [f"{r.address} run: {r.note}" for r in est.runs if not r.priced],
        "pipeline_runs": [_run_json(r) for r in est.runs],
        "runs_cost": round(est.run_cost, 4),
    }


def limit_error(est: CostEstimate, limit: float) -> d.Diagnostic | None:
    """An error when the monthly cost may rise by more than ``limit`` dollars."""
    rise = est.monthly_delta[1]
    if rise <= limit:
        return None
    return d.error(
        "Monthly cost limit exceeded",
        f"This plan raises the monthly cost by up to {money(rise)}, more than the "
        f"--cost-limit-monthly of {money(limit)}{_unpriced_note(est)}. Reduce instance types "
        "or counts, or raise the limit.",
    )
