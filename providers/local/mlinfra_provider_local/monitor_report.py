"""One run of a local monitor: compare the endpoint's captured traffic with the baseline,
then write ``report.json``, ``report.html`` and ``status.json`` in the monitor's folder.

The live window is the traffic captured since the monitor was created (``window_start``)
for the model versions the endpoint serves now: a redeploy of another version, or a new
monitor (the core replaces a monitor whose drift retrains a pipeline), starts a new window,
so drift that led to a retrain is not counted against the model that replaced it. Fewer than ``min_samples`` live rows is
``no_data``. ``drift_since`` is when the current run of consecutive ``drift`` results
began in this window.

The settings (``config.json``) are written by the ``monitor`` handler; this module runs in
the monitor process on the schedule, and in ``mlinfra`` during a refresh.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mlinfra.config.monitoring import DEFAULT_THRESHOLDS
from mlinfra_provider_local import _sdk
from mlinfra_provider_local.store import read_json, write_json

SETTINGS_FILE = "config.json"
STATUS_FILE = "status.json"
REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
CAPTURE_FILE = "capture.jsonl"
DEFAULT_STATISTIC = {"numeric": "psi", "categorical": "chi2"}


class MonitorError(ValueError):
    pass


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        with path.open(newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise MonitorError(f"cannot read {path}: {e.strerror}") from None
    if not rows:
        raise MonitorError(f"{path} is empty")
    return rows[0], [r for r in rows[1:] if r]


def _number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v))
    except ValueError:
        return None


def serving(endpoint_home: Path) -> tuple[set[str], list[str] | None]:
    """(model ids the endpoint serves now, the feature names they were trained with),
    from the newest running instance's serving config."""
    found = []
    for record in endpoint_home.glob("srv-*/endpoint.json"):
        config = read_json(record.parent / SETTINGS_FILE)
        if isinstance(config, dict):
            found.append((record.stat().st_mtime_ns, config))
    if not found:
        return set(), None
    config = max(found, key=lambda x: x[0])[1]
    variants = config.get("variants") or {}
    models = {str(v.get("model_id")) for v in variants.values() if isinstance(v, dict)}
    features = next(
        (v["features"] for v in variants.values() if isinstance(v, dict) and isinstance(v.get("features"), list)),
        None,
    )
    return models, features


def live_rows(
    capture: Path, models: set[str], features: list[str] | None, since: float = 0.0
) -> list[tuple[dict[str, Any], Any]]:
    """(features by name, prediction) of each instance captured from time ``since`` on
    and served by ``models``."""
    out: list[tuple[dict[str, Any], Any]] = []
    if not capture.is_file():
        return out
    with capture.open(errors="replace") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash
            if not isinstance(rec, dict) or str(rec.get("model_id")) not in models:
                continue
            stamp = rec.get("time")
            if not isinstance(stamp, int | float) or stamp < since:
                continue
            req, resp = rec.get("request"), rec.get("response")
            instances = req.get("instances") if isinstance(req, dict) else None
            preds = resp.get("predictions") if isinstance(resp, dict) else None
            for i, row in enumerate(instances if isinstance(instances, list) else []):
                named = _named(row, features)
                if named is not None:
                    pred = preds[i] if isinstance(preds, list) and i < len(preds) else None
                    out.append((named, pred))
    return out


def _named(row: Any, features: list[str] | None) -> dict[str, Any] | None:
    if isinstance(row, dict):
        return row
    if isinstance(row, list) and features and len(row) == len(features):
        return dict(zip(features, row, strict=True))
    return None


def _kind(values: list[str]) -> str:
    return "numeric" if values and all(_number(v) is not None for v in values) else "categorical"


def _histogram(statistic: str, base: list[Any], live: list[Any]) -> dict[str, Any]:
    from mlinfra_provider_local import drift

    if statistic in ("psi", "ks"):
        np = _sdk.numpy()
        edges = drift.numeric_edges(np.asarray(base, float))
        labels = []
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            labels.append(f"< {hi:.3g}" if lo == -np.inf else f">= {lo:.3g}" if hi == np.inf else f"{lo:.3g}-{hi:.3g}")
        return {
            "bins": labels,
            "baseline": [round(float(x), 4) for x in drift.shares(np.asarray(base, float), edges)],
            "live": [round(float(x), 4) for x in drift.shares(np.asarray(live, float), edges)],
        }
    cats = sorted({str(x) for x in base} | {str(x) for x in live})
    b, v = [str(x) for x in base], [str(x) for x in live]
    return {
        "bins": cats,
        "baseline": [round(b.count(c) / max(1, len(b)), 4) for c in cats],
        "live": [round(v.count(c) / max(1, len(v)), 4) for c in cats],
    }


def _inputs(folder: Path, settings: dict[str, Any], models: set[str]) -> dict[str, Any]:
    """What a run's result depends on besides the baseline: the capture file's size and
    time, the models served, the settings."""
    try:
        st = (Path(settings["endpoint_home"]) / CAPTURE_FILE).stat()
        capture = [st.st_size, st.st_mtime_ns]
    except OSError:
        capture = None
    return {"capture": capture, "models": sorted(models), "settings": settings}


