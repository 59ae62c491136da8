"""The cost estimate as text, markdown and JSON, and the ``--cost-limit-monthly`` check."""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra.plans.cost import HOURS_PER_MONTH, CostEstimate, Range, Side, VariantCost


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
    return "; ".join(f"{t.cloud} {t.version} of {t.as_of}, {t.region}" for t in est.tables)


def render_text(est: CostEstimate) -> str:
    """``Cost estimate`` lines, one per endpoint variant; empty when no endpoint changes."""
    if not est.items:
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
    lines.append(f"Monthly cost change: {span(est.monthly_delta, signed=True)}" + _unpriced_note(est))
    return "\n".join(lines)


def _unpriced_note(est: CostEstimate) -> str:
    n = len(est.unpriced)
    return f" (not counting {n} variant{'s' if n != 1 else ''} with no price known)" if n else ""


def render_markdown(est: CostEstimate) -> str:
    if not est.items:
        return ""
    rows = [
        "### Cost",
        "",
        f"**Monthly cost change: {span(est.monthly_delta, signed=True)}**{_unpriced_note(est)}",
        "",
        "| endpoint variant | before | after | $/hour | $/month |",
        "|---|---|---|---|---|",
    ]
    for i in est.items:
        if i.note:
            rows.append(f"| `{i.address}` {i.variant} | {_fleet(i.before)} | {_fleet(i.after)} | {i.note} | |")
            continue
        (bh, bm), (ah, am) = _prices(i.before), _prices(i.after)
        rows.append(f"| `{i.address}` {i.variant} | {_fleet(i.before)} | {_fleet(i.after)} | {bh} → {ah} | {bm} → {am} |")
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


def to_json(est: CostEstimate) -> dict[str, Any]:
    """The plan JSON's ``cost`` key."""
    return {
        "currency": "USD",
        "hours_per_month": HOURS_PER_MONTH,
        "price_data": [
            {"cloud": t.cloud, "version": t.version, "as_of": t.as_of, "region": t.region, "service": t.service}
            for t in est.tables
        ],
        "resources": [_item_json(i) for i in est.items],
        "monthly_before": _range_json(est.total("before")),
        "monthly_after": _range_json(est.total("after")),
        "monthly_delta": _range_json(est.monthly_delta),
        "unpriced": [f"{i.address} variant {i.variant}: {i.note}" for i in est.unpriced],
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
