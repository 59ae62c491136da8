"""Drift statistics between a baseline sample and a live one, with numpy.

- ``psi``: population stability index over the baseline's decile bins,
  ``sum((live% - base%) * ln(live% / base%))``, each share floored at ``EPS`` so an empty
  bin counts as a small one rather than an infinite divergence.
- ``ks``: the two-sample Kolmogorov-Smirnov distance, ``max |F_base(x) - F_live(x)|``
  over every observed x (empirical distribution functions).
- ``chi2``: Pearson's chi-squared test of the 2 x k table (baseline and live counts per
  category, every category seen in either), expected counts from the margins, with
  ``k - 1`` degrees of freedom; its p-value from scipy's chi-squared distribution.

Runs inside the provider (the monitor process, or a refresh); nothing imports it at
``import mlinfra``.
"""

from __future__ import annotations

from typing import Any

from mlinfra_provider_local import _sdk

EPS = 1e-4
BINS = 10


def numeric_edges(base: Any) -> Any:
    """Bin edges: the baseline's deciles (distinct values), open at both ends."""
    np = _sdk.numpy()
    inner = np.unique(np.quantile(base, np.linspace(0, 1, BINS + 1)[1:-1]))
    return np.concatenate(([-np.inf], inner, [np.inf]))


def shares(values: Any, edges: Any) -> Any:
    np = _sdk.numpy()
    counts = np.histogram(values, bins=edges)[0].astype(float)
    return counts / max(1.0, counts.sum())


def psi(base: Any, live: Any) -> float:
    np = _sdk.numpy()
    edges = numeric_edges(base)
    e = np.maximum(shares(base, edges), EPS)
    a = np.maximum(shares(live, edges), EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(base: Any, live: Any) -> float:
    np = _sdk.numpy()
    b, v = np.sort(np.asarray(base, float)), np.sort(np.asarray(live, float))
    points = np.concatenate((b, v))
    fb = np.searchsorted(b, points, side="right") / len(b)
    fv = np.searchsorted(v, points, side="right") / len(v)
    return float(np.max(np.abs(fb - fv)))


def chi2_statistic(base: list[str], live: list[str]) -> tuple[float, int]:
    """(Pearson's statistic, degrees of freedom) of baseline vs live category counts."""
    np = _sdk.numpy()
    cats = sorted(set(base) | set(live))
    table = np.array(
        [[base.count(c) for c in cats], [live.count(c) for c in cats]], dtype=float
    )
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    stat = float(np.sum((table - expected) ** 2 / np.where(expected > 0, expected, 1)))
    return stat, max(1, len(cats) - 1)


def chi2_pvalue(base: list[str], live: list[str]) -> float:
    stat, dof = chi2_statistic(base, live)
    if len(set(base) | set(live)) < 2:
        return 1.0
    stats = _sdk.scipy_stats()
    return float(stats.chi2.sf(stat, dof))


def measure(statistic: str, base: list[Any], live: list[Any]) -> float:
    if statistic == "psi":
        return psi(base, live)
    if statistic == "ks":
        return ks(base, live)
    return chi2_pvalue([str(x) for x in base], [str(x) for x in live])


def drifted(statistic: str, value: float, threshold: float) -> bool:
    """psi and ks: a value above the threshold; chi2: a p-value below it."""
    return value < threshold if statistic == "chi2" else value > threshold