def latest(folder: Path) -> dict[str, Any]:
    """The monitor's status: the last run's when nothing it depends on has changed since
    (no new traffic, the same models), else a new run's."""
    settings = read_json(folder / SETTINGS_FILE)
    previous = read_json(folder / STATUS_FILE)
    if isinstance(settings, dict) and isinstance(previous, dict):
        models, _ = serving(Path(settings["endpoint_home"]))
        if previous.get("inputs") == _inputs(folder, settings, models):
            return {k: previous.get(k) for k in RESULT}
    return compute(folder)


RESULT = ("status", "drifted_features", "last_run", "drift_since", "report_path", "quality")


def compute(folder: Path) -> dict[str, Any]:
    """Run the monitor whose settings are in ``folder``; write and return its status."""
    settings = read_json(folder / SETTINGS_FILE)
    if not isinstance(settings, dict):
        raise MonitorError(f"{folder / SETTINGS_FILE} is missing")
    previous = read_json(folder / STATUS_FILE)
    previous = previous if isinstance(previous, dict) else {}
    home = Path(settings["endpoint_home"])
    models, model_features = serving(home)
    inputs = _inputs(folder, settings, models)
    header, rows = read_table(Path(settings["baseline"]))
    label = settings.get("label")
    watched = settings.get("features") or [c for c in (model_features or header) if c != label]
    missing = [f for f in watched if f not in header]
    if missing:
        raise MonitorError(f"the baseline has no column {', '.join(missing)} (it has {', '.join(header)})")
    unknown = sorted(set(settings.get("feature") or {}) - set(header))
    if unknown:
        raise MonitorError(f'feature "{unknown[0]}" is not a column of the baseline (it has {", ".join(header)})')
    live = live_rows(home / CAPTURE_FILE, models, model_features, float(settings.get("window_start", 0)))
    min_samples = int(settings.get("min_samples", 30))
    stamp = now()
    features: dict[str, Any] = {}
    drifted: list[str] = []
    window = sorted(models)
    if len(live) >= min_samples:
        for name in watched:
            base_raw = [r[header.index(name)] for r in rows]
            live_raw = [x[name] for x, _ in live if name in x]
            features[name] = _feature(name, settings, base_raw, live_raw)
            if features[name]["drifted"]:
                drifted.append(name)
    quality = _quality(settings, live, model_features)
    if len(live) < min_samples:
        status = "no_data"
    elif drifted or (quality is not None and quality.get("passed") is False):
        status = "drift"
    else:
        status = "ok"
    same_window = previous.get("window") == window
    since = previous.get("drift_since") if same_window and previous.get("status") == "drift" else None
    result = {
        "status": status,
        "drifted_features": drifted,
        "last_run": stamp,
        "drift_since": (since or stamp) if status == "drift" else None,
        "report_path": str(folder / REPORT_HTML),
        "quality": quality,
    }
    report = {
        **result,
        "monitor": settings.get("address"),
        "window": {"models": window, "live_rows": len(live), "baseline_rows": len(rows), "min_samples": min_samples},
        "features": features,
    }
    write_json(folder / REPORT_JSON, report)
    _write_html(folder / REPORT_HTML, report)
    write_json(folder / STATUS_FILE, {**result, "window": window, "inputs": inputs})
    return result


def _feature(name: str, settings: dict[str, Any], base_raw: list[str], live_raw: list[Any]) -> dict[str, Any]:
    from mlinfra_provider_local import drift

    default = settings.get("drift") or {}
    override = (settings.get("feature") or {}).get(name) or {}
    kind = _kind(base_raw)
    statistic = override.get("statistic") or default.get("statistic") or DEFAULT_STATISTIC[kind]
    if override.get("threshold") is not None:
        threshold = float(override["threshold"])
    elif default.get("threshold") is not None and statistic == (default.get("statistic") or "psi"):
        threshold = float(default["threshold"])
    else:
        threshold = DEFAULT_THRESHOLDS[statistic]
    if statistic in ("psi", "ks") and kind != "numeric":
        raise MonitorError(f'feature "{name}" is categorical: use statistic = "chi2" for it, not "{statistic}"')
    if statistic in ("psi", "ks"):
        base: list[Any] = [float(v) for v in base_raw]
        live: list[Any] = [x for x in (_number(v) for v in live_raw) if x is not None]
    else:
        base, live = [str(v) for v in base_raw], [str(v) for v in live_raw]
    if not live:
        return {"statistic": statistic, "value": None, "threshold": threshold, "drifted": False, "live_rows": 0}
    value = drift.measure(statistic, base, live)
    return {
        "statistic": statistic,
        "kind": kind,
        "value": round(value, 6),
        "threshold": threshold,
        "drifted": drift.drifted(statistic, value, threshold),
        "live_rows": len(live),
        "histogram": _histogram(statistic, base, live),
    }


def _key(row: dict[str, Any], names: list[str]) -> tuple[str, ...] | None:
    out = []
    for n in names:
        x = _number(row.get(n))
        if x is None:
            return None
        out.append(f"{x:.6g}")
    return tuple(out)


