"""The local ``monitor`` kind: the drift statistics against hand-computed values and
scipy, and a monitor watching a real endpoint's captured traffic through the protocol
(its scheduled process, the computation on read, its report, its process stopped on
delete)."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from local_support import Driver, Failed, full_config
from mlinfra_provider_local import drift, processes
from mlinfra_provider_local.monitor_report import STATUS_FILE
from scipy import stats

# -- statistics ---------------------------------------------------------------------------


def test_psi_over_the_baselines_deciles_matches_the_hand_computed_index() -> None:
    base = np.arange(100.0)  # ten bins of 10% each
    live = np.array([5.0] * 50 + [95.0] * 50)  # half in the first bin, half in the last
    # Two bins at 50% against 10%; eight empty bins floored at 0.01% against 10%.
    expected = 2 * (0.5 - 0.1) * math.log(0.5 / 0.1) + 8 * (0.0001 - 0.1) * math.log(0.0001 / 0.1)
    assert drift.psi(base, live) == pytest.approx(expected)
    assert drift.psi(base, base) == pytest.approx(0.0)


def test_ks_is_the_largest_gap_between_the_empirical_distributions() -> None:
    assert drift.ks([1, 2, 3, 4], [3, 4, 5, 6]) == pytest.approx(0.5)
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 1, 300), rng.normal(0.4, 1.2, 170)
    assert drift.ks(a, b) == pytest.approx(stats.ks_2samp(a, b).statistic)


def test_chi2_is_pearsons_test_of_baseline_against_live_counts() -> None:
    base = ["a"] * 50 + ["b"] * 30 + ["c"] * 20
    live = ["a"] * 10 + ["b"] * 25 + ["c"] * 15 + ["d"] * 5  # "d" never seen in the baseline
    table = [[50, 30, 20, 0], [10, 25, 15, 5]]
    stat, p, dof, _ = stats.chi2_contingency(table, correction=False)
    got_stat, got_dof = drift.chi2_statistic(base, live)
    assert got_stat == pytest.approx(stat) and got_dof == dof
    assert drift.chi2_pvalue(base, live) == pytest.approx(p)
    # Same shares: statistic 0, p-value 1 (no drift).
    assert drift.chi2_statistic(["a", "b"] * 5, ["a", "b"] * 3)[0] == pytest.approx(0.0)
    assert drift.chi2_pvalue(["a", "b"] * 5, ["a", "b"] * 3) == pytest.approx(1.0)


def test_psi_and_ks_drift_above_the_threshold_chi2_below_it() -> None:
    assert drift.drifted("psi", 0.25, 0.2) and not drift.drifted("psi", 0.1, 0.2)
    assert drift.drifted("ks", 0.3, 0.1) and not drift.drifted("ks", 0.05, 0.1)
    assert drift.drifted("chi2", 0.01, 0.05) and not drift.drifted("chi2", 0.5, 0.05)


# -- a monitor on a real endpoint -------------------------------------------------------

FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]


def _send(url: str, rows: list[list[float]], named: bool) -> None:
    for start in range(0, len(rows), 10):
        chunk = rows[start : start + 10]
        instances: list[Any] = [dict(zip(FEATURES, r, strict=True)) for r in chunk] if named else chunk
        status, body = processes.request("POST", url + "/predict", {"instances": instances}, timeout=10)
        assert status == 200, body


def _baseline_rows(uri: str) -> list[list[float]]:
    lines = Path(uri.removeprefix("file://")).read_text().splitlines()[1:]
    return [[float(x) for x in line.split(",")[:4]] for line in lines]


def test_a_monitor_reports_drift_from_captured_traffic_and_stops_with_its_resource(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    ep_cfg = drv.endpoint_config({"blue": (objs["model"]["id"], 100)}, data_capture={"enabled": True})
    endpoint = drv.apply("endpoint", "endpoint.watched", ep_cfg)
    cfg = full_config(
        "monitor",
        endpoint="watched",
        baseline=objs["dataset"]["uri"],
        schedule="every 1s",
        feature={"sepal width (cm)": {"statistic": "ks", "threshold": 0.5}},
        local={"min_samples": 20},
    )
    try:
        mon = drv.apply("monitor", "monitor.watched", cfg)
        folder = Path(mon["log"]).parent
        marker = str(folder / "config.json")
        assert mon["status"] == "no_data" and mon["drifted_features"] == [] and mon["drift_since"] is None
        assert processes.alive(mon["pid"], marker)

        rows = _baseline_rows(objs["dataset"]["uri"])
        shifted = [[a, b, c + 2.5, d + 1.0] for a, b, c, d in rows[::3]]
        _send(endpoint["url"], shifted[:30], named=True)
        _send(endpoint["url"], shifted[30:], named=False)  # positional rows: the model's feature order

        # The scheduled process finds the drift without being asked.
        deadline = time.monotonic() + 60
        while json.loads((folder / STATUS_FILE).read_text())["status"] != "drift":
            assert time.monotonic() < deadline, (folder / "monitor.log").read_text()
            time.sleep(0.2)

        after = drv.read("monitor", "monitor.watched", mon)
        assert after is not None
        assert after["status"] == "drift"
        assert after["drifted_features"] == ["petal length (cm)", "petal width (cm)"]
        assert after["drift_since"] <= after["last_run"]
        report = json.loads((folder / "report.json").read_text())
        assert report["window"]["live_rows"] == len(shifted)
        petal = report["features"]["petal length (cm)"]
        assert petal["statistic"] == "psi" and petal["value"] > 0.2 and petal["drifted"]
        sepal = report["features"]["sepal width (cm)"]
        assert sepal["statistic"] == "ks" and sepal["threshold"] == 0.5 and not sepal["drifted"]
        page = Path(after["report_path"]).read_text()
        assert page.count("<svg") == 4 and "<script" not in page

        # Drift stays dated from its first run while it lasts.
        again = drv.read("monitor", "monitor.watched", after)
        assert again is not None and again["drift_since"] == after["drift_since"]

        drv.destroy("monitor", "monitor.watched", after)
        assert not processes.alive(mon["pid"], marker)
        assert not folder.exists()
    finally:
        drv.destroy("endpoint", "endpoint.watched", endpoint)


def test_a_monitor_of_an_endpoint_without_data_capture_is_refused_with_the_fix(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    endpoint = drv.apply("endpoint", "endpoint.blind", drv.endpoint_config({"blue": (objs["model"]["id"], 100)}))
    try:
        with pytest.raises(Failed) as e:
            drv.apply("monitor", "monitor.blind", full_config("monitor", endpoint="blind", baseline=objs["dataset"]["uri"]))
        assert "does not capture" in str(e.value) and "data_capture { enabled = true }" in str(e.value)
        assert not list((drv.workdir / ".mlinfra" / "local" / "monitors").glob("blind/*"))
    finally:
        drv.destroy("endpoint", "endpoint.blind", endpoint)


def test_a_quality_check_scores_the_served_model_on_labelled_feedback(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    endpoint = drv.apply(
        "endpoint", "endpoint.graded", drv.endpoint_config({"blue": (objs["model"]["id"], 100)}, data_capture={"enabled": True})
    )
    labels = objs["dataset"]["uri"]  # the features and the true label of every flower
    try:
        strict = drv.apply("monitor", "monitor.strict", full_config(
            "monitor", endpoint="graded", baseline=labels, local={"min_samples": 20},
            quality={"labels": labels, "metric": "accuracy", "min": 1.0},
        ))
        lenient = drv.apply("monitor", "monitor.lenient", full_config(
            "monitor", endpoint="graded", baseline=labels, local={"min_samples": 20},
            quality={"labels": labels, "metric": "f1", "min": 0.5},
        ))
        rows = _baseline_rows(labels)
        _send(endpoint["url"], rows, named=False)
        truth = [line.rsplit(",", 1)[1] for line in Path(labels.removeprefix("file://")).read_text().splitlines()[1:]]
        status, body = processes.request("POST", endpoint["url"] + "/predict", {"instances": rows}, timeout=10)
        assert status == 200
        expected = sum(str(p) == t for p, t in zip(body["predictions"], truth, strict=True)) / len(rows)
        assert expected < 1.0  # the model misclassifies a few training flowers

        failed = drv.read("monitor", "monitor.strict", strict)
        assert failed is not None and failed["status"] == "drift" and failed["drifted_features"] == []
        assert failed["quality"]["value"] == pytest.approx(expected) and failed["quality"]["passed"] is False
        assert failed["quality"]["matched"] >= len(rows)
        passed = drv.read("monitor", "monitor.lenient", lenient)
        assert passed is not None and passed["status"] == "ok" and passed["quality"]["passed"] is True
    finally:
        for address in ("monitor.strict", "monitor.lenient"):
            found = drv.find("monitor", address)
            if found is not None:
                drv.destroy("monitor", address, found)
        drv.destroy("endpoint", "endpoint.graded", endpoint)