def _quality(settings: dict[str, Any], live: list[tuple[dict[str, Any], Any]], model_features: list[str] | None) -> dict[str, Any] | None:
    """The served model's metric on captured requests that have a label in the feedback
    (matched on their feature values)."""
    spec = settings.get("quality")
    if not isinstance(spec, dict):
        return None
    header, rows = read_table(Path(spec["path"]))
    label = spec.get("label") or "target"
    if label not in header:
        raise MonitorError(f'the labels file has no label column "{label}" (it has {", ".join(header)})')
    names = [c for c in (model_features or header) if c != label and c in header]
    labels: dict[tuple[str, ...], str] = {}
    for r in rows:
        k = _key(dict(zip(header, r, strict=False)), names)
        if k is not None:
            labels[k] = r[header.index(label)]
    pairs = [(labels[k], pred) for x, pred in live if (k := _key(x, names)) is not None and k in labels]
    metric = spec.get("metric", "accuracy")
    out: dict[str, Any] = {"metric": metric, "value": None, "matched": len(pairs), "passed": None}
    if not pairs:
        return out
    value = _metric(metric, pairs)
    low, high = spec.get("min"), spec.get("max")
    passed = not ((low is not None and value < low) or (high is not None and value > high))
    return {**out, "value": round(value, 6), "passed": passed}


def _metric(metric: str, pairs: list[tuple[str, Any]]) -> float:
    np = _sdk.numpy()
    if metric in ("mae", "rmse"):
        err = np.array([float(t) - float(p) for t, p in pairs])
        return float(np.mean(np.abs(err))) if metric == "mae" else float(np.sqrt(np.mean(err**2)))
    truth = [_norm(t) for t, _ in pairs]
    pred = [_norm(p) for _, p in pairs]
    if metric == "accuracy":
        return float(np.mean([t == p for t, p in zip(truth, pred, strict=True)]))
    scores = []
    for c in sorted(set(truth) | set(pred)):
        tp = sum(1 for t, p in zip(truth, pred, strict=True) if t == c and p == c)
        fp = sum(1 for t, p in zip(truth, pred, strict=True) if t != c and p == c)
        fn = sum(1 for t, p in zip(truth, pred, strict=True) if t == c and p != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(scores))


def _norm(v: Any) -> str:
    x = _number(v)
    return f"{x:.6g}" if x is not None else str(v)


# -- the HTML page ------------------------------------------------------------------------

_W, _H, _PAD = 520, 180, 28


def _svg(hist: dict[str, Any]) -> str:
    import html

    bins, base, live = hist["bins"], hist["baseline"], hist["live"]
    top = max([*base, *live, 0.01])
    slot = (_W - 2 * _PAD) / max(1, len(bins))
    bar = slot * 0.38
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H + 40}" role="img">']
    for i, label in enumerate(bins):
        x = _PAD + i * slot
        for j, (share, color) in enumerate(((base[i], "#4c78a8"), (live[i], "#f58518"))):
            h = (_H - _PAD) * share / top
            parts.append(
                f'<rect x="{x + j * bar + slot * 0.12:.1f}" y="{_H - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{color}"><title>{"baseline" if j == 0 else "live"} '
                f"{html.escape(str(label))}: {share:.1%}</title></rect>"
            )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{_H + 14}" font-size="9" text-anchor="middle">'
            f"{html.escape(str(label))[:12]}</text>"
        )
    parts.append(f'<line x1="{_PAD}" y1="{_H}" x2="{_W - _PAD}" y2="{_H}" stroke="#333"/>')
    parts.append("</svg>")
    return "".join(parts)


def _write_html(path: Path, report: dict[str, Any]) -> None:
    import html

    title = f"{report.get('monitor')}: {report['status']}"
    window = report["window"]
    rows = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Run {html.escape(report['last_run'])}; {window['live_rows']} live rows "
        f"(models {html.escape(', '.join(window['models']) or 'none')}) against "
        f"{window['baseline_rows']} baseline rows. "
        '<span style="color:#4c78a8">&#9632; baseline</span> '
        '<span style="color:#f58518">&#9632; live</span></p>',
    ]
    if report["drift_since"]:
        rows.append(f"<p>Drift since {html.escape(report['drift_since'])}.</p>")
    q = report.get("quality")
    if q:
        rows.append(f"<p>Quality: {html.escape(str(q['metric']))} = {q['value']} on {q['matched']} labelled requests.</p>")
    for name, f in sorted(report["features"].items()):
        verdict = "drift" if f["drifted"] else "ok"
        rows.append(
            f"<h2>{html.escape(name)}: {verdict}</h2><p>{f['statistic']} = {f['value']} "
            f"(threshold {f['threshold']:g}, {f['live_rows']} live values)</p>"
        )
        if "histogram" in f:
            rows.append(_svg(f["histogram"]))
    page = (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>"
        '<body style="font-family:sans-serif">' + "\n".join(rows) + "</body></html>\n"
    )
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(page)
    tmp.replace(path)
